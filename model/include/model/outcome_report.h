#pragma once
// The outcome reports: goal attainment over time, wellbeing change (ONS4) from referral to
// the latest review, and unplanned service use before and after the MDT, for every
// resident the team took on and by practice, age band, sex and need domain. Counts only.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/report_service.h"
#include "model/service_context.h"

namespace nmdt {

/// How the residents are grouped in the breakdown tables.
enum class OutcomeBreakdown { Practice, AgeBand, Sex, NeedDomain };

template <>
struct EnumCodes<OutcomeBreakdown> {
    static constexpr std::array<std::pair<OutcomeBreakdown, std::string_view>, 4> table{{
        {OutcomeBreakdown::Practice, "practice"},
        {OutcomeBreakdown::AgeBand, "age-band"},
        {OutcomeBreakdown::Sex, "sex"},
        {OutcomeBreakdown::NeedDomain, "need-domain"},
    }};
};

/// The ONS4 questions in report order.
enum class WellbeingItem { LifeSatisfaction, Worthwhile, Happiness, Anxiety };
/// The service-use counts in report order.
enum class ServiceUseMeasure { EmergencyAttendances, EmergencyAdmissions, GpContacts };

/// Goals as the plans in force at the end of one month left them.
struct AttainmentPoint {
    std::string month;  // "2026-05"
    std::size_t residents = 0;
    std::size_t goals = 0;
    std::array<std::size_t, 4> byProgress{};  // in GoalProgress order
};

/// The outcome figures of one group of residents (or of all of them).
struct OutcomeGroup {
    std::string code;  // ODS code, "65-74", "female", "housing"; "all" for everyone
    std::string name;  // the practice's name; otherwise empty (the screens word the code)
    std::size_t residents = 0;
    std::size_t goals = 0;  // in the plans in force
    std::size_t goalsAchieved = 0;
    std::size_t wellbeingResidents = 0;         // with a score at referral and a later one
    std::array<double, 4> wellbeingBaseline{};  // means, in WellbeingItem order
    std::array<double, 4> wellbeingLatest{};
    std::array<std::size_t, 4> better{}, same{}, worse{};  // residents, per item
    std::size_t serviceUseResidents = 0;                   // with months held both before and after
    std::array<double, 3> usedBefore{};  // per resident per year, ServiceUseMeasure order
    std::array<double, 3> usedAfter{};
};

/// Every outcome figure as of one day.
struct OutcomeReport {
    Date asOf{};
    int windowMonths = 6;  // months before and after the first MDT discussion compared
    OutcomeGroup all;
    std::vector<AttainmentPoint> attainment;  // the last 12 months, oldest first
    std::vector<OutcomeGroup> byPractice, byAgeBand, bySex, byNeedDomain;
    const std::vector<OutcomeGroup>& groups(OutcomeBreakdown breakdown) const;
};

/// The age bands of the reports, by age on the report's day.
const std::vector<std::string>& ageBands();

struct OutcomeMeasures;

/// Builds the outcome report from the store. Every role may read it (no one is named).
class OutcomeReportService {
  public:
    explicit OutcomeReportService(ServiceContext context) : ctx_(context) {}
    OutcomeReport build() const;
    /// The measures of `report` for sending to the ICB, small numbers suppressed; records
    /// the export (to `destination`) in the audit trail.
    OutcomeMeasures exportMeasures(const OutcomeReport& report,
                                   const std::string& destination) const;
    /// Records in the audit trail that an outcome table was saved for use elsewhere.
    void recordTableExport(const std::string& table, const std::string& destination) const;

  private:
    ServiceContext ctx_;
};

/// Who a table is for: the screen shows every count; what leaves the desktop (CSV, the
/// FHIR MeasureReport, print) has small numbers suppressed.
enum class Disclosure { Screen, Export };

/// Counts from 1 to 4 are suppressed in exports, as are figures worked out from fewer than
/// 5 residents (NHS statistical disclosure control).
constexpr std::size_t kSmallestShownCount = 5;
/// How a suppressed cell reads.
inline constexpr const char* kSuppressed = "*";
/// True if `count` may leave the desktop as it is.
bool mayDisclose(std::size_t count);

/// One group's figure in a measure: its residents (empty when suppressed) and its score
/// (empty when suppressed or when there is nothing to score).
struct MeasureStratum {
    std::string code;  // "female", "65-74", an ODS code
    std::string name;  // the practice's name, when the code is an ODS code
    std::optional<std::size_t> residents;
    std::optional<double> score;
};

/// One outcome measure for the ICB: everyone's figure and each breakdown's.
struct OutcomeMeasure {
    std::string code;  // "goal-attainment", "wellbeing-anxiety-change", "ae-attendances-after"
    std::string description;
    std::string unit;  // "%", "points", "per resident per year"
    std::optional<std::size_t> residents;
    std::optional<double> score;
    std::vector<std::pair<OutcomeBreakdown, std::vector<MeasureStratum>>> strata;
};

/// The outcome measures as they may leave the desktop: small numbers suppressed.
struct OutcomeMeasures {
    std::string reporterName;  // the organisation sending it
    std::string reporterOdsCode;
    Date asOf{};
    Date periodStart{};  // the first month of the attainment series
    std::vector<OutcomeMeasure> measures;
};
OutcomeMeasures outcomeMeasures(const OutcomeReport& report);

/// The report as tables: attainment over time, wellbeing change, service use before and
/// after, and one breakdown table (codes where the screens word them: "female", "65-74").
std::vector<ReportTable> outcomeTables(const OutcomeReport& report, OutcomeBreakdown breakdown,
                                       Disclosure disclosure);

}  // namespace nmdt
