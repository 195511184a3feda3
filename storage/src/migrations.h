#pragma once
// Forward-only schema migrations, tracked in PRAGMA user_version.

#include <SQLiteCpp/Database.h>

namespace nmdt::storage {

/// The schema version this build writes.
int latestSchemaVersion();
/// Current version of an open database (0 for a new one).
int schemaVersionOf(SQLite::Database& db);
/// Runs every step after the database's version up to `target` (default: latest), each
/// step in its own transaction. Throws StoreError(NewerSchema) if the file is newer.
void migrate(SQLite::Database& db, int target = -1);

}  // namespace nmdt::storage
