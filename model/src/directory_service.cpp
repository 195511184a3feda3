#include "model/directory_service.h"

#include <algorithm>

#include "model/permissions.h"

namespace nmdt {

OrganisationId DirectoryService::addOrganisation(Organisation o) {
    require(ctx_.actor, Operation::ManageDirectory);
    if (o.name.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "name");
    o.id = ctx_.ids.next<OrganisationId>();
    ctx_.commitCreate("add-organisation", o);
    return o.id;
}

ProfessionalId DirectoryService::addProfessional(Professional p) {
    require(ctx_.actor, Operation::ManageDirectory);
    Validator v;
    v.require(!p.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(!p.organisationId.empty(), ErrorCode::RequiredFieldMissing, "organisation");
    v.throwIfAny();
    if (!ctx_.store.organisation(p.organisationId))
        throw DomainError(ErrorCode::NotFound, "organisation");
    p.id = ctx_.ids.next<ProfessionalId>();
    ctx_.commitCreate("add-professional", p);
    return p.id;
}

bool odsCodeValid(const std::string& code, OrganisationKind kind) {
    auto upperOrDigit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (kind == OrganisationKind::GpPractice)
        return code.size() == 6 && code[0] >= 'A' && code[0] <= 'Z' &&
               std::all_of(code.begin() + 1, code.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    if (code.empty())
        return true;
    return code.size() >= 3 && code.size() <= 9 &&
           std::all_of(code.begin(), code.end(), upperOrDigit);
}

bool usernameValid(const std::string& u) {
    return u.size() >= 3 && u.size() <= 64 && std::all_of(u.begin(), u.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                      c == '_';
           });
}

void checkSetUp(const Organisation& o, const Professional& admin) {
    Validator v;
    v.require(!o.name.empty(), ErrorCode::RequiredFieldMissing, "organisation");
    v.require(odsCodeValid(o.odsCode, o.kind), ErrorCode::OdsCodeFormat, "odsCode");
    v.require(!admin.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(usernameValid(admin.username), ErrorCode::UsernameFormat, "username");
    v.throwIfAny();
}

ProfessionalId DirectoryService::setUpNeighbourhood(Organisation o, Professional admin) {
    if (!ctx_.store.organisations().empty() || !ctx_.store.professionals().empty())
        throw DomainError(ErrorCode::AlreadySetUp, "");
    checkSetUp(o, admin);
    o.id = ctx_.ids.next<OrganisationId>();
    admin.id = ctx_.ids.next<ProfessionalId>();
    admin.organisationId = o.id;
    admin.role = Role::Administrator;
    admin.active = true;
    ChangeSet changes("set-up-neighbourhood");
    changes.create(EntityKind::Organisation, o.id.str(), toFields(o));
    changes.create(EntityKind::Professional, admin.id.str(), toFields(admin));
    ctx_.commit(changes);
    return admin.id;
}

}  // namespace nmdt
