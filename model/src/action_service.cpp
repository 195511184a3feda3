#include "model/action_service.h"
#include "model/permissions.h"

namespace nmdt {

Action ActionService::prepare(const NewAction& r) const {
    Validator v;
    v.require(!r.title.empty(), ErrorCode::RequiredFieldMissing, "title");
    v.require(r.title.size() <= kMaxShortText, ErrorCode::TextTooLong, "title");
    v.require(r.detail.size() <= kMaxLongText, ErrorCode::TextTooLong, "detail");
    v.require(!r.owner.empty() || !r.ownerOrganisation.empty(), ErrorCode::RequiredFieldMissing,
              "owner");
    if (r.dueDate && !r.dueDate->ok())
        v.add(ErrorCode::DateInvalid, "dueDate");
    v.throwIfAny();
    auto theCase = ctx_.store.caseById(r.caseId);
    if (!theCase)
        throw DomainError(ErrorCode::NotFound, "case");
    if (theCase->status == CaseStatus::Closed)
        throw DomainError(ErrorCode::CaseClosed, "case");
    Action a;
    a.id = ctx_.ids.next<ActionId>();
    a.caseId = r.caseId;
    a.goalLineage = r.goalLineage;
    a.meetingId = r.meetingId;
    a.title = r.title;
    a.detail = r.detail;
    a.owner = r.owner;
    a.ownerOrganisation = r.ownerOrganisation;
    if (a.ownerOrganisation.empty()) {
        if (auto p = ctx_.store.professional(r.owner))
            a.ownerOrganisation = p->organisationId;
    }
    a.requester = ctx_.actor.userId;
    a.dueDate = r.dueDate;
    a.priority = r.priority;
    a.createdAt = a.updatedAt = ctx_.clock.now();
    return a;
}

ActionId ActionService::raise(const NewAction& request) {
    require(ctx_.actor, Operation::RaiseAction);
    Action a = prepare(request);
    ctx_.commitCreate("raise-action", a);
    return a.id;
}

Action ActionService::get(const ActionId& id) const {
    auto a = ctx_.store.action(id);
    if (!a)
        throw DomainError(ErrorCode::NotFound, "action");
    return *a;
}

void ActionService::changeStatus(const ActionId& id, ActionStatus to, const std::string& reason) {
    Action before = get(id);
    requireMayWorkOn(ctx_.actor, before);
    if (before.status == to)
        return;
    if (!canTransition(before.status, to))
        throw DomainError(ErrorCode::InvalidStatusTransition, "status");
    if (transitionNeedsReason(before.status, to) && reason.empty())
        throw DomainError(ErrorCode::ReasonRequired, "statusReason");
    Action after = before;
    after.status = to;
    after.statusReason = reason;
    after.updatedAt = ctx_.clock.now();
    ctx_.commitEdit("update-action-status", before, after);
}

NoteId ActionService::addNote(const ActionId& id, const std::string& text, NoteSharing sharing) {
    requireMayWorkOn(ctx_.actor, get(id));
    Validator v;
    v.require(!text.empty(), ErrorCode::RequiredFieldMissing, "text");
    v.require(text.size() <= kMaxLongText, ErrorCode::TextTooLong, "text");
    v.throwIfAny();
    ProgressNote note{ctx_.ids.next<NoteId>(), id,   ctx_.actor.userId,
                      ctx_.clock.now(),        text, sharing == NoteSharing::PrivateToThisDesktop};
    ctx_.commitCreate("add-progress-note", note);
    return note.id;
}

void ActionService::reassign(const ActionId& id, const ProfessionalId& owner,
                             const OrganisationId& organisation) {
    Action before = get(id);
    requireMayWorkOn(ctx_.actor, before);
    if (owner.empty() && organisation.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "owner");
    if (!owner.empty() && !ctx_.store.professional(owner))
        throw DomainError(ErrorCode::NotFound, "owner");
    Action after = before;
    after.owner = owner;
    after.ownerOrganisation = organisation;
    if (organisation.empty()) {
        if (auto p = ctx_.store.professional(owner))
            after.ownerOrganisation = p->organisationId;
    }
    after.updatedAt = ctx_.clock.now();
    ctx_.commitEdit("reassign-action", before, after);
}

void ActionService::reschedule(const ActionId& id, std::optional<Date> dueDate) {
    Action before = get(id);
    requireMayWorkOn(ctx_.actor, before);
    if (dueDate && !dueDate->ok())
        throw DomainError(ErrorCode::DateInvalid, "dueDate");
    Action after = before;
    after.dueDate = dueDate;
    after.updatedAt = ctx_.clock.now();
    ctx_.commitEdit("reschedule-action", before, after);
}

void ActionService::replan(const ActionId& id, std::optional<Date> dueDate, Priority priority,
                           const std::string& reason) {
    Action before = get(id);
    requireMayWorkOn(ctx_.actor, before);
    if (!isOpen(before.status))
        throw DomainError(ErrorCode::InvalidStatusTransition, "status");
    Validator v;
    v.require(!dueDate || dueDate->ok(), ErrorCode::DateInvalid, "dueDate");
    v.require(dueDate != before.dueDate || priority != before.priority,
              ErrorCode::RequiredFieldMissing, "dueDate");
    v.require(reason.find_first_not_of(" \t\r\n") != std::string::npos, ErrorCode::ReasonRequired,
              "reason");
    v.require(reason.size() <= kMaxLongText, ErrorCode::TextTooLong, "reason");
    v.throwIfAny();
    Action after = before;
    after.dueDate = dueDate;
    after.priority = priority;
    after.updatedAt = ctx_.clock.now();
    ProgressNote note{ctx_.ids.next<NoteId>(), id,     ctx_.actor.userId,
                      ctx_.clock.now(),        reason, false};
    ChangeSet changes("replan-action");
    changes.update(EntityKind::Action, id.str(), changedFields(toFields(before), toFields(after)));
    changes.create(EntityKind::ProgressNote, note.id.str(), toFields(note));
    ctx_.commit(changes);
}

std::vector<Action> ActionService::mine(std::size_t limit) const {
    ActionQuery q;
    q.owner = ctx_.actor.userId;
    q.openOnly = true;
    q.limit = limit;
    return ctx_.store.actions(q);
}

std::vector<Action> ActionService::forOrganisation(const OrganisationId& org,
                                                   std::size_t limit) const {
    ActionQuery q;
    q.ownerOrganisation = org;
    q.openOnly = true;
    q.limit = limit;
    return ctx_.store.actions(q);
}

std::vector<Action> ActionService::overdue(const std::optional<OrganisationId>& org,
                                           std::size_t limit) const {
    ActionQuery q;
    q.ownerOrganisation = org;
    q.overdueAsOf = ctx_.clock.today();
    q.limit = limit;
    return ctx_.store.actions(q);
}

std::size_t ActionService::overdueCount(const std::optional<OrganisationId>& org) const {
    ActionQuery q;
    q.ownerOrganisation = org;
    q.overdueAsOf = ctx_.clock.today();
    return ctx_.store.countActions(q);
}

}  // namespace nmdt
