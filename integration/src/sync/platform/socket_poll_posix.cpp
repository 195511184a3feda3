#include <poll.h>

#include <cerrno>

#include "socket_poll.h"

namespace nmdt::integration {

bool waitForSockets(std::vector<SocketWait>& sockets, int timeoutMs) {
    std::vector<pollfd> fds(sockets.size());
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        fds[i].fd = sockets[i].socket;
        fds[i].events =
            static_cast<short>((sockets[i].read ? POLLIN : 0) | (sockets[i].write ? POLLOUT : 0));
        fds[i].revents = 0;
    }
    const int rc = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), timeoutMs);
    if (rc < 0)
        return errno == EINTR;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const auto r = fds[i].revents;
        sockets[i].readable = (r & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0;
        sockets[i].writable = (r & (POLLOUT | POLLERR)) != 0;
    }
    return true;
}

}  // namespace nmdt::integration
