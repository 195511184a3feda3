#include "cutting_proxy.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <vector>

namespace nmdt::test {

namespace {
const Poco::Timespan kTick(0, 100 * 1000);  // how often the loops look at stopping_
}

struct CuttingProxy::Listener {
    Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0), 16};
};

CuttingProxy::CuttingProxy(unsigned short targetPort)
    : targetPort_(targetPort), listener_(std::make_unique<Listener>()) {
    port_ = listener_->socket.address().port();
    thread_ = std::thread([this] { acceptLoop(); });
}

CuttingProxy::~CuttingProxy() {
    stopping_ = true;
    thread_.join();
    listener_->socket.close();
}

void CuttingProxy::acceptLoop() {
    std::vector<std::thread> workers;
    while (!stopping_) {
        if (!listener_->socket.poll(kTick, Poco::Net::Socket::SELECT_READ))
            continue;
        try {
            Poco::Net::StreamSocket client = listener_->socket.acceptConnection();
            workers.emplace_back([this, client] { pump(client); });
        } catch (const Poco::Exception&) {
        }
    }
    for (auto& w : workers)
        w.join();
}

void CuttingProxy::pump(Poco::Net::StreamSocket client) {
    Poco::Net::StreamSocket upstream;
    try {
        upstream.connect(Poco::Net::SocketAddress("127.0.0.1", targetPort_));
    } catch (const Poco::Exception&) {
        client.close();
        return;
    }
    const std::size_t upLimit = upLimit_, downLimit = downLimit_;
    std::size_t up = 0, down = 0;
    char buffer[16384];
    bool open = true;
    try {
        while (open && !stopping_) {
            Poco::Net::Socket::SocketList readable{client, upstream}, none, errors;
            if (Poco::Net::Socket::select(readable, none, errors, kTick) <= 0)
                continue;
            for (auto& socket : readable) {
                const bool isUp = socket == client;
                auto& from = isUp ? client : upstream;
                auto& to = isUp ? upstream : client;
                int n = from.receiveBytes(buffer, sizeof buffer);
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
                if (send)
                    to.sendBytes(buffer, static_cast<int>(send));
                count += send;
                if (!open)
                    break;
            }
        }
    } catch (const Poco::Exception&) {
        // A reset from either side ends this connection, as a cut would.
    }
    client.close();
    upstream.close();
}

}  // namespace nmdt::test
