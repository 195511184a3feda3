#include "storage/envelope_log.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <fstream>

#include "encrypted_database.h"
#include "envelope_audience.h"
#include "model/store_error.h"
#include "model/utf8_path.h"
#include "store_impl.h"
#include "write_transaction.h"

namespace nmdt::storage {

struct EnvelopeLogImpl {
    std::unique_ptr<SQLite::Database> db;
};

namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS envelopes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, team TEXT NOT NULL, site TEXT NOT NULL,
  from_seq INTEGER NOT NULL, through_seq INTEGER NOT NULL, part INTEGER NOT NULL,
  key_id TEXT NOT NULL, audience TEXT NOT NULL, nonce BLOB NOT NULL, ciphertext BLOB NOT NULL,
  tag BLOB NOT NULL, signer TEXT NOT NULL, signature BLOB NOT NULL, hub_time INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS envelopes_team ON envelopes(team, seq);
CREATE TABLE IF NOT EXISTS sites (
  team TEXT NOT NULL, site TEXT NOT NULL, fingerprint TEXT NOT NULL,
  acknowledged INTEGER NOT NULL, bytes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (team, site)) WITHOUT ROWID;
)sql";

// Snapshots of an organisation's current records, in chunks as they travel: the hub cannot
// open them. A snapshot is complete once its last chunk and every one before it are here.
constexpr const char* kSnapshotSchema = R"sql(
CREATE TABLE IF NOT EXISTS snapshots (
  team TEXT NOT NULL, organisation TEXT NOT NULL, id TEXT NOT NULL, site TEXT NOT NULL,
  cursor INTEGER NOT NULL, chunks INTEGER, completed_at INTEGER, completed_order INTEGER,
  PRIMARY KEY (team, organisation, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshot_chunks (
  team TEXT NOT NULL, organisation TEXT NOT NULL, id TEXT NOT NULL, chunk INTEGER NOT NULL,
  body BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS snapshot_chunks_key
  ON snapshot_chunks (team, organisation, id, chunk);
)sql";

// Where each desktop still needs envelopes after, and per organisation the highest
// envelope dropped behind its snapshots (a desktop asking from before it must be told).
constexpr const char* kPruneSchema = R"sql(
CREATE TABLE IF NOT EXISTS pull_positions (
  team TEXT NOT NULL, site TEXT NOT NULL, fingerprint TEXT NOT NULL,
  organisation TEXT NOT NULL, keep_after INTEGER NOT NULL,
  PRIMARY KEY (team, site, fingerprint)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dropped (
  team TEXT NOT NULL, organisation TEXT NOT NULL, through INTEGER NOT NULL,
  PRIMARY KEY (team, organisation)) WITHOUT ROWID;
)sql";

// Key ids the team's chair announced, and who the chair is (the first announcer).
constexpr const char* kKeySchema = R"sql(
CREATE TABLE IF NOT EXISTS team_chairs (
  team TEXT PRIMARY KEY, subject TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS team_keys (
  team TEXT NOT NULL, key_id TEXT NOT NULL, certificate TEXT, signature BLOB,
  issued_at INTEGER, hub_time INTEGER NOT NULL, PRIMARY KEY (team, key_id)) WITHOUT ROWID;
)sql";

/// Logs from before hub receipts: the columns, empty for what they hold (those envelopes
/// are signed as they are served).
void addReceipts(SQLite::Database& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS hub_certificates (key TEXT PRIMARY KEY, pem TEXT NOT NULL)"
        " WITHOUT ROWID");
    SQLite::Statement columns(db, "PRAGMA table_info(envelopes)");
    while (columns.executeStep())
        if (columns.getColumn(1).getString() == "hub_receipt")
            return;
    WriteTransaction tx(db);
    db.exec("ALTER TABLE envelopes ADD COLUMN hub_receipt BLOB");
    db.exec("ALTER TABLE envelopes ADD COLUMN hub_key TEXT");
    tx.commit();
}

/// Logs from before announcements: the key ids they already hold count as announced (with
/// no record), so their teams go on syncing; new ones need the chair.
void addKeyAnnouncements(SQLite::Database& db) {
    if (db.tableExists("team_keys"))
        return;
    WriteTransaction tx(db);
    db.exec(kKeySchema);
    db.exec(
        "INSERT INTO team_keys (team, key_id, hub_time)"
        " SELECT DISTINCT team, key_id, 0 FROM envelopes");
    tx.commit();
}

// SealedEnvelope::storedBytes, in SQL.
constexpr const char* kStoredSize =
    "length(ciphertext) + length(nonce) + length(tag) + length(signer) + length(signature)";

/// Logs from before quotas have no bytes column: add it, counted from what they hold.
void addByteCounts(SQLite::Database& db) {
    SQLite::Statement columns(db, "PRAGMA table_info(sites)");
    while (columns.executeStep())
        if (columns.getColumn(1).getString() == "bytes")
            return;
    WriteTransaction tx(db);
    db.exec("ALTER TABLE sites ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0");
    db.exec(std::string("UPDATE sites SET bytes = (SELECT COALESCE(SUM(") + kStoredSize +
            "), 0) FROM envelopes e WHERE e.team = sites.team AND e.site = sites.site)");
    tx.commit();
}

std::string blobOf(const SQLite::Column& c) {
    return std::string(static_cast<const char*>(c.getBlob()),
                       static_cast<std::size_t>(c.getBytes()));
}
}  // namespace

SqliteEnvelopeLog::SqliteEnvelopeLog(const std::string& path) : impl_(new EnvelopeLogImpl) {
    guarded([&] {
        // The hub's log holds routing metadata about every desktop: its owner's alone, from
        // before anything is written (SQLite gives its -wal and -shm files the same mode).
        if (!std::filesystem::exists(pathFromUtf8(path)))
            std::ofstream(pathFromUtf8(path), std::ios::binary);
        restrictToOwner(path);
        impl_->db = std::make_unique<SQLite::Database>(
            path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
        impl_->db->exec("PRAGMA journal_mode = WAL");
        impl_->db->exec("PRAGMA synchronous = FULL");
        impl_->db->exec(kSchema);
        addByteCounts(*impl_->db);
        addKeyAnnouncements(*impl_->db);
        addReceipts(*impl_->db);
        impl_->db->exec(kSnapshotSchema);
        impl_->db->exec(kPruneSchema);
    });
}

SqliteEnvelopeLog::~SqliteEnvelopeLog() = default;

std::int64_t SqliteEnvelopeLog::acknowledged(const std::string& team, const std::string& site) {
    return guarded([&]() -> std::int64_t {
        SQLite::Statement st(*impl_->db,
                             "SELECT acknowledged FROM sites WHERE team = ? AND site = ?");
        st.bind(1, team);
        st.bind(2, site);
        return st.executeStep() ? st.getColumn(0).getInt64() : 0;
    });
}

std::optional<std::string> SqliteEnvelopeLog::siteFingerprint(const std::string& team,
                                                              const std::string& site) {
    return guarded([&]() -> std::optional<std::string> {
        SQLite::Statement st(*impl_->db,
                             "SELECT fingerprint FROM sites WHERE team = ? AND site = ?");
        st.bind(1, team);
        st.bind(2, site);
        if (!st.executeStep())
            return std::nullopt;
        return st.getColumn(0).getString();
    });
}

AppendResult SqliteEnvelopeLog::append(const AppendRequest& r) {
    return guarded([&]() -> AppendResult {
        // One writer: the hub process serialises calls, and SQLite's lock keeps out others.
        WriteTransaction tx(*impl_->db);
        AppendResult result;
        result.acknowledged = acknowledged(r.team, r.site);
        if (result.acknowledged != r.from) {
            result.outcome = AppendResult::Outcome::MarkElsewhere;
            return result;
        }
        if (siteFingerprint(r.team, r.site) != r.expectedBinding) {
            result.outcome = AppendResult::Outcome::BindingChanged;
            return result;
        }
        std::int64_t added = 0;
        for (const auto& e : *r.envelopes)
            added += e.storedBytes();
        const auto siteUsed = siteBytes(r.team, r.site);
        if (added > 0 && siteUsed + added > r.maxSiteBytes) {
            result.outcome = AppendResult::Outcome::SiteFull;
            result.usedBytes = siteUsed;
            return result;
        }
        const auto teamUsed = teamBytes(r.team);
        if (added > 0 && teamUsed + added > r.maxTeamBytes) {
            result.outcome = AppendResult::Outcome::TeamFull;
            result.usedBytes = teamUsed;
            return result;
        }
        SQLite::Statement insert(
            *impl_->db,
            "INSERT INTO envelopes (team, site, from_seq, through_seq, part, key_id, audience,"
            " nonce, ciphertext, tag, signer, signature, hub_time, hub_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        SQLite::Statement receipt(*impl_->db, "UPDATE envelopes SET hub_receipt = ? WHERE seq = ?");
        if (r.receiptFor) {
            SQLite::Statement cert(
                *impl_->db, "INSERT OR IGNORE INTO hub_certificates (key, pem) VALUES (?, ?)");
            cert.bind(1, r.receiptKey);
            cert.bind(2, r.receiptCertificate);
            cert.exec();
        }
        for (const auto& e : *r.envelopes) {
            insert.bind(1, r.team);
            insert.bind(2, r.site);
            insert.bind(3, static_cast<std::int64_t>(e.header.fromSequence));
            insert.bind(4, static_cast<std::int64_t>(e.header.throughSequence));
            insert.bind(5, e.header.part);
            insert.bind(6, e.header.keyId);
            insert.bind(7, encodeAudience(e.header.audience));
            insert.bind(8, e.nonce.data(), static_cast<int>(e.nonce.size()));
            insert.bind(9, e.ciphertext.data(), static_cast<int>(e.ciphertext.size()));
            insert.bind(10, e.tag.data(), static_cast<int>(e.tag.size()));
            insert.bind(11, e.signerCertificate);
            insert.bind(12, e.signature.data(), static_cast<int>(e.signature.size()));
            insert.bind(13, static_cast<std::int64_t>(r.hubTimeMs));
            if (r.receiptFor)
                insert.bind(14, r.receiptKey);
            else
                insert.bind(14);
            insert.exec();
            insert.reset();
            const auto seq = impl_->db->getLastInsertRowid();
            result.sequences.push_back(seq);
            if (r.receiptFor) {
                // Signed once its sequence is known, in the same transaction.
                const auto signature = r.receiptFor(seq, e);
                receipt.bind(1, signature.data(), static_cast<int>(signature.size()));
                receipt.bind(2, seq);
                receipt.exec();
                receipt.reset();
            }
        }
        SQLite::Statement mark(
            *impl_->db,
            "INSERT OR REPLACE INTO sites (team, site, fingerprint, acknowledged, bytes)"
            " VALUES (?, ?, ?, ?, ?)");
        mark.bind(1, r.team);
        mark.bind(2, r.site);
        mark.bind(3, r.fingerprint);
        mark.bind(4, static_cast<std::int64_t>(r.through));
        mark.bind(5, siteUsed + added);
        mark.exec();
        tx.commit();
        result.acknowledged = r.through;
        return result;
    });
}

std::vector<SealedEnvelope> SqliteEnvelopeLog::after(const std::string& team, std::int64_t after,
                                                     std::size_t limit,
                                                     const std::string& organisation,
                                                     std::size_t maxBytes) {
    return guarded([&] {
        SQLite::Statement st(
            *impl_->db,
            "SELECT seq, site, from_seq, through_seq, part, key_id, audience, nonce, ciphertext,"
            " tag, signer, signature, hub_time, hub_receipt, c.pem FROM envelopes"
            " LEFT JOIN hub_certificates c ON c.key = hub_key WHERE team = ? AND seq > ? AND"
            " (audience = '*' OR instr(audience, ?) > 0) ORDER BY seq LIMIT ?");
        st.bind(1, team);
        st.bind(2, static_cast<std::int64_t>(after));
        st.bind(3, "," + organisation + ",");
        st.bind(4, static_cast<std::int64_t>(limit));
        std::vector<SealedEnvelope> out;
        std::size_t bytes = 0;
        while (st.executeStep()) {
            // Sized before it is read, so a page never holds more than its budget in memory.
            const auto size = static_cast<std::size_t>(st.getColumn(8).getBytes());
            if (!out.empty() && bytes + size > maxBytes)
                break;
            bytes += size;
            SealedEnvelope e;
            e.hubSequence = st.getColumn(0).getInt64();
            e.header.team = team;
            e.header.site = st.getColumn(1).getString();
            e.header.fromSequence = st.getColumn(2).getInt64();
            e.header.throughSequence = st.getColumn(3).getInt64();
            e.header.part = st.getColumn(4).getInt();
            e.header.keyId = st.getColumn(5).getString();
            e.header.audience = decodeAudience(st.getColumn(6).getString());
            e.nonce = blobOf(st.getColumn(7));
            e.ciphertext = blobOf(st.getColumn(8));
            e.tag = blobOf(st.getColumn(9));
            e.signerCertificate = st.getColumn(10).getString();
            e.signature = blobOf(st.getColumn(11));
            e.hubTimeMs = st.getColumn(12).getInt64();
            if (!st.getColumn(13).isNull()) {
                e.hubReceipt = blobOf(st.getColumn(13));
                e.hubCertificate = st.getColumn(14).getString();
            }
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::int64_t SqliteEnvelopeLog::envelopeCount() {
    return guarded([&] {
        return static_cast<std::int64_t>(
            impl_->db->execAndGet("SELECT count(*) FROM envelopes").getInt64());
    });
}

std::optional<std::string> SqliteEnvelopeLog::siteCertificate(const std::string& team,
                                                              const std::string& site) {
    return guarded([&]() -> std::optional<std::string> {
        SQLite::Statement st(*impl_->db,
                             "SELECT signer FROM envelopes WHERE team = ? AND site = ?"
                             " ORDER BY seq DESC LIMIT 1");
        st.bind(1, team);
        st.bind(2, site);
        if (!st.executeStep())
            return std::nullopt;
        return st.getColumn(0).getString();
    });
}

std::int64_t SqliteEnvelopeLog::siteBytes(const std::string& team, const std::string& site) {
    return guarded([&]() -> std::int64_t {
        SQLite::Statement st(*impl_->db, "SELECT bytes FROM sites WHERE team = ? AND site = ?");
        st.bind(1, team);
        st.bind(2, site);
        return st.executeStep() ? st.getColumn(0).getInt64() : 0;
    });
}

std::int64_t SqliteEnvelopeLog::teamBytes(const std::string& team) {
    return guarded([&]() -> std::int64_t {
        SQLite::Statement st(*impl_->db,
                             "SELECT COALESCE(SUM(bytes), 0) FROM sites WHERE team = ?");
        st.bind(1, team);
        return st.executeStep() ? st.getColumn(0).getInt64() : 0;
    });
}

AnnounceResult SqliteEnvelopeLog::announceKey(const KeyAnnouncement& a,
                                              const std::string& signerSubject,
                                              std::int64_t hubTimeMs) {
    return guarded([&]() -> AnnounceResult {
        WriteTransaction tx(*impl_->db);
        AnnounceResult result;
        SQLite::Statement chair(*impl_->db, "SELECT subject FROM team_chairs WHERE team = ?");
        chair.bind(1, a.team);
        result.chairSubject = chair.executeStep() ? chair.getColumn(0).getString() : signerSubject;
        if (keyAnnounced(a.team, a.keyId)) {
            result.outcome = AnnounceResult::Outcome::AlreadyRecorded;
            return result;
        }
        if (result.chairSubject != signerSubject) {
            result.outcome = AnnounceResult::Outcome::OtherChair;
            return result;
        }
        SQLite::Statement bind(*impl_->db,
                               "INSERT OR IGNORE INTO team_chairs (team, subject) VALUES (?, ?)");
        bind.bind(1, a.team);
        bind.bind(2, signerSubject);
        bind.exec();
        SQLite::Statement add(*impl_->db,
                              "INSERT INTO team_keys (team, key_id, certificate, signature,"
                              " issued_at, hub_time) VALUES (?, ?, ?, ?, ?, ?)");
        add.bind(1, a.team);
        add.bind(2, a.keyId);
        add.bind(3, a.signerCertificate);
        add.bind(4, a.signature.data(), static_cast<int>(a.signature.size()));
        add.bind(5, static_cast<std::int64_t>(a.issuedAtMs));
        add.bind(6, static_cast<std::int64_t>(hubTimeMs));
        add.exec();
        tx.commit();
        return result;
    });
}

bool SqliteEnvelopeLog::keyAnnounced(const std::string& team, const std::string& keyId) {
    return guarded([&] {
        SQLite::Statement st(*impl_->db, "SELECT 1 FROM team_keys WHERE team = ? AND key_id = ?");
        st.bind(1, team);
        st.bind(2, keyId);
        return st.executeStep();
    });
}

void SqliteEnvelopeLog::putSnapshotChunk(const SnapshotHeader& h, const std::string& body,
                                         std::int64_t hubTimeMs) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        SQLite::Statement known(*impl_->db,
                                "SELECT site, cursor, completed_at FROM snapshots WHERE team = ?"
                                " AND organisation = ? AND id = ?");
        known.bind(1, h.team);
        known.bind(2, h.organisation);
        known.bind(3, h.id);
        if (known.executeStep()) {
            if (known.getColumn(0).getString() != h.site ||
                known.getColumn(1).getInt64() != h.cursor)
                throw SyncError(SyncError::Kind::Malformed,
                                "snapshot " + h.id +
                                    " was begun by another site or at another "
                                    "cursor");
            if (!known.getColumn(2).isNull())
                return;  // complete: a late repeat of a chunk changes nothing
        } else {
            SQLite::Statement add(*impl_->db,
                                  "INSERT INTO snapshots (team, organisation, id, site, cursor)"
                                  " VALUES (?, ?, ?, ?, ?)");
            add.bind(1, h.team);
            add.bind(2, h.organisation);
            add.bind(3, h.id);
            add.bind(4, h.site);
            add.bind(5, static_cast<std::int64_t>(h.cursor));
            add.exec();
        }
        known.reset();
        SQLite::Statement put(*impl_->db,
                              "INSERT OR REPLACE INTO snapshot_chunks (team, organisation, id,"
                              " chunk, body) VALUES (?, ?, ?, ?, ?)");
        put.bind(1, h.team);
        put.bind(2, h.organisation);
        put.bind(3, h.id);
        put.bind(4, h.chunk);
        put.bind(5, body.data(), static_cast<int>(body.size()));
        put.exec();
        if (h.last) {
            SQLite::Statement last(*impl_->db,
                                   "UPDATE snapshots SET chunks = ? WHERE team = ? AND"
                                   " organisation = ? AND id = ?");
            last.bind(1, h.chunk + 1);
            last.bind(2, h.team);
            last.bind(3, h.organisation);
            last.bind(4, h.id);
            last.exec();
        }
        // Complete when the last chunk is known and every chunk before it is here.
        SQLite::Statement complete(
            *impl_->db,
            "UPDATE snapshots SET completed_at = ?, completed_order = (SELECT COALESCE("
            "MAX(completed_order), 0) + 1 FROM snapshots WHERE team = ?2 AND organisation = ?3)"
            " WHERE team = ?2 AND organisation = ?3 AND id = ?4 AND chunks IS NOT NULL AND"
            " chunks = (SELECT COUNT(*) FROM snapshot_chunks c WHERE c.team = ?2 AND"
            " c.organisation = ?3 AND c.id = ?4)");
        complete.bind(1, static_cast<std::int64_t>(hubTimeMs));
        complete.bind(2, h.team);
        complete.bind(3, h.organisation);
        complete.bind(4, h.id);
        if (complete.exec() > 0) {
            // Keep this one and the one before it (a desktop may be part way through it).
            const char* stale =
                "SELECT id FROM snapshots WHERE team = ?1 AND organisation = ?2 AND id NOT IN"
                " (SELECT id FROM snapshots WHERE team = ?1 AND organisation = ?2 AND"
                " completed_order IS NOT NULL ORDER BY completed_order DESC LIMIT 2)";
            SQLite::Statement old(*impl_->db, stale);
            old.bind(1, h.team);
            old.bind(2, h.organisation);
            std::vector<std::string> ids;
            while (old.executeStep())
                ids.push_back(old.getColumn(0).getString());
            for (const auto& id : ids)
                for (const char* sql :
                     {"DELETE FROM snapshot_chunks WHERE team = ? AND organisation = ? AND id = ?",
                      "DELETE FROM snapshots WHERE team = ? AND organisation = ? AND id = ?"}) {
                    SQLite::Statement drop(*impl_->db, sql);
                    drop.bind(1, h.team);
                    drop.bind(2, h.organisation);
                    drop.bind(3, id);
                    drop.exec();
                }
        }
        tx.commit();
    });
}

std::optional<SnapshotListing> SqliteEnvelopeLog::latestSnapshot(const std::string& team,
                                                                 const std::string& organisation) {
    return guarded([&]() -> std::optional<SnapshotListing> {
        SQLite::Statement st(*impl_->db,
                             "SELECT id, site, cursor, chunks FROM snapshots WHERE team = ? AND"
                             " organisation = ? AND completed_order IS NOT NULL ORDER BY"
                             " completed_order DESC LIMIT 1");
        st.bind(1, team);
        st.bind(2, organisation);
        if (!st.executeStep())
            return std::nullopt;
        return SnapshotListing{st.getColumn(0).getString(), st.getColumn(1).getString(),
                               st.getColumn(2).getInt64(), st.getColumn(3).getInt()};
    });
}

std::optional<std::string> SqliteEnvelopeLog::snapshotChunk(const std::string& team,
                                                            const std::string& organisation,
                                                            const std::string& id, int chunk) {
    return guarded([&]() -> std::optional<std::string> {
        SQLite::Statement st(*impl_->db,
                             "SELECT body FROM snapshot_chunks WHERE team = ? AND organisation = ?"
                             " AND id = ? AND chunk = ?");
        st.bind(1, team);
        st.bind(2, organisation);
        st.bind(3, id);
        st.bind(4, chunk);
        if (!st.executeStep())
            return std::nullopt;
        return blobOf(st.getColumn(0));
    });
}

void SqliteEnvelopeLog::recordPullPosition(const PullPosition& p) {
    guarded([&] {
        SQLite::Statement st(*impl_->db,
                             "INSERT OR REPLACE INTO pull_positions (team, site, fingerprint,"
                             " organisation, keep_after) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, p.team);
        st.bind(2, p.site);
        st.bind(3, p.fingerprint);
        st.bind(4, p.organisation);
        st.bind(5, static_cast<std::int64_t>(p.keepAfter));
        st.exec();
    });
}

std::int64_t SqliteEnvelopeLog::lowestPullPosition(const std::string& team) {
    return guarded([&]() -> std::int64_t {
        SQLite::Statement st(*impl_->db,
                             "SELECT COALESCE(MIN(keep_after), 0) FROM pull_positions"
                             " WHERE team = ?");
        st.bind(1, team);
        return st.executeStep() ? st.getColumn(0).getInt64() : 0;
    });
}

std::map<std::string, std::int64_t> SqliteEnvelopeLog::snapshotFloors(const std::string& team) {
    return guarded([&] {
        SQLite::Statement st(*impl_->db,
                             "SELECT organisation, MIN(cursor) FROM snapshots WHERE team = ? AND"
                             " completed_order IS NOT NULL GROUP BY organisation");
        st.bind(1, team);
        std::map<std::string, std::int64_t> out;
        while (st.executeStep())
            out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
        return out;
    });
}

std::vector<PruneCandidate> SqliteEnvelopeLog::pruneCandidates(const std::string& team,
                                                               std::int64_t after,
                                                               std::int64_t through,
                                                               std::size_t limit) {
    return guarded([&] {
        SQLite::Statement st(*impl_->db,
                             std::string("SELECT seq, site, audience, ") + kStoredSize +
                                 " FROM envelopes WHERE team = ? AND seq > ? AND seq <= ? AND"
                                 " audience <> '*' ORDER BY seq LIMIT ?");
        st.bind(1, team);
        st.bind(2, static_cast<std::int64_t>(after));
        st.bind(3, static_cast<std::int64_t>(through));
        st.bind(4, static_cast<std::int64_t>(limit));
        std::vector<PruneCandidate> out;
        while (st.executeStep())
            out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                           decodeAudience(st.getColumn(2).getString()),
                           st.getColumn(3).getInt64()});
        return out;
    });
}

void SqliteEnvelopeLog::dropEnvelopes(const std::string& team,
                                      const std::vector<PruneCandidate>& envelopes) {
    guarded([&] {
        WriteTransaction tx(*impl_->db);
        SQLite::Statement drop(*impl_->db, "DELETE FROM envelopes WHERE team = ? AND seq = ?");
        SQLite::Statement bytes(*impl_->db,
                                "UPDATE sites SET bytes = bytes - ? WHERE team = ? AND site = ?");
        SQLite::Statement mark(*impl_->db,
                               "INSERT OR REPLACE INTO dropped (team, organisation, through)"
                               " VALUES (?, ?, MAX(?, COALESCE((SELECT through FROM dropped"
                               " WHERE team = ? AND organisation = ?), 0)))");
        for (const auto& e : envelopes) {
            drop.bind(1, team);
            drop.bind(2, static_cast<std::int64_t>(e.sequence));
            if (drop.exec() == 0) {
                drop.reset();
                continue;  // dropped already (by another call)
            }
            drop.reset();
            bytes.bind(1, static_cast<std::int64_t>(e.storedBytes));
            bytes.bind(2, team);
            bytes.bind(3, e.site);
            bytes.exec();
            bytes.reset();
            for (const auto& org : e.audience) {
                mark.bind(1, team);
                mark.bind(2, org);
                mark.bind(3, static_cast<std::int64_t>(e.sequence));
                mark.bind(4, team);
                mark.bind(5, org);
                mark.exec();
                mark.reset();
            }
        }
        tx.commit();
    });
}

std::int64_t SqliteEnvelopeLog::droppedThrough(const std::string& team,
                                               const std::string& organisation) {
    return guarded([&]() -> std::int64_t {
        SQLite::Statement st(*impl_->db,
                             "SELECT through FROM dropped WHERE team = ? AND organisation = ?");
        st.bind(1, team);
        st.bind(2, organisation);
        return st.executeStep() ? st.getColumn(0).getInt64() : 0;
    });
}

}  // namespace nmdt::storage
