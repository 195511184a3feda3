#include <winsock2.h>

#include "socket_poll.h"

namespace nmdt::integration {

bool waitForSockets(std::vector<SocketWait>& sockets, int timeoutMs) {
    std::vector<WSAPOLLFD> fds(sockets.size());
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        fds[i].fd = sockets[i].socket;
        fds[i].events = static_cast<SHORT>((sockets[i].read ? POLLRDNORM : 0) |
                                           (sockets[i].write ? POLLWRNORM : 0));
        fds[i].revents = 0;
    }
    if (fds.empty()) {
        Sleep(static_cast<DWORD>(timeoutMs));
        return true;
    }
    const int rc = WSAPoll(fds.data(), static_cast<ULONG>(fds.size()), timeoutMs);
    if (rc == SOCKET_ERROR)
        return false;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const auto r = fds[i].revents;
        sockets[i].readable = (r & (POLLRDNORM | POLLHUP | POLLERR | POLLNVAL)) != 0;
        sockets[i].writable = (r & (POLLWRNORM | POLLERR)) != 0;
    }
    return true;
}

}  // namespace nmdt::integration
