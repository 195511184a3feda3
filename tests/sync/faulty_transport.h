#pragma once
// A HubTransport that loses, duplicates and replays requests at random: what a bad network
// (and a retrying client) can do to the hub.

#include <memory>
#include <random>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt::test {

/// Rates of each fault, per request.
struct FaultRates {
    double dropRequest = 0.0;  // fails before reaching the hub
    double loseAnswer = 0.0;   // reaches the hub, the answer is lost
    double duplicate = 0.0;    // reaches the hub twice
    double replayOld = 0.0;    // an earlier push of this desktop arrives again, late
};

/// Pushes this desktop made, kept across sync runs so old ones can be replayed.
struct PushHistory {
    struct Push {
        std::string team, site;
        std::int64_t from = 0, through = 0;
        std::vector<SealedEnvelope> envelopes;
    };
    std::vector<Push> pushes;
};

/// Passes everything to `inner`; tests override the call they interfere with.
struct ForwardingTransport : HubTransport {
    std::unique_ptr<HubTransport> inner;
    PushResult push(const std::string& team, const std::string& site, std::int64_t from,
                    std::int64_t through, const std::vector<SealedEnvelope>& envelopes) override {
        return inner->push(team, site, from, through, envelopes);
    }
    PullPage pull(const std::string& team, std::int64_t after, std::size_t limit,
                  const std::string& ownSite, std::int64_t keepAfter) override {
        return inner->pull(team, after, limit, ownSite, keepAfter);
    }
    void announce(const KeyAnnouncement& a) override { inner->announce(a); }
    void publishSnapshotChunk(const SealedSnapshotChunk& c) override {
        inner->publishSnapshotChunk(c);
    }
    std::optional<SnapshotListing> latestSnapshot(const std::string& team) override {
        return inner->latestSnapshot(team);
    }
    SealedSnapshotChunk snapshotChunk(const std::string& team, const std::string& id,
                                      int chunk) override {
        return inner->snapshotChunk(team, id, chunk);
    }
};

class FaultyTransport final : public HubTransport {
  public:
    FaultyTransport(std::unique_ptr<HubTransport> inner, FaultRates rates, std::mt19937_64& rng,
                    PushHistory& history)
        : inner_(std::move(inner)), rates_(rates), rng_(rng), history_(history) {}

    PushResult push(const std::string& team, const std::string& site, std::int64_t from,
                    std::int64_t through, const std::vector<SealedEnvelope>& envelopes) override {
        if (chance(rates_.replayOld) && !history_.pushes.empty()) {
            std::uniform_int_distribution<std::size_t> pick(0, history_.pushes.size() - 1);
            const auto& old = history_.pushes[pick(rng_)];
            inner_->push(old.team, old.site, old.from, old.through, old.envelopes);
        }
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        history_.pushes.push_back({team, site, from, through, envelopes});
        auto result = inner_->push(team, site, from, through, envelopes);
        if (chance(rates_.duplicate))
            inner_->push(team, site, from, through, envelopes);
        if (chance(rates_.loseAnswer))
            throw SyncError(SyncError::Kind::Network, "test: answer lost");
        return result;
    }

    void announce(const KeyAnnouncement& a) override {
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        inner_->announce(a);
    }
    PullPage pull(const std::string& team, std::int64_t after, std::size_t limit,
                  const std::string& ownSite, std::int64_t keepAfter) override {
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        auto page = inner_->pull(team, after, limit, ownSite, keepAfter);
        if (chance(rates_.loseAnswer))
            throw SyncError(SyncError::Kind::Network, "test: answer lost");
        return page;
    }

    void publishSnapshotChunk(const SealedSnapshotChunk& c) override {
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        inner_->publishSnapshotChunk(c);
        if (chance(rates_.duplicate))
            inner_->publishSnapshotChunk(c);
        if (chance(rates_.loseAnswer))
            throw SyncError(SyncError::Kind::Network, "test: answer lost");
    }
    std::optional<SnapshotListing> latestSnapshot(const std::string& team) override {
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        return inner_->latestSnapshot(team);
    }
    SealedSnapshotChunk snapshotChunk(const std::string& team, const std::string& id,
                                      int chunk) override {
        if (chance(rates_.dropRequest))
            throw SyncError(SyncError::Kind::Network, "test: request dropped");
        auto c = inner_->snapshotChunk(team, id, chunk);
        if (chance(rates_.loseAnswer))
            throw SyncError(SyncError::Kind::Network, "test: answer lost");
        return c;
    }

  private:
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

    std::unique_ptr<HubTransport> inner_;
    FaultRates rates_;
    std::mt19937_64& rng_;
    PushHistory& history_;
};

}  // namespace nmdt::test
