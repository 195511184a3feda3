#pragma once
// Reads a push request's JSON as it parses, one envelope at a time, so the hub never holds
// the whole request as a JSON tree (a 31 MiB push once took 757 MB that way), and refuses
// a push with too many envelopes, or one too large, before the rest is looked at.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt::integration {

/// The request's own fields and its envelopes, not yet checked against each other.
struct PushRequest {
    std::string team;
    std::string site;
    std::int64_t from = -1;
    std::int64_t through = -1;
    std::vector<SealedEnvelope> envelopes;
};

/// Throws SyncError(TooLarge) past `maxEnvelopes` envelopes or an envelope's ciphertext past
/// `maxEnvelopeBytes`; SyncError(Malformed) for JSON that is not a push request.
PushRequest readPushRequest(const std::string& body, std::size_t maxEnvelopes,
                            std::size_t maxEnvelopeBytes);

}  // namespace nmdt::integration
