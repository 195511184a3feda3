#pragma once
// Builds "My care and support plan": the copy of the agreed plan a resident keeps, in plain
// words, with only their own plan and the people they may need to contact.

#include "../printing/report.h"
#include "case_reports.h"
#include "model/care_plan_service.h"

namespace nmdt::gui {

/// How the resident's copy is printed.
struct ResidentCopyOptions {
    bool largePrint = false;  // body text at 16 points
};

/// The resident's own copy of an agreed plan. Leaves out what is for professionals only:
/// consent decisions, triage, referral reasons, statuses, overdue flags and action details.
Report residentPlanReport(const CaseRecord& record, const CarePlanDocument& plan,
                          const DirectoryNames& names, const PrintContext& context,
                          ResidentCopyOptions options);

}  // namespace nmdt::gui
