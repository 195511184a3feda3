#pragma once
// Forward-only schema migrations, tracked in PRAGMA user_version.

#include <SQLiteCpp/Database.h>

namespace nmdt::storage {

/// The change log's guard against deletion, as created in schema 1: compaction alone lifts
/// it, inside its own transaction, and puts it back before committing.
inline constexpr const char* kChangeLogNoDeleteTrigger =
    "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log\n"
    "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;";

/// The schema version this build writes.
int latestSchemaVersion();
/// Current version of an open database (0 for a new one).
int schemaVersionOf(SQLite::Database& db);
/// Runs every step after the database's version up to `target` (default: latest), each
/// step in its own transaction. Throws StoreError(NewerSchema) if the file is newer.
void migrate(SQLite::Database& db, int target = -1);

}  // namespace nmdt::storage
