#pragma once
// A TCP proxy on loopback that can cut connections after a number of bytes in either
// direction: a network failing mid-transfer, below TLS.

#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>

#include <Poco/Net/StreamSocket.h>

namespace nmdt::test {

class CuttingProxy {
  public:
    explicit CuttingProxy(unsigned short targetPort);
    ~CuttingProxy();
    unsigned short port() const { return port_; }
    /// Cut each new connection once this many bytes have gone that way (0 = never).
    void cutUpstreamAfter(std::size_t bytes) { upLimit_ = bytes; }
    void cutDownstreamAfter(std::size_t bytes) { downLimit_ = bytes; }
    void heal() {
        upLimit_ = 0;
        downLimit_ = 0;
    }
    int cuts() const { return cuts_; }

  private:
    void acceptLoop();
    struct Listener;
    void pump(Poco::Net::StreamSocket client);

    unsigned short targetPort_;
    unsigned short port_ = 0;
    std::unique_ptr<Listener> listener_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> upLimit_{0}, downLimit_{0};
    std::atomic<int> cuts_{0};
    std::thread thread_;
};

}  // namespace nmdt::test
