// The sync half of the encrypted store: outbox, cursors, and the merge of received changes.
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <limits>
#include <set>
#include <tuple>

#include "migrations.h"
#include "model/merge_rules.h"
#include "set_aside_indexes.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"
#include "write_transaction.h"

namespace nmdt::storage {

namespace {

constexpr const char* kPushedKey = "sync_pushed_through";
constexpr const char* kPulledKey = "sync_pulled_through";
constexpr const char* kLastSuccessKey = "sync_last_success";

std::int64_t metaInt(SQLite::Database& db, const char* key) {
    auto v = metaValue(db, key);
    return v.empty() ? 0 : std::stoll(v);
}

std::string encodeValue(const FieldValue& v) {
    return encodeFields({{"v", v}});
}
FieldValue decodeValue(const std::string& text) {
    auto fields = decodeFields(text);
    return fields.empty() ? FieldValue() : fields.front().value;
}
std::string encodeStamp(const SiteStamp& s) {
    return encodeStamps({{"s", s}});
}
SiteStamp decodeStamp(const std::string& text) {
    auto stamps = decodeStamps(text);
    return stamps.empty() ? SiteStamp{} : stamps.front().stamp;
}

/// The kind a reference field points at, for fields the schema declares as references.
std::optional<EntityKind> parentOf(EntityKind kind, std::string_view field) {
    if (field == "case_id" && kind != EntityKind::Case)
        return EntityKind::Case;
    if (field == "plan_id")
        return EntityKind::CarePlan;
    if (field == "meeting_id" &&
        (kind == EntityKind::Participant || kind == EntityKind::AgendaItem))
        return EntityKind::Meeting;
    if (field == "action_id" && kind == EntityKind::ProgressNote)
        return EntityKind::Action;
    if (field == "organisation_id" && kind == EntityKind::Professional)
        return EntityKind::Organisation;
    if (field == "series_id" && kind == EntityKind::Meeting)
        return EntityKind::MeetingSeries;
    if (field == "mdt_series_id" && kind == EntityKind::Case)
        return EntityKind::MeetingSeries;
    return std::nullopt;
}

bool holdsAnyCase(StoreImpl& s) {
    auto st = s.prepare("SELECT 1 FROM cases LIMIT 1");
    return st->executeStep();
}

bool rowExists(StoreImpl& s, EntityKind kind, const std::string& id) {
    auto st = s.prepare("SELECT 1 FROM " + tableOf(kind) + " WHERE id = ?");
    st->bind(1, id);
    return st->executeStep();
}

std::optional<FieldList> readRow(StoreImpl& s, EntityKind kind, const std::string& id) {
    std::string sql = "SELECT ";
    auto names = entityFieldNames(kind);
    for (std::size_t i = 0; i < names.size(); ++i)
        sql += (i ? ", " : "") + std::string(names[i]);
    sql += " FROM " + tableOf(kind) + " WHERE id = ?";
    auto st = s.prepare(sql);
    st->bind(1, id);
    if (!st->executeStep())
        return std::nullopt;
    FieldList row;
    for (std::size_t i = 0; i < names.size(); ++i)
        row.push_back({std::string(names[i]), columnValue(st->getColumn(static_cast<int>(i)))});
    return row;
}

const FieldValue& valueIn(const FieldList& row, std::string_view name) {
    static const FieldValue null;
    for (const auto& f : row)
        if (f.name == name)
            return f.value;
    return null;
}

/// A connection catching up (a page of thousands of entries, as when a desktop joins a
/// team) gets a page cache eight times the usual: each entry lands at random keys in a
/// dozen B-trees, and with 32 MB every page's transaction re-read (and decrypted) pages it
/// had just evicted. Its commits also stop waiting for the disk (synchronous=NORMAL: in
/// WAL mode a power cut can lose the last commits but never corrupts): each page commits
/// with its cursor, so a lost page is simply pulled again. Commits on other connections
/// (people's edits) still wait for the disk, and take these with them. Both stay for the
/// connection, which sync opens for its run.
void prepareForCatchUp(StoreImpl& s, std::size_t entries) {
    constexpr std::size_t kCatchUpEntries = 2000;
    if (entries >= kCatchUpEntries && !s.catchingUp) {
        s.db->exec("PRAGMA cache_size = -262144");  // 256 MB
        s.db->exec("PRAGMA synchronous = NORMAL");
        s.catchingUp = true;
    }
}

SyncEntry readEntry(SQLite::Statement& st, SQLite::Database& db, PackedNames& names) {
    SyncEntry out;
    auto& e = out.change;
    e.sequence = st.getColumn(0).getInt64();
    e.hlc = {st.getColumn(1).getInt64(), static_cast<std::uint32_t>(st.getColumn(2).getInt64())};
    e.siteId = st.getColumn(3).getString();
    auto kind = entityKindFromName(st.getColumn(4).getString());
    if (!kind)
        throw StoreError(StoreErrorCode::Corrupt, "change log names an unknown entity");
    e.kind = *kind;
    e.entityId = st.getColumn(5).getString();
    e.op = st.getColumn(6).getString() == "create" ? ChangeOp::Create : ChangeOp::Update;
    try {
        e.fields = decodeFields(st.getColumn(7).getString());
    } catch (const MalformedChangeData& bad) {
        throw StoreError(StoreErrorCode::Corrupt, bad.what());
    }
    out.base = unpackStamps(db, names, st.getColumn(13));
    e.intent = st.getColumn(8).getString();
    e.userId = st.getColumn(9).getString();
    e.userName = st.getColumn(10).getString();
    e.role = st.getColumn(11).getString();
    e.organisationId = st.getColumn(12).getString();
    return out;
}

// A held entry is kept as an encoded field list so it survives exactly as received.
std::string encodeHeld(const SyncEntry& entry, std::int64_t hubTimeMs, std::int64_t hubSequence) {
    const auto& e = entry.change;
    return encodeFields({{"kind", std::string(entityKindName(e.kind))},
                         {"id", e.entityId},
                         {"op", std::string(e.op == ChangeOp::Create ? "create" : "update")},
                         {"wall", e.hlc.wallMs},
                         {"counter", static_cast<std::int64_t>(e.hlc.counter)},
                         {"site", e.siteId},
                         {"fields", encodeFields(e.fields)},
                         {"base", encodeStamps(entry.base)},
                         {"intent", e.intent},
                         {"user", e.userId},
                         {"user_name", e.userName},
                         {"role", e.role},
                         {"org", e.organisationId},
                         {"field_stamps", encodeStamps(entry.fieldStamps)},
                         {"hub_time", hubTimeMs},
                         {"hub_seq", hubSequence}});
}

struct HeldEntry {
    SyncEntry entry;
    std::int64_t hubTimeMs = 0;
    std::int64_t hubSequence = 0;
};

HeldEntry decodeHeld(const std::string& text) {
    Record r(decodeFields(text));
    HeldEntry h;
    auto& e = h.entry.change;
    auto kind = entityKindFromName(r.text("kind"));
    if (!kind)
        throw StoreError(StoreErrorCode::Corrupt, "held entry names an unknown entity");
    e.kind = *kind;
    e.entityId = r.text("id");
    e.op = r.text("op") == "create" ? ChangeOp::Create : ChangeOp::Update;
    e.hlc = {r.integer("wall"), static_cast<std::uint32_t>(r.integer("counter"))};
    e.siteId = r.text("site");
    e.fields = decodeFields(r.text("fields"));
    h.entry.base = decodeStamps(r.text("base"));
    h.entry.fieldStamps = decodeStamps(r.text("field_stamps"));
    e.intent = r.text("intent");
    e.userId = r.text("user");
    e.userName = r.text("user_name");
    e.role = r.text("role");
    e.organisationId = r.text("org");
    h.hubTimeMs = r.integer("hub_time");
    h.hubSequence = r.integer("hub_seq");
    return h;
}

/// Merges received entries into the store; one instance per transaction.
class Merger {
  public:
    Merger(StoreImpl& s, ApplyReport& report, std::vector<SyncProblem>& problems,
           std::int64_t nowMs)
        : s_(s), report_(report), problems_(problems), nowMs_(nowMs) {}

    /// Applies one entry, or holds it until the row it refers to arrives.
    bool apply(const SyncEntry& entry, std::int64_t hubTimeMs, std::int64_t hubSequence,
               bool fromHold) {
        const auto& e = entry.change;
        try {
            checkAgainstSchema(e.kind, e.entityId, e.op, e.fields);
        } catch (const StoreError& bad) {
            ++report_.refused;
            problems_.push_back({nowMs_, "refused-change", bad.what()});
            return true;
        }
        for (const auto& f : e.fields) {
            auto parent = parentOf(e.kind, f.name);
            auto ref = std::get_if<std::string>(&f.value);
            if (parent && ref && !rowExists(s_, *parent, *ref))
                return hold(entry, hubTimeMs, hubSequence, *ref, fromHold);
        }
        SiteStamp stamp = clampStamp({e.hlc, e.siteId}, hubTimeMs, hubSequence);
        if (stamp.hlc != e.hlc && !fromHold) {
            ++report_.clamped;
            if (clampedSites_.insert(e.siteId).second)
                problems_.push_back(
                    {nowMs_, "clock-clamped",
                     "changes from " + describe(e) + " carried a clock " +
                         std::to_string((e.hlc.wallMs - hubTimeMs) / 60000) +
                         " minutes ahead of the hub; they were ordered as of the hub's time"});
        }
        s_.hlc.receive(stamp.hlc, nowMs_);
        FieldList applied;
        if (isAppendOnly(e.kind)) {
            if (rowExists(s_, e.kind, e.entityId))
                return true;  // a replay
            applyChange(s_, e.kind, e.entityId, ChangeOp::Create, e.fields);
            applied = e.fields;
        } else if (auto row = readRow(s_, e.kind, e.entityId)) {
            applied = merge(entry, stamp, *row, hubTimeMs, hubSequence);
        } else {
            if (e.op == ChangeOp::Update)
                return hold(entry, hubTimeMs, hubSequence, e.entityId, fromHold);
            FieldStamps clocks;
            for (const auto& f : e.fields)
                setStamp(clocks, f.name, stampOf(entry, f.name, stamp, hubTimeMs, hubSequence));
            applyChange(s_, e.kind, e.entityId, ChangeOp::Create, e.fields, &clocks);
            applied = e.fields;
        }
        ChangeLogEntry logged = e;
        logged.hlc = stamp.hlc;
        appendToChangeLog(s_, logged, entry.base);
        ++report_.entriesApplied;
        report_.fieldsChanged += applied.size();
        return true;
    }

  private:
    static std::string describe(const ChangeLogEntry& e) {
        return e.userName.empty() ? "site " + e.siteId : e.userName + " (site " + e.siteId + ")";
    }

    bool hold(const SyncEntry& entry, std::int64_t hubTimeMs, std::int64_t hubSequence,
              const std::string& waitingFor, bool fromHold) {
        if (fromHold)
            return false;  // still waiting: the caller keeps it
        auto st = s_.prepare("INSERT INTO sync_held (waiting_for, entry) VALUES (?, ?)");
        st->bind(1, waitingFor);
        st->bind(2, encodeHeld(entry, hubTimeMs, hubSequence));
        st->exec();
        return true;
    }

    /// A field's stamp: the entry's, or for a re-sent record the field's own.
    static SiteStamp stampOf(const SyncEntry& entry, std::string_view field,
                             const SiteStamp& entryStamp, std::int64_t hubTimeMs,
                             std::int64_t hubSequence) {
        if (auto own = findStamp(entry.fieldStamps, field))
            return clampStamp(*own, hubTimeMs, hubSequence);
        return entryStamp;
    }

    FieldList merge(const SyncEntry& entry, const SiteStamp& entryStamp, const FieldList& row,
                    std::int64_t hubTimeMs, std::int64_t hubSequence) {
        const auto& e = entry.change;
        FieldStamps clocks = readClocks(s_, e.kind, e.entityId);
        FieldList winners;
        for (const auto& f : e.fields) {
            const SiteStamp* local = findStamp(clocks, f.name);
            const SiteStamp* base = findStamp(entry.base, f.name);
            const FieldValue& localValue = valueIn(row, f.name);
            const SiteStamp stamp = stampOf(entry, f.name, entryStamp, hubTimeMs, hubSequence);
            auto d = decideField(
                e.kind, f.name, local ? std::optional<SiteStamp>(*local) : std::nullopt, localValue,
                stamp, f.value, base ? std::optional<SiteStamp>(*base) : std::nullopt);
            if (d.conflict && !entry.isSnapshot()) {  // a re-sent record is not a new edit
                if (d.takeRemote)
                    recordConflict(e, f.name, f.value, stamp, localValue, *local, nullptr);
                else
                    recordConflict(e, f.name, localValue, *local, f.value, stamp, &e);
            } else if (base && local && *base == *local) {
                supersedeConflicts(e, f.name);
            }
            if (d.takeRemote) {
                if (f.value != localValue)
                    winners.push_back(f);
                setStamp(clocks, f.name, stamp);
            }
        }
        if (winners.empty())
            writeClocks(s_, e.kind, e.entityId, clocks);
        else
            applyChange(s_, e.kind, e.entityId, ChangeOp::Update, winners, &clocks);
        return winners;
    }

    void recordConflict(const ChangeLogEntry& e, const std::string& field, const FieldValue& kept,
                        const SiteStamp& keptStamp, const FieldValue& lost,
                        const SiteStamp& lostStamp, const ChangeLogEntry* lostAuthor) {
        std::string user, org;
        if (lostAuthor) {
            user = lostAuthor->userName;
            org = lostAuthor->organisationId;
        } else {
            auto st = s_.prepare(
                "SELECT user_name, organisation_id FROM change_log WHERE entity_id = ? AND "
                "site_id = ? AND hlc_wall = ? AND hlc_counter = ? LIMIT 1");
            st->bind(1, e.entityId);
            st->bind(2, lostStamp.site);
            st->bind(3, static_cast<std::int64_t>(lostStamp.hlc.wallMs));
            st->bind(4, static_cast<std::int64_t>(lostStamp.hlc.counter));
            if (st->executeStep()) {
                user = st->getColumn(0).getString();
                org = st->getColumn(1).getString();
            }
        }
        auto st = s_.prepare(
            "INSERT INTO sync_conflicts (entity, entity_id, field, kept_value, kept_stamp,"
            " lost_value, lost_stamp, lost_user, lost_org, detected_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st->bind(1, std::string(entityKindName(e.kind)));
        st->bind(2, e.entityId);
        st->bind(3, field);
        st->bind(4, encodeValue(kept));
        st->bind(5, encodeStamp(keptStamp));
        st->bind(6, encodeValue(lost));
        st->bind(7, encodeStamp(lostStamp));
        st->bind(8, user);
        st->bind(9, org);
        st->bind(10, static_cast<std::int64_t>(nowMs_));
        st->exec();
        ++report_.conflicts;
    }

    void supersedeConflicts(const ChangeLogEntry& e, const std::string& field) {
        auto st = s_.prepare(
            "UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE entity_id = ? AND "
            "field = ? AND resolved_at IS NULL");
        st->bind(1, static_cast<std::int64_t>(nowMs_));
        st->bind(2, "settled by a later edit by " + describe(e));
        st->bind(3, e.entityId);
        st->bind(4, field);
        st->exec();
    }

    StoreImpl& s_;
    ApplyReport& report_;
    std::vector<SyncProblem>& problems_;
    std::int64_t nowMs_;
    std::set<std::string> clampedSites_;
};

/// How many problems are kept: a desktop offline for a week records one every five
/// minutes, and only the recent ones help anyone.
constexpr std::int64_t kProblemsKept = 500;

void insertProblems(StoreImpl& s, const std::vector<SyncProblem>& problems) {
    for (const auto& p : problems) {
        auto st = s.prepare("INSERT INTO sync_problems (at, kind, message) VALUES (?, ?, ?)");
        st->bind(1, static_cast<std::int64_t>(p.atMs));
        st->bind(2, p.kind);
        st->bind(3, p.message);
        st->exec();
    }
    if (!problems.empty()) {
        auto prune = s.prepare(
            "DELETE FROM sync_problems WHERE id <= (SELECT MAX(id) FROM "
            "sync_problems) - ?");
        prune->bind(1, kProblemsKept);
        prune->exec();
    }
}

void writeSetting(StoreImpl& s, const std::string& key, const std::string& value) {
    auto st = s.prepare("INSERT OR REPLACE INTO sync_settings (key, value) VALUES (?, ?)");
    st->bind(1, key);
    st->bind(2, value);
    st->exec();
}

/// Binds a site to the certificate that first signed for it (trust on first use).
void bindSite(StoreImpl& s, const std::string& site, const std::string& signer) {
    auto bind = s.prepare("INSERT OR IGNORE INTO sync_sites (site_id, signer) VALUES (?, ?)");
    bind->bind(1, site);
    bind->bind(2, signer);
    bind->exec();
}

/// Applies entries held for a row that has now arrived, oldest first, until none moves.
void applyHeld(StoreImpl& s, Merger& merger) {
    for (bool progress = true; progress;) {
        progress = false;
        SQLite::Statement held(*s.db, "SELECT id, entry FROM sync_held ORDER BY id");
        std::vector<std::pair<std::int64_t, std::string>> rows;
        while (held.executeStep())
            rows.emplace_back(held.getColumn(0).getInt64(), held.getColumn(1).getString());
        for (const auto& [id, text] : rows) {
            auto h = decodeHeld(text);
            if (merger.apply(h.entry, h.hubTimeMs, h.hubSequence, true)) {
                auto del = s.prepare("DELETE FROM sync_held WHERE id = ?");
                del->bind(1, static_cast<std::int64_t>(id));
                del->exec();
                progress = true;
            }
        }
    }
}

/// Whether a snapshot record can be written as it stands: new here, with every record it
/// refers to already here (otherwise the merge decides, or holds it).
bool loadsDirectly(StoreImpl& s, const SyncEntry& entry) {
    const auto& e = entry.change;
    if (e.op != ChangeOp::Create || !entry.isSnapshot() || rowExists(s, e.kind, e.entityId))
        return false;
    for (const auto& f : e.fields) {
        auto parent = parentOf(e.kind, f.name);
        auto ref = std::get_if<std::string>(&f.value);
        if (parent && ref && !rowExists(s, *parent, *ref))
            return false;
    }
    return true;
}

/// Records as they stand, each with its fields' stamps, stamped as `by` sending them.
std::vector<SyncEntry> recordsAsStamped(StoreImpl& s,
                                        const std::vector<std::pair<EntityKind, std::string>>& rows,
                                        const ChangeLogEntry& by, const std::string& intent) {
    std::vector<SyncEntry> out;
    for (const auto& [kind, rowId] : rows) {
        auto row = readRow(s, kind, rowId);
        if (!row)
            continue;
        SyncEntry e;
        e.change = by;
        e.change.kind = kind;
        e.change.entityId = rowId;
        e.change.op = ChangeOp::Create;
        e.change.intent = intent;
        e.change.fields = *row;
        e.fieldStamps = readClocks(s, kind, rowId);
        // Fields with no stamp (history from before per-field stamps) go as of now.
        for (const auto& f : *row)
            if (!findStamp(e.fieldStamps, f.name))
                setStamp(e.fieldStamps, f.name, SiteStamp{by.hlc, by.siteId});
        out.push_back(std::move(e));
    }
    return out;
}

constexpr const char* kEntrySelect =
    "SELECT sequence, hlc_wall, hlc_counter, site_id, entity, entity_id, op, fields, intent,"
    " user_id, user_name, role, organisation_id, base_stamps FROM change_log ";

}  // namespace

std::vector<SyncEntry> SqlCipherStore::outbox(std::int64_t afterSequence, std::size_t limit) const {
    return guarded([&] {
        auto st = impl_->prepare(std::string(kEntrySelect) +
                                 "WHERE site_id = ? AND sequence > ? ORDER BY sequence LIMIT ?");
        st->bind(1, impl_->siteId);
        st->bind(2, static_cast<std::int64_t>(afterSequence));
        st->bind(3, static_cast<std::int64_t>(limit));
        std::vector<SyncEntry> out;
        while (st->executeStep())
            out.push_back(readEntry(*st, *impl_->db, impl_->packedNames));
        return out;
    });
}

std::int64_t SqlCipherStore::newestOwnWallMs(std::int64_t afterSequence,
                                             std::int64_t throughSequence) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT coalesce(max(hlc_wall), 0) FROM change_log"
            " WHERE site_id = ? AND sequence > ? AND sequence <= ?");
        st->bind(1, impl_->siteId);
        st->bind(2, afterSequence);
        st->bind(3, throughSequence);
        st->executeStep();
        return st->getColumn(0).getInt64();
    });
}

std::size_t SqlCipherStore::pendingChanges() const {
    return guarded([&] {
        auto st =
            impl_->prepare("SELECT count(*) FROM change_log WHERE site_id = ? AND sequence > ?");
        st->bind(1, impl_->siteId);
        st->bind(2, static_cast<std::int64_t>(metaInt(*impl_->db, kPushedKey)));
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

SyncCursors SqlCipherStore::syncCursors() const {
    return guarded([&] {
        return SyncCursors{metaInt(*impl_->db, kPushedKey), metaInt(*impl_->db, kPulledKey),
                           metaInt(*impl_->db, kLastSuccessKey)};
    });
}

void SqlCipherStore::recordPushed(std::int64_t throughSequence) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        setMeta(*impl_, kPushedKey, std::to_string(throughSequence));
        tx.commit();
    });
}

void SqlCipherStore::clampOwnStamps(const std::vector<SyncEntry>& entries, std::int64_t hubTimeMs,
                                    std::int64_t hubSequence) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        for (const auto& entry : entries) {
            const auto& e = entry.change;
            if (isAppendOnly(e.kind))
                continue;
            const SiteStamp original{e.hlc, e.siteId};
            const SiteStamp clamped = clampStamp(original, hubTimeMs, hubSequence);
            FieldStamps clocks = readClocks(*impl_, e.kind, e.entityId);
            for (const auto& f : e.fields) {
                const SiteStamp* current = findStamp(clocks, f.name);
                if (!current || *current != original)
                    continue;  // a later value has replaced it already
                setStamp(clocks, f.name, clamped);
                // A concurrent value that lost to the unclamped stamp may now win: settle it
                // as every other desktop will.
                auto st = impl_->prepare(
                    "SELECT id, lost_value, lost_stamp FROM sync_conflicts WHERE "

                    "entity_id = ? AND field = ? AND resolved_at IS NULL ORDER BY id");
                st->bind(1, e.entityId);
                st->bind(2, f.name);
                std::vector<std::tuple<std::int64_t, FieldValue, SiteStamp>> open;
                while (st->executeStep())
                    open.emplace_back(st->getColumn(0).getInt64(),
                                      decodeValue(st->getColumn(1).getString()),
                                      decodeStamp(st->getColumn(2).getString()));
                for (const auto& [conflictId, lostValue, lostStamp] : open) {
                    // Decide again as a receiver will: the two writes were concurrent.
                    auto row = readRow(*impl_, e.kind, e.entityId);
                    const FieldValue now = row ? valueIn(*row, f.name) : FieldValue();
                    const SiteStamp mine = *findStamp(clocks, f.name);
                    auto d =
                        decideField(e.kind, f.name, mine, now, lostStamp, lostValue, std::nullopt);
                    if (!d.takeRemote)
                        continue;
                    applyChange(
                        *impl_,
                        EntityChange{e.kind, e.entityId, ChangeOp::Update, {{f.name, lostValue}}});
                    setStamp(clocks, f.name, lostStamp);
                    auto flip = impl_->prepare(
                        "UPDATE sync_conflicts SET kept_value = ?, kept_stamp = ?, lost_value = ?,"
                        " lost_stamp = ? WHERE id = ?");
                    flip->bind(1, encodeValue(lostValue));
                    flip->bind(2, encodeStamp(lostStamp));
                    flip->bind(3, encodeValue(now));
                    flip->bind(4, encodeStamp(mine));
                    flip->bind(5, static_cast<std::int64_t>(conflictId));
                    flip->exec();
                }
            }
            writeClocks(*impl_, e.kind, e.entityId, clocks);
        }
        tx.commit();
    });
}

ApplyReport SqlCipherStore::applyReceived(const std::vector<ReceivedBatch>& page,
                                          std::int64_t cursor,
                                          const std::vector<SyncProblem>& incomingProblems) {
    const HybridLogicalClock before = impl_->hlc;
    try {
        return guarded([&] {
            ApplyReport report;
            std::vector<SyncProblem> problems = incomingProblems;
            const std::int64_t now = toMillis(impl_->clock->now());
            std::size_t entries = 0;
            for (const auto& batch : page)
                entries += batch.entries.size();
            prepareForCatchUp(*impl_, entries);
            // A join that stopped part way (its snapshot refused) replays with every index.
            rebuildSetAsideIndexes(*impl_->db);
            WriteTransaction tx(*impl_->db);
            Merger merger(*impl_, report, problems, now);
            for (const auto& batch : page) {
                bindSite(*impl_, batch.site, batch.signer);
                for (const auto& entry : batch.entries)
                    merger.apply(entry, batch.hubTimeMs, batch.hubSequence, false);
            }
            applyHeld(*impl_, merger);
            insertProblems(*impl_, problems);
            setMeta(*impl_, "hlc", encodeHlc(impl_->hlc.last()));
            setMeta(*impl_, kPulledKey, std::to_string(cursor));
            tx.commit();
            return report;
        });
    } catch (...) {
        impl_->hlc = before;
        throw;
    }
}

void SqlCipherStore::recordSyncOutcome(std::int64_t atMs,
                                       const std::optional<SyncProblem>& problem) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        if (problem)
            insertProblems(*impl_, {*problem});
        else
            setMeta(*impl_, kLastSuccessKey, std::to_string(atMs));
        tx.commit();
    });
}

std::vector<SyncProblem> SqlCipherStore::syncProblems(std::size_t limit) const {
    return guarded([&] {
        auto st =
            impl_->prepare("SELECT at, kind, message FROM sync_problems ORDER BY id DESC LIMIT ?");
        st->bind(1, static_cast<std::int64_t>(limit));
        std::vector<SyncProblem> out;
        while (st->executeStep())
            out.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                           st->getColumn(2).getString()});
        return out;
    });
}

std::vector<SyncConflict> SqlCipherStore::conflicts(bool openOnly) const {
    return guarded([&] {
        std::string sql =
            "SELECT id, entity, entity_id, field, kept_value, kept_stamp, lost_value, lost_stamp,"
            " lost_user, lost_org, detected_at, resolved_at, resolution FROM sync_conflicts";
        if (openOnly)
            sql += " WHERE resolved_at IS NULL";
        sql += " ORDER BY id";
        auto st = impl_->prepare(sql);
        std::vector<SyncConflict> out;
        while (st->executeStep()) {
            SyncConflict c;
            c.id = st->getColumn(0).getInt64();
            c.kind = entityKindFromName(st->getColumn(1).getString()).value_or(EntityKind::Case);
            c.entityId = st->getColumn(2).getString();
            c.field = st->getColumn(3).getString();
            c.keptValue = decodeValue(st->getColumn(4).getString());
            c.keptStamp = decodeStamp(st->getColumn(5).getString());
            c.lostValue = decodeValue(st->getColumn(6).getString());
            c.lostStamp = decodeStamp(st->getColumn(7).getString());
            c.lostUserName = st->getColumn(8).getString();
            c.lostOrganisationId = st->getColumn(9).getString();
            c.detectedAtMs = st->getColumn(10).getInt64();
            c.resolved = !st->getColumn(11).isNull();
            c.resolution = st->getColumn(12).getString();
            out.push_back(std::move(c));
        }
        return out;
    });
}

void SqlCipherStore::resolveConflict(std::int64_t id, const std::string& resolution,
                                     const ChangeSet& edit, const Actor& actor) {
    commitWith(edit, actor, [&] {
        auto st = impl_->prepare(
            "UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND "
            "resolved_at IS NULL");
        st->bind(1, static_cast<std::int64_t>(toMillis(impl_->clock->now())));
        st->bind(2, resolution);
        st->bind(3, static_cast<std::int64_t>(id));
        st->exec();
        if (impl_->db->getChanges() == 0)
            throw StoreError(StoreErrorCode::NotFound, "open conflict " + std::to_string(id));
    });
}

std::vector<DuplicatePerson> SqlCipherStore::duplicatePeople() const {
    return guarded([&] {
        SQLite::Statement st(
            *impl_->db,
            "SELECT nhs_number, id FROM cases WHERE status = 'open' AND nhs_number IN"
            " (SELECT nhs_number FROM cases WHERE status = 'open' AND nhs_number <> ''"
            "  GROUP BY nhs_number HAVING count(*) > 1)"
            " ORDER BY nhs_number, created_at, id");
        std::vector<DuplicatePerson> out;
        while (st.executeStep()) {
            std::string nhs = st.getColumn(0).getString();
            if (out.empty() || out.back().nhsNumber != nhs)
                out.push_back({nhs, {}});
            out.back().caseIds.push_back(st.getColumn(1).getString());
        }
        return out;
    });
}

std::optional<std::string> SqlCipherStore::syncSetting(const std::string& key) const {
    return guarded([&]() -> std::optional<std::string> {
        auto st = impl_->prepare("SELECT value FROM sync_settings WHERE key = ?");
        st->bind(1, key);
        if (!st->executeStep())
            return std::nullopt;
        return st->getColumn(0).getString();
    });
}

void SqlCipherStore::setSyncSetting(const std::string& key, const std::string& value) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        writeSetting(*impl_, key, value);
        tx.commit();
    });
}

std::optional<std::string> SqlCipherStore::siteSigner(const std::string& site) const {
    return guarded([&]() -> std::optional<std::string> {
        auto st = impl_->prepare("SELECT signer FROM sync_sites WHERE site_id = ?");
        st->bind(1, site);
        if (!st->executeStep())
            return std::nullopt;
        return st->getColumn(0).getString();
    });
}

std::optional<CaseId> SqlCipherStore::owningCase(EntityKind kind, const std::string& id) const {
    return guarded([&]() -> std::optional<CaseId> {
        std::string sql;
        switch (kind) {
            case EntityKind::Case:
                return CaseId(id);
            case EntityKind::Contact:
            case EntityKind::Consent:
            case EntityKind::CareTeamMember:
            case EntityKind::CarePlan:
            case EntityKind::Action:
            case EntityKind::AgendaItem:
            case EntityKind::WellbeingScore:
                sql = "SELECT case_id FROM " + tableOf(kind) + " WHERE id = ?";
                break;
            case EntityKind::Need:
            case EntityKind::Goal:
                sql = "SELECT p.case_id FROM " + tableOf(kind) +
                      " x JOIN care_plans p ON p.id = x.plan_id WHERE x.id = ?";
                break;
            case EntityKind::ProgressNote:
                sql =
                    "SELECT a.case_id FROM progress_notes n JOIN actions a ON a.id = n.action_id"
                    " WHERE n.id = ?";
                break;
            default:
                return std::nullopt;
        }
        auto st = impl_->prepare(sql);
        st->bind(1, id);
        if (!st->executeStep())
            return std::nullopt;
        return CaseId(st->getColumn(0).getString());
    });
}

bool SqlCipherStore::isPrivate(EntityKind kind, const std::string& id) const {
    if (kind != EntityKind::ProgressNote)
        return false;
    return guarded([&] {
        auto st = impl_->prepare("SELECT private FROM progress_notes WHERE id = ?");
        st->bind(1, id);
        return st->executeStep() && st->getColumn(0).getInt() != 0;
    });
}

std::optional<FieldValue> SqlCipherStore::currentValue(EntityKind kind, const std::string& id,
                                                       const std::string& field) const {
    return guarded([&]() -> std::optional<FieldValue> {
        auto row = readRow(*impl_, kind, id);
        if (!row)
            return std::nullopt;
        return valueIn(*row, field);
    });
}

std::size_t SqlCipherStore::compactChangeLog(
    std::int64_t olderThanWallMs, std::size_t batch,
    const std::function<void(std::int64_t, std::int64_t)>& progress) {
    return guarded([&]() -> std::size_t {
        auto& db = *impl_->db;
        const std::int64_t last =
            db.execAndGet("SELECT coalesce(max(sequence), 0) FROM change_log").getInt64();
        const std::int64_t step = static_cast<std::int64_t>(std::max<std::size_t>(batch, 1));
        std::size_t removed = 0;
        for (std::int64_t from = 0; from < last; from += step) {
            WriteTransaction tx(db);
            const std::int64_t pushed = metaInt(db, kPushedKey);
            db.exec("DROP TRIGGER change_log_no_delete");
            SQLite::Statement drop(
                db,
                "DELETE FROM change_log WHERE sequence > ? AND sequence <= ? AND hlc_wall < ?"
                " AND (site_id <> ? OR sequence <= ?)");
            drop.bind(1, from);
            drop.bind(2, std::min(last, from + step));
            drop.bind(3, olderThanWallMs);
            drop.bind(4, impl_->siteId);
            drop.bind(5, pushed);
            removed += static_cast<std::size_t>(drop.exec());
            db.exec(kChangeLogNoDeleteTrigger);
            tx.commit();
            if (progress)
                progress(std::min(last, from + step), last);
        }
        return removed;
    });
}

void SqlCipherStore::reclaimFreeSpace() {
    guarded([&] {
        impl_->db->exec("VACUUM");
        // In WAL mode the rewritten file goes through the write-ahead log first: without
        // this the log holds a second copy of the store until the next checkpoint.
        impl_->db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    });
}

bool SqlCipherStore::createdHereAfter(const std::string& entityId,
                                      std::int64_t afterSequence) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT 1 FROM change_log INDEXED BY change_log_entity WHERE entity_id = ? AND"
            " sequence > ? AND op = 'create' AND site_id = ? LIMIT 1");
        st->bind(1, entityId);
        st->bind(2, afterSequence);
        st->bind(3, impl_->siteId);
        return st->executeStep();
    });
}

std::vector<SyncEntry> SqlCipherStore::caseSnapshot(const CaseId& id,
                                                    const ChangeLogEntry& by) const {
    return guarded([&] {
        std::vector<std::pair<EntityKind, std::string>> rows{{EntityKind::Case, id.str()}};
        auto collect = [&](EntityKind kind, const std::string& sql, const std::string& key) {
            SQLite::Statement st(*impl_->db, sql);
            st.bind(1, key);
            while (st.executeStep())
                rows.emplace_back(kind, st.getColumn(0).getString());
        };
        for (EntityKind kind :
             {EntityKind::Contact, EntityKind::Consent, EntityKind::CareTeamMember,
              EntityKind::CarePlan, EntityKind::Action, EntityKind::AgendaItem,
              EntityKind::WellbeingScore})
            collect(kind, "SELECT id FROM " + tableOf(kind) + " WHERE case_id = ? ORDER BY id",
                    id.str());
        for (EntityKind kind : {EntityKind::Need, EntityKind::Goal})
            collect(
                kind,
                "SELECT x.id FROM " + tableOf(kind) +
                    " x JOIN care_plans p ON p.id = x.plan_id WHERE p.case_id = ? ORDER BY x.id",
                id.str());
        collect(EntityKind::ProgressNote,
                "SELECT n.id FROM progress_notes n JOIN actions a ON a.id = n.action_id"
                " WHERE a.case_id = ? AND n.private = 0 ORDER BY n.id",
                id.str());
        return recordsAsStamped(*impl_, rows, by, "share-on-consent");
    });
}

std::vector<CaseId> SqlCipherStore::caseIds() const {
    return guarded([&] {
        SQLite::Statement st(*impl_->db, "SELECT id FROM cases ORDER BY id");
        std::vector<CaseId> out;
        while (st.executeStep())
            out.emplace_back(st.getColumn(0).getString());
        return out;
    });
}

std::vector<SyncEntry> SqlCipherStore::recordsOutsideCases(const ChangeLogEntry& by) const {
    return guarded([&] {
        std::vector<std::pair<EntityKind, std::string>> rows;
        auto collect = [&](EntityKind kind, const std::string& sql) {
            SQLite::Statement st(*impl_->db, sql);
            while (st.executeStep())
                rows.emplace_back(kind, st.getColumn(0).getString());
        };
        for (EntityKind kind :
             {EntityKind::Organisation, EntityKind::Professional, EntityKind::MeetingSeries,
              EntityKind::Meeting, EntityKind::Participant})
            collect(kind, "SELECT id FROM " + tableOf(kind) + " ORDER BY id");
        for (EntityKind kind : {EntityKind::Action, EntityKind::AgendaItem})
            collect(kind, "SELECT id FROM " + tableOf(kind) + " WHERE case_id IS NULL ORDER BY id");
        collect(EntityKind::ProgressNote,
                "SELECT n.id FROM progress_notes n JOIN actions a ON a.id = n.action_id"
                " WHERE a.case_id IS NULL AND n.private = 0 ORDER BY n.id");
        return recordsAsStamped(*impl_, rows, by, "snapshot");
    });
}

std::size_t SqlCipherStore::heldEntries() const {
    return guarded([&] {
        SQLite::Statement st(*impl_->db, "SELECT COUNT(*) FROM sync_held");
        st.executeStep();
        return static_cast<std::size_t>(st.getColumn(0).getInt64());
    });
}

ApplyReport SqlCipherStore::loadSnapshotChunk(const SnapshotChunkLoad& load) {
    const HybridLogicalClock before = impl_->hlc;
    ApplyReport loaded;
    try {
        loaded = guarded([&] {
            ApplyReport report;
            std::vector<SyncProblem> problems;
            const std::int64_t now = toMillis(impl_->clock->now());
            // Chunks are smaller than a catch-up page; a join is a catch-up all the same.
            prepareForCatchUp(*impl_, std::max<std::size_t>(load.entries.size(), 2000));
            WriteTransaction tx(*impl_->db);
            bindSite(*impl_, load.site, load.signer);
            Merger merger(*impl_, report, problems, now);
            // A join into a store without cases writes its records first and builds the
            // indexes after, each in one sorted pass, rather than keeping two dozen of them
            // in order at random keys record by record (about a sixth of a large join).
            if (!load.cursor && !holdsAnyCase(*impl_))
                setRecordIndexesAside(*impl_->db);
            // Stamps in a snapshot were clamped where they were first received: none is
            // clamped again here.
            constexpr std::int64_t kNoClamp = std::numeric_limits<std::int64_t>::max() / 4;
            HlcStamp newest{};
            for (const auto& entry : load.entries) {
                const auto& e = entry.change;
                for (const auto& f : entry.fieldStamps)
                    newest = std::max(newest, f.stamp.hlc);
                if (!loadsDirectly(*impl_, entry)) {
                    merger.apply(entry, kNoClamp, 0, false);
                    continue;
                }
                try {
                    checkAgainstSchema(e.kind, e.entityId, e.op, e.fields);
                } catch (const StoreError& bad) {
                    ++report.refused;
                    problems.push_back({now, "refused-change", bad.what()});
                    continue;
                }
                applyChange(*impl_, e.kind, e.entityId, ChangeOp::Create, e.fields,
                            keepsStamps(e.kind) ? &entry.fieldStamps : nullptr);
                ++report.entriesApplied;
                report.fieldsChanged += e.fields.size();
            }
            applyHeld(*impl_, merger);
            if (newest.wallMs > 0)
                impl_->hlc.receive(newest, now);
            insertProblems(*impl_, problems);
            setMeta(*impl_, "hlc", encodeHlc(impl_->hlc.last()));
            writeSetting(*impl_, "snapshot_progress", load.progress);
            if (load.cursor)
                setMeta(*impl_, kPulledKey, std::to_string(*load.cursor));
            tx.commit();
            return report;
        });
    } catch (...) {
        impl_->hlc = before;
        throw;
    }
    // Loaded and committed: the indexes are built now, each in its own transaction so that
    // the window's writes never wait long behind them. Then the write-ahead log, which the
    // window's reads and writes beside the load keep from starting over (it reached twice
    // the store's size), is copied into the store and emptied.
    if (load.cursor)
        guarded([&] {
            rebuildSetAsideIndexes(*impl_->db);
            // Most of the log is copied without holding up writers first; the emptying
            // checkpoint, which makes them wait, then has little left to copy.
            impl_->db->exec("PRAGMA wal_checkpoint(PASSIVE)");
            impl_->db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        });
    return loaded;
}

std::string SqlCipherStore::canonicalDump() const {
    return guarded([&] {
        std::string out;
        for (EntityKind kind : allEntityKinds()) {
            if (isLocalOnly(kind))
                continue;  // the synced state only: case-finding lists stay where they are
            std::string sql = "SELECT id";
            for (auto f : entityFieldNames(kind))
                sql += ", " + std::string(f);
            sql += " FROM " + tableOf(kind) + " ORDER BY id";
            SQLite::Statement st(*impl_->db, sql);
            auto names = entityFieldNames(kind);
            while (st.executeStep()) {
                FieldList row;
                for (std::size_t i = 0; i < names.size(); ++i)
                    row.push_back({std::string(names[i]),
                                   columnValue(st.getColumn(static_cast<int>(i + 1)))});
                out += std::string(entityKindName(kind)) + " " + st.getColumn(0).getString() + " " +
                       encodeFields(row) + "\n";
            }
        }
        return out;
    });
}

}  // namespace nmdt::storage
