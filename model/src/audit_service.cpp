#include "model/audit_service.h"

#include "model/permissions.h"

namespace nmdt {

std::vector<AuditEntry> AuditService::entries(const AuditQuery& query) const {
    require(ctx_.actor, Operation::ReviewAudit);
    return ctx_.store.auditTrail(query);
}

}  // namespace nmdt
