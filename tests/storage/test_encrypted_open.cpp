#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "child_process.h"
#include "encrypted_database.h"
#include "model/case_service.h"
#include "model/store_error.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using storage::SqlCipherStore;

namespace {
StoreErrorCode openFails(const std::string& path, const std::string& passphrase) {
    try {
        SqlCipherStore::open(path, Passphrase(passphrase));
    } catch (const StoreError& e) {
        return e.code();
    }
    BOOST_FAIL("open should have failed");
    return StoreErrorCode::Io;
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string allFileBytes(const TempDir& dir) {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        all += readBytes(entry.path().string());
    return all;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(encrypted_open)

BOOST_AUTO_TEST_CASE(a_new_store_reopens_with_its_passphrase) {
    World w;
    std::string site = w.store->siteId();
    w.store.reset();
    auto again = SqlCipherStore::open(w.storePath(), Passphrase("correct horse battery staple"));
    BOOST_TEST(again->siteId() == site);
    BOOST_TEST(again->organisations().size() == 2u);
    BOOST_TEST(readBytes(w.storePath()).substr(0, 15) != "SQLite format 3");
}

BOOST_AUTO_TEST_CASE(wrong_passphrase_is_refused_and_the_file_untouched) {
    World w;
    w.store.reset();
    std::string before = readBytes(w.storePath());
    BOOST_TEST((openFails(w.storePath(), "wrong horse battery staple") ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST((openFails(w.storePath(), "") == StoreErrorCode::WrongPassphrase));
    BOOST_TEST(readBytes(w.storePath()) == before);
    BOOST_TEST(!std::filesystem::exists(w.storePath() + "-wal"));
}

BOOST_AUTO_TEST_CASE(files_that_are_not_stores_are_refused_untouched) {
    TempDir dir;
    std::string empty = dir.file("empty.nmdt"), text = dir.file("notes.nmdt"),
                pages = dir.file("random.nmdt");
    writeFile(empty, "");
    writeFile(text, "Name,NHS number\nJones,9434765919\n");
    std::string random(8192, '\0');
    for (std::size_t i = 0; i < random.size(); ++i)
        random[i] = static_cast<char>((i * 7919) % 251);
    writeFile(pages, random);
    BOOST_TEST((openFails(empty, "x") == StoreErrorCode::NotAStore));
    BOOST_TEST((openFails(text, "x") == StoreErrorCode::NotAStore));
    // Whole pages of noise cannot be told from a store under another key.
    BOOST_TEST((openFails(pages, "x") == StoreErrorCode::WrongPassphrase));
    BOOST_TEST(readBytes(text) == "Name,NHS number\nJones,9434765919\n");
    BOOST_TEST(readBytes(pages) == random);
    BOOST_TEST((openFails(dir.file("missing.nmdt"), "x") == StoreErrorCode::FileMissing));
    BOOST_TEST((openFails(dir.path().string(), "x") == StoreErrorCode::NotAStore));
}

BOOST_AUTO_TEST_CASE(a_damaged_page_is_reported_as_corrupt_and_not_overwritten) {
    World w;
    CaseService cases(w.asChair());
    for (int i = 0; i < 200; ++i)
        cases.refer(
            {resident("Name" + std::to_string(i), "Family" + std::to_string(i), testNhsNumber(i)),
             w.gp,
             w.practice,
             std::string(300, 'r'),
             day(2026, 11, 1),
             {}});
    w.store.reset();  // closes and checkpoints the WAL into the file
    std::string bytes = readBytes(w.storePath());
    BOOST_REQUIRE(bytes.size() > 20 * 4096);
    // Damage a page near the end, where the rows just written live (early pages may be on
    // the freelist after migrations dropped indexes, and integrity_check skips free pages).
    // A few pages are damaged, since any one of them may be on the freelist.
    for (std::size_t back = 2; back <= 8; back += 2) {
        const std::size_t page = bytes.size() / 4096 - back;
        for (std::size_t i = 0; i < 64; ++i)
            bytes[page * 4096 + 100 + i] ^= 0x5A;
    }

    writeFile(w.storePath(), bytes);

    bool reported = false;
    try {
        auto store =
            SqlCipherStore::open(w.storePath(), Passphrase("correct horse battery staple"));
        auto report = store->checkIntegrity();
        reported = !report.ok;
        for (std::size_t offset = 0; offset < 300; offset += 50)
            store->casePage(offset, 50);
    } catch (const StoreError& e) {
        reported = reported || e.code() == StoreErrorCode::Corrupt;
    }
    BOOST_TEST(reported);
    BOOST_TEST(readBytes(w.storePath()) == bytes);
}

BOOST_AUTO_TEST_CASE(a_plaintext_sqlite_file_is_refused) {
    TempDir dir;
    std::string path = dir.file("plain.db");
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('Jones')");
    }
    std::string before = readBytes(path);
    BOOST_TEST((openFails(path, "anything at all") == StoreErrorCode::PlaintextDatabase));
    BOOST_TEST(readBytes(path) == before);
}

BOOST_AUTO_TEST_CASE(create_refuses_to_overwrite) {
    World w;
    try {
        SqlCipherStore::create(w.storePath(), Passphrase("another passphrase 1"));
        BOOST_FAIL("create over an existing store should fail");
    } catch (const StoreError& e) {
        BOOST_TEST((e.code() == StoreErrorCode::AlreadyExists));
    }
    BOOST_TEST(w.store->organisations().size() == 2u);
}

BOOST_AUTO_TEST_CASE(rekey_changes_the_passphrase) {
    World w;
    w.store->changePassphrase(Passphrase("a brand new passphrase"), w.asChair().actor);
    w.store.reset();
    BOOST_TEST((openFails(w.storePath(), "correct horse battery staple") ==
                StoreErrorCode::WrongPassphrase));
    auto again = SqlCipherStore::open(w.storePath(), Passphrase("a brand new passphrase"));
    BOOST_TEST(again->professionals().size() == 3u);
    BOOST_TEST(again->checkIntegrity().ok);
}

BOOST_AUTO_TEST_CASE(a_store_bigger_than_the_page_cache_is_rekeyed) {
    // SQLCipher's rekey after a write in the same transaction, on a store bigger than the
    // connection's 32 MB page cache, reported success and committed nothing: a page written
    // before it and spilled (with the new key) during it was read back with the old one.
    World w;
    {
        auto raw = storage::openEncryptedDatabase(w.storePath(),
                                                  Passphrase("correct horse battery staple"),
                                                  storage::OpenIntent::OpenExisting);
        raw->exec("CREATE TABLE padding (x BLOB)");
        raw->exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
            " INSERT INTO padding SELECT randomblob(3000) FROM n");
    }
    BOOST_TEST_REQUIRE(std::filesystem::file_size(w.storePath()) > 40'000'000u);
    // Records and audit entries written since sit on the file's last pages, where the
    // rekey's own writes spilled them before it reached them.
    CaseService cases(w.asChair());
    for (int i = 0; i < 40; ++i)
        cases.refer({resident("Ceri", "Lloyd", testNhsNumber(500 + i)),
                     w.gp,
                     w.practice,
                     "falls",
                     day(2026, 11, 2),
                     {}});
    w.store->changePassphrase(Passphrase("a brand new passphrase"), w.asChair().actor);
    BOOST_TEST(w.store->professionals().size() == 3u);  // still reads, with the new key
    w.store.reset();
    BOOST_TEST((openFails(w.storePath(), "correct horse battery staple") ==
                StoreErrorCode::WrongPassphrase));
    auto again = SqlCipherStore::open(w.storePath(), Passphrase("a brand new passphrase"));
    BOOST_TEST(again->checkIntegrity().ok);
    AuditQuery q;
    q.newestFirst = true;
    q.limit = 1;
    BOOST_TEST((again->auditTrail(q).at(0).kind == AuditEventKind::PassphraseChanged));
}

BOOST_AUTO_TEST_CASE(no_patient_name_reaches_the_disk_in_clear) {
    World w;
    CaseService cases(w.asChair());
    const std::string marker = "Zebedeeunique";
    const std::string reason = "Tramadolunique dependency";
    cases.refer({resident("Quentin", marker, testNhsNumber(77)),
                 w.gp,
                 w.practice,
                 reason,
                 day(2026, 11, 1),
                 {}});
    for (int i = 0; i < 50; ++i)
        cases.search("zebedee");
    // While open: the database, its WAL and shared memory file.
    std::string bytes = allFileBytes(w.dir);
    BOOST_TEST(bytes.size() > 4096u);
    BOOST_TEST(bytes.find(marker) == std::string::npos);
    BOOST_TEST(bytes.find("zebedeeunique") == std::string::npos);
    BOOST_TEST(bytes.find("Tramadolunique") == std::string::npos);
    BOOST_TEST(bytes.find(testNhsNumber(77)) == std::string::npos);
    w.store.reset();
    bytes = allFileBytes(w.dir);
    BOOST_TEST(bytes.find(marker) == std::string::npos);
    BOOST_TEST(bytes.find("Riverside Surgery") == std::string::npos);
}

// On Windows a backup tool, an antivirus scanner or a second copy of Excel can open a file
// without sharing it: the store must say it is in use, never that the passphrase is wrong.
BOOST_AUTO_TEST_CASE(a_store_another_program_holds_is_refused_as_in_use,
                     *boost::unit_test::precondition(nmdt::test::OnlyWhere{
                         nmdt::test::canHoldFilesExclusively(),
                         "another program cannot hold a file exclusively on this platform"})) {
    World w;
    w.store.reset();
    const std::string before = readBytes(w.storePath());
    {
        nmdt::test::ExclusiveFileHold hold(w.storePath());
        try {
            storage::SqlCipherStore::open(w.storePath(),
                                          Passphrase("correct horse battery staple"));
            BOOST_FAIL("opened a store another program holds");
        } catch (const StoreError& e) {
            BOOST_TEST(e.code() == StoreErrorCode::InUse, e.what());
        }
    }
    BOOST_TEST(readBytes(w.storePath()) == before);
    BOOST_TEST(
        storage::SqlCipherStore::open(w.storePath(), Passphrase("correct horse battery staple"))
            ->checkIntegrity()
            .ok);
}

// The desktop opens its store twice (the window's connection and sync's). On POSIX closing
// any descriptor of a file drops every lock the process holds on it, so the second open must
// not open and close the file outside SQLite: the first connection would lose its locks
// unknowingly, and another program could then checkpoint and delete the log under it.
BOOST_AUTO_TEST_CASE(a_second_connection_leaves_the_first_ones_locks_in_place,
                     *boost::unit_test::precondition(nmdt::test::OnlyWhere{
                         nmdt::test::kPosixRecordLocks,
                         "a lock belongs to its handle here: another handle's close keeps it"})) {
    World w;
    BOOST_TEST(w.store->searchCases("Nobody", 1).empty());  // read, as the window does
    BOOST_REQUIRE(nmdt::test::lockSeenByAnotherProcess(w.storePath()).value());
    {
        auto second = storage::SqlCipherStore::open(w.storePath(),
                                                    Passphrase("correct horse battery staple"));
        BOOST_TEST(nmdt::test::lockSeenByAnotherProcess(w.storePath()).value());
        BOOST_TEST(second->searchCases("Nobody", 1).empty());
    }
    BOOST_TEST(nmdt::test::lockSeenByAnotherProcess(w.storePath()).value());
    BOOST_TEST(w.store->checkIntegrity().ok);
}

// A store copied from a CD, a read-only share or marked read-only in Explorer: refused with
// a reason, never half-opened, and left as it was.
BOOST_AUTO_TEST_CASE(
    a_read_only_store_is_refused_with_a_reason_and_left_as_it_was,
    *boost::unit_test::precondition(nmdt::test::OnlyWhere{
        nmdt::test::readOnlyIsEnforced(),
        "this process writes to read-only files anyway (run as root, or Wine as root)"})) {
    World w;
    w.store.reset();
    BOOST_REQUIRE(nmdt::test::makeReadOnly(w.storePath()));
    const std::string before = readBytes(w.storePath());
    try {
        storage::SqlCipherStore::open(w.storePath(), Passphrase("correct horse battery staple"));
        BOOST_FAIL("opened a read-only store for writing");
    } catch (const StoreError& e) {
        BOOST_TEST(e.code() == StoreErrorCode::Io, e.what());
        BOOST_TEST(std::string(e.what()).find("read") != std::string::npos, e.what());
    }
    BOOST_TEST(readBytes(w.storePath()) == before);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(linkage)

// On Windows every program is static and its only SQLite is the SQLCipher that
// scripts/windows/build-deps.sh builds; there is no shared library to look for.
BOOST_AUTO_TEST_CASE(only_sqlcipher_is_linked,
                     *boost::unit_test::precondition(nmdt::test::OnlyWhere{
                         nmdt::test::kLinksSharedLibraries,
                         "the Windows programs are static: SQLCipher is their only SQLite"})) {
    // If plain libsqlite3 were linked too, PRAGMA key would be ignored silently.
    std::string out = nmdt::test::runProgram("ldd", {nmdt::test::thisExecutable()}).output;
    BOOST_TEST(out.find("libsqlcipher") != std::string::npos, out);
    BOOST_TEST(out.find("libsqlite3") == std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(the_engine_reports_a_cipher_version) {
    World w;
    w.store.reset();
    SQLite::Database db(w.storePath(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA key = 'correct horse battery staple'");
    BOOST_TEST(!db.execAndGet("PRAGMA cipher_version").getString().empty());
}

BOOST_AUTO_TEST_SUITE_END()
