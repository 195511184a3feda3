#pragma once
// One sync run: push this desktop's outbox to the hub, then pull and merge what partners
// sent. Resumable at any point: the hub acknowledges pushes by sequence, and each pulled
// page is merged together with its cursor.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "model/store.h"
#include "model/sync_ports.h"
#include "model/sync_store.h"

namespace nmdt {

/// What one run did, for the status bar and the CLI.
struct SyncReport {
    std::size_t pushedChanges = 0;
    std::size_t pushedEnvelopes = 0;
    std::size_t withheldChanges = 0;  // private, or not consented for anyone else
    std::size_t receivedEnvelopes = 0;
    ApplyReport applied;
    std::size_t refusedEnvelopes = 0;
    /// Sealed with a team key this desktop does not hold: kept aside (by hub sequence) and
    /// fetched again once the key arrives, so they never hold up what comes after them.
    std::size_t setAsideEnvelopes = 0;
    std::size_t reopenedEnvelopes = 0;  // set aside earlier, opened and applied this run
    bool completed = false;
    bool stopped = false;  // asked to stop (the window closing); the next run resumes
    std::optional<SyncProblem> problem;
    /// Joining: records loaded from the organisation's snapshot this run, and whether the
    /// whole snapshot is now loaded (the pull then went on from its cursor).
    std::size_t snapshotRecords = 0;
    bool joinedFromSnapshot = false;
    /// Why a snapshot was refused (the desktop then fetches the team's whole history).
    std::optional<SyncProblem> snapshotRefused;
};

/// What publishing a snapshot did.
struct SnapshotPublishReport {
    enum class Outcome {
        Published,
        NeverPulled,        // nothing from the team here yet: nothing to snapshot
        EntriesHeld,        // received changes wait here for a record: the state is partial
        EnvelopesSetAside,  // envelopes wait for a key: the state is partial
        Stopped,
        NotPermitted,  // the person syncing (SyncOptions::auditAs) may not publish
        Failed         // problem says why
    };
    Outcome outcome = Outcome::Failed;
    std::string id;
    int chunks = 0;
    std::size_t records = 0;
    std::int64_t cursor = 0;
    std::optional<SyncProblem> problem;
};

/// Tunables; defaults suit a desktop on an NHS network.
struct SyncOptions {
    std::string team;
    std::size_t pushBatch = 500;  // changes per push request
    std::size_t pullPage = 200;   // envelopes per pull request
    int attempts = 5;             // per request, for network failures
    std::chrono::milliseconds firstBackoff{200};
    /// Waits between attempts; tests replace it to run without sleeping.
    std::function<void(std::chrono::milliseconds)> sleep;
    /// Wall clock in ms since the epoch, for the success time and problems.
    std::function<std::int64_t()> now;
    /// Who the audit trail names for a run that sent or received anything.
    std::optional<Actor> auditAs;
    /// Asked before every request and retry: true ends the run where it is (what was sent
    /// or applied stays; the next run resumes). Unset, a run goes to the end.
    std::function<bool()> stopRequested;
    /// A desktop that has never pulled loads its organisation's newest snapshot first, when
    /// the hub holds one, and pulls on from where it was made.
    bool joinFromSnapshot = true;
    /// Records per chunk of a snapshot this desktop publishes.
    std::size_t snapshotChunkRecords = 1000;
    /// Records of a snapshot written per transaction while joining (each commit writes and
    /// checkpoints the pages it touched, so a join commits every few thousand records). The
    /// window's saves wait for the transaction under way: 5,000 keeps that wait near 0.1 s
    /// for about 5% on the join against 20,000 (docs/performance.md).
    std::size_t snapshotLoadRecords = 5000;
};

/// Runs sync for one store against one hub.
class SyncEngine {
  public:
    SyncEngine(Store& store, SyncStore& sync, EnvelopeSealer& sealer, HubTransport& hub,
               SyncOptions options);
    /// Never throws for network or hub trouble: the report carries the problem in plain
    /// words and the next run resumes where this one stopped.
    SyncReport run();
    /// Publishes the current records this desktop's organisation may see (everything here
    /// but private notes and cases whose consent does not reach the organisation) as a
    /// snapshot for the organisation's new desktops to join from. Run after a sync: it is
    /// as of the last pull. Never throws for network or hub trouble.
    SnapshotPublishReport publishSnapshot();

  private:
    /// Thrown between requests when a stop was asked for.
    struct Stopped {};
    void stopIfAsked() const;
    void announceKey();
    void push(SyncReport& report);
    /// One push request's worth of the outbox, read from `scanned`, grouped by audience
    /// and sealed as covering (from, through]. Reads the store; writes nothing.
    struct PreparedPush {
        std::int64_t through = 0;
        std::size_t changes = 0;   // outbox entries read (0: the outbox is done)
        std::size_t withheld = 0;  // of them, seen by no organisation: never sent
        std::vector<std::pair<std::vector<std::string>, std::vector<SyncEntry>>> groups;
        std::vector<SealedEnvelope> envelopes;
    };
    PreparedPush preparePush(const std::string& site, std::int64_t from, std::int64_t scanned,
                             std::size_t batch);
    void pull(SyncReport& report);
    /// On a desktop that has never pulled: loads the organisation's newest snapshot, chunk
    /// by chunk (resuming where a cut run stopped), each checked before it is loaded.
    void joinFromSnapshot(SyncReport& report);
    /// Why a chunk opened for snapshot `listing` must not be loaded by a desktop of `own`
    /// (empty: it may). Reads nothing from the store, so it runs beside the writing.
    std::string refusalOfChunk(const OpenedSnapshotChunk& chunk, const SnapshotListing& listing,
                               int index, const std::string& own) const;
    /// Whether an own envelope coming back holds changes stamped ahead of the hub's time.
    bool ownRanAhead(const SealedEnvelope& envelope) const;
    /// Clamps those changes as every reader did (fetching the envelope whole if left out).
    void clampOwn(const SealedEnvelope& envelope);
    /// Organisations that may see a case's records (sorted); memoised per push batch in
    /// `byCase`, since it depends only on what the store holds, not on the entry.
    using CaseAudiences = std::map<std::string, std::vector<std::string>>;
    std::vector<std::string> audienceOf(const SyncEntry& entry, CaseAudiences& byCase);
    std::vector<std::string> audienceOfCase(const CaseId& caseId);
    template <class F>
    auto withRetries(F&& f) -> decltype(f());

    Store& store_;
    SyncStore& sync_;
    EnvelopeSealer& sealer_;
    HubTransport& hub_;
    SyncOptions options_;
};

// In the header: sync_engine.cpp and sync_snapshot.cpp both retry requests.
template <class F>
auto SyncEngine::withRetries(F&& f) -> decltype(f()) {
    auto wait = options_.firstBackoff;
    for (int attempt = 1;; ++attempt) {
        stopIfAsked();
        try {
            return f();
        } catch (const SyncError& e) {
            if (!e.retryable() || attempt >= options_.attempts)
                throw;
            options_.sleep(wait);
            wait = std::min(wait * 2, std::chrono::milliseconds(30000));
        }
    }
}

/// Who holds an action as this desktop knows it (its owner and owning organisation).
struct ActionHolder {
    std::string owner;
    std::string organisation;
};
/// Looks up an action's holder; nullopt for an action this desktop has not seen.
using ActionHolders = std::function<std::optional<ActionHolder>(const std::string& actionId)>;

/// A person's organisation as this desktop knows it; nullopt for someone not seen yet.
using PeopleOrganisations = std::function<std::optional<std::string>(const std::string& personId)>;

/// Whether an organisation has an active administrator of its own in this directory.
using HasOwnAdministrator = std::function<bool(const std::string& organisationId)>;

/// Why a received change must not be applied (empty when it may): the organisation it
/// claims is not the one that signed it, or its author's role may not make it (with
/// `holders`, also a navigator's or VCFSE worker's change to an action, or note on one,
/// held by someone else; with `peopleOrganisations`, an administrator's change to another
/// organisation's people or to another organisation; with `hasOwnAdministrator`, an
/// administrator adding or moving someone into another organisation that has its own).
std::string refusalOfReceived(const SyncEntry& entry, const std::string& signerOrganisation,
                              const ActionHolders& holders = {},
                              const PeopleOrganisations& peopleOrganisations = {},
                              const HasOwnAdministrator& hasOwnAdministrator = {});

}  // namespace nmdt
