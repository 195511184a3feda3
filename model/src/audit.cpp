#include "model/audit.h"

#include "model/change_set.h"

namespace nmdt {

std::string auditEntryHash(const AuditEntry& e, const Crypto& crypto) {
    // The same length-prefixed encoding as the change log, so no choice of text in one
    // field can imitate a boundary between fields.
    FieldList fields{{"sequence", e.sequence},
                     {"at", toMillis(e.at)},
                     {"kind", std::string(codeOf(e.kind))},
                     {"subject", e.subject},
                     {"detail", e.detail},
                     {"user_id", e.userId},
                     {"user_name", e.userName},
                     {"role", e.role},
                     {"organisation_id", e.organisationId},
                     {"previous_hash", e.previousHash}};
    return sha256Hex(crypto, encodeFields(fields));
}

AuditVerification verifyAuditChain(const std::vector<AuditEntry>& entries,
                                   const std::string& previousHash, std::int64_t previousSequence,
                                   const Crypto& crypto) {
    AuditVerification result;
    std::string expectedPrevious = previousHash;
    std::int64_t expectedSequence = previousSequence + 1;
    for (const auto& e : entries) {
        auto broken = [&](const char* reason) {
            result.intact = false;
            result.firstBrokenSequence = e.sequence;
            result.reason = reason;
            return result;
        };
        if (e.sequence != expectedSequence)
            return broken("sequence-gap");  // an entry was deleted
        if (e.previousHash != expectedPrevious)
            return broken("broken-link");
        if (auditEntryHash(e, crypto) != e.hash)
            return broken("hash-mismatch");  // an entry was edited
        expectedPrevious = e.hash;
        ++expectedSequence;
        ++result.checked;
    }
    return result;
}

}  // namespace nmdt
