// Outcomes: wellbeing scores (ONS4) recorded against a case, a practice's service-use
// export read row by row, and the outcome report built from the real store, with small
// numbers suppressed in every table that leaves the desktop.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/outcome_report.h"
#include "model/outcome_service.h"
#include "model/service_use_import.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

void setToday(World& w, Date d) {
    w.clock->set(std::chrono::sys_days(d) + std::chrono::hours(9));
}

CaseId referAccepted(World& w, int n, Date referred, Sex sex = Sex::Female,
                     Date born = day(1940, 5, 1)) {
    Resident r = resident("Given" + std::to_string(n), "Family", testNhsNumber(n));
    r.sex = sex;
    r.dateOfBirth = born;
    r.registeredPractice = w.practice;
    CaseService cases(w.asChair());
    CaseId id = cases.refer({r, w.gp, w.practice, "reason", referred, w.navigator});
    cases.triage(id, Triage::AcceptedForMdt, "");
    return id;
}

WellbeingScore score(const CaseId& id, Date on, WellbeingOccasion occasion, int life, int anxiety) {
    WellbeingScore s;
    s.caseId = id;
    s.recordedOn = on;
    s.occasion = occasion;
    s.lifeSatisfaction = life;
    s.worthwhile = 5;
    s.happiness = 5;
    s.anxiety = anxiety;
    return s;
}

/// Agrees a plan with `goals` goals, `achieved` of them achieved, on `on`.
void agreePlan(World& w, const CaseId& id, Date on, int goals, int achieved) {
    setToday(w, on);
    CarePlanService plans(w.asChair());
    CarePlanId draft = plans.startDraft(id);
    auto document = plans.document(draft);
    for (int i = static_cast<int>(document.goals.size()); i < goals; ++i)
        plans.addGoal(draft, NeedDomain::SocialIsolation, "goal " + std::to_string(i), {});
    document = plans.document(draft);
    int done = 0;
    for (auto g : document.goals) {
        g.progress = done++ < achieved ? GoalProgress::Achieved : GoalProgress::InProgress;
        plans.saveGoal(g);
    }
    auto plan = *plans.draft(id);
    plan.whatMattersToMe = "Getting out again";
    plans.saveDraft(plan);
    plans.agree(draft);
}

const std::vector<std::string>* rowNamed(const ReportTable& t, const std::string& first) {
    for (const auto& r : t.rows)
        if (!r.empty() && r[0] == first)
            return &r;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outcomes)

BOOST_AUTO_TEST_CASE(a_wellbeing_score_is_checked_and_one_baseline_kept_per_case) {
    World w;
    CaseId id = referAccepted(w, 1, day(2026, 6, 1));
    OutcomeService outcomes(w.asNavigator());

    auto bad = score(id, day(2026, 12, 1), WellbeingOccasion::Referral, 11, -1);
    auto problems = problemsOf([&] { outcomes.recordWellbeing(bad); });
    BOOST_TEST(problems.size() == 3u);  // life satisfaction, anxiety, a date in the future
    BOOST_TEST((problems[0] == Problem{ErrorCode::ValueOutOfRange, "lifeSatisfaction"}));
    BOOST_TEST((problems[1] == Problem{ErrorCode::ValueOutOfRange, "anxiety"}));
    BOOST_TEST((problems[2] == Problem{ErrorCode::DateOutOfRange, "recordedOn"}));
    BOOST_TEST(problemsOf([&] {
                   outcomes.recordWellbeing(
                       score(id, day(2026, 5, 1), WellbeingOccasion::Referral, 4, 6));
               })
                   .front()
                   .code == ErrorCode::DateOutOfRange);  // before the referral

    outcomes.recordWellbeing(score(id, day(2026, 6, 1), WellbeingOccasion::Referral, 4, 7));
    auto twice = problemsOf([&] {
        outcomes.recordWellbeing(score(id, day(2026, 6, 2), WellbeingOccasion::Referral, 4, 7));
    });
    BOOST_TEST((twice == std::vector<Problem>{{ErrorCode::BaselineExists, "occasion"}}));
    outcomes.recordWellbeing(score(id, day(2026, 9, 1), WellbeingOccasion::Review, 7, 3));

    auto history = outcomes.wellbeingHistory(id);
    BOOST_REQUIRE(history.size() == 2u);
    BOOST_TEST(history[1].lifeSatisfaction == 7);
    BOOST_TEST(history[1].recordedBy.str() == w.navigator.str());
    // Practice staff refer people in but do not record their wellbeing.
    auto reception = w.as(ProfessionalId("reception"), Role::PracticeStaff, w.practice);
    BOOST_TEST(problemsOf([&] {
                   OutcomeService(reception).recordWellbeing(
                       score(id, day(2026, 10, 1), WellbeingOccasion::Review, 7, 3));
               })
                   .front()
                   .code == ErrorCode::NotPermitted);
    // The score is in the audit trail without its answers.
    auto trail = w.store->auditTrail({});
    BOOST_TEST(std::any_of(trail.begin(), trail.end(), [&](const AuditEntry& e) {
        return e.detail.starts_with("wellbeing score recorded (review)");
    }));
}

BOOST_AUTO_TEST_CASE(months_are_read_as_practice_exports_write_them) {
    BOOST_TEST(*parseExportMonth("2026-05") == "2026-05");
    BOOST_TEST(*parseExportMonth("05/2026") == "2026-05");
    BOOST_TEST(*parseExportMonth("5/2026") == "2026-05");
    BOOST_TEST(*parseExportMonth("May 2026") == "2026-05");
    BOOST_TEST(*parseExportMonth("01/05/2026") == "2026-05");
    BOOST_TEST(!parseExportMonth("2026-13"));
    BOOST_TEST(!parseExportMonth("spring"));
    BOOST_TEST(addMonths("2026-02", -6) == "2025-08");
    BOOST_TEST(addMonths("2025-11", 2) == "2026-01");
}

BOOST_AUTO_TEST_CASE(a_service_use_export_is_refused_by_line_and_nothing_kept) {
    World w;
    CaseId known = referAccepted(w, 1, day(2026, 3, 1));
    auto reception = w.as(ProfessionalId("reception"), Role::PracticeStaff, w.practice);
    OutcomeService outcomes(reception);
    const std::string header =
        "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n";

    auto missing = problemsOf([&] { outcomes.importServiceUse("NHS Number,Month\n", "x.csv"); });
    BOOST_TEST(missing.size() == 3u);
    BOOST_TEST((missing[0] == Problem{ErrorCode::ColumnMissing, "emergencyAttendances"}));

    const std::string bad = header + testNhsNumber(1) + ",2026-01,1,0,2\n" +  // fine
                            "1234567890,2026-01,0,0,1\n" +                    // line 3: checksum
                            testNhsNumber(1) + ",2026-13,0,0,1\n" +           // line 4: month
                            testNhsNumber(1) + ",2027-01,0,0,1\n" +           // line 5: future
                            testNhsNumber(1) + ",2026-02,-1,0,x\n" +          // line 6: counts
                            testNhsNumber(1) + ",01/2026,0,0,0\n" +           // line 7: twice
                            testNhsNumber(1) + ",2026-03,=1+1,0,0\n";         // line 8: formula
    auto problems = problemsOf([&] { outcomes.importServiceUse(bad, "bad.csv"); });
    auto has = [&](ErrorCode code, std::size_t line) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const Problem& p) { return p.code == code && p.line == line; });
    };
    BOOST_TEST(has(ErrorCode::NhsNumberChecksum, 3));
    BOOST_TEST(has(ErrorCode::DateInvalid, 4));
    BOOST_TEST(has(ErrorCode::DateOutOfRange, 5));
    BOOST_TEST(has(ErrorCode::ValueOutOfRange, 6));
    BOOST_TEST(problems.size() == 7u);  // line 6 twice (two counts)
    BOOST_TEST(has(ErrorCode::DuplicateRow, 7));
    BOOST_TEST(has(ErrorCode::FormulaInCell, 8));
    BOOST_TEST(!has(ErrorCode::NhsNumberChecksum, 2));
    BOOST_TEST(w.store->serviceUse().empty());
    BOOST_TEST(problemsOf([&] {
                   outcomes.importServiceUse(std::string("PK\x03\x04\x14\0", 6), "book.csv");
               })
                   .front()
                   .code == ErrorCode::FileIsSpreadsheet);

    // A good file: the resident held here is kept; someone with no case is only counted.
    const std::string good = header + testNhsNumber(1) + ",2026-01,1,0,2\n" + testNhsNumber(1) +
                             ",2026-02,,1,3\n" + testNhsNumber(77) + ",2026-01,4,4,4\n";
    auto result = outcomes.importServiceUse(good, "use.csv");
    BOOST_TEST(result.months == 2u);
    BOOST_TEST(result.residents == 1u);
    BOOST_TEST(result.notHeld == 1u);
    auto held = w.store->serviceUse();
    BOOST_REQUIRE(held.size() == 2u);
    BOOST_TEST(held[1].caseId.str() == known.str());
    BOOST_TEST(held[1].emergencyAttendances == 0);  // an empty count is none
    BOOST_TEST(held[1].emergencyAdmissions == 1);

    // The same month again replaces it rather than counting it twice.
    auto again = outcomes.importServiceUse(header + testNhsNumber(1) + ",2026-02,2,1,3\n", "b");
    BOOST_TEST(again.replaced == 1u);
    held = w.store->serviceUse();
    BOOST_REQUIRE(held.size() == 2u);
    BOOST_TEST(held[1].emergencyAttendances == 2);

    // Service use stays on the practice's desktop: nothing of it is waiting to be sent.
    auto log = w.store->changeLog({});
    BOOST_TEST(std::none_of(log.begin(), log.end(), [](const ChangeLogEntry& e) {
        return e.kind == EntityKind::ServiceUseMonth;
    }));
    // Only a GP practice's staff import it.
    BOOST_TEST(
        problemsOf([&] { OutcomeService(w.asNavigator()).importServiceUse(good, "use.csv"); })
            .front()
            .code == ErrorCode::NotPermitted);
}

BOOST_AUTO_TEST_CASE(the_report_shows_attainment_wellbeing_and_service_use_before_and_after) {
    World w;  // the report is made on 2026-11-23
    std::vector<CaseId> cohort;
    for (int n = 1; n <= 6; ++n)
        cohort.push_back(referAccepted(w, n, day(2026, 3, 1), n <= 4 ? Sex::Female : Sex::Male,
                                       n == 6 ? day(1990, 1, 1) : day(1940, 5, 1)));
    // Not taken on by the team: never counted.
    CaseService(w.asChair()).triage(cohort.back(), Triage::Declined, "not for us");
    cohort.pop_back();

    // Plans agreed in April with 2 goals each, none achieved; re-agreed in September with
    // one of the two achieved for every resident.
    for (const auto& id : cohort)
        agreePlan(w, id, day(2026, 4, 10), 2, 0);
    for (const auto& id : cohort)
        agreePlan(w, id, day(2026, 9, 10), 2, 1);
    setToday(w, day(2026, 11, 23));

    // The first MDT discussion: 2026-05-05, for everyone.
    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 5, 5), w.chair));
    for (const auto& id : cohort)
        meetings.addItem(m, id, "new");
    setToday(w, day(2026, 5, 5));
    meetings.open(m);
    for (const auto& item : meetings.agenda(m))
        meetings.recordOutcome(item.id, {"talked", "plan", "", false, {}, {}});
    meetings.close(m);
    setToday(w, day(2026, 11, 23));

    OutcomeService outcomes(w.asNavigator());
    for (const auto& id : cohort) {
        outcomes.recordWellbeing(score(id, day(2026, 3, 1), WellbeingOccasion::Referral, 4, 8));
        outcomes.recordWellbeing(score(id, day(2026, 6, 1), WellbeingOccasion::Review, 5, 6));
        outcomes.recordWellbeing(score(id, day(2026, 10, 1), WellbeingOccasion::Review, 7, 4));
    }
    // Service use: 2 A&E attendances a month before May, none after.
    std::string csv = "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n";
    for (int n = 1; n <= 5; ++n) {
        for (auto month : {"2026-01", "2026-02", "2026-03", "2026-04"})
            csv += testNhsNumber(n) + "," + month + ",2,1,3\n";
        for (auto month : {"2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"})
            csv += testNhsNumber(n) + "," + month + ",0,0,1\n";
    }
    OutcomeService(w.as(ProfessionalId("reception"), Role::PracticeStaff, w.practice))
        .importServiceUse(csv, "use.csv");

    auto r = OutcomeReportService(w.asNavigator()).build();
    BOOST_TEST(r.all.residents == 5u);
    BOOST_TEST(r.all.goals == 10u);
    BOOST_TEST(r.all.goalsAchieved == 5u);
    // Attainment over time: nothing agreed before April; none achieved until September.
    BOOST_REQUIRE(r.attainment.size() == 12u);
    BOOST_TEST(r.attainment.front().month == "2025-12");
    BOOST_TEST(r.attainment.back().month == "2026-11");
    auto at = [&](const std::string& month) {
        return *std::find_if(r.attainment.begin(), r.attainment.end(),
                             [&](const auto& p) { return p.month == month; });
    };
    BOOST_TEST(at("2026-03").goals == 0u);
    BOOST_TEST(at("2026-04").goals == 10u);
    BOOST_TEST(at("2026-08").byProgress[2] == 0u);
    BOOST_TEST(at("2026-09").byProgress[2] == 5u);
    // Wellbeing from the referral score to the latest review.
    BOOST_TEST(r.all.wellbeingResidents == 5u);
    BOOST_TEST(r.all.wellbeingBaseline[0] == 4.0);
    BOOST_TEST(r.all.wellbeingLatest[0] == 7.0);
    BOOST_TEST(r.all.better[3] == 5u);  // anxiety fell from 8 to 4
    // Service use per resident per year: 24 A&E attendances before, none after (the
    // discussion month and the month not over yet left out).
    BOOST_TEST(r.all.serviceUseResidents == 5u);
    BOOST_TEST(r.all.usedBefore[0] == 24.0);
    BOOST_TEST(r.all.usedAfter[0] == 0.0);
    BOOST_TEST(r.all.usedAfter[2] == 12.0);
    // Breakdowns: by sex, four women and one man; by age band, all 85+... or 75-84.
    BOOST_REQUIRE(r.bySex.size() == 2u);
    BOOST_TEST(r.bySex[0].code == "female");
    BOOST_TEST(r.bySex[0].residents == 4u);
    BOOST_REQUIRE(r.byAgeBand.size() == 1u);
    BOOST_TEST(r.byAgeBand[0].code == "85+");
    BOOST_REQUIRE(r.byPractice.size() == 1u);
    BOOST_TEST(r.byPractice[0].name == "Riverside Surgery");

    // On screen every count shows; exported, the groups of fewer than five are suppressed,
    // with the next smallest so that neither can be worked out from the total.
    auto screen = outcomeTables(r, OutcomeBreakdown::Sex, Disclosure::Screen);
    BOOST_REQUIRE(screen.size() == 4u);
    BOOST_TEST((*rowNamed(screen[3], "male"))[1] == "1");
    auto exported = outcomeTables(r, OutcomeBreakdown::Sex, Disclosure::Export);
    BOOST_TEST((*rowNamed(exported[3], "male"))[1] == kSuppressed);
    BOOST_TEST((*rowNamed(exported[3], "female"))[1] == kSuppressed);
    BOOST_TEST((*rowNamed(exported[3], "female"))[3] == kSuppressed);
    BOOST_TEST((*rowNamed(exported[3], "All residents"))[1] == "5");
    BOOST_TEST((*rowNamed(exported[1], "Life satisfaction"))[2] == "4.0");
    BOOST_TEST((*rowNamed(exported[2], "A&E attendances"))[4] == "-100.0");
    // No cell of any exported table holds a count from 1 to 4.
    for (auto breakdown : {OutcomeBreakdown::Practice, OutcomeBreakdown::AgeBand,
                           OutcomeBreakdown::Sex, OutcomeBreakdown::NeedDomain})
        for (const auto& t : outcomeTables(r, breakdown, Disclosure::Export))
            for (const auto& row : t.rows)
                for (std::size_t c = 1; c < row.size(); ++c)
                    BOOST_TEST((row[c] != "1" && row[c] != "2" && row[c] != "3" && row[c] != "4"),
                               t.name << " " << row[0] << " column " << c << ": " << row[c]);
}

BOOST_AUTO_TEST_SUITE_END()
