#pragma once
// What a desktop needs to sync: the hub's address, the team and its keys, and the files of
// its certificate. Kept in the encrypted store's sync settings, never in a plain file.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "model/sync_ports.h"
#include "model/sync_store.h"

namespace nmdt::integration {

/// A desktop's enrolment in one team.
struct SyncCredentials {
    std::string hubUrl;  // "https://hub.example.nhs.uk:8443"
    std::string team;
    std::string keyId;                        // the key new envelopes are sealed with
    std::map<std::string, std::string> keys;  // key id -> 32-byte team key (older kept to read)
    std::string certificateFile;              // this desktop's certificate (PEM), issued by the CA
    std::string privateKeyFile;               // its private key (PEM)
    std::string caFile;                       // the neighbourhood CA's certificate (PEM)
    bool chair = false;  // started the team or rotated its key: announces its key ids

    bool enrolled() const { return !hubUrl.empty() && !team.empty() && keys.count(keyId); }
};

/// Reads the enrolment from the store's sync settings (empty members if not enrolled).
SyncCredentials loadCredentials(const SyncStore& store);
void saveCredentials(SyncStore& store, const SyncCredentials& credentials);

/// AES-256-GCM envelopes signed with this desktop's certificate key.
std::unique_ptr<EnvelopeSealer> makeEnvelopeSealer(const SyncCredentials& credentials);

/// Timeouts for the hub connection.
struct TransportOptions {
    int connectTimeoutMs = 10000;
    int receiveTimeoutMs = 60000;
    /// Told the method, path and byte counts of each exchange (benchmarks measure with it).
    std::function<void(const std::string& method, const std::string& path, std::size_t sent,
                       std::size_t received)>
        onExchange;
};
/// HTTPS with mutual TLS (1.2 or later) to the hub; only the neighbourhood CA is trusted.
std::unique_ptr<HubTransport> makeHubTransport(const SyncCredentials& credentials,
                                               TransportOptions options = {});

}  // namespace nmdt::integration
