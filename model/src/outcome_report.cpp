#include "model/outcome_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <span>
#include <unordered_map>

namespace nmdt {

namespace {

constexpr int kAttainmentMonths = 12;

bool supported(Triage triage) {
    return triage == Triage::AcceptedForMdt || triage == Triage::NavigatorOnly ||
           triage == Triage::SocialPrescribing;
}

/// Routed elsewhere: never counted, whatever else is recorded.
bool routedAway(Triage triage) {
    return triage == Triage::Signposted || triage == Triage::Declined;
}

int ageOn(Date born, Date day) {
    int age = static_cast<int>(day.year()) - static_cast<int>(born.year());
    if (day.month() < born.month() || (day.month() == born.month() && day.day() < born.day()))
        --age;
    return age;
}

std::string ageBandOf(Date born, Date day) {
    if (!born.ok() || born.year() == std::chrono::year{0})
        return "unknown";
    const int age = ageOn(born, day);
    if (age < 18)
        return "0-17";
    if (age < 50)
        return "18-49";
    if (age < 65)
        return "50-64";
    if (age < 75)
        return "65-74";
    if (age < 85)
        return "75-84";
    return "85+";
}

Date lastDayOfMonth(const std::string& month) {
    const std::chrono::year_month ym{
        std::chrono::year{std::stoi(month.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(std::stoi(month.substr(5, 2)))}};
    return Date{ym / std::chrono::last};
}

std::array<int, 4> answers(const WellbeingScore& s) {
    return {s.lifeSatisfaction, s.worthwhile, s.happiness, s.anxiety};
}

/// What one resident contributes to every group they belong to.
struct ResidentOutcome {
    std::size_t goals = 0, achieved = 0;
    std::optional<std::pair<WellbeingScore, WellbeingScore>> wellbeing;  // baseline, latest
    std::optional<std::pair<std::array<double, 3>, std::array<double, 3>>> serviceUse;
};

/// Sums residents into a group; `finish` turns the sums into means.
struct GroupSums {
    OutcomeGroup group;
    std::array<double, 4> baseline{}, latest{};
    std::array<double, 3> before{}, after{};

    void add(const ResidentOutcome& r) {
        ++group.residents;
        group.goals += r.goals;
        group.goalsAchieved += r.achieved;
        if (r.wellbeing) {
            ++group.wellbeingResidents;
            const auto first = answers(r.wellbeing->first), last = answers(r.wellbeing->second);
            for (std::size_t i = 0; i < 4; ++i) {
                baseline[i] += first[i];
                latest[i] += last[i];
                // Anxiety (the last) is better when it falls.
                const int change = i == 3 ? first[i] - last[i] : last[i] - first[i];
                ++(change > 0 ? group.better : change < 0 ? group.worse : group.same)[i];
            }
        }
        if (r.serviceUse) {
            ++group.serviceUseResidents;
            for (std::size_t i = 0; i < 3; ++i) {
                before[i] += r.serviceUse->first[i];
                after[i] += r.serviceUse->second[i];
            }
        }
    }
    OutcomeGroup finish() {
        if (group.wellbeingResidents)
            for (std::size_t i = 0; i < 4; ++i) {
                group.wellbeingBaseline[i] = baseline[i] / double(group.wellbeingResidents);
                group.wellbeingLatest[i] = latest[i] / double(group.wellbeingResidents);
            }
        if (group.serviceUseResidents)
            for (std::size_t i = 0; i < 3; ++i) {
                group.usedBefore[i] = before[i] / double(group.serviceUseResidents);
                group.usedAfter[i] = after[i] / double(group.serviceUseResidents);
            }
        return group;
    }
};

std::vector<OutcomeGroup> finishAll(std::map<std::string, GroupSums>& sums) {
    std::vector<OutcomeGroup> out;
    for (auto& [code, s] : sums)
        out.push_back(s.finish());
    return out;
}

}  // namespace

OutcomeMeasures OutcomeReportService::exportMeasures(const OutcomeReport& report,
                                                     const std::string& destination) const {
    OutcomeMeasures measures = outcomeMeasures(report);
    if (auto org = ctx_.store.organisation(ctx_.actor.organisationId)) {
        measures.reporterName = org->name;
        measures.reporterOdsCode = org->odsCode;
    }
    ctx_.commit(ChangeSet::auditOnly(
        {AuditEventKind::ExportFhir, "outcome-report",
         "FHIR MeasureReport as of " + toIsoDate(report.asOf) + " to " + destination}));
    return measures;
}

void OutcomeReportService::recordTableExport(const std::string& table,
                                             const std::string& destination) const {
    ctx_.commit(ChangeSet::auditOnly({AuditEventKind::ExportReport, "outcome-report",
                                      "table " + table + " saved to " + destination}));
}

const std::vector<OutcomeGroup>& OutcomeReport::groups(OutcomeBreakdown breakdown) const {
    switch (breakdown) {
        case OutcomeBreakdown::Practice:
            return byPractice;
        case OutcomeBreakdown::AgeBand:
            return byAgeBand;
        case OutcomeBreakdown::Sex:
            return bySex;
        case OutcomeBreakdown::NeedDomain:
            break;
    }
    return byNeedDomain;
}

const std::vector<std::string>& ageBands() {
    static const std::vector<std::string> bands{"0-17",  "18-49", "50-64",  "65-74",
                                                "75-84", "85+",   "unknown"};
    return bands;
}

bool mayDisclose(std::size_t count) {
    return count == 0 || count >= kSmallestShownCount;
}

OutcomeReport OutcomeReportService::build() const {
    const Store& store = ctx_.store;
    OutcomeReport report;
    report.asOf = ctx_.clock.today();
    const std::string thisMonth = monthOf(report.asOf);

    // The residents the team took on: triaged to its support, or (referred before triage
    // was recorded, or still awaiting it) already discussed or with an agreed plan.
    std::unordered_map<std::string, OutcomeCase> cohort;
    for (auto& c : store.outcomeCases())
        if (!routedAway(c.triage))
            cohort.emplace(c.id.str(), std::move(c));

    // Each case's agreed versions, oldest first, with the goals each left.
    struct Version {
        Date agreedOn{};
        int version = 0;
        std::array<std::size_t, 4> byProgress{};
    };
    std::unordered_map<std::string, std::vector<Version>> versions;
    for (const auto& g : store.agreedGoals()) {
        if (!cohort.count(g.caseId.str()))
            continue;
        auto& list = versions[g.caseId.str()];
        auto it = std::find_if(list.begin(), list.end(),
                               [&](const Version& v) { return v.version == g.planVersion; });
        if (it == list.end())
            it = list.insert(list.end(), Version{g.agreedOn, g.planVersion, {}});
        ++it->byProgress[static_cast<std::size_t>(g.progress)];
    }
    for (auto& [id, list] : versions)
        std::sort(list.begin(), list.end(), [](const Version& a, const Version& b) {
            return std::tie(a.agreedOn, a.version) < std::tie(b.agreedOn, b.version);
        });
    std::erase_if(cohort, [&](const auto& entry) {
        const OutcomeCase& c = entry.second;
        return !supported(c.triage) && !c.firstDiscussed && !versions.count(entry.first);
    });
    auto inForce = [&](const std::string& caseId, Date day) -> const Version* {
        auto found = versions.find(caseId);
        if (found == versions.end())
            return nullptr;
        const Version* last = nullptr;
        for (const auto& v : found->second)
            if (v.agreedOn <= day)
                last = &v;
        return last;
    };

    for (int back = kAttainmentMonths - 1; back >= 0; --back) {
        AttainmentPoint point;
        point.month = addMonths(thisMonth, -back);
        const Date end = back == 0 ? report.asOf : lastDayOfMonth(point.month);
        for (const auto& [id, c] : cohort) {
            const Version* v = inForce(id, end);
            if (!v)
                continue;
            ++point.residents;
            for (std::size_t i = 0; i < 4; ++i) {
                point.byProgress[i] += v->byProgress[i];
                point.goals += v->byProgress[i];
            }
        }
        report.attainment.push_back(point);
    }

    std::unordered_map<std::string, ResidentOutcome> outcomes;
    for (const auto& [id, c] : cohort) {
        auto& r = outcomes[id];
        if (const Version* v = inForce(id, report.asOf)) {
            for (auto n : v->byProgress)
                r.goals += n;
            r.achieved = v->byProgress[static_cast<std::size_t>(GoalProgress::Achieved)];
        }
    }

    // Both reads come each case's rows together, oldest first: one pass per case, no maps.
    const auto scores = store.wellbeingScores();
    for (auto first = scores.begin(); first != scores.end();) {
        auto last = std::find_if(first, scores.end(),
                                 [&](const auto& s) { return s.caseId != first->caseId; });
        auto found = outcomes.find(first->caseId.str());
        if (found != outcomes.end()) {
            auto baseline = std::find_if(first, last, [](const auto& s) {
                return s.occasion == WellbeingOccasion::Referral;
            });
            if (baseline == last)
                baseline = first;
            // The latest review taken after the baseline (a review the same day counts).
            for (auto later = last; later != first;) {
                --later;
                if (later == baseline)
                    break;
                if (later->recordedOn > baseline->recordedOn ||
                    later->occasion == WellbeingOccasion::Review) {
                    found->second.wellbeing = std::pair{*baseline, *later};
                    break;
                }
            }
        }
        first = last;
    }

    // Service use in the months before the first MDT discussion (or the referral, for
    // residents not discussed yet) against the months after it, as rates per year.
    const auto months = store.serviceUseCounts();
    for (auto first = months.begin(); first != months.end();) {
        auto last = std::find_if(first, months.end(),
                                 [&](const auto& u) { return u.caseId != first->caseId; });
        const auto held = std::span(first, last);
        first = last;
        auto found = outcomes.find(held.front().caseId.str());
        if (found == outcomes.end())
            continue;
        const auto& c = cohort.at(found->first);
        const std::string index = monthOf(c.firstDiscussed.value_or(c.referralDate));
        const std::string from = addMonths(index, -report.windowMonths);
        const std::string to = addMonths(index, report.windowMonths);
        std::array<double, 3> before{}, after{};
        int monthsBefore = 0, monthsAfter = 0;
        for (const auto& u : held) {
            // The month of the discussion itself, and a month not over yet, count nothing.
            const bool isBefore = u.month >= from && u.month < index;
            const bool isAfter = u.month > index && u.month <= to && u.month < thisMonth;
            if (!isBefore && !isAfter)
                continue;
            auto& sums = isBefore ? before : after;
            ++(isBefore ? monthsBefore : monthsAfter);
            sums[0] += u.emergencyAttendances;
            sums[1] += u.emergencyAdmissions;
            sums[2] += u.gpContacts;
        }
        if (!monthsBefore || !monthsAfter)
            continue;
        for (std::size_t i = 0; i < 3; ++i) {
            before[i] *= 12.0 / monthsBefore;
            after[i] *= 12.0 / monthsAfter;
        }
        found->second.serviceUse = std::pair{before, after};
    }

    std::unordered_map<std::string, std::vector<NeedDomain>> domains;
    for (const auto& d : store.caseNeedDomains())
        if (cohort.count(d.caseId.str()))
            domains[d.caseId.str()].push_back(d.domain);

    GroupSums all;
    all.group.code = "all";
    std::map<std::string, GroupSums> practice, age, sex, domain;
    std::map<std::string, std::pair<std::string, std::string>> practiceNames;  // ODS, name
    for (const auto& [id, c] : cohort) {
        const auto& r = outcomes[id];
        all.add(r);
        const std::string practiceCode = c.practice.empty() ? "none" : c.practice.str();
        if (!practiceNames.count(practiceCode)) {
            auto org = c.practice.empty() ? std::nullopt : store.organisation(c.practice);
            practiceNames[practiceCode] =
                org ? std::pair{org->odsCode, org->name} : std::pair{std::string(), std::string()};
        }
        for (auto [sums, code] : {std::pair{&practice, practiceCode},
                                  std::pair{&age, ageBandOf(c.dateOfBirth, report.asOf)},
                                  std::pair{&sex, std::string(codeOf(c.sex))}}) {
            auto& s = (*sums)[code];
            s.group.code = code;
            s.add(r);
        }
        auto d = domains.find(id);
        if (d == domains.end()) {
            auto& s = domain["none"];
            s.group.code = "none";
            s.add(r);
            continue;
        }
        std::sort(d->second.begin(), d->second.end());
        d->second.erase(std::unique(d->second.begin(), d->second.end()), d->second.end());
        for (NeedDomain nd : d->second) {
            auto& s = domain[std::string(codeOf(nd))];
            s.group.code = std::string(codeOf(nd));
            s.add(r);
        }
    }
    report.all = all.finish();
    report.byPractice = finishAll(practice);
    // A practice is known to the ICB by its ODS code.
    for (auto& g : report.byPractice) {
        const auto& [ods, name] = practiceNames[g.code];
        if (!ods.empty())
            g.code = ods;
        g.name = name;
    }
    std::sort(report.byPractice.begin(), report.byPractice.end(),
              [](const auto& a, const auto& b) { return a.residents > b.residents; });
    auto inBandOrder = finishAll(age);
    for (const auto& band : ageBands())
        for (const auto& g : inBandOrder)
            if (g.code == band)
                report.byAgeBand.push_back(g);
    report.bySex = finishAll(sex);
    report.byNeedDomain = finishAll(domain);
    std::sort(report.byNeedDomain.begin(), report.byNeedDomain.end(),
              [](const auto& a, const auto& b) { return a.residents > b.residents; });
    return report;
}

}  // namespace nmdt
