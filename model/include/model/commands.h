#pragma once
// The application layer as a screen sees it: every command, without the store behind it.

#include "model/action_service.h"
#include "model/audit_service.h"
#include "model/care_plan_service.h"
#include "model/case_finding_service.h"
#include "model/case_service.h"
#include "model/conflict_service.h"
#include "model/exchange_service.h"
#include "model/meeting_service.h"
#include "model/nhs_tracing.h"
#include "model/outcome_report.h"
#include "model/outcome_service.h"
#include "model/people_service.h"
#include "model/record_access_service.h"
#include "model/report_service.h"
#include "model/service_context.h"

namespace nmdt {

/// Hands a screen the services it runs commands through, bound to the signed-in person,
/// the clock and the undo history. A screen holding Commands can run any command (each
/// checks the role) but reads only through the reader interfaces it was given beside it.
class Commands {
  public:
    explicit Commands(ServiceContext context) : ctx_(context) {}

    ActionService actions() const { return ActionService(ctx_); }
    AuditService audit() const { return AuditService(ctx_); }
    CarePlanService plans() const { return CarePlanService(ctx_); }
    CaseService cases() const { return CaseService(ctx_); }
    CaseFindingService caseFinding() const { return CaseFindingService(ctx_); }
    ConflictService conflicts(SyncStore& sync) const { return ConflictService(ctx_, sync); }
    ExchangeService exchange() const { return ExchangeService(ctx_); }
    MeetingService meetings() const { return MeetingService(ctx_); }
    PeopleService people(OpenStore& store) const { return PeopleService(ctx_, store); }
    RecordAccessService access() const { return RecordAccessService(ctx_); }
    ReportService reports() const { return ReportService(ctx_); }
    OutcomeService outcomes() const { return OutcomeService(ctx_); }
    OutcomeReportService outcomeReports() const { return OutcomeReportService(ctx_); }
    TracingService tracing() const { return TracingService(ctx_); }

    const Actor& actor() const { return ctx_.actor; }
    const Clock& clock() const { return ctx_.clock; }

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
