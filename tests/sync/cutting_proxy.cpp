#include "cutting_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

namespace nmdt::test {

namespace {
sockaddr_in loopback(unsigned short port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}
}  // namespace

CuttingProxy::CuttingProxy(unsigned short targetPort) : targetPort_(targetPort) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    auto addr = loopback(0);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 16) != 0)
        throw std::runtime_error("proxy cannot listen");
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { acceptLoop(); });
}

CuttingProxy::~CuttingProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
}

void CuttingProxy::acceptLoop() {
    std::vector<std::thread> workers;
    while (!stopping_) {
        pollfd p{listener_, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0)
            continue;
        workers.emplace_back([this, client] { pump(client); });
    }
    for (auto& w : workers)
        w.join();
}

void CuttingProxy::pump(int client) {
    int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    auto target = loopback(targetPort_);
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
        ::close(client);
        ::close(upstream);
        return;
    }
    const std::size_t upLimit = upLimit_, downLimit = downLimit_;
    std::size_t up = 0, down = 0;
    char buffer[16384];
    bool open = true;
    while (open && !stopping_) {
        pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
        if (poll(fds, 2, 100) <= 0)
            continue;
        for (int i = 0; i < 2 && open; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const bool isUp = i == 0;
            auto n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                open = false;
                break;
            }
            std::size_t& count = isUp ? up : down;
            const std::size_t limit = isUp ? upLimit : downLimit;
            std::size_t send = static_cast<std::size_t>(n);
            if (limit && count + send > limit) {
                send = limit - count;  // pass what fits, then cut
                open = false;
                ++cuts_;
            }
            if (send && ::write(isUp ? upstream : client, buffer, send) < 0)
                open = false;
            count += send;
        }
    }
    ::close(client);
    ::close(upstream);
}

}  // namespace nmdt::test
