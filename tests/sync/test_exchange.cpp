// Two and three desktops exchanging real work through a real hub: the journeys, conflicts,
// private notes, consent gating and duplicate people.
#include <boost/test/unit_test.hpp>

#include "faulty_transport.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/conflict_service.h"
#include "model/entity_mapping.h"
#include "model/error.h"
#include "model/meeting_service.h"
#include "storage/envelope_log.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

/// A hub, a team and desktops 0 (practice: the chair's) and 1 (VCFSE: the navigator's),
/// with the directory written on desktop 0 and synced to both.
struct TwoDesktops {
    HubProcess hub;
    integration::SyncCredentials team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    Desktop vcfse{1, hub, team};

    TwoDesktops() {
        people.writeTo(practice);
        requireSynced(practice.sync());
        requireSynced(vcfse.sync());
    }

    static void requireSynced(const SyncReport& r) {
        BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : std::string()));
    }

    /// A case referred on the practice desktop, shared with the VCFSE by consent.
    CaseId sharedCase(const std::string& family, int n) {
        CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
        auto id = cases.refer({resident("Edith", family, testNhsNumber(n)),
                               people.gp,
                               kPractice,
                               "isolated after bereavement",
                               day(2026, 11, 2),
                               {}});
        cases.recordConsent(id, kVcfse, ConsentDecision::Permit);
        return id;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_exchange)

BOOST_AUTO_TEST_CASE(a_chairs_meeting_outcome_and_a_navigators_action_update_cross_both_ways) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Hughes", 1);
    MeetingService meetings(t.practice.as(t.people.chair, Role::Chair, kPractice));
    auto meetingId = meetings.schedule(meetingOn(day(2026, 11, 24), t.people.chair));
    auto item = meetings.addItem(meetingId, caseId, "new referral");
    meetings.open(meetingId);
    Outcome outcome;
    outcome.discussion = "Lives alone since March; keen to get out more.";
    outcome.decision = "Refer to Age Well befriending";
    NewAction befriend;
    befriend.caseId = caseId;
    befriend.title = "Arrange befriending visit";
    befriend.owner = t.people.navigator;
    befriend.ownerOrganisation = kVcfse;
    befriend.dueDate = day(2026, 12, 4);
    outcome.actions.push_back(befriend);
    auto actionIds = meetings.recordOutcome(item, outcome);
    meetings.close(meetingId);
    TwoDesktops::requireSynced(t.practice.sync());

    // The navigator's desktop receives the outcome and the action, and works it.
    auto report = t.vcfse.sync();
    TwoDesktops::requireSynced(report);
    auto received = t.vcfse.store->agendaItem(item);
    BOOST_REQUIRE(received);
    BOOST_TEST(received->decision == "Refer to Age Well befriending");
    BOOST_TEST((t.vcfse.store->meeting(meetingId)->status == MeetingStatus::Closed));
    ActionService actions(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse));
    actions.changeStatus(actionIds.at(0), ActionStatus::Accepted);
    actions.changeStatus(actionIds.at(0), ActionStatus::InProgress);
    actions.addNote(actionIds.at(0), "Phoned Edith; first visit Tuesday.");
    TwoDesktops::requireSynced(t.vcfse.sync());

    // ...and the chair's desktop sees the update.
    TwoDesktops::requireSynced(t.practice.sync());
    auto back = t.practice.store->action(actionIds.at(0));
    BOOST_REQUIRE(back);
    BOOST_TEST((back->status == ActionStatus::InProgress));
    auto notes = t.practice.store->notes(actionIds.at(0));
    BOOST_REQUIRE(notes.size() == 1u);
    BOOST_TEST(notes[0].text == "Phoned Edith; first visit Tuesday.");
    BOOST_TEST(t.practice.store->canonicalDump() == t.vcfse.store->canonicalDump());
    BOOST_TEST(t.practice.store->pendingChanges() == 0u);
    BOOST_TEST(t.practice.store->syncCursors().lastSuccessMs > 0);
}

BOOST_AUTO_TEST_CASE(
    a_referral_made_on_one_desktop_is_triaged_on_the_other_and_the_referrer_sees_it) {
    TwoDesktops t;
    // A VCFSE navigator refers, with the resident's consent to share with the practice.
    auto referred = CaseService(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse))
                        .refer({resident("Olu", "Adebayo", testNhsNumber(4501)),
                                t.people.navigator,
                                kVcfse,
                                "Hoarding, fire risk",
                                day(2026, 11, 20),
                                {}},
                               {kPractice}, Urgency::Urgent);
    TwoDesktops::requireSynced(t.vcfse.sync());
    TwoDesktops::requireSynced(t.practice.sync());
    auto arrived = t.practice.store->caseById(referred);
    BOOST_REQUIRE(arrived.has_value());
    BOOST_TEST((arrived->triage == Triage::Pending));
    BOOST_TEST((arrived->urgency == Urgency::Urgent));
    BOOST_TEST(t.practice.store->consents(referred).size() == 1u);

    // The chair triages it on the practice desktop...
    CaseService(t.practice.as(t.people.chair, Role::Chair, kPractice))
        .triage(referred, Triage::AcceptedForMdt, "Fire service home visit first");
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto seen = *t.vcfse.store->caseById(referred);
    BOOST_TEST((seen.triage == Triage::AcceptedForMdt));
    BOOST_TEST(seen.triageNote == "Fire service home visit first");
    BOOST_TEST(seen.triagedBy.str() == t.people.chair.str());

    // ...and a navigator's desktop that writes a triage outcome itself is refused on receipt.
    ChangeSet forged("triage-referral");
    forged.update(EntityKind::Case, referred.str(), {{"triage", std::string("declined")}});
    t.vcfse.store->commit(forged, {t.people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse});
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto report = t.practice.sync();
    TwoDesktops::requireSynced(report);
    BOOST_TEST(report.applied.refused >= 1u);
    BOOST_TEST((t.practice.store->caseById(referred)->triage == Triage::AcceptedForMdt));
}

BOOST_AUTO_TEST_CASE(a_provisional_identity_syncs_and_its_traced_number_follows) {
    TwoDesktops t;
    // Referred without an NHS number on the VCFSE desktop...
    CaseService vcfse(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse));
    auto referred = vcfse.refer({resident("Tomasz", "Wiśniewski", ""),
                                 t.people.navigator,
                                 kVcfse,
                                 "Sleeping rough",
                                 day(2026, 11, 20),
                                 {}},
                                {kPractice}, Urgency::Routine, NhsNumberKnown::NotYet);
    TwoDesktops::requireSynced(t.vcfse.sync());
    TwoDesktops::requireSynced(t.practice.sync());
    auto arrived = t.practice.store->caseById(referred);
    BOOST_REQUIRE(arrived.has_value());
    BOOST_TEST(arrived->resident.identityProvisional());
    BOOST_TEST(t.practice.store->duplicatePeople().empty());
    // ...traced at the practice, and the number reaches the referrer.
    CaseService(t.practice.as(t.people.gp, Role::Clinician, kPractice))
        .recordNhsNumber(referred, testNhsNumber(4502));
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    BOOST_TEST(t.vcfse.store->caseById(referred)->resident.nhsNumber == testNhsNumber(4502));
}

BOOST_AUTO_TEST_CASE(an_mdt_series_and_its_meetings_reach_every_partner) {
    TwoDesktops t;
    MeetingService chair(t.practice.as(t.people.chair, Role::Chair, kPractice));
    MeetingSeries frailty;
    frailty.name = "Frailty MDT";
    frailty.cadenceDays = 28;
    frailty.defaultInvitees = {kVcfse};
    auto series = chair.createSeries(frailty);
    auto first = chair.scheduleNext(series);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto arrived = t.vcfse.store->meetingSeries();
    BOOST_REQUIRE(arrived.size() == 1u);
    BOOST_TEST(arrived.front().name == "Frailty MDT");
    BOOST_TEST(arrived.front().defaultInvitees.size() == 1u);
    BOOST_TEST(t.vcfse.store->meeting(first.id)->seriesId.str() == series.str());
    // A navigator's desktop that sets up a series itself is refused on receipt.
    MeetingSeries forged = frailty;
    forged.id = MeetingSeriesId("forged-series");
    forged.name = "Navigators' MDT";
    ChangeSet changes("create-meeting-series");
    changes.create(EntityKind::MeetingSeries, forged.id.str(), toFields(forged));
    t.vcfse.store->commit(changes, {t.people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse});
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto report = t.practice.sync();
    TwoDesktops::requireSynced(report);
    BOOST_TEST(report.applied.refused >= 1u);
    BOOST_TEST(t.practice.store->meetingSeries().size() == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_edits_of_one_field_keep_the_loser_as_a_conflict_on_both_sides) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Morgan", 2);
    CaseService gp(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    auto raised = ActionService(t.practice.as(t.people.gp, Role::Clinician, kPractice))
                      .raise({caseId,
                              "Check benefits",
                              "",
                              {},
                              kVcfse,
                              day(2026, 12, 1),
                              Priority::Routine,
                              {},
                              {}});
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());

    // Both edit the action's detail while apart.
    ActionService a(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    ActionService b(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse));
    auto onPractice = a.get(raised);
    (void)onPractice;
    auto edit = [](Desktop& d, const ActionId& id, const std::string& detail, const Actor& who) {
        ChangeSet c("edit-action-detail");
        c.update(EntityKind::Action, id.str(), {{"detail", detail}});
        d.store->commit(c, who);
    };
    edit(t.practice, raised, "Pension credit form sent",
         {t.people.gp, "Dr Tomasz Nowak", Role::Clinician, kPractice});
    t.vcfse.clock->advance(std::chrono::seconds(5));
    edit(t.vcfse, raised, "Attendance allowance claim started",
         {t.people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse});
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    TwoDesktops::requireSynced(t.practice.sync());

    // Same winner on both (the later stamp), and the other value kept for a person.
    BOOST_TEST(t.practice.store->action(raised)->detail == "Attendance allowance claim started");
    BOOST_TEST(t.vcfse.store->action(raised)->detail == "Attendance allowance claim started");
    for (auto* d : {&t.practice, &t.vcfse}) {
        auto open = d->store->conflicts(true);
        BOOST_REQUIRE(open.size() == 1u);
        BOOST_TEST(open[0].field == "detail");
        BOOST_TEST(std::get<std::string>(open[0].lostValue) == "Pension credit form sent");
        BOOST_TEST(open[0].lostUserName == "Dr Tomasz Nowak");
    }

    // A person settles it on one desktop (taking the other value); the choice is an edit
    // like any other, so it settles the other desktop's copy of the conflict too.
    ConflictService settle(t.practice.as(t.people.gp, Role::Clinician, kPractice),
                           *t.practice.store);
    auto conflict = settle.open().at(0);
    BOOST_CHECK_EXCEPTION(
        ConflictService(t.practice.as(t.people.admin, Role::PracticeStaff, kPractice),
                        *t.practice.store)
            .resolve(conflict.id, ConflictService::Choice::UseOther),
        DomainError, [](const DomainError& e) { return e.has(ErrorCode::NotPermitted); });
    settle.resolve(conflict.id, ConflictService::Choice::UseOther);
    BOOST_TEST(t.practice.store->action(raised)->detail == "Pension credit form sent");
    BOOST_TEST(settle.open().empty());
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    BOOST_TEST(t.vcfse.store->conflicts(true).empty());
    BOOST_TEST(t.vcfse.store->action(raised)->detail == "Pension credit form sent");
}

BOOST_AUTO_TEST_CASE(
    concurrent_status_changes_settle_on_the_later_and_keep_the_other_for_a_person) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Price", 3);
    ActionService a(t.practice.as(t.people.chair, Role::Chair, kPractice));
    auto id = a.raise({caseId,
                       "Home visit",
                       "",
                       t.people.navigator,
                       kVcfse,
                       day(2026, 12, 1),
                       Priority::Routine,
                       {},
                       {}});
    a.changeStatus(id, ActionStatus::Accepted);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    a.changeStatus(id, ActionStatus::Completed);
    t.vcfse.clock->advance(std::chrono::minutes(1));  // the later stamp
    ActionService(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse))
        .changeStatus(id, ActionStatus::InProgress);
    for (int round = 0; round < 2; ++round) {
        TwoDesktops::requireSynced(t.practice.sync());
        TwoDesktops::requireSynced(t.vcfse.sync());
    }
    // Both desktops agree; the completion is not lost: both desktops list it as a
    // conflict, naming who completed it, until a person decides.
    BOOST_TEST((t.practice.store->action(id)->status == ActionStatus::InProgress));
    BOOST_TEST((t.vcfse.store->action(id)->status == ActionStatus::InProgress));
    for (auto* d : {&t.practice, &t.vcfse}) {
        auto open = d->store->conflicts(true);
        BOOST_REQUIRE(open.size() == 1u);
        BOOST_TEST(open[0].field == "status");
        BOOST_TEST(std::get<std::string>(open[0].lostValue) == "completed");
        BOOST_TEST(open[0].lostUserName == "Dr Amina Rahman");
    }
}

BOOST_AUTO_TEST_CASE(a_private_note_never_leaves_its_desktop) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Jenkins", 4);
    ActionService a(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    auto id = a.raise(
        {caseId, "Review medication", "", t.people.gp, kPractice, {}, Priority::Routine, {}, {}});
    a.addNote(id, "Shared: reviewed with pharmacist");
    a.addNote(id, "Private: safeguarding concern Zebulon", NoteSharing::PrivateToThisDesktop);
    auto report = t.practice.sync();
    TwoDesktops::requireSynced(report);
    BOOST_TEST(report.withheldChanges == 1u);
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto notes = t.vcfse.store->notes(id);
    BOOST_REQUIRE(notes.size() == 1u);
    BOOST_TEST(notes[0].text == "Shared: reviewed with pharmacist");
    BOOST_TEST(t.practice.store->notes(id).size() == 2u);
    // Not even sealed: the hub never received it in any form (checked by decrypting all).
    auto sealer = integration::makeEnvelopeSealer(t.practice.credentials);
    auto log = t.hub.openLog();
    for (const auto& org : {kPractice, kVcfse, kCouncil})
        for (const auto& e : log->after(t.team.team, 0, 100000, org.str(), SIZE_MAX))
            for (const auto& entry : sealer->open(e).entries)
                for (const auto& f : entry.change.fields)
                    if (auto s = std::get_if<std::string>(&f.value))
                        BOOST_TEST(s->find("Zebulon") == std::string::npos);
}

namespace {
/// Keeps every envelope a desktop's pulls bring, and may alter them on the way in.
struct RecordingTransport : ForwardingTransport {
    std::vector<SealedEnvelope>* seen = nullptr;
    std::function<void(SealedEnvelope&)> alter;
    PullPage pull(const std::string& team, std::int64_t after, std::size_t limit,
                  const std::string& ownSite, std::int64_t keepAfter) override {
        auto page = inner->pull(team, after, limit, ownSite, keepAfter);
        for (auto& e : page.envelopes) {
            if (alter)
                alter(e);
            seen->push_back(e);
        }
        return page;
    }
};

std::function<std::unique_ptr<HubTransport>(std::unique_ptr<HubTransport>)> recording(
    std::vector<SealedEnvelope>& seen, std::function<void(SealedEnvelope&)> alter = nullptr) {
    return [&seen, alter](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
        auto t = std::make_unique<RecordingTransport>();
        t->inner = std::move(inner);
        t->seen = &seen;
        t->alter = alter;
        return t;
    };
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_desktop_gets_its_own_envelopes_back_without_their_content) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Owens", 7);
    std::vector<SealedEnvelope> practiceSaw, vcfseSaw;
    t.practice.wrapTransport = recording(practiceSaw);
    t.vcfse.wrapTransport = recording(vcfseSaw);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    const std::string practiceSite = t.practice.store->siteId();
    std::size_t own = 0;
    for (const auto& e : practiceSaw) {
        BOOST_TEST(e.header.site == practiceSite);  // nothing new from anyone else
        BOOST_TEST(e.leftOut);
        BOOST_TEST(e.ciphertext.empty());
        BOOST_TEST(e.hubTimeMs > 0);
        ++own;
    }
    BOOST_TEST(own > 0u);
    // The partner gets the same envelopes whole, and the case with them.
    BOOST_TEST(vcfseSaw.size() == own);
    for (const auto& e : vcfseSaw)
        BOOST_TEST((!e.leftOut && !e.ciphertext.empty()));
    BOOST_TEST(t.vcfse.store->caseById(caseId).has_value());
}

BOOST_AUTO_TEST_CASE(a_partners_envelope_sent_as_if_it_were_the_readers_own_is_refused) {
    TwoDesktops t;
    auto caseId = t.sharedCase("Pryce", 8);
    TwoDesktops::requireSynced(t.practice.sync());
    // A hub (or something between) that strips a partner's envelope down to its header.
    std::vector<SealedEnvelope> seen;
    t.vcfse.wrapTransport = recording(seen, [](SealedEnvelope& e) {
        e.leftOut = true;
        e.ciphertext.clear();
    });
    auto report = t.vcfse.sync();
    BOOST_TEST(report.refusedEnvelopes > 0u);
    BOOST_TEST(!t.vcfse.store->caseById(caseId).has_value());
    auto problems = t.vcfse.store->syncProblems(10);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& p) {
        return p.kind == "refused-envelope" &&
               p.message.find("without its content") != std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(a_pull_page_is_capped_in_bytes_and_nothing_is_left_behind) {
    // Every page holds one envelope when the budget is a byte: the desktop still gets all.
    HubProcess::Limits tiny;
    tiny.maxPageBytes = 1;
    HubProcess hub(tiny);
    auto team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team}, vcfse{1, hub, team};
    people.writeTo(practice);
    CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
    for (int n = 0; n < 5; ++n) {
        auto id =
            cases.refer({resident("Edith", "Paged" + std::to_string(n), testNhsNumber(900 + n)),
                         people.gp,
                         kPractice,
                         "isolated",
                         day(2026, 11, 2),
                         {}});
        cases.recordConsent(id, kVcfse, ConsentDecision::Permit);
        TwoDesktops::requireSynced(practice.sync());  // an envelope or more per case
    }
    TwoDesktops::requireSynced(vcfse.sync());
    BOOST_TEST(vcfse.store->caseCount() == 5u);

    // The log stops before the envelope that would pass the budget, but always gives one.
    auto log = hub.openLog();
    auto all = log->after(team.team, 0, 1000, kVcfse.str(), SIZE_MAX);
    BOOST_REQUIRE(all.size() >= 3u);
    const std::size_t two = all[0].ciphertext.size() + all[1].ciphertext.size();
    BOOST_TEST(log->after(team.team, 0, 1000, kVcfse.str(), two).size() == 2u);
    BOOST_TEST(log->after(team.team, 0, 1000, kVcfse.str(), two - 1).size() == 1u);
    BOOST_TEST(log->after(team.team, 0, 1000, kVcfse.str(), 1).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_case_goes_only_to_organisations_its_consent_allows) {
    TwoDesktops t;
    Desktop council{2, t.hub, t.team};
    TwoDesktops::requireSynced(council.sync());
    CaseService cases(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    auto sharedWithCouncil = cases.refer({resident("Alun", "Rees", testNhsNumber(5)),
                                          t.people.gp,
                                          kPractice,
                                          "housing",
                                          day(2026, 11, 2),
                                          {}});
    cases.recordConsent(sharedWithCouncil, kCouncil, ConsentDecision::Permit);
    cases.recordConsent(sharedWithCouncil, kVcfse, ConsentDecision::Deny);
    auto legalBasis = cases.refer({resident("Bryn", "Evans", testNhsNumber(6)),
                                   t.people.gp,
                                   kPractice,
                                   "safeguarding",
                                   day(2026, 11, 2),
                                   {}});
    cases.recordConsent(legalBasis, kVcfse, ConsentDecision::Deny, "Care Act 2014 s.42 enquiry");
    auto noConsent = cases.refer({resident("Ceri", "Thomas", testNhsNumber(7)),
                                  t.people.gp,
                                  kPractice,
                                  "falls",
                                  day(2026, 11, 2),
                                  {}});
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    TwoDesktops::requireSynced(council.sync());

    BOOST_TEST(!t.vcfse.store->caseById(sharedWithCouncil));
    BOOST_TEST(council.store->caseById(sharedWithCouncil).has_value());
    BOOST_TEST(t.vcfse.store->caseById(legalBasis).has_value());  // a recorded legal basis
    BOOST_TEST(!council.store->caseById(legalBasis));
    BOOST_TEST(!t.vcfse.store->caseById(noConsent));
    BOOST_TEST(!council.store->caseById(noConsent));

    // In the hub's store: nothing about Alun Rees or Ceri Thomas is addressed to the VCFSE.
    auto sealer = integration::makeEnvelopeSealer(t.practice.credentials);
    auto log = t.hub.openLog();
    for (const auto& e : log->after(t.team.team, 0, 100000, kVcfse.str(), SIZE_MAX))
        for (const auto& entry : sealer->open(e).entries) {
            BOOST_TEST(entry.change.entityId != sharedWithCouncil.str());
            BOOST_TEST(entry.change.entityId != noConsent.str());
        }

    // Consent given later: the VCFSE desktop then receives the record as it stands, with
    // what was done before (an action and its note), and what happens next.
    ActionService gpActions(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    auto earlier = gpActions.raise({noConsent,
                                    "Falls clinic referral",
                                    "",
                                    t.people.gp,
                                    kPractice,
                                    {},
                                    Priority::Routine,
                                    {},
                                    {}});
    gpActions.addNote(earlier, "Letter sent");
    gpActions.addNote(earlier, "Private: family dispute", NoteSharing::PrivateToThisDesktop);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    BOOST_TEST(!t.vcfse.store->caseById(noConsent));
    cases.recordConsent(noConsent, kVcfse, ConsentDecision::Permit);
    TwoDesktops::requireSynced(t.practice.sync());
    cases.flagForReview(noConsent, true);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    auto received = t.vcfse.store->caseById(noConsent);
    BOOST_REQUIRE(received);
    BOOST_TEST(received->reviewAtNextMeeting);
    BOOST_TEST(t.vcfse.store->consents(noConsent).size() == 1u);
    BOOST_REQUIRE(t.vcfse.store->action(earlier));
    auto notes = t.vcfse.store->notes(earlier);
    BOOST_REQUIRE(notes.size() == 1u);  // the private one stays behind
    BOOST_TEST(notes[0].text == "Letter sent");
    // ...and it matches the practice's copy field for field, with no conflicts.
    BOOST_TEST(t.vcfse.store->caseById(noConsent)->resident.familyName == "Thomas");
    BOOST_TEST(t.vcfse.store->conflicts(true).empty());
    // Still nothing of the case shared with the council only.
    BOOST_TEST(!t.vcfse.store->caseById(sharedWithCouncil));
}

BOOST_AUTO_TEST_CASE(the_same_person_created_on_two_desktops_is_reported_as_a_duplicate) {
    TwoDesktops t;
    CaseService a(t.practice.as(t.people.gp, Role::Clinician, kPractice));
    CaseService b(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse));
    auto onA = a.refer({resident("Olwen", "Davies", testNhsNumber(8)),
                        t.people.gp,
                        kPractice,
                        "frailty",
                        day(2026, 11, 2),
                        {}});
    a.recordConsent(onA, kVcfse, ConsentDecision::Permit);
    auto onB = b.refer({resident("Olwen", "Davies", testNhsNumber(8)),
                        t.people.navigator,
                        kVcfse,
                        "loneliness",
                        day(2026, 11, 3),
                        {}});
    b.recordConsent(onB, kPractice, ConsentDecision::Permit);
    for (int round = 0; round < 2; ++round) {
        TwoDesktops::requireSynced(t.practice.sync());
        TwoDesktops::requireSynced(t.vcfse.sync());
    }
    for (auto* d : {&t.practice, &t.vcfse}) {
        auto dups = d->store->duplicatePeople();
        BOOST_REQUIRE(dups.size() == 1u);
        BOOST_TEST(dups[0].nhsNumber == testNhsNumber(8));
        BOOST_TEST(dups[0].caseIds.size() == 2u);
    }
    // The navigator raised an action on their copy; a person confirms the merge on the
    // practice desktop and everything moves to the record that is kept, on both desktops.
    auto action = ActionService(t.vcfse.as(t.people.navigator, Role::Navigator, kVcfse))
                      .raise({onB,
                              "Befriending",
                              "",
                              t.people.navigator,
                              kVcfse,
                              {},
                              Priority::Routine,
                              {},
                              {}});
    TwoDesktops::requireSynced(t.vcfse.sync());
    TwoDesktops::requireSynced(t.practice.sync());
    a.mergeDuplicate(onA, onB);
    TwoDesktops::requireSynced(t.practice.sync());
    TwoDesktops::requireSynced(t.vcfse.sync());
    for (auto* d : {&t.practice, &t.vcfse}) {
        BOOST_TEST(d->store->duplicatePeople().empty());
        BOOST_TEST((d->store->action(action)->caseId == onA));
        BOOST_TEST((d->store->caseById(onB)->status == CaseStatus::Closed));
        BOOST_TEST(d->store->caseById(onB)->closedReason.find(onA.str()) != std::string::npos);
        BOOST_TEST(d->store->consents(onA).size() == 2u);
    }
    BOOST_TEST(t.practice.store->canonicalDump() == t.vcfse.store->canonicalDump());
    // Two different people are never merged.
    auto other = a.refer({resident("Owain", "Davies", testNhsNumber(9)),
                          t.people.gp,
                          kPractice,
                          "frailty",
                          day(2026, 11, 2),
                          {}});
    BOOST_CHECK_THROW(a.mergeDuplicate(onA, other), DomainError);
}

BOOST_AUTO_TEST_SUITE_END()
