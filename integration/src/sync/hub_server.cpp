// The hub's HTTPS front: mutual TLS, request size limits, and the service behind it.
#include "integration/hub_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/URI.h>
#include <algorithm>

#include "hub_service.h"
#include "sync_crypto.h"
#include "tls_setup.h"

namespace nmdt::integration {

namespace {

class HubRequestHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit HubRequestHandler(HubService& service) : service_(service) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& resp) override {
        HubResponse out;
        try {
            out = answer(req);
        } catch (const std::exception& e) {
            out = errorResponse(400, std::string("the request could not be read: ") + e.what());
        }
        resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
        resp.setContentType("application/json");
        resp.setContentLength(static_cast<std::streamsize>(out.body.size()));
        if (out.status == 413 || out.status == 400 || closeAfter_)
            resp.setKeepAlive(false);
        resp.send() << out.body;
    }

  private:
    static constexpr std::size_t kMaxDrainedBytes = 64 * 1024 * 1024;
    static constexpr std::size_t kRefusedDrainBytes = 64 * 1024;
    bool closeAfter_ = false;  // refused before its body was read: do not reuse the connection

    static void discard(std::istream& in, std::size_t bytes) {
        char buffer[65536];
        while (in && bytes > 0) {
            in.read(buffer, static_cast<std::streamsize>(std::min(bytes, sizeof buffer)));
            bytes -= std::min(bytes, static_cast<std::size_t>(in.gcount()));
            if (in.gcount() == 0)
                break;
        }
    }

    HubResponse answer(Poco::Net::HTTPServerRequest& req) {
        HubRequest r;
        r.method = req.getMethod();
        Poco::URI uri(req.getURI());
        r.path = uri.getPath();
        r.query = uri.getRawQuery();
        auto& impl = static_cast<Poco::Net::HTTPServerRequestImpl&>(req);
        Poco::Net::SecureStreamSocket secure(impl.socket());
        if (secure.havePeerCertificate()) {
            Poco::Net::X509Certificate cert = secure.peerCertificate();
            r.peerSubject = subjectOf(cert);
            r.peerFingerprint = sha256Fingerprint(cert);
            r.peerOrganisation = organisationOf(cert);
        }
        // Withdrawn, rate-limited or anonymous callers are answered before a byte of their
        // body is read: a small body is drained so the answer arrives intact, a larger one
        // is left unread and the connection closed.
        if (auto refused = service_.refusalBeforeBody(r)) {
            const auto declared = req.hasContentLength()
                                      ? static_cast<std::size_t>(req.getContentLength())
                                      : std::size_t{0};
            if (declared <= kRefusedDrainBytes)
                discard(req.stream(), declared);
            closeAfter_ = true;
            return *refused;
        }
        const auto limit = service_.config().maxRequestBytes;
        if (req.hasContentLength() && static_cast<std::size_t>(req.getContentLength()) > limit) {
            // Read and drop the whole body (never kept) before answering, when it is of a
            // size a desktop's batch could be: closing on unread data resets the connection,
            // and the desktop then sees "cannot reach the hub" instead of this answer, which
            // is what makes it send smaller batches (Windows resets at once, so there it
            // nearly always did). A declared body past that is cut off at once.
            const auto declared = static_cast<std::size_t>(req.getContentLength());
            if (declared <= std::max<std::size_t>(2 * limit, kMaxDrainedBytes))
                discard(req.stream(), declared);
            return errorResponse(413, "the request is larger than the hub accepts (" +
                                          std::to_string(limit) + " bytes)");
        }
        // Read at most one byte past the limit, so an unannounced flood is cut short too.
        auto& in = req.stream();
        std::string body;
        char buffer[65536];
        while (in && body.size() <= limit) {
            in.read(buffer, sizeof buffer);
            body.append(buffer, static_cast<std::size_t>(in.gcount()));
        }
        if (body.size() > limit)
            return errorResponse(413, "the request is larger than the hub accepts (" +
                                          std::to_string(limit) + " bytes)");
        r.body = std::move(body);
        return service_.handleAdmitted(r);
    }

    HubService& service_;
};

class HubHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HubHandlerFactory(HubService& service) : service_(service) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new HubRequestHandler(service_);
    }

  private:
    HubService& service_;
};

}  // namespace

struct HubServer::Impl {
    HubConfig config;
    std::unique_ptr<HubService> service;
    std::unique_ptr<Poco::Net::SecureServerSocket> socket;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

HubServer::HubServer(HubConfig config, EnvelopeLog& log) : impl_(new Impl) {
    impl_->config = config;
    impl_->service = std::make_unique<HubService>(std::move(config), log);
}

HubServer::~HubServer() {
    stop();
}

void HubServer::start() {
    const auto& c = impl_->config;
    auto ctx = makeServerContext(c.privateKeyFile, c.certificateFile, c.caFile);
    impl_->socket = std::make_unique<Poco::Net::SecureServerSocket>(
        Poco::Net::SocketAddress(c.host, c.port), 64, ctx);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(c.maxThreads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(60, 0));
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new HubHandlerFactory(*impl_->service),
                                                            *impl_->socket, params);
    impl_->server->start();
}

void HubServer::stop() {
    if (impl_->server) {
        impl_->server->stopAll(true);
        impl_->server.reset();
    }
}

unsigned short HubServer::port() const {
    return impl_->socket ? impl_->socket->address().port() : impl_->config.port;
}

}  // namespace nmdt::integration
