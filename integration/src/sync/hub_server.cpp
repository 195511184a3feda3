// The hub's HTTPS front: mutual TLS through the front door, size limits, and the service
// behind it.
#include "integration/hub_server.h"

#include <Poco/Net/SocketAddress.h>

#include <algorithm>

#include "hub_front_door.h"
#include "hub_service.h"
#include "tls_setup.h"

namespace nmdt::integration {

namespace {

/// Puts the hub's service behind the front door: who may send a body, and the answers.
class HubDoorHandler : public FrontDoorHandler {
  public:
    HubDoorHandler(HubService& service, const std::string& logFile)
        : service_(service), log_(logFile) {}

    void record(const RequestRecord& record) override { log_.write(record); }

    std::optional<EarlyRefusal> beforeBody(const HubRequest& head, std::size_t bodyBytes) override {
        // Withdrawn, rate-limited or anonymous callers are answered before a byte of their
        // body is read: a small body is drained so the answer arrives intact, a larger one
        // is left unread and the connection closed.
        if (auto refused = service_.refusalBeforeBody(head))
            return EarlyRefusal{std::move(*refused), bodyBytes <= kRefusedDrainBytes};
        const auto limit = service_.config().maxRequestBytes;
        if (bodyBytes > limit)
            // Drained (never kept) before answering when it is of a size a desktop's batch
            // could be: closing on unread data resets the connection, and the desktop then
            // sees "cannot reach the hub" instead of this answer, which is what makes it
            // send smaller batches. A declared body past that is cut off at once.
            return EarlyRefusal{errorResponse(413, "the request is larger than the hub accepts (" +
                                                       std::to_string(limit) + " bytes)"),
                                bodyBytes <= std::max<std::size_t>(2 * limit, kMaxDrainedBytes)};
        return std::nullopt;
    }

    HubResponse answer(const HubRequest& request) override {
        return service_.handleAdmitted(request);
    }

  private:
    static constexpr std::size_t kMaxDrainedBytes = 64 * 1024 * 1024;
    static constexpr std::size_t kRefusedDrainBytes = 64 * 1024;
    HubService& service_;
    RequestLog log_;
};

FrontDoorLimits doorLimitsOf(const HubConfig& c) {
    FrontDoorLimits l;
    l.handshakeMs = c.handshakeTimeoutMs;
    l.requestHeadMs = c.requestHeadTimeoutMs;
    l.idleMs = c.idleTimeoutMs;
    l.bodyStallMs = c.bodyStallTimeoutMs;
    l.maxConnections = c.maxConnections;
    l.maxConnectionsPerAddress = c.maxConnectionsPerAddress;
    l.workers = c.maxThreads;
    return l;
}

}  // namespace

struct HubServer::Impl {
    HubConfig config;
    std::unique_ptr<HubService> service;
    std::unique_ptr<HubDoorHandler> handler;
    std::unique_ptr<HubFrontDoor> door;
};

HubServer::HubServer(HubConfig config, EnvelopeLog& log) : impl_(new Impl) {
    impl_->config = config;
    impl_->service = std::make_unique<HubService>(std::move(config), log);
    impl_->handler =
        std::make_unique<HubDoorHandler>(*impl_->service, impl_->config.requestLogFile);
}

HubServer::~HubServer() {
    stop();
}

void HubServer::start() {
    const auto& c = impl_->config;
    auto ctx = makeServerContext(c.privateKeyFile, c.certificateFile, c.caFile);
    impl_->door = std::make_unique<HubFrontDoor>(ctx, Poco::Net::SocketAddress(c.host, c.port),
                                                 doorLimitsOf(c), *impl_->handler);
    impl_->door->start();
}

void HubServer::stop() {
    if (impl_->door) {
        impl_->door->stop();
        impl_->door.reset();
    }
}

unsigned short HubServer::port() const {
    return impl_->door ? impl_->door->port() : impl_->config.port;
}

}  // namespace nmdt::integration
