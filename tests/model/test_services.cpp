// The use-case services, run against the real encrypted store.
#include <boost/test/unit_test.hpp>

#include <set>

#include "model/action_service.h"
#include "model/care_plan_diff.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/nhs_number.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
CaseId referResident(World& w, const std::string& given, const std::string& family, int n) {
    CaseService cases(w.asChair());
    return cases.refer({resident(given, family, testNhsNumber(n)), w.gp, w.practice,
                        "Frequent falls, lives alone", day(2026, 11, 1), w.navigator});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(case_service)

BOOST_AUTO_TEST_CASE(refers_a_resident_and_finds_them_again) {
    World w;
    CaseId id = referResident(w, "Siân", "Llewellyn", 1);
    CaseService cases(w.asChair());
    Case c = cases.get(id);
    BOOST_TEST(c.resident.familyName == "Llewellyn");
    BOOST_TEST((c.status == CaseStatus::Open));
    BOOST_TEST(cases.search("llew").size() == 1u);
    BOOST_TEST(cases.search(formatNhsNumber(testNhsNumber(1)).substr(0, 7)).size() == 1u);
}

BOOST_AUTO_TEST_CASE(reports_every_problem_with_a_referral_at_once) {
    World w;
    CaseService cases(w.asChair());
    Referral r{resident("", "Nowak", "4123456879"), w.gp, w.practice, "", day(2027, 1, 1), {}};
    r.resident.dateOfBirth = day(2030, 1, 1);
    auto problems = problemsOf([&] { cases.refer(r); });
    auto has = [&](ErrorCode code, const char* field) {
        return std::find(problems.begin(), problems.end(), Problem{code, field}) != problems.end();
    };
    BOOST_TEST(has(ErrorCode::NhsNumberChecksum, "nhsNumber"));
    BOOST_TEST(has(ErrorCode::RequiredFieldMissing, "givenName"));
    BOOST_TEST(has(ErrorCode::DateOutOfRange, "dateOfBirth"));
    BOOST_TEST(has(ErrorCode::RequiredFieldMissing, "referralReason"));
    BOOST_TEST(has(ErrorCode::DateOutOfRange, "referralDate"));
    BOOST_TEST(w.store->caseCount() == 0u);
}

BOOST_AUTO_TEST_CASE(refuses_invalid_dates_and_a_second_case_for_one_person) {
    World w;
    referResident(w, "Ewa", "Kowalska", 2);
    CaseService cases(w.asChair());
    auto dup = problemsOf([&] { referResident(w, "Eva", "Kowalski", 2); });
    BOOST_TEST((dup == std::vector<Problem>{{ErrorCode::DuplicateNhsNumber, "nhsNumber"}}));
    Referral r{
        resident("Old", "Person", testNhsNumber(3)), w.gp, w.practice, "x", day(2026, 1, 1), {}};
    r.resident.dateOfBirth =
        Date{std::chrono::year{2023}, std::chrono::February, std::chrono::day{30}};
    BOOST_TEST(problemsOf([&] { cases.refer(r); }).front().code == ErrorCode::DateInvalid);
    r.resident.dateOfBirth = day(1850, 1, 1);
    BOOST_TEST(problemsOf([&] { cases.refer(r); }).front().code == ErrorCode::DateOutOfRange);
    BOOST_TEST(w.store->caseCount() == 1u);
}

BOOST_AUTO_TEST_CASE(a_provisional_identity_is_referred_traced_and_merged_on_purpose_only) {
    World w;
    CaseId verified = referResident(w, "Ion", "Lăcătuș", 4);
    CaseService cases(w.asChair());
    Referral r{
        resident("Ion", "Lacatus", ""), w.gp, w.practice, "Sleeping rough", day(2026, 11, 1), {}};
    // Left blank without saying the number is not known: refused, as ever.
    BOOST_TEST((problemsOf([&] { cases.refer(r); }) ==
                std::vector<Problem>{{ErrorCode::RequiredFieldMissing, "nhsNumber"}}));
    // Said not known but a number given: refused rather than guessed.
    Referral typed = r;
    typed.resident.nhsNumber = testNhsNumber(5);
    BOOST_TEST((problemsOf([&] {
                    cases.refer(typed, {}, Urgency::Routine, NhsNumberKnown::NotYet);
                }) == std::vector<Problem>{{ErrorCode::ValueOutOfRange, "nhsNumber"}}));
    CaseId first = cases.refer(r, {}, Urgency::Routine, NhsNumberKnown::NotYet);
    CaseId second = cases.refer(r, {}, Urgency::Routine, NhsNumberKnown::NotYet);
    BOOST_TEST(cases.get(first).resident.identityProvisional());
    BOOST_TEST(w.store->caseCount() == 3u);
    BOOST_TEST(w.store->duplicatePeople().empty());  // no number is not one number

    // Details of a provisional record can be corrected and it stays provisional.
    Resident corrected = cases.get(first).resident;
    corrected.postcode = "LS2 7EE";
    cases.updateResident(first, corrected);
    BOOST_TEST(cases.get(first).resident.identityProvisional());
    // A number already held is refused, the merge is the way; a new one is recorded.
    BOOST_TEST((problemsOf([&] { cases.recordNhsNumber(first, testNhsNumber(4)); }) ==
                std::vector<Problem>{{ErrorCode::DuplicateNhsNumber, "nhsNumber"}}));
    BOOST_TEST(cases.caseWithNhsNumber(formatNhsNumber(testNhsNumber(4)))->str() == verified.str());
    cases.recordNhsNumber(first, formatNhsNumber(testNhsNumber(6)));
    BOOST_TEST(cases.get(first).resident.nhsNumber == testNhsNumber(6));
    // A recorded number is never taken away, nor recorded twice.
    Resident blanked = cases.get(first).resident;
    blanked.nhsNumber.clear();
    BOOST_TEST(problemsOf([&] { cases.updateResident(first, blanked); }).front().code ==
               ErrorCode::RequiredFieldMissing);
    BOOST_TEST(problemsOf([&] { cases.recordNhsNumber(first, testNhsNumber(7)); }).front().code ==
               ErrorCode::InvalidStatusTransition);

    // A verified record is never merged into a provisional one; the other way round is.
    BOOST_TEST(problemsOf([&] { cases.mergeDuplicate(second, verified); }).front().code ==
               ErrorCode::ValueOutOfRange);
    cases.addContact(second, {{}, {}, "Maria Lăcătuș", "wife", "", true, true});
    cases.mergeDuplicate(verified, second);
    BOOST_TEST((cases.get(second).status == CaseStatus::Closed));
    BOOST_TEST(w.store->contacts(verified).size() == 1u);
}

BOOST_AUTO_TEST_CASE(awkward_names_round_trip_exactly) {
    World w;
    const std::vector<std::pair<std::string, std::string>> names{
        {"Ciarán", "O'Brien"},
        {"Robert'); DROP TABLE cases;--", "Tables"},
        {"Zoë \xF0\x9F\x8C\xBB", "Smith-Jones"},
        {"محمد", "العلي"},
        {"芳", "王"},
        {"Dafydd", "ap Gruffydd"}};
    int n = 10;
    for (const auto& [given, family] : names) {
        CaseId id = referResident(w, given, family, n++);
        Case c = *w.store->caseById(id);
        BOOST_TEST(c.resident.givenName == given);
        BOOST_TEST(c.resident.familyName == family);
    }
    CaseService cases(w.asChair());
    BOOST_TEST(cases.search("o'b").size() == 1u);
    BOOST_TEST(cases.search("العلي").size() == 1u);
    BOOST_TEST(cases.search("王").size() == 1u);
    BOOST_TEST(w.store->caseCount() == names.size());
}

BOOST_AUTO_TEST_CASE(consent_is_kept_per_organisation_and_updated_in_place) {
    World w;
    CaseId id = referResident(w, "Tom", "Baker", 4);
    CaseService cases(w.asChair());
    cases.recordConsent(id, w.vcfse, ConsentDecision::Permit);
    cases.recordConsent(id, w.practice, ConsentDecision::Permit);
    cases.recordConsent(id, w.vcfse, ConsentDecision::Deny);
    auto consents = w.store->consents(id);
    BOOST_TEST(consents.size() == 2u);
    for (const auto& c : consents)
        if (c.organisationId == w.vcfse)
            BOOST_TEST((c.decision == ConsentDecision::Deny));
}

BOOST_AUTO_TEST_CASE(closing_needs_a_reason_and_stops_new_actions) {
    World w;
    CaseId id = referResident(w, "Ann", "Lee", 5);
    CaseService cases(w.asChair());
    BOOST_TEST(problemsOf([&] { cases.close(id, ""); }).front().code == ErrorCode::ReasonRequired);
    cases.close(id, "Moved out of area");
    BOOST_TEST((cases.get(id).status == CaseStatus::Closed));
    ActionService actions(w.asChair());
    NewAction a{id, "Call", "", w.navigator, {}, {}, Priority::Routine, {}, {}};
    BOOST_TEST(problemsOf([&] { actions.raise(a); }).front().code == ErrorCode::CaseClosed);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(care_plan_service)

BOOST_AUTO_TEST_CASE(agreed_versions_are_read_only_and_drafts_copy_them) {
    World w;
    CaseId id = referResident(w, "Mary", "Evans", 20);
    CarePlanService plans(w.asChair());
    CarePlanId v1 = plans.startDraft(id);
    BOOST_TEST(problemsOf([&] { plans.startDraft(id); }).front().code ==
               ErrorCode::DraftAlreadyExists);
    CarePlan draft = *w.store->carePlan(v1);
    draft.whatMattersToMe = "Staying in my own home with my cat";
    plans.saveDraft(draft);
    GoalId goal =
        plans.addGoal(v1, NeedDomain::Housing, "I want my stairs to be safe", day(2027, 2, 1));
    plans.addNeed(v1, NeedDomain::SocialIsolation, "Rarely leaves the house", "Befriending");
    plans.agree(v1);

    BOOST_TEST(plans.currentAgreed(id)->id.str() == v1.str());
    draft.contingencyPlan = "changed after agreement";
    BOOST_TEST(problemsOf([&] { plans.saveDraft(draft); }).front().code ==
               ErrorCode::VersionReadOnly);

    CarePlanId v2 = plans.startDraft(id);
    auto doc = plans.document(v2);
    BOOST_TEST(doc.plan.version == 2);
    BOOST_TEST(doc.plan.whatMattersToMe == "Staying in my own home with my cat");
    BOOST_REQUIRE(doc.goals.size() == 1u);
    BOOST_TEST(doc.goals[0].lineage == w.store->goals(v1)[0].lineage);
    BOOST_TEST(doc.goals[0].id.str() != goal.str());
    plans.agree(v2);
    BOOST_TEST((w.store->carePlan(v1)->status == PlanStatus::Superseded));
    BOOST_TEST(plans.currentAgreed(id)->version == 2);
}

BOOST_AUTO_TEST_CASE(a_plan_needs_what_matters_before_it_is_agreed) {
    World w;
    CaseId id = referResident(w, "Joe", "Bloggs", 21);
    CarePlanService plans(w.asChair());
    CarePlanId v1 = plans.startDraft(id);
    BOOST_TEST(problemsOf([&] { plans.agree(v1); }).front().code ==
               ErrorCode::RequiredFieldMissing);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(action_service)

BOOST_AUTO_TEST_CASE(status_moves_through_the_state_machine_with_reasons) {
    World w;
    CaseId id = referResident(w, "Bill", "Hart", 30);
    ActionService chair(w.asChair());
    ActionId a = chair.raise({id,
                              "Arrange benefits check",
                              "",
                              w.navigator,
                              {},
                              day(2026, 12, 1),
                              Priority::Urgent,
                              {},
                              {}});
    BOOST_TEST(chair.get(a).ownerOrganisation.str() == w.vcfse.str());  // from the owner
    ActionService nav(w.asNavigator());
    nav.changeStatus(a, ActionStatus::Accepted);
    BOOST_TEST(problemsOf([&] { nav.changeStatus(a, ActionStatus::Requested); }).front().code ==
               ErrorCode::InvalidStatusTransition);
    BOOST_TEST(problemsOf([&] { nav.changeStatus(a, ActionStatus::OnHold); }).front().code ==
               ErrorCode::ReasonRequired);
    nav.changeStatus(a, ActionStatus::OnHold, "Waiting for bank statements");
    BOOST_TEST(nav.get(a).statusReason == "Waiting for bank statements");
    nav.addNote(a, "Phoned Bill, statements due Friday");
    nav.addNote(a, "Statements received");
    auto notes = w.store->notes(a);
    BOOST_REQUIRE(notes.size() == 2u);
    BOOST_TEST(notes[0].text == "Phoned Bill, statements due Friday");
    BOOST_TEST(notes[1].author.str() == w.navigator.str());
}

BOOST_AUTO_TEST_CASE(lists_put_overdue_first_and_undated_last) {
    World w;
    CaseId id = referResident(w, "Rita", "Patel", 31);
    ActionService chair(w.asChair());
    auto raise = [&](const char* title, std::optional<Date> due) {
        return chair.raise({id, title, "", w.navigator, {}, due, Priority::Routine, {}, {}});
    };
    raise("undated", std::nullopt);
    raise("next month", day(2026, 12, 20));
    raise("long overdue", day(2026, 10, 1));
    ActionId done = raise("overdue but done", day(2026, 10, 5));
    raise("due tomorrow", day(2026, 11, 24));
    ActionService nav(w.asNavigator());
    nav.changeStatus(done, ActionStatus::InProgress);
    nav.changeStatus(done, ActionStatus::Completed);

    std::vector<std::string> titles;
    for (const auto& a : nav.mine())
        titles.push_back(a.title);
    BOOST_TEST((titles ==
                std::vector<std::string>{"long overdue", "due tomorrow", "next month", "undated"}));
    BOOST_TEST(nav.overdueCount(w.vcfse) == 1u);
    BOOST_TEST(nav.overdue(std::nullopt).front().title == "long overdue");
    BOOST_TEST(nav.forOrganisation(w.practice).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_service)

BOOST_AUTO_TEST_CASE(agenda_carries_forward_and_outcomes_are_recorded_live) {
    World w;
    CaseId withActions = referResident(w, "Alan", "Ashby", 40);
    CaseId newReferral = referResident(w, "Beth", "Brown", 41);
    CaseId flagged = referResident(w, "Carl", "Cole", 42);
    CaseId quiet = referResident(w, "Dina", "Dale", 43);

    MeetingService meetings(w.asChair());
    MeetingId first = meetings.schedule(meetingOn(day(2026, 11, 10), w.chair));
    for (CaseId c : {withActions, flagged, quiet})
        meetings.addItem(first, c, "initial review");
    auto items = meetings.agenda(first);
    BOOST_REQUIRE(items.size() == 3u);
    meetings.open(first);
    Outcome outcome;
    outcome.discussion = "Falls twice this month";
    outcome.decision = "Refer to falls clinic";
    outcome.actions.push_back(
        {{}, "Falls clinic referral", "", w.gp, {}, day(2026, 11, 30), Priority::Urgent, {}, {}});
    auto raised = meetings.recordOutcome(items[0].id, outcome);
    BOOST_REQUIRE(raised.size() == 1u);
    BOOST_TEST(w.store->action(raised[0])->meetingId.str() == first.str());
    Outcome review;
    review.reviewAtNextMeeting = true;
    meetings.recordOutcome(items[1].id, review);
    meetings.close(first);
    BOOST_TEST(problemsOf([&] { meetings.addItem(first, newReferral, "late"); }).front().code ==
               ErrorCode::MeetingClosed);

    MeetingId next = meetings.schedule(meetingOn(day(2026, 11, 24), w.chair));
    std::size_t added = meetings.buildAgenda(next);
    std::set<std::string> listed;
    for (const auto& i : meetings.agenda(next))
        listed.insert(i.caseId.str());
    BOOST_TEST(added == 3u);
    BOOST_TEST(listed.count(withActions.str()) == 1u);
    BOOST_TEST(listed.count(flagged.str()) == 1u);
    BOOST_TEST(listed.count(newReferral.str()) == 1u);
    BOOST_TEST(listed.count(quiet.str()) == 0u);
    BOOST_TEST(meetings.buildAgenda(next) == 0u);  // building again adds nothing twice
}

BOOST_AUTO_TEST_CASE(items_reorder_without_renumbering) {
    World w;
    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 11, 24), w.chair));
    std::vector<CaseId> cases;
    for (int i = 0; i < 4; ++i)
        cases.push_back(referResident(w, "P" + std::to_string(i), "Q", 50 + i));
    for (const auto& c : cases)
        meetings.addItem(m, c, "r");
    auto items = meetings.agenda(m);
    // Move the last item between the first and second.
    meetings.moveItem(items[3].id, items[0].id, items[1].id);
    auto after = meetings.agenda(m);
    BOOST_TEST(after[1].id.str() == items[3].id.str());
    BOOST_TEST(after[0].orderKey == items[0].orderKey);  // others untouched
    BOOST_TEST(after[2].orderKey == items[1].orderKey);
    meetings.removeItem(items[0].id);
    BOOST_TEST(meetings.agenda(m).size() == 3u);
    BOOST_TEST(w.store->agenda(m).size() == 4u);  // kept as a tombstone
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(undo_and_filters)

BOOST_AUTO_TEST_CASE(undo_reverses_the_last_edit_through_the_write_path) {
    World w;
    CaseId id = referResident(w, "Una", "Doe", 60);
    EditHistory history;
    ServiceContext ctx = w.asNavigator();
    ctx.history = &history;
    ActionService actions(ctx);
    ActionId a = actions.raise(
        {id, "Book taxi", "", w.navigator, {}, day(2026, 12, 1), Priority::Routine, {}, {}});
    BOOST_TEST(!history.canUndo());  // creating is not undone; cancel the action instead
    actions.changeStatus(a, ActionStatus::Accepted);
    actions.changeStatus(a, ActionStatus::Completed);
    BOOST_TEST(history.nextUndo().value() == "update-action-status");
    history.undo(*w.store, ctx.actor);
    BOOST_TEST((w.store->action(a)->status == ActionStatus::Accepted));
    history.undo(*w.store, ctx.actor);
    BOOST_TEST((w.store->action(a)->status == ActionStatus::Requested));
    BOOST_TEST(!history.canUndo());
    BOOST_TEST(problemsOf([&] { history.undo(*w.store, ctx.actor); }).front().code ==
               ErrorCode::NothingToUndo);
    auto log = w.store->changeLog({0, a.str(), 10});
    BOOST_TEST(log.back().intent == "undo update-action-status");  // audit and sync see the undo
}

BOOST_AUTO_TEST_CASE(undo_refuses_when_someone_else_changed_the_record_since) {
    World w;
    CaseId id = referResident(w, "Vic", "Roe", 61);
    EditHistory history;
    ServiceContext mine = w.asNavigator();
    mine.history = &history;
    ActionId a = ActionService(mine).raise(
        {id, "Call GP", "", w.navigator, {}, {}, Priority::Routine, {}, {}});
    ActionService(mine).reassign(a, w.gp, {});
    ActionService(w.asChair()).reassign(a, w.chair, {});  // another user, no shared history
    BOOST_TEST(problemsOf([&] { history.undo(*w.store, mine.actor); }).front().code ==
               ErrorCode::ConflictingChange);
    BOOST_TEST(w.store->action(a)->owner.str() == w.chair.str());  // their change stands
    BOOST_TEST(history.canUndo());
}

BOOST_AUTO_TEST_CASE(agenda_and_attendance_edits_undo_until_the_meeting_closes) {
    World w;
    CaseId a = referResident(w, "Ann", "Agenda", 63), b = referResident(w, "Bob", "Agenda", 64);
    EditHistory history;
    ServiceContext ctx = w.asChair();
    ctx.history = &history;
    MeetingService meetings(ctx);
    MeetingId m = meetings.schedule(meetingOn(day(2026, 11, 24), w.chair));
    meetings.addItem(m, a, "review");
    meetings.addItem(m, b, "review");
    ParticipantId vcfse = meetings.invite(m, w.vcfse, {});
    meetings.removeItem(meetings.agenda(m).front().id);
    BOOST_TEST(history.nextUndo().value() == "remove-agenda-item");
    history.undo(*w.store, ctx.actor);
    BOOST_TEST(meetings.agenda(m).size() == 2u);
    meetings.recordAttendance(vcfse, Attendance::Absent);
    history.undo(*w.store, ctx.actor);
    BOOST_TEST((w.store->participant(vcfse)->attendance == Attendance::NeedsAction));

    meetings.recordAttendance(vcfse, Attendance::Attended);
    meetings.open(m);
    meetings.close(m);
    // Opening and closing are not undoable, and the minutes of a closed meeting are final.
    BOOST_TEST(history.nextUndo().value() == "record-attendance");
    BOOST_TEST(problemsOf([&] { history.undo(*w.store, ctx.actor); }).front().code ==
               ErrorCode::MeetingClosed);
    BOOST_TEST((w.store->participant(vcfse)->attendance == Attendance::Attended));
    BOOST_TEST((w.store->meeting(m)->status == MeetingStatus::Closed));
}

BOOST_AUTO_TEST_CASE(action_lists_filter_by_status_priority_and_due_range) {
    World w;
    CaseId id = referResident(w, "Wyn", "Poe", 62);
    ActionService chair(w.asChair());
    auto raise = [&](const char* title, Priority p, std::optional<Date> due) {
        return chair.raise({id, title, "", w.navigator, {}, due, p, {}, {}});
    };
    raise("a", Priority::Urgent, day(2026, 11, 1));
    ActionId b = raise("b", Priority::Routine, day(2026, 11, 20));
    raise("c", Priority::Urgent, day(2026, 12, 5));
    raise("d", Priority::Urgent, std::nullopt);
    ActionService(w.asNavigator()).changeStatus(b, ActionStatus::Accepted);
    auto titles = [&](ActionQuery q) {
        std::vector<std::string> out;
        for (const auto& a : w.store->actions(q))
            out.push_back(a.title);
        return out;
    };
    ActionQuery urgent;
    urgent.priority = Priority::Urgent;
    BOOST_TEST((titles(urgent) == std::vector<std::string>{"a", "c", "d"}));
    ActionQuery accepted;
    accepted.status = ActionStatus::Accepted;
    BOOST_TEST((titles(accepted) == std::vector<std::string>{"b"}));
    ActionQuery november;
    november.dueFrom = day(2026, 11, 1);
    november.dueTo = day(2026, 11, 30);
    BOOST_TEST((titles(november) == std::vector<std::string>{"a", "b"}));
    BOOST_TEST(w.store->countActions(november) == 2u);
}

BOOST_AUTO_TEST_CASE(every_error_code_has_its_own_name) {
    std::set<std::string> names;
    for (int c = 0; c <= static_cast<int>(ErrorCode::NotPermitted); ++c) {
        std::string name = errorCodeName(static_cast<ErrorCode>(c));
        BOOST_TEST(name != "unknown");
        BOOST_TEST(names.insert(name).second, name);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_close)

BOOST_AUTO_TEST_CASE(closing_creates_the_next_meeting_with_its_carry_forward_agenda) {
    World w;
    CaseId withAction = referResident(w, "Ann", "Able", 70);
    CaseId quiet = referResident(w, "Bob", "Baker", 71);
    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 11, 10), w.chair));
    meetings.invite(m, w.practice);
    meetings.invite(m, w.vcfse);
    meetings.addItem(m, withAction, "review");
    meetings.addItem(m, quiet, "review");
    auto items = meetings.agenda(m);
    Outcome outcome;
    outcome.decision = "Refer to falls clinic";
    outcome.actions.push_back(
        {{}, "Falls referral", "", w.gp, {}, day(2026, 11, 30), Priority::Urgent, {}, {}});
    meetings.recordOutcome(items[0].id, outcome);
    meetings.recordOutcome(items[1].id,
                           Outcome{"Settled", "Close at next review", "", false, {}, {}});

    const auto logged = w.store->changeLog({0, std::nullopt, 100000}).size();
    MeetingId next = meetings.closeAndCarryForward(m);
    BOOST_TEST((w.store->meeting(m)->status == MeetingStatus::Closed));
    // Closing, the next meeting, its invitations and agenda: one change set, all or nothing.
    auto written = w.store->changeLog({static_cast<std::int64_t>(logged), std::nullopt, 100});
    BOOST_TEST(written.size() == 5u);  // closed meeting, next meeting, 2 invitations, 1 item
    BOOST_TEST(std::all_of(written.begin(), written.end(), [](const ChangeLogEntry& e) {
        return e.intent == "close-and-carry-forward";
    }));
    Meeting n = *w.store->meeting(next);
    BOOST_TEST(toIsoDate(n.date) == "2026-11-24");
    BOOST_TEST(n.startTime == "13:00");
    BOOST_TEST(w.store->participants(next).size() == 2u);
    auto agenda = meetings.agenda(next);
    BOOST_REQUIRE(agenda.size() == 1u);  // only the case with an open action comes back
    BOOST_TEST(agenda[0].caseId.str() == withAction.str());
    BOOST_TEST(agenda[0].carriedForward);
    // Closing a meeting twice is refused; a planned next meeting is reused, not duplicated.
    BOOST_TEST(problemsOf([&] { meetings.close(m); }).front().code == ErrorCode::MeetingClosed);
    BOOST_TEST(meetings.closeAndCarryForward(next).str() != next.str());
    BOOST_TEST(w.store->meetings(10).size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(care_plan_versions)

BOOST_AUTO_TEST_CASE(differences_between_versions_follow_each_goal_across_versions) {
    World w;
    CaseId id = referResident(w, "Dai", "Evans", 80);
    CarePlanService plans(w.asChair());
    CarePlanId v1 = plans.startDraft(id);
    CarePlan p = *w.store->carePlan(v1);
    p.whatMattersToMe = "Walking my dog";
    plans.saveDraft(p);
    GoalId walk =
        plans.addGoal(v1, NeedDomain::PhysicalHealth, "Walk to the park", day(2027, 1, 1));
    plans.addGoal(v1, NeedDomain::SocialIsolation, "Join the choir", std::nullopt);
    plans.addNeed(v1, NeedDomain::Housing, "Damp bedroom", "Landlord letter");
    plans.agree(v1);

    CarePlanId v2 = plans.startDraft(id);
    auto doc = plans.document(v2);
    for (Goal g : doc.goals) {
        if (g.description == "Walk to the park") {
            g.description = "Walk to the park and back";
            plans.saveGoal(g);
        }
    }
    plans.addGoal(v2, NeedDomain::MoneyAndDebt, "Pay off the gas bill", std::nullopt);
    p = *w.store->carePlan(v2);
    p.whatMattersToMe = "Walking my dog, Bryn";
    plans.saveDraft(p);

    auto diff = compareCarePlans(plans.document(v1), plans.document(v2));
    auto find = [&](const char* item, PlanDifference::Kind kind) {
        return std::count_if(diff.begin(), diff.end(), [&](const PlanDifference& d) {
            return d.item == item && d.kind == kind;
        });
    };
    BOOST_TEST(diff.size() == 3u);
    BOOST_TEST(find("what-matters", PlanDifference::Kind::Changed) == 1);
    BOOST_TEST(find("goal", PlanDifference::Kind::Changed) == 1);  // reworded, same lineage
    BOOST_TEST(find("goal", PlanDifference::Kind::Added) == 1);
    BOOST_TEST(compareCarePlans(plans.document(v1), plans.document(v1)).empty());
    (void)walk;
}

BOOST_AUTO_TEST_SUITE_END()

#include "model/permissions.h"

BOOST_AUTO_TEST_SUITE(permissions)

BOOST_AUTO_TEST_CASE(vcfse_workers_read_only_the_social_sections_of_a_care_plan) {
    World w;
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Eira", "Morgan", testNhsNumber(4401)), w.gp, w.practice,
                            "Isolation", day(2026, 11, 1), w.navigator});
    CarePlanService chair(w.asChair());
    auto draft = chair.startDraft(id);
    chair.addNeed(draft, NeedDomain::MentalHealth, "Low mood since bereavement", "GP review");
    chair.addNeed(draft, NeedDomain::SocialIsolation, "Rarely leaves the house", "Befriending");
    chair.addGoal(draft, NeedDomain::Safety, "Feel safe at home", {});
    chair.addGoal(draft, NeedDomain::Housing, "Stay in my own flat", {});
    auto everyone = chair.document(draft);
    BOOST_TEST(everyone.needs.size() == 2u);
    BOOST_TEST(!everyone.sectionsWithheld);
    auto vcfse =
        CarePlanService(w.as(ProfessionalId("v"), Role::VcfseWorker, w.vcfse)).document(draft);
    BOOST_REQUIRE(vcfse.needs.size() == 1u);
    BOOST_TEST(vcfse.needs[0].description == "Rarely leaves the house");
    BOOST_REQUIRE(vcfse.goals.size() == 1u);
    BOOST_TEST(vcfse.goals[0].description == "Stay in my own flat");
    BOOST_TEST(vcfse.sectionsWithheld);
    // Navigators, practice staff and clinicians read the whole plan.
    for (Role r : {Role::Navigator, Role::PracticeStaff, Role::Clinician})
        BOOST_TEST(CarePlanService(w.as(ProfessionalId("x"), r, w.practice))
                       .document(draft)
                       .needs.size() == 2u);
}

BOOST_AUTO_TEST_CASE(each_role_may_do_what_its_work_needs) {
    auto actor = [](Role r) { return Actor{ProfessionalId("p"), "P", r, OrganisationId("o")}; };
    using O = Operation;
    BOOST_TEST(isAllowed(actor(Role::Chair), O::RunMeeting));
    BOOST_TEST(isAllowed(actor(Role::Chair), O::AgreeCarePlan));
    BOOST_TEST(!isAllowed(actor(Role::Clinician), O::AgreeCarePlan));
    BOOST_TEST(isAllowed(actor(Role::Clinician), O::EditCarePlanDraft));
    BOOST_TEST(!isAllowed(actor(Role::Navigator), O::EditCarePlanDraft));
    BOOST_TEST(isAllowed(actor(Role::Navigator), O::RaiseAction));
    for (O o : {O::EditCase, O::EditCarePlanDraft, O::AgreeCarePlan, O::RaiseAction, O::RunMeeting,
                O::ManageDirectory})
        BOOST_TEST(!isAllowed(actor(Role::PracticeStaff), o));  // read and print only
    BOOST_TEST(isAllowed(actor(Role::Administrator), O::ManageDirectory));
    BOOST_TEST(!isAllowed(actor(Role::Administrator), O::EditCase));

    Action mine;
    mine.owner = ProfessionalId("p");
    Action orgs;
    orgs.ownerOrganisation = OrganisationId("o");
    Action others;
    others.owner = ProfessionalId("q");
    others.ownerOrganisation = OrganisationId("x");
    for (Role r : {Role::Navigator, Role::VcfseWorker}) {
        BOOST_TEST(mayWorkOn(actor(r), mine));
        BOOST_TEST(mayWorkOn(actor(r), orgs));
        BOOST_TEST(!mayWorkOn(actor(r), others));
    }
    BOOST_TEST(mayWorkOn(actor(Role::Clinician), others));
    BOOST_TEST(!mayWorkOn(actor(Role::PracticeStaff), mine));
}

BOOST_AUTO_TEST_CASE(refused_operations_change_nothing) {
    World w;
    CaseId id = referResident(w, "Pat", "Quinn", 90);
    ServiceContext practice = w.as(w.gp, Role::PracticeStaff, w.practice);
    auto before = w.store->changeLog({0, std::nullopt, 100000}).size();
    auto refused = [&](auto&& f) {
        auto problems = problemsOf(f);
        return !problems.empty() && problems.front().code == ErrorCode::NotPermitted;
    };
    BOOST_TEST(refused([&] { CaseService(practice).close(id, "moved"); }));
    BOOST_TEST(refused([&] { CarePlanService(practice).startDraft(id); }));
    BOOST_TEST(
        refused([&] { MeetingService(practice).schedule(meetingOn(day(2026, 12, 1), w.gp)); }));
    BOOST_TEST(refused([&] {
        DirectoryService(w.asChair()).addOrganisation({{}, "X", OrganisationKind::Vcfse, ""});
    }));

    // A navigator works their organisation's actions, not another's.
    ActionService chair(w.asChair());
    ActionId theirs =
        chair.raise({id, "Visit", "", w.navigator, {}, {}, Priority::Routine, {}, {}});
    ActionId gpOnly = chair.raise({id, "Prescribe", "", w.gp, {}, {}, Priority::Routine, {}, {}});
    ActionService navigator(w.asNavigator());
    navigator.changeStatus(theirs, ActionStatus::Accepted);
    BOOST_TEST(refused([&] { navigator.changeStatus(gpOnly, ActionStatus::Accepted); }));
    BOOST_TEST(refused([&] { navigator.addNote(gpOnly, "note"); }));
    BOOST_TEST(refused(
        [&] { CarePlanService(w.as(w.gp, Role::Clinician, w.practice)).agree(CarePlanId("x")); }));
    BOOST_TEST((w.store->action(gpOnly)->status == ActionStatus::Requested));
    BOOST_TEST(w.store->changeLog({0, std::nullopt, 100000}).size() ==
               before + 3);  // two raises, one accept
}

BOOST_AUTO_TEST_SUITE_END()
