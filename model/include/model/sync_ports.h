#pragma once
// The ports sync talks through: sealing envelopes (cryptography) and reaching the hub
// (HTTPS). integration/ implements both on Poco; tests may wrap them to inject faults.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/sync_types.h"

namespace nmdt {

/// The plaintext routing header of an envelope: all the hub may see.
struct EnvelopeHeader {
    std::string team;
    std::string site;
    std::int64_t fromSequence = 0;  // own change-log sequences (from, through]
    std::int64_t throughSequence = 0;
    int part = 0;  // envelopes of one push, one per audience
    std::string keyId;
    std::vector<std::string> audience;  // organisation ids, or "*" for everyone
};

/// An envelope as stored and relayed by the hub: header, sealed body and signature.
struct SealedEnvelope {
    EnvelopeHeader header;
    std::string nonce;              // 12 random bytes
    std::string ciphertext;         // AES-256-GCM of the entries (and a copy of the header)
    std::string tag;                // 16 bytes
    std::string signerCertificate;  // PEM, issued by the neighbourhood's CA
    std::string signature;          // by the signer's key over header, nonce, ciphertext and tag
    std::int64_t hubSequence = 0;   // assigned by the hub
    std::int64_t hubTimeMs = 0;     // assigned by the hub
    std::string hubReceipt;         // the hub's signature over team, sequence, time, signature
    std::string hubCertificate;     // PEM of the hub certificate that signed the receipt
    /// The hub sent only the header and its own stamps: the reader's own envelope, which it
    /// asked to have left out (it wrote the content). Empty nonce, ciphertext and signature.
    bool leftOut = false;

    /// What it costs the hub's disk, as the hub's quotas count it.
    std::int64_t storedBytes() const {
        return static_cast<std::int64_t>(nonce.size() + ciphertext.size() + tag.size() +
                                         signerCertificate.size() + signature.size());
    }
};

/// Why an envelope or a request was refused: kind for code, message for people.
class SyncError : public std::runtime_error {
  public:
    enum class Kind {
        Network,
        Refused,
        TooLarge,
        Tampered,
        WrongKey,
        Malformed,
        Untrusted,
        NotEnrolled
    };
    SyncError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }
    /// Network trouble is worth retrying; everything else needs a person.
    bool retryable() const { return kind_ == Kind::Network; }

  private:
    Kind kind_;
};

/// Where one chunk of a snapshot sits: chunk `chunk` (from 0) of snapshot `id`, made by
/// `site` for `organisation` from everything it had applied up to hub sequence `cursor`.
/// `last` marks the final chunk, so a snapshot can be sent while it is still being read.
struct SnapshotHeader {
    std::string team, site, organisation, id, keyId;
    std::int64_t cursor = 0;
    int chunk = 0;
    bool last = false;
    bool operator==(const SnapshotHeader&) const = default;
};

/// A snapshot chunk as stored and relayed by the hub: sealed and signed as an envelope is,
/// under its own signing label so neither can be passed off as the other.
struct SealedSnapshotChunk {
    SnapshotHeader header;
    std::string nonce, ciphertext, tag;
    std::string signerCertificate;  // PEM, issued by the neighbourhood's CA
    std::string signature;
};

/// A snapshot chunk opened: authenticated, decrypted, with who signed it.
struct OpenedSnapshotChunk {
    SnapshotHeader header;
    std::string signer;              // subject of the signing certificate
    std::string signerOrganisation;  // its O field
    std::vector<SyncEntry> entries;
};

/// The newest complete snapshot the hub holds for an organisation in a team.
struct SnapshotListing {
    std::string id, site;
    std::int64_t cursor = 0;
    int chunks = 0;
};

/// Seals entries into envelopes and opens received ones (encryption and signatures).
/// A team key id announced by the team's chair, signed with the chair desktop's certificate
/// key: the hub stores envelopes only under key ids announced for their team.
struct KeyAnnouncement {
    std::string team, keyId;
    std::int64_t issuedAtMs = 0;
    std::string signerCertificate;  // PEM, issued by the neighbourhood's CA
    std::string signature;          // over team, key id and time
};

class EnvelopeSealer {
  public:
    virtual ~EnvelopeSealer() = default;
    virtual SealedEnvelope seal(const EnvelopeHeader& header,
                                const std::vector<SyncEntry>& entries) = 0;
    /// Verifies the signature and decrypts; throws SyncError (Tampered, WrongKey, Untrusted,
    /// Malformed) with a message naming the envelope.
    virtual ReceivedBatch open(const SealedEnvelope& envelope) = 0;
    /// The organisation this desktop's certificate was issued for.
    virtual std::string ownOrganisation() const = 0;
    virtual std::string keyId() const = 0;
    /// Whether this desktop holds the team key with this id (to open what it sets aside).
    virtual bool holdsKey(const std::string& keyId) const = 0;
    /// The current key's announcement, signed now, when this desktop is its team's chair
    /// (it started the team or rotated its key); nothing on other desktops.
    virtual std::optional<KeyAnnouncement> announceCurrentKey(std::int64_t nowMs) = 0;
    /// Seals and signs one snapshot chunk with the team key named in its header.
    virtual SealedSnapshotChunk sealSnapshotChunk(const SnapshotHeader& header,
                                                  const std::vector<SyncEntry>& entries) = 0;
    /// Verifies and decrypts one; throws SyncError as open() does.
    virtual OpenedSnapshotChunk openSnapshotChunk(const SealedSnapshotChunk& chunk) = 0;
};

/// The hub's answer to a push.
struct PushResult {
    std::int64_t acknowledgedThrough = 0;
    std::int64_t hubTimeMs = 0;
    std::vector<std::int64_t> hubSequences;  // one per envelope accepted now (none for a replay)
    bool outOfOrder = false;  // the hub holds less than `fromSequence`: resume from its mark
};

/// One page of envelopes after a cursor.
struct PullPage {
    std::vector<SealedEnvelope> envelopes;
    std::int64_t next = 0;  // the cursor to store once the page is applied
    bool more = false;
};

/// The hub, reached over the network.
class HubTransport {
  public:
    virtual ~HubTransport() = default;
    /// Pushes own changes (from, through] as `envelopes`; all or nothing at the hub.
    virtual PushResult push(const std::string& team, const std::string& site,
                            std::int64_t fromSequence, std::int64_t throughSequence,
                            const std::vector<SealedEnvelope>& envelopes) = 0;
    /// Envelopes after `after`; those pushed by `ownSite` (if not empty) come left out.
    /// `keepAfter` tells the hub this desktop may still ask for anything after it (its
    /// applied cursor, or less while an envelope waits set aside), so the hub keeps it.
    virtual PullPage pull(const std::string& team, std::int64_t after, std::size_t limit,
                          const std::string& ownSite, std::int64_t keepAfter) = 0;
    /// Records a key announcement at the hub; throws SyncError (Refused) when the hub will
    /// not take it (another desktop is the team's chair there).
    virtual void announce(const KeyAnnouncement& announcement) = 0;
    /// Stores one chunk of this desktop's snapshot for its organisation.
    virtual void publishSnapshotChunk(const SealedSnapshotChunk& chunk) = 0;
    /// The newest complete snapshot for this desktop's organisation, if the hub holds one.
    virtual std::optional<SnapshotListing> latestSnapshot(const std::string& team) = 0;
    /// One chunk of a snapshot the hub holds for this desktop's organisation.
    virtual SealedSnapshotChunk snapshotChunk(const std::string& team, const std::string& id,
                                              int chunk) = 0;
};

}  // namespace nmdt

namespace nmdt {

/// One push for the hub's log to append, with what must still hold when it does.
struct AppendRequest {
    std::string team, site;
    std::string fingerprint;                     // the pushing certificate's, bound on success
    std::optional<std::string> expectedBinding;  // the site's binding as the caller judged it
    std::int64_t from = 0, through = 0;
    const std::vector<SealedEnvelope>* envelopes = nullptr;
    std::int64_t hubTimeMs = 0;
    std::int64_t maxSiteBytes = 0, maxTeamBytes = 0;
    /// The hub's receipt for an envelope once its sequence is known, and the certificate
    /// (by key, then PEM) it is signed with; none when not set.
    std::function<std::string(std::int64_t sequence, const SealedEnvelope&)> receiptFor;
    std::string receiptKey, receiptCertificate;
};

/// What became of an append: stored with its sequences, or why nothing was.
struct AppendResult {
    enum class Outcome { Appended, MarkElsewhere, BindingChanged, SiteFull, TeamFull };
    Outcome outcome = Outcome::Appended;
    std::vector<std::int64_t> sequences;  // when appended, in the envelopes' order
    std::int64_t acknowledged = 0;        // the site's mark after the call
    std::int64_t usedBytes = 0;           // when full: what the site or team already holds
};

/// What became of a key announcement at the hub's log.
struct AnnounceResult {
    enum class Outcome { Recorded, AlreadyRecorded, OtherChair };
    Outcome outcome = Outcome::Recorded;
    std::string chairSubject;  // who announces the team's keys there
};

/// Where one desktop (a site with one certificate) has told the hub it may still ask for
/// envelopes after: nothing after `keepAfter` is dropped while it stands.
struct PullPosition {
    std::string team, site, fingerprint, organisation;
    std::int64_t keepAfter = 0;
};

/// An envelope the hub might drop: where it is, who it is for, what it costs.
struct PruneCandidate {
    std::int64_t sequence = 0;
    std::string site;
    std::vector<std::string> audience;
    std::int64_t storedBytes = 0;
};

/// The hub's ordered log of sealed envelopes. It never holds a team key. Envelopes are
/// only ever dropped behind snapshots every desktop that needs them has passed
/// (model/hub_pruning.h).
class EnvelopeLog {
  public:
    virtual ~EnvelopeLog() = default;
    /// Highest own change sequence the hub holds for a site (0 for a new site).
    virtual std::int64_t acknowledged(const std::string& team, const std::string& site) = 0;
    /// The certificate fingerprint a site first pushed with, if it has pushed.
    virtual std::optional<std::string> siteFingerprint(const std::string& team,
                                                       const std::string& site) = 0;
    /// Appends one push, checking inside the same transaction (so instances sharing one
    /// database cannot race past them) that the site's mark is at `from`, that its binding
    /// is still the one the caller judged, and that the quotas hold; moves the mark to
    /// `through` and binds the site to `fingerprint`. Changes nothing unless it appends.
    virtual AppendResult append(const AppendRequest& request) = 0;
    /// Envelopes after `after` addressed to `organisation` (or to everyone), in order: at
    /// most `limit`, and stopping before the one whose ciphertext would take the page past
    /// `maxBytes` (the first is always included, so a page is never empty for want of room).
    virtual std::vector<SealedEnvelope> after(const std::string& team, std::int64_t after,
                                              std::size_t limit, const std::string& organisation,
                                              std::size_t maxBytes) = 0;
    virtual std::int64_t envelopeCount() = 0;
    /// The certificate (PEM) of the latest envelope a site sent, if it has sent one.
    virtual std::optional<std::string> siteCertificate(const std::string& team,
                                                       const std::string& site) = 0;
    /// Bytes the hub stores for one site's envelopes, and for a whole team's (quotas).
    virtual std::int64_t siteBytes(const std::string& team, const std::string& site) = 0;
    virtual std::int64_t teamBytes(const std::string& team) = 0;
    /// Records a (verified) announcement by `signerSubject`. The first announcement for a
    /// team makes its signer the team's chair here; a new key id from anyone else is
    /// refused (OtherChair); one already recorded changes nothing, whoever sends it.
    virtual AnnounceResult announceKey(const KeyAnnouncement& announcement,
                                       const std::string& signerSubject,
                                       std::int64_t hubTimeMs) = 0;
    /// Whether the team's chair announced this key id (or the log held envelopes under it
    /// before announcements existed).
    virtual bool keyAnnounced(const std::string& team, const std::string& keyId) = 0;

    /// Stores one snapshot chunk (`body`, the chunk as it travels) under its header's team,
    /// organisation and id. Storing the last chunk of a snapshot whose every chunk is here
    /// completes it, and drops the organisation's other snapshots but the one before it (a
    /// desktop may be part way through that one). Storing a chunk again replaces it.
    virtual void putSnapshotChunk(const SnapshotHeader& header, const std::string& body,
                                  std::int64_t hubTimeMs) = 0;
    virtual std::optional<SnapshotListing> latestSnapshot(const std::string& team,
                                                          const std::string& organisation) = 0;
    /// A chunk's body, if the hub holds that snapshot for that organisation.
    virtual std::optional<std::string> snapshotChunk(const std::string& team,
                                                     const std::string& organisation,
                                                     const std::string& id, int chunk) = 0;

    /// Records (replacing the last) where a site, with this certificate, still needs
    /// envelopes after. Another certificate naming the same site gets its own position.
    virtual void recordPullPosition(const PullPosition& position) = 0;
    /// The lowest position recorded for any desktop of the team (0 when none has pulled).
    virtual std::int64_t lowestPullPosition(const std::string& team) = 0;
    /// For each organisation with a complete snapshot, the cursor of the oldest complete
    /// one the hub keeps (a desktop may be part way through loading it).
    virtual std::map<std::string, std::int64_t> snapshotFloors(const std::string& team) = 0;
    /// Envelopes after `after` and up to `through` that are addressed to named
    /// organisations (never those for everyone), in order, at most `limit`.
    virtual std::vector<PruneCandidate> pruneCandidates(const std::string& team, std::int64_t after,
                                                        std::int64_t through,
                                                        std::size_t limit) = 0;
    /// Drops these envelopes in one transaction, taking their bytes off the quotas and
    /// remembering, for each organisation they were addressed to, the highest dropped.
    virtual void dropEnvelopes(const std::string& team,
                               const std::vector<PruneCandidate>& envelopes) = 0;
    /// The highest sequence dropped of the envelopes addressed to `organisation` (0: none).
    virtual std::int64_t droppedThrough(const std::string& team,
                                        const std::string& organisation) = 0;
};

}  // namespace nmdt
