#include "model/directory_service.h"
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

}  // namespace nmdt
