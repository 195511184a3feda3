#include "model/case_finding_service.h"

#include "model/permissions.h"

namespace nmdt {

namespace {
constexpr std::size_t kMaxTitle = kMaxShortText;
}

void CaseFindingService::requirePracticeStaff() const {
    require(ctx_.actor, Operation::FindCases);
    auto org = ctx_.store.organisation(ctx_.actor.organisationId);
    if (!org || org->kind != OrganisationKind::GpPractice || org->odsCode.empty())
        throw DomainError(ErrorCode::NotPermitted, "organisation");
}

std::optional<ColumnMapping> CaseFindingService::rememberedMapping() const {
    for (const auto& list : ctx_.store.caseFindingLists(ctx_.actor.organisationId))
        if (!list.mapping.columns.empty())
            return list.mapping;
    return std::nullopt;
}

CaseFindingImportResult CaseFindingService::importList(const CaseFindingImport& request) {
    requirePracticeStaff();
    const auto practice = ctx_.store.organisation(ctx_.actor.organisationId);
    Validator v;
    // "listTitle", not "title": the window words "title" as an action's.
    v.require(!request.title.empty(), ErrorCode::RequiredFieldMissing, "listTitle");
    v.require(request.title.size() <= kMaxTitle, ErrorCode::TextTooLong, "listTitle");
    v.throwIfAny();

    CsvTable table;
    try {
        table = readCsv(request.bytes);
    } catch (const CsvError& e) {
        throw DomainError({problemOf(e)});
    }
    PreparedRows rows = prepareRows(table, request.mapping, practice->odsCode, ctx_.clock.today());

    CaseFindingList list;
    list.id = ctx_.ids.next<CaseFindingListId>();
    list.organisationId = ctx_.actor.organisationId;
    list.title = request.title;
    list.sourceName = request.sourceName;
    list.importedAt = ctx_.clock.now();
    list.importedBy = ctx_.actor.userId;
    list.rowCount = static_cast<int>(rows.entries.size());
    list.mapping = request.mapping;
    list.riskColumns = rows.riskColumns;

    std::size_t objected = 0;
    for (auto& e : rows.entries)
        if (auto objection = standingObjection(e.nhsNumber)) {
            e.decision = ScreeningDecision::Objected;
            e.reason = objection->reason;
            e.decidedBy = objection->decidedBy;
            e.decidedAt = objection->decidedAt;
            ++objected;
        }

    ChangeSet changes("import-case-finding-list");
    changes.create(EntityKind::CaseFindingList, list.id.str(), toFields(list));
    for (auto& e : rows.entries) {
        e.id = ctx_.ids.next<CaseFindingEntryId>();
        e.listId = list.id;
        changes.create(EntityKind::CaseFindingEntry, e.id.str(), toFields(e));
    }
    // The people are not named in the trail (it is exported for review): the list, its
    // file and how many.
    changes.setAudit({AuditEventKind::Change, "case-finding-list:" + list.id.str(),
                      "imported " + std::to_string(rows.entries.size()) + " people from " +
                          (request.sourceName.empty() ? "a file" : request.sourceName)});
    ctx_.commit(changes);
    return {list.id, rows.entries.size(), ctx_.store.knownOnList(list.id), objected};
}

CaseFindingEntry CaseFindingService::entryOfOwnPractice(const CaseFindingEntryId& id) const {
    auto entry = ctx_.store.caseFindingEntry(id);
    if (!entry)
        throw DomainError(ErrorCode::NotFound, "entry");
    auto list = ctx_.store.caseFindingList(entry->listId);
    if (!list || list->organisationId != ctx_.actor.organisationId)
        throw DomainError(ErrorCode::NotPermitted, "organisation");
    return *entry;
}

void CaseFindingService::screen(const CaseFindingEntryId& id, ScreeningDecision decision,
                                const std::string& reason, std::optional<Date> reviewOn) {
    requirePracticeStaff();
    const CaseFindingEntry before = entryOfOwnPractice(id);
    Validator v;
    v.require(decision != ScreeningDecision::Referred, ErrorCode::InvalidStatusTransition,
              "decision");  // a referral is recorded by recordReferral, with its case
    v.require(before.decision != ScreeningDecision::Referred, ErrorCode::InvalidStatusTransition,
              "decision");  // the case exists; closing it is the case's own journey
    if (decision == ScreeningDecision::ReviewLater) {
        v.require(reviewOn.has_value(), ErrorCode::RequiredFieldMissing, "reviewOn");
        v.require(!reviewOn || *reviewOn >= ctx_.clock.today(), ErrorCode::DateOutOfRange,
                  "reviewOn");
    }
    if (decision == ScreeningDecision::NotSuitable)
        v.require(!reason.empty(), ErrorCode::ReasonRequired, "reason");
    v.require(reason.size() <= kMaxLongText, ErrorCode::TextTooLong, "reason");
    v.throwIfAny();

    CaseFindingEntry after = before;
    after.decision = decision;
    after.reason = decision == ScreeningDecision::Pending ? std::string() : reason;
    after.reviewOn = decision == ScreeningDecision::ReviewLater ? reviewOn : std::optional<Date>();
    after.decidedBy = decision == ScreeningDecision::Pending ? ProfessionalId() : ctx_.actor.userId;
    after.decidedAt = decision == ScreeningDecision::Pending ? std::optional<Timestamp>()
                                                             : std::optional(ctx_.clock.now());
    std::vector<std::pair<CaseFindingEntry, CaseFindingEntry>> edits{{before, after}};
    const bool objects = decision == ScreeningDecision::Objected;
    const bool withdraws = before.decision == ScreeningDecision::Objected && !objects;
    if (objects || withdraws)
        for (const auto& other :
             ctx_.store.caseFindingEntriesOf(ctx_.actor.organisationId, before.nhsNumber)) {
            if (other.id == before.id || other.decision == ScreeningDecision::Referred)
                continue;
            if (objects == (other.decision == ScreeningDecision::Objected))
                continue;  // already as this decision leaves it
            CaseFindingEntry changed = other;
            changed.decision = objects ? ScreeningDecision::Objected : ScreeningDecision::Pending;
            changed.reason = objects ? after.reason : std::string();
            changed.reviewOn.reset();
            changed.decidedBy = objects ? after.decidedBy : ProfessionalId();
            changed.decidedAt = objects ? after.decidedAt : std::optional<Timestamp>();
            edits.emplace_back(other, std::move(changed));
        }
    ctx_.commitEdits("screen-case-finding-entry", edits);
}

std::optional<CaseFindingEntry> CaseFindingService::standingObjection(
    const std::string& nhsNumber) const {
    for (auto& entry : ctx_.store.caseFindingEntriesOf(ctx_.actor.organisationId, nhsNumber))
        if (entry.decision == ScreeningDecision::Objected)
            return entry;
    return std::nullopt;
}

void CaseFindingService::requireMayRefer(const CaseFindingEntryId& id) const {
    requirePracticeStaff();
    require(ctx_.actor, Operation::Refer);
    const CaseFindingEntry entry = entryOfOwnPractice(id);
    if (entry.decision == ScreeningDecision::Referred)
        throw DomainError(ErrorCode::InvalidStatusTransition, "decision");
    if (standingObjection(entry.nhsNumber))  // this entry's own objection among them
        throw DomainError(ErrorCode::ObjectedToSharing, "decision");
}

void CaseFindingService::recordReferral(const CaseFindingEntryId& id, const CaseId& referred) {
    requireMayRefer(id);
    const CaseFindingEntry before = entryOfOwnPractice(id);
    auto theCase = ctx_.store.caseById(referred);
    if (!theCase || theCase->resident.nhsNumber != before.nhsNumber)
        throw DomainError(ErrorCode::ReferenceMismatch, "case");
    CaseFindingEntry after = before;
    after.decision = ScreeningDecision::Referred;
    after.referredCase = referred;
    after.reason.clear();
    after.reviewOn.reset();
    after.decidedBy = ctx_.actor.userId;
    after.decidedAt = ctx_.clock.now();
    ctx_.commitFinal("refer-from-case-finding", before, after);
}

}  // namespace nmdt
