// Case finding: reading a practice's search export (every bad file refused by line, nothing
// kept), matching people to cases on NHS number, and screening them.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "model/case_finding_service.h"
#include "model/case_service.h"
#include "model/csv_table.h"
#include "model/edit_history.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

const std::string kHeader =
    "NHS Number,Date of Birth,Surname,Forename,Sex,Postcode,Practice Code,eFI category,eFI score\n";

std::string row(int n, const std::string& dob = "12/03/1938",
                const std::string& practice = "Y00001", const std::string& family = "Pryce") {
    return testNhsNumber(n) + "," + dob + "," + family + ",Olwen,F,bs1 4dj," + practice +
           ",Severe,0.41\n";
}

ColumnMapping standardMapping() {
    return proposeMapping(readCsv(kHeader).header, std::nullopt);
}

CaseFindingImport importOf(const std::string& bytes) {
    return {"Frailty search, December", "frailty.csv", bytes, standardMapping()};
}

bool hasProblem(const std::vector<Problem>& problems, ErrorCode code, std::size_t line) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const Problem& p) { return p.code == code && p.line == line; });
}

/// The chair screening with an undo history, as the window does.
struct ScreeningWithUndo {
    World w;
    EditHistory history;
    ServiceContext ctx = withHistory(w.asChair(), history);
    CaseFindingService service{ctx};

    static ServiceContext withHistory(ServiceContext context, EditHistory& edits) {
        context.history = &edits;
        return context;
    }
};

std::size_t listsOf(World& w) {
    return w.store->caseFindingLists(w.practice).size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_reading)

BOOST_AUTO_TEST_CASE(quoted_fields_line_breaks_and_a_byte_order_mark_are_read) {
    auto table = readCsv(
        "\xEF\xBB\xBF"
        "Name,Note\r\n\"SMITH, Jane\",\"said \"\"no\"\"\"\r\n\r\n\"two\nlines\",x\r\nlast,y");
    BOOST_TEST(table.header == (std::vector<std::string>{"Name", "Note"}));
    BOOST_REQUIRE(table.rows.size() == 3u);
    BOOST_TEST(table.rows[0].cells[0] == "SMITH, Jane");
    BOOST_TEST(table.rows[0].cells[1] == "said \"no\"");
    BOOST_TEST(table.rows[0].line == 2u);
    BOOST_TEST(table.rows[1].cells[0] == "two\nlines");
    BOOST_TEST(table.rows[1].line == 4u);
    BOOST_TEST(table.rows[2].line == 6u);  // after a quoted line break
    BOOST_TEST(table.rows[2].cells[1] == "y");
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_plain_utf8_csv_is_refused_with_its_line) {
    auto problemOfBytes = [](std::string_view bytes) {
        try {
            readCsv(bytes);
        } catch (const CsvError& e) {
            return std::pair(e.problem, e.line);
        }
        return std::pair(CsvProblem::Empty, std::size_t{999});
    };
    // Windows-1252: "Ł" cannot be, "é" is 0xE9 on its own.
    BOOST_TEST(
        (problemOfBytes("Name\nok\nRen\xE9\n") == std::pair(CsvProblem::NotUtf8, std::size_t{3})));
    BOOST_TEST((problemOfBytes(std::string("\xFF\xFEN\0a\0", 6)) ==
                std::pair(CsvProblem::NotUtf8, std::size_t{1})));
    BOOST_TEST((problemOfBytes(std::string("PK\x03\x04\x14\0", 6)).first ==
                CsvProblem::BinarySpreadsheet));
    BOOST_TEST(
        (problemOfBytes("A,B\n1,2\n3\n") == std::pair(CsvProblem::RaggedRow, std::size_t{3})));
    BOOST_TEST((problemOfBytes("A,B\n1,\"open\n2,3\n") ==
                std::pair(CsvProblem::UnclosedQuote, std::size_t{2})));
    BOOST_TEST(
        (problemOfBytes("A,A\n1,2\n") == std::pair(CsvProblem::DuplicateHeader, std::size_t{1})));
    BOOST_TEST((problemOfBytes("\n \n") == std::pair(CsvProblem::Empty, std::size_t{1})));
}

BOOST_AUTO_TEST_CASE(dates_are_read_as_gp_systems_export_them) {
    const Date expected = day(1938, 3, 12);
    for (auto text : {"1938-03-12", "12/03/1938", "12-03-1938", "12-Mar-1938", "12 March 1938"})
        BOOST_TEST((parseExportDate(text) == expected), text);
    for (auto text : {"31/02/1938", "12/13/1938", "1938", "12/03/38", "yesterday", ""})
        BOOST_TEST(!parseExportDate(text).has_value(), text);
}

BOOST_AUTO_TEST_CASE(the_usual_headers_are_mapped_and_the_rest_kept_as_risk_columns) {
    auto mapping = standardMapping();
    BOOST_TEST(*mapping.headerFor(FoundField::NhsNumber) == "NHS Number");
    BOOST_TEST(*mapping.headerFor(FoundField::DateOfBirth) == "Date of Birth");
    BOOST_TEST(*mapping.headerFor(FoundField::FamilyName) == "Surname");
    BOOST_TEST(*mapping.headerFor(FoundField::PracticeCode) == "Practice Code");
    BOOST_TEST(!mapping.headerFor(FoundField::FullName));
    auto rows = prepareRows(readCsv(kHeader + row(1)), mapping, "y00001", day(2026, 11, 23));
    BOOST_TEST(rows.riskColumns == (std::vector<std::string>{"eFI category", "eFI score"}));
    BOOST_REQUIRE(rows.entries.size() == 1u);
    BOOST_TEST(rows.entries[0].risk == (std::vector<std::string>{"Severe", "0.41"}));
    BOOST_TEST(rows.entries[0].postcode == "BS1 4DJ");
    BOOST_TEST(rows.entries[0].line == 2);

    // A remembered mapping wins while every column it names is in the file.
    ColumnMapping remembered;
    remembered.set(FoundField::NhsNumber, "eFI score");
    BOOST_TEST((proposeMapping(readCsv(kHeader).header, remembered) == remembered));
    remembered.set(FoundField::Sex, "Gender");
    BOOST_TEST((proposeMapping(readCsv(kHeader).header, remembered) == standardMapping()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(case_finding)

BOOST_AUTO_TEST_CASE(a_search_export_becomes_a_list_matched_to_cases_on_nhs_number) {
    World w;
    CaseService(w.asChair())
        .refer({resident("Olwen", "Pryce", testNhsNumber(2)),
                w.gp,
                w.practice,
                "falls",
                day(2026, 11, 2),
                {}});
    auto result = CaseFindingService(w.asChair())
                      .importList(importOf(kHeader + row(1) + row(2) + row(3, "1941-07-30")));
    BOOST_TEST(result.people == 3u);
    BOOST_TEST(result.known == 1u);
    auto rows = w.store->screeningRows({result.list});
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[0].knownCase.empty());
    BOOST_TEST(!rows[1].knownCase.empty());
    BOOST_TEST(rows[1].knownStatus == "open");
    BOOST_TEST((rows[1].knownDateOfBirth == day(1948, 3, 14)));  // the case's, not the list's
    BOOST_TEST((rows[2].entry.dateOfBirth == day(1941, 7, 30)));
    BOOST_TEST((rows[0].entry.decision == ScreeningDecision::Pending));

    auto list = w.store->caseFindingList(result.list);
    BOOST_REQUIRE(list.has_value());
    BOOST_TEST(list->rowCount == 3);
    BOOST_TEST(list->sourceName == "frailty.csv");
    // The mapping is remembered for the practice's next export.
    BOOST_TEST((CaseFindingService(w.asChair()).rememberedMapping() == standardMapping()));
    // The trail says a list came in, how many, from which file; never who.
    auto trail = w.store->auditTrail({});
    BOOST_TEST(trail.back().detail.find("imported 3 people from frailty.csv") == 0u);
    BOOST_TEST(trail.back().detail.find("Pryce") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_bad_row_is_reported_by_line_and_nothing_is_kept) {
    World w;
    CaseFindingService service(w.asChair());
    auto bad = std::string(kHeader) + row(1) +                               // line 2: fine
               "9434765918,12/03/1938,Pryce,Olwen,F,,Y00001,Severe,0.4\n" +  // 3: checksum
               row(4, "30/02/1950") +                                        // 4: not a date
               row(5, "01/01/2030") +                                        // 5: in the future
               row(1) +                              // 6: the same NHS number again
               row(7, "12/03/1938", "A81001") +      // 7: another practice
               row(8, "12/03/1938", "Y00001", "") +  // 8: no name
               testNhsNumber(9) + ",12/03/1938,=A1,Olwen,F,,Y00001,Severe,0.4\n";  // 9: formula
    auto problems = problemsOf([&] { service.importList(importOf(bad)); });
    BOOST_TEST(hasProblem(problems, ErrorCode::NhsNumberChecksum, 3));
    BOOST_TEST(hasProblem(problems, ErrorCode::DateInvalid, 4));
    BOOST_TEST(hasProblem(problems, ErrorCode::DateOutOfRange, 5));
    BOOST_TEST(hasProblem(problems, ErrorCode::DuplicateRow, 6));
    BOOST_TEST(hasProblem(problems, ErrorCode::OtherPractice, 7));
    BOOST_TEST(hasProblem(problems, ErrorCode::RequiredFieldMissing, 8));
    BOOST_TEST(hasProblem(problems, ErrorCode::FormulaInCell, 9));
    BOOST_TEST(problems.size() == 7u);
    BOOST_TEST(listsOf(w) == 0u);

    // A file in another encoding, a workbook, a missing column: refused whole as well.
    auto encoding = problemsOf([&] { service.importList(importOf(kHeader + "x\xE9\n")); });
    BOOST_TEST(hasProblem(encoding, ErrorCode::FileNotUtf8, 2));
    auto workbook =
        problemsOf([&] { service.importList(importOf(std::string("PK\x03\x04 workbook", 13))); });
    BOOST_TEST(hasProblem(workbook, ErrorCode::FileIsSpreadsheet, 1));
    auto missing = problemsOf([&] {
        service.importList(importOf("NHS Number,Date of Birth,Surname\n" + testNhsNumber(1) +
                                    ",12/03/1938,Pryce\n"));
    });
    BOOST_TEST((missing == std::vector<Problem>{{ErrorCode::ColumnMissing, "Forename"},
                                                {ErrorCode::ColumnMissing, "Sex"},
                                                {ErrorCode::ColumnMissing, "Postcode"},
                                                {ErrorCode::ColumnMissing, "Practice Code"}}));
    BOOST_TEST(listsOf(w) == 0u);
    // A list needs a title, named as the list's (the window words it "Title").
    auto untitled = importOf(kHeader + row(1));
    untitled.title.clear();
    BOOST_TEST((problemsOf([&] { service.importList(untitled); }) ==
                std::vector<Problem>{{ErrorCode::RequiredFieldMissing, "listTitle"}}));
}

BOOST_AUTO_TEST_CASE(only_a_practices_own_staff_import_and_screen) {
    World w;
    auto navigator = problemsOf(
        [&] { CaseFindingService(w.asNavigator()).importList(importOf(kHeader + row(1))); });
    BOOST_TEST((navigator == std::vector<Problem>{{ErrorCode::NotPermitted, "role"}}));
    // A clinician of an organisation that is not a GP practice may not either.
    auto clinicianElsewhere = problemsOf([&] {
        CaseFindingService(w.as(w.gp, Role::Clinician, w.vcfse))
            .importList(importOf(kHeader + row(1)));
    });
    BOOST_TEST(
        (clinicianElsewhere == std::vector<Problem>{{ErrorCode::NotPermitted, "organisation"}}));
    BOOST_TEST(listsOf(w) == 0u);
}

BOOST_AUTO_TEST_CASE(screening_records_each_decision_and_an_objection_stops_a_referral) {
    World w;
    CaseFindingService service(w.asChair());
    auto list = service.importList(importOf(kHeader + row(1) + row(2) + row(3) + row(4))).list;
    auto rows = w.store->screeningRows({list});
    const auto later = rows[0].entry.id, unsuitable = rows[1].entry.id, objects = rows[2].entry.id,
               refer = rows[3].entry.id;

    auto noDate =
        problemsOf([&] { service.screen(later, ScreeningDecision::ReviewLater, "", {}); });
    BOOST_TEST((noDate == std::vector<Problem>{{ErrorCode::RequiredFieldMissing, "reviewOn"}}));
    auto past = problemsOf(
        [&] { service.screen(later, ScreeningDecision::ReviewLater, "", day(2026, 1, 1)); });
    BOOST_TEST((past == std::vector<Problem>{{ErrorCode::DateOutOfRange, "reviewOn"}}));
    service.screen(later, ScreeningDecision::ReviewLater, "", day(2027, 5, 1));
    auto noReason =
        problemsOf([&] { service.screen(unsuitable, ScreeningDecision::NotSuitable, "", {}); });
    BOOST_TEST((noReason == std::vector<Problem>{{ErrorCode::ReasonRequired, "reason"}}));
    service.screen(unsuitable, ScreeningDecision::NotSuitable, "in a care home", {});
    service.screen(objects, ScreeningDecision::Objected, "", {});

    // An objection stops a referral before its form opens, and afterwards.
    auto refused = problemsOf([&] { service.requireMayRefer(objects); });
    BOOST_TEST((refused == std::vector<Problem>{{ErrorCode::ObjectedToSharing, "decision"}}));

    // A referral is recorded with the case it became, which must be this person's.
    service.requireMayRefer(refer);
    auto caseId = CaseService(w.asChair())
                      .refer({resident("Olwen", "Pryce", testNhsNumber(4)),
                              w.gp,
                              w.practice,
                              "frailty search",
                              day(2026, 11, 23),
                              {}});
    auto other = CaseService(w.asChair())
                     .refer({resident("Huw", "Bevan", testNhsNumber(99)),
                             w.gp,
                             w.practice,
                             "falls",
                             day(2026, 11, 23),
                             {}});
    auto mismatch = problemsOf([&] { service.recordReferral(refer, other); });
    BOOST_TEST((mismatch == std::vector<Problem>{{ErrorCode::ReferenceMismatch, "case"}}));
    service.recordReferral(refer, caseId);

    auto after = w.store->screeningRows({list});
    BOOST_TEST((after[0].entry.decision == ScreeningDecision::ReviewLater));
    BOOST_TEST((after[0].entry.reviewOn == day(2027, 5, 1)));
    BOOST_TEST((after[1].entry.decision == ScreeningDecision::NotSuitable));
    BOOST_TEST(after[1].entry.reason == "in a care home");
    BOOST_TEST((after[1].entry.decidedBy == w.chair));
    BOOST_TEST((after[2].entry.decision == ScreeningDecision::Objected));
    BOOST_TEST((after[3].entry.decision == ScreeningDecision::Referred));
    BOOST_TEST((after[3].entry.referredCase == caseId));
    BOOST_TEST((after[3].knownCase == caseId));
    // A referred person's decision is the case's journey from here on.
    auto again = problemsOf([&] { service.screen(refer, ScreeningDecision::Pending, "", {}); });
    BOOST_TEST((again == std::vector<Problem>{{ErrorCode::InvalidStatusTransition, "decision"}}));

    // The filters a screening session uses.
    BOOST_TEST(w.store->screeningRows({list, ScreeningDecision::Pending}).empty());
    ScreeningQuery due{list};
    due.dueForReviewOnly = true;
    due.asOf = day(2027, 4, 30);
    BOOST_TEST(w.store->screeningRows(due).empty());
    due.asOf = day(2027, 5, 1);
    BOOST_TEST(w.store->screeningRows(due).size() == 1u);
    // Counted across the practice's lists for its reminder; another organisation has none.
    BOOST_TEST(w.store->reviewsDue(w.practice, day(2027, 4, 30)) == 0u);
    BOOST_TEST(w.store->reviewsDue(w.practice, day(2027, 5, 1)) == 1u);
    BOOST_TEST(w.store->reviewsDue(w.vcfse, day(2027, 5, 1)) == 0u);
}

BOOST_FIXTURE_TEST_CASE(a_screening_decision_can_be_undone, ScreeningWithUndo) {
    auto list = service.importList(importOf(kHeader + row(1))).list;
    auto id = w.store->screeningRows({list})[0].entry.id;
    service.screen(id, ScreeningDecision::NotSuitable, "moved away", {});
    BOOST_TEST(history.canUndo());
    history.undo(*w.store, ctx.actor);
    auto entry = w.store->caseFindingEntry(id);
    BOOST_TEST((entry->decision == ScreeningDecision::Pending));
    BOOST_TEST(entry->reason.empty());
}

BOOST_AUTO_TEST_CASE(an_objection_follows_the_person_to_every_list_of_the_practice) {
    World w;
    CaseFindingService service(w.asChair());
    auto entryOf = [&](const CaseFindingListId& list, int person) {
        for (const auto& r : w.store->screeningRows({list}))
            if (r.entry.nhsNumber == testNhsNumber(person))
                return r.entry;
        BOOST_FAIL("no such person on the list");
        return CaseFindingEntry{};
    };
    auto frailty = service.importList(importOf(kHeader + row(1) + row(2) + row(3))).list;
    auto falls =
        service
            .importList({"Falls risk", "falls.csv", kHeader + row(2) + row(3), standardMapping()})
            .list;
    service.screen(entryOf(falls, 3).id, ScreeningDecision::NotSuitable, "in a care home", {});

    // Recorded on one list, the objection is recorded on the person's other lists, with the
    // same words, person and time, and a decision made there before gives way to it.
    service.screen(entryOf(frailty, 3).id, ScreeningDecision::Objected, "said no to sharing", {});
    const auto carried = entryOf(falls, 3);
    BOOST_TEST((carried.decision == ScreeningDecision::Objected));
    BOOST_TEST(carried.reason == "said no to sharing");
    BOOST_TEST((carried.decidedBy == w.chair));
    BOOST_TEST((carried.decidedAt == entryOf(frailty, 3).decidedAt));
    BOOST_TEST((entryOf(falls, 2).decision == ScreeningDecision::Pending));  // someone else
    auto refused = problemsOf([&] { service.requireMayRefer(entryOf(falls, 3).id); });
    BOOST_TEST((refused == std::vector<Problem>{{ErrorCode::ObjectedToSharing, "decision"}}));

    // A list imported later: the objection stands on it from the start.
    auto december = service.importList(
        {"Frailty, December", "dec.csv", kHeader + row(3) + row(4), standardMapping()});
    BOOST_TEST(december.objected == 1u);
    BOOST_TEST((entryOf(december.list, 3).decision == ScreeningDecision::Objected));
    BOOST_TEST(entryOf(december.list, 3).reason == "said no to sharing");
    BOOST_TEST((entryOf(december.list, 4).decision == ScreeningDecision::Pending));

    // Withdrawn on any list, it is withdrawn on all: each waits to be screened again.
    service.screen(entryOf(falls, 3).id, ScreeningDecision::Pending, "", {});
    for (const auto& list : {frailty, falls, december.list}) {
        BOOST_TEST((entryOf(list, 3).decision == ScreeningDecision::Pending));
        BOOST_TEST(entryOf(list, 3).reason.empty());
    }
    service.requireMayRefer(entryOf(december.list, 3).id);
}

BOOST_AUTO_TEST_CASE(an_objection_recorded_on_one_list_alone_still_stops_a_referral_from_another) {
    World w;
    CaseFindingService service(w.asChair());
    auto first = service.importList(importOf(kHeader + row(1))).list;
    auto second =
        service.importList({"Falls risk", "falls.csv", kHeader + row(1), standardMapping()}).list;
    // As a desktop of an earlier version left it: the objection on the first list only.
    ChangeSet onlyOne("screen-case-finding-entry");
    onlyOne.update(EntityKind::CaseFindingEntry, w.store->screeningRows({first})[0].entry.id.str(),
                   {{"decision", std::string("objected")}});
    w.store->commit(onlyOne, w.asChair().actor);
    auto refused =
        problemsOf([&] { service.requireMayRefer(w.store->screeningRows({second})[0].entry.id); });
    BOOST_TEST((refused == std::vector<Problem>{{ErrorCode::ObjectedToSharing, "decision"}}));
}

BOOST_FIXTURE_TEST_CASE(
    an_objection_carried_to_other_lists_is_undone_with_them_and_a_referral_stays,
    ScreeningWithUndo) {
    auto first = service.importList(importOf(kHeader + row(1))).list;
    auto second =
        service.importList({"Falls risk", "falls.csv", kHeader + row(1), standardMapping()}).list;
    auto third =
        service.importList({"Carers", "carers.csv", kHeader + row(1), standardMapping()}).list;
    const auto a = w.store->screeningRows({first})[0].entry.id;
    const auto b = w.store->screeningRows({second})[0].entry.id;
    const auto c = w.store->screeningRows({third})[0].entry.id;
    auto caseId = CaseService(w.asChair())
                      .refer({resident("Olwen", "Pryce", testNhsNumber(1)),
                              w.gp,
                              w.practice,
                              "frailty search",
                              day(2026, 11, 23),
                              {}});
    service.recordReferral(c, caseId);
    service.screen(b, ScreeningDecision::ReviewLater, "", day(2027, 2, 1));

    service.screen(a, ScreeningDecision::Objected, "", {});
    BOOST_TEST((w.store->caseFindingEntry(b)->decision == ScreeningDecision::Objected));
    // Referred: the case's own journey (its consents) carries the objection from here.
    BOOST_TEST((w.store->caseFindingEntry(c)->decision == ScreeningDecision::Referred));

    history.undo(*w.store, ctx.actor);
    BOOST_TEST((w.store->caseFindingEntry(a)->decision == ScreeningDecision::Pending));
    BOOST_TEST((w.store->caseFindingEntry(b)->decision == ScreeningDecision::ReviewLater));
    BOOST_TEST((w.store->caseFindingEntry(b)->reviewOn == day(2027, 2, 1)));
}

BOOST_AUTO_TEST_SUITE_END()
