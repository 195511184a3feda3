#include "model/care_plan_service.h"
#include "model/permissions.h"

namespace nmdt {

std::optional<CarePlan> CarePlanService::draft(const CaseId& caseId) const {
    for (const auto& p : ctx_.store.carePlans(caseId))
        if (p.status == PlanStatus::Draft)
            return p;
    return std::nullopt;
}

std::optional<CarePlan> CarePlanService::currentAgreed(const CaseId& caseId) const {
    for (const auto& p : ctx_.store.carePlans(caseId))  // newest first
        if (p.status == PlanStatus::Agreed)
            return p;
    return std::nullopt;
}

CarePlanDocument CarePlanService::document(const CarePlanId& id) const {
    auto plan = ctx_.store.carePlan(id);
    if (!plan)
        throw DomainError(ErrorCode::NotFound, "carePlan");
    CarePlanDocument doc{*plan, ctx_.store.needs(id), ctx_.store.goals(id), false};
    const Role role = ctx_.actor.role;
    auto hidden = [role](NeedDomain d) { return !mayReadDomain(role, d); };
    const auto needs = doc.needs.size(), goals = doc.goals.size();
    std::erase_if(doc.needs, [&](const Need& n) { return hidden(n.domain); });
    std::erase_if(doc.goals, [&](const Goal& g) { return hidden(g.domain); });
    doc.sectionsWithheld = doc.needs.size() != needs || doc.goals.size() != goals;
    return doc;
}

bool mayReadDomain(Role role, NeedDomain domain) {
    if (role != Role::VcfseWorker)
        return true;
    switch (domain) {
        case NeedDomain::Housing:
        case NeedDomain::MoneyAndDebt:
        case NeedDomain::Employment:
        case NeedDomain::SocialIsolation:
        case NeedDomain::CarersAndFamily:
            return true;
        case NeedDomain::PhysicalHealth:
        case NeedDomain::MentalHealth:
        case NeedDomain::SubstanceUse:
        case NeedDomain::Safety:
            return false;
    }
    return false;
}

CarePlanId CarePlanService::startDraft(const CaseId& caseId) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    auto theCase = ctx_.store.caseById(caseId);
    if (!theCase)
        throw DomainError(ErrorCode::NotFound, "case");
    if (theCase->status == CaseStatus::Closed)
        throw DomainError(ErrorCode::CaseClosed, "case");
    if (draft(caseId))
        throw DomainError(ErrorCode::DraftAlreadyExists, "carePlan");

    auto versions = ctx_.store.carePlans(caseId);
    CarePlan plan;
    plan.id = ctx_.ids.next<CarePlanId>();
    plan.caseId = caseId;
    plan.version = versions.empty() ? 1 : versions.front().version + 1;
    ChangeSet changes("start-care-plan-draft");
    auto agreed = currentAgreed(caseId);
    if (agreed) {
        // Copy content with new row ids but the same lineage, so goals keep their identity.
        plan.whatMattersToMe = agreed->whatMattersToMe;
        plan.aboutMe = agreed->aboutMe;
        plan.contingencyPlan = agreed->contingencyPlan;
        plan.reviewDate = agreed->reviewDate;
        plan.basedOn = agreed->id;
    }
    changes.create(EntityKind::CarePlan, plan.id.str(), toFields(plan));
    if (agreed) {
        for (Need n : ctx_.store.needs(agreed->id)) {
            n.id = ctx_.ids.next<NeedId>();
            n.planId = plan.id;
            changes.create(EntityKind::Need, n.id.str(), toFields(n));
        }
        for (Goal g : ctx_.store.goals(agreed->id)) {
            g.id = ctx_.ids.next<GoalId>();
            g.planId = plan.id;
            changes.create(EntityKind::Goal, g.id.str(), toFields(g));
        }
    }
    ctx_.commit(changes);
    return plan.id;
}

CarePlan CarePlanService::editableDraft(const CarePlanId& id) const {
    auto plan = ctx_.store.carePlan(id);
    if (!plan)
        throw DomainError(ErrorCode::NotFound, "carePlan");
    if (plan->status != PlanStatus::Draft)
        throw DomainError(ErrorCode::VersionReadOnly, "carePlan");
    return *plan;
}

void CarePlanService::saveDraft(const CarePlan& edited) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    CarePlan before = editableDraft(edited.id);
    Validator v;
    v.require(edited.whatMattersToMe.size() <= kMaxLongText, ErrorCode::TextTooLong,
              "whatMattersToMe");
    v.require(edited.contingencyPlan.size() <= kMaxLongText, ErrorCode::TextTooLong,
              "contingencyPlan");
    if (edited.reviewDate && !edited.reviewDate->ok())
        v.add(ErrorCode::DateInvalid, "reviewDate");
    v.throwIfAny();
    CarePlan after = before;  // only the editable fields are taken from the caller
    after.whatMattersToMe = edited.whatMattersToMe;
    after.aboutMe = edited.aboutMe;
    after.contingencyPlan = edited.contingencyPlan;
    after.reviewDate = edited.reviewDate;
    ctx_.commitEdit("save-care-plan-draft", before, after);
}

NeedId CarePlanService::addNeed(const CarePlanId& draftId, NeedDomain domain,
                                const std::string& description, const std::string& support) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    editableDraft(draftId);
    if (description.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "description");
    Need n{ctx_.ids.next<NeedId>(), draftId, "", domain, description, support};
    n.lineage = n.id.str();
    ctx_.commitCreate("add-need", n);
    return n.id;
}

void CarePlanService::saveNeed(const Need& need) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    Need before;
    bool found = false;
    for (const auto& n : ctx_.store.needs(need.planId))
        if (n.id == need.id)
            before = n, found = true;
    if (!found)
        throw DomainError(ErrorCode::NotFound, "need");
    editableDraft(need.planId);
    if (need.description.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "description");
    Need after = need;
    after.lineage = before.lineage;
    ctx_.commitEdit("save-need", before, after);
}

GoalId CarePlanService::addGoal(const CarePlanId& draftId, NeedDomain domain,
                                const std::string& description, std::optional<Date> targetDate) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    editableDraft(draftId);
    Validator v;
    v.require(!description.empty(), ErrorCode::RequiredFieldMissing, "description");
    if (targetDate && !targetDate->ok())
        v.add(ErrorCode::DateInvalid, "targetDate");
    v.throwIfAny();
    Goal g{ctx_.ids.next<GoalId>(),  draftId, "", domain, description, targetDate,
           GoalProgress::NotStarted, ""};
    g.lineage = g.id.str();
    ctx_.commitCreate("add-goal", g);
    return g.id;
}

void CarePlanService::saveGoal(const Goal& goal) {
    require(ctx_.actor, Operation::EditCarePlanDraft);
    Goal before;
    bool found = false;
    for (const auto& g : ctx_.store.goals(goal.planId))
        if (g.id == goal.id)
            before = g, found = true;
    if (!found)
        throw DomainError(ErrorCode::NotFound, "goal");
    editableDraft(goal.planId);
    if (goal.description.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "description");
    Goal after = goal;
    after.lineage = before.lineage;
    ctx_.commitEdit("save-goal", before, after);
}

void CarePlanService::agree(const CarePlanId& draftId) {
    require(ctx_.actor, Operation::AgreeCarePlan);
    CarePlan before = editableDraft(draftId);
    if (before.whatMattersToMe.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "whatMattersToMe");
    ChangeSet changes("agree-care-plan");
    if (auto previous = currentAgreed(before.caseId)) {
        CarePlan superseded = *previous;
        superseded.status = PlanStatus::Superseded;
        changes.update(EntityKind::CarePlan, previous->id.str(),
                       changedFields(toFields(*previous), toFields(superseded)));
    }
    CarePlan after = before;
    after.status = PlanStatus::Agreed;
    after.agreedOn = ctx_.clock.today();
    after.agreedBy = ctx_.actor.userId;
    changes.update(EntityKind::CarePlan, draftId.str(),
                   changedFields(toFields(before), toFields(after)));
    ctx_.commit(changes);
}

}  // namespace nmdt
