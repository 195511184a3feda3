#pragma once
// What the store benchmarks share: a stopwatch in seconds, and a copy of the store to work
// on so the original is never changed.

#include <chrono>
#include <filesystem>
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

}  // namespace nmdt::bench
