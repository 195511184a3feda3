#pragma once
// The hub's front door: one thread holds every connection while it shakes hands, sends its
// request and idles between requests, under time limits and a cap per address; the worker
// threads only ever see complete requests. So a crowd of silent or slow connections, which
// need no certificate to open, cannot take the workers away from the desktops.

#include <Poco/Net/Context.h>
#include <Poco/Net/SocketAddress.h>

#include <cstddef>
#include <memory>
#include <optional>

#include "integration/hub_server.h"
#include "request_log.h"

namespace nmdt::integration {

/// How long each stage of a connection may take, and how many connections there may be.
struct FrontDoorLimits {
    int handshakeMs = 10000;    // from accept to a finished TLS handshake
    int requestHeadMs = 10000;  // from a request's first byte to the end of its headers
    int idleMs = 15000;         // between requests on a kept-alive connection
    int bodyStallMs = 30000;    // a request body may pause this long, no longer
    int writeStallMs = 60000;   // a reader may stop reading an answer this long
    std::size_t maxHeadBytes = 16 * 1024;
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 64;
    int workers = 16;
};

/// A request refused on its request line and headers alone; `readBody` drains the body it
/// announced (never kept) before answering, so the caller sees the answer, not a reset.
struct EarlyRefusal {
    HubResponse response;
    bool readBody = false;
};

/// What answers the requests that come through the door.
class FrontDoorHandler {
  public:
    virtual ~FrontDoorHandler() = default;
    /// Called on the door's thread, before any of the body is read: must be quick.
    virtual std::optional<EarlyRefusal> beforeBody(const HubRequest& head,
                                                   std::size_t bodyBytes) = 0;
    /// Called on a worker with the whole request.
    virtual HubResponse answer(const HubRequest& request) = 0;
    /// Told of every request answered and every connection let go for a limit; any thread.
    virtual void record(const RequestRecord&) {}
};

class HubFrontDoor {
  public:
    HubFrontDoor(Poco::Net::Context::Ptr context, const Poco::Net::SocketAddress& address,
                 FrontDoorLimits limits, FrontDoorHandler& handler);
    ~HubFrontDoor();
    HubFrontDoor(const HubFrontDoor&) = delete;
    HubFrontDoor& operator=(const HubFrontDoor&) = delete;
    void start();
    void stop();
    unsigned short port() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nmdt::integration
