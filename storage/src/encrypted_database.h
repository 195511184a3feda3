#pragma once
// The one way this program opens a SQLCipher database: key first, the same cipher
// settings every time, then the connection settings the store relies on.

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

#include "model/crypto.h"
#include "model/passphrase.h"

namespace nmdt::storage {

/// What keys a SQLCipher file: a passphrase through SQLCipher's own key derivation (stores
/// made before key slots, and backups), or a random 32-byte key used as it is (stores
/// opened through their key slots).
class StoreKey {
  public:
    StoreKey(const Passphrase& passphrase) : value_(passphrase) {}  // NOLINT: implicit
    static StoreKey raw(const SecretBytes& key);
    /// A raw key that also sets a new file's salt (its first 16 bytes), which SQLCipher
    /// would otherwise choose: so a key derived from that salt can be found again.
    static StoreKey rawWithSalt(const SecretBytes& key, const std::string& salt);
    bool isRaw() const { return raw_; }
    bool empty() const { return value_.empty(); }
    /// What PRAGMA key is given (secret).
    const Passphrase& pragmaValue() const { return value_; }

  private:
    StoreKey() = default;
    Passphrase value_;
    bool raw_ = false;
};

/// CreateNew and OpenExisting set the store up for use (WAL, synchronous=FULL);
/// InspectExisting only keys and checks, leaving the file's journal mode as it is (backups).
enum class OpenIntent { CreateNew, OpenExisting, InspectExisting };

/// Removes a store file and its SQLite companions (-wal, -shm, -journal), ignoring those that
/// are not there: what a failed or killed creation, backup or restore left behind.
void removeStoreFiles(const std::string& path);

/// Makes a file readable and writable by its owner only (on POSIX, mode 0600; SQLite gives
/// the store's -wal and -shm files the same mode). On Windows only the read-only flag exists
/// here; a store's privacy there rests on the profile folder's access control list.
void restrictToOwner(const std::string& path);

/// Opens `path` with `passphrase`, verifying the key; throws StoreError. On any failure the
/// file is left exactly as it was.
std::unique_ptr<SQLite::Database> openEncryptedDatabase(const std::string& path,
                                                        const StoreKey& key, OpenIntent intent);

/// Opens a backup with its passphrase: through the key scrypt derives from it and the salt
/// at the start of the file, or, for a backup made before backups were keyed that way,
/// SQLCipher's own derivation. Throws StoreError as openEncryptedDatabase.
std::unique_ptr<SQLite::Database> openBackupDatabase(const std::string& path,
                                                     const Passphrase& passphrase);

/// Issues PRAGMA key (and the fixed cipher settings) for an attached or new connection.
void applyKey(SQLite::Database& db, const StoreKey& key);

/// Connection settings every store connection uses (WAL, synchronous=FULL, foreign keys,
/// temporary data in memory only).
void applyConnectionSettings(SQLite::Database& db);

/// Changes the key of an open database in place.
void rekeyDatabase(SQLite::Database& db, const StoreKey& newKey);

/// SQL string literal for `text`, with quotes doubled (PRAGMA takes no bound parameters).
std::string sqlQuote(std::string_view text);

}  // namespace nmdt::storage
