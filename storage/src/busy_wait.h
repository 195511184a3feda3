#pragma once
// How a connection waits for another's write lock. Kept apart because Debian's SQLiteCpp
// headers and sqlite3.h cannot be included in one translation unit.

struct sqlite3;

namespace nmdt::storage {

/// Retries every millisecond or so, up to `timeoutMs`, while another connection holds the
/// lock. SQLite's own busy timeout sleeps up to 100 ms between tries, so a connection that
/// writes in quick succession (a joining desktop's sync) can leave the window's save
/// waiting through several of its transactions for a gap it keeps missing.
void retryPromptlyWhenBusy(sqlite3* connection, int timeoutMs);

}  // namespace nmdt::storage
