#include "index_hint.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace nmdt::storage {

IndexHint::IndexHint(SQLite::Database& db, std::string_view index) : db_(db), clause_(" ") {
    if (index.empty())
        return;  // no index named: nothing to check
    held_ = true;
    // Outside a transaction a savepoint begins one; inside one it nests.
    db_.exec("SAVEPOINT index_hint");
    try {
        SQLite::Statement exists(db_,
                                 "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
        exists.bind(1, std::string(index));
        if (exists.executeStep())
            clause_ = " INDEXED BY " + std::string(index) + " ";
    } catch (...) {
        db_.tryExec("RELEASE index_hint");
        throw;
    }
}

IndexHint::~IndexHint() {
    // Only reads happened under it: releasing cannot lose anything, and a destructor must
    // not throw.
    if (held_)
        db_.tryExec("RELEASE index_hint");
}

}  // namespace nmdt::storage
