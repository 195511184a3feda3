// Killing the process or filling the disk in the middle of writing loses no committed change.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "model/directory_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

/// A forked child that runs `work`, reporting to the parent through a pipe; the child's
/// exit code is what `work` returns.
class ChildProcess {
  public:
    explicit ChildProcess(const std::function<int(int reportFd)>& work) {
        int fds[2];
        BOOST_REQUIRE(pipe(fds) == 0);
        pid_ = fork();
        BOOST_REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            close(fds[0]);
            _exit(work(fds[1]));
        }
        close(fds[1]);
        readFd_ = fds[0];
    }
    ~ChildProcess() {
        if (readFd_ >= 0)
            close(readFd_);
        if (status_ < 0)
            wait();
    }

    /// Reads one value the child wrote; false once the child has closed its end.
    template <class T>
    bool receive(T& value) {
        return read(readFd_, &value, sizeof value) == static_cast<ssize_t>(sizeof value);
    }
    void kill(int signal) { ::kill(pid_, signal); }
    int wait() {
        waitpid(pid_, &status_, 0);
        return status_;
    }

  private:
    pid_t pid_ = -1;
    int readFd_ = -1;
    int status_ = -1;
};

/// Adds organisations until stopped, telling the parent after each commit.
int addOrganisationsForever(const std::string& path, const Passphrase& key, int reportFd) {
    auto store = storage::SqlCipherStore::open(path, key);
    SystemClock clock;
    SeededIdSource ids(static_cast<std::uint64_t>(getpid()));
    DirectoryService directory({*store, clock, ids, Actor{}});
    for (int i = 0;; ++i) {
        // Each commit writes a row, a change-log entry and the clock in one transaction.
        directory.addOrganisation({{}, "Org " + std::to_string(i), OrganisationKind::Vcfse, ""});
        char ack = 1;
        if (write(reportFd, &ack, 1) != 1)
            return 2;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash_safety)

BOOST_AUTO_TEST_CASE(sigkill_mid_write_keeps_every_acknowledged_commit) {
    TempDir dir;
    const std::string path = dir.file("crash.nmdt");
    const Passphrase key("crash test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    std::size_t expected = 0;  // organisations known to be committed so far
    for (int round = 0; round < 3; ++round) {
        ChildProcess child([&](int fd) { return addOrganisationsForever(path, key, fd); });
        std::size_t acknowledged = 0;
        char ack;
        const std::size_t target = 40 + static_cast<std::size_t>(round) * 25;
        while (acknowledged < target && child.receive(ack))
            ++acknowledged;
        child.kill(SIGKILL);
        int status = child.wait();
        while (child.receive(ack))
            ++acknowledged;  // acks sent before the kill landed
        BOOST_TEST(WIFSIGNALED(status));

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

BOOST_AUTO_TEST_CASE(a_full_disk_refuses_the_write_and_keeps_everything_before) {
    TempDir dir;
    const std::string path = dir.file("full.nmdt");
    const Passphrase key("disk full test passphrase");
    storage::SqlCipherStore::create(path, key).reset();

    ChildProcess child([&](int fd) {
        // The child may only grow files to 600 KiB: past that, writes fail with EFBIG, as
        // they would with ENOSPC on a full disk.
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
        return write(fd, &committed, sizeof committed) == sizeof committed ? code : 4;
    });
    std::int32_t committed = -1;
    BOOST_REQUIRE(child.receive(committed));
    int status = child.wait();
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
