// The neighbourhood reports, computed by the real store's aggregate queries.
#include <boost/test/unit_test.hpp>

#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/report_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
CaseId refer(World& w, int n, Date referred) {
    return CaseService(w.asChair())
        .refer({resident("Given" + std::to_string(n), "Family", testNhsNumber(n)), w.gp, w.practice,
                "reason", referred, w.navigator});
}

std::size_t barCount(const std::vector<ReportBar>& bars, const std::string& label) {
    for (const auto& b : bars)
        if (b.label == label)
            return b.count;
    BOOST_FAIL("no bar " + label);
    return 0;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(reports)

BOOST_AUTO_TEST_CASE(counts_caseload_actions_overdue_and_waits) {
    World w;  // today is 2026-11-23
    CaseId agreed = refer(w, 1, day(2026, 11, 1));
    CaseId draftOnly = refer(w, 2, day(2026, 10, 1));
    CaseId noPlan = refer(w, 3, day(2026, 11, 20));
    CaseId closed = refer(w, 4, day(2026, 9, 1));

    CarePlanService plans(w.asChair());
    CarePlanId v1 = plans.startDraft(agreed);
    plans.addNeed(v1, NeedDomain::Housing, "damp", "");
    plans.addNeed(v1, NeedDomain::MoneyAndDebt, "arrears", "");
    plans.addNeed(v1, NeedDomain::MoneyAndDebt, "loan shark", "");  // one case, counted once
    auto draft = *plans.draft(agreed);
    draft.whatMattersToMe = "Staying warm";
    plans.saveDraft(draft);
    plans.agree(v1);
    CarePlanId v2 = plans.startDraft(agreed);  // a newer draft does not count twice
    plans.addNeed(v2, NeedDomain::Safety, "draft only", "");
    CarePlanId d = plans.startDraft(draftOnly);
    plans.addNeed(d, NeedDomain::Housing, "stairs", "");
    CarePlanId c = plans.startDraft(closed);
    plans.addNeed(c, NeedDomain::Housing, "closed case", "");
    CaseService(w.asChair()).close(closed, "moved away");

    ActionService actions(w.asChair());
    auto raise = [&](const CaseId& id, ProfessionalId owner, OrganisationId org,
                     std::optional<Date> due) {
        return actions.raise({id, "do it", "", owner, org, due, Priority::Routine, "", {}});
    };
    raise(agreed, w.navigator, {}, day(2026, 11, 20));  // 3 days overdue, Age Well (owner's)
    raise(agreed, {}, w.practice, day(2026, 10, 1));    // 53 days overdue
    raise(draftOnly, {}, w.practice, day(2026, 6, 1));  // 175 days overdue
    raise(draftOnly, {}, w.practice, std::nullopt);     // open, undated
    ActionId done = raise(noPlan, {}, w.practice, day(2026, 1, 1));
    actions.changeStatus(done, ActionStatus::Accepted);
    actions.changeStatus(done, ActionStatus::InProgress);
    actions.changeStatus(done, ActionStatus::Completed);

    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 11, 10), w.chair));
    meetings.addItem(m, agreed, "review");
    meetings.addItem(m, draftOnly, "review");
    meetings.open(m);
    auto items = meetings.agenda(m);
    meetings.recordOutcome(items[0].id, {"talked", "decided", "", false, {}, {}});
    meetings.close(m);  // the second item was never discussed

    auto r = ReportService(w.asNavigator()).build();
    BOOST_TEST(r.openCases == 3u);
    BOOST_TEST(barCount(r.caseloadByDomain, "Housing") == 2u);
    BOOST_TEST(barCount(r.caseloadByDomain, "Money and debt") == 1u);
    BOOST_TEST(barCount(r.caseloadByDomain, "Safety") == 0u);
    BOOST_TEST(r.caseloadByDomain.front().label == "Housing");  // largest first

    BOOST_TEST(r.overdueTotal == 3u);
    BOOST_TEST(barCount(r.overdueByAge, "1-7 days") == 1u);
    BOOST_TEST(barCount(r.overdueByAge, "29-90 days") == 1u);
    BOOST_TEST(barCount(r.overdueByAge, "over 90 days") == 1u);
    BOOST_TEST(*r.oldestOverdueDays == 175);

    BOOST_REQUIRE(r.actionsByOrganisation.size() == 2u);
    const auto& practice = r.actionsByOrganisation.front();
    BOOST_TEST(practice.name == "Riverside Surgery");
    BOOST_TEST(practice.open == 3u);
    BOOST_TEST(practice.overdue == 2u);
    BOOST_TEST(practice.byStatus[static_cast<std::size_t>(ActionStatus::Completed)] == 1u);
    BOOST_TEST(r.actionsByOrganisation.back().name == "Age Well Together");
    BOOST_TEST(r.actionsByOrganisation.back().overdue == 1u);

    // Referral to first discussion: one discussed after 9 days; two open cases waiting.
    BOOST_TEST(r.discussed == 1u);
    BOOST_TEST(*r.medianDaysToDiscussion == 9);
    BOOST_TEST(barCount(r.referralToDiscussion, "8-14 days") == 1u);
    BOOST_TEST(r.awaitingDiscussion == 2u);
    BOOST_TEST(*r.longestWaitSoFar == 53);  // referred 2026-10-01, on an agenda, not discussed

    auto tables = reportTables(r);
    BOOST_REQUIRE(tables.size() == 4u);
    BOOST_TEST(tables[1].columns.size() == 11u);
    BOOST_TEST(tables[1].rows.back().front() == "All organisations");
}

BOOST_AUTO_TEST_CASE(csv_quotes_and_defuses_formulas) {
    ReportTable t{"t",
                  "T",
                  {"Organisation", "Count"},
                  {{"Smith, Jones & Co", "3"}, {"=HYPERLINK(\"x\")", "1"}, {"Say \"hi\"", "0"}}};
    BOOST_TEST(toCsv(t) ==
               "Organisation,Count\r\n\"Smith, Jones & Co\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",1\r\n"
               "\"Say \"\"hi\"\"\",0\r\n");
}

BOOST_AUTO_TEST_CASE(an_empty_store_reports_zeros) {
    World w;
    auto r = ReportService(w.asChair()).build();
    BOOST_TEST(r.openCases == 0u);
    BOOST_TEST(r.caseloadByDomain.size() == 9u);
    BOOST_TEST(!r.medianDaysToDiscussion);
    BOOST_TEST(reportTables(r).size() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
