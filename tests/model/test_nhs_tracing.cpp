// Tracing residents referred without an NHS number: the request file asks about exactly
// them, and a reply is checked row by row against the records (never applied by itself).
#include <boost/test/unit_test.hpp>

#include "model/case_service.h"
#include "model/csv_table.h"
#include "model/nhs_tracing.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

CaseId provisional(World& w, const std::string& given, const std::string& family) {
    Resident r = resident(given, family, "");
    return CaseService(w.asChair())
        .refer({r, w.gp, w.practice, "homeless, no GP record to hand", day(2026, 11, 2), {}}, {},
               Urgency::Routine, NhsNumberKnown::NotYet);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nhs_tracing)

BOOST_AUTO_TEST_CASE(the_request_asks_about_provisional_identities_only_and_is_audited) {
    World w;
    CaseService(w.asChair())
        .refer({resident("Olwen", "Pryce", testNhsNumber(1)),
                w.gp,
                w.practice,
                "falls",
                day(2026, 11, 2),
                {}});
    auto anwen = provisional(w, "Anwen", "Rhys, Jones");  // a comma to be quoted
    auto request = TracingService(w.asChair()).writeRequest("trace-2026-11.csv");
    BOOST_TEST(request.residents == 1u);
    auto table = readCsv(request.csv);
    BOOST_TEST(table.header.at(0) == "UNIQUE REFERENCE");
    BOOST_REQUIRE(table.rows.size() == 1u);
    BOOST_TEST(table.rows[0].cells[0] == anwen.str());
    BOOST_TEST(table.rows[0].cells[2] == "Rhys, Jones");
    BOOST_TEST(table.rows[0].cells[5] == "19480314");
    auto trail = w.store->auditTrail({});
    BOOST_TEST((trail.back().kind == AuditEventKind::ExportTrace));
    BOOST_TEST(trail.back().detail.find("to trace-2026-11.csv") != std::string::npos);
    // Practice staff do not send identities out.
    auto refused = problemsOf(
        [&] { TracingService(w.as(w.gp, Role::PracticeStaff, w.practice)).writeRequest("x.csv"); });
    BOOST_TEST((refused == std::vector<Problem>{{ErrorCode::NotPermitted, "role"}}));
}

BOOST_AUTO_TEST_CASE(each_reply_row_says_what_to_do_and_a_bad_reply_is_refused_by_line) {
    World w;
    auto known = CaseService(w.asChair())
                     .refer({resident("Olwen", "Pryce", testNhsNumber(1)),
                             w.gp,
                             w.practice,
                             "falls",
                             day(2026, 11, 2),
                             {}});
    auto traced = provisional(w, "Anwen", "Rhys");
    auto same = provisional(w, "Olwen", "Pryce");
    auto nobody = provisional(w, "Unknown", "Person");
    auto wrongBirth = provisional(w, "Huw", "Bevan");
    TracingService tracing(w.asChair());
    const std::string reply =
        "UNIQUE REFERENCE,REQ_NHS_NO,FAMILY_NAME,DATE_OF_BIRTH,MATCHED_NHS_NO\n" + traced.str() +
        ",,RHYS,19480314," + testNhsNumber(2) + "\n" + same.str() + ",,PRYCE,19480314," +
        testNhsNumber(1) + "\n" + nobody.str() + ",,PERSON,,\n" + wrongBirth.str() +
        ",,BEVAN,19500101," + testNhsNumber(3) + "\n" + known.str() + ",,PRYCE,19480314," +
        testNhsNumber(1) + "\n";
    auto findings = tracing.readReply(reply);
    BOOST_REQUIRE(findings.size() == 5u);
    BOOST_TEST((findings[0].outcome == TraceOutcome::Traced));
    BOOST_TEST(findings[0].nhsNumber == testNhsNumber(2));
    BOOST_TEST((findings[1].outcome == TraceOutcome::HeldByAnother));
    BOOST_TEST((findings[1].heldBy == known));
    BOOST_TEST((findings[2].outcome == TraceOutcome::NoMatch));
    BOOST_TEST((findings[3].outcome == TraceOutcome::BornDifferently));
    BOOST_TEST((findings[4].outcome == TraceOutcome::AlreadyRecorded));

    // The record holding the number was born on another day: no merge is offered.
    auto olwen = w.store->caseById(known)->resident;
    olwen.dateOfBirth = day(1950, 1, 1);
    CaseService(w.asChair()).updateResident(known, olwen);
    BOOST_TEST((tracing.readReply(reply)[1].outcome == TraceOutcome::BornDifferently));
    // Reading changed nothing.
    BOOST_TEST(w.store->caseById(traced)->resident.identityProvisional());

    const std::string bad = "UNIQUE REFERENCE,MATCHED_NHS_NO\n" + traced.str() +
                            ",9434765918\nnot-a-record," + testNhsNumber(4) + "\n";
    auto problems = problemsOf([&] { tracing.readReply(bad); });
    BOOST_TEST((problems == std::vector<Problem>{{ErrorCode::NhsNumberChecksum, "nhsNumber", 2},
                                                 {ErrorCode::ReferenceMismatch, "reference", 3}}));
    auto noColumn = problemsOf([&] { tracing.readReply("UNIQUE REFERENCE\nx\n"); });
    BOOST_TEST((noColumn == std::vector<Problem>{{ErrorCode::ColumnMissing, "NHS_NO"}}));
}

BOOST_AUTO_TEST_SUITE_END()
