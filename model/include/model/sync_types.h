#pragma once
// What travels between desktops when they sync, and what a desktop keeps about it:
// stamped entity changes, their merge metadata, conflicts and problems. Plain data only.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/change_set.h"

namespace nmdt {

/// The total order of writes: hybrid logical clock, then site id to break ties.
struct SiteStamp {
    HlcStamp hlc;
    std::string site;
    auto operator<=>(const SiteStamp&) const = default;
};

/// The stamp of each field's current value, by field name.
struct FieldStamp {
    std::string field;
    SiteStamp stamp;
    bool operator==(const FieldStamp&) const = default;
};
using FieldStamps = std::vector<FieldStamp>;

const SiteStamp* findStamp(const FieldStamps& stamps, std::string_view field);
void setStamp(FieldStamps& stamps, std::string_view field, const SiteStamp& stamp);
/// Text encoding for storage; decode throws MalformedChangeData on anything out of shape.
std::string encodeStamps(const FieldStamps& stamps);
FieldStamps decodeStamps(std::string_view encoded);

/// One entity change as it travels: the change log entry, and the stamps of the values
/// it replaced on the authoring desktop (so a receiver can tell a concurrent edit from a
/// later one).
struct SyncEntry {
    ChangeLogEntry change;
    FieldStamps base;
    /// Set only on a record re-sent to an organisation newly allowed to see it: each
    /// field's own stamp, so the receiver orders it as the original edits were ordered.
    FieldStamps fieldStamps;
    bool isSnapshot() const { return !fieldStamps.empty(); }
};

/// The decrypted, authenticated content of one envelope from the hub.
struct ReceivedBatch {
    std::int64_t hubSequence = 0;
    std::int64_t hubTimeMs = 0;  // when the hub accepted it: the bound for clock clamping
    std::string site;
    std::string signer;              // subject of the certificate that signed it
    std::string signerOrganisation;  // that certificate's O, read from its parsed fields
    std::vector<SyncEntry> entries;
};

/// Something about sync that a person should know: told in plain words, kept locally.
struct SyncProblem {
    std::int64_t atMs = 0;
    std::string kind;  // "clock-clamped", "undecryptable", "refused-change", "network", ...
    std::string message;
};

/// A value that lost to a concurrent edit of the same field, kept until a person decides.
struct SyncConflict {
    std::int64_t id = 0;
    EntityKind kind{};
    std::string entityId;
    std::string field;
    FieldValue keptValue;
    SiteStamp keptStamp;
    FieldValue lostValue;
    SiteStamp lostStamp;
    std::string lostUserName;
    std::string lostOrganisationId;
    std::int64_t detectedAtMs = 0;
    bool resolved = false;
    std::string resolution;  // how it was resolved, when it was
};

/// A case that shares its NHS number with another (the same person created on two desktops).
struct DuplicatePerson {
    std::string nhsNumber;
    std::vector<std::string> caseIds;  // oldest first
};

/// Where this desktop is in the exchange with its hub.
struct SyncCursors {
    std::int64_t pushedThrough = 0;  // highest own change-log sequence the hub acknowledged
    std::int64_t pulledThrough = 0;  // highest hub sequence applied here
    std::int64_t lastSuccessMs = 0;  // end of the last sync that completed; 0 = never
};

/// How applying one page went.
struct ApplyReport {
    std::size_t entriesApplied = 0;
    std::size_t fieldsChanged = 0;
    std::size_t conflicts = 0;
    std::size_t refused = 0;
    std::size_t clamped = 0;
};

/// One checked snapshot chunk to load, and where loading it leaves the join: `progress` is
/// kept (as the sync setting "snapshot_progress") in the same transaction as the records,
/// and on the last chunk the pull cursor moves to `cursor`.
struct SnapshotChunkLoad {
    std::string site, signer;  // the producing desktop, bound as an envelope's would be
    std::vector<SyncEntry> entries;
    std::string progress;
    std::optional<std::int64_t> cursor;
};

/// Incoming clocks more than this far ahead of the hub's time are clamped to it.
inline constexpr std::int64_t kMaxClockLeadMs = 5 * 60 * 1000;

}  // namespace nmdt
