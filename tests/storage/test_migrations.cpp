#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <set>

#include "encrypted_database.h"
#include "migrations.h"
#include "model/entity_kind.h"
#include "model/store_error.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
const Passphrase kKey("migration test passphrase");

std::set<std::string> columnsOf(SQLite::Database& db, const std::string& table) {
    SQLite::Statement st(db, "PRAGMA table_info(" + table + ")");
    std::set<std::string> out;
    while (st.executeStep())
        out.insert(st.getColumn(1).getString());
    return out;
}

bool hasIndex(SQLite::Database& db, const std::string& name) {
    SQLite::Statement st(db,
                         "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?");
    st.bind(1, name);
    st.executeStep();
    return st.getColumn(0).getInt() == 1;
}

void insertCaseAtV1(SQLite::Database& db, const std::string& id, const std::string& given,
                    const std::string& family) {
    SQLite::Statement st(
        db,
        "INSERT INTO cases (id, nhs_number, given_name, family_name, date_of_birth, status)"
        " VALUES (?, ?, ?, ?, '1950-01-01', 'open')");
    st.bind(1, id);
    st.bind(2, id);
    st.bind(3, given);
    st.bind(4, family);
    st.exec();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(the_latest_schema_has_a_table_for_every_entity_with_every_field) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db);
    BOOST_TEST(schemaVersionOf(*db) == latestSchemaVersion());
    for (EntityKind kind : allEntityKinds()) {
        auto columns = columnsOf(*db, tableOf(kind));
        // Columns the store derives for search are not fields, nor is a synced record's
        // stamps column (local-only and append-only records keep none).
        columns.erase("search_family");
        columns.erase("search_given");
        BOOST_TEST(columns.erase(std::string(kFieldStampsColumn)) == (keepsStamps(kind) ? 1u : 0u),
                   tableOf(kind));
        BOOST_TEST_CONTEXT(tableOf(kind)) {
            BOOST_TEST(columns.count("id") == 1u);
            for (auto field : entityFieldNames(kind))
                BOOST_TEST(columns.count(std::string(field)) == 1u, field);
            BOOST_TEST(columns.size() == entityFieldNames(kind).size() + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(step_2_backfills_folded_search_names) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db, 1);
    insertCaseAtV1(*db, "c1", "ŁUKASZ", "WÓJCIK");
    insertCaseAtV1(*db, "c2", "Siân", "O'Neill");
    migrate(*db, 2);
    BOOST_TEST(schemaVersionOf(*db) == 2);
    SQLite::Statement st(*db,
                         "SELECT search_given, search_family, given_name FROM cases ORDER BY id");
    BOOST_REQUIRE(st.executeStep());
    BOOST_TEST(st.getColumn(0).getString() == "łukasz");
    BOOST_TEST(st.getColumn(1).getString() == "wójcik");
    BOOST_TEST(st.getColumn(2).getString() == "ŁUKASZ");  // original untouched
    BOOST_REQUIRE(st.executeStep());
    BOOST_TEST(st.getColumn(1).getString() == "o'neill");
}

BOOST_AUTO_TEST_CASE(step_3_adds_the_list_indexes_keeping_data) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db, 2);
    insertCaseAtV1(*db, "c1", "Ann", "Ash");
    BOOST_TEST(!hasIndex(*db, "cases_family"));
    migrate(*db, 3);
    BOOST_TEST(hasIndex(*db, "cases_family"));
    BOOST_TEST(hasIndex(*db, "actions_open_org"));
    BOOST_TEST(db->execAndGet("SELECT count(*) FROM cases").getInt() == 1);
}

BOOST_AUTO_TEST_CASE(step_4_makes_the_open_action_indexes_cover_status) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db, 3);
    insertCaseAtV1(*db, "c1", "Ann", "Ash");
    db->exec(
        "INSERT INTO actions (id, case_id, title, owner_org_id, priority, status, due_date)"
        " VALUES ('a1', 'c1', 'Call', 'o1', 'routine', 'accepted', '2026-01-01')");
    const std::string count =
        "EXPLAIN QUERY PLAN SELECT count(*) FROM actions WHERE owner_org_id = 'o1' AND status IN"
        " ('requested', 'accepted', 'in-progress', 'on-hold') AND due_date < '2026-11-23'";
    auto planOf = [&] {
        SQLite::Statement st(*db, count);
        std::string plan;
        while (st.executeStep())
            plan += st.getColumn(3).getString() + "\n";
        return plan;
    };
    BOOST_TEST(planOf().find("COVERING") == std::string::npos);
    migrate(*db, 4);
    BOOST_TEST(planOf().find("COVERING INDEX actions_open_org") != std::string::npos, planOf());
    BOOST_TEST(db->execAndGet("SELECT count(*) FROM actions WHERE owner_org_id = 'o1' AND status IN"
                              " ('requested', 'accepted', 'in-progress', 'on-hold')")
                   .getInt() == 1);
}

BOOST_AUTO_TEST_CASE(step_7_lets_the_reports_read_indexes_only) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db, 6);
    insertCaseAtV1(*db, "c1", "Ann", "Ash");
    db->exec(
        "INSERT INTO actions (id, case_id, title, owner_org_id, priority, status)"
        " VALUES ('a1', 'c1', 'Call', 'o1', 'routine', 'completed')");
    auto planOf = [&](const std::string& sql) {
        SQLite::Statement st(*db, "EXPLAIN QUERY PLAN " + sql);
        std::string plan;
        while (st.executeStep())
            plan += st.getColumn(3).getString() + "\n";
        return plan;
    };
    const std::string tallies =
        "SELECT owner_org_id, status, COUNT(*) FROM actions GROUP BY owner_org_id, status";
    const std::string needs = "SELECT plan_id, domain FROM needs INDEXED BY needs_plan";
    BOOST_TEST(planOf(tallies).find("COVERING") == std::string::npos);
    migrate(*db, 7);
    BOOST_TEST(planOf(tallies).find("COVERING INDEX actions_org_status") != std::string::npos,
               planOf(tallies));
    BOOST_TEST(planOf(needs).find("COVERING INDEX needs_plan") != std::string::npos, planOf(needs));
    BOOST_TEST(db->execAndGet("SELECT count(*) FROM actions WHERE owner_org_id = 'o1'").getInt() ==
               1);
}

BOOST_AUTO_TEST_CASE(step_18_finds_a_person_on_every_list_by_nhs_number) {
    TempDir dir;
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db, 17);
    // The read an import makes for each person on the new list.
    const std::string person =
        "SELECT e.* FROM case_finding_entries e JOIN case_finding_lists l ON l.id = e.list_id"
        " WHERE e.nhs_number = '9990001234' AND l.organisation_id = 'o1'";
    auto planOf = [&] {
        SQLite::Statement st(*db, "EXPLAIN QUERY PLAN " + person);
        std::string plan;
        while (st.executeStep())
            plan += st.getColumn(3).getString() + "\n";
        return plan;
    };
    BOOST_TEST(planOf().find("case_finding_entries_person") == std::string::npos);
    migrate(*db, 18);
    BOOST_TEST(
        planOf().find("INDEX case_finding_entries_person (nhs_number=?)") != std::string::npos,
        planOf());
    // The reminder's count of people due for review reads only those.
    SQLite::Statement due(*db,
                          "EXPLAIN QUERY PLAN SELECT count(*) FROM case_finding_entries e JOIN "
                          "case_finding_lists l ON l.id = e.list_id WHERE e.decision = "
                          "'review-later' AND e.review_on <= '2027-01-01' AND l.organisation_id "
                          "= 'o1'");
    std::string plan;
    while (due.executeStep())
        plan += due.getColumn(3).getString() + "\n";
    BOOST_TEST(
        plan.find("case_finding_entries_review (decision=? AND review_on<?)") != std::string::npos,
        plan);
}

BOOST_AUTO_TEST_CASE(an_old_store_is_upgraded_when_opened) {
    TempDir dir;
    std::string path = dir.file("old.nmdt");
    {
        auto db = openEncryptedDatabase(path, kKey, OpenIntent::CreateNew);
        migrate(*db, 1);
        db->exec(
            "INSERT INTO meta VALUES ('site_id', 'site-1'), ('hlc', '0000000000000005.00000')");
        insertCaseAtV1(*db, "c1", "Rhys", "Owen");
    }
    auto store = SqlCipherStore::open(path, kKey);
    BOOST_TEST(store->schemaVersion() == latestSchemaVersion());
    BOOST_TEST(store->searchCases("owen", 10).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_store_from_a_newer_version_is_refused) {
    TempDir dir;
    std::string path = dir.file("new.nmdt");
    {
        auto db = openEncryptedDatabase(path, kKey, OpenIntent::CreateNew);
        migrate(*db);
        db->exec("PRAGMA user_version = 999");
    }
    try {
        SqlCipherStore::open(path, kKey);
        BOOST_FAIL("expected NewerSchema");
    } catch (const StoreError& e) {
        BOOST_TEST((e.code() == StoreErrorCode::NewerSchema));
    }
}

BOOST_AUTO_TEST_SUITE_END()
