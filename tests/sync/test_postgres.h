#pragma once
// A PostgreSQL server of the tests' own (tests/sync/postgres-cluster.sh): started on first
// use on a free loopback port in a temporary folder, stopped when the test program ends.

#include <string>
#include <vector>

#include "test_support.h"

namespace nmdt::test {

/// The tests' PostgreSQL server; each hub gets a database of its own on it.
class TestPostgres {
  public:
    static TestPostgres& instance();
    ~TestPostgres();
    /// Makes an empty database; its libpq connection string.
    std::string newDatabase();
    /// Runs `sql` on the database at `connection`; every value of every row, raw (binary).
    static std::vector<std::vector<std::string>> query(const std::string& connection,
                                                       const std::string& sql);

  private:
    TestPostgres();
    TempDir dir_;
    unsigned short port_ = 0;
    int databases_ = 0;
};

/// Whether the hubs of this test run keep their logs in PostgreSQL
/// (NMDT_TEST_HUB_STORE=postgresql, set by ctest for the *_postgresql suites).
bool hubsUsePostgres();

}  // namespace nmdt::test
