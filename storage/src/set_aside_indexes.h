#pragma once
// The record tables' secondary indexes, set aside while a snapshot loads in bulk and built
// again, each in one sorted pass, once it is loaded.
#include <span>
#include <string_view>

namespace SQLite {
class Database;
}

namespace nmdt::storage {

/// Indexes a query names in a literal INDEXED BY: never set aside, so every read works
/// mid-join. (Queries over record tables name theirs through IndexHint instead.)
std::span<const std::string_view> indexesQueriesName();

/// Drops the secondary indexes of the synced record tables (not the unique ones, which
/// enforce a rule), remembering in the store how to build them;
/// does nothing when they are already set aside. Runs inside the caller's transaction.
void setRecordIndexesAside(SQLite::Database& db);

/// Builds again whatever setRecordIndexesAside dropped, one index to a transaction of its
/// own (so the caller must not hold one); does nothing otherwise.
void rebuildSetAsideIndexes(SQLite::Database& db);

/// Whether indexes are set aside now.
bool recordIndexesSetAside(SQLite::Database& db);

}  // namespace nmdt::storage
