#pragma once
// The neighbourhood reports: caseload by need domain, actions by status and organisation,
// overdue actions by age, and the wait from referral to first MDT discussion. Counts only,
// no one is named, so every role may see them.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// A labelled count, one bar of a chart.
struct ReportBar {
    std::string label;
    std::size_t count = 0;
};

/// Actions of one organisation, by status.
struct OrganisationActions {
    OrganisationId organisation;
    std::string name;
    std::array<std::size_t, 7> byStatus{};  // in ActionStatus order
    std::size_t open = 0;
    std::size_t overdue = 0;
    std::size_t total = 0;
};

/// Every report, as of one day.
struct NeighbourhoodReport {
    Date asOf{};
    std::size_t openCases = 0;
    std::vector<ReportBar> caseloadByDomain;  // every domain, largest first
    std::size_t openCasesWithoutNeeds = 0;
    std::vector<OrganisationActions> actionsByOrganisation;  // most open first
    std::array<std::size_t, 7> actionsByStatus{};
    std::vector<ReportBar> overdueByAge;  // 1-7, 8-28, 29-90, over 90 days
    std::size_t overdueTotal = 0;
    std::optional<int> oldestOverdueDays;
    std::vector<ReportBar> referralToDiscussion;  // days: 0-7, 8-14, 15-28, 29-56, over 56
    std::size_t discussed = 0;
    std::optional<int> medianDaysToDiscussion;
    std::optional<int> longestDaysToDiscussion;
    std::size_t awaitingDiscussion = 0;  // open, never discussed
    std::optional<int> longestWaitSoFar;
};

/// One report as a table, for the screen and for CSV.
struct ReportTable {
    std::string name;  // file-name friendly: "caseload-by-need-domain"
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

/// Builds the reports from the store's aggregates.
class ReportService {
  public:
    explicit ReportService(ServiceContext context) : ctx_(context) {}
    NeighbourhoodReport build() const;

  private:
    ServiceContext ctx_;
};

/// The four reports as tables: caseload, actions, overdue, referral to discussion.
std::vector<ReportTable> reportTables(const NeighbourhoodReport& report);

/// RFC 4180 CSV with a header row. Cells that a spreadsheet would run as a formula
/// (starting =, +, -, @) are prefixed with an apostrophe.
std::string toCsv(const ReportTable& table);

}  // namespace nmdt
