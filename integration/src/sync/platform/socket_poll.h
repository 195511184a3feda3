#pragma once
// Waiting on many sockets at once, the one call that differs between systems: poll() on
// POSIX, WSAPoll() on Windows. (Poco 1.11's PollSet waits out its whole timeout on Windows
// when only reading is asked for, so the hub answered each step a second late there.)

#include <Poco/Net/Net.h>
#include <Poco/Net/SocketDefs.h>

#include <vector>

namespace nmdt::integration {

/// One socket to wait on, and what was found.
struct SocketWait {
    poco_socket_t socket;
    bool read = false;
    bool write = false;
    // Filled in: ready to read (or closed, or failed: a read will say which), ready to write.
    bool readable = false;
    bool writable = false;
};

/// Waits until at least one socket is ready or `timeoutMs` passes; false if the wait
/// itself failed (an interrupted wait counts as nothing ready).
bool waitForSockets(std::vector<SocketWait>& sockets, int timeoutMs);

}  // namespace nmdt::integration
