// The audit trail half of SqlCipherStore: append, read and verify the hash chain.
#include <SQLiteCpp/Transaction.h>

#include "crypto/openssl_crypto.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {
constexpr std::int64_t kCheckedAtOpen = 10000;  // recent entries verified on every open

AuditEntry entryFrom(SQLite::Statement& st) {
    AuditEntry e;
    e.sequence = st.getColumn(0).getInt64();
    e.at = fromMillis(st.getColumn(1).getInt64());
    e.kind = fromCode<AuditEventKind>(st.getColumn(2).getString()).value_or(AuditEventKind::Change);
    e.subject = st.getColumn(3).getString();
    e.detail = st.getColumn(4).getString();
    e.userId = st.getColumn(5).getString();
    e.userName = st.getColumn(6).getString();
    e.role = st.getColumn(7).getString();
    e.organisationId = st.getColumn(8).getString();
    e.previousHash = st.getColumn(9).getString();
    e.hash = st.getColumn(10).getString();
    if (!fromCode<AuditEventKind>(st.getColumn(2).getString()))
        e.hash = "unknown-kind";  // fails verification
    return e;
}

const std::string kColumns =
    "SELECT sequence, at, kind, subject, detail, user_id, user_name, role, organisation_id, "
    "previous_hash, hash"
    " FROM audit_log ";

/// Verifies entries after `afterSequence` in chunks, linking to the entry before them.
AuditVerification verifyFrom(StoreImpl& s, std::int64_t afterSequence) {
    std::string previous = kAuditGenesisHash;
    if (afterSequence > 0) {
        auto st = s.prepare("SELECT hash FROM audit_log WHERE sequence = ?");
        st->bind(1, static_cast<std::int64_t>(afterSequence));
        if (!st->executeStep())
            return {false, 0, afterSequence, "sequence-gap"};
        previous = st->getColumn(0).getString();
    }
    AuditVerification total;
    std::int64_t last = afterSequence;
    for (;;) {
        AuditQuery q;
        q.afterSequence = last;
        q.limit = 5000;
        auto chunk = readAudit(s, q);
        if (chunk.empty())
            break;
        auto result = verifyAuditChain(chunk, previous, last, crypto::openSsl());
        total.checked += result.checked;
        if (!result.intact) {
            result.checked = total.checked;
            return result;
        }
        previous = chunk.back().hash;
        last = chunk.back().sequence;
    }
    std::string head;
    {
        auto st = s.prepare("SELECT value FROM meta WHERE key = 'audit_head'");
        if (st->executeStep())
            head = st->getColumn(0).getString();
    }
    if (!head.empty() && head != std::to_string(last) + ":" + previous)
        return {false, total.checked, last + 1, "truncated"};  // entries cut off the end
    return total;
}
}  // namespace

std::vector<AuditEntry> readAudit(StoreImpl& s, const AuditQuery& q) {
    std::string sql = kColumns + "WHERE sequence > ?";
    if (q.kind)
        sql += " AND kind = ?";
    if (q.userId)
        sql += " AND user_id = ?";
    if (q.subject)
        sql += " AND subject = ?";
    sql += q.newestFirst ? " ORDER BY sequence DESC LIMIT ?" : " ORDER BY sequence LIMIT ?";
    auto st = s.prepare(sql);
    int i = 1;
    st->bind(i++, static_cast<std::int64_t>(q.afterSequence));
    if (q.kind)
        st->bind(i++, std::string(codeOf(*q.kind)));
    if (q.userId)
        st->bind(i++, *q.userId);
    if (q.subject)
        st->bind(i++, *q.subject);
    st->bind(i, static_cast<std::int64_t>(q.limit));
    std::vector<AuditEntry> out;
    while (st->executeStep())
        out.push_back(entryFrom(*st));
    return out;
}

void appendAudit(StoreImpl& s, const AuditEvent& event, const Actor& actor) {
    // Another connection to the same file (background sync) may have appended since this
    // one last did: chain to the stored head, read inside this transaction.
    {
        auto head =
            s.prepare("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
        if (head->executeStep()) {
            s.lastAuditSequence = head->getColumn(0).getInt64();
            s.lastAuditHash = head->getColumn(1).getString();
        }
    }
    AuditEntry e;
    e.sequence = s.lastAuditSequence + 1;
    e.at = s.clock->now();
    e.kind = event.kind;
    e.subject = event.subject;
    e.detail = event.detail;
    e.userId = actor.userId.str();
    e.userName = actor.userName;
    e.role = std::string(codeOf(actor.role));
    e.organisationId = actor.organisationId.str();
    e.previousHash = s.lastAuditHash;
    e.hash = auditEntryHash(e, crypto::openSsl());
    auto st = s.prepare(
        "INSERT INTO audit_log (sequence, at, kind, subject, detail, user_id, user_name, role, "
        "organisation_id,"
        " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(e.sequence));
    st->bind(2, static_cast<std::int64_t>(toMillis(e.at)));
    st->bind(3, std::string(codeOf(e.kind)));
    st->bind(4, e.subject);
    st->bind(5, e.detail);
    st->bind(6, e.userId);
    st->bind(7, e.userName);
    st->bind(8, e.role);
    st->bind(9, e.organisationId);
    st->bind(10, e.previousHash);
    st->bind(11, e.hash);
    st->exec();
    // The head is also kept in meta, in the same transaction, so cutting entries off the
    // end of the trail is noticed (unless meta is forged too: see docs/security.md).
    auto head = s.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)");
    head->bind(1, std::to_string(e.sequence) + ":" + e.hash);
    head->exec();
    s.lastAuditSequence = e.sequence;
    s.lastAuditHash = e.hash;
}

void loadAuditState(StoreImpl& s) {
    {
        auto st = s.prepare("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
        if (st->executeStep()) {
            s.lastAuditSequence = st->getColumn(0).getInt64();
            s.lastAuditHash = st->getColumn(1).getString();
        }
    }
    s.auditAtOpen = verifyFrom(s, std::max<std::int64_t>(0, s.lastAuditSequence - kCheckedAtOpen));
}

std::vector<AuditEntry> SqlCipherStore::auditTrail(const AuditQuery& query) const {
    return guarded([&] { return readAudit(*impl_, query); });
}

AuditVerification SqlCipherStore::verifyAudit() {
    return guarded([&] { return verifyFrom(*impl_, 0); });
}

AuditVerification SqlCipherStore::auditAtOpen() const {
    return impl_->auditAtOpen;
}

}  // namespace nmdt::storage
