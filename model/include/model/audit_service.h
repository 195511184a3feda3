#pragma once
// Reviewing the audit trail: for administrators (information governance), filtered by
// event, person or subject, with the hash chain checked on request.

#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// Reads the audit trail for someone allowed to review it.
class AuditService {
  public:
    explicit AuditService(ServiceContext context) : ctx_(context) {}
    /// Throws DomainError(NotPermitted) for anyone but an administrator.
    std::vector<AuditEntry> entries(const AuditQuery& query) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
