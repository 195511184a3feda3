// Killing the process or filling the disk in the middle of writing loses no committed change.
// The writer is a second copy of this test executable, started with --run_test naming one of
// the child cases below (disabled unless named), so the test runs the same way on every
// platform.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <iostream>
#include <random>

#include "child_process.h"
#include "model/directory_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
namespace utf = boost::unit_test;

namespace {

const char* const kStoreVariable = "NMDT_CRASH_TEST_STORE";
const char* const kPassphraseVariable = "NMDT_CRASH_TEST_PASSPHRASE";

/// Starts a copy of this executable running the child case `name` on the store at `path`.
std::unique_ptr<ChildProcess> startWriter(const std::string& name, const std::string& path,
                                          const std::string& passphrase) {
    return std::make_unique<ChildProcess>(
        thisExecutable(),
        std::vector<std::string>{"--run_test=crash_child/" + name, "--log_level=nothing",
                                 "--report_level=no"},
        Environment{{kStoreVariable, path}, {kPassphraseVariable, passphrase}});
}

std::string variable(const char* name) {
    const char* value = std::getenv(name);
    BOOST_REQUIRE_MESSAGE(value, "only run as a child of the crash safety tests");
    return value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash_child, *utf::disabled())

// Adds organisations until killed, writing '+' after each commit.
BOOST_AUTO_TEST_CASE(add_organisations_forever) {
    auto store = storage::SqlCipherStore::open(variable(kStoreVariable),
                                               Passphrase(variable(kPassphraseVariable)));
    SystemClock clock;
    SeededIdSource ids(std::random_device{}());
    DirectoryService directory({*store, clock, ids, Actor{}});
    for (int i = 0;; ++i) {
        // Each commit writes a row, a change-log entry and the clock in one transaction.
        directory.addOrganisation({{}, "Org " + std::to_string(i), OrganisationKind::Vcfse, ""});
        std::cout << '+' << std::flush;
    }
}

// Adds organisations with files limited to 600 KiB; writes "committed N code C" and exits.
BOOST_AUTO_TEST_CASE(add_organisations_until_the_disk_is_full) {
    BOOST_REQUIRE(limitFileSize(600 * 1024));
    auto store = storage::SqlCipherStore::open(variable(kStoreVariable),
                                               Passphrase(variable(kPassphraseVariable)));
    SystemClock clock;
    SeededIdSource ids(5);
    DirectoryService directory({*store, clock, ids, Actor{}});
    int committed = 0;
    int code = 0;
    try {
        for (;; ++committed)
            directory.addOrganisation(
                {{},
                 "Organisation " + std::to_string(committed) + std::string(500, 'x'),
                 OrganisationKind::Vcfse,
                 ""});
    } catch (const StoreError& e) {
        code = e.code() == StoreErrorCode::Io ? 1 : 2;
    } catch (...) {
        code = 3;
    }
    std::cout << "committed " << committed << " code " << code << std::endl;
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(crash_safety)

BOOST_AUTO_TEST_CASE(killed_mid_write_keeps_every_acknowledged_commit) {
    TempDir dir;
    const std::string path = dir.file("crash.nmdt");
    const Passphrase key("crash test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    std::size_t expected = 0;  // organisations known to be committed so far
    for (int round = 0; round < 3; ++round) {
        auto child = startWriter("add_organisations_forever", path, "crash test passphrase");
        std::size_t acknowledged = 0;
        const std::size_t target = 40 + static_cast<std::size_t>(round) * 25;
        char c;
        while (acknowledged < target && child->output().get(c))
            acknowledged += c == '+';
        BOOST_TEST(child->stillRunning());  // stopped mid-write, not finished
        child->kill();
        while (child->output().get(c))
            acknowledged += c == '+';  // acknowledgements sent before the kill landed

        auto store = storage::SqlCipherStore::open(path, key);
        BOOST_TEST(store->checkIntegrity().ok);
        expected += acknowledged;
        auto orgs = store->organisations().size();
        BOOST_TEST(orgs >= expected);
        BOOST_TEST(orgs <=
                   expected + 1);  // at most the one in flight, committed but not acknowledged
        BOOST_TEST(store->changeLog({0, std::nullopt, 1000000}).size() == orgs);
        expected = orgs;
    }
}

BOOST_AUTO_TEST_CASE(a_full_disk_refuses_the_write_and_keeps_everything_before,
                     *utf::precondition(OnlyWhere{canLimitFileSize(),
                                                  "this platform has no per-process file size "
                                                  "limit to simulate a full disk with"})) {
    TempDir dir;
    const std::string path = dir.file("full.nmdt");
    const Passphrase key("disk full test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    auto child =
        startWriter("add_organisations_until_the_disk_is_full", path, "disk full test passphrase");
    std::string word;
    int committed = -1, code = -1;
    while (child->output() >> word) {
        if (word == "committed")
            child->output() >> committed;
        else if (word == "code")
            child->output() >> code;
    }
    BOOST_TEST(child->wait() == 0);
    BOOST_TEST(code == 1);  // refused with StoreErrorCode::Io, not a crash
    BOOST_TEST(committed > 10);

    auto store = storage::SqlCipherStore::open(path, key);
    BOOST_TEST(store->checkIntegrity().ok);
    BOOST_TEST(store->organisations().size() == static_cast<std::size_t>(committed));
    BOOST_TEST(store->changeLog({0, std::nullopt, 1000000}).size() ==
               static_cast<std::size_t>(committed));
}

BOOST_AUTO_TEST_SUITE_END()
