#pragma once
// What the store benchmarks share: a stopwatch in seconds, and a copy of the store to work
// on so the original is never changed.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "model/utf8_path.h"

namespace nmdt::bench {

using Stopwatch = std::chrono::steady_clock;

inline double secondsSince(Stopwatch::time_point start) {
    return std::chrono::duration<double>(Stopwatch::now() - start).count();
}

/// Copies a store file (and its write-ahead log, if there is one) to `to`.
inline void copyStore(const std::string& from, const std::string& to) {
    namespace fs = std::filesystem;
    fs::copy_file(pathFromUtf8(from), pathFromUtf8(to));
    if (fs::exists(pathFromUtf8(from + "-wal")))
        fs::copy_file(pathFromUtf8(from + "-wal"), pathFromUtf8(to + "-wal"));
}

/// Bytes this process has had read from the disk so far (Linux's /proc/self/io), where the
/// system tells: how many pages a cold measurement waited for.
inline std::optional<long long> diskBytesRead() {
    std::ifstream io("/proc/self/io");
    for (std::string key; io >> key;) {
        long long value = 0;
        if (!(io >> value))
            break;
        if (key == "read_bytes:")
            return value;
    }
    return std::nullopt;
}

/// While alive, lets `perf record --delay=-1 --control=fifo:F` sample: the part a bench
/// times, without the setup around it (certificates, key derivations). Names the fifo in
/// NMDT_PERF_CONTROL; without it, does nothing.
class ProfiledSection {
  public:
    ProfiledSection() { tell("enable"); }
    ~ProfiledSection() { tell("disable"); }
    ProfiledSection(const ProfiledSection&) = delete;
    ProfiledSection& operator=(const ProfiledSection&) = delete;

  private:
    static void tell(const char* command) {
        if (const char* fifo = std::getenv("NMDT_PERF_CONTROL"))
            std::ofstream(fifo) << command << "\n";
    }
};

}  // namespace nmdt::bench
