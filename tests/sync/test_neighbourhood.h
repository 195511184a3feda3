#pragma once
// The neighbourhood the snapshot and pruning tests share: two organisations with a history
// of referrals, consents, actions, a meeting and a private note, on a real hub.

#include <boost/test/unit_test.hpp>

#include <sstream>

#include "model/action_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "sync_fixture.h"

namespace nmdt::test {

inline void requireSynced(const SyncReport& r) {
    BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : std::string()));
}

/// A neighbourhood with history: the practice (desktop 0) refers four residents, shares
/// three with the VCFSE, raises actions and holds a meeting; the VCFSE navigator (desktop 1)
/// works an action and keeps a private note. Desktop 4, of the VCFSE too, joins later.
struct Neighbourhood {
    HubProcess hub;
    integration::SyncCredentials team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    Desktop vcfse{1, hub, team};
    std::vector<CaseId> shared;
    CaseId practiceOnly;
    ActionId navigatorsAction;
    NoteId privateNote;

    Neighbourhood() {
        people.writeTo(practice);
        requireSynced(practice.sync());
        CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
        ActionService actions(practice.as(people.gp, Role::Clinician, kPractice));
        for (int n = 0; n < 4; ++n) {
            auto id = cases.refer(
                {resident("Resident", "Number" + std::to_string(n), testNhsNumber(7100 + n)),
                 people.gp,
                 kPractice,
                 "frailty, lives alone",
                 day(2026, 11, 2),
                 {}});
            if (n == 3) {
                practiceOnly = id;
                continue;
            }
            cases.recordConsent(id, kVcfse, ConsentDecision::Permit);
            shared.push_back(id);
            auto action = actions.raise({id,
                                         "Befriending visit " + std::to_string(n),
                                         "",
                                         people.navigator,
                                         kVcfse,
                                         day(2026, 12, 4),
                                         Priority::Routine,
                                         {},
                                         {}});
            if (n == 0)
                navigatorsAction = action;
        }
        MeetingService meetings(practice.as(people.chair, Role::Chair, kPractice));
        auto meeting = meetings.schedule(meetingOn(day(2026, 11, 24), people.chair));
        meetings.addItem(meeting, shared[0], "new referral");
        requireSynced(practice.sync());
        requireSynced(vcfse.sync());
        ActionService navigator(vcfse.as(people.navigator, Role::Navigator, kVcfse));
        navigator.changeStatus(navigatorsAction, ActionStatus::Accepted);
        navigator.addNote(navigatorsAction, "Phoned; visit on Tuesday.");
        privateNote = navigator.addNote(navigatorsAction, "Sounded low; check next week.",
                                        NoteSharing::PrivateToThisDesktop);
        requireSynced(vcfse.sync());
        requireSynced(practice.sync());
    }

    /// What the practice does after the snapshot: the joiner gets it by pulling on.
    void laterEdits() {
        CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
        auto current = cases.get(shared[1]).resident;
        current.phone = "0117 496 0555";
        cases.updateResident(shared[1], current);
        auto late = cases.refer({resident("Late", "Arrival", testNhsNumber(7190)),
                                 people.gp,
                                 kPractice,
                                 "recent fall",
                                 day(2026, 11, 25),
                                 {}});
        cases.recordConsent(late, kVcfse, ConsentDecision::Permit);
        requireSynced(practice.sync());
    }
};

/// A store's records, one line each, without the lines that mention `leaveOut`.
inline std::string dumpWithout(storage::SqlCipherStore& store, const std::string& leaveOut) {
    std::istringstream in(store.canonicalDump());
    std::string out, line;
    while (std::getline(in, line))
        if (leaveOut.empty() || line.find(leaveOut) == std::string::npos)
            out += line + "\n";
    return out;
}

}  // namespace nmdt::test
