#include "model/permissions.h"

#include "model/error.h"

namespace nmdt {

bool isAllowed(const Actor& actor, Operation operation) {
    const Role r = actor.role;
    switch (operation) {
        case Operation::ManageDirectory:
        case Operation::ReviewAudit:
        case Operation::RestoreStore:
            return r == Role::Administrator;
        case Operation::EditCase:
        case Operation::RaiseAction:
            return r == Role::Chair || r == Role::Clinician || r == Role::Navigator ||
                   r == Role::VcfseWorker;
        case Operation::EditCarePlanDraft:
            return r == Role::Chair || r == Role::Clinician;
        case Operation::AgreeCarePlan:
        case Operation::RunMeeting:
            return r == Role::Chair;
        case Operation::ExchangeRecords:
            // Sending a whole record elsewhere is a disclosure: the chair, clinicians and
            // the administrator who runs transfers; not the roles that see part of a record.
            return r == Role::Chair || r == Role::Clinician || r == Role::Administrator;
    }
    return false;
}

bool mayWorkOn(const Actor& actor, const Action& action) {
    switch (actor.role) {
        case Role::Chair:
        case Role::Clinician:
            return true;
        case Role::Navigator:
        case Role::VcfseWorker:
            return (!actor.userId.empty() && action.owner == actor.userId) ||
                   (!actor.organisationId.empty() &&
                    action.ownerOrganisation == actor.organisationId);
        case Role::PracticeStaff:
        case Role::Administrator:
            return false;
    }
    return false;
}

void require(const Actor& actor, Operation operation) {
    if (!isAllowed(actor, operation))
        throw DomainError(ErrorCode::NotPermitted, "role");
}

void requireMayWorkOn(const Actor& actor, const Action& action) {
    if (!mayWorkOn(actor, action))
        throw DomainError(ErrorCode::NotPermitted, "role");
}

}  // namespace nmdt
