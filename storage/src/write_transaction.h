#pragma once
// A write transaction that takes the store's write lock when it begins.

#include <SQLiteCpp/Transaction.h>

namespace nmdt::storage {

/// Every write goes through one of these. A deferred transaction reads first and asks for
/// the write lock at its first write; if another connection (the window's, or sync's) has
/// written in between, SQLite fails it at once with "database is locked" rather than wait,
/// so a save made while sync runs would be refused. Taking the lock at the start waits for
/// the other writer instead, up to the connection's busy timeout.
class WriteTransaction : public SQLite::Transaction {
  public:
    explicit WriteTransaction(SQLite::Database& db)
        : SQLite::Transaction(db, SQLite::TransactionBehavior::IMMEDIATE) {}
};

}  // namespace nmdt::storage
