// Meetings land on working days: England's bank holidays, New Meeting and carrying forward.
#include <boost/test/unit_test.hpp>

#include "model/case_service.h"
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
