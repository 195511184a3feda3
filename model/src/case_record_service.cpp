#include "model/case_record_service.h"

#include <algorithm>

#include "model/permissions.h"

namespace nmdt {

DirectoryNames::DirectoryNames(const DirectoryReader& directory) {
    for (const auto& o : directory.organisations())
        organisations_[o.id.str()] = o.name;
    for (const auto& p : directory.professionals())
        professionals_[p.id.str()] = p;
}

std::string DirectoryNames::organisation(const OrganisationId& id) const {
    if (id.empty())
        return {};
    auto it = organisations_.find(id.str());
    return it == organisations_.end() ? id.str() : it->second;
}

std::string DirectoryNames::professional(const ProfessionalId& id) const {
    if (id.empty())
        return {};
    auto it = professionals_.find(id.str());
    return it == professionals_.end() ? id.str() : it->second.name;
}

std::string DirectoryNames::organisationOf(const ProfessionalId& id) const {
    auto it = professionals_.find(id.str());
    return it == professionals_.end() ? std::string() : organisation(it->second.organisationId);
}

std::string DirectoryNames::professionalWithOrganisation(const ProfessionalId& id) const {
    std::string org = organisationOf(id);
    return org.empty() ? professional(id) : professional(id) + " (" + org + ")";
}

std::string DirectoryNames::phoneOf(const ProfessionalId& id) const {
    auto it = professionals_.find(id.str());
    return it == professionals_.end() ? std::string() : it->second.phone;
}

CaseRecord CaseRecordService::load(const CaseId& id) const {
    auto found = ctx_.store.caseById(id);
    if (!found)
        throw DomainError(ErrorCode::NotFound, "case");
    CaseRecord r;
    r.theCase = *found;
    r.consents = ctx_.store.consents(id);
    r.careTeam = ctx_.store.careTeam(id);
    // What a person may see follows the resident's consent for their organisation.
    requireMaySeeRecord(ctx_.actor, r.theCase, r.consents, r.careTeam);
    r.contacts = ctx_.store.contacts(id);
    if (!r.theCase.mdtSeries.empty())
        r.mdtSeries = ctx_.store.meetingSeriesById(r.theCase.mdtSeries);
    r.plans = ctx_.store.carePlans(id);
    r.wellbeing = ctx_.store.wellbeingScores(id);
    ActionQuery q;
    q.caseId = id;
    q.limit = 10000;
    r.actions = ctx_.store.actions(q);  // due order, undated last
    std::stable_partition(r.actions.begin(), r.actions.end(),
                          [](const Action& a) { return isOpen(a.status); });
    for (auto& item : ctx_.store.agendaItemsForCase(id)) {
        if (auto meeting = ctx_.store.meeting(item.meetingId))
            r.discussions.push_back({*meeting, std::move(item)});
    }
    std::sort(
        r.discussions.begin(), r.discussions.end(),
        [](const Discussion& a, const Discussion& b) { return a.meeting.date > b.meeting.date; });
    return r;
}

}  // namespace nmdt
