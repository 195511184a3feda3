#include "model/people_service.h"

#include <algorithm>
#include <cctype>

#include "model/directory_service.h"
#include "model/permissions.h"

namespace nmdt {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
}  // namespace

Professional PeopleService::requireMine(const ProfessionalId& id) const {
    require(ctx_.actor, Operation::ManageDirectory);
    auto person = ctx_.store.professional(id);
    if (!person)
        throw DomainError(ErrorCode::NotFound, "person");
    // Only an organisation's own administrators change its people.
    if (person->organisationId != ctx_.actor.organisationId)
        throw DomainError(ErrorCode::NotPermitted, "organisation");
    return *person;
}

void PeopleService::requireUsernameFree(const std::string& username,
                                        const ProfessionalId& except) const {
    for (const auto& p : ctx_.store.professionals())
        if (p.id != except && lower(p.username) == lower(username))
            throw DomainError(ErrorCode::DuplicateName, "username");
}

OrganisationId PeopleService::addOrganisation(Organisation organisation) {
    require(ctx_.actor, Operation::ManageDirectory);
    if (!odsCodeValid(organisation.odsCode, organisation.kind))
        throw DomainError(ErrorCode::OdsCodeFormat, "odsCode");
    return DirectoryService(ctx_).addOrganisation(std::move(organisation));
}

ProfessionalId PeopleService::addPerson(Professional person) {
    require(ctx_.actor, Operation::ManageDirectory);
    if (person.organisationId.empty())
        person.organisationId = ctx_.actor.organisationId;
    if (person.organisationId != ctx_.actor.organisationId)
        throw DomainError(ErrorCode::NotPermitted, "organisation");
    person.username = lower(person.username);
    Validator v;
    v.require(!person.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(usernameValid(person.username), ErrorCode::UsernameFormat, "username");
    v.throwIfAny();
    requireUsernameFree(person.username, ProfessionalId());
    person.active = true;
    return DirectoryService(ctx_).addProfessional(std::move(person));
}

void PeopleService::editPerson(const Professional& edited) {
    Professional before = requireMine(edited.id);
    Professional after = edited;
    after.username = lower(after.username);
    after.organisationId = before.organisationId;  // moving someone is a leaver and a joiner
    after.active = before.active;
    Validator v;
    v.require(!after.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(usernameValid(after.username), ErrorCode::UsernameFormat, "username");
    v.throwIfAny();
    requireUsernameFree(after.username, after.id);
    ctx_.commitEdit("edit-person", before, after);
}

void PeopleService::setPassphrase(const ProfessionalId& id, const Passphrase& passphrase) {
    Professional person = requireMine(id);
    if (!person.active)
        throw DomainError(ErrorCode::NotPermitted, "person");
    requireAcceptable(passphrase);
    store_.grantSignIn(person, person.username, passphrase, ctx_.actor);
}

Handover PeopleService::deactivate(const ProfessionalId& leaverId,
                                   const ProfessionalId& successorId) {
    Professional leaver = requireMine(leaverId);
    if (successorId == leaverId)
        throw DomainError(ErrorCode::NotPermitted, "successor");
    auto successor = ctx_.store.professional(successorId);
    if (!successor || !successor->active)
        throw DomainError(ErrorCode::NotFound, "successor");
    if (!leaver.active)
        throw DomainError(ErrorCode::InvalidStatusTransition, "person");
    ChangeSet changes("hand-over-leaver");
    Professional left = leaver;
    left.active = false;
    changes.update(EntityKind::Professional, leaver.id.str(),
                   changedFields(toFields(leaver), toFields(left)));
    Handover moved;
    ActionQuery open;
    open.owner = leaver.id;
    open.openOnly = true;
    open.limit = 100000;
    for (const auto& a : ctx_.store.actions(open)) {
        changes.update(EntityKind::Action, a.id.str(),
                       {{"owner_id", FieldValue(successor->id.str())},
                        {"owner_org_id", FieldValue(successor->organisationId.str())}});
        ++moved.actions;
    }
    for (const auto& c : ctx_.store.openCasesHeldBy(leaver.id)) {
        changes.update(EntityKind::Case, c.str(),
                       {{"key_worker_id", FieldValue(successor->id.str())}});
        ++moved.cases;
    }
    changes.setAudit({AuditEventKind::Change, "professional:" + leaver.id.str(),
                      "left; " + std::to_string(moved.actions) + " actions and " +
                          std::to_string(moved.cases) +
                          " cases to professional:" + successor->id.str()});
    ctx_.commit(changes);
    // Refused at sign-in anyway once inactive; the slot goes too, so nothing of theirs
    // opens the store.
    store_.revokeSignIn(leaver.id, ctx_.actor);
    return moved;
}

std::string PeopleService::newRecoveryKey() {
    require(ctx_.actor, Operation::ManageDirectory);
    return store_.replaceRecoveryKey(ctx_.actor);
}

}  // namespace nmdt
