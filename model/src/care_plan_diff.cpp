#include "model/care_plan_diff.h"

#include <map>

namespace nmdt {

namespace {
std::string describeNeed(const Need& n) {
    return std::string(codeOf(n.domain)) + ": " + n.description +
           (n.plannedSupport.empty() ? "" : " / " + n.plannedSupport);
}

std::string describeGoal(const Goal& g) {
    return std::string(codeOf(g.domain)) + ": " + g.description +
           (g.targetDate ? " (by " + toIsoDate(*g.targetDate) + ")" : "") + " [" +
           std::string(codeOf(g.progress)) + "]";
}

void compareField(std::vector<PlanDifference>& out, const char* item, const std::string& before,
                  const std::string& after) {
    if (before == after)
        return;
    auto kind = before.empty()  ? PlanDifference::Kind::Added
                : after.empty() ? PlanDifference::Kind::Removed
                                : PlanDifference::Kind::Changed;
    out.push_back({kind, item, before, after});
}

template <class T>
void compareByLineage(std::vector<PlanDifference>& out, const char* item,
                      const std::vector<T>& older, const std::vector<T>& newer,
                      std::string (*describe)(const T&)) {
    std::map<std::string, const T*> before;
    for (const auto& o : older)
        before[o.lineage] = &o;
    for (const auto& n : newer) {
        auto it = before.find(n.lineage);
        if (it == before.end()) {
            out.push_back({PlanDifference::Kind::Added, item, "", describe(n)});
            continue;
        }
        compareField(out, item, describe(*it->second), describe(n));
        before.erase(it);
    }
    for (const auto& [lineage, o] : before)
        out.push_back({PlanDifference::Kind::Removed, item, describe(*o), ""});
}
}  // namespace

std::vector<PlanDifference> compareCarePlans(const CarePlanDocument& older,
                                             const CarePlanDocument& newer) {
    std::vector<PlanDifference> out;
    compareField(out, "what-matters", older.plan.whatMattersToMe, newer.plan.whatMattersToMe);
    compareField(out, "about-me", older.plan.aboutMe, newer.plan.aboutMe);
    compareField(out, "contingency", older.plan.contingencyPlan, newer.plan.contingencyPlan);
    compareField(out, "review-date", older.plan.reviewDate ? toIsoDate(*older.plan.reviewDate) : "",
                 newer.plan.reviewDate ? toIsoDate(*newer.plan.reviewDate) : "");
    compareByLineage<Need>(out, "need", older.needs, newer.needs, describeNeed);
    compareByLineage<Goal>(out, "goal", older.goals, newer.goals, describeGoal);
    return out;
}

}  // namespace nmdt
