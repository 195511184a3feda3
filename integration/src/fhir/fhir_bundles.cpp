#include <set>
#include <sstream>

#include "fhir_codes.h"
#include "fhir_resources.h"
#include "integration/fhir_exchange.h"

namespace nmdt::integration {

namespace {
using namespace fhir;

/// Collects a Bundle's entries, each resource once.
class BundleBuilder {
  public:
    BundleBuilder(const std::string& idSeed, Timestamp now) {
        bundle_->set("resourceType", "Bundle");
        bundle_->set("id", derivedId("bundle", idSeed + "@" + instant(now)));
        auto meta = object();
        meta->set("lastUpdated", instant(now));
        bundle_->set("meta", meta);
        bundle_->set("type", "collection");
        bundle_->set("timestamp", instant(now));
        bundle_->set("entry", entries_);
    }
    void add(const Object::Ptr& resource) {
        std::string key = resource->getValue<std::string>("resourceType") + "/" +
                          resource->getValue<std::string>("id");
        if (seen_.insert(key).second)
            entries_->add(entry(resource));
    }
    void addDirectory(const std::vector<Organisation>& organisations,
                      const std::vector<Professional>& professionals) {
        for (const auto& o : organisations)
            add(organizationResource(o));
        for (const auto& p : professionals) {
            add(practitionerResource(p));
            add(practitionerRoleResource(p));
        }
    }
    std::string json() const {
        std::ostringstream out;
        bundle_->stringify(out, 1);
        return out.str();
    }

  private:
    Object::Ptr bundle_ = object();
    Array::Ptr entries_ = array();
    std::set<std::string> seen_;
};

}  // namespace

std::string caseBundleJson(const CaseTransfer& t, Timestamp now) {
    const Case& c = t.theCase;
    Directory names(t.organisations, t.professionals);
    BundleBuilder bundle("case:" + c.id.str(), now);
    bundle.add(patientResource(c, t.contacts, &names));
    bundle.add(referralResource(c, names));
    bundle.add(careTeamResource(c, t.careTeam, names));
    for (const auto& k : t.consents)
        bundle.add(consentResource(k, names));

    // The newest version's goals are what actions serve; it lists them as its activities.
    GoalsByLineage goals;
    if (!t.plans.empty())
        for (const auto& g : t.plans.front().goals)
            goals[g.lineage] = g.id.str();
    std::vector<std::string> taskIds;
    for (const auto& a : t.actions)
        taskIds.push_back(a.id.str());
    bool newest = true;
    for (const auto& p : t.plans) {
        bundle.add(carePlanResource(p, c, newest ? taskIds : std::vector<std::string>{}, names));
        newest = false;
        for (const auto& n : p.needs)
            bundle.add(conditionResource(n, c.id));
        for (const auto& g : p.goals)
            bundle.add(goalResource(g, p.plan.status, c.id));
    }
    for (const auto& a : t.actions) {
        std::vector<ProgressNote> notes;
        for (const auto& n : t.notes)
            if (n.actionId == a.id)
                notes.push_back(n);
        std::string encounter;
        for (const auto& d : t.discussions)
            if (!a.meetingId.empty() && d.meeting.id == a.meetingId)
                encounter = d.item.id.str();
        bundle.add(taskResource(a, notes, goals, encounter, names));
    }
    for (const auto& d : t.discussions) {
        bundle.add(encounterResource(d.item, d.meeting));
        bundle.add(appointmentResource(d.meeting, {}, names));
    }
    bundle.addDirectory(t.organisations, t.professionals);
    return bundle.json();
}

std::string meetingOutcomesBundleJson(const MeetingOutcomes& m, Timestamp now) {
    Directory names(m.organisations, m.professionals);
    BundleBuilder bundle("meeting:" + m.meeting.id.str(), now);
    bundle.add(appointmentResource(m.meeting, m.participants, names));

    auto agenda = object();
    agenda->set("resourceType", "List");
    agenda->set("id", derivedId("agenda", m.meeting.id.str()));
    agenda->set("status", "current");
    agenda->set("mode", "snapshot");
    agenda->set("title",
                "Agenda and outcomes: " + m.meeting.title + ", " + toIsoDate(m.meeting.date));
    agenda->set("code", codeable(kSnomed, kMdtConferenceCode, kMdtConferenceDisplay, "MDT agenda"));
    agenda->set("date", ukLocalDateTime(m.meeting.date, m.meeting.startTime));
    if (!m.meeting.chair.empty())
        agenda->set("source", reference("Practitioner", m.meeting.chair.str(),
                                        names.professionalName(m.meeting.chair)));
    agenda->set("orderedBy", codeable("http://terminology.hl7.org/CodeSystem/list-order", "user",
                                      "Sorted by User"));
    auto items = array();
    for (const auto& item : m.agenda) {
        auto listEntry = object();
        listEntry->set("item", reference("Encounter", item.id.str()));
        items->add(listEntry);
    }
    if (items->size() > 0)
        agenda->set("entry", items);
    else
        agenda->set("emptyReason",
                    codeable("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown",
                             "Nil Known"));
    bundle.add(agenda);

    for (const auto& item : m.agenda) {
        bundle.add(encounterResource(item, m.meeting));
        for (const auto& c : m.cases)
            if (c.id == item.caseId)
                bundle.add(patientResource(c, {}));
    }
    for (const auto& a : m.actions) {
        std::string encounter;
        for (const auto& item : m.agenda)
            if (item.caseId == a.caseId)
                encounter = item.id.str();
        bool patientIncluded = false;
        for (const auto& c : m.cases)
            patientIncluded = patientIncluded || c.id == a.caseId;
        if (!patientIncluded)
            continue;  // an action on a case no longer on the agenda stays with its case
        bundle.add(taskResource(a, {}, {}, encounter, names));
    }
    bundle.addDirectory(m.organisations, m.professionals);
    return bundle.json();
}

std::string auditEventBundleJson(const AuditTransfer& audit, Timestamp now) {
    BundleBuilder bundle("audit:" + audit.siteId, now);
    std::map<std::string, std::string> organisationNames;
    for (const auto& o : audit.organisations)
        organisationNames[o.id.str()] = o.name;
    for (const auto& e : audit.entries) {
        auto r = object();
        r->set("resourceType", "AuditEvent");
        r->set("id", derivedId("audit", audit.siteId + ":" + std::to_string(e.sequence)));
        addExtension(r, "audit-sequence", "Integer", static_cast<int>(e.sequence));
        addExtension(r, "audit-previous-hash", "String", e.previousHash);
        addExtension(r, "audit-hash", "String", e.hash);
        auto [code, display] = auditEventType(e.kind);
        r->set("type", coding("http://dicom.nema.org/resources/ontology/DCM", code, display));
        auto subtype = array();
        subtype->add(coding(codeSystem("audit-event"), std::string(codeOf(e.kind))));
        r->set("subtype", subtype);
        r->set("action", auditAction(e.kind));
        r->set("recorded", instant(e.at));
        r->set("outcome", e.kind == AuditEventKind::FailedUnlock ? "4" : "0");
        if (!e.detail.empty())
            r->set("outcomeDesc", e.detail);

        auto agent = object();
        if (!e.role.empty()) {
            auto roles = array();
            roles->add(codeable(codeSystem("mdt-role"), e.role));
            agent->set("role", roles);
        }
        auto who = object();
        auto id = object();
        id->set("system", codeSystem("user"));
        id->set("value", e.userId.empty() ? std::string("unknown") : e.userId);
        who->set("identifier", id);
        if (!e.userName.empty())
            who->set("display", e.userName);
        agent->set("who", who);
        if (!e.organisationId.empty()) {
            // By identifier: the directory is not part of an audit export.
            auto organisation = object();
            auto orgId = object();
            orgId->set("system", codeSystem("organisation"));
            orgId->set("value", e.organisationId);
            organisation->set("identifier", orgId);
            auto name = organisationNames.find(e.organisationId);
            if (name != organisationNames.end())
                organisation->set("display", name->second);
            addExtension(agent, "on-behalf-of", "Reference", organisation);
        }
        agent->set("requestor", true);
        auto agents = array();
        agents->add(agent);
        r->set("agent", agents);

        auto source = object();
        source->set("site", audit.siteId);
        auto observer = object();
        observer->set("display", "Neighbourhood MDT desktop " + audit.siteId.substr(0, 8));
        source->set("observer", observer);
        auto sourceTypes = array();
        sourceTypes->add(coding("http://terminology.hl7.org/CodeSystem/security-source-type", "1",
                                "User Device"));
        source->set("type", sourceTypes);
        r->set("source", source);

        if (!e.subject.empty()) {
            auto entity = object();
            auto what = object();
            auto ident = object();
            ident->set("system", codeSystem("audit-subject"));
            ident->set("value", e.subject);
            what->set("identifier", ident);
            entity->set("what", what);
            auto entities = array();
            entities->add(entity);
            r->set("entity", entities);
        }
        bundle.add(r);
    }
    return bundle.json();
}

}  // namespace nmdt::integration
