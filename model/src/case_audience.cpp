#include "model/case_audience.h"

#include <algorithm>
#include <map>
#include <set>

#include "model/calendar.h"
#include "model/entity_mapping.h"

namespace nmdt {

std::vector<std::string> caseAudience(const Case& referral, const std::vector<Consent>& consents) {
    std::set<std::string> orgs;
    if (!referral.referrerOrganisation.empty())
        orgs.insert(referral.referrerOrganisation.str());
    std::map<std::string, std::pair<std::string, bool>> latest;
    for (const auto& consent : consents) {
        bool permits = consent.decision == ConsentDecision::Permit || !consent.legalBasis.empty();
        auto key = toIsoDate(consent.recordedOn) + consent.id.str();
        auto& slot = latest[consent.organisationId.str()];
        if (key >= slot.first)
            slot = {key, permits};
    }
    for (const auto& [org, decision] : latest)
        if (decision.second)
            orgs.insert(org);
    return {orgs.begin(), orgs.end()};
}

namespace {
std::string textOf(const SyncEntry& e, std::string_view field) {
    return Record(e.change.fields).text(field);
}
}  // namespace

std::string refusalOfSnapshotRecords(const std::vector<SyncEntry>& records,
                                     const std::string& organisation) {
    // First the cases, consents, plans and actions the chunk holds; then each record's case.
    std::map<std::string, Case> cases;
    std::map<std::string, std::vector<Consent>> consents;
    std::map<std::string, std::string> planCase, actionCase;
    try {
        for (const auto& r : records) {
            const auto& c = r.change;
            if (c.op != ChangeOp::Create || !r.isSnapshot())
                return "record " + c.entityId + " is not a whole record with its stamps";
            Record fields(c.fields);
            switch (c.kind) {
                case EntityKind::Case:
                    cases.emplace(c.entityId, fromRow<Case>(c.entityId, fields));
                    break;
                case EntityKind::Consent: {
                    auto consent = fromRow<Consent>(c.entityId, fields);
                    consents[consent.caseId.str()].push_back(consent);
                    break;
                }
                case EntityKind::CarePlan:
                    planCase[c.entityId] = textOf(r, "case_id");
                    break;
                case EntityKind::Action:
                    actionCase[c.entityId] = textOf(r, "case_id");
                    break;
                default:
                    break;
            }
        }
    } catch (const std::exception& bad) {
        return std::string("a record is out of shape: ") + bad.what();
    }
    std::map<std::string, bool> allowed;
    auto mayLoad = [&](const std::string& caseId) -> std::string {
        auto found = cases.find(caseId);
        if (found == cases.end())
            return "it holds records of case " + caseId + " without the case itself";
        auto it = allowed.find(caseId);
        if (it == allowed.end()) {
            auto audience = caseAudience(found->second, consents[caseId]);
            it = allowed
                     .emplace(caseId, std::find(audience.begin(), audience.end(), organisation) !=
                                          audience.end())
                     .first;
        }
        if (!it->second)
            return "it holds case " + caseId + ", which organisation " + organisation +
                   " has no consent to see";
        return {};
    };
    for (const auto& r : records) {
        const auto& c = r.change;
        std::string caseId;
        switch (c.kind) {
            case EntityKind::Case:
                caseId = c.entityId;
                break;
            case EntityKind::Contact:
            case EntityKind::Consent:
            case EntityKind::CareTeamMember:
            case EntityKind::CarePlan:
            case EntityKind::Action:
            case EntityKind::AgendaItem:
            case EntityKind::WellbeingScore:
                caseId = textOf(r, "case_id");
                break;
            case EntityKind::Need:
            case EntityKind::Goal: {
                auto plan = planCase.find(textOf(r, "plan_id"));
                if (plan == planCase.end())
                    return std::string(entityKindName(c.kind)) + " " + c.entityId +
                           " comes without its care plan";
                caseId = plan->second;
                break;
            }
            case EntityKind::ProgressNote: {
                if (Record(c.fields).flag("private"))
                    return "it holds private note " + c.entityId +
                           ", which never leaves its desktop";
                auto action = actionCase.find(textOf(r, "action_id"));
                if (action == actionCase.end())
                    return "note " + c.entityId + " comes without its action";
                caseId = action->second;
                break;
            }
            case EntityKind::CaseFindingList:
            case EntityKind::CaseFindingEntry:
                return "it holds case-finding " + c.entityId + ", which never leaves its desktop";
            case EntityKind::ServiceUseMonth:
                return "it holds service use " + c.entityId + ", which never leaves its desktop";
            default:
                break;  // the directory and meetings: every partner sees them
        }
        if (caseId.empty())
            continue;  // an action or agenda item of no case: its organisation's own
        if (auto why = mayLoad(caseId); !why.empty())
            return why;
    }
    return {};
}

}  // namespace nmdt
