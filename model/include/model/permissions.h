#pragma once
// Who may do what. Enforced in the services, so a refused operation changes nothing
// whichever screen (or command line, or later a partner's sync) asked for it.

#include "model/action.h"
#include "model/case_record.h"
#include "model/change_set.h"

namespace nmdt {

/// Operations that depend on the actor's role.
enum class Operation {
    ManageDirectory,  // organisations and professionals
    Refer,            // refer a resident in (practice staff too)
    EditCase,         // demographics, consent, contacts, care team, close
    TriageReferral,   // accept for the MDT, route elsewhere, signpost or decline
    EditCarePlanDraft,
    AgreeCarePlan,
    RaiseAction,
    RunMeeting,       // schedule, agenda, attendance, outcomes, open, close
    ReviewAudit,      // read the audit trail
    ExchangeRecords,  // export a case or a meeting's outcomes (FHIR), import a case
    RestoreStore,     // replace the store with a backup
    PublishSnapshot,  // send the organisation's current records for its new desktops
    CompactHistory,   // let go of old change-log entries the hub holds
    FindCases,        // import and screen a practice's case-finding lists
};

/// True if `actor`'s role allows `operation`.
bool isAllowed(const Actor& actor, Operation operation);
/// True if `actor` may change `action` (status, notes, due date, owner): chairs and
/// clinicians any action; navigators and VCFSE workers only their own or their
/// organisation's; practice staff and administrators none.
bool mayWorkOn(const Actor& actor, const Action& action);

/// True if `actor` may see the record of `theCase`, given its recorded consents. The
/// organisation that referred the resident always may; otherwise the latest decision
/// recorded for the actor's organisation counts (permit, or a recorded legal basis; a
/// refusal withholds the record from everyone there). With no decision recorded, the direct
/// care roles (chair, clinician, practice staff, administrator) may, and navigators and
/// VCFSE workers only as the resident's key worker or care team member.
bool maySeeRecord(const Actor& actor, const Case& theCase, const std::vector<Consent>& consents,
                  const std::vector<CareTeamMember>& careTeam);
void requireMaySeeRecord(const Actor& actor, const Case& theCase,
                         const std::vector<Consent>& consents,
                         const std::vector<CareTeamMember>& careTeam);

/// Throws DomainError(NotPermitted, "role") unless allowed.
void require(const Actor& actor, Operation operation);
void requireMayWorkOn(const Actor& actor, const Action& action);

}  // namespace nmdt
