#pragma once
// The audit trail: who viewed, changed, printed or exported what, and when. Append-only
// and tamper-evident: each entry's hash covers the previous entry's hash.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/crypto.h"

namespace nmdt {

enum class AuditEventKind {
    SignIn,
    FailedUnlock,
    ViewCase,
    Change,
    Print,
    ExportPdf,
    ExportFhir,
    PassphraseChanged,
    Backup,
    Restore,
    Lock,
    Unlock,
    Sync,               // changes sent to and received from partners
    SignInGranted,      // a person given a key slot, or their passphrase reset
    SignInRevoked,      // a person's key slot removed
    RecoveryKeyIssued,  // a new recovery key made (the old one stops working)
    RecoveryKeyUsed,    // the store opened with its recovery key
    HistoryCompacted,   // old change-log entries the hub holds let go
    ExportTrace,        // a trace request (who to find NHS numbers for) written for the NHS
    ExportReport,       // a report's table saved to a file (counts, small numbers suppressed)
};

template <>
struct EnumCodes<AuditEventKind> {
    static constexpr std::array<std::pair<AuditEventKind, std::string_view>, 20> table{{
        {AuditEventKind::SignIn, "sign-in"},
        {AuditEventKind::FailedUnlock, "failed-unlock"},
        {AuditEventKind::ViewCase, "view-case"},
        {AuditEventKind::Change, "change"},
        {AuditEventKind::Print, "print"},
        {AuditEventKind::ExportPdf, "export-pdf"},
        {AuditEventKind::ExportFhir, "export-fhir"},
        {AuditEventKind::PassphraseChanged, "passphrase-changed"},
        {AuditEventKind::Backup, "backup"},
        {AuditEventKind::Restore, "restore"},
        {AuditEventKind::Lock, "lock"},
        {AuditEventKind::Unlock, "unlock"},
        {AuditEventKind::Sync, "sync"},
        {AuditEventKind::SignInGranted, "sign-in-granted"},
        {AuditEventKind::SignInRevoked, "sign-in-revoked"},
        {AuditEventKind::RecoveryKeyIssued, "recovery-key-issued"},
        {AuditEventKind::RecoveryKeyUsed, "recovery-key-used"},
        {AuditEventKind::HistoryCompacted, "history-compacted"},
        {AuditEventKind::ExportTrace, "export-trace"},
        {AuditEventKind::ExportReport, "export-report"},
    }};
};

/// Something to record. `subject` names what it was about by id ("case:<uuid>"), never by
/// a person's name; `detail` says more (what was printed, how many attempts...).
struct AuditEvent {
    AuditEventKind kind = AuditEventKind::Change;
    std::string subject;
    std::string detail;
};

/// One recorded event, with who did it and its place in the chain.
struct AuditEntry {
    std::int64_t sequence = 0;
    Timestamp at{};
    AuditEventKind kind = AuditEventKind::Change;
    std::string subject;
    std::string detail;
    std::string userId;
    std::string userName;
    std::string role;
    std::string organisationId;
    std::string previousHash;
    std::string hash;
};

/// Which entries to list. Unset members do not filter.
struct AuditQuery {
    std::int64_t afterSequence = 0;
    std::optional<AuditEventKind> kind;
    std::optional<std::string> userId;
    std::optional<std::string> subject;
    std::size_t limit = 1000;
    bool newestFirst = false;  // the most recent `limit` entries, newest first
};

/// The hash the first entry's previousHash must hold.
inline const std::string kAuditGenesisHash(64, '0');

/// The hash an entry must carry: SHA-256 over the previous hash and every other field.
std::string auditEntryHash(const AuditEntry& entry, const Crypto& crypto);

/// The result of checking a run of the chain.
struct AuditVerification {
    bool intact = true;
    std::int64_t checked = 0;
    std::optional<std::int64_t> firstBrokenSequence;
    std::string reason;  // "hash-mismatch", "broken-link", "sequence-gap", "truncated"
};

/// Checks consecutive entries; `previousHash` is what the first must link to.
AuditVerification verifyAuditChain(const std::vector<AuditEntry>& entries,
                                   const std::string& previousHash, std::int64_t previousSequence,
                                   const Crypto& crypto);

}  // namespace nmdt
