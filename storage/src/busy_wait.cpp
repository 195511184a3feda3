#include "busy_wait.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>

namespace nmdt::storage {

namespace {
using Clock = std::chrono::steady_clock;

// A thread waits for one lock at a time, so the start of its current wait is per thread.
thread_local Clock::time_point waitStarted;

int retryUntilTimeout(void* timeoutMs, int retries) {
    const auto now = Clock::now();
    if (retries == 0)
        waitStarted = now;
    const auto limit = std::chrono::milliseconds(reinterpret_cast<std::intptr_t>(timeoutMs));
    if (now - waitStarted >= limit)
        return 0;  // give up: the caller sees SQLITE_BUSY, "database is locked"
    sqlite3_sleep(1);
    return 1;
}
}  // namespace

void retryPromptlyWhenBusy(sqlite3* connection, int timeoutMs) {
    sqlite3_busy_handler(connection, retryUntilTimeout,
                         reinterpret_cast<void*>(static_cast<std::intptr_t>(timeoutMs)));
}

}  // namespace nmdt::storage
