#include "storage/postgres_envelope_log.h"

#include "envelope_audience.h"
#include "pg_connection.h"

namespace nmdt::storage {

using pg::Param;

struct PostgresEnvelopeLogImpl {
    explicit PostgresEnvelopeLogImpl(const std::string& connection) : db(connection) {}
    pg::Connection db;
};

namespace {
// Sequences are per team: `teams.last_seq` is taken FOR UPDATE by every append, so appends
// to one team queue behind each other across instances, each numbers its envelopes from
// the last committed one, and readers only ever see an unbroken prefix.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS teams (
  team text PRIMARY KEY, last_seq bigint NOT NULL, bytes bigint NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
  team text NOT NULL, site text NOT NULL, fingerprint text NOT NULL,
  acknowledged bigint NOT NULL, bytes bigint NOT NULL, PRIMARY KEY (team, site));
CREATE TABLE IF NOT EXISTS envelopes (
  team text NOT NULL, seq bigint NOT NULL, site text NOT NULL,
  from_seq bigint NOT NULL, through_seq bigint NOT NULL, part integer NOT NULL,
  key_id text NOT NULL, audience text NOT NULL, nonce bytea NOT NULL,
  ciphertext bytea NOT NULL, tag bytea NOT NULL, signer text NOT NULL,
  signature bytea NOT NULL, hub_time bigint NOT NULL, PRIMARY KEY (team, seq));
CREATE INDEX IF NOT EXISTS envelopes_site ON envelopes (team, site, seq);
ALTER TABLE envelopes ALTER COLUMN ciphertext SET STORAGE EXTERNAL;
CREATE TABLE IF NOT EXISTS team_chairs (team text PRIMARY KEY, subject text NOT NULL);
CREATE TABLE IF NOT EXISTS hub_certificates (key text PRIMARY KEY, pem text NOT NULL);
ALTER TABLE envelopes ADD COLUMN IF NOT EXISTS hub_receipt bytea;
ALTER TABLE envelopes ADD COLUMN IF NOT EXISTS hub_key text;
CREATE TABLE IF NOT EXISTS snapshots (
  team text NOT NULL, organisation text NOT NULL, id text NOT NULL, site text NOT NULL,
  cursor bigint NOT NULL, chunks integer, completed_at bigint, completed_order bigint,
  PRIMARY KEY (team, organisation, id));
CREATE TABLE IF NOT EXISTS snapshot_chunks (
  team text NOT NULL, organisation text NOT NULL, id text NOT NULL, chunk integer NOT NULL,
  body bytea NOT NULL, PRIMARY KEY (team, organisation, id, chunk));
ALTER TABLE snapshot_chunks ALTER COLUMN body SET STORAGE EXTERNAL;
CREATE SEQUENCE IF NOT EXISTS snapshot_order;
CREATE TABLE IF NOT EXISTS pull_positions (
  team text NOT NULL, site text NOT NULL, fingerprint text NOT NULL,
  organisation text NOT NULL, keep_after bigint NOT NULL,
  PRIMARY KEY (team, site, fingerprint));
CREATE TABLE IF NOT EXISTS dropped (
  team text NOT NULL, organisation text NOT NULL, through bigint NOT NULL,
  PRIMARY KEY (team, organisation));
ALTER TABLE teams ADD COLUMN IF NOT EXISTS dropped bigint NOT NULL DEFAULT 0;
)sql";

// Key ids the team's chair announced. Made apart so a database from before announcements
// counts the key ids it already holds as announced (see the SQLite log).
constexpr const char* kKeySchema = R"sql(
CREATE TABLE team_keys (
  team text NOT NULL, key_id text NOT NULL, certificate text, signature bytea,
  issued_at bigint, hub_time bigint NOT NULL, PRIMARY KEY (team, key_id));
INSERT INTO team_keys (team, key_id, hub_time) SELECT DISTINCT team, key_id, 0 FROM envelopes;
)sql";

// Any fixed number: held while the schema is made, so instances starting together do not
// both try to create the same table.
constexpr const char* kSchemaLock = "SELECT pg_advisory_lock(7234501)";
constexpr const char* kSchemaUnlock = "SELECT pg_advisory_unlock(7234501)";
}  // namespace

PostgresEnvelopeLog::PostgresEnvelopeLog(const std::string& connection)
    : impl_(new PostgresEnvelopeLogImpl(connection)) {
    auto& db = impl_->db;
    db.exec(kSchemaLock);
    try {
        db.command(kSchema);
        if (db.exec("SELECT to_regclass('team_keys') IS NULL").bytes(0, 0) == std::string(1, '\1'))
            db.command(std::string("BEGIN;") + kKeySchema + "COMMIT;");
    } catch (...) {
        db.exec(kSchemaUnlock);
        throw;
    }
    db.exec(kSchemaUnlock);
}

PostgresEnvelopeLog::~PostgresEnvelopeLog() = default;

std::int64_t PostgresEnvelopeLog::acknowledged(const std::string& team, const std::string& site) {
    auto r = impl_->db.exec("SELECT acknowledged FROM sites WHERE team = $1 AND site = $2",
                            {Param::text(team), Param::text(site)});
    return r.rows() ? r.int64(0, 0) : 0;
}

std::optional<std::string> PostgresEnvelopeLog::siteFingerprint(const std::string& team,
                                                                const std::string& site) {
    auto r = impl_->db.exec("SELECT fingerprint FROM sites WHERE team = $1 AND site = $2",
                            {Param::text(team), Param::text(site)});
    if (!r.rows())
        return std::nullopt;
    return r.bytes(0, 0);
}

AppendResult PostgresEnvelopeLog::append(const AppendRequest& q) {
    auto& db = impl_->db;
    pg::Transaction tx(db);
    db.exec(
        "INSERT INTO teams (team, last_seq, bytes) VALUES ($1, 0, 0)"
        " ON CONFLICT (team) DO NOTHING",
        {Param::text(q.team)});
    auto team = db.exec("SELECT last_seq, bytes FROM teams WHERE team = $1 FOR UPDATE",
                        {Param::text(q.team)});
    const auto lastSeq = team.int64(0, 0);
    const auto teamUsed = team.int64(0, 1);
    // Read after the team's lock is held, so it is what the previous append committed.
    auto site =
        db.exec("SELECT fingerprint, acknowledged, bytes FROM sites WHERE team = $1 AND site = $2",
                {Param::text(q.team), Param::text(q.site)});
    std::optional<std::string> binding;
    std::int64_t mark = 0, siteUsed = 0;
    if (site.rows()) {
        binding = site.bytes(0, 0);
        mark = site.int64(0, 1);
        siteUsed = site.int64(0, 2);
    }
    AppendResult result;
    result.acknowledged = mark;
    if (mark != q.from) {
        result.outcome = AppendResult::Outcome::MarkElsewhere;
        return result;
    }
    if (binding != q.expectedBinding) {
        result.outcome = AppendResult::Outcome::BindingChanged;
        return result;
    }
    std::int64_t added = 0;
    for (const auto& e : *q.envelopes)
        added += e.storedBytes();
    if (added > 0 && siteUsed + added > q.maxSiteBytes) {
        result.outcome = AppendResult::Outcome::SiteFull;
        result.usedBytes = siteUsed;
        return result;
    }
    if (added > 0 && teamUsed + added > q.maxTeamBytes) {
        result.outcome = AppendResult::Outcome::TeamFull;
        result.usedBytes = teamUsed;
        return result;
    }
    if (q.receiptFor)
        db.exec("INSERT INTO hub_certificates (key, pem) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                {Param::text(q.receiptKey), Param::text(q.receiptCertificate)});
    std::int64_t seq = lastSeq;
    for (const auto& e : *q.envelopes) {
        ++seq;
        // Signed once its sequence is known, inside the team's lock.
        const auto receipt = q.receiptFor ? q.receiptFor(seq, e) : std::string();
        db.exec(
            "INSERT INTO envelopes (team, seq, site, from_seq, through_seq, part, key_id,"
            " audience, nonce, ciphertext, tag, signer, signature, hub_time, hub_receipt,"
            " hub_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
            " NULLIF($15, ''::bytea), NULLIF($16, ''))",
            {Param::text(q.team), Param::number(seq), Param::text(q.site),
             Param::number(e.header.fromSequence), Param::number(e.header.throughSequence),
             Param::number(e.header.part), Param::text(e.header.keyId),
             Param::text(encodeAudience(e.header.audience)), Param::bytes(e.nonce),
             Param::bytes(e.ciphertext), Param::bytes(e.tag), Param::text(e.signerCertificate),
             Param::bytes(e.signature), Param::number(q.hubTimeMs), Param::bytes(receipt),
             Param::text(q.receiptFor ? q.receiptKey : std::string())});
        result.sequences.push_back(seq);
    }
    db.exec(
        "INSERT INTO sites (team, site, fingerprint, acknowledged, bytes)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team, site) DO UPDATE SET"
        " fingerprint = EXCLUDED.fingerprint, acknowledged = EXCLUDED.acknowledged,"
        " bytes = EXCLUDED.bytes",
        {Param::text(q.team), Param::text(q.site), Param::text(q.fingerprint),
         Param::number(q.through), Param::number(siteUsed + added)});
    db.exec("UPDATE teams SET last_seq = $2, bytes = $3 WHERE team = $1",
            {Param::text(q.team), Param::number(seq), Param::number(teamUsed + added)});
    tx.commit();
    result.acknowledged = q.through;
    return result;
}

std::vector<SealedEnvelope> PostgresEnvelopeLog::after(const std::string& team, std::int64_t after,
                                                       std::size_t limit,
                                                       const std::string& organisation,
                                                       std::size_t maxBytes) {
    auto& db = impl_->db;
    const std::string audience = "(audience = '*' OR strpos(audience, $3) > 0)";
    // Sizes first, so the page is cut before any ciphertext is fetched into memory.
    auto sizes = db.exec(
        "SELECT seq, octet_length(ciphertext)::bigint FROM envelopes"
        " WHERE team = $1 AND seq > $2 AND " +
            audience + " ORDER BY seq LIMIT $4",
        {Param::text(team), Param::number(after), Param::text("," + organisation + ","),
         Param::number(static_cast<std::int64_t>(limit))});
    std::size_t bytes = 0;
    std::int64_t last = after;
    for (int i = 0; i < sizes.rows(); ++i) {
        const auto size = static_cast<std::size_t>(sizes.int64(i, 1));
        if (i > 0 && bytes + size > maxBytes)
            break;
        bytes += size;
        last = sizes.int64(i, 0);
    }
    std::vector<SealedEnvelope> out;
    if (last == after)
        return out;
    auto rows = db.exec(
        "SELECT seq, site, from_seq, through_seq, part, key_id, audience, nonce,"
        " ciphertext, tag, signer, signature, hub_time, hub_receipt, c.pem"
        " FROM envelopes LEFT JOIN hub_certificates c ON c.key = hub_key"
        " WHERE team = $1 AND seq > $2 AND " +
            audience + " AND seq <= $4 ORDER BY seq",
        {Param::text(team), Param::number(after), Param::text("," + organisation + ","),
         Param::number(last)});
    for (int i = 0; i < rows.rows(); ++i) {
        SealedEnvelope e;
        e.hubSequence = rows.int64(i, 0);
        e.header.team = team;
        e.header.site = rows.bytes(i, 1);
        e.header.fromSequence = rows.int64(i, 2);
        e.header.throughSequence = rows.int64(i, 3);
        e.header.part = rows.int32(i, 4);
        e.header.keyId = rows.bytes(i, 5);
        e.header.audience = decodeAudience(rows.bytes(i, 6));
        e.nonce = rows.bytes(i, 7);
        e.ciphertext = rows.bytes(i, 8);
        e.tag = rows.bytes(i, 9);
        e.signerCertificate = rows.bytes(i, 10);
        e.signature = rows.bytes(i, 11);
        e.hubTimeMs = rows.int64(i, 12);
        if (!rows.isNull(i, 13)) {
            e.hubReceipt = rows.bytes(i, 13);
            e.hubCertificate = rows.bytes(i, 14);
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t PostgresEnvelopeLog::envelopeCount() {
    // Sequences are gap-free per team but for what was dropped behind snapshots, so this is
    // the count without scanning every row.
    auto r = impl_->db.exec("SELECT COALESCE(SUM(last_seq - dropped), 0)::bigint FROM teams");
    return r.int64(0, 0);
}

std::optional<std::string> PostgresEnvelopeLog::siteCertificate(const std::string& team,
                                                                const std::string& site) {
    auto r = impl_->db.exec(
        "SELECT signer FROM envelopes WHERE team = $1 AND site = $2"
        " ORDER BY seq DESC LIMIT 1",
        {Param::text(team), Param::text(site)});
    if (!r.rows())
        return std::nullopt;
    return r.bytes(0, 0);
}

std::int64_t PostgresEnvelopeLog::siteBytes(const std::string& team, const std::string& site) {
    auto r = impl_->db.exec("SELECT bytes FROM sites WHERE team = $1 AND site = $2",
                            {Param::text(team), Param::text(site)});
    return r.rows() ? r.int64(0, 0) : 0;
}

std::int64_t PostgresEnvelopeLog::teamBytes(const std::string& team) {
    auto r = impl_->db.exec("SELECT bytes FROM teams WHERE team = $1", {Param::text(team)});
    return r.rows() ? r.int64(0, 0) : 0;
}

AnnounceResult PostgresEnvelopeLog::announceKey(const KeyAnnouncement& a,
                                                const std::string& signerSubject,
                                                std::int64_t hubTimeMs) {
    auto& db = impl_->db;
    pg::Transaction tx(db);
    // The first announcer becomes the chair; two instances racing for it meet here.
    db.exec("INSERT INTO team_chairs (team, subject) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            {Param::text(a.team), Param::text(signerSubject)});
    AnnounceResult result;
    result.chairSubject =
        db.exec("SELECT subject FROM team_chairs WHERE team = $1", {Param::text(a.team)})
            .bytes(0, 0);
    if (keyAnnounced(a.team, a.keyId)) {
        result.outcome = AnnounceResult::Outcome::AlreadyRecorded;
        return result;  // rolled back: a chair bound just now by a repeat stays unbound
    }
    if (result.chairSubject != signerSubject) {
        result.outcome = AnnounceResult::Outcome::OtherChair;
        return result;
    }
    db.exec(
        "INSERT INTO team_keys (team, key_id, certificate, signature, issued_at, hub_time)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        {Param::text(a.team), Param::text(a.keyId), Param::text(a.signerCertificate),
         Param::bytes(a.signature), Param::number(a.issuedAtMs), Param::number(hubTimeMs)});
    tx.commit();
    return result;
}

bool PostgresEnvelopeLog::keyAnnounced(const std::string& team, const std::string& keyId) {
    return impl_->db
               .exec("SELECT 1 FROM team_keys WHERE team = $1 AND key_id = $2",
                     {Param::text(team), Param::text(keyId)})
               .rows() > 0;
}

void PostgresEnvelopeLog::putSnapshotChunk(const SnapshotHeader& h, const std::string& body,
                                           std::int64_t hubTimeMs) {
    auto& db = impl_->db;
    const auto team = Param::text(h.team), org = Param::text(h.organisation),
               id = Param::text(h.id);
    pg::Transaction tx(db);
    db.exec(
        "INSERT INTO snapshots (team, organisation, id, site, cursor) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT DO NOTHING",
        {team, org, id, Param::text(h.site), Param::number(h.cursor)});
    // Taken for update: two instances storing chunks of one snapshot queue here.
    auto known = db.exec(
        "SELECT site, cursor, completed_at FROM snapshots WHERE team = $1 AND organisation = $2"
        " AND id = $3 FOR UPDATE",
        {team, org, id});
    if (known.bytes(0, 0) != h.site || known.int64(0, 1) != h.cursor)
        throw SyncError(SyncError::Kind::Malformed,
                        "snapshot " + h.id + " was begun by another site or at another cursor");
    if (!known.isNull(0, 2))
        return;  // complete: a late repeat of a chunk changes nothing
    db.exec(
        "INSERT INTO snapshot_chunks (team, organisation, id, chunk, body) VALUES ($1, $2, $3,"
        " $4, $5) ON CONFLICT (team, organisation, id, chunk) DO UPDATE SET body = excluded.body",
        {team, org, id, Param::number(h.chunk), Param::bytes(body)});
    if (h.last)
        db.exec(
            "UPDATE snapshots SET chunks = $4 WHERE team = $1 AND organisation = $2 AND id = $3",
            {team, org, id, Param::number(h.chunk + 1)});
    auto completed = db.exec(
        "UPDATE snapshots SET completed_at = $4, completed_order = nextval('snapshot_order')"
        " WHERE team = $1 AND organisation = $2 AND id = $3 AND chunks IS NOT NULL AND chunks ="
        " (SELECT COUNT(*) FROM snapshot_chunks c WHERE c.team = $1 AND c.organisation = $2 AND"
        " c.id = $3) RETURNING id",
        {team, org, id, Param::number(hubTimeMs)});
    if (completed.rows() > 0) {
        // Keep this one and the one before it (a desktop may be part way through it).
        const char* stale =
            " WHERE team = $1 AND organisation = $2 AND id NOT IN (SELECT id FROM snapshots"
            " WHERE team = $1 AND organisation = $2 AND completed_order IS NOT NULL ORDER BY"
            " completed_order DESC LIMIT 2)";
        db.exec(std::string("DELETE FROM snapshot_chunks") + stale, {team, org});
        db.exec(std::string("DELETE FROM snapshots") + stale, {team, org});
    }
    tx.commit();
}

std::optional<SnapshotListing> PostgresEnvelopeLog::latestSnapshot(
    const std::string& team, const std::string& organisation) {
    auto r = impl_->db.exec(
        "SELECT id, site, cursor, chunks FROM snapshots WHERE team = $1 AND organisation = $2 AND"
        " completed_order IS NOT NULL ORDER BY completed_order DESC LIMIT 1",
        {Param::text(team), Param::text(organisation)});
    if (!r.rows())
        return std::nullopt;
    return SnapshotListing{r.bytes(0, 0), r.bytes(0, 1), r.int64(0, 2), r.int32(0, 3)};
}

std::optional<std::string> PostgresEnvelopeLog::snapshotChunk(const std::string& team,
                                                              const std::string& organisation,
                                                              const std::string& id, int chunk) {
    auto r = impl_->db.exec(
        "SELECT body FROM snapshot_chunks WHERE team = $1 AND organisation = $2 AND id = $3 AND"
        " chunk = $4",
        {Param::text(team), Param::text(organisation), Param::text(id), Param::number(chunk)});
    if (!r.rows())
        return std::nullopt;
    return r.bytes(0, 0);
}

void PostgresEnvelopeLog::recordPullPosition(const PullPosition& p) {
    impl_->db.exec(
        "INSERT INTO pull_positions (team, site, fingerprint, organisation, keep_after)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team, site, fingerprint) DO UPDATE SET"
        " organisation = excluded.organisation, keep_after = excluded.keep_after",
        {Param::text(p.team), Param::text(p.site), Param::text(p.fingerprint),
         Param::text(p.organisation), Param::number(p.keepAfter)});
}

std::int64_t PostgresEnvelopeLog::lowestPullPosition(const std::string& team) {
    return impl_->db
        .exec("SELECT COALESCE(MIN(keep_after), 0)::bigint FROM pull_positions WHERE team = $1",
              {Param::text(team)})
        .int64(0, 0);
}

std::map<std::string, std::int64_t> PostgresEnvelopeLog::snapshotFloors(const std::string& team) {
    auto r = impl_->db.exec(
        "SELECT organisation, MIN(cursor)::bigint FROM snapshots WHERE team = $1 AND"
        " completed_order IS NOT NULL GROUP BY organisation",
        {Param::text(team)});
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i)
        out[r.bytes(i, 0)] = r.int64(i, 1);
    return out;
}

std::vector<PruneCandidate> PostgresEnvelopeLog::pruneCandidates(const std::string& team,
                                                                 std::int64_t after,
                                                                 std::int64_t through,
                                                                 std::size_t limit) {
    auto r = impl_->db.exec(
        "SELECT seq, site, audience, (octet_length(ciphertext) + octet_length(nonce) +"
        " octet_length(tag) + octet_length(signer) + octet_length(signature))::bigint"
        " FROM envelopes WHERE team = $1 AND seq > $2 AND seq <= $3 AND audience <> '*'"
        " ORDER BY seq LIMIT $4",
        {Param::text(team), Param::number(after), Param::number(through),
         Param::number(static_cast<std::int64_t>(limit))});
    std::vector<PruneCandidate> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.bytes(i, 1), decodeAudience(r.bytes(i, 2)), r.int64(i, 3)});
    return out;
}

void PostgresEnvelopeLog::dropEnvelopes(const std::string& team,
                                        const std::vector<PruneCandidate>& envelopes) {
    auto& db = impl_->db;
    pg::Transaction tx(db);
    // The team's row first, as an append takes it: its bytes and count change here.
    if (!db.exec("SELECT 1 FROM teams WHERE team = $1 FOR UPDATE", {Param::text(team)}).rows())
        return;
    std::int64_t dropped = 0, bytes = 0;
    for (const auto& e : envelopes) {
        if (!db.exec("DELETE FROM envelopes WHERE team = $1 AND seq = $2 RETURNING seq",
                     {Param::text(team), Param::number(e.sequence)})
                 .rows())
            continue;  // dropped already (by another instance)
        ++dropped;
        bytes += e.storedBytes;
        db.exec("UPDATE sites SET bytes = bytes - $3 WHERE team = $1 AND site = $2",
                {Param::text(team), Param::text(e.site), Param::number(e.storedBytes)});
        for (const auto& org : e.audience)
            db.exec(
                "INSERT INTO dropped (team, organisation, through) VALUES ($1, $2, $3)"
                " ON CONFLICT (team, organisation) DO UPDATE SET"
                " through = GREATEST(dropped.through, excluded.through)",
                {Param::text(team), Param::text(org), Param::number(e.sequence)});
    }
    db.exec("UPDATE teams SET bytes = bytes - $2, dropped = dropped + $3 WHERE team = $1",
            {Param::text(team), Param::number(bytes), Param::number(dropped)});
    tx.commit();
}

std::int64_t PostgresEnvelopeLog::droppedThrough(const std::string& team,
                                                 const std::string& organisation) {
    auto r = impl_->db.exec("SELECT through FROM dropped WHERE team = $1 AND organisation = $2",
                            {Param::text(team), Param::text(organisation)});
    return r.rows() ? r.int64(0, 0) : 0;
}

}  // namespace nmdt::storage
