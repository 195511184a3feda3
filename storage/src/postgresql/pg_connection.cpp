#include "pg_connection.h"

#include "model/store_error.h"

namespace nmdt::storage::pg {

namespace {
[[noreturn]] void fail(const std::string& what) {
    throw StoreError(StoreErrorCode::Io, "the hub's PostgreSQL database: " + what);
}

std::string trimmed(const char* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

std::uint64_t bigEndian(const char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}
}  // namespace

std::string Result::bytes(int row, int column) const {
    return std::string(PQgetvalue(r_.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(r_.get(), row, column)));
}

std::int64_t Result::int64(int row, int column) const {
    if (PQgetlength(r_.get(), row, column) != 8)
        fail("a column expected to be bigint was not");
    return static_cast<std::int64_t>(bigEndian(PQgetvalue(r_.get(), row, column), 8));
}

std::int32_t Result::int32(int row, int column) const {
    if (PQgetlength(r_.get(), row, column) != 4)
        fail("a column expected to be integer was not");
    return static_cast<std::int32_t>(
        static_cast<std::uint32_t>(bigEndian(PQgetvalue(r_.get(), row, column), 4)));
}

Connection::Connection(const std::string& connection) {
    // Defaults first: what the operator's connection string says overrides them.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "nmdt-hub", connection.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        const auto message = conn_ ? trimmed(PQerrorMessage(conn_)) : std::string("out of memory");
        PQfinish(conn_);
        conn_ = nullptr;
        fail("cannot connect (" + message + ")");
    }
    // Notices ("relation already exists, skipping") are not for the hub's output.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
    PQfinish(conn_);
}

void Connection::ensureConnected() {
    if (PQstatus(conn_) == CONNECTION_OK)
        return;
    // A restarted server or a failover: one attempt to come back, then the request fails
    // (and the desktop retries later).
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
        fail("the connection was lost and could not be made again (" +
             trimmed(PQerrorMessage(conn_)) + ")");
}

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
    ensureConnected();
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const auto& p : params) {
        values.push_back(p.value.data());
        lengths.push_back(static_cast<int>(p.value.size()));
        formats.push_back(p.binary ? 1 : 0);
    }
    PGresult* raw = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), lengths.data(), formats.data(), 1);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const auto message = trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn_));
        PQclear(raw);
        fail(message);
    }
    return Result(raw);
}

void Connection::command(const std::string& sql) {
    ensureConnected();
    // The simple protocol: it takes several statements in one string (the schema).
    PGresult* raw = PQexec(conn_, sql.c_str());
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    const auto message = trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn_));
    PQclear(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(message);
}

void Connection::rollbackQuietly() noexcept {
    if (PQstatus(conn_) == CONNECTION_OK)
        PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace nmdt::storage::pg
