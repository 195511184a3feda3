#pragma once
// The one way this program opens a SQLCipher database: key first, the same cipher
// settings every time, then the connection settings the store relies on.

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

#include "model/passphrase.h"

namespace nmdt::storage {

/// CreateNew and OpenExisting set the store up for use (WAL, synchronous=FULL);
/// InspectExisting only keys and checks, leaving the file's journal mode as it is (backups).
enum class OpenIntent { CreateNew, OpenExisting, InspectExisting };

/// Opens `path` with `passphrase`, verifying the key; throws StoreError. On any failure the
/// file is left exactly as it was.
std::unique_ptr<SQLite::Database> openEncryptedDatabase(const std::string& path,
                                                        const Passphrase& passphrase,
                                                        OpenIntent intent);

/// Issues PRAGMA key (and the fixed cipher settings) for an attached or new connection.
void applyKey(SQLite::Database& db, const Passphrase& passphrase);

/// Connection settings every store connection uses (WAL, synchronous=FULL, foreign keys,
/// temporary data in memory only).
void applyConnectionSettings(SQLite::Database& db);

/// Changes the key of an open database in place.
void rekeyDatabase(SQLite::Database& db, const Passphrase& newPassphrase);

/// SQL string literal for `text`, with quotes doubled (PRAGMA takes no bound parameters).
std::string sqlQuote(std::string_view text);

}  // namespace nmdt::storage
