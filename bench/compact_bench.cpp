// nmdt-compact-bench: what compacting the change log gives a desktop whose whole history
// the hub holds and is older than the window (a desktop a year on), on a copy of a store.
//
//   NMDT_PASSPHRASE=... nmdt-compact-bench STORE
//
// Prints the file's size before, after compaction and after the space is given back, the
// change-log entries before and after, and how long each step took.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using Stopwatch = std::chrono::steady_clock;

namespace {

double secondsSince(Stopwatch::time_point start) {
    return std::chrono::duration<double>(Stopwatch::now() - start).count();
}

double mebibytes(const std::string& path) {
    namespace fs = std::filesystem;
    double bytes = static_cast<double>(fs::file_size(pathFromUtf8(path)));
    if (fs::exists(pathFromUtf8(path + "-wal")))
        bytes += static_cast<double>(fs::file_size(pathFromUtf8(path + "-wal")));
    return bytes / (1024.0 * 1024.0);
}

std::size_t entries(storage::SqlCipherStore& store) {
    std::size_t n = 0;
    std::int64_t after = 0;
    for (;;) {
        auto page = store.changeLog({after, std::nullopt, 100000});
        if (page.empty())
            return n;
        n += page.size();
        after = page.back().sequence;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::cout << std::unitbuf << std::fixed << std::setprecision(1);
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (argc != 2 || !pass) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-compact-bench STORE\n";
        return 2;
    }
    test::TempDir dir;
    const std::string copy = dir.file("copy.nmdt");
    std::filesystem::copy_file(pathFromUtf8(argv[1]), pathFromUtf8(copy));
    auto clock = std::make_shared<SystemClock>();
    auto store = storage::SqlCipherStore::open(copy, Passphrase(pass), clock);
    const double before = mebibytes(copy);
    const auto entriesBefore = entries(*store);
    // Everything sent: the generated history was written here and never pushed.
    std::int64_t newest = 0;
    for (std::int64_t after = 0;;) {
        auto page = store->changeLog({after, std::nullopt, 100000});
        if (page.empty())
            break;
        after = newest = page.back().sequence;
    }
    store->recordPushed(newest);
    std::cout << "store before         " << before << " MiB, " << entriesBefore
              << " change-log entries\n";

    auto start = Stopwatch::now();
    const auto cutoff = toMillis(clock->now()) + 24LL * 3600 * 1000;
    const auto removed = store->compactChangeLog(cutoff, 50000, {});
    std::cout << "compacted            " << removed << " entries in " << secondsSince(start)
              << " s; file " << mebibytes(copy) << " MiB\n";
    start = Stopwatch::now();
    store->reclaimFreeSpace();
    std::cout << "space given back in  " << secondsSince(start) << " s; file " << mebibytes(copy)
              << " MiB (" << entries(*store) << " entries left)\n";
    return 0;
}
