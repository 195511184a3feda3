// Indexes set aside while a snapshot loads in bulk: every query still answers while they
// are, and a store opened afterwards has every one of them again.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "encrypted_database.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "set_aside_indexes.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
const char* kPass = "correct horse battery staple";

std::set<std::string> indexNames(SQLite::Database& db) {
    std::set<std::string> out;
    SQLite::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'index'");
    while (st.executeStep())
        out.insert(st.getColumn(0).getString());
    return out;
}

std::unique_ptr<SQLite::Database> rawConnection(World& w) {
    return openEncryptedDatabase(w.storePath(), Passphrase(kPass), OpenIntent::OpenExisting);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(set_aside_indexes)

BOOST_AUTO_TEST_CASE(every_index_a_query_names_is_kept) {
    const std::regex named(R"(INDEXED BY\s+([a-z]+_[a-z_]+))");  // index names have a _
    const std::regex viaHint(R"(IndexHint \w+\(\*impl_->db,\s*"([a-z]+_[a-z_]+)\"\))");
    std::set<std::string> found, hinted;
    for (const auto& file : std::filesystem::recursive_directory_iterator(NMDT_STORAGE_SOURCES)) {
        if (file.path().extension() != ".cpp")
            continue;
        std::ifstream in(file.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator m(source.begin(), source.end(), named), end; m != end; ++m)
            found.insert((*m)[1].str());
        for (std::sregex_iterator m(source.begin(), source.end(), viaHint), end; m != end; ++m)
            hinted.insert((*m)[1].str());
    }
    BOOST_TEST(found.size() >= 2u);  // the sources were read
    BOOST_TEST(hinted.size() >= 5u);
    const auto kept = indexesQueriesName();
    for (const auto& name : found)
        BOOST_TEST_CONTEXT("INDEXED BY " << name) {
            BOOST_TEST((std::find(kept.begin(), kept.end(), name) != kept.end()));
        }
    // Those named through IndexHint may be set aside: the hint leaves them out then.
    for (const auto& name : hinted)
        BOOST_TEST_CONTEXT("IndexHint " << name) {
            BOOST_TEST((std::find(kept.begin(), kept.end(), name) == kept.end()));
        }
}

namespace {
/// What the reads that name an index answer, in one comparable string.
std::string namedIndexAnswers(SqlCipherStore& store, const OrganisationId& practice) {
    std::ostringstream out;
    ActionQuery byOrganisation;
    byOrganisation.ownerOrganisation = practice;
    byOrganisation.openOnly = true;
    out << "ids " << store.actionIds(byOrganisation).size() << " count "
        << store.countActions(byOrganisation) << "\n";
    for (const auto& t : store.actionTallies())
        out << "tally " << t.organisation.str() << " " << codeOf(t.status) << " " << t.count
            << "\n";
    for (const auto& o : store.overdueActions(day(2026, 12, 1)))
        out << "overdue " << o.organisation.str() << " " << toIsoDate(o.due) << "\n";
    for (const auto& d : store.caseloadByNeedDomain())
        out << "caseload " << codeOf(d.domain) << " " << d.openCases << "\n";
    out << "outcome cases " << store.outcomeCases().size() << " goals "
        << store.agreedGoals().size() << " domains " << store.caseNeedDomains().size() << " scores "
        << store.wellbeingScores().size() << "\n";
    return out.str();
}
}  // namespace

BOOST_AUTO_TEST_CASE(queries_answer_while_set_aside_and_an_opened_store_has_them_all_again) {
    World w;
    CaseService cases(w.asChair());
    const auto id = cases.refer({resident("Olwen", "Pryce", testNhsNumber(301)),
                                 w.gp,
                                 w.practice,
                                 "falls",
                                 day(2026, 11, 2),
                                 {}});
    ActionService actions(w.asChair());
    for (int i = 0; i < 3; ++i) {
        NewAction a;
        a.caseId = id;
        a.title = "Action " + std::to_string(i);
        a.ownerOrganisation = w.practice;
        a.dueDate = i < 2 ? day(2026, 11, 24 + i) : day(2026, 12, 5);  // two overdue on the 1st
        actions.raise(a);
    }
    const std::string answers = namedIndexAnswers(*w.store, w.practice);
    BOOST_TEST(answers.find("overdue") != std::string::npos);
    std::set<std::string> before;
    {
        auto db = rawConnection(w);
        before = indexNames(*db);
        SQLite::Transaction tx(*db);
        setRecordIndexesAside(*db);
        tx.commit();
        BOOST_TEST(recordIndexesSetAside(*db));
        const auto aside = indexNames(*db);
        BOOST_TEST(aside.size() + 10 < before.size());
        BOOST_TEST(aside.count("cases_family") == 0u);
        // Those the reads name through IndexHint go too; the literally named ones stay.
        for (const char* hinted :
             {"actions_org_status", "actions_open_by_org", "care_plans_status",
              "goals_plan_progress", "needs_plan", "needs_plan_domain", "wellbeing_scores_case"}) {
            BOOST_TEST(before.count(hinted) == 1u, hinted);
            BOOST_TEST(aside.count(hinted) == 0u, hinted);
        }
        for (auto kept : indexesQueriesName())
            if (before.count(std::string(kept)))
                BOOST_TEST(aside.count(std::string(kept)) == 1u);
        // Setting aside twice changes nothing and loses no definition.
        SQLite::Transaction again(*db);
        setRecordIndexesAside(*db);
        again.commit();
        BOOST_TEST(indexNames(*db) == aside);
    }
    // The open store's reads, those naming an index among them, still answer, the same.
    BOOST_TEST(w.store->searchCases("Pryce", 10).size() == 1u);
    BOOST_TEST((w.store->caseByNhsNumber(testNhsNumber(301))->id == id));
    BOOST_TEST(namedIndexAnswers(*w.store, w.practice) == answers);

    w.store = SqlCipherStore::open(w.storePath(), Passphrase(kPass), w.clock);
    auto db = rawConnection(w);
    BOOST_TEST(!recordIndexesSetAside(*db));
    BOOST_TEST(indexNames(*db) == before);
    BOOST_TEST(namedIndexAnswers(*w.store, w.practice) == answers);
}

BOOST_AUTO_TEST_CASE(a_rebuild_stopped_between_two_indexes_keeps_the_ones_it_built) {
    World w;
    auto db = rawConnection(w);
    const auto before = indexNames(*db);
    {
        SQLite::Transaction tx(*db);
        setRecordIndexesAside(*db);
        tx.commit();
    }
    const auto aside = indexNames(*db);
    // The second definition cannot be built: the rebuild stops there, as a crash would.
    const std::string broken = "CREATE INDEX broken_definition ON no_such_table (id);\n";
    {
        SQLite::Statement st(*db, "SELECT value FROM meta WHERE key = 'indexes_set_aside'");
        BOOST_REQUIRE(st.executeStep());
        std::string definitions = st.getColumn(0).getString();
        st.reset();
        const auto second = definitions.find(";\n") + 2;
        definitions.insert(second, broken);
        SQLite::Statement put(*db, "UPDATE meta SET value = ? WHERE key = 'indexes_set_aside'");
        put.bind(1, definitions);
        put.exec();
    }
    BOOST_CHECK_THROW(rebuildSetAsideIndexes(*db), SQLite::Exception);
    // The first index is built and committed; the rest still wait, the broken one first.
    BOOST_TEST(indexNames(*db).size() == aside.size() + 1);
    BOOST_TEST(recordIndexesSetAside(*db));
    {
        SQLite::Statement st(*db, "SELECT value FROM meta WHERE key = 'indexes_set_aside'");
        BOOST_REQUIRE(st.executeStep());
        std::string definitions = st.getColumn(0).getString();
        st.reset();
        BOOST_TEST(definitions.rfind(broken, 0) == 0u);
        definitions.erase(0, broken.size());
        SQLite::Statement put(*db, "UPDATE meta SET value = ? WHERE key = 'indexes_set_aside'");
        put.bind(1, definitions);
        put.exec();
    }
    // Opening the store builds the rest, each once.
    db.reset();
    w.store = SqlCipherStore::open(w.storePath(), Passphrase(kPass), w.clock);
    db = rawConnection(w);
    BOOST_TEST(!recordIndexesSetAside(*db));
    BOOST_TEST(indexNames(*db) == before);
}

// The window's connection beside a join keeps the write-ahead log from starting over, so by
// the end of a large join it held twice the store; the last chunk leaves it empty.
BOOST_AUTO_TEST_CASE(the_last_chunk_of_a_join_leaves_the_write_ahead_log_empty) {
    World w;
    CaseService cases(w.asChair());
    cases.refer({resident("Olwen", "Pryce", testNhsNumber(302)),
                 w.gp,
                 w.practice,
                 "falls",
                 day(2026, 11, 2),
                 {}});
    const auto wal = std::filesystem::path(w.storePath() + "-wal");
    BOOST_REQUIRE(std::filesystem::exists(wal));
    BOOST_REQUIRE(std::filesystem::file_size(wal) > 0u);
    SnapshotChunkLoad first{"site-producer", "CN=producer", {}, "snap-1:0", std::nullopt};
    w.store->loadSnapshotChunk(first);
    BOOST_TEST(std::filesystem::file_size(wal) > 0u);  // a chunk before the last: no checkpoint
    SnapshotChunkLoad last{"site-producer", "CN=producer", {}, "snap-1:1", std::int64_t(7)};
    w.store->loadSnapshotChunk(last);
    BOOST_TEST(std::filesystem::file_size(wal) == 0u);
    BOOST_TEST(w.store->syncCursors().pulledThrough == 7);
    BOOST_TEST(w.store->searchCases("Pryce", 10).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
