#pragma once
// The INDEXED BY clause of a query over a record table, left out while a join has the
// index set aside.

#include <string>
#include <string_view>

namespace SQLite {
class Database;
}

namespace nmdt::storage {

/// SQLite 3.15's planner picks a poorer index for some reads, so they name theirs; a
/// query naming an index that does not exist fails. While a snapshot loads, every
/// secondary index of the record tables is set aside (keeping them up at random keys cost
/// a third of a large join), so the clause is given only when the index is there, and
/// the query then runs on whatever plan SQLite picks. The hint holds a savepoint from the
/// check until it is destroyed, so that the check and the query read the same schema
/// even if the join drops or builds the index in between: declare it before the
/// statement it names the index for.
class IndexHint {
  public:
    /// An empty `index` names none (the clause is then " ").
    IndexHint(SQLite::Database& db, std::string_view index);
    ~IndexHint();
    IndexHint(const IndexHint&) = delete;
    IndexHint& operator=(const IndexHint&) = delete;

    /// " INDEXED BY <index> " when the index exists, otherwise " ".
    const std::string& clause() const { return clause_; }

  private:
    SQLite::Database& db_;
    std::string clause_;
    bool held_ = false;
};

}  // namespace nmdt::storage
