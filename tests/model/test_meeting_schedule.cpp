// Meetings land on working days: England's bank holidays, New Meeting and carrying forward.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "model/case_service.h"
#include "model/edit_history.h"
#include "model/meeting_service.h"
#include "model/working_days.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
std::vector<std::string> isoDates(const std::vector<Date>& dates) {
    std::vector<std::string> out;
    for (const auto& d : dates)
        out.push_back(toIsoDate(d));
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(working_days)

BOOST_AUTO_TEST_CASE(bank_holidays_match_the_published_lists) {
    // As published for England and Wales, substitute days included.
    BOOST_TEST((isoDates(bankHolidays(2026)) ==
                std::vector<std::string>{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                         "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}));
    BOOST_TEST((isoDates(bankHolidays(2027)) ==
                std::vector<std::string>{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                         "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"}));
    BOOST_TEST((isoDates(bankHolidays(2022)) ==
                std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                         "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                         "2022-12-26", "2022-12-27"}));
    BOOST_TEST((isoDates(bankHolidays(2021)).back() == "2021-12-28"));  // Christmas on a Saturday
}

BOOST_AUTO_TEST_CASE(weekends_and_holidays_move_to_the_next_working_day) {
    BOOST_TEST(!isWorkingDay(day(2026, 12, 26)));  // Saturday, Boxing Day
    BOOST_TEST(!isWorkingDay(day(2026, 12, 28)));  // its substitute Monday
    BOOST_TEST(isWorkingDay(day(2026, 12, 29)));
    BOOST_TEST(toIsoDate(workingDayOnOrAfter(day(2026, 12, 25))) == "2026-12-29");
    BOOST_TEST(toIsoDate(workingDayOnOrAfter(day(2026, 4, 3))) == "2026-04-07");  // Easter
    BOOST_TEST(toIsoDate(workingDayOnOrAfter(day(2026, 11, 24))) == "2026-11-24");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_schedule)

BOOST_AUTO_TEST_CASE(new_meeting_is_a_fortnight_on_a_working_day_with_the_same_invitees) {
    World w;
    MeetingService meetings(w.asChair());
    // The last meeting was on Saturday 12 December (a special session): a fortnight on is
    // Boxing Day, a Saturday; then the substitute Monday; the next is Tuesday 29th.
    Meeting last = meetingOn(day(2026, 12, 12), w.chair);
    last.startTime = "09:30";
    last.place = "Riverside Surgery";
    MeetingId lastId = meetings.schedule(last);
    meetings.invite(lastId, w.practice);
    meetings.invite(lastId, w.vcfse);
    meetings.open(lastId);
    meetings.close(lastId);
    w.clock->set(w.clock->now() + std::chrono::days(20));  // 13 December

    std::int64_t before = w.store->changeLog({0, std::nullopt, 100000}).size();
    NextMeeting next = meetings.scheduleNext();
    BOOST_TEST(!next.alreadyPlanned);
    Meeting made = *w.store->meeting(next.id);
    BOOST_TEST(toIsoDate(made.date) == "2026-12-29");
    BOOST_TEST(made.startTime == "09:30");
    BOOST_TEST(made.place == "Riverside Surgery");
    BOOST_TEST(w.store->participants(next.id).size() == 2u);
    // One change set: the meeting and its invitations are committed together.
    auto log = w.store->changeLog({before, std::nullopt, 100000});
    BOOST_TEST(log.size() == 3u);
    for (const auto& entry : log) {
        BOOST_TEST(entry.intent == "schedule-meeting");
        BOOST_TEST((entry.hlc == log.front().hlc));
    }

    // Asked again while that one is still to come: the same meeting, not a second one.
    NextMeeting again = meetings.scheduleNext();
    BOOST_TEST(again.alreadyPlanned);
    BOOST_TEST(again.id.str() == next.id.str());
    BOOST_TEST(w.store->meetings(10).size() == 2u);
}

BOOST_AUTO_TEST_CASE(closing_carries_forward_to_a_working_day_and_counts_what_was_recorded) {
    World w;
    CaseService cases(w.asChair());
    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 12, 14), w.chair));  // +14: 28th
    meetings.invite(m, w.practice);
    meetings.invite(m, w.vcfse);
    std::vector<AgendaItemId> items;
    for (int i = 0; i < 3; ++i)
        items.push_back(meetings.addItem(
            m,
            cases.refer({resident("G" + std::to_string(i), "F", testNhsNumber(600 + i)),
                         w.gp,
                         w.practice,
                         "x",
                         day(2026, 11, 1),
                         {}}),
            "new-referral"));
    meetings.open(m);
    Outcome outcome;
    outcome.discussion = "Discussed";
    meetings.recordOutcome(items[0], outcome);
    auto participants = w.store->participants(m);
    meetings.recordAttendance(participants[0].id, Attendance::Attended);
    ClosingCheck check = meetings.closingCheck(m);
    BOOST_TEST(check.residents == 3u);
    BOOST_TEST(check.discussed == 1u);
    BOOST_TEST(check.invited == 2u);
    BOOST_TEST(check.unrecorded == 1u);
    MeetingId next = meetings.closeAndCarryForward(m);
    BOOST_TEST(toIsoDate(w.store->meeting(next)->date) == "2026-12-29");
}

BOOST_AUTO_TEST_CASE(only_chairs_schedule) {
    World w;
    auto refused = problemsOf([&] { MeetingService(w.asNavigator()).scheduleNext(); });
    BOOST_REQUIRE(!refused.empty());
    BOOST_TEST(refused.front().code == ErrorCode::NotPermitted);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_series)

BOOST_AUTO_TEST_CASE(two_mdts_each_plan_from_their_own_defaults_and_list_their_own_residents) {
    World w;  // today is Monday 23 Nov 2026
    MeetingService meetings(w.asChair());
    MeetingSeries frailty;
    frailty.name = "Frailty MDT";
    frailty.cadenceDays = 28;
    frailty.startTime = "09:30";
    frailty.durationMinutes = 60;
    frailty.place = "Riverside Surgery, room 2";
    frailty.defaultInvitees = {w.practice, w.vcfse};
    // Bad input is named, field by field, and nothing is written.
    MeetingSeries bad = frailty;
    bad.name = " ";
    bad.cadenceDays = 3;
    bad.startTime = "9.30";
    bad.defaultInvitees = {OrganisationId("nowhere")};
    auto problems = problemsOf([&] { meetings.createSeries(bad); });
    for (const char* field : {"name", "cadenceDays", "startTime", "defaultInvitees"})
        BOOST_TEST(std::count_if(problems.begin(), problems.end(),
                                 [&](const Problem& p) { return p.field == field; }) == 1,
                   field);
    BOOST_TEST(meetings.series().empty());
    // Navigators do not set up MDTs.
    BOOST_TEST(
        problemsOf([&] { MeetingService(w.asNavigator()).createSeries(frailty); }).front().code ==
        ErrorCode::NotPermitted);

    const auto frailtyId = meetings.createSeries(frailty);
    MeetingSeries mental;
    mental.name = "Mental Health MDT";
    mental.cadenceDays = 7;
    const auto mentalId = meetings.createSeries(mental);
    mental.name = "frailty mdt";  // names are unique whatever their case
    BOOST_TEST(problemsOf([&] { meetings.createSeries(mental); }).front().code ==
               ErrorCode::DuplicateName);

    // Residents: one for each MDT, one for whichever meets first.
    CaseService cases(w.asChair());
    auto refer = [&](const char* family, int n) {
        return cases.refer({resident("Ann", family, testNhsNumber(n)),
                            w.gp,
                            w.practice,
                            "Falls",
                            day(2026, 11, 1),
                            {}});
    };
    const CaseId forFrailty = refer("Frail", 301);
    const CaseId forMental = refer("Mind", 302);
    const CaseId forAny = refer("Any", 303);
    cases.triage(forFrailty, Triage::AcceptedForMdt, "", frailtyId);
    cases.triage(forMental, Triage::AcceptedForMdt, "", mentalId);
    BOOST_TEST(problemsOf([&] { cases.triage(forAny, Triage::Declined, "elsewhere", mentalId); })
                   .front()
                   .code == ErrorCode::ValueOutOfRange);

    // The first frailty meeting takes the series' defaults, a week on, with its invitees.
    auto first = meetings.scheduleNext(frailtyId);
    Meeting m = meetings.get(first.id);
    BOOST_TEST(m.title == "Frailty MDT");
    BOOST_TEST(m.startTime == "09:30");
    BOOST_TEST(m.durationMinutes == 60);
    BOOST_TEST(m.place == "Riverside Surgery, room 2");
    BOOST_TEST(toIsoDate(m.date) == "2026-11-30");
    BOOST_TEST(w.store->participants(first.id).size() == 2u);
    BOOST_TEST(meetings.scheduleNext(frailtyId).alreadyPlanned);
    // The mental health MDT plans its own, beside it.
    auto weekly = meetings.scheduleNext(mentalId);
    BOOST_TEST(!weekly.alreadyPlanned);
    BOOST_TEST(meetings.get(weekly.id).title == "Mental Health MDT");

    meetings.buildAgenda(first.id);
    meetings.buildAgenda(weekly.id);
    auto listed = [&](const MeetingId& id) {
        std::set<std::string> out;
        for (const auto& item : meetings.agenda(id))
            out.insert(item.caseId.str());
        return out;
    };
    BOOST_TEST((listed(first.id) == std::set<std::string>{forFrailty.str(), forAny.str()}));
    // A resident for any MDT is listed once, by the first agenda built, not by both.
    BOOST_TEST((listed(weekly.id) == std::set<std::string>{forMental.str()}));

    // Closing a four-weekly meeting plans the next four weeks on, in the same series.
    auto next = meetings.closeAndCarryForward(first.id);
    BOOST_TEST(toIsoDate(meetings.get(next).date) == "2026-12-29");  // 28th: a bank holiday
    BOOST_TEST(meetings.get(next).seriesId.str() == frailtyId.str());

    // A change of defaults is undoable.
    MeetingSeries changed = meetings.series().front();
    BOOST_TEST(changed.name == "Frailty MDT");
    changed.durationMinutes = 75;
    ServiceContext undoable = w.asChair();
    EditHistory history;
    undoable.history = &history;
    MeetingService(undoable).changeSeries(changed);
    BOOST_TEST(meetings.series().front().durationMinutes == 75);
    history.undo(*w.store, undoable.actor);
    BOOST_TEST(meetings.series().front().durationMinutes == 60);
}

BOOST_AUTO_TEST_SUITE_END()
