#pragma once
// The neighbourhood hub: relays sealed envelopes between partner desktops over HTTPS with
// mutual TLS. It orders and stores envelopes but holds no team key, so it never sees a name.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt::integration {

/// Everything the hub's configuration file sets.
struct HubConfig {
    std::string host = "0.0.0.0";
    unsigned short port = 8443;   // 0 picks a free port (tests)
    std::string certificateFile;  // the hub's certificate, issued by the CA
    std::string privateKeyFile;
    std::string caFile;  // the neighbourhood CA: every desktop's issuer
    std::string dataDirectory;
    /// One JSON line per request answered or connection let go (no patient data); empty
    /// for none. The hub's program puts it in the data folder unless told otherwise.
    std::string requestLogFile;
    std::size_t maxRequestBytes = 32 * 1024 * 1024;
    std::size_t maxEnvelopeBytes = 16 * 1024 * 1024;
    std::size_t maxEnvelopesPerPush = 1000;
    std::size_t maxPageSize = 500;
    /// Ciphertext bytes per pull page at most (one envelope always fits, whatever its size).
    std::size_t maxPageBytes = 32 * 1024 * 1024;
    /// What the hub stores at most for one site (desktop) and for one team, in bytes;
    /// a push past either is refused with a message saying which (HTTP 507).
    std::int64_t maxSiteBytes = 8LL * 1024 * 1024 * 1024;
    std::int64_t maxTeamBytes = 64LL * 1024 * 1024 * 1024;
    int requestsPerMinute = 1200;  // per desktop certificate
    int maxThreads = 16;           // workers: they see only complete requests
    /// Time limits on a connection before a worker sees it (milliseconds): the TLS
    /// handshake, a request's headers from its first byte, a pause between requests on a
    /// kept-alive connection, and a pause in a request body.
    int handshakeTimeoutMs = 10000;
    int requestHeadTimeoutMs = 10000;
    int idleTimeoutMs = 15000;
    int bodyStallTimeoutMs = 30000;
    /// Open connections at once from one network address, and in all. A practice's
    /// desktops may share one address behind its router, hence not a handful.
    std::size_t maxConnectionsPerAddress = 64;
    std::size_t maxConnections = 4096;
    /// Drop envelopes every desktop that needs them has passed and that snapshots of every
    /// organisation they are for hold (model/hub_pruning.h); off keeps the whole history.
    bool pruneBehindSnapshots = true;
    /// SHA-256 of partners who left, in any usual form (see canonicalFingerprint).
    std::vector<std::string> revokedFingerprints;
};

/// A certificate's SHA-256 fingerprint as the hub compares them (64 lower-case hex digits)
/// from any usual way of writing one: upper or lower case, with or without colons or
/// spaces, and with the "sha256 Fingerprint=" that `openssl x509 -fingerprint` prints.
/// Nullopt when it is not one (too short, not hex, another digest): a revocation that
/// silently matched nothing would leave a leaver connected.
std::optional<std::string> canonicalFingerprint(std::string_view text);

/// One HTTP exchange, stripped of transport; what HubService decides on.
struct HubRequest {
    std::string method;
    std::string path;
    std::string query;
    std::string body;
    std::string peerSubject;      // "CN=..,O=.." of the client certificate
    std::string peerFingerprint;  // its SHA-256
    std::string peerOrganisation;
};
struct HubResponse {
    int status = 200;
    std::string body;  // JSON
};

class HubService;

/// The HTTPS server around the hub's service.
class HubServer {
  public:
    HubServer(HubConfig config, EnvelopeLog& log);
    ~HubServer();
    void start();
    void stop();
    unsigned short port() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nmdt::integration
