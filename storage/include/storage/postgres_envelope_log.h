#pragma once
// The hub's envelope log in PostgreSQL, so several hub processes can serve one ICB over one
// database (with PostgreSQL's own replication and backups). Linux hubs only.

#include <memory>
#include <string>

#include "model/sync_ports.h"

namespace nmdt::storage {

struct PostgresEnvelopeLogImpl;

/// An EnvelopeLog on PostgreSQL through libpq. Sequences are gap-free per team and become
/// visible in order, whichever instance appended them. One connection: not thread-safe,
/// the hub serialises calls.
class PostgresEnvelopeLog final : public EnvelopeLog {
  public:
    /// Connects with a libpq connection string ("host=db1 dbname=nmdt_hub user=nmdt_hub")
    /// and creates the schema if the database has none.
    explicit PostgresEnvelopeLog(const std::string& connection);
    ~PostgresEnvelopeLog() override;

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
    std::unique_ptr<PostgresEnvelopeLogImpl> impl_;
};

}  // namespace nmdt::storage
