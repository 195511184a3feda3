// Encrypted backup and restore of a store, each verified before it is trusted.
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <fstream>

#include "crypto/openssl_crypto.h"
#include "encrypted_database.h"
#include "migrations.h"
#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {
namespace fs = std::filesystem;

const char* const kManifestTable = "backup_manifest";

std::int64_t countRows(SQLite::Database& db, const std::string& schema, const std::string& table) {
    return db.execAndGet("SELECT count(*) FROM " + schema + "." + table).getInt64();
}

/// A backup is keyed as key slots are: scrypt (the standard parameters) over its passphrase
/// and a random salt. SQLCipher keeps the salt as the file's first 16 bytes, so the file
/// alone holds all but the passphrase, and a stolen backup costs an attacker a
/// memory-hard derivation per guess rather than SQLCipher 3.4's PBKDF2-SHA1.
constexpr std::size_t kBackupSaltBytes = 16;

SecretBytes backupKey(const Passphrase& passphrase, const std::string& salt) {
    return crypto::openSsl().deriveKey(passphrase.reveal(), salt, KdfParams::standard(),
                                       Crypto::kKeyBytes);
}

}  // namespace

std::unique_ptr<SQLite::Database> openBackupDatabase(const std::string& path,
                                                     const Passphrase& passphrase) {
    std::string salt;
    {
        std::ifstream in(pathFromUtf8(path), std::ios::binary);
        salt.resize(kBackupSaltBytes);
        if (!in || !in.read(salt.data(), static_cast<std::streamsize>(salt.size())))
            salt.clear();
    }
    if (!salt.empty()) {
        try {
            return openEncryptedDatabase(path, StoreKey::raw(backupKey(passphrase, salt)),
                                         OpenIntent::InspectExisting);
        } catch (const StoreError& e) {
            if (e.code() != StoreErrorCode::WrongPassphrase)
                throw;
        }
    }
    return openEncryptedDatabase(path, passphrase, OpenIntent::InspectExisting);
}

namespace {

/// Creates an empty file so a connection without OPEN_CREATE can ATTACH it, readable by its
/// owner only (backups and restored stores alike).
void createEmpty(const std::string& path) {
    removeStoreFiles(path);
    SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    restrictToOwner(path);
}

/// Copies every table of `db`'s main database into a new encrypted file at `target`.
void exportEncrypted(SQLite::Database& db, const std::string& target, const StoreKey& key,
                     int schemaVersion) {
    createEmpty(target);
    // Attached databases take the default cipher settings, so make them ours first.
    db.exec("PRAGMA cipher_default_page_size = 4096");
    db.exec("PRAGMA cipher_default_kdf_iter = 64000");
    Passphrase attach("ATTACH DATABASE " + sqlQuote(target) + " AS copy KEY " +
                      sqlQuote(key.pragmaValue().reveal()));
    db.exec(attach.reveal().data());
    try {
        db.execAndGet("SELECT sqlcipher_export('copy')");
        db.exec("PRAGMA copy.user_version = " +
                std::to_string(schemaVersion));  // export does not copy it
    } catch (...) {
        db.exec("DETACH DATABASE copy");
        throw;
    }
}

SqlCipherStore::BackupManifest readManifest(SQLite::Database& db) {
    if (db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'backup_manifest'")
            .getInt() != 1)
        throw StoreError(StoreErrorCode::NotAStore, "not a Neighbourhood MDT backup (no manifest)");
    SqlCipherStore::BackupManifest m;
    SQLite::Statement st(db, "SELECT key, value FROM backup_manifest");
    while (st.executeStep()) {
        std::string key = st.getColumn(0).getString(), value = st.getColumn(1).getString();
        if (key == "site_id")
            m.siteId = value;
        if (key == "created_at")
            m.createdAt = value;
        if (key == "schema_version")
            m.schemaVersion = std::stoi(value);
        if (key == "cases")
            m.cases = std::stoll(value);
        if (key == "actions")
            m.actions = std::stoll(value);
        if (key == "audit_entries")
            m.auditEntries = std::stoll(value);
    }
    return m;
}

SqlCipherStore::BackupManifest checkBackupPages(SQLite::Database& db);

/// Full check of an open backup: every page (SQLCipher's per-page HMAC fails on any
/// altered byte), then the manifest against what the file actually holds.
SqlCipherStore::BackupManifest checkBackup(SQLite::Database& db) {
    try {
        return guarded([&] { return checkBackupPages(db); });
    } catch (const StoreError& e) {
        // Reading past the end of a backup cut short is an I/O error to SQLite; for a
        // backup it means damaged or truncated.
        if (e.code() == StoreErrorCode::Io)
            throw StoreError(StoreErrorCode::Corrupt,
                             std::string("backup damaged or truncated: ") + e.what());
        throw;
    }
}

SqlCipherStore::BackupManifest checkBackupPages(SQLite::Database& db) {
    SQLite::Statement integrity(db, "PRAGMA integrity_check");
    while (integrity.executeStep())
        if (integrity.getColumn(0).getString() != "ok")
            throw StoreError(StoreErrorCode::Corrupt,
                             "backup damaged: " + integrity.getColumn(0).getString());
    auto m = readManifest(db);
    if (m.schemaVersion > latestSchemaVersion())
        throw StoreError(StoreErrorCode::NewerSchema, "backup from a newer version");
    if (countRows(db, "main", "cases") != m.cases ||
        countRows(db, "main", "actions") != m.actions ||
        countRows(db, "main", "audit_log") != m.auditEntries)
        throw StoreError(StoreErrorCode::Corrupt,
                         "backup incomplete: its contents do not match its manifest");
    return m;
}
}  // namespace

void SqlCipherStore::backupTo(const std::string& path, const Passphrase& backupPassphrase,
                              const Actor& actor) {
    if (backupPassphrase.empty())
        throw StoreError(StoreErrorCode::WrongPassphrase, "empty backup passphrase");
    const std::string partial = path + ".part";
    const std::string salt = crypto::openSsl().randomBytes(kBackupSaltBytes);
    const SecretBytes derived = backupKey(backupPassphrase, salt);
    try {
        guarded([&] {
            impl_->statements.clear();  // no statement may be pending while attaching
            auto& db = *impl_->db;
            exportEncrypted(db, partial, StoreKey::rawWithSalt(derived, salt), schemaVersionOf(db));
            db.exec(std::string("CREATE TABLE copy.") + kManifestTable +
                    " (key TEXT PRIMARY KEY, value TEXT)");
            auto put = [&](const std::string& key, const std::string& value) {
                SQLite::Statement st(
                    db, std::string("INSERT INTO copy.") + kManifestTable + " VALUES (?, ?)");
                st.bind(1, key);
                st.bind(2, value);
                st.exec();
            };
            put("site_id", impl_->siteId);
            put("created_at", toIsoTimestamp(impl_->clock->now()));
            put("schema_version", std::to_string(schemaVersionOf(db)));
            put("cases", std::to_string(countRows(db, "copy", "cases")));
            put("actions", std::to_string(countRows(db, "copy", "actions")));
            put("audit_entries", std::to_string(countRows(db, "copy", "audit_log")));
            db.exec("DETACH DATABASE copy");
        });
        // Read it back, whole, before calling it a backup.
        checkBackup(
            *openEncryptedDatabase(partial, StoreKey::raw(derived), OpenIntent::InspectExisting));
        impl_->writeStep();
        fs::rename(pathFromUtf8(partial), pathFromUtf8(path));
    } catch (const std::filesystem::filesystem_error& e) {
        removeStoreFiles(partial);
        throw StoreError(StoreErrorCode::Io, e.what());
    } catch (...) {
        removeStoreFiles(partial);
        throw;
    }
    // A backup nobody can account for is a copy of patient data loose on a disk.
    try {
        commit(ChangeSet::auditOnly({AuditEventKind::Backup, "", path}), actor);
    } catch (...) {
        removeStoreFiles(path);
        throw;
    }
}

SqlCipherStore::BackupManifest SqlCipherStore::verifyBackup(const std::string& backupPath,
                                                            const Passphrase& backupPassphrase) {
    return checkBackup(*openBackupDatabase(backupPath, backupPassphrase));
}

SqlCipherStore::BackupManifest SqlCipherStore::restoreBackup(const std::string& backupPath,
                                                             const Passphrase& backupPassphrase,
                                                             const std::string& storePath,
                                                             const Passphrase& storePassphrase) {
    return restoreBackup(backupPath, backupPassphrase, storePath, StoreKey(storePassphrase));
}

SqlCipherStore::BackupManifest SqlCipherStore::restoreBackup(const std::string& backupPath,
                                                             const Passphrase& backupPassphrase,
                                                             const std::string& storePath,
                                                             const StoreKey& storeKey) {
    std::error_code ec;
    if (fs::exists(pathFromUtf8(storePath + "-wal"), ec))
        throw StoreError(StoreErrorCode::Io,
                         "the store is open in another program; close it before restoring");
    const std::string building = storePath + ".restoring";
    try {
        // 1. The backup must be whole and ours before anything else happens.
        auto backup = openBackupDatabase(backupPath, backupPassphrase);
        BackupManifest manifest = checkBackup(*backup);
        // 2. Build the restored store beside the current one, under the store's key.
        guarded([&] {
            exportEncrypted(*backup, building, storeKey, manifest.schemaVersion);
            backup->exec(std::string("DROP TABLE copy.") + kManifestTable);
            backup->exec("DETACH DATABASE copy");
        });
        backup.reset();
        // 3. It must open (upgrading an older schema), pass its integrity check and have an
        //    intact audit trail.
        {
            auto restored = SqlCipherStore::openWithKey(building, storeKey);
            if (!restored->checkIntegrity().ok)
                throw StoreError(StoreErrorCode::Corrupt, "restored store failed its check");
            if (!restored->verifyAudit().intact)
                throw StoreError(StoreErrorCode::Corrupt,
                                 "the backup's audit trail has been tampered with");
        }
        // 4. Swap by renaming; the old store is kept.
        const std::string previous = storePath + ".before-restore";
        removeStoreFiles(previous);
        bool hadStore = fs::exists(pathFromUtf8(storePath));
        if (hadStore)
            fs::rename(pathFromUtf8(storePath), pathFromUtf8(previous));
        try {
            fs::rename(pathFromUtf8(building), pathFromUtf8(storePath));
        } catch (...) {
            if (hadStore)
                fs::rename(pathFromUtf8(previous), pathFromUtf8(storePath));
            throw;
        }
        return manifest;
    } catch (const std::filesystem::filesystem_error& e) {
        removeStoreFiles(building);
        throw StoreError(StoreErrorCode::Io, e.what());
    } catch (...) {
        removeStoreFiles(building);
        throw;
    }
}

}  // namespace nmdt::storage
