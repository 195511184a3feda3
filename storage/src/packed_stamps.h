#pragma once
// The store's compact form of per-field stamps: site ids and field names become small
// numbers kept in one table, and the stamps of an entity are packed into a short blob
// that lists each distinct stamp once (a create stamps every field alike).

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/sync_types.h"

namespace nmdt::storage {

/// Numbers for the names that recur in stamps (site ids, field names), per connection.
/// A number is given inside the caller's write transaction; when that transaction rolls
/// back the number may go to another name, so a rollback empties what this remembers.
class PackedNames {
  public:
    /// Watches the connection's rollbacks; call once per connection, before any use.
    void attach(SQLite::Database& db);
    /// The name's number, given now if it has none (inside a write transaction).
    std::int64_t numberFor(SQLite::Database& db, const std::string& name);
    /// The name a number stands for; throws StoreError(Corrupt) for an unknown number.
    const std::string& nameOf(SQLite::Database& db, std::int64_t number);
    void forget();

  private:
    std::unordered_map<std::string, std::int64_t> numbers_;
    std::unordered_map<std::int64_t, std::string> names_;
};

/// Packs stamps for storage (a blob).
std::vector<unsigned char> packStamps(SQLite::Database& db, PackedNames& names,
                                      const FieldStamps& stamps);
/// Reads a stored stamps column: a packed blob, or the text form of stores made before
/// packing (schema 12 and earlier). Throws StoreError(Corrupt) on anything out of shape.
FieldStamps unpackStamps(SQLite::Database& db, PackedNames& names, const SQLite::Column& column);

}  // namespace nmdt::storage
