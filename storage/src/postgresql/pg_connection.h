#pragma once
// A libpq connection with parameters and results in binary, so bytea travels as raw bytes.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nmdt::storage::pg {

/// One statement parameter: text (strings and numbers) or binary (bytea).
struct Param {
    std::string value;
    bool binary = false;
    static Param text(std::string v) { return {std::move(v), false}; }
    static Param number(std::int64_t v) { return {std::to_string(v), false}; }
    static Param bytes(std::string v) { return {std::move(v), true}; }
};

/// A query's rows, read in binary: columns as int64, int32 or raw bytes by position.
class Result {
  public:
    explicit Result(PGresult* r) : r_(r, &PQclear) {}
    int rows() const { return PQntuples(r_.get()); }
    bool isNull(int row, int column) const { return PQgetisnull(r_.get(), row, column) != 0; }
    std::string bytes(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    std::int32_t int32(int row, int column) const;

  private:
    std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

/// The connection: reconnects when it finds itself broken; failures throw StoreError.
class Connection {
  public:
    explicit Connection(const std::string& connection);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    /// Runs one statement; throws StoreError (Io) with PostgreSQL's message if it fails.
    Result exec(const std::string& sql, const std::vector<Param>& params = {});
    /// Runs statements with no parameters and no rows (BEGIN, COMMIT, a schema).
    void command(const std::string& sql);
    /// Rolls back whatever is open, quietly (on the way out of a failed transaction).
    void rollbackQuietly() noexcept;

  private:
    void ensureConnected();
    PGconn* conn_ = nullptr;
};

/// BEGIN on construction, ROLLBACK unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Connection& c) : c_(c) { c_.command("BEGIN"); }
    ~Transaction() {
        if (!done_)
            c_.rollbackQuietly();
    }
    void commit() {
        c_.command("COMMIT");
        done_ = true;
    }

  private:
    Connection& c_;
    bool done_ = false;
};

}  // namespace nmdt::storage::pg
