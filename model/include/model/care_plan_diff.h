#pragma once
// What changed between two versions of a care plan: plan fields, and needs and goals
// matched by their stable lineage (so a reworded goal is "changed", not removed+added).

#include <string>
#include <vector>

#include "model/care_plan_service.h"

namespace nmdt {

/// One difference between two versions. `item` is a plan field code ("what-matters",
/// "about-me", "contingency", "review-date") or "need" / "goal".
struct PlanDifference {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    std::string item;
    std::string before;  // empty for Added
    std::string after;   // empty for Removed
};

/// Differences going from `older` to `newer`.
std::vector<PlanDifference> compareCarePlans(const CarePlanDocument& older,
                                             const CarePlanDocument& newer);

}  // namespace nmdt
