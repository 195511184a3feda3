#pragma once
// Reading a resident's record and taking it off the screen (a printout, a PDF) are user
// commands too: each is checked against what the reader may see and recorded in the
// audit trail through the store's single write path.

#include <string>

#include "model/audit.h"
#include "model/case_record_service.h"
#include "model/service_context.h"

namespace nmdt {

/// What was printed or saved, and about whom: "case:<id>" or "meeting:<id>".
struct OutputRecord {
    AuditEventKind kind = AuditEventKind::Print;  // Print or ExportPdf
    std::string subject;
    std::string what;  // e.g. "care plan v3"
};

/// Opens records and accounts for printouts and saved documents.
class RecordAccessService {
  public:
    explicit RecordAccessService(ServiceContext context) : ctx_(context) {}

    /// Loads a record to show and records that it was opened. A record the viewer's
    /// organisation may not see throws DomainError(NotShared) after recording the attempt.
    CaseRecord openRecord(const CaseId& id);
    /// Records a printout or a saved PDF; refuses a subject the actor may not see.
    void recordOutput(const OutputRecord& output);

  private:
    void record(AuditEvent event);
    ServiceContext ctx_;
};

}  // namespace nmdt
