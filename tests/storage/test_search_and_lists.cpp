// Searches and work lists must read an index, not scan: checked on the real SQL texts.
#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Statement.h>

#include "encrypted_database.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "queries.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
std::string planOf(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement st(db, "EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (st.executeStep())
        plan += st.getColumn(3).getString() + "\n";
    return plan;
}

std::unique_ptr<SQLite::Database> reopenRaw(World& w) {
    w.store.reset();
    return openEncryptedDatabase(w.storePath(), Passphrase("correct horse battery staple"),
                                 OpenIntent::OpenExisting);
}

bool scans(const std::string& plan, const std::string& table) {
    // "SCAN TABLE x" without "USING" is a full table scan.
    auto pos = plan.find("SCAN TABLE " + table);
    if (pos == std::string::npos)
        return false;
    auto end = plan.find('\n', pos);
    return plan.substr(pos, end - pos).find("USING") == std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(search_and_lists)

BOOST_AUTO_TEST_CASE(case_searches_use_an_index) {
    World w;
    auto db = reopenRaw(w);
    for (const auto& tail :
         {queries::kByNhsPrefix, queries::kByFamilyPrefix, queries::kByGivenPrefix,
          queries::kByFamilyAndGiven, queries::kCasePage}) {
        std::string plan = planOf(*db, queries::kSummaryColumns + tail);
        BOOST_TEST(!scans(plan, "cases"), tail << "\n" << plan);
        BOOST_TEST(plan.find("TEMP B-TREE") == std::string::npos, tail << "\n" << plan);
    }
}

BOOST_AUTO_TEST_CASE(overdue_lists_use_the_open_action_indexes) {
    World w;
    auto db = reopenRaw(w);
    ActionQuery org;
    org.ownerOrganisation = OrganisationId("o");
    org.overdueAsOf = day(2026, 11, 23);
    ActionQuery mine;
    mine.owner = ProfessionalId("p");
    mine.openOnly = true;
    for (const auto& [q, index] :
         {std::pair{org, "actions_open_by_org"}, std::pair{mine, "actions_open_by_owner"}}) {
        std::string plan = planOf(*db, queries::datedActionsSql(queries::actionFilter(q)));
        BOOST_TEST(plan.find(index) != std::string::npos, plan);
        BOOST_TEST(plan.find("TEMP B-TREE") == std::string::npos, plan);
    }
}

BOOST_AUTO_TEST_CASE(action_lists_read_their_ids_from_the_indexes_alone) {
    // A list shows ids read from an index and reads rows only as they come into view: on a
    // store bigger than memory reading the rows themselves took 400 ms after a restart.
    World w;
    auto db = reopenRaw(w);
    ActionQuery org;
    org.ownerOrganisation = OrganisationId("o");
    org.openOnly = true;
    ActionQuery mine;
    mine.owner = ProfessionalId("p");
    mine.openOnly = true;
    mine.status = ActionStatus::Accepted;
    mine.priority = Priority::Urgent;
    ActionQuery overdueAll;
    overdueAll.overdueAsOf = day(2026, 11, 23);
    overdueAll.dueTo = day(2026, 11, 30);
    auto check = [&](const std::string& sql) {
        std::string plan = planOf(*db, sql);
        BOOST_TEST(plan.find("COVERING INDEX actions_open_") != std::string::npos, sql << "\n"
                                                                                       << plan);
        BOOST_TEST(plan.find("TEMP B-TREE") == std::string::npos, sql << "\n" << plan);
    };
    for (const auto& q : {org, mine, overdueAll})
        check(queries::datedActionsSql(queries::actionFilter(q), "id"));
    // Undated actions are listed only when no date bounds the list (they are never overdue).
    for (const auto& q : {org, mine})
        check(queries::undatedActionsSql(queries::actionFilter(q), "id"));
}

BOOST_AUTO_TEST_CASE(action_ids_list_what_actions_lists_and_rows_are_read_by_id) {
    World w;
    CaseService cases(w.asChair());
    auto c = cases.refer(
        {resident("Ada", "Okafor", testNhsNumber(1)), w.gp, w.practice, "x", day(2026, 11, 1), {}});
    ActionService actions(w.asChair());
    std::vector<ActionId> made;
    for (int i = 0; i < 7; ++i) {
        NewAction a;
        a.caseId = c;
        a.title = "Action " + std::to_string(i);
        a.ownerOrganisation = w.practice;
        if (i % 3 != 0)
            a.dueDate = day(2026, 11, 20 - i);  // some undated: they come last
        made.push_back(actions.raise(a));
    }
    ActionQuery q;
    q.ownerOrganisation = w.practice;
    q.openOnly = true;
    std::vector<ActionId> expected;
    for (const auto& a : w.store->actions(q))
        expected.push_back(a.id);
    BOOST_TEST(expected.size() == 7u);
    BOOST_TEST((w.store->actionIds(q) == expected));
    BOOST_TEST(w.store->countActions(q) == 7u);  // on the organisation-and-status index
    q.status = ActionStatus::Requested;
    BOOST_TEST(w.store->countActions(q) == 7u);
    q.status = ActionStatus::Completed;
    BOOST_TEST(w.store->countActions(q) == 0u);
    q.status.reset();
    // A long list's total is counted up to a point, on either index.
    q.countAtMost = 5;
    BOOST_TEST(w.store->countActions(q) == 5u);
    q.overdueAsOf = day(2026, 11, 30);
    BOOST_TEST(w.store->countActions(q) == 4u);  // fewer than the cap: the exact count
    q.overdueAsOf.reset();
    q.countAtMost.reset();
    q.limit = 3;
    BOOST_TEST(
        (w.store->actionIds(q) == std::vector<ActionId>(expected.begin(), expected.begin() + 3)));

    // By id, in the order asked for, leaving out what is not here.
    auto read = w.store->actionsById({expected[4], ActionId("no-such-action"), expected[1]});
    BOOST_TEST(read.size() == 2u);
    BOOST_TEST((read[0].id == expected[4]));
    BOOST_TEST((read[1].id == expected[1]));
}

BOOST_AUTO_TEST_CASE(name_search_finds_prefixes_in_either_order) {
    World w;
    CaseService cases(w.asChair());
    auto refer = [&](const char* given, const char* family, int n) {
        cases.refer({resident(given, family, testNhsNumber(n)),
                     w.gp,
                     w.practice,
                     "x",
                     day(2026, 11, 1),
                     {}});
    };
    refer("John", "Smith", 1);
    refer("Joan", "Smithers", 2);
    refer("Smith", "Jones", 3);
    refer("Łucja", "Wójcik", 4);
    auto names = [&](const std::string& q) {
        std::vector<std::string> out;
        for (const auto& s : cases.search(q))
            out.push_back(s.familyName + "," + s.givenName);
        return out;
    };
    BOOST_TEST(
        (names("smi") == std::vector<std::string>{"Jones,Smith", "Smith,John", "Smithers,Joan"}));
    // Either word may be the family name: "smith jo" also finds Smith Jones.
    BOOST_TEST((names("smith jo") ==
                std::vector<std::string>{"Jones,Smith", "Smith,John", "Smithers,Joan"}));
    BOOST_TEST((names("john smith") == std::vector<std::string>{"Smith,John"}));
    BOOST_TEST((names("Smith, John") == std::vector<std::string>{"Smith,John"}));
    BOOST_TEST((names("WÓJ") == std::vector<std::string>{"Wójcik,Łucja"}));
    BOOST_TEST((names("ŁUC") == std::vector<std::string>{"Wójcik,Łucja"}));
    BOOST_TEST(names("zzz").empty());
    BOOST_TEST(names("   ").empty());
    BOOST_TEST(cases.search("999").size() == 4u);
    BOOST_TEST(cases.search(formatNhsNumber(testNhsNumber(3))).front().givenName == "Smith");
}

BOOST_AUTO_TEST_CASE(case_pages_cover_every_case_once_in_name_order) {
    World w;
    CaseService cases(w.asChair());
    for (int i = 0; i < 25; ++i)
        cases.refer(
            {resident("G" + std::to_string(i), "F" + std::to_string(100 - i), testNhsNumber(i)),
             w.gp,
             w.practice,
             "x",
             day(2026, 11, 1),
             {}});
    std::vector<std::string> seen;
    for (std::size_t offset = 0; offset < 25; offset += 10)
        for (const auto& s : w.store->casePage(offset, 10))
            seen.push_back(s.familyName);
    BOOST_TEST(seen.size() == 25u);
    BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
    BOOST_TEST(w.store->caseCount() == 25u);
    // Each case's position is the row casePage shows it on (a list keeps it selected so).
    auto all = w.store->casePage(0, 25);
    for (std::size_t i = 0; i < all.size(); ++i)
        BOOST_TEST(w.store->casePosition(all[i].id).value_or(999) == i);
    BOOST_TEST(!w.store->casePosition(CaseId("no-such-case")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
