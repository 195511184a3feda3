#pragma once
// A case, a meeting's outcomes or a stretch of the audit trail as they leave or enter this
// store through an exchange format (FHIR), in plain model types. integration/ turns these
// into documents and back; the model decides what may go out and what may come in.

#include <string>
#include <vector>

#include "model/action.h"
#include "model/audit.h"
#include "model/care_plan.h"
#include "model/case_record.h"
#include "model/meeting.h"
#include "model/organisation.h"

namespace nmdt {

/// One care plan version with its needs and goals.
struct PlanTransfer {
    CarePlan plan;
    std::vector<Need> needs;
    std::vector<Goal> goals;
};

/// A resident's whole shareable record. Private progress notes are never in it.
struct CaseTransfer {
    Case theCase;
    /// False when the sender said nothing of the referral (a bare Patient from another
    /// system): the case's referral, key worker and status here are then kept.
    bool referralIncluded = true;
    std::vector<Contact> contacts;
    std::vector<Consent> consents;
    std::vector<CareTeamMember> careTeam;
    std::vector<PlanTransfer> plans;  // newest version first
    std::vector<Action> actions;
    std::vector<ProgressNote> notes;  // shared notes on `actions`, oldest first
    std::vector<Discussion> discussions;
    /// The directory entries the record refers to, so the receiver can name them.
    std::vector<Organisation> organisations;
    std::vector<Professional> professionals;
};

/// What one meeting decided: who came, each case discussed and the actions it raised.
struct MeetingOutcomes {
    Meeting meeting;
    std::vector<Participant> participants;
    std::vector<AgendaItem> agenda;  // in agenda order, removed items left out
    std::vector<Case> cases;         // the residents on the agenda
    std::vector<Action> actions;     // raised at this meeting
    std::vector<Organisation> organisations;
    std::vector<Professional> professionals;
};

/// Audit entries on their way out, with the directory to name who did what.
struct AuditTransfer {
    std::vector<AuditEntry> entries;
    std::string siteId;  // the desktop that recorded them
    std::vector<Organisation> organisations;
};

}  // namespace nmdt
