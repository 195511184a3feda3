#include "model/report_service.h"

#include <algorithm>
#include <map>

namespace nmdt {

namespace {

const std::array<const char*, 9> kDomainNames{
    "Physical health",  "Mental health",     "Housing",       "Money and debt", "Employment",
    "Social isolation", "Carers and family", "Substance use", "Safety"};
const std::array<const char*, 7> kStatusNames{"Requested", "Accepted",  "In progress", "On hold",
                                              "Completed", "Cancelled", "Declined"};

std::size_t indexOf(ActionStatus s) {
    return static_cast<std::size_t>(s);
}

/// Counts values into bands [from, to]; the last band has no upper end.
std::vector<ReportBar> band(const std::vector<int>& values,
                            const std::vector<std::pair<int, int>>& bands) {
    std::vector<ReportBar> out;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        auto [from, to] = bands[i];
        bool last = i + 1 == bands.size();
        ReportBar bar;
        bar.label = last ? "over " + std::to_string(from - 1) + " days"
                         : std::to_string(from) + "-" + std::to_string(to) + " days";
        for (int v : values)
            if (v >= from && (last || v <= to))
                ++bar.count;
        out.push_back(bar);
    }
    return out;
}

std::string text(std::optional<int> v) {
    return v ? std::to_string(*v) : std::string();
}

/// A table of bars, then the summary rows under them.
ReportTable barTable(std::string name, std::string title, std::vector<std::string> columns,
                     const std::vector<ReportBar>& bars,
                     std::vector<std::vector<std::string>> summary) {
    ReportTable t{std::move(name), std::move(title), std::move(columns), {}};
    for (const auto& b : bars)
        t.rows.push_back({b.label, std::to_string(b.count)});
    t.rows.insert(t.rows.end(), summary.begin(), summary.end());
    return t;
}

}  // namespace

NeighbourhoodReport ReportService::build() const {
    const Store& store = ctx_.store;
    NeighbourhoodReport r;
    r.asOf = ctx_.clock.today();
    r.openCases = store.openCaseCount();

    std::array<std::size_t, 9> domains{};
    for (const auto& d : store.caseloadByNeedDomain())
        domains[static_cast<std::size_t>(d.domain)] = d.openCases;
    for (std::size_t i = 0; i < domains.size(); ++i)
        r.caseloadByDomain.push_back({kDomainNames[i], domains[i]});
    std::stable_sort(r.caseloadByDomain.begin(), r.caseloadByDomain.end(),
                     [](const ReportBar& a, const ReportBar& b) { return a.count > b.count; });

    std::map<std::string, OrganisationActions> byOrg;
    for (const auto& o : store.organisations())
        byOrg[o.id.str()] = {o.id, o.name, {}, 0, 0, 0};
    for (const auto& t : store.actionTallies()) {
        auto& row = byOrg[t.organisation.str()];
        if (row.name.empty())
            row.name = t.organisation.empty() ? "No organisation named" : t.organisation.str();
        row.organisation = t.organisation;
        row.byStatus[indexOf(t.status)] += t.count;
        row.total += t.count;
        if (isOpen(t.status))
            row.open += t.count;
        r.actionsByStatus[indexOf(t.status)] += t.count;
    }
    std::vector<int> overdueDays;
    for (const auto& o : store.overdueActions(r.asOf)) {
        int days = daysBetween(o.due, r.asOf);
        overdueDays.push_back(days);
        auto& row = byOrg[o.organisation.str()];
        if (row.name.empty())
            row.name = o.organisation.empty() ? "No organisation named" : o.organisation.str();
        ++row.overdue;
    }
    for (auto& [id, row] : byOrg)
        if (row.total > 0)
            r.actionsByOrganisation.push_back(row);
    std::stable_sort(
        r.actionsByOrganisation.begin(), r.actionsByOrganisation.end(),
        [](const OrganisationActions& a, const OrganisationActions& b) { return a.open > b.open; });
    r.overdueTotal = overdueDays.size();
    r.overdueByAge = band(overdueDays, {{1, 7}, {8, 28}, {29, 90}, {91, 0}});
    if (!overdueDays.empty())
        r.oldestOverdueDays = *std::max_element(overdueDays.begin(), overdueDays.end());

    std::vector<int> waits;
    for (const auto& t : store.referralTimings()) {
        if (t.firstDiscussed) {
            waits.push_back(std::max(0, daysBetween(t.referralDate, *t.firstDiscussed)));
        } else if (t.status == CaseStatus::Open) {
            ++r.awaitingDiscussion;
            int soFar = daysBetween(t.referralDate, r.asOf);
            r.longestWaitSoFar = std::max(r.longestWaitSoFar.value_or(0), soFar);
        }
    }
    r.discussed = waits.size();
    r.referralToDiscussion = band(waits, {{0, 7}, {8, 14}, {15, 28}, {29, 56}, {57, 0}});
    if (!waits.empty()) {
        std::sort(waits.begin(), waits.end());
        r.medianDaysToDiscussion = waits[waits.size() / 2];
        r.longestDaysToDiscussion = waits.back();
    }
    return r;
}

std::vector<ReportTable> reportTables(const NeighbourhoodReport& r) {
    std::vector<ReportTable> out;
    std::string asOf = " (as of " + toIsoDate(r.asOf) + ")";

    out.push_back(barTable("caseload-by-need-domain", "Open caseload by need domain" + asOf,
                           {"Need domain", "Open cases with a need in it"}, r.caseloadByDomain,
                           {{"All open cases", std::to_string(r.openCases)}}));

    ReportTable actions{"actions-by-status-and-organisation",
                        "Actions by status and organisation" + asOf,
                        {"Organisation"},
                        {}};
    for (const char* s : kStatusNames)
        actions.columns.push_back(s);
    actions.columns.insert(actions.columns.end(), {"Open", "Overdue", "Total"});
    auto addRow = [&](const std::string& name, const std::array<std::size_t, 7>& by,
                      std::size_t open, std::size_t overdue, std::size_t total) {
        std::vector<std::string> row{name};
        for (auto n : by)
            row.push_back(std::to_string(n));
        row.insert(row.end(),
                   {std::to_string(open), std::to_string(overdue), std::to_string(total)});
        actions.rows.push_back(row);
    };
    std::size_t open = 0, total = 0;
    for (const auto& o : r.actionsByOrganisation) {
        addRow(o.name, o.byStatus, o.open, o.overdue, o.total);
        open += o.open;
        total += o.total;
    }
    addRow("All organisations", r.actionsByStatus, open, r.overdueTotal, total);
    out.push_back(actions);

    out.push_back(barTable("overdue-actions-by-age", "Overdue actions by days past due" + asOf,
                           {"Days overdue", "Actions"}, r.overdueByAge,
                           {{"All overdue", std::to_string(r.overdueTotal)},
                            {"Oldest (days)", text(r.oldestOverdueDays)}}));
    out.push_back(barTable("referral-to-first-mdt-discussion",
                           "Days from referral to first MDT discussion" + asOf, {"Days", "Cases"},
                           r.referralToDiscussion,
                           {{"Discussed", std::to_string(r.discussed)},
                            {"Median days", text(r.medianDaysToDiscussion)},
                            {"Longest days", text(r.longestDaysToDiscussion)},
                            {"Open, not yet discussed", std::to_string(r.awaitingDiscussion)},
                            {"Longest wait so far (days)", text(r.longestWaitSoFar)}}));
    return out;
}

namespace {
/// "-1.6", "+2.0": a signed number, which a spreadsheet reads as a number and never runs.
bool signedNumber(const std::string& v) {
    if (v.size() < 2 || (v[0] != '+' && v[0] != '-'))
        return false;
    bool digit = false, point = false;
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] >= '0' && v[i] <= '9')
            digit = true;
        else if (v[i] == '.' && !point)
            point = true;
        else
            return false;
    }
    return digit;
}

std::string csvCell(std::string v) {
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@') &&
        !signedNumber(v))
        v.insert(0, "'");  // a spreadsheet must show it, not run it
    if (v.find_first_of(",\"\r\n") == std::string::npos)
        return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void csvRow(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += csvCell(cells[i]);
    }
    out += "\r\n";
}
}  // namespace

std::string toCsv(const ReportTable& table) {
    std::string out;
    csvRow(out, table.columns);
    for (const auto& row : table.rows)
        csvRow(out, row);
    return out;
}

}  // namespace nmdt
