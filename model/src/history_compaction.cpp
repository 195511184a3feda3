#include "model/history_compaction.h"

#include <chrono>
#include <string>

#include "model/error.h"
#include "model/permissions.h"

namespace nmdt {

HistoryCompaction compactHistory(const ServiceContext& context, SyncStore& sync, int keepDays,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress) {
    require(context.actor, Operation::CompactHistory);
    if (keepDays < kLeastHistoryDays)
        throw DomainError(ErrorCode::ValueOutOfRange, "keepDays");
    HistoryCompaction out;
    out.olderThan = context.clock.now() - std::chrono::days(keepDays);
    constexpr std::size_t kSequencesPerTransaction = 50000;
    out.removed =
        sync.compactChangeLog(toMillis(out.olderThan), kSequencesPerTransaction, progress);
    context.commit(ChangeSet::auditOnly(
        {AuditEventKind::HistoryCompacted, "change-log",
         std::to_string(out.removed) + " change-log entries the hub holds from before " +
             std::to_string(toMillis(out.olderThan)) + " removed; kept " +
             std::to_string(keepDays) + " days"}));
    return out;
}

}  // namespace nmdt
