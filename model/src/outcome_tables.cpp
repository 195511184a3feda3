// The outcome report as tables, with small numbers suppressed in what leaves the desktop.
#include <cstdio>
#include <set>

#include "model/outcome_report.h"

namespace nmdt {

namespace {

constexpr std::array kQuestions{"Life satisfaction", "Worthwhile", "Happiness", "Anxiety"};
constexpr std::array kMeasures{"A&E attendances", "Emergency admissions", "GP contacts"};

std::string decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return std::string(text) == "-0.0" ? "0.0" : text;
}

std::string signedDecimal(double value) {
    const std::string text = decimal(value);
    return value > 0 && text != "0.0" ? "+" + text : text;
}

/// Writes counts and the figures worked out from them, suppressing for exports.
class Cells {
  public:
    explicit Cells(Disclosure disclosure) : export_(disclosure == Disclosure::Export) {}
    std::string count(std::size_t n) const {
        return export_ && !mayDisclose(n) ? kSuppressed : std::to_string(n);
    }
    /// A figure from `base` residents: suppressed in exports when fewer than five.
    std::string figure(std::size_t base, const std::string& value) const {
        if (base == 0)
            return "";
        return export_ && base < kSmallestShownCount ? kSuppressed : value;
    }
    bool exporting() const { return export_; }

  private:
    bool export_;
};

std::string percent(std::size_t part, std::size_t whole) {
    return whole ? decimal(100.0 * double(part) / double(whole)) : "";
}

std::string changePercent(double before, double after) {
    return before > 0 ? signedDecimal(100.0 * (after - before) / before) : "";
}

std::string title(const std::string& what, const OutcomeReport& r, const Cells& cells) {
    std::string text = what + " (as of " + toIsoDate(r.asOf) + ")";
    if (cells.exporting())
        text += "; * = fewer than 5, suppressed";
    return text;
}

std::vector<std::string> groupRow(const std::string& label, const OutcomeGroup& g,
                                  const Cells& cells, bool hideAll) {
    auto count = [&](std::size_t n) { return hideAll ? kSuppressed : cells.count(n); };
    auto figure = [&](std::size_t base, const std::string& value) {
        return hideAll && base ? kSuppressed : cells.figure(base, value);
    };
    std::vector<std::string> row{
        label,
        count(g.residents),
        count(g.goals),
        figure(std::min(g.residents, g.goals), percent(g.goalsAchieved, g.goals)),
        count(g.wellbeingResidents),
        figure(g.wellbeingResidents, signedDecimal(g.wellbeingLatest[0] - g.wellbeingBaseline[0])),
        figure(g.wellbeingResidents, signedDecimal(g.wellbeingLatest[3] - g.wellbeingBaseline[3])),
        count(g.serviceUseResidents)};
    for (std::size_t i = 0; i < 3; ++i) {
        row.push_back(figure(g.serviceUseResidents, decimal(g.usedBefore[i])));
        row.push_back(figure(g.serviceUseResidents, decimal(g.usedAfter[i])));
    }
    return row;
}

/// Groups to suppress whole in an export: those of 1 to 4 residents, and, when that is a
/// single group, the next smallest as well so that it cannot be found by subtraction.
std::set<std::string> suppressedGroups(const std::vector<OutcomeGroup>& groups) {
    std::set<std::string> hidden;
    for (const auto& g : groups)
        if (!mayDisclose(g.residents))
            hidden.insert(g.code);
    if (hidden.size() == 1) {
        const OutcomeGroup* next = nullptr;
        for (const auto& g : groups)
            if (!hidden.count(g.code) && g.residents && (!next || g.residents < next->residents))
                next = &g;
        if (next)
            hidden.insert(next->code);
    }
    return hidden;
}

/// A group's residents behind one measure, and its score, as a stratum or the whole.
struct Figure {
    std::size_t residents = 0;
    std::optional<double> score;
};

using FigureOf = Figure (*)(const OutcomeGroup&);

struct MeasureDefinition {
    const char* code;
    const char* description;
    const char* unit;
    FigureOf figure;
};

template <std::size_t Item>
Figure wellbeingChange(const OutcomeGroup& g) {
    if (!g.wellbeingResidents)
        return {0, std::nullopt};
    return {g.wellbeingResidents, g.wellbeingLatest[Item] - g.wellbeingBaseline[Item]};
}
template <std::size_t Measure, bool After>
Figure serviceUse(const OutcomeGroup& g) {
    if (!g.serviceUseResidents)
        return {0, std::nullopt};
    return {g.serviceUseResidents, After ? g.usedAfter[Measure] : g.usedBefore[Measure]};
}
Figure attainment(const OutcomeGroup& g) {
    if (!g.goals)
        return {g.residents, std::nullopt};
    return {g.residents, 100.0 * double(g.goalsAchieved) / double(g.goals)};
}

constexpr std::array kMeasureDefinitions{
    MeasureDefinition{"goal-attainment", "Goals achieved in the care plans in force", "%",
                      attainment},
    MeasureDefinition{"wellbeing-life-satisfaction-change",
                      "ONS4 life satisfaction: latest review less the score at referral", "points",
                      wellbeingChange<0>},
    MeasureDefinition{"wellbeing-worthwhile-change",
                      "ONS4 worthwhile: latest review less the score at referral", "points",
                      wellbeingChange<1>},
    MeasureDefinition{"wellbeing-happiness-change",
                      "ONS4 happiness: latest review less the score at referral", "points",
                      wellbeingChange<2>},
    MeasureDefinition{"wellbeing-anxiety-change",
                      "ONS4 anxiety: latest review less the score at referral (lower is better)",
                      "points", wellbeingChange<3>},
    MeasureDefinition{"ae-attendances-before",
                      "A&E attendances in the 6 months before the first MDT discussion",
                      "per resident per year", serviceUse<0, false>},
    MeasureDefinition{"ae-attendances-after",
                      "A&E attendances in the 6 months after the first MDT discussion",
                      "per resident per year", serviceUse<0, true>},
    MeasureDefinition{"emergency-admissions-before",
                      "Emergency admissions in the 6 months before the first MDT discussion",
                      "per resident per year", serviceUse<1, false>},
    MeasureDefinition{"emergency-admissions-after",
                      "Emergency admissions in the 6 months after the first MDT discussion",
                      "per resident per year", serviceUse<1, true>},
    MeasureDefinition{"gp-contacts-before",
                      "GP contacts in the 6 months before the first MDT discussion",
                      "per resident per year", serviceUse<2, false>},
    MeasureDefinition{"gp-contacts-after",
                      "GP contacts in the 6 months after the first MDT discussion",
                      "per resident per year", serviceUse<2, true>},
};

}  // namespace

OutcomeMeasures outcomeMeasures(const OutcomeReport& report) {
    OutcomeMeasures out;
    out.asOf = report.asOf;
    if (!report.attainment.empty())
        out.periodStart = *parseIsoDate(report.attainment.front().month + "-01");
    for (const auto& definition : kMeasureDefinitions) {
        OutcomeMeasure m{definition.code, definition.description, definition.unit, {}, {}, {}};
        const Figure whole = definition.figure(report.all);
        if (mayDisclose(whole.residents))
            m.residents = whole.residents;
        if (whole.residents >= kSmallestShownCount)
            m.score = whole.score;
        for (auto breakdown : {OutcomeBreakdown::Practice, OutcomeBreakdown::AgeBand,
                               OutcomeBreakdown::Sex, OutcomeBreakdown::NeedDomain}) {
            const auto& groups = report.groups(breakdown);
            // Suppressed on the residents behind this measure, with a second group when only
            // one would be hidden.
            std::vector<OutcomeGroup> behind;
            for (const auto& g : groups) {
                OutcomeGroup counted;
                counted.code = g.code;
                counted.residents = definition.figure(g).residents;
                behind.push_back(counted);
            }
            const auto hidden = suppressedGroups(behind);
            std::vector<MeasureStratum> strata;
            for (const auto& g : groups) {
                const Figure f = definition.figure(g);
                MeasureStratum s{g.code, g.name, {}, {}};
                if (!hidden.count(g.code)) {
                    s.residents = f.residents;
                    if (f.residents >= kSmallestShownCount)
                        s.score = f.score;
                }
                strata.push_back(std::move(s));
            }
            m.strata.emplace_back(breakdown, std::move(strata));
        }
        out.measures.push_back(std::move(m));
    }
    return out;
}

std::vector<ReportTable> outcomeTables(const OutcomeReport& r, OutcomeBreakdown breakdown,
                                       Disclosure disclosure) {
    const Cells cells(disclosure);
    std::vector<ReportTable> out;

    ReportTable attainment{"goal-attainment-over-time",
                           title("Goal attainment at each month's end", r, cells),
                           {"Month", "Residents with an agreed plan", "Goals", "Achieved",
                            "In progress", "Not started", "Not achieved", "Achieved (%)"},
                           {}};
    for (const auto& p : r.attainment) {
        std::vector<std::string> row{p.month, cells.count(p.residents), cells.count(p.goals)};
        for (std::size_t i : {2u, 1u, 0u, 3u})  // achieved, in progress, not started, not
            row.push_back(cells.count(p.byProgress[i]));
        row.push_back(
            cells.figure(std::min(p.residents, p.goals), percent(p.byProgress[2], p.goals)));
        attainment.rows.push_back(std::move(row));
    }
    out.push_back(std::move(attainment));

    const OutcomeGroup& all = r.all;
    ReportTable wellbeing{
        "wellbeing-change",
        title("Wellbeing (ONS4, 0 to 10) from referral to the latest review", r, cells),
        {"Question", "Residents scored twice", "At referral (mean)", "Latest (mean)", "Change",
         "Better", "Same", "Worse"},
        {}};
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t n = all.wellbeingResidents;
        wellbeing.rows.push_back(
            {kQuestions[i], cells.count(n), cells.figure(n, decimal(all.wellbeingBaseline[i])),
             cells.figure(n, decimal(all.wellbeingLatest[i])),
             cells.figure(n, signedDecimal(all.wellbeingLatest[i] - all.wellbeingBaseline[i])),
             cells.count(all.better[i]), cells.count(all.same[i]), cells.count(all.worse[i])});
    }
    out.push_back(std::move(wellbeing));

    ReportTable use{
        "service-use-before-and-after",
        title("Unplanned service use per resident per year, " + std::to_string(r.windowMonths) +
                  " months before and after the first MDT discussion",
              r, cells),
        {"Measure", "Residents", "Before", "After", "Change (%)"},
        {}};
    for (std::size_t i = 0; i < 3; ++i) {
        const std::size_t n = all.serviceUseResidents;
        use.rows.push_back({kMeasures[i], cells.count(n),
                            cells.figure(n, decimal(all.usedBefore[i])),
                            cells.figure(n, decimal(all.usedAfter[i])),
                            cells.figure(n, changePercent(all.usedBefore[i], all.usedAfter[i]))});
    }
    out.push_back(std::move(use));

    ReportTable groups{
        "outcomes-by-" + std::string(codeOf(breakdown)),
        title("Outcomes by " + std::string(codeOf(breakdown)), r, cells),
        {"Group", "Residents", "Goals", "Goals achieved (%)", "Residents scored twice",
         "Life satisfaction change", "Anxiety change", "Residents with service use", "A&E before",
         "A&E after", "Admissions before", "Admissions after", "GP contacts before",
         "GP contacts after"},
        {}};
    const auto& list = r.groups(breakdown);
    const auto hidden = cells.exporting() ? suppressedGroups(list) : std::set<std::string>{};
    for (const auto& g : list)
        groups.rows.push_back(
            groupRow(g.name.empty() ? g.code : g.name, g, cells, hidden.count(g.code) > 0));
    groups.rows.push_back(groupRow("All residents", all, cells, false));
    out.push_back(std::move(groups));
    return out;
}

}  // namespace nmdt
