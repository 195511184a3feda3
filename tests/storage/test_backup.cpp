// Encrypted backups: round trip, and every kind of bad backup refused before the store
// is touched.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "encrypted_database.h"
#include "migrations.h"
#include "model/case_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
const Passphrase kStoreKey("correct horse battery staple");
const Passphrase kBackupKey("backup passphrase for IT 2026");

void fill(World& w, int n) {
    CaseService cases(w.asChair());
    for (int i = 0; i < n; ++i)
        cases.refer({resident("Bea" + std::to_string(i), "Backup", testNhsNumber(700 + i)),
                     w.gp,
                     w.practice,
                     "x",
                     day(2026, 11, 1),
                     {}});
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

StoreErrorCode restoreFails(World& w, const std::string& backup, const Passphrase& key) {
    try {
        SqlCipherStore::restoreBackup(backup, key, w.storePath(), kStoreKey);
    } catch (const StoreError& e) {
        return e.code();
    }
    BOOST_FAIL("restore should have failed");
    return StoreErrorCode::Io;
}

/// A store with a backup taken, then changed after it, and closed.
struct BackedUp {
    World w;
    std::string backup = w.dir.file("store.backup");
    BackedUp() {
        fill(w, 30);
        w.store->backupTo(backup, kBackupKey, w.asChair().actor);
        fill2();
        w.store.reset();
    }
    void fill2() {
        CaseService(w.asChair())
            .refer({resident("After", "Backup", testNhsNumber(799)),
                    w.gp,
                    w.practice,
                    "x",
                    day(2026, 11, 1),
                    {}});
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(backup)

BOOST_AUTO_TEST_CASE(a_backup_restores_the_store_as_it_was) {
    BackedUp b;
    BOOST_TEST(!std::filesystem::exists(b.backup + ".part"));
    BOOST_TEST(readBytes(b.backup).substr(0, 15) != "SQLite format 3");
    BOOST_TEST(readBytes(b.backup).find("Backup") == std::string::npos);  // encrypted
    auto manifest = SqlCipherStore::verifyBackup(b.backup, kBackupKey);
    BOOST_TEST(manifest.cases == 30);
    BOOST_TEST(manifest.schemaVersion == latestSchemaVersion());

    auto restored = SqlCipherStore::restoreBackup(b.backup, kBackupKey, b.w.storePath(), kStoreKey);
    BOOST_TEST(restored.cases == 30);
    auto store = SqlCipherStore::open(b.w.storePath(), kStoreKey);
    BOOST_TEST(store->caseCount() == 30u);  // the case added after the backup is gone
    BOOST_TEST(store->searchCases("bea1", 50).size() == 11u);
    BOOST_TEST(store->checkIntegrity().ok);
    BOOST_TEST(store->verifyAudit().intact);
    BOOST_TEST(store->siteId() == manifest.siteId);
    // The store it replaced is kept, whole.
    auto previous = SqlCipherStore::open(b.w.storePath() + ".before-restore", kStoreKey);
    BOOST_TEST(previous->caseCount() == 31u);
    BOOST_TEST(!std::filesystem::exists(b.w.storePath() + ".restoring"));
}

BOOST_AUTO_TEST_CASE(bad_backups_are_refused_and_the_store_left_untouched) {
    BackedUp b;
    const std::string store = readBytes(b.w.storePath());
    const std::string good = readBytes(b.backup);
    auto untouched = [&] {
        BOOST_TEST(readBytes(b.w.storePath()) == store);
        BOOST_TEST(!std::filesystem::exists(b.w.storePath() + ".restoring"));
        BOOST_TEST(!std::filesystem::exists(b.w.storePath() + ".before-restore"));
    };

    BOOST_TEST((restoreFails(b.w, b.backup, Passphrase("not the backup passphrase")) ==
                StoreErrorCode::WrongPassphrase));
    untouched();

    std::string truncated = b.w.dir.file("truncated.backup");
    writeBytes(truncated, good.substr(0, good.size() - 1000));
    BOOST_TEST((restoreFails(b.w, truncated, kBackupKey) == StoreErrorCode::NotAStore));
    untouched();

    std::string shortened =
        b.w.dir.file("shortened.backup");  // whole pages, but the last ones gone
    writeBytes(shortened, good.substr(0, good.size() - 3 * 4096));
    BOOST_TEST((restoreFails(b.w, shortened, kBackupKey) == StoreErrorCode::Corrupt));
    untouched();

    std::string flipped = b.w.dir.file("flipped.backup");
    std::string bytes = good;
    bytes[bytes.size() / 2] ^= 0x01;
    writeBytes(flipped, bytes);
    BOOST_TEST((restoreFails(b.w, flipped, kBackupKey) == StoreErrorCode::Corrupt));
    untouched();

    // An encrypted SQLite file under the right passphrase, but not a backup of ours.
    std::string foreign = b.w.dir.file("foreign.backup");
    {
        auto db = openEncryptedDatabase(foreign, kBackupKey, OpenIntent::CreateNew);
        db->exec("CREATE TABLE notes (x); INSERT INTO notes VALUES ('hello')");
    }
    BOOST_TEST((restoreFails(b.w, foreign, kBackupKey) == StoreErrorCode::NotAStore));
    untouched();

    std::string plain = b.w.dir.file("plain.backup");
    {
        SQLite::Database db(plain, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE x (y)");
    }
    BOOST_TEST((restoreFails(b.w, plain, kBackupKey) == StoreErrorCode::PlaintextDatabase));
    untouched();
    BOOST_TEST(readBytes(b.backup) == good);  // checking a backup never changes it
}

BOOST_AUTO_TEST_CASE(a_backup_is_keyed_by_scrypt_not_sqlciphers_own_derivation) {
    BackedUp b;
    // Its passphrase opens it only through the memory-hard derivation over the salt at the
    // start of the file; SQLCipher 3.4's PBKDF2-SHA1 of the same passphrase does not.
    try {
        openEncryptedDatabase(b.backup, kBackupKey, OpenIntent::InspectExisting);
        BOOST_FAIL("SQLCipher's own derivation opened the backup");
    } catch (const StoreError& e) {
        BOOST_TEST((e.code() == StoreErrorCode::WrongPassphrase));
    }
    BOOST_TEST(openBackupDatabase(b.backup, kBackupKey) != nullptr);
    BOOST_CHECK_THROW(openBackupDatabase(b.backup, Passphrase("backup passphrase for IT 2027")),
                      StoreError);
    // The file starts with its random salt, never a plaintext header.
    BOOST_TEST(readBytes(b.backup).substr(0, 15) != "SQLite format 3");
}

BOOST_AUTO_TEST_CASE(a_backup_with_a_tampered_audit_trail_is_refused) {
    BackedUp b;
    {
        auto db = openBackupDatabase(b.backup, kBackupKey);
        db->exec("DROP TRIGGER audit_log_append_only");
        db->exec("UPDATE audit_log SET detail = 'edited' WHERE sequence = 3");
    }
    const std::string store = readBytes(b.w.storePath());
    BOOST_TEST((restoreFails(b.w, b.backup, kBackupKey) == StoreErrorCode::Corrupt));
    BOOST_TEST(readBytes(b.w.storePath()) == store);
}

BOOST_AUTO_TEST_SUITE_END()
