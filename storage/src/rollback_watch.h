#pragma once
// Calls back when a connection's transaction rolls back. Kept apart because Debian's
// SQLiteCpp headers and sqlite3.h cannot be included in one translation unit.

struct sqlite3;

namespace nmdt::storage {

/// Replaces the connection's rollback callback (one per connection).
void watchRollbacks(sqlite3* connection, void (*callback)(void*), void* context);

}  // namespace nmdt::storage
