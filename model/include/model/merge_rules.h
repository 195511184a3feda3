#pragma once
// The merge rules, as pure functions so every desktop makes the same decision from the
// same inputs (which is what convergence needs). Storage applies what they decide.

#include <optional>
#include <string_view>

#include "model/sync_types.h"

namespace nmdt {

/// What to do with one incoming field value.
struct FieldDecision {
    bool takeRemote = false;
    /// The two values were written without either writer seeing the other, they differ,
    /// and the field is one a person typed: the loser is kept as a conflict.
    bool conflict = false;
};

/// Decides one field. `local` is absent when this desktop has no stamp for the field.
/// `remoteBase` is the stamp the remote writer had replaced (absent for its creates).
FieldDecision decideField(EntityKind kind, std::string_view field,
                          const std::optional<SiteStamp>& localStamp, const FieldValue& localValue,
                          const SiteStamp& remoteStamp, const FieldValue& remoteValue,
                          const std::optional<SiteStamp>& remoteBase);

/// Fields whose concurrent edits are settled without asking anyone (positions, timestamps).
bool isMechanicalField(EntityKind kind, std::string_view field);

/// A stamp whose wall time is more than kMaxClockLeadMs past `hubTimeMs` is replaced by one
/// at that bound, ordered by the hub's sequence; every desktop computes the same result.
SiteStamp clampStamp(const SiteStamp& stamp, std::int64_t hubTimeMs, std::int64_t hubSequence);
bool needsClamp(const SiteStamp& stamp, std::int64_t hubTimeMs);

}  // namespace nmdt
