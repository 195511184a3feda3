#pragma once
// Personalised care and support plans: versioned, holistic, in the person's own words.

#include <optional>
#include <string>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

enum class PlanStatus { Draft, Agreed, Superseded };

template <>
struct EnumCodes<PlanStatus> {
    static constexpr std::array<std::pair<PlanStatus, std::string_view>, 3> table{{
        {PlanStatus::Draft, "draft"},
        {PlanStatus::Agreed, "agreed"},
        {PlanStatus::Superseded, "superseded"},
    }};
};

enum class NeedDomain {
    PhysicalHealth,
    MentalHealth,
    Housing,
    MoneyAndDebt,
    Employment,
    SocialIsolation,
    CarersAndFamily,
    SubstanceUse,
    Safety,
};

template <>
struct EnumCodes<NeedDomain> {
    static constexpr std::array<std::pair<NeedDomain, std::string_view>, 9> table{{
        {NeedDomain::PhysicalHealth, "physical-health"},
        {NeedDomain::MentalHealth, "mental-health"},
        {NeedDomain::Housing, "housing"},
        {NeedDomain::MoneyAndDebt, "money-and-debt"},
        {NeedDomain::Employment, "employment"},
        {NeedDomain::SocialIsolation, "social-isolation"},
        {NeedDomain::CarersAndFamily, "carers-and-family"},
        {NeedDomain::SubstanceUse, "substance-use"},
        {NeedDomain::Safety, "safety"},
    }};
};

enum class GoalProgress { NotStarted, InProgress, Achieved, NotAchieved };

template <>
struct EnumCodes<GoalProgress> {
    static constexpr std::array<std::pair<GoalProgress, std::string_view>, 4> table{{
        {GoalProgress::NotStarted, "not-started"},
        {GoalProgress::InProgress, "in-progress"},
        {GoalProgress::Achieved, "achieved"},
        {GoalProgress::NotAchieved, "not-achieved"},
    }};
};

/// One version of a resident's care plan. Agreed versions are read-only; one draft at most.
struct CarePlan {
    CarePlanId id;
    CaseId caseId;
    int version = 1;
    PlanStatus status = PlanStatus::Draft;
    std::string whatMattersToMe;  // in the person's own words
    std::string aboutMe;          // how I communicate, how and when to support me
    std::string contingencyPlan;
    std::optional<Date> reviewDate;
    std::optional<Date> agreedOn;
    ProfessionalId agreedBy;
    CarePlanId basedOn;  // the version this draft was started from
};

/// A need in one domain, with the support planned for it. `lineage` is stable across versions.
struct Need {
    NeedId id;
    CarePlanId planId;
    std::string lineage;
    NeedDomain domain = NeedDomain::PhysicalHealth;
    std::string description;
    std::string plannedSupport;
};

/// A goal in the person's words. `lineage` stays the same across versions so actions keep
/// pointing at it when the plan is re-agreed.
struct Goal {
    GoalId id;
    CarePlanId planId;
    std::string lineage;
    NeedDomain domain = NeedDomain::PhysicalHealth;
    std::string description;
    std::optional<Date> targetDate;
    GoalProgress progress = GoalProgress::NotStarted;
    std::string progressNote;
};

}  // namespace nmdt
