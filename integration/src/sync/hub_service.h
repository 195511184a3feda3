#pragma once
// The hub's decisions, independent of sockets: validate, rate-limit, order, relay.

#include <Poco/Crypto/RSAKey.h>
#include <Poco/Crypto/X509Certificate.h>

#include <map>
#include <mutex>
#include <optional>

#include "integration/hub_server.h"
#include "known_certificates.h"

namespace nmdt::integration {

/// Answers hub requests. Thread-safe: the log is reached under one lock.
class HubService {
  public:
    HubService(HubConfig config, EnvelopeLog& log);
    /// Admits and answers a whole request (for callers that already hold its body).
    HubResponse handle(const HubRequest& request);
    /// Who may be heard at all, from the connection and the request line alone (no body
    /// yet): a certificate, not withdrawn, under its rate. Counts the request. The refusal,
    /// or nothing when the body may be read.
    std::optional<HubResponse> refusalBeforeBody(const HubRequest& request);
    /// Answers a request refusalBeforeBody admitted, now with its body.
    HubResponse handleAdmitted(const HubRequest& request);
    const HubConfig& config() const { return config_; }

  private:
    HubResponse push(const HubRequest& request);
    HubResponse pull(const HubRequest& request);
    HubResponse announce(const HubRequest& request);
    /// Snapshots: stored per team and organisation, served only to that organisation.
    HubResponse publishSnapshot(const HubRequest& request);
    HubResponse latestSnapshot(const HubRequest& request);
    HubResponse snapshotChunk(const HubRequest& request);
    std::string receiptFor(const SealedEnvelope& stored) const;
    /// 403 unless the certificate (PEM) that signed something is this connection's own.
    std::optional<HubResponse> refusalUnlessSignedByPeer(const std::string& pem,
                                                         const std::string& what,
                                                         const HubRequest& request) const;
    /// Drops what model/hub_pruning.h allows, a bounded number per call (resumed by the
    /// next): after a desktop has caught up, and after a snapshot completes.
    void prune(const std::string& team);
    HubResponse health();
    bool overRate(const std::string& fingerprint);
    /// Whether the caller holds a renewal of the certificate a site is bound to; under mutex_.
    bool renewedHolder(const std::string& team, const std::string& site, const HubRequest& request);
    /// The refusal of a push that would take its site (or else its team) past its quota.
    HubResponse quotaRefusal(const std::string& team, const std::string& site, bool siteFull,
                             std::int64_t used) const;

    HubConfig config_;
    EnvelopeLog& log_;
    KnownCertificates certificates_;  // desktops', read once, checked against the CA
    // The hub's own certificate and key: they sign a receipt for every stored envelope.
    Poco::Crypto::RSAKey receiptKey_;
    std::string receiptCertificate_, receiptKeyId_;
    std::mutex mutex_;
    std::map<std::string, std::pair<std::int64_t, int>> rate_;  // fingerprint -> minute, count
    /// Per team: the snapshot floors pruning last judged by, and how far it has looked
    /// under them (envelopes kept then are looked at again only when the floors change).
    struct PruneProgress {
        std::map<std::string, std::int64_t> floors;
        std::int64_t lookedThrough = 0;
    };
    std::map<std::string, PruneProgress> pruned_;
};

/// {"error": message} with a status.
HubResponse errorResponse(int status, const std::string& message);

}  // namespace nmdt::integration
