#include "model/outcome_service.h"

#include <map>
#include <set>

#include "model/case_finding_import.h"
#include "model/permissions.h"
#include "model/service_use_import.h"

namespace nmdt {

namespace {
Case visibleCase(const ServiceContext& ctx, const CaseId& id) {
    auto theCase = ctx.store.caseById(id);
    if (!theCase)
        throw DomainError(ErrorCode::NotFound, "case");
    requireMaySeeRecord(ctx.actor, *theCase, ctx.store.consents(id), ctx.store.careTeam(id));
    return *theCase;
}
}  // namespace

WellbeingScoreId OutcomeService::recordWellbeing(const WellbeingScore& input) {
    require(ctx_.actor, Operation::EditCase);
    const Case theCase = visibleCase(ctx_, input.caseId);

    Validator v;
    auto answer = [&](int value, const char* field) {
        v.require(value >= kWellbeingMin && value <= kWellbeingMax, ErrorCode::ValueOutOfRange,
                  field);
    };
    answer(input.lifeSatisfaction, "lifeSatisfaction");
    answer(input.worthwhile, "worthwhile");
    answer(input.happiness, "happiness");
    answer(input.anxiety, "anxiety");
    if (!input.recordedOn.ok())
        v.add(ErrorCode::DateInvalid, "recordedOn");
    else if (input.recordedOn > ctx_.clock.today() || input.recordedOn < theCase.referralDate)
        v.add(ErrorCode::DateOutOfRange, "recordedOn");
    if (input.occasion == WellbeingOccasion::Referral)
        for (const auto& earlier : ctx_.store.wellbeingScores(input.caseId))
            if (earlier.occasion == WellbeingOccasion::Referral)
                v.add(ErrorCode::BaselineExists, "occasion");
    v.throwIfAny();

    WellbeingScore score = input;
    score.id = ctx_.ids.next<WellbeingScoreId>();
    score.recordedBy = ctx_.actor.userId;
    ChangeSet changes("record-wellbeing");
    changes.create(EntityKind::WellbeingScore, score.id.str(), toFields(score));
    changes.setAudit(
        {AuditEventKind::Change, "case:" + score.caseId.str(),
         std::string("wellbeing score recorded (") + std::string(codeOf(score.occasion)) + ")"});
    ctx_.commit(changes);
    return score.id;
}

std::vector<WellbeingScore> OutcomeService::wellbeingHistory(const CaseId& id) const {
    visibleCase(ctx_, id);
    return ctx_.store.wellbeingScores(id);
}

ServiceUseImportResult OutcomeService::importServiceUse(std::string_view bytes,
                                                        const std::string& sourceName) {
    require(ctx_.actor, Operation::FindCases);
    auto practice = ctx_.store.organisation(ctx_.actor.organisationId);
    if (!practice || practice->kind != OrganisationKind::GpPractice || practice->odsCode.empty())
        throw DomainError(ErrorCode::NotPermitted, "organisation");

    CsvTable table;
    try {
        table = readCsv(bytes);
    } catch (const CsvError& e) {
        throw DomainError({problemOf(e)});
    }
    const auto rows = readServiceUseRows(table, ctx_.clock.today());

    // Months held before are replaced: a later export of the same month is the better count.
    std::map<std::pair<std::string, std::string>, ServiceUseMonth> held;
    for (auto& u : ctx_.store.serviceUse())
        held.emplace(std::pair{u.caseId.str(), u.month}, u);
    std::map<std::string, std::optional<CaseId>> caseOf;

    ServiceUseImportResult result;
    std::set<std::string> residents;
    ChangeSet changes("import-service-use");
    for (const auto& row : rows) {
        auto [slot, isNew] = caseOf.try_emplace(row.nhsNumber);
        if (isNew)
            if (auto c = ctx_.store.caseByNhsNumber(row.nhsNumber))
                slot->second = c->id;
        if (!slot->second) {
            ++result.notHeld;
            continue;
        }
        ServiceUseMonth u;
        u.caseId = *slot->second;
        u.month = row.month;
        u.emergencyAttendances = row.emergencyAttendances;
        u.emergencyAdmissions = row.emergencyAdmissions;
        u.gpContacts = row.gpContacts;
        u.organisationId = ctx_.actor.organisationId;
        u.importedAt = ctx_.clock.now();
        if (auto before = held.find({u.caseId.str(), u.month}); before != held.end()) {
            u.id = before->second.id;
            changes.update(EntityKind::ServiceUseMonth, u.id.str(),
                           changedFields(toFields(before->second), toFields(u)));
            ++result.replaced;
        } else {
            u.id = ctx_.ids.next<ServiceUseId>();
            changes.create(EntityKind::ServiceUseMonth, u.id.str(), toFields(u));
        }
        residents.insert(u.caseId.str());
        ++result.months;
    }
    result.residents = residents.size();
    // Counted, never named: which file, how many months and residents.
    changes.setAudit({AuditEventKind::Change, "service-use",
                      "imported " + std::to_string(result.months) + " months for " +
                          std::to_string(result.residents) + " residents from " +
                          (sourceName.empty() ? "a file" : sourceName)});
    ctx_.commit(changes);
    return result;
}

}  // namespace nmdt
