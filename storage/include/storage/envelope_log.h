#pragma once
// The hub's envelope log in one SQLite file. It holds ciphertext and routing headers only,
// so it is not keyed; durability matters more (WAL, synchronous=FULL).

#include <memory>
#include <string>

#include "model/sync_ports.h"

namespace nmdt::storage {

struct EnvelopeLogImpl;

/// An EnvelopeLog on SQLite. Not thread-safe: the hub serialises calls.
class SqliteEnvelopeLog final : public EnvelopeLog {
  public:
    /// Opens or creates the log at `path`.
    explicit SqliteEnvelopeLog(const std::string& path);
    ~SqliteEnvelopeLog() override;

    std::int64_t acknowledged(const std::string& team, const std::string& site) override;
    std::optional<std::string> siteFingerprint(const std::string& team,
                                               const std::string& site) override;
    AppendResult append(const AppendRequest& request) override;
    std::vector<SealedEnvelope> after(const std::string& team, std::int64_t after,
                                      std::size_t limit, const std::string& organisation,
                                      std::size_t maxBytes) override;
    std::int64_t envelopeCount() override;
    std::optional<std::string> siteCertificate(const std::string& team,
                                               const std::string& site) override;
    std::int64_t siteBytes(const std::string& team, const std::string& site) override;
    std::int64_t teamBytes(const std::string& team) override;
    AnnounceResult announceKey(const KeyAnnouncement& announcement,
                               const std::string& signerSubject, std::int64_t hubTimeMs) override;
    bool keyAnnounced(const std::string& team, const std::string& keyId) override;
    void putSnapshotChunk(const SnapshotHeader& header, const std::string& body,
                          std::int64_t hubTimeMs) override;
    std::optional<SnapshotListing> latestSnapshot(const std::string& team,
                                                  const std::string& organisation) override;
    std::optional<std::string> snapshotChunk(const std::string& team,
                                             const std::string& organisation, const std::string& id,
                                             int chunk) override;

    void recordPullPosition(const PullPosition& position) override;
    std::int64_t lowestPullPosition(const std::string& team) override;
    std::map<std::string, std::int64_t> snapshotFloors(const std::string& team) override;
    std::vector<PruneCandidate> pruneCandidates(const std::string& team, std::int64_t after,
                                                std::int64_t through, std::size_t limit) override;
    void dropEnvelopes(const std::string& team,
                       const std::vector<PruneCandidate>& envelopes) override;
    std::int64_t droppedThrough(const std::string& team, const std::string& organisation) override;

  private:
    std::unique_ptr<EnvelopeLogImpl> impl_;
};

}  // namespace nmdt::storage
