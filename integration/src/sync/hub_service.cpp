#include "hub_service.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

#include "envelope_codec.h"
#include "model/hub_pruning.h"
#include "model/store_error.h"
#include "push_request_reader.h"
#include "sync_crypto.h"

namespace nmdt::integration {

namespace {
using Poco::JSON::Array;
using Poco::JSON::Object;

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

HubResponse ok(const Object::Ptr& body) {
    return {200, stringify(body)};
}

std::map<std::string, std::string> queryOf(const std::string& query) {
    std::map<std::string, std::string> out;
    Poco::URI uri("/?" + query);
    for (const auto& [k, v] : uri.getQueryParameters())
        out[k] = v;
    return out;
}

std::optional<std::int64_t> parseInt(const std::string& text) {
    try {
        std::size_t used = 0;
        auto v = std::stoll(text, &used);
        if (used != text.size())
            return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}
}  // namespace

HubResponse errorResponse(int status, const std::string& message) {
    Object::Ptr o = new Object;
    o->set("error", message);
    return {status, stringify(o)};
}

std::optional<std::string> canonicalFingerprint(std::string_view text) {
    if (auto equals = text.find('='); equals != std::string_view::npos) {
        std::string label;
        for (char c : text.substr(0, equals))
            if (!std::isspace(static_cast<unsigned char>(c)))
                label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (label != "sha256fingerprint" && label != "sha2-256fingerprint")
            return std::nullopt;  // a SHA-1 one from -fingerprint without -sha256, say
        text.remove_prefix(equals + 1);
    }
    std::string hex;
    for (char c : text) {
        if (c == ':' || std::isspace(static_cast<unsigned char>(c)))
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (hex.size() != 64)
        return std::nullopt;
    return hex;
}

namespace {
/// The configuration's revocations, each in the form the hub compares; refuses the whole
/// configuration over one it cannot read.
HubConfig withCanonicalRevocations(HubConfig config) {
    for (auto& fingerprint : config.revokedFingerprints) {
        auto canonical = canonicalFingerprint(fingerprint);
        if (!canonical)
            throw SyncError(SyncError::Kind::NotEnrolled,
                            "hub.revoked: '" + fingerprint +
                                "' is not a SHA-256 certificate fingerprint (64 hexadecimal "
                                "digits, colons allowed, as 'openssl x509 -noout -fingerprint "
                                "-sha256 -in CERT' prints it)");
        fingerprint = *canonical;
    }
    return config;
}
}  // namespace

HubService::HubService(HubConfig config, EnvelopeLog& log)
    : config_(withCanonicalRevocations(std::move(config))),
      log_(log),
      certificates_(Poco::Crypto::X509Certificate(config_.caFile)),
      receiptKey_("", config_.privateKeyFile, ""),
      receiptCertificate_(pemOf(config_.certificateFile)),
      receiptKeyId_(sha256Fingerprint(Poco::Crypto::X509Certificate(config_.certificateFile))) {}

std::string HubService::receiptFor(const SealedEnvelope& stored) const {
    return sign(receiptKey_, receiptSigningInput(stored));
}

bool HubService::overRate(const std::string& fingerprint) {
    std::lock_guard lock(mutex_);
    const std::int64_t minute = nowMs() / 60000;
    auto& [window, count] = rate_[fingerprint];
    if (window != minute) {
        window = minute;
        count = 0;
    }
    return ++count > config_.requestsPerMinute;
}

HubResponse HubService::handle(const HubRequest& request) {
    if (auto refused = refusalBeforeBody(request))
        return *refused;
    return handleAdmitted(request);
}

std::optional<HubResponse> HubService::refusalBeforeBody(const HubRequest& request) {
    if (request.peerFingerprint.empty())
        return errorResponse(401, "a client certificate is required");
    if (std::find(config_.revokedFingerprints.begin(), config_.revokedFingerprints.end(),
                  request.peerFingerprint) != config_.revokedFingerprints.end())
        return errorResponse(403, "the certificate " + request.peerSubject +
                                      " has been withdrawn from this neighbourhood");
    if (overRate(request.peerFingerprint))
        return errorResponse(
            429, "too many requests from " + request.peerSubject + "; try again in a minute");
    return std::nullopt;
}

HubResponse HubService::handleAdmitted(const HubRequest& request) {
    if (request.body.size() > config_.maxRequestBytes)
        return errorResponse(413, "the request is larger than the hub accepts (" +
                                      std::to_string(config_.maxRequestBytes) + " bytes)");
    try {
        if (request.path == "/v1/health" && request.method == "GET")
            return health();
        if (request.path == "/v1/push" && request.method == "POST")
            return push(request);
        if (request.path == "/v1/pull" && request.method == "GET")
            return pull(request);
        if (request.path == "/v1/keys" && request.method == "POST")
            return announce(request);
        if (request.path == "/v1/snapshots" && request.method == "POST")
            return publishSnapshot(request);
        if (request.path == "/v1/snapshots/latest" && request.method == "GET")
            return latestSnapshot(request);
        if (request.path == "/v1/snapshots/chunk" && request.method == "GET")
            return snapshotChunk(request);
        return errorResponse(404, "no such endpoint: " + request.method + " " + request.path);
    } catch (const SyncError& e) {
        switch (e.kind()) {
            case SyncError::Kind::Untrusted:
            case SyncError::Kind::Tampered:
                return errorResponse(403, e.what());
            case SyncError::Kind::TooLarge:
                return errorResponse(413, e.what());
            default:
                return errorResponse(400, e.what());
        }
    } catch (const StoreError& e) {
        // Its database unreachable (a PostgreSQL failover, say): the desktop tries again.
        return errorResponse(503, std::string("the hub's store is unavailable: ") + e.what());
    } catch (const std::exception& e) {
        return errorResponse(500, std::string("the hub could not store the request: ") + e.what());
    }
}

std::optional<HubResponse> HubService::refusalUnlessSignedByPeer(const std::string& pem,
                                                                 const std::string& what,
                                                                 const HubRequest& request) const {
    auto signer = certificates_.read(pem, what);
    if (signer->fingerprint == request.peerFingerprint)
        return std::nullopt;
    return errorResponse(403, what + " is signed by " + signer->subject +
                                  ", not by this connection's certificate " + request.peerSubject);
}

HubResponse HubService::health() {
    Object::Ptr o = new Object;
    o->set("status", "ok");
    std::lock_guard lock(mutex_);
    o->set("envelopes", Poco::Int64(log_.envelopeCount()));
    return ok(o);
}

HubResponse HubService::push(const HubRequest& request) {
    auto body =
        readPushRequest(request.body, config_.maxEnvelopesPerPush, config_.maxEnvelopeBytes);
    const auto& team = body.team;
    const auto& site = body.site;
    const auto from = body.from;
    const auto through = body.through;
    if (team.empty() || site.empty() || from < 0 || through <= from)
        return errorResponse(400, "the push request's team, site or sequence range is invalid");
    auto& envelopes = body.envelopes;
    for (std::size_t i = 0; i < envelopes.size(); ++i) {
        const std::string what = "envelope " + std::to_string(i) + " of the push";
        const auto& e = envelopes[i];
        const auto& h = e.header;
        if (h.team != team || h.site != site || h.fromSequence != from ||
            h.throughSequence != through)
            return errorResponse(400, what + " has a header that does not match the request");
        if (h.keyId.empty() || h.audience.empty())
            return errorResponse(400, what + " has no key id or no audience");
        if (e.ciphertext.size() > config_.maxEnvelopeBytes)
            return errorResponse(413, what + " is larger than the hub accepts (" +
                                          std::to_string(config_.maxEnvelopeBytes) + " bytes)");
        verifyEnvelopeSignature(e, certificates_);
        if (auto refused = refusalUnlessSignedByPeer(e.signerCertificate, what, request))
            return *refused;
    }
    std::lock_guard lock(mutex_);
    // Only under key ids the team's chair announced: an envelope under any other would be
    // one no partner can open (announcements are never withdrawn, so checking before the
    // append is as good as inside it).
    std::set<std::string> announced;
    for (std::size_t i = 0; i < envelopes.size(); ++i) {
        const auto& keyId = envelopes[i].header.keyId;
        if (announced.count(keyId))
            continue;
        if (!log_.keyAnnounced(team, keyId))
            return errorResponse(403, "envelope " + std::to_string(i) +
                                          " of the push is sealed under team key " + keyId +
                                          ", which the chair of team " + team +
                                          " has not announced to this hub (the chair's desktop "
                                          "announces each new key when it next syncs)");
        announced.insert(keyId);
    }
    const auto bound = log_.siteFingerprint(team, site);
    if (bound && *bound != request.peerFingerprint && !renewedHolder(team, site, request))
        return errorResponse(403, "site " + site + " belongs to another desktop's certificate");
    const std::int64_t acknowledged = log_.acknowledged(team, site);
    const std::int64_t hubTime = nowMs();
    Object::Ptr answer = new Object;
    answer->set("hubTime", Poco::Int64(hubTime));
    Array::Ptr sequences = new Array;
    if (through <= acknowledged) {
        // A replay of a push the hub already holds: harmless, nothing stored.
        answer->set("acknowledged", Poco::Int64(acknowledged));
        answer->set("sequences", sequences);
        return ok(answer);
    }
    // A push with no envelope names nothing any partner can see: it must not be the one
    // that binds a site, or whoever guessed a site id could claim it before its desktop.
    if (envelopes.empty() && !bound)
        return errorResponse(400,
                             "a push that carries no envelope cannot be a site's first: "
                             "site " +
                                 site + " has sent nothing to this hub yet");
    AppendRequest append;
    append.team = team;
    append.site = site;
    append.fingerprint = request.peerFingerprint;
    append.expectedBinding = bound;
    append.from = from;
    append.through = through;
    append.envelopes = &envelopes;
    append.hubTimeMs = hubTime;
    append.maxSiteBytes = config_.maxSiteBytes;
    append.maxTeamBytes = config_.maxTeamBytes;
    // The hub's word on each envelope's place and time, signed as it is stored: whoever can
    // write to the hub's database cannot change them unnoticed.
    append.receiptFor = [&](std::int64_t sequence, const SealedEnvelope& e) {
        SealedEnvelope stored = e;
        stored.hubSequence = sequence;
        stored.hubTimeMs = hubTime;
        return receiptFor(stored);
    };
    append.receiptKey = receiptKeyId_;
    append.receiptCertificate = receiptCertificate_;
    // The log checks the mark, the binding and the quotas again inside its transaction:
    // another hub instance on the same database may have moved them since they were read.
    const auto stored = log_.append(append);
    using Outcome = AppendResult::Outcome;
    switch (stored.outcome) {
        case Outcome::Appended:
            break;
        case Outcome::SiteFull:
        case Outcome::TeamFull:
            return quotaRefusal(team, site, stored.outcome == Outcome::SiteFull, stored.usedBytes);
        case Outcome::BindingChanged:
            if (log_.siteFingerprint(team, site) != request.peerFingerprint)
                return errorResponse(403,
                                     "site " + site + " belongs to another desktop's certificate");
            [[fallthrough]];  // this desktop's own push through another instance won the race
        case Outcome::MarkElsewhere: {
            Object::Ptr conflict = new Object;
            conflict->set("error", "out of order: the hub holds this site's changes through " +
                                       std::to_string(stored.acknowledged));
            conflict->set("acknowledged", Poco::Int64(stored.acknowledged));
            return {409, stringify(conflict)};
        }
    }
    for (auto s : stored.sequences)
        sequences->add(Poco::Int64(s));
    answer->set("acknowledged", Poco::Int64(through));
    answer->set("sequences", sequences);
    return ok(answer);
}

HubResponse HubService::announce(const HubRequest& request) {
    const std::string what = "the key announcement";
    auto body = parseObject(request.body, what);
    KeyAnnouncement a{requireString(body, "team", what), requireString(body, "keyId", what),
                      requireInt(body, "issuedAt", what), requireString(body, "certificate", what),
                      fromBase64(requireString(body, "signature", what), what)};
    if (a.team.empty() || a.keyId.empty() || a.keyId.size() > 64)
        return errorResponse(400, what + " has no team or an unusable key id");
    auto signer = certificates_.trusted(a.signerCertificate, what + "'s certificate");
    if (signer->fingerprint != request.peerFingerprint)
        return errorResponse(403, what + " is signed by " + signer->subject +
                                      ", not by this connection's certificate " +
                                      request.peerSubject);
    if (!verify(signer->publicKey, announcementSigningInput(a), a.signature))
        return errorResponse(403, what + " does not match its signature");
    std::lock_guard lock(mutex_);
    const auto result = log_.announceKey(a, signer->subject, nowMs());
    if (result.outcome == AnnounceResult::Outcome::OtherChair)
        return errorResponse(403, "team " + a.team + "'s keys are announced to this hub by " +
                                      result.chairSubject + ", its chair; " + signer->subject +
                                      " cannot add key " + a.keyId +
                                      " (ask the chair to rotate the key instead)");
    Object::Ptr answer = new Object;
    answer->set("announced", a.keyId);
    answer->set("chair", result.chairSubject);
    return ok(answer);
}

bool HubService::renewedHolder(const std::string& team, const std::string& site,
                               const HubRequest& request) {
    // A renewed certificate (new key, the same name and organisation from the same CA, which
    // the handshake checked) carries its site on; the append then binds the site to it.
    const auto pem = log_.siteCertificate(team, site);
    if (!pem)
        return false;  // bound by a push of no envelopes: nothing to compare names with
    try {
        return certificates_.read(*pem, "site " + site + "'s certificate")->subject ==
               request.peerSubject;
    } catch (const SyncError&) {
        return false;
    }
}

HubResponse HubService::quotaRefusal(const std::string& team, const std::string& site,
                                     bool siteFull, std::int64_t used) const {
    auto mib = [](std::int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; };
    if (siteFull)
        return errorResponse(507, "this desktop (site " + site +
                                      ") has used its storage on the hub: " + mib(used) + " of " +
                                      mib(config_.maxSiteBytes) +
                                      "; the hub's operator can raise hub.maxSiteBytes");
    return errorResponse(507, "team " + team + " has used its storage on the hub: " + mib(used) +
                                  " of " + mib(config_.maxTeamBytes) +
                                  "; the hub's operator can raise hub.maxTeamBytes");
}

HubResponse HubService::pull(const HubRequest& request) {
    auto q = queryOf(request.query);
    auto after = parseInt(q["after"]);
    auto limit = parseInt(q["limit"].empty() ? "100" : q["limit"]);
    if (q["team"].empty() || !after || *after < 0 || !limit || *limit < 1)
        return errorResponse(400, "pull needs team, after (0 or more) and limit (1 or more)");
    const auto pageSize =
        std::min<std::size_t>(static_cast<std::size_t>(*limit), config_.maxPageSize);
    // Where this desktop still needs envelopes after: what it sends, or (from a desktop that
    // does not say) where it asks from.
    const std::string& own = q["own"];
    auto keep = q["keep"].empty() ? after : parseInt(q["keep"]);
    if (!keep || *keep < 0)
        return errorResponse(400, "keep must be 0 or more");
    std::vector<SealedEnvelope> envelopes;
    {
        std::lock_guard lock(mutex_);
        const auto dropped = log_.droppedThrough(q["team"], request.peerOrganisation);
        if (dropped > *after)
            return errorResponse(
                410, "the hub no longer holds the changes after " + std::to_string(*after) +
                         " that this desktop needs: changes up to " + std::to_string(dropped) +
                         " were dropped once snapshots of the organisations they are for "
                         "held them. A new desktop joins from its organisation's snapshot; "
                         "this one must be set up again, from a new store");
        if (!own.empty())
            log_.recordPullPosition(
                {q["team"], own, request.peerFingerprint, request.peerOrganisation, *keep});
        envelopes =
            log_.after(q["team"], *after, pageSize, request.peerOrganisation, config_.maxPageBytes);
    }
    std::size_t bytes = 0;
    for (const auto& e : envelopes)
        bytes += e.ciphertext.size();
    Object::Ptr answer = new Object;
    Array::Ptr list = new Array;
    // Each hub certificate once per page; envelopes name theirs by position.
    Array::Ptr certificates = new Array;
    std::vector<std::string> seen;
    // A desktop's own envelopes go back without their content when it asks: it wrote them,
    // and needs only where the hub put them and when (half the bytes of a large push
    // otherwise came straight back).
    for (auto& e : envelopes) {
        if (!own.empty() && e.header.site == own) {
            list->add(leftOutEnvelopeToJson(e));
            continue;
        }
        if (e.hubReceipt.empty()) {
            // Stored before receipts: signed now, as it stands.
            e.hubReceipt = receiptFor(e);
            e.hubCertificate = receiptCertificate_;
        }
        auto o = envelopeToJson(e);
        auto at = std::find(seen.begin(), seen.end(), e.hubCertificate);
        if (at == seen.end()) {
            seen.push_back(e.hubCertificate);
            certificates->add(e.hubCertificate);
            at = std::prev(seen.end());
        }
        o->set("hubCertificate", static_cast<int>(at - seen.begin()));
        list->add(o);
    }
    answer->set("envelopes", list);
    answer->set("hubCertificates", certificates);
    answer->set("next", Poco::Int64(envelopes.empty() ? *after : envelopes.back().hubSequence));
    // Cut by size when the next envelope (at most maxEnvelopeBytes) might not have fitted:
    // "more" may then send the desktop for one empty page, never leave one behind.
    const bool cutBySize =
        !envelopes.empty() && bytes + config_.maxEnvelopeBytes > config_.maxPageBytes;
    const bool more = envelopes.size() == pageSize || cutBySize;
    answer->set("more", more);
    if (!more && !own.empty())
        prune(q["team"]);
    return ok(answer);
}

void HubService::prune(const std::string& team) {
    if (!config_.pruneBehindSnapshots)
        return;
    constexpr std::size_t kBatch = 5000;
    constexpr int kBatchesPerCall = 4;  // the log's lock is held throughout
    std::lock_guard lock(mutex_);
    const auto lowest = log_.lowestPullPosition(team);
    auto floors = log_.snapshotFloors(team);
    auto& progress = pruned_[team];
    if (progress.floors != floors) {
        progress.floors = std::move(floors);
        progress.lookedThrough = 0;
    }
    for (int batch = 0; batch < kBatchesPerCall && progress.lookedThrough < lowest; ++batch) {
        auto candidates = log_.pruneCandidates(team, progress.lookedThrough, lowest, kBatch);
        auto drop = envelopesToDrop(candidates, lowest, progress.floors);
        if (!drop.empty())
            log_.dropEnvelopes(team, drop);
        progress.lookedThrough = candidates.size() < kBatch ? lowest : candidates.back().sequence;
    }
}

HubResponse HubService::publishSnapshot(const HubRequest& request) {
    const std::string what = "the snapshot chunk";
    auto chunk = snapshotChunkFromJson(parseObject(request.body, what), what);
    const auto& h = chunk.header;
    if (h.team.empty() || h.site.empty())
        return errorResponse(400, what + " names no team or site");
    // A desktop publishes only its own organisation's snapshot, signed by itself: the hub
    // serves it to that organisation's desktops alone.
    if (h.organisation != request.peerOrganisation)
        return errorResponse(403, what + " is for organisation " + h.organisation +
                                      ", but this connection's certificate is of " +
                                      request.peerOrganisation);
    if (chunk.ciphertext.size() > config_.maxEnvelopeBytes)
        return errorResponse(413, what + " is larger than the hub accepts (" +
                                      std::to_string(config_.maxEnvelopeBytes) + " bytes)");
    verifySnapshotSignature(chunk, certificates_);
    if (auto refused = refusalUnlessSignedByPeer(chunk.signerCertificate, what, request))
        return *refused;
    {
        std::lock_guard lock(mutex_);
        if (!log_.keyAnnounced(h.team, h.keyId))
            return errorResponse(403, what + " is sealed under team key " + h.keyId +
                                          ", which the chair of team " + h.team +
                                          " has not announced to this hub");
        log_.putSnapshotChunk(h, request.body, nowMs());
    }
    if (h.last)
        prune(h.team);
    Object::Ptr answer = new Object;
    answer->set("stored", true);
    return ok(answer);
}

HubResponse HubService::latestSnapshot(const HubRequest& request) {
    auto q = queryOf(request.query);
    if (q["team"].empty())
        return errorResponse(400, "a snapshot listing needs a team");
    std::optional<SnapshotListing> latest;
    {
        std::lock_guard lock(mutex_);
        latest = log_.latestSnapshot(q["team"], request.peerOrganisation);
    }
    Object::Ptr answer = new Object;
    if (latest) {
        answer->set("id", latest->id);
        answer->set("site", latest->site);
        answer->set("cursor", Poco::Int64(latest->cursor));
        answer->set("chunks", latest->chunks);
    }
    return ok(answer);
}

HubResponse HubService::snapshotChunk(const HubRequest& request) {
    auto q = queryOf(request.query);
    auto chunk = parseInt(q["chunk"]);
    if (q["team"].empty() || q["id"].empty() || !chunk || *chunk < 0 || *chunk > 1000000000)
        return errorResponse(400, "a snapshot chunk request needs team, id and chunk");
    std::optional<std::string> body;
    {
        std::lock_guard lock(mutex_);
        body = log_.snapshotChunk(q["team"], request.peerOrganisation, q["id"],
                                  static_cast<int>(*chunk));
    }
    if (!body)
        return errorResponse(404, "the hub holds no chunk " + q["chunk"] + " of snapshot " +
                                      q["id"] + " for organisation " + request.peerOrganisation);
    return HubResponse{200, *body};
}

}  // namespace nmdt::integration
