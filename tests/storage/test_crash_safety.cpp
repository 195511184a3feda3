// Killing the process in the middle of writing loses no committed change.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/directory_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

BOOST_AUTO_TEST_SUITE(crash_safety)

BOOST_AUTO_TEST_CASE(sigkill_mid_write_keeps_every_acknowledged_commit) {
    TempDir dir;
    const std::string path = dir.file("crash.nmdt");
    const Passphrase key("crash test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    for (int round = 0; round < 3; ++round) {
        int pipeFds[2];
        BOOST_REQUIRE(pipe(pipeFds) == 0);
        pid_t child = fork();
        BOOST_REQUIRE(child >= 0);
        if (child == 0) {
            close(pipeFds[0]);
            auto store = storage::SqlCipherStore::open(path, key);
            SystemClock clock;
            SeededIdSource ids(static_cast<std::uint64_t>(getpid()));
            DirectoryService directory({*store, clock, ids, Actor{}});
            for (int i = 0;; ++i) {
                // Each commit writes a row, a change-log entry and the clock in one transaction.
                directory.addOrganisation(
                    {{}, "Org " + std::to_string(i), OrganisationKind::Vcfse, ""});
                char ack = 1;
                if (write(pipeFds[1], &ack, 1) != 1)
                    _exit(2);
            }
        }
        close(pipeFds[1]);
        int acknowledged = 0;
        char ack;
        const int target = 40 + round * 25;
        while (acknowledged < target && read(pipeFds[0], &ack, 1) == 1)
            ++acknowledged;
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        while (read(pipeFds[0], &ack, 1) == 1)
            ++acknowledged;  // acks sent before the kill landed
        close(pipeFds[0]);
        BOOST_TEST(WIFSIGNALED(status));

        auto store = storage::SqlCipherStore::open(path, key);
        BOOST_TEST(store->checkIntegrity().ok);
        static std::size_t totalAcknowledged = 0;
        totalAcknowledged += static_cast<std::size_t>(acknowledged);
        auto orgs = store->organisations().size();
        BOOST_TEST(orgs >= totalAcknowledged);
        BOOST_TEST(orgs <= totalAcknowledged + 1);  // at most the one in flight
        BOOST_TEST(store->changeLog({0, std::nullopt, 1000000}).size() == orgs);
        totalAcknowledged = orgs;
    }
}

BOOST_AUTO_TEST_CASE(a_full_disk_refuses_the_write_and_keeps_everything_before) {
    TempDir dir;
    const std::string path = dir.file("full.nmdt");
    const Passphrase key("disk full test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    int pipeFds[2];
    BOOST_REQUIRE(pipe(pipeFds) == 0);
    pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        // The child may only grow files to 600 KiB: past that, writes fail with EFBIG, as
        // they would with ENOSPC on a full disk.
        close(pipeFds[0]);
        signal(SIGXFSZ, SIG_IGN);
        rlimit limit{600 * 1024, 600 * 1024};
        setrlimit(RLIMIT_FSIZE, &limit);
        auto store = storage::SqlCipherStore::open(path, key);
        SystemClock clock;
        SeededIdSource ids(5);
        DirectoryService directory({*store, clock, ids, Actor{}});
        std::int32_t committed = 0;
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
        if (write(pipeFds[1], &committed, sizeof committed) != sizeof committed)
            _exit(4);
        _exit(code);
    }
    close(pipeFds[1]);
    std::int32_t committed = -1;
    BOOST_REQUIRE(read(pipeFds[0], &committed, sizeof committed) == sizeof committed);
    close(pipeFds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 1);  // refused with StoreErrorCode::Io, not a crash
    BOOST_TEST(committed > 10);

    auto store = storage::SqlCipherStore::open(path, key);
    BOOST_TEST(store->checkIntegrity().ok);
    BOOST_TEST(store->organisations().size() == static_cast<std::size_t>(committed));
    BOOST_TEST(store->changeLog({0, std::nullopt, 1000000}).size() ==
               static_cast<std::size_t>(committed));
}

BOOST_AUTO_TEST_SUITE_END()
