// The store's packed stamps: what they keep, how small they are, what a rollback does to
// the numbers behind them, and the upgrade of stores whose stamps were text.
#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "encrypted_database.h"
#include "migrations.h"
#include "model/store_error.h"
#include "packed_stamps.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
const Passphrase kKey("packed stamps test passphrase");
const std::string kSiteA = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
const std::string kSiteB = "9a8b7c6d-5e4f-4321-8fed-cba987654321";

/// An action's stamps as a desktop holds them after a create and a later edit elsewhere.
FieldStamps actionStamps() {
    FieldStamps stamps;
    const SiteStamp created{{1764590000123, 0}, kSiteA};
    for (const char* f : {"case_id", "goal_lineage_id", "meeting_id", "title", "detail", "owner_id",
                          "owner_org_id", "requester_id", "due_date", "priority", "status",
                          "status_reason", "created_at", "updated_at"})
        stamps.push_back({f, created});
    setStamp(stamps, "status", {{1764590999000, 3}, kSiteB});
    setStamp(stamps, "updated_at", {{1764590999000, 3}, kSiteB});
    return stamps;
}

/// Unpacks bytes as the store reads a stamps column.
FieldStamps unpackBytes(SQLite::Database& db, PackedNames& names,
                        const std::vector<unsigned char>& bytes) {
    SQLite::Statement st(db, "SELECT ?");
    st.bind(1, bytes.data(), static_cast<int>(bytes.size()));
    BOOST_REQUIRE(st.executeStep());
    return unpackStamps(db, names, st.getColumn(0));
}

std::unique_ptr<SQLite::Database> latestDatabase(TempDir& dir) {
    auto db = openEncryptedDatabase(dir.file("s.nmdt"), kKey, OpenIntent::CreateNew);
    migrate(*db);
    return db;
}

std::vector<unsigned char> packCommitted(SQLite::Database& db, PackedNames& names,
                                         const FieldStamps& stamps) {
    SQLite::Transaction tx(db);
    auto packed = packStamps(db, names, stamps);
    tx.commit();
    return packed;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(packed_stamps)

BOOST_AUTO_TEST_CASE(packed_stamps_keep_every_stamp_in_a_fraction_of_the_text) {
    TempDir dir;
    auto db = latestDatabase(dir);
    PackedNames names;
    names.attach(*db);
    const FieldStamps stamps = actionStamps();
    const auto packed = packCommitted(*db, names, stamps);
    // Read back with a fresh memory of the numbers, as another session would.
    PackedNames fresh;
    BOOST_TEST((unpackBytes(*db, fresh, packed) == stamps));
    // The text form spells out the site in every field: over a kilobyte for an action,
    // past what SQLite keeps on a 4 KiB page beside others. Packed, a few dozen bytes.
    BOOST_TEST(encodeStamps(stamps).size() > 1000u);
    BOOST_TEST(packed.size() < 60u, packed.size());
    BOOST_TEST(unpackBytes(*db, fresh, packCommitted(*db, names, {})).empty());
}

BOOST_AUTO_TEST_CASE(damaged_packed_stamps_are_reported_as_a_corrupt_store) {
    TempDir dir;
    auto db = latestDatabase(dir);
    PackedNames names;
    names.attach(*db);
    const auto packed = packCommitted(*db, names, actionStamps());
    auto isCorrupt = [](const StoreError& e) { return e.code() == StoreErrorCode::Corrupt; };
    for (std::size_t cut : {std::size_t{1}, std::size_t{5}, packed.size() - 1}) {
        std::vector<unsigned char> shortened(packed.begin(),
                                             packed.begin() + static_cast<long>(cut));
        BOOST_CHECK_EXCEPTION(unpackBytes(*db, names, shortened), StoreError, isCorrupt);
    }
    auto longer = packed;
    longer.push_back(0);
    BOOST_CHECK_EXCEPTION(unpackBytes(*db, names, longer), StoreError, isCorrupt);
    auto unknownFormat = packed;
    unknownFormat[0] = 9;
    BOOST_CHECK_EXCEPTION(unpackBytes(*db, names, unknownFormat), StoreError, isCorrupt);
    // A site number nobody was given.
    BOOST_CHECK_EXCEPTION(unpackBytes(*db, names, {1, 1, 0, 0, 99, 0}), StoreError, isCorrupt);
}

BOOST_AUTO_TEST_CASE(a_number_given_in_a_rolled_back_transaction_is_forgotten) {
    TempDir dir;
    auto db = latestDatabase(dir);
    PackedNames names;
    names.attach(*db);
    std::int64_t given = 0;
    {
        SQLite::Transaction tx(*db);
        given = names.numberFor(*db, kSiteA);
    }  // rolled back: the number is free again
    std::int64_t next = 0;
    {
        SQLite::Transaction tx(*db);
        next = names.numberFor(*db, "status");
        tx.commit();
    }
    BOOST_TEST(next == given);  // SQLite hands the freed number out again
    BOOST_TEST(names.nameOf(*db, next) == "status");
    SQLite::Transaction tx(*db);
    BOOST_TEST(names.numberFor(*db, kSiteA) != next);
}

BOOST_AUTO_TEST_CASE(an_upgraded_store_packs_its_clocks_and_reads_old_base_stamps) {
    TempDir dir;
    const std::string path = dir.file("old.nmdt");
    const FieldStamps stamps = actionStamps();
    const FieldStamps base{{"status", {{1764590000123, 0}, kSiteA}}};
    {
        auto db = openEncryptedDatabase(path, kKey, OpenIntent::CreateNew);
        migrate(*db, 12);
        db->exec("INSERT INTO meta VALUES ('site_id', '" + kSiteA +
                 "'), ('hlc', '0000000000000005.00000')");
        db->exec(
            "INSERT INTO cases (id, nhs_number, given_name, family_name, date_of_birth, status)"
            " VALUES ('c1', '9434765919', 'Ann', 'Ash', '1950-01-01', 'open')");
        SQLite::Statement clocks(*db, "INSERT INTO entity_clocks VALUES ('c1', ?)");
        clocks.bind(1, encodeStamps(stamps));
        clocks.exec();
        SQLite::Statement log(
            *db,
            "INSERT INTO change_log (hlc_wall, hlc_counter, site_id, entity, entity_id, op,"
            " fields, intent, base_stamps) VALUES (5, 0, ?, 'case', 'c1', 'update', ?, 'edit', ?)");
        log.bind(1, kSiteA);
        log.bind(2, encodeFields({{"status", std::string("open")}}));
        log.bind(3, encodeStamps(base));
        log.exec();
    }
    auto store = SqlCipherStore::open(path, kKey);
    BOOST_TEST(store->schemaVersion() == latestSchemaVersion());
    auto outbox = store->outbox(0, 10);
    BOOST_REQUIRE(outbox.size() == 1u);
    BOOST_TEST((outbox.front().base == base));  // still text in the log, read as before
    ChangeLogEntry by;
    by.siteId = kSiteA;
    auto snapshot = store->caseSnapshot(CaseId("c1"), by);
    BOOST_REQUIRE(!snapshot.empty());
    for (const auto& f : stamps)
        BOOST_TEST((*findStamp(snapshot.front().fieldStamps, f.field) == f.stamp), f.field);
    store.reset();
    auto db = openEncryptedDatabase(path, kKey, OpenIntent::OpenExisting);
    BOOST_TEST(db->execAndGet("SELECT typeof(field_stamps) FROM cases").getString() == "blob");
}

BOOST_AUTO_TEST_CASE(version_17_moves_each_records_stamps_into_its_row) {
    TempDir dir;
    const std::string path = dir.file("v16.nmdt");
    const FieldStamps stamps = actionStamps();
    {
        auto db = openEncryptedDatabase(path, kKey, OpenIntent::CreateNew);
        migrate(*db, 16);
        db->exec("INSERT INTO meta VALUES ('site_id', '" + kSiteA +
                 "'), ('hlc', '0000000000000005.00000')");
        for (const char* id : {"c1", "c2"})
            db->exec(std::string("INSERT INTO cases (id, nhs_number, given_name, family_name,"
                                 " date_of_birth, status) VALUES ('") +
                     id + "', '9434765919', 'Ann', 'Ash', '1950-01-01', 'open')");
        PackedNames names;
        const auto packed = packCommitted(*db, names, stamps);
        // c1 has stamps; c2 none; a removed record's stamps linger.
        for (const char* id : {"c1", "removed"}) {
            SQLite::Statement clocks(*db, "INSERT INTO entity_clocks VALUES (?, ?)");
            clocks.bind(1, id);
            clocks.bind(2, packed.data(), static_cast<int>(packed.size()));
            clocks.exec();
        }
    }
    auto store = SqlCipherStore::open(path, kKey);
    ChangeLogEntry by;
    by.siteId = kSiteA;
    by.hlc = {1764599999999, 0};
    auto snapshot = store->caseSnapshot(CaseId("c1"), by);
    BOOST_REQUIRE(!snapshot.empty());
    for (const auto& f : stamps)
        BOOST_TEST((*findStamp(snapshot.front().fieldStamps, f.field) == f.stamp), f.field);
    // Without stamps of its own, a record is sent with its fields as of now.
    auto unstamped = store->caseSnapshot(CaseId("c2"), by);
    BOOST_REQUIRE(!unstamped.empty());
    BOOST_TEST((findStamp(unstamped.front().fieldStamps, "status")->hlc == by.hlc));
    store.reset();

    auto db = openEncryptedDatabase(path, kKey, OpenIntent::OpenExisting);
    BOOST_TEST(db->execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'entity_clocks'")
                   .getInt() == 0);
    // Every table of records merged field by field has the column (the migration names
    // them as of version 17).
    for (EntityKind kind : allEntityKinds()) {
        if (!keepsStamps(kind))
            continue;
        SQLite::Statement columns(*db, "PRAGMA table_info(" + tableOf(kind) + ")");
        int found = 0;
        while (columns.executeStep())
            found += columns.getColumn(1).getString() == kFieldStampsColumn ? 1 : 0;
        BOOST_TEST(found == 1, entityKindName(kind));
    }
}

BOOST_AUTO_TEST_SUITE_END()
