#include "test_postgres.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "sync_fixture.h"

namespace nmdt::test {

TestPostgres::TestPostgres() : port_(freePort()) {
    runCommand(std::string(NMDT_POSTGRES_SCRIPT) + " start " + dir_.file("cluster") + " " +
               std::to_string(port_));
}

TestPostgres::~TestPostgres() {
    try {
        runCommand(std::string(NMDT_POSTGRES_SCRIPT) + " stop " + dir_.file("cluster"));
    } catch (...) {
        // Nothing more to do at exit; the server's folder goes with dir_.
    }
}

TestPostgres& TestPostgres::instance() {
    static TestPostgres server;
    return server;
}

std::string TestPostgres::newDatabase() {
    const auto server = "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres";
    const auto name = "hub_" + std::to_string(++databases_);
    query(server + " dbname=postgres", "CREATE DATABASE " + name);
    return server + " dbname=" + name;
}

std::vector<std::vector<std::string>> TestPostgres::query(const std::string& connection,
                                                          const std::string& sql) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(connection.c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error("cannot reach the test PostgreSQL: " +
                                 std::string(PQerrorMessage(conn.get())));
    std::unique_ptr<PGresult, decltype(&PQclear)> r(
        PQexecParams(conn.get(), sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 1), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        auto& row = rows.emplace_back();
        for (int c = 0; c < PQnfields(r.get()); ++c)
            row.emplace_back(PQgetvalue(r.get(), i, c),
                             static_cast<std::size_t>(PQgetlength(r.get(), i, c)));
    }
    return rows;
}

bool hubsUsePostgres() {
    const char* store = std::getenv("NMDT_TEST_HUB_STORE");
    return store && std::string(store) == "postgresql";
}

}  // namespace nmdt::test
