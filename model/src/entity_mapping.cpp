#include "model/entity_mapping.h"

#include "model/change_set.h"

#include <algorithm>

namespace nmdt {

namespace {

FieldValue text(const std::string& s) {
    return textOrNull(s);
}
template <class Tag>
FieldValue ref(const Id<Tag>& id) {
    return textOrNull(id.str());
}
FieldValue date(const Date& d) {
    return FieldValue(toIsoDate(d));
}
FieldValue date(const std::optional<Date>& d) {
    return d ? date(*d) : FieldValue();
}
FieldValue time(const Timestamp& t) {
    return FieldValue(toMillis(t));
}
FieldValue time(const std::optional<Timestamp>& t) {
    return t ? time(*t) : FieldValue();
}
FieldValue flag(bool b) {
    return FieldValue(std::int64_t{b ? 1 : 0});
}
FieldValue number(int n) {
    return FieldValue(std::int64_t{n});
}
template <class E>
FieldValue code(E e) {
    return FieldValue(std::string(codeOf(e)));
}

std::optional<Date> readDate(const Record& r, std::string_view name) {
    auto t = r.optionalText(name);
    return t ? parseIsoDate(*t) : std::nullopt;
}
std::optional<Timestamp> readTime(const Record& r, std::string_view name) {
    auto ms = r.optionalInteger(name);
    return ms ? std::optional(fromMillis(*ms)) : std::nullopt;
}
template <class E>
E readCode(const Record& r, std::string_view name, E fallback) {
    return fromCode<E>(r.text(name)).value_or(fallback);
}
template <class IdType>
IdType readRef(const Record& r, std::string_view name) {
    return IdType(r.text(name));
}

}  // namespace

FieldList toFields(const Organisation& o) {
    return {{"name", text(o.name)}, {"kind", code(o.kind)}, {"ods_code", text(o.odsCode)}};
}
Organisation fromRecord(const std::string& id, const Record& r, Organisation*) {
    return {OrganisationId(id), r.text("name"), readCode(r, "kind", OrganisationKind::GpPractice),
            r.text("ods_code")};
}

FieldList toFields(const Professional& p) {
    return {{"name", text(p.name)},
            {"role", code(p.role)},
            {"organisation_id", ref(p.organisationId)},
            {"email", text(p.email)},
            {"phone", text(p.phone)},
            {"username", text(p.username)},
            {"registration", text(p.registration)},
            {"active", FieldValue(static_cast<std::int64_t>(p.active ? 1 : 0))}};
}
Professional fromRecord(const std::string& id, const Record& r, Professional*) {
    return {ProfessionalId(id),
            r.text("name"),
            readCode(r, "role", Role::Navigator),
            readRef<OrganisationId>(r, "organisation_id"),
            r.text("email"),
            r.text("phone"),
            r.text("username"),
            r.text("registration"),
            r.flag("active")};
}

FieldList toFields(const Case& c) {
    const Resident& p = c.resident;
    // Empty text, never null, for a provisional identity: the column is NOT NULL.
    return {{"nhs_number", FieldValue(p.nhsNumber)},
            {"given_name", text(p.givenName)},
            {"family_name", text(p.familyName)},
            {"date_of_birth", date(p.dateOfBirth)},
            {"address", text(p.address)},
            {"postcode", text(p.postcode)},
            {"phone", text(p.phone)},
            {"email", text(p.email)},
            {"preferred_language", text(p.preferredLanguage)},
            {"communication_needs", text(p.communicationNeeds)},
            {"referred_by_id", ref(c.referredBy)},
            {"referrer_org_id", ref(c.referrerOrganisation)},
            {"referral_reason", text(c.referralReason)},
            {"referral_date", date(c.referralDate)},
            {"key_worker_id", ref(c.keyWorker)},
            {"status", code(c.status)},
            {"closed_reason", text(c.closedReason)},
            {"closed_date", date(c.closedDate)},
            {"review_at_next_meeting", flag(c.reviewAtNextMeeting)},
            {"created_at", time(c.createdAt)},
            {"urgency", code(c.urgency)},
            {"triage", code(c.triage)},
            {"triage_note", text(c.triageNote)},
            {"triaged_by_id", ref(c.triagedBy)},
            {"triaged_on", date(c.triagedOn)},
            {"mdt_series_id", ref(c.mdtSeries)},
            {"registered_practice_id", ref(p.registeredPractice)},
            {"sex", code(p.sex)}};
}
Case fromRecord(const std::string& id, const Record& r, Case*) {
    Case c;
    c.id = CaseId(id);
    Resident& p = c.resident;
    p.nhsNumber = r.text("nhs_number");
    p.givenName = r.text("given_name");
    p.familyName = r.text("family_name");
    p.dateOfBirth = readDate(r, "date_of_birth").value_or(Date{});
    p.address = r.text("address");
    p.postcode = r.text("postcode");
    p.phone = r.text("phone");
    p.email = r.text("email");
    p.preferredLanguage = r.text("preferred_language");
    p.communicationNeeds = r.text("communication_needs");
    c.referredBy = readRef<ProfessionalId>(r, "referred_by_id");
    c.referrerOrganisation = readRef<OrganisationId>(r, "referrer_org_id");
    c.referralReason = r.text("referral_reason");
    c.referralDate = readDate(r, "referral_date").value_or(Date{});
    c.keyWorker = readRef<ProfessionalId>(r, "key_worker_id");
    c.status = readCode(r, "status", CaseStatus::Open);
    c.closedReason = r.text("closed_reason");
    c.closedDate = readDate(r, "closed_date");
    c.reviewAtNextMeeting = r.flag("review_at_next_meeting");
    c.createdAt = readTime(r, "created_at").value_or(Timestamp{});
    c.urgency = readCode(r, "urgency", Urgency::Routine);
    // Cases from before triage existed were all taken on by the MDT.
    c.triage = readCode(r, "triage", Triage::AcceptedForMdt);
    c.triageNote = r.text("triage_note");
    c.triagedBy = readRef<ProfessionalId>(r, "triaged_by_id");
    c.triagedOn = readDate(r, "triaged_on");
    c.mdtSeries = readRef<MeetingSeriesId>(r, "mdt_series_id");
    p.registeredPractice = readRef<OrganisationId>(r, "registered_practice_id");
    p.sex = readCode(r, "sex", Sex::NotKnown);
    return c;
}

FieldList toFields(const Contact& c) {
    return {{"case_id", ref(c.caseId)},
            {"name", text(c.name)},
            {"relationship", text(c.relationship)},
            {"phone", text(c.phone)},
            {"is_carer", flag(c.isCarer)},
            {"is_next_of_kin", flag(c.isNextOfKin)}};
}
Contact fromRecord(const std::string& id, const Record& r, Contact*) {
    return {ContactId(id),           readRef<CaseId>(r, "case_id"),
            r.text("name"),          r.text("relationship"),
            r.text("phone"),         r.flag("is_carer"),
            r.flag("is_next_of_kin")};
}

FieldList toFields(const Consent& c) {
    return {{"case_id", ref(c.caseId)},
            {"organisation_id", ref(c.organisationId)},
            {"decision", code(c.decision)},
            {"recorded_on", date(c.recordedOn)},
            {"recorded_by_id", ref(c.recordedBy)},
            {"legal_basis", text(c.legalBasis)},
            {"method", code(c.method)}};
}
Consent fromRecord(const std::string& id, const Record& r, Consent*) {
    return {ConsentId(id),
            readRef<CaseId>(r, "case_id"),
            readRef<OrganisationId>(r, "organisation_id"),
            readCode(r, "decision", ConsentDecision::Deny),
            readDate(r, "recorded_on").value_or(Date{}),
            readRef<ProfessionalId>(r, "recorded_by_id"),
            r.text("legal_basis"),
            readCode(r, "method", ConsentMethod::InPerson)};
}

FieldList toFields(const CareTeamMember& m) {
    return {{"case_id", ref(m.caseId)},
            {"professional_id", ref(m.professionalId)},
            {"team_role", text(m.teamRole)},
            {"active", flag(m.active)}};
}
CareTeamMember fromRecord(const std::string& id, const Record& r, CareTeamMember*) {
    return {CareTeamMemberId(id), readRef<CaseId>(r, "case_id"),
            readRef<ProfessionalId>(r, "professional_id"), r.text("team_role"), r.flag("active")};
}

FieldList toFields(const CarePlan& p) {
    return {{"case_id", ref(p.caseId)},          {"version", number(p.version)},
            {"status", code(p.status)},          {"what_matters", text(p.whatMattersToMe)},
            {"about_me", text(p.aboutMe)},       {"contingency_plan", text(p.contingencyPlan)},
            {"review_date", date(p.reviewDate)}, {"agreed_on", date(p.agreedOn)},
            {"agreed_by_id", ref(p.agreedBy)},   {"based_on_id", ref(p.basedOn)}};
}
CarePlan fromRecord(const std::string& id, const Record& r, CarePlan*) {
    CarePlan p;
    p.id = CarePlanId(id);
    p.caseId = readRef<CaseId>(r, "case_id");
    p.version = static_cast<int>(r.integer("version", 1));
    p.status = readCode(r, "status", PlanStatus::Draft);
    p.whatMattersToMe = r.text("what_matters");
    p.aboutMe = r.text("about_me");
    p.contingencyPlan = r.text("contingency_plan");
    p.reviewDate = readDate(r, "review_date");
    p.agreedOn = readDate(r, "agreed_on");
    p.agreedBy = readRef<ProfessionalId>(r, "agreed_by_id");
    p.basedOn = readRef<CarePlanId>(r, "based_on_id");
    return p;
}

FieldList toFields(const Need& n) {
    return {{"plan_id", ref(n.planId)},
            {"lineage_id", text(n.lineage)},
            {"domain", code(n.domain)},
            {"description", text(n.description)},
            {"planned_support", text(n.plannedSupport)}};
}
Need fromRecord(const std::string& id, const Record& r, Need*) {
    return {NeedId(id),
            readRef<CarePlanId>(r, "plan_id"),
            r.text("lineage_id"),
            readCode(r, "domain", NeedDomain::PhysicalHealth),
            r.text("description"),
            r.text("planned_support")};
}

FieldList toFields(const Goal& g) {
    return {{"plan_id", ref(g.planId)},
            {"lineage_id", text(g.lineage)},
            {"domain", code(g.domain)},
            {"description", text(g.description)},
            {"target_date", date(g.targetDate)},
            {"progress", code(g.progress)},
            {"progress_note", text(g.progressNote)}};
}
Goal fromRecord(const std::string& id, const Record& r, Goal*) {
    return {GoalId(id),
            readRef<CarePlanId>(r, "plan_id"),
            r.text("lineage_id"),
            readCode(r, "domain", NeedDomain::PhysicalHealth),
            r.text("description"),
            readDate(r, "target_date"),
            readCode(r, "progress", GoalProgress::NotStarted),
            r.text("progress_note")};
}

FieldList toFields(const Action& a) {
    return {{"case_id", ref(a.caseId)},
            {"goal_lineage_id", text(a.goalLineage)},
            {"meeting_id", ref(a.meetingId)},
            {"title", text(a.title)},
            {"detail", text(a.detail)},
            {"owner_id", ref(a.owner)},
            {"owner_org_id", ref(a.ownerOrganisation)},
            {"requester_id", ref(a.requester)},
            {"due_date", date(a.dueDate)},
            {"priority", code(a.priority)},
            {"status", code(a.status)},
            {"status_reason", text(a.statusReason)},
            {"created_at", time(a.createdAt)},
            {"updated_at", time(a.updatedAt)}};
}
Action fromRecord(const std::string& id, const Record& r, Action*) {
    Action a;
    a.id = ActionId(id);
    a.caseId = readRef<CaseId>(r, "case_id");
    a.goalLineage = r.text("goal_lineage_id");
    a.meetingId = readRef<MeetingId>(r, "meeting_id");
    a.title = r.text("title");
    a.detail = r.text("detail");
    a.owner = readRef<ProfessionalId>(r, "owner_id");
    a.ownerOrganisation = readRef<OrganisationId>(r, "owner_org_id");
    a.requester = readRef<ProfessionalId>(r, "requester_id");
    a.dueDate = readDate(r, "due_date");
    a.priority = readCode(r, "priority", Priority::Routine);
    a.status = readCode(r, "status", ActionStatus::Requested);
    a.statusReason = r.text("status_reason");
    a.createdAt = readTime(r, "created_at").value_or(Timestamp{});
    a.updatedAt = readTime(r, "updated_at").value_or(Timestamp{});
    return a;
}

FieldList toFields(const ProgressNote& n) {
    return {{"action_id", ref(n.actionId)},
            {"author_id", ref(n.author)},
            {"written_at", time(n.writtenAt)},
            {"text", text(n.text)},
            {"private", number(n.isPrivate ? 1 : 0)}};
}
ProgressNote fromRecord(const std::string& id, const Record& r, ProgressNote*) {
    return {NoteId(id),
            readRef<ActionId>(r, "action_id"),
            readRef<ProfessionalId>(r, "author_id"),
            readTime(r, "written_at").value_or(Timestamp{}),
            r.text("text"),
            r.flag("private")};
}

FieldList toFields(const Meeting& m) {
    return {{"title", text(m.title)},
            {"date", date(m.date)},
            {"start_time", text(m.startTime)},
            {"duration_minutes", number(m.durationMinutes)},
            {"place", text(m.place)},
            {"link", text(m.link)},
            {"chair_id", ref(m.chair)},
            {"status", code(m.status)},
            {"opened_at", time(m.openedAt)},
            {"closed_at", time(m.closedAt)},
            {"cancelled_reason", text(m.cancelledReason)},
            {"series_id", ref(m.seriesId)}};
}
Meeting fromRecord(const std::string& id, const Record& r, Meeting*) {
    Meeting m;
    m.id = MeetingId(id);
    m.title = r.text("title");
    m.date = readDate(r, "date").value_or(Date{});
    m.startTime = r.text("start_time");
    m.durationMinutes = static_cast<int>(r.integer("duration_minutes", 90));
    m.place = r.text("place");
    m.link = r.text("link");
    m.chair = readRef<ProfessionalId>(r, "chair_id");
    m.cancelledReason = r.text("cancelled_reason");
    m.status = readCode(r, "status", MeetingStatus::Planned);
    m.openedAt = readTime(r, "opened_at");
    m.closedAt = readTime(r, "closed_at");
    m.seriesId = readRef<MeetingSeriesId>(r, "series_id");
    return m;
}

namespace {
/// Organisation ids as one text field, space-separated (ids never contain spaces).
std::string joinIds(const std::vector<OrganisationId>& ids) {
    std::string out;
    for (const auto& id : ids)
        out += (out.empty() ? "" : " ") + id.str();
    return out;
}
std::vector<OrganisationId> splitIds(const std::string& text) {
    std::vector<OrganisationId> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

FieldList toFields(const MeetingSeries& s) {
    return {{"name", text(s.name)},
            {"cadence_days", number(s.cadenceDays)},
            {"start_time", text(s.startTime)},
            {"duration_minutes", number(s.durationMinutes)},
            {"place", text(s.place)},
            {"link", text(s.link)},
            {"default_invitees", text(joinIds(s.defaultInvitees))},
            {"active", flag(s.active)}};
}
MeetingSeries fromRecord(const std::string& id, const Record& r, MeetingSeries*) {
    MeetingSeries s;
    s.id = MeetingSeriesId(id);
    s.name = r.text("name");
    s.cadenceDays = static_cast<int>(r.integer("cadence_days", 14));
    s.startTime = r.text("start_time");
    s.durationMinutes = static_cast<int>(r.integer("duration_minutes", 90));
    s.place = r.text("place");
    s.link = r.text("link");
    s.defaultInvitees = splitIds(r.text("default_invitees"));
    s.active = r.flag("active");
    return s;
}

FieldList toFields(const Participant& p) {
    return {{"meeting_id", ref(p.meetingId)},
            {"organisation_id", ref(p.organisationId)},
            {"professional_id", ref(p.professionalId)},
            {"invited", flag(p.invited)},
            {"attendance", code(p.attendance)}};
}
Participant fromRecord(const std::string& id, const Record& r, Participant*) {
    return {ParticipantId(id),
            readRef<MeetingId>(r, "meeting_id"),
            readRef<OrganisationId>(r, "organisation_id"),
            readRef<ProfessionalId>(r, "professional_id"),
            r.flag("invited"),
            readCode(r, "attendance", Attendance::NeedsAction)};
}

FieldList toFields(const AgendaItem& a) {
    return {{"meeting_id", ref(a.meetingId)},
            {"case_id", ref(a.caseId)},
            {"reason", text(a.reason)},
            {"minutes_allotted", number(a.minutesAllotted)},
            {"order_key", text(a.orderKey)},
            {"carried_forward", flag(a.carriedForward)},
            {"for_information", flag(a.forInformationOnly)},
            {"discussion", text(a.discussion)},
            {"decision", text(a.decision)},
            {"plan_changes", text(a.planChanges)},
            {"discussed", flag(a.discussed)},
            {"removed", flag(a.removed)},
            {"resident_attended", flag(a.voice.residentAttended)},
            {"carer_attended", flag(a.voice.carerAttended)},
            {"resident_agreed_plan", flag(a.voice.agreedPlan)},
            {"resident_copy_given", flag(a.voice.copyGiven)}};
}
AgendaItem fromRecord(const std::string& id, const Record& r, AgendaItem*) {
    AgendaItem a;
    a.id = AgendaItemId(id);
    a.meetingId = readRef<MeetingId>(r, "meeting_id");
    a.caseId = readRef<CaseId>(r, "case_id");
    a.reason = r.text("reason");
    a.minutesAllotted = static_cast<int>(r.integer("minutes_allotted", 3));
    a.orderKey = r.text("order_key");
    a.carriedForward = r.flag("carried_forward");
    a.forInformationOnly = r.flag("for_information");
    a.discussion = r.text("discussion");
    a.decision = r.text("decision");
    a.planChanges = r.text("plan_changes");
    a.discussed = r.flag("discussed");
    a.removed = r.flag("removed");
    a.voice.residentAttended = r.flag("resident_attended");
    a.voice.carerAttended = r.flag("carer_attended");
    a.voice.agreedPlan = r.flag("resident_agreed_plan");
    a.voice.copyGiven = r.flag("resident_copy_given");
    return a;
}

FieldList changedFields(const FieldList& before, const FieldList& after) {
    FieldList out;
    for (const auto& f : after) {
        auto it = std::find_if(before.begin(), before.end(),
                               [&](const Field& b) { return b.name == f.name; });
        if (it == before.end() || it->value != f.value)
            out.push_back(f);
    }
    return out;
}

}  // namespace nmdt

namespace nmdt {

namespace {
/// A list of texts as one field: encoded as fields named by position.
std::string joinTexts(const std::vector<std::string>& texts) {
    FieldList fields;
    for (std::size_t i = 0; i < texts.size(); ++i)
        fields.push_back({std::to_string(i), FieldValue(texts[i])});
    return encodeFields(fields);
}
std::vector<std::string> splitTexts(const std::string& encoded) {
    std::vector<std::string> out;
    if (encoded.empty())
        return out;
    for (const auto& f : decodeFields(encoded)) {
        auto s = std::get_if<std::string>(&f.value);
        out.push_back(s ? *s : std::string());
    }
    return out;
}
}  // namespace

FieldList toFields(const CaseFindingList& l) {
    FieldList mapping;
    for (const auto& [field, header] : l.mapping.columns)
        mapping.push_back({std::string(codeOf(field)), FieldValue(header)});
    return {{"organisation_id", ref(l.organisationId)},
            {"title", text(l.title)},
            {"source_name", text(l.sourceName)},
            {"imported_at", time(l.importedAt)},
            {"imported_by_id", ref(l.importedBy)},
            {"row_count", number(l.rowCount)},
            {"mapping", text(encodeFields(mapping))},
            {"risk_columns", text(l.riskColumns.empty() ? "" : joinTexts(l.riskColumns))}};
}
CaseFindingList fromRecord(const std::string& id, const Record& r, CaseFindingList*) {
    CaseFindingList l;
    l.id = CaseFindingListId(id);
    l.organisationId = readRef<OrganisationId>(r, "organisation_id");
    l.title = r.text("title");
    l.sourceName = r.text("source_name");
    l.importedAt = readTime(r, "imported_at").value_or(Timestamp{});
    l.importedBy = readRef<ProfessionalId>(r, "imported_by_id");
    l.rowCount = static_cast<int>(r.integer("row_count"));
    if (auto encoded = r.optionalText("mapping"))
        for (const auto& f : decodeFields(*encoded)) {
            auto field = fromCode<FoundField>(f.name);
            auto header = std::get_if<std::string>(&f.value);
            if (field && header)
                l.mapping.set(*field, *header);
        }
    l.riskColumns = splitTexts(r.text("risk_columns"));
    return l;
}

FieldList toFields(const CaseFindingEntry& e) {
    return {{"list_id", ref(e.listId)},
            {"line", number(e.line)},
            {"nhs_number", text(e.nhsNumber)},
            {"date_of_birth", date(e.dateOfBirth)},
            {"family_name", text(e.familyName)},
            {"given_name", text(e.givenName)},
            {"sex", text(e.sex)},
            {"postcode", text(e.postcode)},
            {"practice_code", text(e.practiceCode)},
            {"risk", text(e.risk.empty() ? "" : joinTexts(e.risk))},
            {"decision", code(e.decision)},
            {"reason", text(e.reason)},
            {"review_on", date(e.reviewOn)},
            {"referred_case_id", ref(e.referredCase)},
            {"decided_by_id", ref(e.decidedBy)},
            {"decided_at", time(e.decidedAt)}};
}
CaseFindingEntry fromRecord(const std::string& id, const Record& r, CaseFindingEntry*) {
    CaseFindingEntry e;
    e.id = CaseFindingEntryId(id);
    e.listId = readRef<CaseFindingListId>(r, "list_id");
    e.line = static_cast<int>(r.integer("line"));
    e.nhsNumber = r.text("nhs_number");
    e.dateOfBirth = readDate(r, "date_of_birth").value_or(Date{});
    e.familyName = r.text("family_name");
    e.givenName = r.text("given_name");
    e.sex = r.text("sex");
    e.postcode = r.text("postcode");
    e.practiceCode = r.text("practice_code");
    e.risk = splitTexts(r.text("risk"));
    e.decision = readCode(r, "decision", ScreeningDecision::Pending);
    e.reason = r.text("reason");
    e.reviewOn = readDate(r, "review_on");
    e.referredCase = readRef<CaseId>(r, "referred_case_id");
    e.decidedBy = readRef<ProfessionalId>(r, "decided_by_id");
    e.decidedAt = readTime(r, "decided_at");
    return e;
}

FieldList toFields(const WellbeingScore& w) {
    return {{"case_id", ref(w.caseId)},           {"recorded_on", date(w.recordedOn)},
            {"occasion", code(w.occasion)},       {"life_satisfaction", number(w.lifeSatisfaction)},
            {"worthwhile", number(w.worthwhile)}, {"happiness", number(w.happiness)},
            {"anxiety", number(w.anxiety)},       {"recorded_by_id", ref(w.recordedBy)}};
}
WellbeingScore fromRecord(const std::string& id, const Record& r, WellbeingScore*) {
    WellbeingScore w;
    w.id = WellbeingScoreId(id);
    w.caseId = readRef<CaseId>(r, "case_id");
    w.recordedOn = readDate(r, "recorded_on").value_or(Date{});
    w.occasion = readCode(r, "occasion", WellbeingOccasion::Review);
    w.lifeSatisfaction = static_cast<int>(r.optionalInteger("life_satisfaction").value_or(0));
    w.worthwhile = static_cast<int>(r.optionalInteger("worthwhile").value_or(0));
    w.happiness = static_cast<int>(r.optionalInteger("happiness").value_or(0));
    w.anxiety = static_cast<int>(r.optionalInteger("anxiety").value_or(0));
    w.recordedBy = readRef<ProfessionalId>(r, "recorded_by_id");
    return w;
}

FieldList toFields(const ServiceUseMonth& u) {
    return {{"case_id", ref(u.caseId)},
            {"month", text(u.month)},
            {"emergency_attendances", number(u.emergencyAttendances)},
            {"emergency_admissions", number(u.emergencyAdmissions)},
            {"gp_contacts", number(u.gpContacts)},
            {"organisation_id", ref(u.organisationId)},
            {"imported_at", time(u.importedAt)}};
}
ServiceUseMonth fromRecord(const std::string& id, const Record& r, ServiceUseMonth*) {
    ServiceUseMonth u;
    u.id = ServiceUseId(id);
    u.caseId = readRef<CaseId>(r, "case_id");
    u.month = r.text("month");
    u.emergencyAttendances =
        static_cast<int>(r.optionalInteger("emergency_attendances").value_or(0));
    u.emergencyAdmissions = static_cast<int>(r.optionalInteger("emergency_admissions").value_or(0));
    u.gpContacts = static_cast<int>(r.optionalInteger("gp_contacts").value_or(0));
    u.organisationId = readRef<OrganisationId>(r, "organisation_id");
    u.importedAt = readTime(r, "imported_at").value_or(Timestamp{});
    return u;
}

std::optional<std::string> ColumnMapping::headerFor(FoundField field) const {
    for (const auto& [f, header] : columns)
        if (f == field)
            return header;
    return std::nullopt;
}

void ColumnMapping::set(FoundField field, std::string header) {
    for (auto& [f, h] : columns)
        if (f == field) {
            h = std::move(header);
            return;
        }
    columns.emplace_back(field, std::move(header));
}

}  // namespace nmdt
