#include "encrypted_database.h"

#include <SQLiteCpp/Exception.h>

#include <cstring>
#include <filesystem>

#include "busy_wait.h"
#include "file_header.h"
#include "model/store_error.h"
#include "model/utf8_path.h"
#include "platform/file_access.h"

namespace nmdt::storage {

namespace {
namespace fs = std::filesystem;

constexpr int kSqliteNotADatabase = 26;
constexpr int kSqliteCorrupt = 11;
constexpr int kCipherPageSize = 4096;
constexpr int kKdfIterations = 64000;

}  // namespace

void applyConnectionSettings(SQLite::Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");
    // A log that grew while another connection kept it from starting over (a large sync
    // beside the window) is cut back to this when it next starts over.
    db.exec("PRAGMA journal_size_limit = 67108864");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA temp_store = MEMORY");  // no plaintext temporary files on disk
    db.exec("PRAGMA cache_size = -32000");  // 32 MB page cache
    // The desktop syncs on a second connection: wait for its transaction, do not fail.
    retryPromptlyWhenBusy(db.getHandle(), 15000);
}

std::string sqlQuote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out.push_back(c);
        if (c == '\'')
            out.push_back('\'');
    }
    out.push_back('\'');
    return out;
}

namespace {
/// Runs a statement that contains a secret, wiping our copy of its text afterwards
/// (best effort: SQLite keeps its own copies while it parses).
void execSecret(SQLite::Database& db, const char* pragma, const Passphrase& secret) {
    Passphrase statement(std::string(pragma) + " = " + sqlQuote(secret.reveal()));
    db.exec(statement.reveal().data());  // a Passphrase's text is NUL-terminated
}
}  // namespace

void removeStoreFiles(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(pathFromUtf8(path + suffix), ec);
}

void restrictToOwner(const std::string& path) {
    std::error_code ec;
    fs::permissions(pathFromUtf8(path), fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, ec);
    if (ec)
        throw StoreError(StoreErrorCode::Io, path + ": " + ec.message());
}

StoreKey StoreKey::raw(const SecretBytes& key) {
    StoreKey k;
    // SQLCipher's raw key syntax: x'<64 hex digits>' skips its key derivation.
    k.value_ = Passphrase("x'" + toHex(key.reveal()) + "'");
    k.raw_ = true;
    return k;
}

StoreKey StoreKey::rawWithSalt(const SecretBytes& key, const std::string& salt) {
    StoreKey k;
    k.value_ = Passphrase("x'" + toHex(key.reveal()) + toHex(salt) + "'");
    k.raw_ = true;
    return k;
}

void applyKey(SQLite::Database& db, const StoreKey& key) {
    // Debian's SQLiteCpp lacks SQLITE_HAS_CODEC, so Database::key() throws; PRAGMA key works.
    // kdf_iter and cipher_page_size are not stored in the file: they must match every time.
    execSecret(db, "PRAGMA key", key.pragmaValue());
    db.exec("PRAGMA cipher_page_size = " + std::to_string(kCipherPageSize));
    if (!key.isRaw())
        db.exec("PRAGMA kdf_iter = " + std::to_string(kKdfIterations));
}

void rekeyDatabase(SQLite::Database& db, const StoreKey& newKey) {
    execSecret(db, "PRAGMA rekey", newKey.pragmaValue());
}

std::unique_ptr<SQLite::Database> openEncryptedDatabase(const std::string& path,
                                                        const StoreKey& key, OpenIntent intent) {
    std::error_code ec;
    bool present = fs::exists(pathFromUtf8(path), ec);
    if (intent == OpenIntent::CreateNew && present)
        throw StoreError(StoreErrorCode::AlreadyExists, path);
    if (intent != OpenIntent::CreateNew) {
        if (!present)
            throw StoreError(StoreErrorCode::FileMissing, path);
        if (!fs::is_regular_file(pathFromUtf8(path), ec))
            throw StoreError(StoreErrorCode::NotAStore, path);
        switch (platform::probe(path)) {
            case platform::FileAccess::InUse:
                throw StoreError(StoreErrorCode::InUse, path);
            case platform::FileAccess::Denied:
                throw StoreError(StoreErrorCode::Io, path + ": permission denied");
            case platform::FileAccess::ReadOnly:
                // SQLite would quietly open it for reading, and every save would then fail.
                if (intent != OpenIntent::InspectExisting)
                    throw StoreError(StoreErrorCode::Io,
                                     path +
                                         ": the file is read-only (marked read-only, on a "
                                         "read-only drive, or without permission to write)");
                break;
            default:
                break;  // anything else shows below, where SQLite opens it
        }
        auto size = fs::file_size(pathFromUtf8(path), ec);
        if (ec)
            throw StoreError(StoreErrorCode::Io, path + ": " + ec.message());
        std::string header = readStoreFileStart(path, 16);
        if (header.size() == 16 && std::memcmp(header.data(), "SQLite format 3\0", 16) == 0)
            throw StoreError(StoreErrorCode::PlaintextDatabase, path);
        // An encrypted store is whole cipher pages; anything else is not one of ours.
        if (size == 0 || size % kCipherPageSize != 0)
            throw StoreError(StoreErrorCode::NotAStore, path);
    }
    if (key.empty())
        throw StoreError(StoreErrorCode::WrongPassphrase, "empty passphrase");

    int flags =
        SQLite::OPEN_READWRITE | (intent == OpenIntent::CreateNew ? SQLite::OPEN_CREATE : 0);
    std::unique_ptr<SQLite::Database> db;
    try {
        db = std::make_unique<SQLite::Database>(path, flags);
    } catch (const SQLite::Exception& e) {
        throw StoreError(StoreErrorCode::Io, path + ": " + e.what());
    }
    try {
        applyKey(*db, key);
        // The first read is where a wrong key shows: "file is not a database" (26).
        db->execAndGet("SELECT count(*) FROM sqlite_master");
        if (intent == OpenIntent::InspectExisting) {
            db->exec("PRAGMA temp_store = MEMORY");  // still no plaintext temporary files
        } else {
            applyConnectionSettings(*db);
        }
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == kSqliteNotADatabase)
            throw StoreError(StoreErrorCode::WrongPassphrase, path);
        if (e.getErrorCode() == kSqliteCorrupt)
            throw StoreError(StoreErrorCode::Corrupt, path + ": " + e.what());
        throw StoreError(StoreErrorCode::Io, path + ": " + e.what());
    }
    return db;
}

}  // namespace nmdt::storage
