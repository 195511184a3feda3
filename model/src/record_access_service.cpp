#include "model/record_access_service.h"

#include "model/permissions.h"

namespace nmdt {

void RecordAccessService::record(AuditEvent event) {
    ctx_.commit(ChangeSet::auditOnly(std::move(event)));
}

CaseRecord RecordAccessService::openRecord(const CaseId& id) {
    const std::string subject = "case:" + id.str();
    try {
        CaseRecord loaded = CaseRecordService(ctx_).load(id);
        record({AuditEventKind::ViewCase, subject, ""});
        return loaded;
    } catch (const DomainError& e) {
        if (e.has(ErrorCode::NotShared))
            record({AuditEventKind::ViewCase, subject, "withheld: not-shared"});
        throw;
    }
}

void RecordAccessService::recordOutput(const OutputRecord& output) {
    if (output.kind != AuditEventKind::Print && output.kind != AuditEventKind::ExportPdf)
        throw DomainError(ErrorCode::UnknownCode, "kind");
    constexpr std::string_view casePrefix = "case:";
    if (output.subject.starts_with(casePrefix)) {
        const CaseId id(output.subject.substr(casePrefix.size()));
        auto theCase = ctx_.store.caseById(id);
        if (!theCase)
            throw DomainError(ErrorCode::NotFound, "case");
        requireMaySeeRecord(ctx_.actor, *theCase, ctx_.store.consents(id), ctx_.store.careTeam(id));
    }
    record({output.kind, output.subject, output.what});
}

}  // namespace nmdt
