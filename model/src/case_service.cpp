#include "model/case_service.h"

#include <algorithm>

#include "model/entity_mapping.h"
#include "model/nhs_number.h"
#include "model/permissions.h"

namespace nmdt {

namespace {
const Date kEarliestBirth{std::chrono::year{1880}, std::chrono::January, std::chrono::day{1}};

void checkLength(Validator& v, const std::string& text, std::size_t max, const char* field) {
    v.require(text.size() <= max, ErrorCode::TextTooLong, field);
}
}  // namespace

void CaseService::validateResident(const Resident& r, Date today, NhsNumberKnown known) {
    Validator v;
    if (known == NhsNumberKnown::NotYet) {
        // Said to be unknown but typed anyway: which is right is for the user to say.
        v.require(r.nhsNumber.find_first_not_of(" \t") == std::string::npos,
                  ErrorCode::ValueOutOfRange, "nhsNumber");
    } else if (r.nhsNumber.empty()) {
        v.add(ErrorCode::RequiredFieldMissing, "nhsNumber");
    } else if (auto problem = NhsNumber::check(r.nhsNumber)) {
        v.add(*problem, "nhsNumber");
    }
    v.require(!r.givenName.empty(), ErrorCode::RequiredFieldMissing, "givenName");
    v.require(!r.familyName.empty(), ErrorCode::RequiredFieldMissing, "familyName");
    if (!r.dateOfBirth.ok()) {
        v.add(ErrorCode::DateInvalid, "dateOfBirth");
    } else {
        v.require(r.dateOfBirth >= kEarliestBirth && r.dateOfBirth <= today,
                  ErrorCode::DateOutOfRange, "dateOfBirth");
    }
    checkLength(v, r.givenName, kMaxShortText, "givenName");
    checkLength(v, r.familyName, kMaxShortText, "familyName");
    checkLength(v, r.address, kMaxShortText * 2, "address");
    checkLength(v, r.communicationNeeds, kMaxLongText, "communicationNeeds");
    v.throwIfAny();
}

CaseId CaseService::refer(const Referral& in, const std::vector<OrganisationId>& consentTo,
                          Urgency urgency, NhsNumberKnown known, ConsentMethod consentMethod) {
    return refer(in, ReferralChoices{consentTo, urgency, known, consentMethod, {}});
}

CaseId CaseService::refer(const Referral& in, const ReferralChoices& choices) {
    const auto& consentTo = choices.consentTo;
    const Urgency urgency = choices.urgency;
    const NhsNumberKnown known = choices.nhsNumber;
    const ConsentMethod consentMethod = choices.consentMethod;
    require(ctx_.actor, Operation::Refer);
    Date today = ctx_.clock.today();
    Resident resident = in.resident;
    std::vector<Problem> problems;
    try {
        validateResident(resident, today, known);
        resident.nhsNumber = NhsNumber::digitsOf(resident.nhsNumber);
    } catch (const DomainError& e) {
        problems = e.problems();
    }
    Validator v;
    v.require(!in.reason.empty(), ErrorCode::RequiredFieldMissing, "referralReason");
    checkLength(v, in.reason, kMaxLongText, "referralReason");
    if (!in.date.ok()) {
        v.add(ErrorCode::DateInvalid, "referralDate");
    } else {
        v.require(in.date <= today, ErrorCode::DateOutOfRange, "referralDate");
        if (resident.dateOfBirth.ok())
            v.require(in.date >= resident.dateOfBirth, ErrorCode::DateOrder, "referralDate");
    }
    try {
        v.throwIfAny();
    } catch (const DomainError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    for (const auto& contact : choices.contacts)
        if (contact.name.find_first_not_of(" \t") == std::string::npos)
            problems.push_back({ErrorCode::RequiredFieldMissing, "contactName"});
    if (!resident.registeredPractice.empty()) {
        auto practice = ctx_.store.organisation(resident.registeredPractice);
        if (!practice || practice->kind != OrganisationKind::GpPractice)
            problems.push_back({ErrorCode::NotFound, "registeredPractice"});
    }
    if (!problems.empty())
        throw DomainError(problems);
    if (!resident.identityProvisional() && ctx_.store.caseByNhsNumber(resident.nhsNumber))
        throw DomainError(ErrorCode::DuplicateNhsNumber, "nhsNumber");

    Case c;
    c.id = ctx_.ids.next<CaseId>();
    c.resident = resident;
    c.referredBy = in.referredBy;
    c.referrerOrganisation = in.referrerOrganisation;
    c.referralReason = in.reason;
    c.referralDate = in.date;
    c.keyWorker = in.keyWorker;
    c.createdAt = ctx_.clock.now();
    c.urgency = urgency;
    c.triage = Triage::Pending;
    ChangeSet changes("refer-case");
    changes.create(EntityKind::Case, c.id.str(), toFields(c));
    std::vector<OrganisationId> agreed;
    for (const auto& org : consentTo) {
        if (!ctx_.store.organisation(org))
            throw DomainError(ErrorCode::NotFound, "organisation");
        if (std::find(agreed.begin(), agreed.end(), org) != agreed.end())
            continue;
        agreed.push_back(org);
        Consent consent{ctx_.ids.next<ConsentId>(),
                        c.id,
                        org,
                        ConsentDecision::Permit,
                        in.date,
                        in.referredBy.empty() ? ctx_.actor.userId : in.referredBy,
                        {},
                        consentMethod};
        changes.create(EntityKind::Consent, consent.id.str(), toFields(consent));
    }
    for (Contact contact : choices.contacts) {
        contact.id = ctx_.ids.next<ContactId>();
        contact.caseId = c.id;
        changes.create(EntityKind::Contact, contact.id.str(), toFields(contact));
    }
    ctx_.commit(changes);
    return c.id;
}

Case CaseService::get(const CaseId& id) const {
    auto c = ctx_.store.caseById(id);
    if (!c)
        throw DomainError(ErrorCode::NotFound, "case");
    return *c;
}

void CaseService::updateResident(const CaseId& id, const Resident& resident) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    // A provisional identity stays provisional until a number is recorded; a recorded
    // number is never taken away again.
    const bool staysProvisional = before.resident.identityProvisional() &&
                                  resident.nhsNumber.find_first_not_of(" \t") == std::string::npos;
    validateResident(resident, ctx_.clock.today(),
                     staysProvisional ? NhsNumberKnown::NotYet : NhsNumberKnown::Yes);
    if (!resident.registeredPractice.empty()) {
        auto practice = ctx_.store.organisation(resident.registeredPractice);
        if (!practice || practice->kind != OrganisationKind::GpPractice)
            throw DomainError(ErrorCode::NotFound, "registeredPractice");
    }
    Case after = before;
    after.resident = resident;
    after.resident.nhsNumber =
        staysProvisional ? std::string() : NhsNumber::digitsOf(resident.nhsNumber);
    if (after.resident.nhsNumber != before.resident.nhsNumber) {
        auto other = ctx_.store.caseByNhsNumber(after.resident.nhsNumber);
        if (other && other->id != id)
            throw DomainError(ErrorCode::DuplicateNhsNumber, "nhsNumber");
    }
    ctx_.commitEdit(before.resident.identityProvisional() && !staysProvisional ? "verify-nhs-number"
                                                                               : "update-resident",
                    before, after);
}

void CaseService::recordNhsNumber(const CaseId& id, const std::string& nhsNumber) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    if (!before.resident.identityProvisional())
        throw DomainError(ErrorCode::InvalidStatusTransition, "nhsNumber");
    if (nhsNumber.find_first_not_of(" \t") == std::string::npos)
        throw DomainError(ErrorCode::RequiredFieldMissing, "nhsNumber");
    Resident verified = before.resident;
    verified.nhsNumber = nhsNumber;
    updateResident(id, verified);
}

std::optional<CaseId> CaseService::caseWithNhsNumber(const std::string& nhsNumber) const {
    if (NhsNumber::check(nhsNumber))
        return std::nullopt;
    auto found = ctx_.store.caseByNhsNumber(NhsNumber::digitsOf(nhsNumber));
    return found ? std::optional<CaseId>(found->id) : std::nullopt;
}

void CaseService::triage(const CaseId& id, Triage outcome, const std::string& reason,
                         const MeetingSeriesId& series) {
    require(ctx_.actor, Operation::TriageReferral);
    Case before = get(id);
    Validator v;
    v.require(before.status == CaseStatus::Open, ErrorCode::CaseClosed, "status");
    v.require(outcome != Triage::Pending, ErrorCode::InvalidStatusTransition, "triage");
    const bool blank = reason.find_first_not_of(" \t\r\n") == std::string::npos;
    v.require(!(blank && (outcome == Triage::Signposted || outcome == Triage::Declined)),
              ErrorCode::ReasonRequired, "reason");
    v.require(reason.size() <= kMaxLongText, ErrorCode::TextTooLong, "reason");
    if (!series.empty()) {
        auto known = ctx_.store.meetingSeriesById(series);
        v.require(known && known->active, ErrorCode::NotFound, "series");
        v.require(outcome == Triage::AcceptedForMdt, ErrorCode::ValueOutOfRange, "series");
    }
    v.throwIfAny();
    Case after = before;
    after.triage = outcome;
    // Taken on by one MDT series, or by none (then any series' agenda may list them).
    after.mdtSeries = outcome == Triage::AcceptedForMdt ? series : MeetingSeriesId();
    after.triageNote = reason;
    after.triagedBy = ctx_.actor.userId;
    after.triagedOn = ctx_.clock.today();
    ctx_.commitEdit("triage-referral", before, after);
}

void CaseService::setKeyWorker(const CaseId& id, const ProfessionalId& keyWorker) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    if (!ctx_.store.professional(keyWorker))
        throw DomainError(ErrorCode::NotFound, "keyWorker");
    Case after = before;
    after.keyWorker = keyWorker;
    ctx_.commitEdit("set-key-worker", before, after);
}

ConsentId CaseService::recordConsent(const CaseId& id, const OrganisationId& organisation,
                                     ConsentDecision decision, const std::string& legalBasis,
                                     ConsentMethod method) {
    require(ctx_.actor, Operation::EditCase);
    get(id);
    if (!ctx_.store.organisation(organisation))
        throw DomainError(ErrorCode::NotFound, "organisation");
    // One consent row per organisation: a new decision updates it, so the latest stands
    // and the change log keeps the history.
    Consent consent{ConsentId(),       id,         organisation, decision, ctx_.clock.today(),
                    ctx_.actor.userId, legalBasis, method};
    for (const auto& existing : ctx_.store.consents(id)) {
        if (existing.organisationId == organisation) {
            consent.id = existing.id;
            ctx_.commitEdit("record-consent", existing, consent);
            return consent.id;
        }
    }
    consent.id = ctx_.ids.next<ConsentId>();
    ctx_.commitCreate("record-consent", consent);
    return consent.id;
}

ContactId CaseService::addContact(const CaseId& id, Contact contact) {
    require(ctx_.actor, Operation::EditCase);
    get(id);
    Validator v;
    v.require(!contact.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.throwIfAny();
    contact.id = ctx_.ids.next<ContactId>();
    contact.caseId = id;
    ctx_.commitCreate("add-contact", contact);
    return contact.id;
}

CareTeamMemberId CaseService::addToCareTeam(const CaseId& id, const ProfessionalId& professional,
                                            const std::string& teamRole) {
    require(ctx_.actor, Operation::EditCase);
    get(id);
    if (!ctx_.store.professional(professional))
        throw DomainError(ErrorCode::NotFound, "professional");
    CareTeamMember m{ctx_.ids.next<CareTeamMemberId>(), id, professional, teamRole, true};
    ctx_.commitCreate("add-care-team-member", m);
    return m.id;
}

void CaseService::flagForReview(const CaseId& id, bool review) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    Case after = before;
    after.reviewAtNextMeeting = review;
    ctx_.commitEdit("flag-for-review", before, after);
}

void CaseService::close(const CaseId& id, const std::string& reason) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    if (before.status == CaseStatus::Closed)
        throw DomainError(ErrorCode::CaseClosed, "status");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw DomainError(ErrorCode::ReasonRequired, "closedReason");
    Case after = before;
    after.status = CaseStatus::Closed;
    after.closedReason = reason;
    after.closedDate = ctx_.clock.today();
    after.reviewAtNextMeeting = false;
    ctx_.commitEdit("close-case", before, after);
}

void CaseService::reopen(const CaseId& id) {
    require(ctx_.actor, Operation::EditCase);
    Case before = get(id);
    if (before.status != CaseStatus::Closed)
        throw DomainError(ErrorCode::InvalidStatusTransition, "status");
    Case after = before;
    after.status = CaseStatus::Open;
    after.closedReason.clear();
    after.closedDate.reset();
    ctx_.commitEdit("reopen-case", before, after);
}

void CaseService::mergeDuplicate(const CaseId& keep, const CaseId& absorb) {
    require(ctx_.actor, Operation::EditCase);
    if (keep == absorb)
        throw DomainError(ErrorCode::ValueOutOfRange, "absorb");
    Case kept = get(keep);
    Case absorbed = get(absorb);
    if (kept.resident.nhsNumber != absorbed.resident.nhsNumber &&
        !absorbed.resident.identityProvisional())
        throw DomainError(ErrorCode::ValueOutOfRange, "nhsNumber");
    if (kept.status == CaseStatus::Closed || absorbed.status == CaseStatus::Closed)
        throw DomainError(ErrorCode::CaseClosed, "status");
    ChangeSet changes(absorbed.resident.identityProvisional() &&
                              !kept.resident.identityProvisional()
                          ? "merge-provisional-identity"
                          : "merge-duplicate-person");
    const FieldList moved{{"case_id", keep.str()}};
    for (const auto& c : ctx_.store.contacts(absorb))
        changes.update(EntityKind::Contact, c.id.str(), moved);
    for (const auto& c : ctx_.store.consents(absorb))
        changes.update(EntityKind::Consent, c.id.str(), moved);
    for (const auto& m : ctx_.store.careTeam(absorb))
        changes.update(EntityKind::CareTeamMember, m.id.str(), moved);
    for (const auto& p : ctx_.store.carePlans(absorb))
        changes.update(EntityKind::CarePlan, p.id.str(), moved);
    ActionQuery q;
    q.caseId = absorb;
    q.limit = 1000000;
    for (const auto& a : ctx_.store.actions(q))
        changes.update(EntityKind::Action, a.id.str(), moved);
    for (const auto& item : ctx_.store.agendaItemsForCase(absorb))
        changes.update(EntityKind::AgendaItem, item.id.str(), moved);
    Case after = absorbed;
    after.status = CaseStatus::Closed;
    after.closedReason = "Same person as " + kept.resident.displayName() + " (NHS number " +
                         (kept.resident.identityProvisional() ? std::string("not known yet")
                                                              : kept.resident.nhsNumber) +
                         "): merged into record " + keep.str();
    after.closedDate = ctx_.clock.today();
    after.reviewAtNextMeeting = false;
    changes.update(EntityKind::Case, absorb.str(),
                   changedFields(toFields(absorbed), toFields(after)));
    ctx_.commit(changes);
}

std::vector<CaseSummary> CaseService::search(const std::string& text, std::size_t limit) const {
    return ctx_.store.searchCases(text, limit);
}

}  // namespace nmdt
