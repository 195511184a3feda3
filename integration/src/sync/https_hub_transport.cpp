// The hub over HTTPS with mutual TLS: only the neighbourhood CA is trusted, TLS 1.2 or later.
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include "envelope_codec.h"
#include "integration/sync_credentials.h"
#include "json_reader.h"
#include "pull_page_reader.h"
#include "sync_crypto.h"
#include "tls_setup.h"

namespace nmdt::integration {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class HttpsHubTransport final : public HubTransport {
  public:
    HttpsHubTransport(const SyncCredentials& c, TransportOptions options) : options_(options) {
        Poco::URI uri;
        try {
            uri = Poco::URI(c.hubUrl);
        } catch (const Poco::Exception&) {
            throw SyncError(SyncError::Kind::NotEnrolled,
                            "the hub address " + c.hubUrl + " is not a valid URL");
        }
        if (uri.getScheme() != "https")
            throw SyncError(
                SyncError::Kind::NotEnrolled,
                "the hub address must start with https:// (sync never runs unencrypted)");
        host_ = uri.getHost();
        port_ = uri.getPort();
        context_ = makeClientContext(c.privateKeyFile, c.certificateFile, c.caFile);
    }

    PushResult push(const std::string& team, const std::string& site, std::int64_t from,
                    std::int64_t through, const std::vector<SealedEnvelope>& envelopes) override {
        Object::Ptr body = new Object;
        body->set("team", team);
        body->set("site", site);
        body->set("from", Poco::Int64(from));
        body->set("through", Poco::Int64(through));
        Array::Ptr list = new Array;
        for (const auto& e : envelopes)
            list->add(envelopeToJson(e));
        body->set("envelopes", list);
        auto [status, answer] =
            request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/push", stringify(body));
        PushResult r;
        if (status == 409) {
            r.outOfOrder = true;
            r.acknowledgedThrough = requireInt(answer, "acknowledged", "the hub's answer");
            return r;
        }
        r.acknowledgedThrough = requireInt(answer, "acknowledged", "the hub's answer");
        r.hubTimeMs = requireInt(answer, "hubTime", "the hub's answer");
        if (auto seqs = answer->getArray("sequences"))
            for (unsigned i = 0; i < seqs->size(); ++i)
                r.hubSequences.push_back(seqs->getElement<Poco::Int64>(i));
        return r;
    }

    PullPage pull(const std::string& team, std::int64_t after, std::size_t limit,
                  const std::string& ownSite, std::int64_t keepAfter) override {
        Poco::URI uri("/v1/pull");
        uri.addQueryParameter("team", team);
        uri.addQueryParameter("after", std::to_string(after));
        uri.addQueryParameter("limit", std::to_string(limit));
        if (!ownSite.empty()) {
            uri.addQueryParameter("own", ownSite);
            uri.addQueryParameter("keep", std::to_string(keepAfter));
        }
        auto [status, text] = exchange(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), "");
        if (status != 200) {
            answerOf(status, text);  // says why
            throw SyncError(SyncError::Kind::Malformed,
                            "the hub answered a pull with HTTP " + std::to_string(status));
        }
        try {
            return readPullPage(text);
        } catch (const JsonReadError&) {
            throw incomplete(status);
        }
    }

    void announce(const KeyAnnouncement& a) override {
        Object::Ptr body = new Object;
        body->set("team", a.team);
        body->set("keyId", a.keyId);
        body->set("issuedAt", Poco::Int64(a.issuedAtMs));
        body->set("certificate", a.signerCertificate);
        body->set("signature", toBase64(a.signature));
        request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/keys", stringify(body));
    }

    void publishSnapshotChunk(const SealedSnapshotChunk& chunk) override {
        request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/snapshots",
                stringify(snapshotChunkToJson(chunk)));
    }

    std::optional<SnapshotListing> latestSnapshot(const std::string& team) override {
        Poco::URI uri("/v1/snapshots/latest");
        uri.addQueryParameter("team", team);
        auto [status, answer] =
            request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), "");
        const std::string what = "the hub's snapshot listing";
        if (!answer->has("id"))
            return std::nullopt;
        SnapshotListing l;
        l.id = requireString(answer, "id", what);
        l.site = requireString(answer, "site", what);
        l.cursor = requireInt(answer, "cursor", what);
        l.chunks = static_cast<int>(requireInt(answer, "chunks", what));
        if (l.cursor < 0 || l.chunks < 1)
            throw SyncError(SyncError::Kind::Malformed, what + " is impossible");
        return l;
    }

    SealedSnapshotChunk snapshotChunk(const std::string& team, const std::string& id,
                                      int chunk) override {
        Poco::URI uri("/v1/snapshots/chunk");
        uri.addQueryParameter("team", team);
        uri.addQueryParameter("id", id);
        uri.addQueryParameter("chunk", std::to_string(chunk));
        auto [status, answer] =
            request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), "");
        return snapshotChunkFromJson(answer, "snapshot chunk " + std::to_string(chunk));
    }

  private:
    std::pair<int, Object::Ptr> request(const std::string& method, const std::string& path,
                                        const std::string& body) {
        auto [status, text] = exchange(method, path, body);
        return {status, answerOf(status, text)};
    }

    static SyncError incomplete(int status) {
        return SyncError(SyncError::Kind::Network,
                         "the hub's answer was incomplete (HTTP " + std::to_string(status) + ")");
    }

    /// Sends one request and returns the status and the answer's text; throws for a
    /// connection that fails or an answer that says to try again later.
    std::pair<int, std::string> exchange(const std::string& method, const std::string& path,
                                         const std::string& body) {
        std::string text;
        int status = 0;
        try {
            if (!session_) {
                session_ = std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, context_);
                session_->setTimeout(Poco::Timespan(options_.connectTimeoutMs * 1000LL),
                                     Poco::Timespan(options_.receiveTimeoutMs * 1000LL),
                                     Poco::Timespan(options_.receiveTimeoutMs * 1000LL));
                session_->setKeepAlive(true);
            }
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            if (!body.empty()) {
                req.setContentType("application/json");
                req.setContentLength(static_cast<std::streamsize>(body.size()));
            }
            session_->sendRequest(req) << body;
            Poco::Net::HTTPResponse resp;
            auto& in = session_->receiveResponse(resp);
            Poco::StreamCopier::copyToString(in, text);
            status = resp.getStatus();
            if (resp.hasContentLength() &&
                static_cast<std::streamsize>(text.size()) != resp.getContentLength())
                throw SyncError(SyncError::Kind::Network,
                                "the connection to the hub was cut during a transfer");
        } catch (const SyncError&) {
            session_.reset();
            throw;
        } catch (const Poco::Net::CertificateValidationException& e) {
            session_.reset();
            throw SyncError(SyncError::Kind::Untrusted,
                            "the hub's certificate was not accepted: " + e.displayText());
        } catch (const Poco::Exception& e) {
            session_.reset();
            std::string detail = e.displayText();
            if (detail.find("certificate") != std::string::npos ||
                detail.find("alert") != std::string::npos)
                throw SyncError(SyncError::Kind::Untrusted,
                                "the hub refused the secure connection (" + detail +
                                    "); check this desktop's certificate");
            throw SyncError(SyncError::Kind::Network, "cannot reach the hub at " + host_ + ":" +
                                                          std::to_string(port_) + " (" + detail +
                                                          ")");
        }
        if (options_.onExchange)
            options_.onExchange(method, path, body.size(), text.size());
        if (status == 507) {
            // A quota: waiting will not help, a person must act; the hub's words say who.
            std::string why = "the hub has no room for this desktop's changes";
            try {
                why = parseObject(text, "the hub's answer")->optValue<std::string>("error", why);
            } catch (const SyncError&) {
            }
            throw SyncError(SyncError::Kind::Refused, "the hub refused the request: " + why);
        }
        if (status >= 500)
            throw SyncError(SyncError::Kind::Network,
                            "the hub had a problem (HTTP " + std::to_string(status) + ")");
        return {status, std::move(text)};
    }

    /// The answer as JSON, once its status says it is one to read (200, or 409 for a push
    /// out of order); otherwise throws saying why.
    static Object::Ptr answerOf(int status, const std::string& text) {
        Object::Ptr answer;
        try {
            answer = parseObject(text, "the hub's answer");
        } catch (const SyncError&) {
            throw incomplete(status);
        }
        if (status == 429)
            throw SyncError(SyncError::Kind::Network, "the hub asked this desktop to slow down");
        if (status == 413)
            throw SyncError(SyncError::Kind::TooLarge,
                            answer->optValue<std::string>("error", "the request is too large"));
        if (status != 200 && status != 409)
            throw SyncError(
                SyncError::Kind::Refused,
                "the hub refused the request: " +
                    answer->optValue<std::string>("error", "HTTP " + std::to_string(status)));
        return answer;
    }

    TransportOptions options_;
    std::string host_;
    unsigned short port_ = 0;
    Poco::Net::Context::Ptr context_;
    std::unique_ptr<Poco::Net::HTTPSClientSession> session_;
};

}  // namespace

std::unique_ptr<HubTransport> makeHubTransport(const SyncCredentials& credentials,
                                               TransportOptions options) {
    return std::make_unique<HttpsHubTransport>(credentials, options);
}

}  // namespace nmdt::integration
