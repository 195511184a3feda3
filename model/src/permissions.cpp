#include "model/permissions.h"

#include "model/error.h"

namespace nmdt {

bool isAllowed(const Actor& actor, Operation operation) {
    const Role r = actor.role;
    switch (operation) {
        case Operation::ManageDirectory:
        case Operation::ReviewAudit:
        case Operation::RestoreStore:
        case Operation::PublishSnapshot:
        case Operation::CompactHistory:
            return r == Role::Administrator;
        case Operation::Refer:
            return r != Role::Administrator;
        case Operation::EditCase:
        case Operation::RaiseAction:
            return r == Role::Chair || r == Role::Clinician || r == Role::Navigator ||
                   r == Role::VcfseWorker || r == Role::Coordinator;
        case Operation::EditCarePlanDraft:
            return r == Role::Chair || r == Role::Clinician;
        case Operation::AgreeCarePlan:
            return r == Role::Chair;
        case Operation::RunMeeting:
        case Operation::TriageReferral:
            // The coordinator prepares the agenda, triages and takes the minutes.
            return r == Role::Chair || r == Role::Coordinator;
        case Operation::FindCases:
            // The practice's own staff, and the clinicians and chair who screen with them;
            // not partners' caseworkers, who see only people already referred.
            return r == Role::PracticeStaff || r == Role::Clinician || r == Role::Chair ||
                   r == Role::Coordinator;
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
        case Role::Coordinator:  // records what was agreed about any action in the meeting
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

bool maySeeRecord(const Actor& actor, const Case& theCase, const std::vector<Consent>& consents,
                  const std::vector<CareTeamMember>& careTeam) {
    const OrganisationId& org = actor.organisationId;
    if (org.empty() || org == theCase.referrerOrganisation)
        return true;
    // The latest decision for this organisation counts, as on sync.
    const Consent* latest = nullptr;
    for (const auto& c : consents)
        if (c.organisationId == org &&
            (!latest || std::make_pair(toIsoDate(c.recordedOn), c.id.str()) >=
                            std::make_pair(toIsoDate(latest->recordedOn), latest->id.str())))
            latest = &c;
    if (latest)
        return latest->decision == ConsentDecision::Permit || !latest->legalBasis.empty();
    switch (actor.role) {
        case Role::Chair:
        case Role::Clinician:
        case Role::PracticeStaff:
        case Role::Administrator:
        case Role::Coordinator:
            return true;
        case Role::Navigator:
        case Role::VcfseWorker:
            if (!actor.userId.empty() && theCase.keyWorker == actor.userId)
                return true;
            for (const auto& m : careTeam)
                if (m.active && m.professionalId == actor.userId)
                    return true;
            return false;
    }
    return false;
}

void requireMaySeeRecord(const Actor& actor, const Case& theCase,
                         const std::vector<Consent>& consents,
                         const std::vector<CareTeamMember>& careTeam) {
    if (!maySeeRecord(actor, theCase, consents, careTeam))
        throw DomainError(ErrorCode::NotShared, "consent");
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
