#include "model/conflict_service.h"

#include "model/error.h"
#include "model/permissions.h"

namespace nmdt {

void ConflictService::resolve(std::int64_t conflictId, Choice choice) {
    std::optional<SyncConflict> conflict;
    for (auto& c : sync_.conflicts(true))
        if (c.id == conflictId)
            conflict = c;
    if (!conflict)
        throw DomainError(ErrorCode::NotFound, "conflict");
    const bool directory =
        conflict->kind == EntityKind::Organisation || conflict->kind == EntityKind::Professional;
    require(ctx_.actor, directory ? Operation::ManageDirectory : Operation::EditCase);
    // Current value of the field, as stored now (it may have changed since detection).
    auto stored = sync_.currentValue(conflict->kind, conflict->entityId, conflict->field);
    if (!stored)
        throw DomainError(ErrorCode::NotFound, "conflict");
    const FieldValue current = *stored;
    ChangeSet changes("resolve-sync-conflict");
    const FieldValue& chosen = choice == Choice::UseOther ? conflict->lostValue : current;
    changes.update(conflict->kind, conflict->entityId, {{conflict->field, chosen}});
    changes.setAudit({AuditEventKind::Change, "conflict:" + std::to_string(conflictId),
                      choice == Choice::UseOther ? "use-other" : "keep-current"});
    sync_.resolveConflict(conflictId,
                          (choice == Choice::UseOther ? "replaced with the other value by "
                                                      : "current value kept by ") +
                              ctx_.actor.userName,
                          changes, ctx_.actor);
}

}  // namespace nmdt
