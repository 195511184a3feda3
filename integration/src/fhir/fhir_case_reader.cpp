#include <Poco/JSON/Parser.h>

#include <map>
#include <set>

#include "fhir_codes.h"
#include "fhir_resources.h"
#include "integration/fhir_exchange.h"
#include "model/order_key.h"

namespace nmdt::integration {

namespace {
using namespace fhir;

[[noreturn]] void refuse(const std::string& message) {
    throw FhirError(message);
}

std::string text(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key))
        return {};
    auto v = o->get(key);
    if (!v.isString())
        refuse("'" + key + "' should be text");
    return v.extract<std::string>();
}

Object::Ptr child(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key))
        return nullptr;
    auto c = o->getObject(key);
    if (!c)
        refuse("'" + key + "' should be an object");
    return c;
}

/// The objects in an array member (an absent member is empty).
std::vector<Object::Ptr> children(const Object::Ptr& o, const std::string& key) {
    std::vector<Object::Ptr> out;
    if (!o || !o->has(key))
        return out;
    auto list = o->getArray(key);
    if (!list)
        refuse("'" + key + "' should be a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto item = list->getObject(static_cast<unsigned>(i));
        if (!item)
            refuse("'" + key + "' should hold objects");
        out.push_back(item);
    }
    return out;
}

Object::Ptr extension(const Object::Ptr& o, const std::string& name) {
    for (const auto& e : children(o, "extension"))
        if (text(e, "url") == extensionUrl(name))
            return e;
    return nullptr;
}

std::string extensionText(const Object::Ptr& o, const std::string& name, const std::string& type) {
    auto e = extension(o, name);
    return e ? text(e, "value" + type) : std::string();
}

bool extensionFlag(const Object::Ptr& o, const std::string& name, bool fallback) {
    auto e = extension(o, name);
    if (!e || !e->has("valueBoolean"))
        return fallback;
    return e->getValue<bool>("valueBoolean");
}

std::optional<int> extensionInteger(const Object::Ptr& o, const std::string& name) {
    auto e = extension(o, name);
    if (!e || !e->has("valueInteger"))
        return std::nullopt;
    return e->getValue<int>("valueInteger");
}

/// The code of the first coding in `system`, or "" when there is none.
std::string codeIn(const Object::Ptr& cc, const std::string& system) {
    for (const auto& c : children(cc, "coding"))
        if (text(c, "system") == system)
            return text(c, "code");
    return {};
}

std::string conceptText(const Object::Ptr& cc) {
    std::string t = text(cc, "text");
    if (!t.empty())
        return t;
    for (const auto& c : children(cc, "coding"))
        if (!text(c, "display").empty())
            return text(c, "display");
    return {};
}

/// Every resource in the Bundle, addressable by fullUrl and by "Type/id".
class ResourceIndex {
  public:
    struct Entry {
        std::string type;
        std::string id;
        Object::Ptr resource;
    };

    void add(const std::string& fullUrl, Entry e) {
        std::string key = e.type + "/" + e.id;
        if (byKey_.count(key))
            refuse("the bundle holds " + key + " twice");
        byKey_[key] = e;
        if (!fullUrl.empty())
            byUrl_[fullUrl] = key;
        ordered_.push_back(std::move(e));
    }

    /// The bundle entry a reference points at, if it is in the bundle.
    const Entry* find(const Object::Ptr& ref) const {
        if (!ref || !ref->has("reference"))
            return nullptr;
        std::string target = text(ref, "reference");
        if (auto u = byUrl_.find(target); u != byUrl_.end())
            return &byKey_.at(u->second);
        if (auto k = byKey_.find(target); k != byKey_.end())
            return &k->second;
        return nullptr;
    }

    /// The id a reference points at, checked to be one of `types`; nullopt when absent.
    std::optional<Entry> resolve(const Object::Ptr& ref, std::initializer_list<const char*> types,
                                 const std::string& where) const {
        if (!ref || !ref->has("reference"))
            return std::nullopt;
        std::string target = text(ref, "reference");
        const Entry* found = find(ref);
        if (!found)
            refuse(where + " refers to " + target + ", which is not in the bundle");
        for (const char* t : types)
            if (found->type == t)
                return *found;
        refuse(where + " refers to a " + found->type + " (" + target +
               ") where that is not allowed");
    }

    std::vector<Entry> ofType(const std::string& type) const {
        std::vector<Entry> out;
        for (const auto& e : ordered_)
            if (e.type == type)
                out.push_back(e);
        return out;
    }
    const std::vector<Entry>& all() const { return ordered_; }

  private:
    std::map<std::string, Entry> byKey_;
    std::map<std::string, std::string> byUrl_;
    std::vector<Entry> ordered_;
};

Date dateField(const std::string& value, const std::string& where) {
    if (value.size() < 10)
        refuse(where + " is not a date: '" + value + "'");
    auto d = parseIsoDate(value.substr(0, 10));
    if (!d)
        refuse(where + " is not a date: '" + value + "'");
    return *d;
}

Timestamp instantField(const std::string& value, const std::string& where) {
    auto t = parseInstant(value);
    if (!t)
        refuse(where + " is not a date and time with a time zone: '" + value + "'");
    return *t;
}

/// An element's own id (Patient.contact, CareTeam.participant, Task.note), or a stable one
/// derived from its owner and position when the sender gave none.
std::string elementId(const Object::Ptr& element, const std::string& kind,
                      const std::string& ownerId, int position) {
    std::string own = text(element, "id");
    return own.empty() ? derivedId(kind, ownerId + ":" + std::to_string(position)) : own;
}

/// The model code a resource gives in this product's code system `system` among the
/// concepts of `member`; nullopt when it gives none, a refusal when it is not one we know.
template <class E>
std::optional<E> ourCode(const Object::Ptr& resource, const std::string& member,
                         const std::string& system, const std::string& where,
                         const std::string& what) {
    for (const auto& concept_ : children(resource, member)) {
        std::string code = codeIn(concept_, codeSystem(system));
        if (code.empty())
            continue;
        auto value = fromCode<E>(code);
        if (!value)
            refuse(where + " has the unknown " + what + " '" + code + "'");
        return value;
    }
    return std::nullopt;
}

NeedDomain domainOf(const Object::Ptr& resource, const std::string& where) {
    if (auto domain =
            ourCode<NeedDomain>(resource, "category", "need-domain", where, "need domain"))
        return *domain;
    refuse(where + " has no need domain (category in " + codeSystem("need-domain") + ")");
}

/// Reads one Bundle into a CaseTransfer.
class CaseReader {
  public:
    explicit CaseReader(const ResourceIndex& index) : index_(index) {}

    ReceivedCase read() {
        readDirectory();
        readPatient();
        readReferral();
        for (auto& c : out_.record.contacts)
            c.caseId = out_.record.theCase.id;
        readCareTeam();
        readConsents();
        readPlans();
        readDiscussions();
        readTasks();
        std::set<std::string> used{
            "Patient",  "ServiceRequest", "Organization", "Practitioner", "PractitionerRole",
            "CareTeam", "Consent",        "CarePlan",     "Condition",    "Goal",
            "Task",     "Encounter",      "Appointment"};
        std::set<std::string> ignored;
        for (const auto& e : index_.all())
            if (!used.count(e.type))
                ignored.insert(e.type);
        out_.ignoredResourceTypes.assign(ignored.begin(), ignored.end());
        return out_;
    }

  private:
    static std::string label(const ResourceIndex::Entry& e) { return e.type + " " + e.id; }

    /// A Practitioner, or the practitioner of a PractitionerRole.
    ProfessionalId professional(const Object::Ptr& ref, const std::string& where) const {
        auto e = index_.resolve(ref, {"Practitioner", "PractitionerRole"}, where);
        if (!e)
            return {};
        if (e->type == "Practitioner")
            return ProfessionalId(e->id);
        auto it = roleToPractitioner_.find(e->id);
        return it == roleToPractitioner_.end() ? ProfessionalId() : ProfessionalId(it->second);
    }

    void readDirectory() {
        for (const auto& e : index_.ofType("Organization")) {
            Organisation o;
            o.id = OrganisationId(e.id);
            o.name = text(e.resource, "name");
            if (o.name.empty())
                refuse(label(e) + " has no name");
            for (const auto& i : children(e.resource, "identifier"))
                if (text(i, "system") == kOdsSystem)
                    o.odsCode = text(i, "value");
            o.kind = ourCode<OrganisationKind>(e.resource, "type", "organisation-kind", label(e),
                                               "organisation kind")
                         .value_or(OrganisationKind::GpPractice);
            out_.record.organisations.push_back(o);
        }
        std::map<std::string, std::pair<Role, OrganisationId>> roles;
        for (const auto& e : index_.ofType("PractitionerRole")) {
            auto who =
                index_.resolve(child(e.resource, "practitioner"), {"Practitioner"}, label(e));
            if (!who)
                refuse(label(e) + " names no practitioner");
            roleToPractitioner_[e.id] = who->id;
            Role role = ourCode<Role>(e.resource, "code", "mdt-role", label(e), "role")
                            .value_or(Role::Clinician);
            auto org =
                index_.resolve(child(e.resource, "organization"), {"Organization"}, label(e));
            roles[who->id] = {role, org ? OrganisationId(org->id) : OrganisationId()};
        }
        for (const auto& e : index_.ofType("Practitioner")) {
            Professional p;
            p.id = ProfessionalId(e.id);
            for (const auto& n : children(e.resource, "name")) {
                p.name = text(n, "text");
                if (p.name.empty()) {
                    std::string given;
                    if (n->has("given") && n->getArray("given")->size() > 0)
                        given = n->getArray("given")->getElement<std::string>(0) + " ";
                    p.name = given + text(n, "family");
                }
                break;
            }
            if (p.name.empty())
                refuse(label(e) + " has no name");
            for (const auto& t : children(e.resource, "telecom")) {
                if (text(t, "system") == "phone")
                    p.phone = text(t, "value");
                if (text(t, "system") == "email")
                    p.email = text(t, "value");
            }
            if (auto r = roles.find(e.id); r != roles.end()) {
                p.role = r->second.first;
                p.organisationId = r->second.second;
            } else {
                p.role = Role::Clinician;
            }
            out_.record.professionals.push_back(p);
        }
    }

    void readPatient() {
        auto patients = index_.ofType("Patient");
        if (patients.empty())
            refuse("the bundle has no Patient: a case is exchanged with its resident");
        if (patients.size() > 1)
            refuse("the bundle has " + std::to_string(patients.size()) +
                   " Patients; a case bundle is about one resident");
        patient_ = patients.front();
        const auto& p = patient_.resource;
        Resident& r = out_.record.theCase.resident;
        for (const auto& i : children(p, "identifier"))
            if (text(i, "system") == kNhsNumberSystem)
                r.nhsNumber = text(i, "value");
        if (r.nhsNumber.empty())
            refuse("the Patient has no NHS number (identifier system " + kNhsNumberSystem +
                   "); residents are matched on it, so it is required");
        auto names = children(p, "name");
        Object::Ptr name = names.empty() ? nullptr : names.front();
        for (const auto& n : names)
            if (text(n, "use") == "official") {
                name = n;
                break;
            }
        if (name) {
            r.familyName = text(name, "family");
            if (name->has("given")) {
                auto given = name->getArray("given");
                for (std::size_t i = 0; i < given->size(); ++i)
                    r.givenName +=
                        (i ? " " : "") + given->getElement<std::string>(static_cast<unsigned>(i));
            }
        }
        if (p->has("birthDate"))
            r.dateOfBirth = dateField(text(p, "birthDate"), "the Patient's birthDate");
        if (p->has("gender")) {
            auto sex = fromCode<Sex>(text(p, "gender"));
            if (!sex)
                throw FhirError("the Patient's gender \"" + text(p, "gender") +
                                "\" is not male, female, other or unknown");
            r.sex = *sex;
        }
        for (const auto& t : children(p, "telecom")) {
            if (text(t, "system") == "phone" && r.phone.empty())
                r.phone = text(t, "value");
            if (text(t, "system") == "email" && r.email.empty())
                r.email = text(t, "value");
        }
        for (const auto& a : children(p, "address")) {
            r.address = text(a, "text");
            if (r.address.empty() && a->has("line")) {
                auto lines = a->getArray("line");
                for (std::size_t i = 0; i < lines->size(); ++i)
                    r.address +=
                        (i ? ", " : "") + lines->getElement<std::string>(static_cast<unsigned>(i));
            }
            r.postcode = text(a, "postalCode");
            break;
        }
        for (const auto& c : children(p, "communication")) {
            r.preferredLanguage = conceptText(child(c, "language"));
            break;
        }
        r.communicationNeeds = extensionText(p, "communication-needs", "String");
        // The practice, when the bundle carries it; another system's GP (a person, or a
        // practice known only by its ODS code) is not a reason to refuse the referral.
        for (const auto& gp : children(p, "generalPractitioner"))
            if (auto o = index_.find(gp); o && o->type == "Organization") {
                r.registeredPractice = OrganisationId(o->id);
                break;
            }
        int n = 0;
        for (const auto& k : children(p, "contact")) {
            Contact c;
            c.id = ContactId(elementId(k, "contact", patient_.id, n));
            ++n;
            auto contactName = child(k, "name");
            c.name = text(contactName, "text");
            if (c.name.empty())
                c.name = text(contactName, "family");
            for (const auto& rel : children(k, "relationship")) {
                if (codeIn(rel, "http://terminology.hl7.org/CodeSystem/v2-0131") == "N")
                    c.isNextOfKin = true;
                if (!text(rel, "text").empty())
                    c.relationship = text(rel, "text");
            }
            c.isCarer = extensionFlag(k, "carer", false);
            for (const auto& t : children(k, "telecom"))
                if (text(t, "system") == "phone")
                    c.phone = text(t, "value");
            out_.record.contacts.push_back(c);
        }
    }

    /// Every resource about the resident must name this Patient.
    void requirePatient(const Object::Ptr& ref, const std::string& where) const {
        auto e = index_.resolve(ref, {"Patient"}, where);
        if (!e)
            refuse(where + " does not say whose it is");
    }

    void readReferral() {
        Case& c = out_.record.theCase;
        auto referrals = index_.ofType("ServiceRequest");
        if (referrals.size() > 1)
            refuse("the bundle has " + std::to_string(referrals.size()) +
                   " ServiceRequests; a case has one referral into the MDT");
        if (referrals.empty()) {
            // Not one of ours: the Patient's id names the case, dated by the bundle.
            c.id =
                CaseId(looksLikeUuid(patient_.id) ? patient_.id : derivedId("case", patient_.id));
            c.referralReason = "Received in a FHIR bundle";
            c.referralDate = received_;
            out_.record.referralIncluded = false;
            return;
        }
        const auto& e = referrals.front();
        const auto& s = e.resource;
        requirePatient(child(s, "subject"), label(e));
        c.id = CaseId(e.id);
        std::string status = text(s, "status");
        if (status == "active" || status == "draft" || status == "on-hold")
            c.status = CaseStatus::Open;
        else if (status == "completed" || status == "revoked")
            c.status = CaseStatus::Closed;
        else
            refuse(label(e) + " has the status '" + status + "', which has no meaning here");
        auto period = child(s, "occurrencePeriod");
        if (period && period->has("start"))
            c.referralDate = dateField(text(period, "start"), label(e) + " start");
        else if (s->has("authoredOn"))
            c.referralDate = dateField(text(s, "authoredOn"), label(e) + " authoredOn");
        else
            c.referralDate = received_;
        if (period && period->has("end"))
            c.closedDate = dateField(text(period, "end"), label(e) + " end");
        for (const auto& r : children(s, "reasonCode")) {
            c.referralReason = conceptText(r);
            break;
        }
        if (auto requester = index_.resolve(child(s, "requester"),
                                            {"Practitioner", "PractitionerRole", "Organization"},
                                            label(e) + " requester")) {
            if (requester->type == "Organization")
                c.referrerOrganisation = OrganisationId(requester->id);
            else
                c.referredBy = professional(child(s, "requester"), label(e));
        }
        if (auto org = extension(s, "referrer-organisation"))
            if (auto o = index_.resolve(child(org, "valueReference"), {"Organization"}, label(e)))
                c.referrerOrganisation = OrganisationId(o->id);
        if (auto k = extension(s, "key-worker"))
            c.keyWorker = professional(child(k, "valueReference"), label(e) + " key worker");
        c.reviewAtNextMeeting = extensionFlag(s, "review-at-next-meeting", false);
        c.closedReason = extensionText(s, "closed-reason", "String");
        if (s->has("priority")) {
            auto priority = fromCode<Urgency>(text(s, "priority"));
            // FHIR's asap and stat are more than urgent; they are still urgent here.
            c.urgency = priority ? *priority
                        : (text(s, "priority") == "asap" || text(s, "priority") == "stat")
                            ? Urgency::Urgent
                            : Urgency::Routine;
        }
        // Without a triage extension (another system's referral), the status says it.
        const std::string triage = extensionText(s, "triage", "Code");
        if (auto outcome = fromCode<Triage>(triage))
            c.triage = *outcome;
        else if (!triage.empty())
            refuse(label(e) + " has the triage outcome '" + triage +
                   "', which has no meaning here");
        else
            c.triage = status == "draft" ? Triage::Pending : Triage::AcceptedForMdt;
        if (status == "revoked" && (c.triage == Triage::Signposted || c.triage == Triage::Declined))
            c.status = CaseStatus::Open;  // turned away at triage, not closed
        c.triageNote = extensionText(s, "triage-note", "String");
        if (auto by = extension(s, "triaged-by"))
            c.triagedBy = professional(child(by, "valueReference"), label(e) + " triaged by");
        if (auto on = extensionText(s, "triaged-on", "Date"); !on.empty())
            c.triagedOn = dateField(on, label(e) + " triaged on");
    }

    void readCareTeam() {
        for (const auto& e : index_.ofType("CareTeam")) {
            requirePatient(child(e.resource, "subject"), label(e));
            int n = 0;
            for (const auto& p : children(e.resource, "participant")) {
                auto member = child(p, "member");
                auto who = index_.resolve(member,
                                          {"Practitioner", "PractitionerRole", "Organization",
                                           "Patient", "RelatedPerson", "CareTeam"},
                                          label(e) + " member");
                ++n;
                if (!who || (who->type != "Practitioner" && who->type != "PractitionerRole"))
                    continue;  // only professionals are care team members here
                CareTeamMember m;
                m.id = CareTeamMemberId(elementId(p, "care-team-member", e.id, n));
                m.caseId = out_.record.theCase.id;
                m.professionalId = professional(member, label(e));
                for (const auto& role : children(p, "role")) {
                    m.teamRole = conceptText(role);
                    break;
                }
                m.active = extensionFlag(p, "care-team-member-active", true);
                out_.record.careTeam.push_back(m);
            }
        }
    }

    void readConsents() {
        for (const auto& e : index_.ofType("Consent")) {
            const auto& r = e.resource;
            requirePatient(child(r, "patient"), label(e));
            std::string status = text(r, "status");
            if (status != "active") {
                ignoredConsents_++;
                continue;  // drafts, withdrawn and mistaken consents are not acted on
            }
            Consent k;
            k.id = ConsentId(e.id);
            k.caseId = out_.record.theCase.id;
            auto provision = child(r, "provision");
            std::string type = text(provision, "type");
            auto decision = fromCode<ConsentDecision>(type);
            if (!decision)
                refuse(label(e) + " has the provision type '" + type +
                       "'; permit or deny is needed");
            k.decision = *decision;
            for (const auto& actor : children(provision, "actor"))
                if (auto org =
                        index_.resolve(child(actor, "reference"),
                                       {"Organization", "Practitioner", "PractitionerRole",
                                        "CareTeam", "Patient", "RelatedPerson", "Device", "Group"},
                                       label(e) + " actor");
                    org && org->type == "Organization")
                    k.organisationId = OrganisationId(org->id);
            if (k.organisationId.empty())
                refuse(label(e) + " does not name the organisation it is about");
            if (auto method = extensionText(r, "consent-method", "Code"); !method.empty()) {
                auto known = fromCode<ConsentMethod>(method);
                if (!known)
                    refuse(label(e) + " has the consent method '" + method +
                           "'; in-person, in-writing, by-phone or representative is needed");
                k.method = *known;
            }
            if (r->has("dateTime"))
                k.recordedOn = dateField(text(r, "dateTime"), label(e) + " dateTime");
            else
                k.recordedOn = received_;
            for (const auto& p : children(r, "performer")) {
                auto who = index_.resolve(p,
                                          {"Practitioner", "PractitionerRole", "Organization",
                                           "Patient", "RelatedPerson", "CareTeam"},
                                          label(e) + " performer");
                if (who && (who->type == "Practitioner" || who->type == "PractitionerRole"))
                    k.recordedBy = professional(p, label(e));
            }
            auto rule = child(r, "policyRule");
            if (rule && children(rule, "coding").empty())
                k.legalBasis = text(rule, "text");
            out_.record.consents.push_back(k);
        }
    }

    void readPlans() {
        std::map<std::string, Need> needs;
        for (const auto& e : index_.ofType("Condition")) {
            Need n;
            n.id = NeedId(e.id);
            for (const auto& i : children(e.resource, "identifier"))
                if (text(i, "system") == codeSystem("need-lineage"))
                    n.lineage = text(i, "value");
            if (n.lineage.empty())
                n.lineage = e.id;
            requirePatient(child(e.resource, "subject"), label(e));
            n.domain = domainOf(e.resource, label(e));
            n.description = conceptText(child(e.resource, "code"));
            if (n.description.empty())
                refuse(label(e) + " does not describe the need");
            for (const auto& note : children(e.resource, "note")) {
                n.plannedSupport = text(note, "text");
                break;
            }
            needs[e.id] = n;
        }
        std::map<std::string, Goal> goals;
        for (const auto& e : index_.ofType("Goal")) {
            const auto& r = e.resource;
            Goal g;
            g.id = GoalId(e.id);
            for (const auto& i : children(r, "identifier"))
                if (text(i, "system") == codeSystem("goal-lineage"))
                    g.lineage = text(i, "value");
            if (g.lineage.empty())
                g.lineage = e.id;
            requirePatient(child(r, "subject"), label(e));
            static const std::set<std::string> lifecycle{
                "proposed",  "planned",   "accepted",         "active",  "on-hold",
                "completed", "cancelled", "entered-in-error", "rejected"};
            if (!lifecycle.count(text(r, "lifecycleStatus")))
                refuse(label(e) + " has the unknown lifecycleStatus '" +
                       text(r, "lifecycleStatus") + "'");
            g.domain = domainOf(r, label(e));
            g.description = conceptText(child(r, "description"));
            if (g.description.empty())
                refuse(label(e) + " has no description");
            std::string achievement =
                codeIn(child(r, "achievementStatus"),
                       "http://terminology.hl7.org/CodeSystem/goal-achievement");
            auto progress = goalProgressFrom(achievement);
            if (!progress)
                refuse(label(e) + " has the unknown achievementStatus '" + achievement + "'");
            g.progress = *progress;
            for (const auto& t : children(r, "target"))
                if (t->has("dueDate"))
                    g.targetDate = dateField(text(t, "dueDate"), label(e) + " target");
            for (const auto& note : children(r, "note")) {
                g.progressNote = text(note, "text");
                break;
            }
            goals[e.id] = g;
        }
        int order = 0;
        for (const auto& e : index_.ofType("CarePlan")) {
            const auto& r = e.resource;
            requirePatient(child(r, "subject"), label(e));
            PlanTransfer t;
            t.plan.id = CarePlanId(e.id);
            t.plan.caseId = out_.record.theCase.id;
            std::string status = text(r, "status");
            auto planStatus = planStatusFrom(status);
            if (!planStatus)
                refuse(label(e) + " has the status '" + status +
                       "'; draft, active, revoked or completed is needed");
            t.plan.status = *planStatus;
            t.plan.version = extensionInteger(r, "care-plan-version").value_or(++order);
            t.plan.whatMattersToMe = text(r, "description");
            t.plan.aboutMe = extensionText(r, "about-me", "String");
            t.plan.contingencyPlan = extensionText(r, "contingency-plan", "String");
            if (auto d = extensionText(r, "review-date", "Date"); !d.empty())
                t.plan.reviewDate = dateField(d, label(e) + " review date");
            if (auto d = extensionText(r, "agreed-on", "Date"); !d.empty())
                t.plan.agreedOn = dateField(d, label(e) + " agreed on");
            t.plan.agreedBy = professional(child(r, "author"), label(e) + " author");
            for (const auto& replaced : children(r, "replaces"))
                if (auto p = index_.resolve(replaced, {"CarePlan"}, label(e) + " replaces"))
                    t.plan.basedOn = CarePlanId(p->id);
            for (const auto& ref : children(r, "addresses")) {
                auto c = index_.resolve(ref, {"Condition"}, label(e) + " addresses");
                if (!c)
                    refuse(label(e) + " lists a need without saying which (no reference)");
                Need n = needs.at(c->id);
                n.planId = t.plan.id;
                t.needs.push_back(n);
            }
            for (const auto& ref : children(r, "goal")) {
                auto g = index_.resolve(ref, {"Goal"}, label(e) + " goal");
                if (!g)
                    refuse(label(e) + " lists a goal without saying which (no reference)");
                Goal goal = goals.at(g->id);
                goal.planId = t.plan.id;
                t.goals.push_back(goal);
            }
            for (const auto& g : t.goals)
                lineageOfGoal_[g.id.str()] = g.lineage;
            out_.record.plans.push_back(t);
        }
        std::sort(out_.record.plans.begin(), out_.record.plans.end(),
                  [](const PlanTransfer& a, const PlanTransfer& b) {
                      return a.plan.version > b.plan.version;
                  });
    }

    void readDiscussions() {
        std::map<std::string, Meeting> meetings;
        for (const auto& e : index_.ofType("Appointment")) {
            const auto& r = e.resource;
            Meeting m;
            m.id = MeetingId(e.id);
            m.title = text(r, "description");
            if (m.title.empty())
                m.title = "MDT meeting";
            std::string status = text(r, "status");
            auto meetingStatus = meetingStatusFrom(status);
            if (!meetingStatus)
                refuse(label(e) + " has the status '" + status + "', which has no meaning here");
            m.status = *meetingStatus;
            auto start = parseUkLocal(text(r, "start"));
            if (!start)
                refuse(label(e) + " has no start time with a time zone");
            m.date = start->first;
            m.startTime = start->second;
            if (r->has("minutesDuration"))
                m.durationMinutes = r->getValue<int>("minutesDuration");
            m.place = text(r, "comment");
            m.link = extensionText(r, "meeting-link", "String");
            for (const auto& p : children(r, "participant")) {
                bool chair = false;
                for (const auto& t : children(p, "type"))
                    chair = chair || codeIn(t, codeSystem("meeting-role")) == "chair";
                if (chair)
                    m.chair = professional(child(p, "actor"), label(e) + " chair");
            }
            meetings[e.id] = m;
        }
        for (const auto& e : index_.ofType("Encounter")) {
            const auto& r = e.resource;
            bool mdt = false;
            for (const auto& t : children(r, "type"))
                mdt = mdt || codeIn(t, kSnomed) == kMdtConferenceCode;
            if (!mdt)
                continue;  // only MDT discussions are taken in
            requirePatient(child(r, "subject"), label(e));
            std::optional<ResourceIndex::Entry> appointment;
            for (const auto& a : children(r, "appointment"))
                appointment = index_.resolve(a, {"Appointment"}, label(e) + " appointment");
            if (!appointment)
                refuse(label(e) + " does not name the meeting (appointment) it was part of");
            Discussion d;
            d.meeting = meetings.at(appointment->id);
            d.item.id = AgendaItemId(e.id);
            d.item.meetingId = d.meeting.id;
            d.item.caseId = out_.record.theCase.id;
            std::string status = text(r, "status");
            d.item.discussed = status == "finished";
            for (const auto& reason : children(r, "reasonCode")) {
                d.item.reason = conceptText(reason);
                break;
            }
            d.item.discussion = extensionText(r, "mdt-discussion", "String");
            d.item.decision = extensionText(r, "mdt-decision", "String");
            d.item.planChanges = extensionText(r, "mdt-plan-changes", "String");
            d.item.orderKey = extensionText(r, "agenda-order-key", "String");
            if (d.item.orderKey.empty())
                d.item.orderKey = orderKeyBetween("", "");
            d.item.minutesAllotted = extensionInteger(r, "minutes-allotted").value_or(3);
            d.item.carriedForward = extensionFlag(r, "carried-forward", false);
            d.item.forInformationOnly = extensionFlag(r, "for-information-only", false);
            d.item.voice.residentAttended = extensionFlag(r, "resident-attended", false);
            d.item.voice.carerAttended = extensionFlag(r, "carer-attended", false);
            d.item.voice.agreedPlan = extensionFlag(r, "resident-agreed-plan", false);
            d.item.voice.copyGiven = extensionFlag(r, "resident-copy-given", false);
            encounterMeeting_[e.id] = d.meeting.id.str();
            out_.record.discussions.push_back(d);
        }
    }

    void readTasks() {
        for (const auto& e : index_.ofType("Task")) {
            const auto& r = e.resource;
            requirePatient(child(r, "for"), label(e));
            Action a;
            a.id = ActionId(e.id);
            a.caseId = out_.record.theCase.id;
            std::string status = text(r, "status");
            auto actionStatus = actionStatusFrom(status);
            if (!actionStatus)
                refuse(label(e) + " has the status '" + status + "', which has no meaning here");
            a.status = *actionStatus;
            std::string business = codeIn(child(r, "businessStatus"), codeSystem("action-status"));
            if (!business.empty()) {
                auto exact = fromCode<ActionStatus>(business);
                if (!exact)
                    refuse(label(e) + " has the unknown businessStatus '" + business + "'");
                a.status = *exact;
            }
            a.statusReason = conceptText(child(r, "statusReason"));
            std::string priority = text(r, "priority");
            if (!priority.empty()) {
                auto p = fromCode<Priority>(priority);
                if (!p)
                    refuse(label(e) + " has the unknown priority '" + priority + "'");
                a.priority = *p;
            }
            a.title = text(r, "description");
            if (a.title.empty())
                refuse(label(e) + " has no description of what is to be done");
            a.detail = extensionText(r, "action-detail", "String");
            a.goalLineage = extensionText(r, "goal-lineage", "String");
            if (auto focus = index_.resolve(child(r, "focus"),
                                            {"Goal", "CarePlan", "Condition", "ServiceRequest"},
                                            label(e) + " focus");
                focus && focus->type == "Goal" && a.goalLineage.empty())
                a.goalLineage =
                    lineageOfGoal_.count(focus->id) ? lineageOfGoal_[focus->id] : std::string();
            if (auto encounter =
                    index_.resolve(child(r, "encounter"), {"Encounter"}, label(e) + " encounter"))
                if (auto m = encounterMeeting_.find(encounter->id); m != encounterMeeting_.end())
                    a.meetingId = MeetingId(m->second);
            auto owner = child(r, "owner");
            if (auto o =
                    index_.resolve(owner,
                                   {"Practitioner", "PractitionerRole", "Organization", "CareTeam",
                                    "HealthcareService", "Patient", "Device", "RelatedPerson"},
                                   label(e) + " owner")) {
                if (o->type == "Organization")
                    a.ownerOrganisation = OrganisationId(o->id);
                else if (o->type == "Practitioner" || o->type == "PractitionerRole")
                    a.owner = professional(owner, label(e));
            }
            if (auto org = extension(r, "owner-organisation"))
                if (auto o = index_.resolve(child(org, "valueReference"), {"Organization"},
                                            label(e) + " owner organisation"))
                    a.ownerOrganisation = OrganisationId(o->id);
            auto requester = child(r, "requester");
            if (auto q = index_.resolve(requester,
                                        {"Practitioner", "PractitionerRole", "Organization",
                                         "Patient", "Device", "RelatedPerson"},
                                        label(e) + " requester");
                q && (q->type == "Practitioner" || q->type == "PractitionerRole"))
                a.requester = professional(requester, label(e));
            if (r->has("authoredOn"))
                a.createdAt = instantField(text(r, "authoredOn"), label(e) + " authoredOn");
            if (r->has("lastModified"))
                a.updatedAt = instantField(text(r, "lastModified"), label(e) + " lastModified");
            if (auto period = child(child(r, "restriction"), "period");
                period && period->has("end"))
                a.dueDate = dateField(text(period, "end"), label(e) + " due date");
            int n = 0;
            for (const auto& note : children(r, "note")) {
                ProgressNote p;
                p.id = NoteId(elementId(note, "note", e.id, n));
                ++n;
                p.actionId = a.id;
                p.author = professional(child(note, "authorReference"), label(e) + " note");
                p.text = text(note, "text");
                if (note->has("time"))
                    p.writtenAt = instantField(text(note, "time"), label(e) + " note time");
                else
                    p.writtenAt = a.updatedAt;
                out_.record.notes.push_back(p);
            }
            out_.record.actions.push_back(a);
        }
    }

    const ResourceIndex& index_;
    ReceivedCase out_;
    ResourceIndex::Entry patient_;
    std::map<std::string, std::string> roleToPractitioner_;
    std::map<std::string, std::string> lineageOfGoal_;
    std::map<std::string, std::string> encounterMeeting_;
    int ignoredConsents_ = 0;

  public:
    Date received_{};  // the Bundle's own date, for what it does not date itself
};

}  // namespace

ReceivedCase readCaseBundle(std::string_view json) {
    if (json.size() > kMaxBundleBytes)
        refuse("the file is " + std::to_string(json.size() / (1024 * 1024)) +
               " MB; FHIR bundles larger than " + std::to_string(kMaxBundleBytes / (1024 * 1024)) +
               " MB are refused (one case is far smaller: is this the right file?)");
    Poco::Dynamic::Var parsed;
    try {
        parsed = Poco::JSON::Parser().parse(std::string(json));
    } catch (const Poco::Exception& e) {
        refuse("the file is not valid JSON (" + e.message() + ")");
    }
    Object::Ptr bundle;
    try {
        bundle = parsed.extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
        refuse("the file is JSON but not a FHIR resource");
    }
    try {
        if (text(bundle, "resourceType") != "Bundle")
            refuse("the file is not a FHIR Bundle (resourceType '" + text(bundle, "resourceType") +
                   "')");
        static const std::set<std::string> types{"collection", "transaction", "batch", "document",
                                                 "searchset"};
        if (!types.count(text(bundle, "type")))
            refuse("the Bundle type '" + text(bundle, "type") +
                   "' is not one that carries records");
        ResourceIndex index;
        int n = 0;
        for (const auto& e : children(bundle, "entry")) {
            ++n;
            auto resource = child(e, "resource");
            if (!resource)
                refuse("entry " + std::to_string(n) + " of the bundle holds no resource");
            std::string type = text(resource, "resourceType");
            std::string fullUrl = text(e, "fullUrl");
            std::string id = text(resource, "id");
            if (id.empty() && fullUrl.starts_with("urn:uuid:"))
                id = fullUrl.substr(9);
            if (type.empty() || id.empty())
                refuse("entry " + std::to_string(n) + " of the bundle has no resourceType or id");
            index.add(fullUrl, {type, id, resource});
        }
        CaseReader reader(index);
        std::string stamp = text(bundle, "timestamp");
        if (auto t = parseInstant(stamp))
            reader.received_ = dateOf(*t);
        else if (auto meta = child(bundle, "meta"))
            if (auto m = parseInstant(text(meta, "lastUpdated")))
                reader.received_ = dateOf(*m);
        return reader.read();
    } catch (const Poco::Exception& e) {
        refuse("the Bundle does not have the shape FHIR R4 gives it (" + e.displayText() + ")");
    }
}

}  // namespace nmdt::integration
