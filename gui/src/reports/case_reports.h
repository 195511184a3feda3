#pragma once
// Builds the reports about one resident: the printed care plan and the on-screen record.
// Headings follow the PRSB personalised care and support plan.

#include <optional>
#include <string>

#include "../printing/report.h"
#include "model/calendar.h"
#include "model/case_record_service.h"

namespace nmdt::gui {

/// Who printed, and when: shown on every page.
struct PrintContext {
    std::string printedBy;
    Timestamp printedAt{};
    Date today{};
    /// When this desktop last synced with partners; absent when it does not sync. Printed
    /// so a reader can judge whether a partner's later changes may be missing.
    std::optional<Timestamp> lastSynced;
    /// Whether this desktop syncs at all; a printout from one that does not, or never has,
    /// says so, since partners' changes are then certainly missing.
    bool syncSetUp = false;
};

/// The words for an area of life and for how a goal is going, as printouts show them.
std::string needDomainName(NeedDomain domain);
std::string goalProgressName(GoalProgress progress);

/// The identity banner for a resident: name, date of birth with age, NHS number 3-3-4.
IdentityBanner bannerFor(const Case& theCase, Date today);

/// The printed personalised care and support plan for one version of the plan.
Report carePlanReport(const CaseRecord& record, const CarePlanDocument& plan,
                      const DirectoryNames& names, const PrintContext& context);

/// The case record as the screen shows it (demographics, referral, consent, care team,
/// current plan, actions, MDT discussions).
Report caseRecordReport(const CaseRecord& record, const DirectoryNames& names, Date today);

/// The same blocks as HTML for an on-screen view (text is escaped).
std::string reportToHtml(const Report& report);

}  // namespace nmdt::gui
