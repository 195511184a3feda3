#include "model/exchange_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "model/case_service.h"
#include "model/entity_mapping.h"
#include "model/nhs_number.h"
#include "model/permissions.h"

namespace nmdt {

namespace {

/// Collects the directory entries a record refers to, each once.
class DirectoryCollector {
  public:
    explicit DirectoryCollector(const DirectoryReader& directory) : directory_(directory) {}

    void organisation(const OrganisationId& id) {
        if (id.empty() || !organisationIds_.insert(id.str()).second)
            return;
        if (auto o = directory_.organisation(id))
            organisations_.push_back(*o);
    }
    void professional(const ProfessionalId& id) {
        if (id.empty() || !professionalIds_.insert(id.str()).second)
            return;
        if (auto p = directory_.professional(id)) {
            professionals_.push_back(*p);
            organisation(p->organisationId);
        }
    }
    void actions(const std::vector<Action>& actions) {
        for (const auto& a : actions) {
            professional(a.owner);
            organisation(a.ownerOrganisation);
            professional(a.requester);
        }
    }
    std::vector<Organisation> organisations() const { return organisations_; }
    std::vector<Professional> professionals() const { return professionals_; }

  private:
    const DirectoryReader& directory_;
    std::set<std::string> organisationIds_, professionalIds_;
    std::vector<Organisation> organisations_;
    std::vector<Professional> professionals_;
};

/// Builds the one change set of an import: creates what is new, updates what differs.
class ImportWriter {
  public:
    explicit ImportWriter(ImportResult& result) : result_(result) {}

    template <class T>
    void put(const T& incoming, const std::optional<T>& existing) {
        // The limits a person typing meets hold for what arrives from elsewhere too.
        for (const auto& f : toFields(incoming))
            if (auto text = std::get_if<std::string>(&f.value); text && text->size() > kMaxLongText)
                throw DomainError(
                    ErrorCode::TextTooLong,
                    std::string(entityKindName(EntityTraits<T>::kind)) + "." + f.name);
        if (!existing) {
            changes_.create(EntityTraits<T>::kind, incoming.id.str(), toFields(incoming));
            ++result_.created;
            return;
        }
        FieldList changed = changedFields(toFields(*existing), toFields(incoming));
        if (changed.empty()) {
            ++result_.unchanged;
            return;
        }
        changes_.update(EntityTraits<T>::kind, incoming.id.str(), std::move(changed));
        ++result_.updated;
    }
    void keep() { ++result_.keptLocal; }
    const ChangeSet& changes() const { return changes_; }

  private:
    ImportResult& result_;
    ChangeSet changes_{"import-fhir"};
};

template <class T>
std::optional<T> findById(const std::vector<T>& items, const std::string& id) {
    for (const auto& item : items)
        if (item.id.str() == id)
            return item;
    return std::nullopt;
}

void mismatch(const std::string& what) {
    throw DomainError(ErrorCode::ReferenceMismatch, what);
}

}  // namespace

CaseTransfer ExchangeService::exportCase(const CaseId& id, const std::string& destination) const {
    require(ctx_.actor, Operation::ExchangeRecords);
    const Store& store = ctx_.store;
    auto found = store.caseById(id);
    if (!found)
        throw DomainError(ErrorCode::NotFound, "case");
    CaseTransfer t;
    t.theCase = *found;
    t.contacts = store.contacts(id);
    t.consents = store.consents(id);
    t.careTeam = store.careTeam(id);
    requireMaySeeRecord(ctx_.actor, t.theCase, t.consents, t.careTeam);
    for (const auto& plan : store.carePlans(id))
        t.plans.push_back({plan, store.needs(plan.id), store.goals(plan.id)});
    ActionQuery q;
    q.caseId = id;
    q.limit = 100000;
    t.actions = store.actions(q);
    for (const auto& a : t.actions)
        for (const auto& n : store.notes(a.id))
            if (!n.isPrivate)  // private notes never leave this desktop
                t.notes.push_back(n);
    for (const auto& item : store.agendaItemsForCase(id))
        if (auto m = store.meeting(item.meetingId))
            t.discussions.push_back({*m, item});
    std::sort(
        t.discussions.begin(), t.discussions.end(),
        [](const Discussion& a, const Discussion& b) { return a.meeting.date < b.meeting.date; });

    DirectoryCollector names(store);
    names.organisation(t.theCase.referrerOrganisation);
    names.organisation(t.theCase.resident.registeredPractice);
    names.professional(t.theCase.referredBy);
    names.professional(t.theCase.keyWorker);
    for (const auto& c : t.consents) {
        names.organisation(c.organisationId);
        names.professional(c.recordedBy);
    }
    for (const auto& m : t.careTeam)
        names.professional(m.professionalId);
    for (const auto& p : t.plans)
        names.professional(p.plan.agreedBy);
    names.actions(t.actions);
    for (const auto& n : t.notes)
        names.professional(n.author);
    for (const auto& d : t.discussions)
        names.professional(d.meeting.chair);
    t.organisations = names.organisations();
    t.professionals = names.professionals();

    ctx_.commit(ChangeSet::auditOnly(
        {AuditEventKind::ExportFhir, "case:" + id.str(), "FHIR case bundle to " + destination}));
    return t;
}

MeetingOutcomes ExchangeService::exportMeetingOutcomes(const MeetingId& id,
                                                       const std::string& destination) const {
    require(ctx_.actor, Operation::ExchangeRecords);
    const Store& store = ctx_.store;
    auto found = store.meeting(id);
    if (!found)
        throw DomainError(ErrorCode::NotFound, "meeting");
    MeetingOutcomes out;
    out.meeting = *found;
    out.participants = store.participants(id);
    DirectoryCollector names(store);
    names.professional(out.meeting.chair);
    for (const auto& p : out.participants) {
        names.organisation(p.organisationId);
        names.professional(p.professionalId);
    }
    for (const auto& item : store.agenda(id)) {
        if (item.removed)
            continue;
        out.agenda.push_back(item);
        if (auto c = store.caseById(item.caseId))
            out.cases.push_back(*c);
    }
    ActionQuery q;
    q.meetingId = id;
    q.limit = 100000;
    out.actions = store.actions(q);
    names.actions(out.actions);
    out.organisations = names.organisations();
    out.professionals = names.professionals();
    ctx_.commit(ChangeSet::auditOnly({AuditEventKind::ExportFhir, "meeting:" + id.str(),
                                      "FHIR meeting outcomes to " + destination}));
    return out;
}

AuditTransfer ExchangeService::exportAudit(const AuditQuery& query,
                                           const std::string& destination) const {
    require(ctx_.actor, Operation::ReviewAudit);
    AuditTransfer out;
    out.entries = ctx_.store.auditTrail(query);
    out.siteId = ctx_.store.siteId();
    out.organisations = ctx_.store.organisations();
    ctx_.commit(
        ChangeSet::auditOnly({AuditEventKind::ExportFhir, "audit",
                              "FHIR AuditEvent bundle of " + std::to_string(out.entries.size()) +
                                  " entries to " + destination}));
    return out;
}

ImportResult ExchangeService::importCase(CaseTransfer in) {
    require(ctx_.actor, Operation::ExchangeRecords);
    const Store& store = ctx_.store;
    CaseService::validateResident(in.theCase.resident, ctx_.clock.today());
    in.theCase.resident.nhsNumber = NhsNumber::digitsOf(in.theCase.resident.nhsNumber);

    ImportResult result;
    std::optional<Case> existing = store.caseByNhsNumber(in.theCase.resident.nhsNumber);
    if (existing) {
        if (existing->status == CaseStatus::Closed)
            throw DomainError(ErrorCode::CaseClosed, "case");
        result.matchedExisting = true;
    } else if (auto sameId = store.caseById(in.theCase.id)) {
        // The id is taken by another person's case: never fold two people together.
        mismatch("case:" + in.theCase.id.str());
    }
    const CaseId target = existing ? existing->id : in.theCase.id;
    result.caseId = target;

    // Everything must hang off this case; re-point it at the matched case.
    const CaseId received = in.theCase.id;
    auto repoint = [&](CaseId& caseId, const std::string& what) {
        if (caseId != received)
            mismatch(what);
        caseId = target;
    };
    in.theCase.id = target;
    for (auto& c : in.contacts)
        repoint(c.caseId, "contact:" + c.id.str());
    for (auto& c : in.consents)
        repoint(c.caseId, "consent:" + c.id.str());
    for (auto& m : in.careTeam)
        repoint(m.caseId, "care-team:" + m.id.str());
    for (auto& p : in.plans)
        repoint(p.plan.caseId, "care-plan:" + p.plan.id.str());
    for (auto& a : in.actions)
        repoint(a.caseId, "action:" + a.id.str());
    for (auto& d : in.discussions)
        repoint(d.item.caseId, "agenda-item:" + d.item.id.str());

    // References inside the record, and to the directory (here or carried along).
    std::set<std::string> organisations, professionals, actions;
    for (const auto& o : in.organisations)
        organisations.insert(o.id.str());
    for (const auto& p : in.professionals) {
        professionals.insert(p.id.str());
        if (!organisations.count(p.organisationId.str()) && !store.organisation(p.organisationId))
            mismatch("professional:" + p.id.str());
    }
    auto knownOrganisation = [&](const OrganisationId& id) {
        return id.empty() || organisations.count(id.str()) || store.organisation(id);
    };
    auto knownProfessional = [&](const ProfessionalId& id) {
        return id.empty() || professionals.count(id.str()) || store.professional(id);
    };
    // A registered practice must be a GP practice, as when a resident is referred here.
    const OrganisationId& practice = in.theCase.resident.registeredPractice;
    if (!practice.empty()) {
        auto carried = std::find_if(in.organisations.begin(), in.organisations.end(),
                                    [&](const Organisation& o) { return o.id == practice; });
        auto known = carried != in.organisations.end() ? std::optional<Organisation>(*carried)
                                                       : store.organisation(practice);
        if (!known || known->kind != OrganisationKind::GpPractice)
            mismatch("case:" + received.str());
    }
    if (!knownOrganisation(in.theCase.referrerOrganisation) ||
        !knownProfessional(in.theCase.referredBy) || !knownProfessional(in.theCase.keyWorker))
        mismatch("case:" + received.str());
    for (const auto& c : in.consents)
        if (c.organisationId.empty() || !knownOrganisation(c.organisationId) ||
            !knownProfessional(c.recordedBy))
            mismatch("consent:" + c.id.str());
    for (const auto& m : in.careTeam)
        if (m.professionalId.empty() || !knownProfessional(m.professionalId))
            mismatch("care-team:" + m.id.str());
    for (const auto& a : in.actions) {
        if (!knownProfessional(a.owner) || !knownOrganisation(a.ownerOrganisation) ||
            !knownProfessional(a.requester))
            mismatch("action:" + a.id.str());
        actions.insert(a.id.str());
    }
    for (const auto& n : in.notes)
        if (!actions.count(n.actionId.str()) || !knownProfessional(n.author))
            mismatch("progress-note:" + n.id.str());
    for (auto& p : in.plans) {
        for (auto& need : p.needs)
            if (need.planId != p.plan.id)
                mismatch("need:" + need.id.str());
        for (auto& goal : p.goals)
            if (goal.planId != p.plan.id)
                mismatch("goal:" + goal.id.str());
    }
    for (const auto& d : in.discussions)
        if (d.item.meetingId != d.meeting.id || !knownProfessional(d.meeting.chair))
            mismatch("agenda-item:" + d.item.id.str());

    // Ids here that belong to another case are refused rather than moved.
    auto ownedElsewhere = [&](const CaseId& caseId) { return caseId != target; };
    for (const auto& p : in.plans)
        if (auto here = store.carePlan(p.plan.id); here && ownedElsewhere(here->caseId))
            mismatch("care-plan:" + p.plan.id.str());
    for (const auto& a : in.actions)
        if (auto here = store.action(a.id); here && ownedElsewhere(here->caseId))
            mismatch("action:" + a.id.str());
    for (const auto& d : in.discussions)
        if (auto here = store.agendaItem(d.item.id); here && ownedElsewhere(here->caseId))
            mismatch("agenda-item:" + d.item.id.str());

    ImportWriter writer(result);
    // Directory entries are added when missing and never changed: this store's directory
    // is maintained by its administrator.
    for (const auto& o : in.organisations)
        if (!store.organisation(o.id))
            writer.put(o, std::optional<Organisation>());
    for (const auto& p : in.professionals)
        if (!store.professional(p.id))
            writer.put(p, std::optional<Professional>());

    if (existing) {
        // Local bookkeeping stays as it is; the received demographics and referral win,
        // but an import never erases what it does not carry.
        Resident& r = in.theCase.resident;
        const Resident& here = existing->resident;
        for (auto [incoming, kept] :
             {std::pair{&r.address, &here.address}, std::pair{&r.postcode, &here.postcode},
              std::pair{&r.phone, &here.phone}, std::pair{&r.email, &here.email},
              std::pair{&r.preferredLanguage, &here.preferredLanguage},
              std::pair{&r.communicationNeeds, &here.communicationNeeds}})
            if (incoming->empty())
                *incoming = *kept;
        if (r.sex == Sex::NotKnown)
            r.sex = here.sex;
        if (!in.referralIncluded) {
            in.theCase.referredBy = existing->referredBy;
            in.theCase.referrerOrganisation = existing->referrerOrganisation;
            in.theCase.referralReason = existing->referralReason;
            in.theCase.referralDate = existing->referralDate;
            in.theCase.keyWorker = existing->keyWorker;
        }
        in.theCase.status = existing->status;
        in.theCase.closedReason = existing->closedReason;
        in.theCase.closedDate = existing->closedDate;
        in.theCase.createdAt = existing->createdAt;
        in.theCase.reviewAtNextMeeting =
            existing->reviewAtNextMeeting || in.theCase.reviewAtNextMeeting;
    } else {
        in.theCase.status = CaseStatus::Open;
    }
    writer.put(in.theCase, existing);

    const auto contactsHere = existing ? store.contacts(target) : std::vector<Contact>{};
    for (const auto& c : in.contacts)
        writer.put(c, findById(contactsHere, c.id.str()));
    const auto consentsHere = existing ? store.consents(target) : std::vector<Consent>{};
    for (const auto& c : in.consents)
        writer.put(c, findById(consentsHere, c.id.str()));
    const auto teamHere = existing ? store.careTeam(target) : std::vector<CareTeamMember>{};
    for (const auto& m : in.careTeam)
        writer.put(m, findById(teamHere, m.id.str()));

    // Plans: oldest first so a draft's basedOn is written after what it names.
    std::vector<PlanTransfer> plans = in.plans;
    std::sort(plans.begin(), plans.end(), [](const PlanTransfer& a, const PlanTransfer& b) {
        return a.plan.version < b.plan.version;
    });
    for (const auto& p : plans) {
        auto here = store.carePlan(p.plan.id);
        if (here && here->status != PlanStatus::Draft) {
            writer.keep();  // agreed versions are read-only here as everywhere
            continue;
        }
        writer.put(p.plan, here);
        const auto needsHere = here ? store.needs(p.plan.id) : std::vector<Need>{};
        for (const auto& n : p.needs)
            writer.put(n, findById(needsHere, n.id.str()));
        const auto goalsHere = here ? store.goals(p.plan.id) : std::vector<Goal>{};
        for (const auto& g : p.goals)
            writer.put(g, findById(goalsHere, g.id.str()));
    }

    std::set<std::string> meetingsAdded;
    for (const auto& d : in.discussions) {
        auto meetingHere = store.meeting(d.meeting.id);
        if (!meetingHere && meetingsAdded.insert(d.meeting.id.str()).second)
            writer.put(d.meeting, meetingHere);
        if (meetingHere && meetingHere->status == MeetingStatus::Closed) {
            if (store.agendaItem(d.item.id))
                writer.keep();  // the minutes of a closed meeting are final
            else
                writer.put(d.item, std::optional<AgendaItem>());
            continue;
        }
        writer.put(d.item, store.agendaItem(d.item.id));
    }

    // Actions before notes; a meeting the action names must exist here or arrive with it.
    std::set<std::string> meetings;
    for (const auto& d : in.discussions)
        meetings.insert(d.meeting.id.str());
    for (auto a : in.actions) {
        if (!a.meetingId.empty() && !meetings.count(a.meetingId.str()) &&
            !store.meeting(a.meetingId))
            a.meetingId = MeetingId();  // raised at a meeting this store never heard of
        writer.put(a, store.action(a.id));
    }
    for (const auto& n : in.notes) {
        bool known = false;
        for (const auto& here : store.notes(n.actionId))
            known = known || here.id == n.id;
        if (known) {
            writer.keep();  // notes are never edited once written
            continue;
        }
        ProgressNote shared = n;
        shared.isPrivate = false;
        writer.put(shared, std::optional<ProgressNote>());
    }

    if (!writer.changes().empty())
        ctx_.commit(writer.changes());  // one transaction: all of it or nothing
    return result;
}

}  // namespace nmdt
