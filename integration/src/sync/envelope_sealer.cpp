// Seals and opens envelopes: AES-256-GCM under the team key, signed by the desktop's
// certificate key, checked against the neighbourhood CA on the way in.
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "desktop_identity.h"
#include "envelope_codec.h"
#include "integration/sync_credentials.h"
#include "snapshot_body.h"
#include "sync_crypto.h"

namespace nmdt::integration {

namespace {

class PocoEnvelopeSealer final : public EnvelopeSealer {
  public:
    explicit PocoEnvelopeSealer(const SyncCredentials& c)
        : credentials_(c),
          identity_(desktopIdentityOf(c)),
          ownPem_(identity_->certificatePem),
          certificates_(identity_->partners),
          key_(identity_->key) {
        requireTrusted(*identity_->certificate, "this desktop's certificate", std::nullopt);
    }

    SealedEnvelope seal(const EnvelopeHeader& header,
                        const std::vector<SyncEntry>& entries) override {
        auto sealed = aesGcmSeal(teamKey(header.keyId), encodeBody(header, entries));
        SealedEnvelope e;
        e.header = header;
        e.nonce = sealed.nonce;
        e.ciphertext = sealed.ciphertext;
        e.tag = sealed.tag;
        e.signerCertificate = ownPem_;
        e.signature = sign(key_, signingInput(e));
        return e;
    }

    ReceivedBatch open(const SealedEnvelope& envelope) override {
        const std::string what = describeEnvelope(envelope);
        if (envelope.header.team != credentials_.team)
            throw SyncError(SyncError::Kind::Malformed, what + " belongs to another team");
        const EnvelopeSigner signer = verifyEnvelopeSignature(envelope, *certificates_);
        verifyHubReceipt(envelope, *certificates_, hubHost_);
        auto key = credentials_.keys.find(envelope.header.keyId);
        if (key == credentials_.keys.end())
            throw SyncError(SyncError::Kind::NotEnrolled,
                            what + " is sealed with team key " + envelope.header.keyId +
                                ", which this desktop does not hold yet: ask the chair for an "
                                "invitation with the new key");
        auto body =
            aesGcmOpen(key->second, {envelope.nonce, envelope.ciphertext, envelope.tag}, what);
        ReceivedBatch batch;
        batch.hubSequence = envelope.hubSequence;
        batch.hubTimeMs = envelope.hubTimeMs;
        batch.site = envelope.header.site;
        batch.signer = signer.subject;
        batch.signerOrganisation = signer.organisation;
        batch.entries = decodeBody(body, envelope.header, what);
        return batch;
    }

    std::string ownOrganisation() const override { return identity_->certificate->organisation; }
    std::string keyId() const override { return credentials_.keyId; }
    bool holdsKey(const std::string& id) const override { return credentials_.keys.count(id) > 0; }

    std::optional<KeyAnnouncement> announceCurrentKey(std::int64_t nowMs) override {
        if (!credentials_.chair)
            return std::nullopt;
        KeyAnnouncement a{credentials_.team, credentials_.keyId, nowMs, ownPem_, {}};
        a.signature = sign(key_, announcementSigningInput(a));
        return a;
    }

    SealedSnapshotChunk sealSnapshotChunk(const SnapshotHeader& header,
                                          const std::vector<SyncEntry>& entries) override {
        auto sealed = aesGcmSeal(teamKey(header.keyId), encodeSnapshotBody(header, entries));
        SealedSnapshotChunk c{header, sealed.nonce, sealed.ciphertext, sealed.tag, ownPem_, {}};
        c.signature = sign(key_, snapshotSigningInput(c));
        return c;
    }

    OpenedSnapshotChunk openSnapshotChunk(const SealedSnapshotChunk& chunk) override {
        const std::string what = describeSnapshotChunk(chunk);
        if (chunk.header.team != credentials_.team)
            throw SyncError(SyncError::Kind::Malformed, what + " belongs to another team");
        const EnvelopeSigner signer = verifySnapshotSignature(chunk, *certificates_);
        auto key = credentials_.keys.find(chunk.header.keyId);
        if (key == credentials_.keys.end())
            throw SyncError(SyncError::Kind::NotEnrolled, what + " is sealed with team key " +
                                                              chunk.header.keyId +
                                                              ", which this desktop does not hold");
        auto body = aesGcmOpen(key->second, {chunk.nonce, chunk.ciphertext, chunk.tag}, what);
        return {chunk.header, signer.subject, signer.organisation,
                decodeSnapshotBody(body, chunk.header, what)};
    }

  private:
    /// The team key this desktop seals with under `keyId`.
    const std::string& teamKey(const std::string& keyId) const {
        auto key = credentials_.keys.find(keyId);
        if (key == credentials_.keys.end())
            throw SyncError(SyncError::Kind::NotEnrolled, "no team key " + keyId);
        return key->second;
    }

    static std::string hostOf(const std::string& url) {
        try {
            return Poco::URI(url).getHost();
        } catch (const Poco::Exception&) {
            return {};
        }
    }

    SyncCredentials credentials_;
    std::string hubHost_ = hostOf(credentials_.hubUrl);
    // Read once per process and shared by this desktop's runs (see desktopIdentityOf).
    std::shared_ptr<const DesktopIdentity> identity_;
    const std::string& ownPem_;
    // Partners' and the hub's, checked against the CA.
    const std::shared_ptr<const KnownCertificates>& certificates_;
    const Poco::Crypto::RSAKey& key_;
};

}  // namespace

std::unique_ptr<EnvelopeSealer> makeEnvelopeSealer(const SyncCredentials& credentials) {
    return std::make_unique<PocoEnvelopeSealer>(credentials);
}

SyncCredentials loadCredentials(const SyncStore& store) {
    SyncCredentials c;
    auto get = [&](const char* key) { return store.syncSetting(key).value_or(""); };
    c.hubUrl = get("hub_url");
    c.team = get("team");
    c.keyId = get("key_id");
    c.certificateFile = get("certificate_file");
    c.privateKeyFile = get("private_key_file");
    c.caFile = get("ca_file");
    c.chair = get("chair") == "1";
    // "id1=hex1;id2=hex2"
    std::string keys = get("team_keys");
    std::size_t start = 0;
    while (start < keys.size()) {
        auto end = keys.find(';', start);
        if (end == std::string::npos)
            end = keys.size();
        auto item = keys.substr(start, end - start);
        auto eq = item.find('=');
        if (eq != std::string::npos)
            c.keys[item.substr(0, eq)] = fromHex(item.substr(eq + 1));
        start = end + 1;
    }
    return c;
}

void saveCredentials(SyncStore& store, const SyncCredentials& c) {
    std::string keys;
    for (const auto& [id, key] : c.keys)
        keys += (keys.empty() ? "" : ";") + id + "=" + toHex(key);
    store.setSyncSetting("hub_url", c.hubUrl);
    store.setSyncSetting("team", c.team);
    store.setSyncSetting("key_id", c.keyId);
    store.setSyncSetting("team_keys", keys);
    store.setSyncSetting("certificate_file", c.certificateFile);
    store.setSyncSetting("private_key_file", c.privateKeyFile);
    store.setSyncSetting("ca_file", c.caFile);
    store.setSyncSetting("chair", c.chair ? "1" : "0");
}

}  // namespace nmdt::integration
