#include "storage/sqlcipher_store.h"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <filesystem>

#include "encrypted_database.h"
#include "migrations.h"
#include "model/search_key.h"
#include "model/utf8_path.h"
#include "set_aside_indexes.h"
#include "store_impl.h"
#include "write_transaction.h"

namespace nmdt::storage {

namespace {
constexpr int kSqliteConstraint = 19;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;

}  // namespace

std::string metaValue(SQLite::Database& db, const std::string& key) {
    SQLite::Statement st(db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

void setMeta(StoreImpl& s, const std::string& key, const std::string& value) {
    auto st = s.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    st->bind(1, key);
    st->bind(2, value);
    st->exec();
}

void bindValue(SQLite::Statement& st, int index, const FieldValue& v) {
    if (auto i = std::get_if<std::int64_t>(&v))
        st.bind(index, static_cast<std::int64_t>(*i));
    else if (auto s = std::get_if<std::string>(&v))
        st.bind(index, *s);
    else
        st.bind(index);
}

/// Refuses a change that names an unknown field, or edits an append-only row.
void checkAgainstSchema(EntityKind kind, const std::string& id, ChangeOp op,
                        const FieldList& fields) {
    if (id.empty())
        throw StoreError(StoreErrorCode::InvalidChange, "change without an id");
    auto known = entityFieldNames(kind);
    for (const auto& f : fields) {
        if (std::find(known.begin(), known.end(), f.name) == known.end())
            throw StoreError(StoreErrorCode::InvalidChange,
                             std::string(entityKindName(kind)) + " has no field " + f.name);
    }
    if (op == ChangeOp::Update && isAppendOnly(kind))
        throw StoreError(StoreErrorCode::InvalidChange,
                         std::string(entityKindName(kind)) + " is append-only");
}

void checkAgainstSchema(const EntityChange& change) {
    checkAgainstSchema(change.kind, change.id, change.op, change.fields);
}

/// Columns the store derives from a change's fields (folded names for search).
FieldList derivedColumns(EntityKind kind, const FieldList& fields) {
    FieldList extra;
    if (kind != EntityKind::Case)
        return extra;
    for (const auto& f : fields) {
        auto s = std::get_if<std::string>(&f.value);
        if (f.name == "family_name")
            extra.push_back({"search_family", foldForSearch(s ? *s : "")});
        if (f.name == "given_name")
            extra.push_back({"search_given", foldForSearch(s ? *s : "")});
    }
    return extra;
}

void applyChange(StoreImpl& s, EntityKind kind, const std::string& id, ChangeOp op,
                 const FieldList& fields, const FieldStamps* stamps) {
    const FieldList extra = derivedColumns(kind, fields);
    const std::string table = tableOf(kind);
    std::string sql;
    if (op == ChangeOp::Create) {
        sql = "INSERT INTO " + table + " (id";
        for (const auto* list : {&fields, &extra})
            for (const auto& c : *list)
                sql += ", " + c.name;
        if (stamps)
            sql += ", field_stamps";
        sql += ") VALUES (?";
        for (std::size_t i = 0; i < fields.size() + extra.size() + (stamps ? 1 : 0); ++i)
            sql += ", ?";
        sql += ")";
    } else {
        sql = "UPDATE " + table + " SET ";
        const char* separator = "";
        for (const auto* list : {&fields, &extra})
            for (const auto& c : *list) {
                sql += separator + c.name + " = ?";
                separator = ", ";
            }
        if (stamps)
            sql += std::string(separator) + "field_stamps = ?";
        sql += " WHERE id = ?";
    }
    auto st = s.prepare(sql);
    int index = 1;
    if (op == ChangeOp::Create)
        st->bind(index++, id);
    for (const auto* list : {&fields, &extra})
        for (const auto& c : *list)
            bindValue(*st, index++, c.value);
    std::vector<unsigned char> packed;
    if (stamps && !keepsStamps(kind))
        throw StoreError(StoreErrorCode::InvalidChange,
                         std::string(entityKindName(kind)) + " keeps no stamps");
    if (stamps) {
        packed = packStamps(*s.db, s.packedNames, *stamps);
        st->bind(index++, packed.data(), static_cast<int>(packed.size()));
    }
    if (op == ChangeOp::Update)
        st->bind(index, id);
    st->exec();
    if (op == ChangeOp::Update && s.db->getChanges() == 0)
        throw StoreError(StoreErrorCode::NotFound, std::string(entityKindName(kind)) + " " + id);
}

void applyChange(StoreImpl& s, const EntityChange& change) {
    applyChange(s, change.kind, change.id, change.op, change.fields);
}

void appendToChangeLog(StoreImpl& s, const ChangeLogEntry& e, const FieldStamps& base) {
    auto st = s.prepare(
        "INSERT INTO change_log (hlc_wall, hlc_counter, site_id, entity, entity_id, op, fields,"
        " intent, user_id, user_name, role, organisation_id, base_stamps)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(e.hlc.wallMs));
    st->bind(2, static_cast<std::int64_t>(e.hlc.counter));
    st->bind(3, e.siteId);
    st->bind(4, std::string(entityKindName(e.kind)));
    st->bind(5, e.entityId);
    st->bind(6, e.op == ChangeOp::Create ? "create" : "update");
    st->bind(7, encodeFields(e.fields));
    st->bind(8, e.intent);
    st->bind(9, e.userId);
    st->bind(10, e.userName);
    st->bind(11, e.role);
    st->bind(12, e.organisationId);
    const auto packed = packStamps(*s.db, s.packedNames, base);
    st->bind(13, packed.data(), static_cast<int>(packed.size()));
    st->exec();
}

FieldStamps readClocks(StoreImpl& s, EntityKind kind, const std::string& entityId) {
    if (!keepsStamps(kind))
        return {};
    auto st = s.prepare("SELECT field_stamps FROM " + tableOf(kind) + " WHERE id = ?");
    st->bind(1, entityId);
    if (!st->executeStep() || st->getColumn(0).isNull())
        return {};
    return unpackStamps(*s.db, s.packedNames, st->getColumn(0));
}

void writeClocks(StoreImpl& s, EntityKind kind, const std::string& entityId,
                 const FieldStamps& stamps) {
    if (!keepsStamps(kind))
        return;
    auto st = s.prepare("UPDATE " + tableOf(kind) + " SET field_stamps = ? WHERE id = ?");
    const auto packed = packStamps(*s.db, s.packedNames, stamps);
    st->bind(1, packed.data(), static_cast<int>(packed.size()));
    st->bind(2, entityId);
    st->exec();
}

HlcStamp decodeHlcText(const std::string& hlc) {
    auto dot = hlc.find('.');
    if (dot == std::string::npos)
        return {};
    return {std::stoll(hlc.substr(0, dot)),
            static_cast<std::uint32_t>(std::stoul(hlc.substr(dot + 1)))};
}

namespace {
/// What an audit entry says about a commit: the entities it touched, by kind and id only
/// (no names: the trail is exported for governance review).
std::string changeSummary(const ChangeSet& changes) {
    std::string out;
    std::size_t listed = 0;
    for (const auto& c : changes.changes()) {
        if (listed == 20) {
            out += " and " + std::to_string(changes.changes().size() - listed) + " more";
            break;
        }
        out += (listed++ ? ", " : "") + std::string(entityKindName(c.kind)) + ":" + c.id;
    }
    return out;
}

void applyEntityChanges(StoreImpl& impl, const ChangeSet& changes, const Actor& actor) {
    // Another connection (background sync) may have merged later stamps: follow them, so
    // this edit orders after everything it could have seen.
    if (auto stored = decodeHlcText(metaValue(*impl.db, "hlc")); stored > impl.hlc.last())
        impl.hlc = HybridLogicalClock(stored);
    HlcStamp stamp = impl.hlc.tick(toMillis(impl.clock->now()));
    const SiteStamp mine{stamp, impl.siteId};
    for (const auto& c : changes.changes()) {
        applyChange(impl, c);
        impl.writeStep();
        if (isLocalOnly(c.kind))
            continue;  // never leaves this desktop: no stamps, nothing for the outbox
        ChangeLogEntry e;
        e.hlc = stamp;
        e.siteId = impl.siteId;
        e.kind = c.kind;
        e.entityId = c.id;
        e.op = c.op;
        e.fields = c.fields;
        e.intent = changes.intent();
        e.userId = actor.userId.str();
        e.userName = actor.userName;
        e.role = std::string(codeOf(actor.role));
        e.organisationId = actor.organisationId.str();
        // The stamps this change replaces travel with it, so a partner can tell an edit
        // made with sight of its value from a concurrent one.
        FieldStamps base;
        if (!isAppendOnly(c.kind)) {
            FieldStamps clocks = readClocks(impl, c.kind, c.id);
            for (const auto& f : c.fields) {
                if (auto old = findStamp(clocks, f.name))
                    base.push_back({f.name, *old});
                setStamp(clocks, f.name, mine);
            }
            writeClocks(impl, c.kind, c.id, clocks);
        }
        appendToChangeLog(impl, e, base);
        impl.writeStep();
    }
    setMeta(impl, "hlc", encodeHlc(stamp));
}

/// The audit event a commit records: the command's own, with the entities it touched.
AuditEvent auditEventFor(const ChangeSet& changes) {
    const std::string touched = changeSummary(changes);
    if (!changes.audit())
        return AuditEvent{AuditEventKind::Change, changes.intent(), touched};
    AuditEvent event = *changes.audit();
    if (!touched.empty())
        event.detail += (event.detail.empty() ? "" : "; ") + touched;
    return event;
}

std::shared_ptr<const Clock> orSystemClock(std::shared_ptr<const Clock> clock) {
    return clock ? std::move(clock) : std::make_shared<SystemClock>();
}

std::unique_ptr<StoreImpl> makeImpl(const std::string& path, std::unique_ptr<SQLite::Database> db,
                                    std::shared_ptr<const Clock> clock) {
    auto impl = std::make_unique<StoreImpl>();
    impl->path = path;
    impl->db = std::move(db);
    impl->packedNames.attach(*impl->db);
    impl->clock = orSystemClock(std::move(clock));
    return impl;
}
}  // namespace

std::string tableOf(EntityKind kind) {
    if (kind == EntityKind::MeetingSeries)
        return "meeting_series";
    if (kind == EntityKind::CaseFindingEntry)
        return "case_finding_entries";
    return std::string(entityKindName(kind)) + "s";
}

BorrowedStatement StoreImpl::prepare(const std::string& sql) {
    auto& slot = statements[sql];
    if (!slot)
        slot = std::make_unique<SQLite::Statement>(*db, sql);
    return BorrowedStatement(*slot);
}

FieldValue columnValue(const SQLite::Column& column) {
    if (column.isNull())
        return FieldValue();
    if (column.isInteger())
        return FieldValue(static_cast<std::int64_t>(column.getInt64()));
    return FieldValue(column.getString());
}

void rethrowAsStoreError(const SQLite::Exception& e) {
    switch (e.getErrorCode()) {
        case kSqliteConstraint:
            throw StoreError(StoreErrorCode::ConstraintViolated, e.what());
        case kSqliteCorrupt:
        case kSqliteNotADatabase:
            throw StoreError(StoreErrorCode::Corrupt, e.what());
        case kSqliteFull:
            throw StoreError(StoreErrorCode::Io, std::string("disk full: ") + e.what());
        default:
            throw StoreError(StoreErrorCode::Io, e.what());
    }
}

SqlCipherStore::SqlCipherStore(std::unique_ptr<StoreImpl> impl) : impl_(std::move(impl)) {}
SqlCipherStore::~SqlCipherStore() = default;

std::unique_ptr<SqlCipherStore> SqlCipherStore::create(const std::string& path,
                                                       const Passphrase& passphrase,
                                                       std::shared_ptr<const Clock> clock) {
    return create(path, passphrase, nullptr, std::move(clock));
}

std::unique_ptr<SqlCipherStore> SqlCipherStore::create(
    const std::string& path, const Passphrase& passphrase,
    const std::function<void(SqlCipherStore&)>& fill, std::shared_ptr<const Clock> clock) {
    return createWithKey(path, passphrase, fill, std::move(clock));
}

std::unique_ptr<SqlCipherStore> SqlCipherStore::createWithKey(
    const std::string& path, const StoreKey& passphrase,
    const std::function<void(SqlCipherStore&)>& fill, std::shared_ptr<const Clock> clock) {
    std::error_code ec;
    if (std::filesystem::exists(pathFromUtf8(path), ec))
        throw StoreError(StoreErrorCode::AlreadyExists, path);
    // Made whole under a name of its own, then moved into place: a creation killed part way
    // leaves only this, which the next creation of the same path clears away.
    const std::string making = path + ".creating";
    removeStoreFiles(making);
    try {
        auto db = openEncryptedDatabase(making, passphrase, OpenIntent::CreateNew);
        restrictToOwner(making);
        migrate(*db);
        auto impl = makeImpl(making, std::move(db), clock);
        impl->siteId = makeRandomIdSource()->newUuid();
        WriteTransaction tx(*impl->db);
        setMeta(*impl, "site_id", impl->siteId);
        setMeta(*impl, "created_at", toIsoTimestamp(impl->clock->now()));
        setMeta(*impl, "hlc", encodeHlc({}));
        tx.commit();
        {
            std::unique_ptr<SqlCipherStore> store(new SqlCipherStore(std::move(impl)));
            if (fill)
                fill(*store);
        }  // closed: the last connection checkpoints the log into the file and removes it
        if (std::filesystem::exists(pathFromUtf8(path), ec))
            throw StoreError(StoreErrorCode::AlreadyExists, path);
        std::filesystem::rename(pathFromUtf8(making), pathFromUtf8(path), ec);
        if (ec)
            throw StoreError(StoreErrorCode::Io, path + ": " + ec.message());
    } catch (...) {
        removeStoreFiles(making);
        throw;
    }
    return openWithKey(path, passphrase, std::move(clock));
}

std::unique_ptr<SqlCipherStore> SqlCipherStore::open(const std::string& path,
                                                     const Passphrase& passphrase,
                                                     std::shared_ptr<const Clock> clock) {
    return openWithKey(path, passphrase, std::move(clock));
}

std::unique_ptr<SqlCipherStore> SqlCipherStore::openWithKey(const std::string& path,
                                                            const StoreKey& passphrase,
                                                            std::shared_ptr<const Clock> clock) {
    auto db = openEncryptedDatabase(path, passphrase, OpenIntent::OpenExisting);
    return guarded([&] {
        // A join cut part way (or stopped while building them) left indexes set aside.
        rebuildSetAsideIndexes(*db);
        migrate(*db);
        auto impl = makeImpl(path, std::move(db), std::move(clock));
        impl->siteId = metaValue(*impl->db, "site_id");
        if (impl->siteId.empty())
            throw StoreError(StoreErrorCode::Corrupt, "store has no site id");
        impl->hlc = HybridLogicalClock(decodeHlcText(metaValue(*impl->db, "hlc")));
        loadAuditState(*impl);
        impl->key = passphrase;
        return std::unique_ptr<SqlCipherStore>(new SqlCipherStore(std::move(impl)));
    });
}

void StoreImpl::writeStep() {
    if (!writesBeforeFault)
        return;
    if (*writesBeforeFault == 0) {
        writesBeforeFault.reset();
        throw StoreError(StoreErrorCode::Io, "injected fault");
    }
    --*writesBeforeFault;
}

void SqlCipherStore::writeInBulk() {
    guarded([&] {
        impl_->db->exec("PRAGMA cache_size = -262144");
        impl_->db->exec("PRAGMA synchronous = NORMAL");
    });
}

void SqlCipherStore::injectFaultAfterWrites(std::optional<std::size_t> steps) {
    impl_->writesBeforeFault = steps;
}

void SqlCipherStore::commit(const ChangeSet& changes, const Actor& actor) {
    commitWith(changes, actor, nullptr);
}

void SqlCipherStore::commitWith(const ChangeSet& changes, const Actor& actor,
                                const std::function<void()>& alongside) {
    if (changes.nothingToRecord() && !alongside)
        return;
    requireSignedInAs(actor);
    for (const auto& c : changes.changes())
        checkAgainstSchema(c);
    HybridLogicalClock before = impl_->hlc;
    const auto auditSequence = impl_->lastAuditSequence;
    const auto auditHash = impl_->lastAuditHash;
    try {
        guarded([&] {
            WriteTransaction tx(*impl_->db);
            if (!changes.empty())
                applyEntityChanges(*impl_, changes, actor);
            if (alongside) {
                alongside();
                impl_->writeStep();
            }
            appendAudit(*impl_, auditEventFor(changes), actor);
            impl_->writeStep();
            tx.commit();
        });
    } catch (...) {
        // Nothing was written, so neither the clock nor the audit chain moved.
        impl_->hlc = before;
        impl_->lastAuditSequence = auditSequence;
        impl_->lastAuditHash = auditHash;
        throw;
    }
}

std::vector<ChangeLogEntry> SqlCipherStore::changeLog(const ChangeLogQuery& q) const {
    return guarded([&] {
        std::string sql =
            "SELECT sequence, hlc_wall, hlc_counter, site_id, entity, entity_id, op, fields, "
            "intent,"
            " user_id, user_name, role, organisation_id FROM change_log WHERE sequence > ?";
        if (q.entityId)
            sql += " AND entity_id = ?";
        sql += " ORDER BY sequence LIMIT ?";
        auto st = impl_->prepare(sql);
        int i = 1;
        st->bind(i++, static_cast<std::int64_t>(q.afterSequence));
        if (q.entityId)
            st->bind(i++, *q.entityId);
        st->bind(i, static_cast<std::int64_t>(q.limit));
        std::vector<ChangeLogEntry> out;
        while (st->executeStep()) {
            ChangeLogEntry e;
            e.sequence = st->getColumn(0).getInt64();
            e.hlc = {st->getColumn(1).getInt64(),
                     static_cast<std::uint32_t>(st->getColumn(2).getInt64())};
            e.siteId = st->getColumn(3).getString();
            auto kind = entityKindFromName(st->getColumn(4).getString());
            if (!kind)
                throw StoreError(StoreErrorCode::Corrupt, "change log names an unknown entity");
            e.kind = *kind;
            e.entityId = st->getColumn(5).getString();
            e.op = st->getColumn(6).getString() == "create" ? ChangeOp::Create : ChangeOp::Update;
            try {
                e.fields = decodeFields(st->getColumn(7).getString());
            } catch (const MalformedChangeData& bad) {
                throw StoreError(StoreErrorCode::Corrupt, bad.what());
            }
            e.intent = st->getColumn(8).getString();
            e.userId = st->getColumn(9).getString();
            e.userName = st->getColumn(10).getString();
            e.role = st->getColumn(11).getString();
            e.organisationId = st->getColumn(12).getString();
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::string SqlCipherStore::siteId() const {
    return impl_->siteId;
}
std::string SqlCipherStore::location() const {
    return impl_->path;
}
int SqlCipherStore::schemaVersion() const {
    return guarded([&] { return schemaVersionOf(*impl_->db); });
}

void SqlCipherStore::changePassphrase(const Passphrase& newPassphrase, const Actor& actor) {
    if (newPassphrase.empty())
        throw StoreError(StoreErrorCode::WrongPassphrase, "empty passphrase");
    if (impl_->keyRing) {
        changeOwnSlot(newPassphrase, actor);  // the store key stays; only the slot changes
        return;
    }
    rekeyRecording(newPassphrase, {AuditEventKind::PassphraseChanged, "", ""}, actor, nullptr);
}

void SqlCipherStore::rekeyRecording(const StoreKey& newKey, const AuditEvent& event,
                                    const Actor& actor, const std::function<void()>& alongside) {
    requireSignedInAs(actor);
    const auto auditSequence = impl_->lastAuditSequence;
    const auto auditHash = impl_->lastAuditHash;
    const std::optional<StoreKey> oldKey = impl_->key;
    bool rekeyed = false;
    try {
        guarded([&] {
            // SQLCipher's rekey rewrites every page and commits them itself. It must come
            // first in its transaction: after any write in the same transaction, on a store
            // bigger than the page cache (a medium one), it returned success, committed
            // nothing and left the connection reading with the new key
            // (storage.encrypted_open/a_store_bigger_than_the_page_cache_is_rekeyed). So the
            // audit entry follows it, in the same transaction, and if that fails the store
            // is keyed back (below): the key changes with its entry or not at all.
            WriteTransaction tx(*impl_->db);
            impl_->statements.clear();  // rekey rewrites every page; no statement may be pending
            rekeyDatabase(*impl_->db, newKey);
            rekeyed = true;
            impl_->key = newKey;
            impl_->db->execAndGet("SELECT count(*) FROM sqlite_master");
            if (alongside)
                alongside();
            appendAudit(*impl_, event, actor);
            impl_->writeStep();
            tx.commit();
        });
    } catch (...) {
        impl_->lastAuditSequence = auditSequence;
        impl_->lastAuditHash = auditHash;
        if (rekeyed && oldKey) {
            try {
                guarded([&] {
                    WriteTransaction back(*impl_->db);
                    impl_->statements.clear();
                    rekeyDatabase(*impl_->db, *oldKey);
                    back.commit();
                    impl_->key = oldKey;
                    impl_->db->execAndGet("SELECT count(*) FROM sqlite_master");
                });
            } catch (...) {
                // Keyed with the new key without its entry: the first failure is the one
                // to report; the store still opens, with the new key.
            }
        }
        throw;
    }
}

IntegrityReport SqlCipherStore::checkIntegrity() {
    return guarded([&] {
        IntegrityReport report;
        SQLite::Statement st(*impl_->db, "PRAGMA integrity_check");
        while (st.executeStep()) {
            std::string line = st.getColumn(0).getString();
            if (line != "ok")
                report.problems.push_back(line);
        }
        SQLite::Statement fk(*impl_->db, "PRAGMA foreign_key_check");
        while (fk.executeStep())
            report.problems.push_back("dangling reference in " + fk.getColumn(0).getString() +
                                      " row " + fk.getColumn(1).getString());
        report.ok = report.problems.empty();
        return report;
    });
}

void SqlCipherStore::exportPlaintextCopyForBenchmark(const std::string& path) const {
    guarded([&] {
        // ATTACH inherits this connection's flags, which do not include CREATE.
        SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        impl_->db->exec("ATTACH DATABASE " + sqlQuote(path) + " AS plaintext KEY ''");
        impl_->db->exec("SELECT sqlcipher_export('plaintext')");
        // sqlcipher_export() does not copy user_version.
        impl_->db->exec("PRAGMA plaintext.user_version = " +
                        std::to_string(schemaVersionOf(*impl_->db)));
        impl_->db->exec("DETACH DATABASE plaintext");
    });
}

std::unique_ptr<SqlCipherStore> SqlCipherStore::openPlaintextCopyForBenchmark(
    const std::string& path) {
    return guarded([&] {
        auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
        applyConnectionSettings(*db);
        auto impl = makeImpl(path, std::move(db), nullptr);
        impl->siteId = metaValue(*impl->db, "site_id");
        return std::unique_ptr<SqlCipherStore>(new SqlCipherStore(std::move(impl)));
    });
}

bool SqlCipherStore::passphraseMatches(const Passphrase& passphrase) const {
    if (impl_->keyRing)
        return ownSlotOpensWith(passphrase);
    try {
        openEncryptedDatabase(impl_->path, passphrase, OpenIntent::InspectExisting);
        return true;
    } catch (const StoreError& e) {
        if (e.code() == StoreErrorCode::WrongPassphrase)
            return false;
        throw;
    }
}

bool SqlCipherStoreProvider::exists(const std::string& location) const {
    std::error_code ec;
    return std::filesystem::exists(pathFromUtf8(location), ec);
}

BackupSummary SqlCipherStoreProvider::verifyBackup(const std::string& backupPath,
                                                   const Passphrase& backupPassphrase) {
    return SqlCipherStore::verifyBackup(backupPath, backupPassphrase);
}

}  // namespace nmdt::storage
