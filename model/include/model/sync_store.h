#pragma once
// What sync needs from the local store, beyond the ordinary reads and the write path.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/store.h"
#include "model/sync_types.h"

namespace nmdt {

/// The sync side of the encrypted store. Every method that writes does so in one
/// transaction, so a crash leaves either all of it or none of it.
class SyncStore {
  public:
    virtual ~SyncStore() = default;

    /// This desktop's own changes after `afterSequence`, oldest first, with base stamps.
    virtual std::vector<SyncEntry> outbox(std::int64_t afterSequence, std::size_t limit) const = 0;
    /// The latest wall clock among own changes in (afterSequence, throughSequence]; 0 if none.
    virtual std::int64_t newestOwnWallMs(std::int64_t afterSequence,
                                         std::int64_t throughSequence) const = 0;
    /// Own changes the hub has not acknowledged yet.
    virtual std::size_t pendingChanges() const = 0;
    virtual SyncCursors syncCursors() const = 0;
    /// The hub holds every own change up to `throughSequence`.
    virtual void recordPushed(std::int64_t throughSequence) = 0;
    /// Own entries whose clocks ran ahead of the hub: re-stamp them as every other desktop
    /// will (clampStamp) and settle any conflict the new stamps decide differently.
    virtual void clampOwnStamps(const std::vector<SyncEntry>& entries, std::int64_t hubTimeMs,
                                std::int64_t hubSequence) = 0;
    /// Merges a page of received batches and moves the pull cursor to `cursor`, together.
    virtual ApplyReport applyReceived(const std::vector<ReceivedBatch>& page, std::int64_t cursor,
                                      const std::vector<SyncProblem>& problems) = 0;
    /// Notes the end of a sync run: success time, or the problem that stopped it.
    virtual void recordSyncOutcome(std::int64_t atMs,
                                   const std::optional<SyncProblem>& problem) = 0;
    /// Most recent first.
    virtual std::vector<SyncProblem> syncProblems(std::size_t limit) const = 0;
    virtual std::vector<SyncConflict> conflicts(bool openOnly) const = 0;
    /// Commits the edit that settles an open conflict and marks it resolved, in one
    /// transaction. Throws StoreError(NotFound) if it is not open (then nothing is written).
    virtual void resolveConflict(std::int64_t id, const std::string& resolution,
                                 const ChangeSet& edit, const Actor& actor) = 0;
    /// Open cases that share an NHS number (the same person created on two desktops).
    virtual std::vector<DuplicatePerson> duplicatePeople() const = 0;

    /// Settings kept inside the encrypted store (team key, hub address, certificates).
    virtual std::optional<std::string> syncSetting(const std::string& key) const = 0;
    virtual void setSyncSetting(const std::string& key, const std::string& value) = 0;
    /// The certificate subject a site's envelopes were first signed with (trust on first use).
    virtual std::optional<std::string> siteSigner(const std::string& site) const = 0;

    /// The case an entity belongs to, for consent gating; none for directory and meetings.
    virtual std::optional<CaseId> owningCase(EntityKind kind, const std::string& id) const = 0;
    /// A field's value as stored now; none if the entity is not here.
    virtual std::optional<FieldValue> currentValue(EntityKind kind, const std::string& id,
                                                   const std::string& field) const = 0;
    /// Every record of a case as it stands (case, contacts, consents, care team, plans,
    /// needs, goals, actions, shared notes, agenda items), each with its fields' stamps: what
    /// an organisation newly allowed to see the case is sent. Stamped as `by` sharing it.
    virtual std::vector<SyncEntry> caseSnapshot(const CaseId& id,
                                                const ChangeLogEntry& by) const = 0;
    /// Every case held here, open or closed (for a snapshot).
    virtual std::vector<CaseId> caseIds() const = 0;
    /// Every record that belongs to no case, as caseSnapshot gives a case's: organisations,
    /// people, meeting series, meetings, participants, then actions and agenda items that
    /// name no case; referenced kinds first, private notes never.
    virtual std::vector<SyncEntry> recordsOutsideCases(const ChangeLogEntry& by) const = 0;
    /// Received entries held here until a record they refer to arrives.
    virtual std::size_t heldEntries() const = 0;
    /// Loads one checked snapshot chunk in one transaction: a record not here yet is written
    /// with its stamps as it stands (no merge, no change-log row: it is history elsewhere);
    /// one already here, or one whose parent is not, goes through the ordinary merge.
    virtual ApplyReport loadSnapshotChunk(const SnapshotChunkLoad& load) = 0;

    /// Removes from the change log every entry with a wall clock before `olderThanWallMs`
    /// that the hub holds (received, or own and pushed): partners have it from the hub,
    /// and the records hold its values where no later change replaced them. Everything not
    /// yet pushed stays. Works in batches of `batch` sequences, each in its own transaction
    /// (a crash keeps what was done); `progress` (done, of) after each. Records, their
    /// stamps and the audit trail are not touched. Returns how many entries went.
    virtual std::size_t compactChangeLog(
        std::int64_t olderThanWallMs, std::size_t batch,
        const std::function<void(std::int64_t done, std::int64_t of)>& progress) = 0;

    /// Whether this desktop created the entity after own change-log sequence
    /// `afterSequence` (so everything of it is still to be sent). Asked of the creation
    /// itself, which is never compacted before it is sent.
    virtual bool createdHereAfter(const std::string& entityId,
                                  std::int64_t afterSequence) const = 0;
    /// True for entries that must never leave this desktop (private progress notes).
    virtual bool isPrivate(EntityKind kind, const std::string& id) const = 0;
};

}  // namespace nmdt
