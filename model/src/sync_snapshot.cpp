// Snapshots: a member desktop publishes its organisation's current records; a new desktop
// of the organisation loads them in bulk and pulls on from the snapshot's cursor instead of
// replaying the team's whole history.
#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <mutex>
#include <thread>
#include <utility>

#include "model/case_audience.h"
#include "model/permissions.h"
#include "model/store_error.h"
#include "model/sync_engine.h"

namespace nmdt {

namespace {
/// "<snapshot id>:<next chunk>" while a join loads, "refused:<snapshot id>" once refused.
constexpr const char* kProgressSetting = "snapshot_progress";
constexpr const char* kRefusedPrefix = "refused:";
/// Chunks fetched, opened and checked ahead of the one being written.
constexpr std::size_t kChunksAhead = 32;

/// A chunk as fetched, opened and checked, or why it may not be loaded.
struct PreparedChunk {
    OpenedSnapshotChunk chunk;
    std::string refusal;
};

/// Prepares chunks [from, to) in order on a thread of its own, at most kChunksAhead in
/// front of the one the caller takes: fetching, decrypting and checking run beside the
/// writing, with one request at a time on the transport.
class ChunkPipeline {
  public:
    ChunkPipeline(std::function<PreparedChunk(int)> prepare, int from, int to)
        : prepare_(std::move(prepare)), thread_([this, from, to] { run(from, to); }) {}
    ~ChunkPipeline() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    ChunkPipeline(const ChunkPipeline&) = delete;
    ChunkPipeline& operator=(const ChunkPipeline&) = delete;

    /// The next chunk in order; rethrows whatever preparing it threw (the network, a stop).
    PreparedChunk next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !ready_.empty(); });
        Item item = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        changed_.notify_all();
        if (item.error)
            std::rethrow_exception(item.error);
        return std::move(item.prepared);
    }

  private:
    struct Item {
        PreparedChunk prepared;
        std::exception_ptr error;
    };
    void run(int from, int to) {
        for (int index = from; index < to; ++index) {
            Item item;
            try {
                item.prepared = prepare_(index);
            } catch (...) {
                item.error = std::current_exception();
            }
            const bool failed = static_cast<bool>(item.error);
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return stopping_ || ready_.size() < kChunksAhead; });
                if (stopping_)
                    return;
                ready_.push_back(std::move(item));
            }
            changed_.notify_all();
            if (failed)
                return;
        }
    }

    std::function<PreparedChunk(int)> prepare_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Item> ready_;
    bool stopping_ = false;
    std::thread thread_;  // last: it starts once everything it uses is made
};
}  // namespace

std::string SyncEngine::refusalOfChunk(const OpenedSnapshotChunk& chunk,
                                       const SnapshotListing& listing, int index,
                                       const std::string& own) const {
    const auto& h = chunk.header;
    if (h.team != options_.team || h.id != listing.id || h.chunk != index ||
        h.site != listing.site || h.cursor != listing.cursor ||
        h.last != (index + 1 == listing.chunks))
        return "the hub sent a chunk that is not chunk " + std::to_string(index) +
               " of the snapshot it listed";
    if (h.organisation != own || chunk.signerOrganisation != own)
        return "it was made for organisation " + h.organisation + " by a desktop of " +
               chunk.signerOrganisation + ", not by one of " + own;
    return refusalOfSnapshotRecords(chunk.entries, own);
}

void SyncEngine::joinFromSnapshot(SyncReport& report) {
    if (!options_.joinFromSnapshot || sync_.syncCursors().pulledThrough != 0)
        return;
    auto listing = withRetries([&] { return hub_.latestSnapshot(options_.team); });
    if (!listing)
        return;
    const std::string progress = sync_.syncSetting(kProgressSetting).value_or(std::string());
    if (progress == kRefusedPrefix + listing->id)
        return;  // refused before: the history is replayed instead
    int next = 0;
    if (progress.size() > listing->id.size() &&
        progress.compare(0, listing->id.size(), listing->id) == 0 &&
        progress[listing->id.size()] == ':')
        next = std::atoi(progress.c_str() + listing->id.size() + 1);
    if (next >= listing->chunks)
        return;

    // Fetching, opening and checking chunks happen on a second thread while the ones
    // before them are written here: only the store's connection stays on this thread.
    const std::string own = sealer_.ownOrganisation();
    auto prepare = [this, &listing, &own](int index) {
        auto sealed =
            withRetries([&] { return hub_.snapshotChunk(options_.team, listing->id, index); });
        PreparedChunk p;
        try {
            p.chunk = sealer_.openSnapshotChunk(sealed);
            p.refusal = refusalOfChunk(p.chunk, *listing, index, own);
        } catch (const SyncError& e) {
            if (e.retryable())
                throw;
            p.refusal = e.what();
        }
        return p;
    };
    // Checked chunks are written together (options_.snapshotLoadRecords at a time).
    std::vector<SyncEntry> batch;
    std::string signer;
    auto load = [&](int through, bool last) {
        SnapshotChunkLoad chunkLoad{
            listing->site, signer, std::move(batch), listing->id + ":" + std::to_string(through),
            last ? std::optional<std::int64_t>(listing->cursor) : std::nullopt};
        batch.clear();
        const auto applied = sync_.loadSnapshotChunk(chunkLoad);
        report.snapshotRecords += applied.entriesApplied;
        report.applied.entriesApplied += applied.entriesApplied;
        report.applied.fieldsChanged += applied.fieldsChanged;
        report.applied.conflicts += applied.conflicts;
        report.applied.refused += applied.refused;
    };
    ChunkPipeline pipeline(prepare, next, listing->chunks);
    for (int index = next; index < listing->chunks; ++index) {
        PreparedChunk p;
        try {
            p = pipeline.next();
        } catch (...) {
            // The network cut (or a stop): what is checked is kept, the next run goes on.
            if (!batch.empty())
                load(index, false);
            throw;
        }
        const bool last = index + 1 == listing->chunks;
        if (p.refusal.empty()) {
            if (!signer.empty() && p.chunk.signer != signer)
                p.refusal = "its chunks were signed by two desktops";
            else if (auto known = sync_.siteSigner(listing->site);
                     known && *known != p.chunk.signer)
                p.refusal = "it claims site " + listing->site + " but was signed by " +
                            p.chunk.signer + ", not " + *known;
        }
        if (!p.refusal.empty()) {
            // What was loaded stays (each chunk was checked): the replay from the start
            // merges over it as over any record already here.
            sync_.setSyncSetting(kProgressSetting, kRefusedPrefix + listing->id);
            report.snapshotRefused = SyncProblem{
                options_.now(), "refused-snapshot",
                "the snapshot " + listing->id + " from site " + listing->site + " was refused (" +
                    p.refusal + "); this desktop fetches the team's history instead"};
            sync_.recordSyncOutcome(options_.now(), report.snapshotRefused);
            return;
        }
        signer = p.chunk.signer;
        batch.insert(batch.end(), std::make_move_iterator(p.chunk.entries.begin()),
                     std::make_move_iterator(p.chunk.entries.end()));
        if (last || batch.size() >= std::max<std::size_t>(1, options_.snapshotLoadRecords))
            load(index + 1, last);
    }
    report.joinedFromSnapshot = true;
}

SnapshotPublishReport SyncEngine::publishSnapshot() {
    SnapshotPublishReport out;
    // Sending the organisation's records is the administrator's decision, as setting the
    // organisation up is.
    if (options_.auditAs && !isAllowed(*options_.auditAs, Operation::PublishSnapshot)) {
        out.outcome = SnapshotPublishReport::Outcome::NotPermitted;
        return out;
    }
    try {
        const auto cursors = sync_.syncCursors();
        out.cursor = cursors.pulledThrough;
        if (cursors.pulledThrough == 0) {
            out.outcome = SnapshotPublishReport::Outcome::NeverPulled;
            return out;
        }
        if (sync_.heldEntries() > 0) {
            out.outcome = SnapshotPublishReport::Outcome::EntriesHeld;
            return out;
        }
        if (!sync_.syncSetting("set_aside_envelopes").value_or(std::string()).empty()) {
            out.outcome = SnapshotPublishReport::Outcome::EnvelopesSetAside;
            return out;
        }
        const std::int64_t now = options_.now();
        ChangeLogEntry by;
        by.siteId = store_.siteId();
        by.hlc = {now, 0};
        if (options_.auditAs) {
            by.userId = options_.auditAs->userId.str();
            by.userName = options_.auditAs->userName;
            by.role = std::string(codeOf(options_.auditAs->role));
            by.organisationId = options_.auditAs->organisationId.str();
        }
        const std::string own = sealer_.ownOrganisation();
        out.id =
            by.siteId + "-" + std::to_string(cursors.pulledThrough) + "-" + std::to_string(now);
        SnapshotHeader header{options_.team,         by.siteId, own,  out.id, sealer_.keyId(),
                              cursors.pulledThrough, 0,         false};
        const std::size_t perChunk = std::max<std::size_t>(1, options_.snapshotChunkRecords);
        std::vector<SyncEntry> pending;
        auto send = [&](std::vector<SyncEntry> records, bool last) {
            header.chunk = out.chunks;
            header.last = last;
            auto sealed = sealer_.sealSnapshotChunk(header, records);
            withRetries([&] {
                hub_.publishSnapshotChunk(sealed);
                return true;
            });
            ++out.chunks;
            out.records += records.size();
        };
        // The directory and meetings first (every record refers to them), in full chunks.
        auto outside = sync_.recordsOutsideCases(by);
        for (std::size_t at = 0; at < outside.size(); at += perChunk) {
            auto end = std::min(outside.size(), at + perChunk);
            std::vector<SyncEntry> part(std::make_move_iterator(outside.begin() + at),
                                        std::make_move_iterator(outside.begin() + end));
            if (end == outside.size())
                pending = std::move(part);  // may share a chunk with the first cases
            else
                send(std::move(part), false);
        }
        // Then each case the organisation may see, whole within one chunk (a joiner checks
        // a case's consent with the records beside it).
        // The consent rule as a joiner applies it: unlike envelopes, which always reach the
        // author's own organisation, a case whose latest consent refuses the organisation
        // stays out (its desktops that hold it keep it; a new one does not get it).
        for (const auto& caseId : sync_.caseIds()) {
            auto referral = store_.caseById(caseId);
            if (!referral)
                continue;
            auto audience = caseAudience(*referral, store_.consents(caseId));
            if (std::find(audience.begin(), audience.end(), own) == audience.end())
                continue;
            if (pending.size() >= perChunk)
                send(std::exchange(pending, {}), false);
            auto records = sync_.caseSnapshot(caseId, by);
            pending.insert(pending.end(), std::make_move_iterator(records.begin()),
                           std::make_move_iterator(records.end()));
        }
        send(std::move(pending), true);
        out.outcome = SnapshotPublishReport::Outcome::Published;
        if (options_.auditAs)
            store_.commit(
                ChangeSet::auditOnly({AuditEventKind::Sync, options_.team,
                                      "published snapshot " + out.id + " of " +
                                          std::to_string(out.records) + " records in " +
                                          std::to_string(out.chunks) + " chunks for " + own}),
                *options_.auditAs);
    } catch (const Stopped&) {
        out.outcome = SnapshotPublishReport::Outcome::Stopped;
    } catch (const SyncError& e) {
        out.outcome = SnapshotPublishReport::Outcome::Failed;
        out.problem = SyncProblem{
            options_.now(), e.kind() == SyncError::Kind::Network ? "network" : "refused", e.what()};
    } catch (const StoreError& e) {
        out.outcome = SnapshotPublishReport::Outcome::Failed;
        out.problem = SyncProblem{options_.now(), "store", e.what()};
    }
    return out;
}

}  // namespace nmdt
