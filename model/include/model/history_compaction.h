#pragma once
// Letting go of old values in the change log: the command, and how long values are kept.

#include <cstddef>
#include <functional>

#include "model/service_context.h"
#include "model/sync_store.h"

namespace nmdt {

/// How long every change's values stay in the change log at least, and by default. A
/// year covers a care plan's review cycle twice; the audit trail keeps who changed what,
/// and when, for ever.
inline constexpr int kLeastHistoryDays = 90;
inline constexpr int kDefaultHistoryDays = 365;

/// What compacting the history did.
struct HistoryCompaction {
    std::size_t removed = 0;
    Timestamp olderThan;  // entries before this were considered
};

/// Removes change-log entries older than `keepDays` that the hub holds
/// (SyncStore::compactChangeLog), and records that it did in the audit trail. Administrators only
/// (DomainError NotPermitted); `keepDays` below kLeastHistoryDays is refused (ValueOutOfRange,
/// "keepDays").
HistoryCompaction compactHistory(const ServiceContext& context, SyncStore& sync, int keepDays,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress);

}  // namespace nmdt
