#include "set_aside_indexes.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "model/entity_kind.h"
#include "store_impl.h"
#include "write_transaction.h"

namespace nmdt::storage {

namespace {
/// Where the dropped indexes' definitions wait, one statement after another.
constexpr const char* kSetAsideKey = "indexes_set_aside";
constexpr std::string_view kSeparator = ";\n";

/// Every index named in a literal INDEXED BY clause (storage.set_aside_indexes reads the
/// sources to check none is missing): a query naming a dropped index would fail, not slow
/// down. Neither is on a record table; queries over those name theirs through IndexHint.
constexpr std::array<std::string_view, 2> kNamedByQueries{"service_use_months_counts",
                                                          "change_log_entity"};

std::string setAsideDefinitions(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, kSetAsideKey);
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
}
}  // namespace

std::span<const std::string_view> indexesQueriesName() {
    return kNamedByQueries;
}

bool recordIndexesSetAside(SQLite::Database& db) {
    return !setAsideDefinitions(db).empty();
}

void setRecordIndexesAside(SQLite::Database& db) {
    if (recordIndexesSetAside(db))
        return;
    std::string tables;
    for (EntityKind kind : allEntityKinds())
        if (!isLocalOnly(kind))
            tables += (tables.empty() ? "'" : ", '") + tableOf(kind) + "'";
    // sql is NULL for the indexes behind PRIMARY KEY and UNIQUE columns.
    SQLite::Statement st(db,
                         "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                         " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'"
                         " AND tbl_name IN (" +
                             tables + ") ORDER BY name");
    std::vector<std::string> dropped;
    std::string definitions;
    while (st.executeStep()) {
        std::string name = st.getColumn(0).getString();
        if (std::find(kNamedByQueries.begin(), kNamedByQueries.end(), name) !=
            kNamedByQueries.end())
            continue;
        definitions += st.getColumn(1).getString() + std::string(kSeparator);
        dropped.push_back(std::move(name));
    }
    st.reset();
    if (dropped.empty())
        return;
    for (const auto& name : dropped)
        db.exec("DROP INDEX " + name);
    SQLite::Statement keep(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    keep.bind(1, kSetAsideKey);
    keep.bind(2, definitions);
    keep.exec();
}

void rebuildSetAsideIndexes(SQLite::Database& db) {
    if (!recordIndexesSetAside(db))
        return;
    // One index to a transaction: building one on a large store takes a second or two, and
    // the window's writes wait for the write lock no longer than that (all of them together
    // took ten seconds). A stop part way keeps the rest's definitions for the next open.
    for (;;) {
        WriteTransaction tx(db);
        const std::string definitions = setAsideDefinitions(db);
        if (definitions.empty())
            return;
        const auto end = definitions.find(kSeparator);
        const std::string rest =
            end == std::string::npos ? std::string() : definitions.substr(end + kSeparator.size());
        db.exec(definitions.substr(0, end));
        if (rest.empty()) {
            SQLite::Statement clear(db, "DELETE FROM meta WHERE key = ?");
            clear.bind(1, kSetAsideKey);
            clear.exec();
        } else {
            SQLite::Statement keep(db, "UPDATE meta SET value = ? WHERE key = ?");
            keep.bind(1, rest);
            keep.bind(2, kSetAsideKey);
            keep.exec();
        }
        tx.commit();
    }
}

}  // namespace nmdt::storage
