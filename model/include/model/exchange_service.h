#pragma once
// Exchange of records with other systems: what may leave (and is audited when it does) and
// how a received case joins this store: matched on NHS number, in one transaction.

#include <cstddef>
#include <string>

#include "model/case_transfer.h"
#include "model/service_context.h"

namespace nmdt {

/// What an import did to the store.
struct ImportResult {
    CaseId caseId;
    bool matchedExisting = false;  // the NHS number already had a case here
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t keptLocal =
        0;  // entries this store holds read-only (agreed plans, closed meetings)
};

/// Gathers records to export and takes received cases in.
class ExchangeService {
  public:
    explicit ExchangeService(ServiceContext context) : ctx_(context) {}

    /// The case as it may be sent: shared notes only; records the export in the audit trail
    /// with `destination` (a file name, say).
    CaseTransfer exportCase(const CaseId& id, const std::string& destination) const;
    /// A closed or running meeting's outcomes; records the export likewise.
    MeetingOutcomes exportMeetingOutcomes(const MeetingId& id,
                                          const std::string& destination) const;
    /// Audit entries for an administrator; records the export likewise.
    AuditTransfer exportAudit(const AuditQuery& query, const std::string& destination) const;

    /// Checks a received case and writes it in one transaction, or throws DomainError and
    /// writes nothing. The person is matched on NHS number: an existing case is updated,
    /// never duplicated. Agreed plan versions, closed meetings and progress notes already
    /// here are kept as they are.
    ImportResult importCase(CaseTransfer incoming);

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
