#include "fhir_resources.h"

#include "fhir_codes.h"

namespace nmdt::integration::fhir {

namespace {

const std::string kUkCorePatient = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";

Object::Ptr resource(const std::string& type, const std::string& id) {
    auto r = object();
    r->set("resourceType", type);
    r->set("id", id);
    return r;
}

void addTo(Object::Ptr target, const std::string& name, const Object::Ptr& item) {
    Array::Ptr list = target->has(name) ? target->getArray(name) : array();
    list->add(item);
    target->set(name, list);
}

Object::Ptr telecom(const std::string& system, const std::string& value) {
    auto t = object();
    t->set("system", system);
    t->set("value", value);
    return t;
}

Object::Ptr annotation(const std::string& text) {
    auto a = object();
    a->set("text", text);
    return a;
}

Object::Ptr patientReference(const CaseId& caseId) {
    return reference("Patient", patientIdOf(caseId));
}

/// An Encounter/Task/... reference to whoever acts for a professional, by role.
Object::Ptr roleReference(const ProfessionalId& id, const Directory& names) {
    return reference("PractitionerRole", practitionerRoleIdOf(id), names.professionalName(id));
}

Object::Ptr identifier(const std::string& system, const std::string& value) {
    auto i = object();
    i->set("system", system);
    i->set("value", value);
    return i;
}

}  // namespace

Directory::Directory(const std::vector<Organisation>& organisations,
                     const std::vector<Professional>& professionals) {
    for (const auto& o : organisations)
        organisations_[o.id.str()] = &o;
    for (const auto& p : professionals)
        professionals_[p.id.str()] = &p;
}

const Organisation* Directory::organisation(const OrganisationId& id) const {
    auto it = organisations_.find(id.str());
    return it == organisations_.end() ? nullptr : it->second;
}

const Professional* Directory::professional(const ProfessionalId& id) const {
    auto it = professionals_.find(id.str());
    return it == professionals_.end() ? nullptr : it->second;
}

std::string Directory::organisationName(const OrganisationId& id) const {
    auto o = organisation(id);
    return o ? o->name : std::string();
}

std::string Directory::professionalName(const ProfessionalId& id) const {
    auto p = professional(id);
    return p ? p->name : std::string();
}

std::string patientIdOf(const CaseId& caseId) {
    return derivedId("patient", caseId.str());
}

std::string practitionerRoleIdOf(const ProfessionalId& id) {
    return derivedId("practitioner-role", id.str());
}

std::string careTeamIdOf(const CaseId& caseId) {
    return derivedId("care-team", caseId.str());
}

Object::Ptr entry(const Object::Ptr& r) {
    auto e = object();
    e->set("fullUrl",
           fullUrlOf(r->getValue<std::string>("resourceType"), r->getValue<std::string>("id")));
    e->set("resource", r);
    return e;
}

Object::Ptr patientResource(const Case& c, const std::vector<Contact>& contacts,
                            const Directory* names) {
    const Resident& r = c.resident;
    auto p = resource("Patient", patientIdOf(c.id));
    auto meta = object();
    auto profiles = array();
    profiles->add(kUkCorePatient);
    meta->set("profile", profiles);
    p->set("meta", meta);
    if (!r.communicationNeeds.empty())
        addExtension(p, "communication-needs", "String", r.communicationNeeds);
    if (!r.identityProvisional())  // no identifier rather than an empty one
        addTo(p, "identifier", identifier(kNhsNumberSystem, r.nhsNumber));

    auto name = object();
    name->set("use", "official");
    name->set("family", r.familyName);
    auto given = array();
    given->add(r.givenName);
    name->set("given", given);
    addTo(p, "name", name);
    if (!r.phone.empty())
        addTo(p, "telecom", telecom("phone", r.phone));
    if (!r.email.empty())
        addTo(p, "telecom", telecom("email", r.email));
    if (r.sex != Sex::NotKnown)  // the codes are FHIR's administrative gender
        p->set("gender", std::string(codeOf(r.sex)));
    if (r.dateOfBirth.ok())
        p->set("birthDate", toIsoDate(r.dateOfBirth));
    if (!r.address.empty() || !r.postcode.empty()) {
        auto address = object();
        address->set("use", "home");
        if (!r.address.empty())
            address->set("text", r.address);
        if (!r.postcode.empty())
            address->set("postalCode", r.postcode);
        addTo(p, "address", address);
    }
    if (!r.registeredPractice.empty())
        addTo(p, "generalPractitioner",
              reference("Organization", r.registeredPractice.str(),
                        names ? names->organisationName(r.registeredPractice) : std::string()));
    for (const auto& k : contacts) {
        auto contact = object();
        contact->set("id", k.id.str());
        if (k.isCarer)
            addExtension(contact, "carer", "Boolean", true);
        auto relationship = object();
        if (k.isNextOfKin) {
            auto codings = array();
            codings->add(
                coding("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin"));
            relationship->set("coding", codings);
        }
        if (!k.relationship.empty())
            relationship->set("text", k.relationship);
        if (relationship->size() > 0)
            addTo(contact, "relationship", relationship);
        auto contactName = object();
        contactName->set("text", k.name);
        contact->set("name", contactName);
        if (!k.phone.empty())
            addTo(contact, "telecom", telecom("phone", k.phone));
        addTo(p, "contact", contact);
    }
    if (!r.preferredLanguage.empty()) {
        auto communication = object();
        communication->set("language", textConcept(r.preferredLanguage));
        communication->set("preferred", true);
        addTo(p, "communication", communication);
    }
    return p;
}

Object::Ptr referralResource(const Case& c, const Directory& names) {
    auto s = resource("ServiceRequest", c.id.str());
    if (!c.keyWorker.empty())
        addExtension(s, "key-worker", "Reference", roleReference(c.keyWorker, names));
    if (c.reviewAtNextMeeting)
        addExtension(s, "review-at-next-meeting", "Boolean", true);
    if (!c.closedReason.empty())
        addExtension(s, "closed-reason", "String", c.closedReason);
    // Awaiting triage is a draft request; signposted or declined, a revoked one.
    const bool turnedAway = c.triage == Triage::Signposted || c.triage == Triage::Declined;
    s->set("status", c.status == CaseStatus::Closed ? "completed"
                     : c.triage == Triage::Pending  ? "draft"
                     : turnedAway                   ? "revoked"
                                                    : "active");
    s->set("intent", "order");
    s->set("priority", std::string(codeOf(c.urgency)));  // FHIR request-priority codes
    addExtension(s, "triage", "Code", std::string(codeOf(c.triage)));
    if (!c.triageNote.empty())
        addExtension(s, "triage-note", "String", c.triageNote);
    if (!c.triagedBy.empty())
        addExtension(s, "triaged-by", "Reference", roleReference(c.triagedBy, names));
    if (c.triagedOn)
        addExtension(s, "triaged-on", "Date", toIsoDate(*c.triagedOn));
    auto category = array();
    category->add(codeable(kSnomed, "306206005", "Referral to service"));
    s->set("category", category);
    s->set("code", codeable(kSnomed, kMdtConferenceCode, kMdtConferenceDisplay,
                            "Referral to the neighbourhood MDT"));
    s->set("subject", patientReference(c.id));
    auto period = object();
    if (c.referralDate.ok())
        period->set("start", toIsoDate(c.referralDate));
    if (c.closedDate)
        period->set("end", toIsoDate(*c.closedDate));
    if (period->size() > 0)
        s->set("occurrencePeriod", period);
    if (c.referralDate.ok())
        s->set("authoredOn", toIsoDate(c.referralDate));
    if (!c.referredBy.empty())
        s->set("requester", roleReference(c.referredBy, names));
    else if (!c.referrerOrganisation.empty())
        s->set("requester", reference("Organization", c.referrerOrganisation.str(),
                                      names.organisationName(c.referrerOrganisation)));
    if (!c.referredBy.empty() && !c.referrerOrganisation.empty())
        addExtension(s, "referrer-organisation", "Reference",
                     reference("Organization", c.referrerOrganisation.str(),
                               names.organisationName(c.referrerOrganisation)));
    if (!c.referralReason.empty())
        addTo(s, "reasonCode", textConcept(c.referralReason));
    return s;
}

Object::Ptr organizationResource(const Organisation& o) {
    auto r = resource("Organization", o.id.str());
    if (!o.odsCode.empty())
        addTo(r, "identifier", identifier(kOdsSystem, o.odsCode));
    r->set("active", true);
    addTo(r, "type", codeable(codeSystem("organisation-kind"), std::string(codeOf(o.kind))));
    r->set("name", o.name);
    return r;
}

Object::Ptr practitionerResource(const Professional& p) {
    auto r = resource("Practitioner", p.id.str());
    r->set("active", true);
    auto name = object();
    name->set("text", p.name);
    addTo(r, "name", name);
    if (!p.phone.empty())
        addTo(r, "telecom", telecom("phone", p.phone));
    if (!p.email.empty())
        addTo(r, "telecom", telecom("email", p.email));
    return r;
}

Object::Ptr practitionerRoleResource(const Professional& p) {
    auto r = resource("PractitionerRole", practitionerRoleIdOf(p.id));
    r->set("active", true);
    r->set("practitioner", reference("Practitioner", p.id.str(), p.name));
    if (!p.organisationId.empty())
        r->set("organization", reference("Organization", p.organisationId.str()));
    addTo(r, "code", codeable(codeSystem("mdt-role"), std::string(codeOf(p.role))));
    return r;
}

Object::Ptr careTeamResource(const Case& c, const std::vector<CareTeamMember>& members,
                             const Directory& names) {
    auto r = resource("CareTeam", careTeamIdOf(c.id));
    r->set("status", c.status == CaseStatus::Open ? "active" : "inactive");
    r->set("name", "Neighbourhood MDT care team");
    r->set("subject", patientReference(c.id));
    for (const auto& m : members) {
        auto participant = object();
        participant->set("id", m.id.str());
        if (!m.active)
            addExtension(participant, "care-team-member-active", "Boolean", false);
        if (!m.teamRole.empty())
            addTo(participant, "role", textConcept(m.teamRole));
        participant->set("member", reference("Practitioner", m.professionalId.str(),
                                             names.professionalName(m.professionalId)));
        if (auto p = names.professional(m.professionalId); p && !p->organisationId.empty())
            participant->set("onBehalfOf", reference("Organization", p->organisationId.str(),
                                                     names.organisationName(p->organisationId)));
        addTo(r, "participant", participant);
    }
    return r;
}

Object::Ptr consentResource(const Consent& k, const Directory& names) {
    auto r = resource("Consent", k.id.str());
    r->set("status", "active");
    r->set("scope", codeable("http://terminology.hl7.org/CodeSystem/consentscope",
                             "patient-privacy", "Privacy Consent"));
    addTo(r, "category", codeable("http://loinc.org", "59284-0", "Patient Consent"));
    addExtension(r, "consent-method", "Code", std::string(codeOf(k.method)));
    r->set("patient", patientReference(k.caseId));
    if (k.recordedOn.ok())
        r->set("dateTime", toIsoDate(k.recordedOn));
    if (!k.recordedBy.empty())
        addTo(r, "performer",
              reference("Practitioner", k.recordedBy.str(), names.professionalName(k.recordedBy)));
    // Sharing rests on consent (opt-in) unless a legal basis is recorded instead.
    if (k.legalBasis.empty())
        r->set("policyRule",
               codeable("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"));
    else
        r->set("policyRule", textConcept(k.legalBasis));
    auto provision = object();
    provision->set("type", std::string(codeOf(k.decision)));
    auto actor = object();
    actor->set("role", codeable("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                "IRCP", "information recipient"));
    actor->set("reference", reference("Organization", k.organisationId.str(),
                                      names.organisationName(k.organisationId)));
    addTo(provision, "actor", actor);
    r->set("provision", provision);
    return r;
}

Object::Ptr carePlanResource(const PlanTransfer& t, const Case& c,
                             const std::vector<std::string>& activityTaskIds,
                             const Directory& names) {
    const CarePlan& plan = t.plan;
    auto r = resource("CarePlan", plan.id.str());
    addExtension(r, "care-plan-version", "Integer", plan.version);
    if (!plan.aboutMe.empty())
        addExtension(r, "about-me", "String", plan.aboutMe);
    if (!plan.contingencyPlan.empty())
        addExtension(r, "contingency-plan", "String", plan.contingencyPlan);
    if (plan.reviewDate)
        addExtension(r, "review-date", "Date", toIsoDate(*plan.reviewDate));
    if (plan.agreedOn)
        addExtension(r, "agreed-on", "Date", toIsoDate(*plan.agreedOn));
    if (!plan.basedOn.empty())
        addTo(r, "replaces", reference("CarePlan", plan.basedOn.str()));
    r->set("status", carePlanStatus(plan.status));
    r->set("intent", "plan");
    addTo(
        r, "category",
        codeable(kSnomed, "736366004", "Advance care plan", "Personalised care and support plan"));
    r->set("title", "Personalised care and support plan, version " + std::to_string(plan.version));
    if (!plan.whatMattersToMe.empty())
        r->set("description", plan.whatMattersToMe);
    r->set("subject", patientReference(c.id));
    if (!plan.agreedBy.empty())
        r->set("author", reference("Practitioner", plan.agreedBy.str(),
                                   names.professionalName(plan.agreedBy)));
    addTo(r, "careTeam", reference("CareTeam", careTeamIdOf(c.id)));
    for (const auto& n : t.needs)
        addTo(r, "addresses", reference("Condition", n.id.str()));
    for (const auto& g : t.goals)
        addTo(r, "goal", reference("Goal", g.id.str()));
    for (const auto& id : activityTaskIds) {
        auto activity = object();
        activity->set("reference", reference("Task", id));
        addTo(r, "activity", activity);
    }
    return r;
}

Object::Ptr conditionResource(const Need& need, const CaseId& caseId) {
    auto r = resource("Condition", need.id.str());
    if (!need.lineage.empty())
        addTo(r, "identifier", identifier(codeSystem("need-lineage"), need.lineage));
    r->set("clinicalStatus", codeable("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                      "active", "Active"));
    addTo(r, "category", codeable(codeSystem("need-domain"), std::string(codeOf(need.domain))));
    r->set("code", textConcept(need.description));
    r->set("subject", patientReference(caseId));
    if (!need.plannedSupport.empty())
        addTo(r, "note", annotation(need.plannedSupport));
    return r;
}

Object::Ptr goalResource(const Goal& goal, PlanStatus planStatus, const CaseId& caseId) {
    auto r = resource("Goal", goal.id.str());
    if (!goal.lineage.empty())
        addTo(r, "identifier", identifier(codeSystem("goal-lineage"), goal.lineage));
    r->set("lifecycleStatus", goalLifecycle(goal.progress, planStatus));
    std::string achievement = goalAchievement(goal.progress);
    if (!achievement.empty())
        r->set("achievementStatus",
               codeable("http://terminology.hl7.org/CodeSystem/goal-achievement", achievement));
    addTo(r, "category", codeable(codeSystem("need-domain"), std::string(codeOf(goal.domain))));
    r->set("description", textConcept(goal.description));
    r->set("subject", patientReference(caseId));
    if (goal.targetDate) {
        auto target = object();
        target->set("dueDate", toIsoDate(*goal.targetDate));
        addTo(r, "target", target);
    }
    r->set("expressedBy", patientReference(caseId));  // in the person's own words
    if (!goal.progressNote.empty())
        addTo(r, "note", annotation(goal.progressNote));
    return r;
}

Object::Ptr taskResource(const Action& a, const std::vector<ProgressNote>& notes,
                         const GoalsByLineage& goals, const std::string& encounterId,
                         const Directory& names) {
    auto r = resource("Task", a.id.str());
    if (!a.detail.empty())
        addExtension(r, "action-detail", "String", a.detail);
    if (!a.goalLineage.empty())
        addExtension(r, "goal-lineage", "String", a.goalLineage);
    if (!a.owner.empty() && !a.ownerOrganisation.empty())
        addExtension(r, "owner-organisation", "Reference",
                     reference("Organization", a.ownerOrganisation.str(),
                               names.organisationName(a.ownerOrganisation)));
    r->set("status", taskStatus(a.status));
    if (!a.statusReason.empty())
        r->set("statusReason", textConcept(a.statusReason));
    r->set("businessStatus", codeable(codeSystem("action-status"), std::string(codeOf(a.status))));
    r->set("intent", "order");
    r->set("priority", std::string(codeOf(a.priority)));
    r->set("description", a.title);
    if (auto g = goals.find(a.goalLineage); !a.goalLineage.empty() && g != goals.end())
        r->set("focus", reference("Goal", g->second));
    r->set("for", patientReference(a.caseId));
    if (!encounterId.empty())
        r->set("encounter", reference("Encounter", encounterId));
    if (a.createdAt.time_since_epoch().count() != 0)
        r->set("authoredOn", instant(a.createdAt));
    if (a.updatedAt.time_since_epoch().count() != 0)
        r->set("lastModified", instant(a.updatedAt));
    if (!a.requester.empty())
        r->set("requester", roleReference(a.requester, names));
    if (!a.owner.empty())
        r->set("owner", roleReference(a.owner, names));
    else if (!a.ownerOrganisation.empty())
        r->set("owner", reference("Organization", a.ownerOrganisation.str(),
                                  names.organisationName(a.ownerOrganisation)));
    for (const auto& n : notes) {
        auto note = object();
        note->set("id", n.id.str());
        note->set("authorReference",
                  reference("Practitioner", n.author.str(), names.professionalName(n.author)));
        note->set("time", instant(n.writtenAt));
        note->set("text", n.text);
        addTo(r, "note", note);
    }
    if (a.dueDate) {
        auto restriction = object();
        auto period = object();
        period->set("end", toIsoDate(*a.dueDate));
        restriction->set("period", period);
        r->set("restriction", restriction);
    }
    return r;
}

Object::Ptr encounterResource(const AgendaItem& item, const Meeting& meeting) {
    auto r = resource("Encounter", item.id.str());
    if (!item.discussion.empty())
        addExtension(r, "mdt-discussion", "String", item.discussion);
    if (!item.decision.empty())
        addExtension(r, "mdt-decision", "String", item.decision);
    if (!item.planChanges.empty())
        addExtension(r, "mdt-plan-changes", "String", item.planChanges);
    if (!item.orderKey.empty())
        addExtension(r, "agenda-order-key", "String", item.orderKey);
    addExtension(r, "minutes-allotted", "Integer", item.minutesAllotted);
    if (item.carriedForward)
        addExtension(r, "carried-forward", "Boolean", true);
    if (item.forInformationOnly)
        addExtension(r, "for-information-only", "Boolean", true);
    // The resident's part in the discussion (a resident's voice, not a clinical code).
    if (item.voice.residentAttended)
        addExtension(r, "resident-attended", "Boolean", true);
    if (item.voice.carerAttended)
        addExtension(r, "carer-attended", "Boolean", true);
    if (item.voice.agreedPlan)
        addExtension(r, "resident-agreed-plan", "Boolean", true);
    if (item.voice.copyGiven)
        addExtension(r, "resident-copy-given", "Boolean", true);
    r->set("status", item.discussed ? "finished" : "planned");
    r->set("class",
           coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
    addTo(r, "type", codeable(kSnomed, kMdtConferenceCode, kMdtConferenceDisplay));
    r->set("subject", patientReference(item.caseId));
    addTo(r, "appointment", reference("Appointment", meeting.id.str(), meeting.title));
    auto period = object();
    period->set("start", ukLocalDateTime(meeting.date, meeting.startTime));
    r->set("period", period);
    if (!item.reason.empty())
        addTo(r, "reasonCode", textConcept(item.reason));
    return r;
}

Object::Ptr appointmentResource(const Meeting& m, const std::vector<Participant>& participants,
                                const Directory& names) {
    auto r = resource("Appointment", m.id.str());
    if (!m.link.empty())
        addExtension(r, "meeting-link", "String", m.link);
    r->set("status", appointmentStatus(m.status));
    addTo(r, "serviceType", codeable(kSnomed, kMdtConferenceCode, kMdtConferenceDisplay));
    r->set("description", m.title);
    r->set("start", ukLocalDateTime(m.date, m.startTime));
    r->set("end", ukLocalDateTime(m.date, m.startTime, m.durationMinutes));
    r->set("minutesDuration", m.durationMinutes);
    if (!m.place.empty())
        r->set("comment", m.place);
    auto chairType = codeable(codeSystem("meeting-role"), "chair", "Chair");
    if (!m.chair.empty()) {
        auto chair = object();
        addTo(chair, "type", chairType);
        chair->set("actor",
                   reference("Practitioner", m.chair.str(), names.professionalName(m.chair)));
        chair->set("required", "required");
        chair->set("status", "accepted");
        addTo(r, "participant", chair);
    }
    for (const auto& p : participants) {
        auto participant = object();
        participant->set("id", p.id.str());
        addExtension(participant, "attendance", "Code", std::string(codeOf(p.attendance)));
        addTo(participant, "type", codeable(codeSystem("meeting-role"), "partner", "Partner"));
        if (!p.professionalId.empty()) {
            participant->set("actor", reference("Practitioner", p.professionalId.str(),
                                                names.professionalName(p.professionalId)));
        } else {
            // Appointment actors cannot be organisations: name the organisation invited.
            auto actor = object();
            actor->set("display", names.organisationName(p.organisationId));
            participant->set("actor", actor);
        }
        participant->set("required", p.invited ? "required" : "optional");
        participant->set("status", participantStatus(p.attendance));
        addTo(r, "participant", participant);
    }
    if (!r->has("participant")) {  // FHIR needs at least one
        auto nobody = object();
        addTo(nobody, "type", chairType);
        nobody->set("status", "needs-action");
        addTo(r, "participant", nobody);
    }
    return r;
}

}  // namespace nmdt::integration::fhir
