#pragma once
// Use cases about a resident's case: referral into the MDT, demographics, consent,
// the people around them, closure and search.

#include <string>
#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// What a referral into the MDT needs.
struct Referral {
    Resident resident;
    ProfessionalId referredBy;
    OrganisationId referrerOrganisation;
    std::string reason;
    Date date{};
    ProfessionalId keyWorker;
};

/// What a referral carries besides the referral itself, as a front end gathers it.
struct ReferralChoices {
    std::vector<OrganisationId> consentTo;  // organisations the resident agrees to share with
    Urgency urgency = Urgency::Routine;
    NhsNumberKnown nhsNumber = NhsNumberKnown::Yes;
    ConsentMethod consentMethod = ConsentMethod::InPerson;
    std::vector<Contact> contacts;  // carers and next of kin, added in the same change
};

/// Opens, updates, closes and finds cases.
class CaseService {
  public:
    explicit CaseService(ServiceContext context) : ctx_(context) {}

    /// Checks a resident's details; throws DomainError listing every problem. With
    /// `NotYet` the NHS number must be left empty (a provisional identity).
    static void validateResident(const Resident& resident, Date today,
                                 NhsNumberKnown known = NhsNumberKnown::Yes);

    /// Refers a resident into the MDT. Refuses an NHS number that already has a case.
    /// `consentTo`: partner organisations the resident agreed to share with, recorded in
    /// the same change as obtained by the referrer on the referral date. `NotYet` refers
    /// someone without an NHS number under a provisional identity (never blank by accident:
    /// a missing number is refused unless the referrer says it is not known).
    CaseId refer(const Referral& referral, const std::vector<OrganisationId>& consentTo = {},
                 Urgency urgency = Urgency::Routine, NhsNumberKnown known = NhsNumberKnown::Yes,
                 ConsentMethod consentMethod = ConsentMethod::InPerson);
    /// The same, with everything a referral form gathers: consent, urgency, whether the NHS
    /// number is known, how consent was obtained, and carers or next of kin.
    CaseId refer(const Referral& referral, const ReferralChoices& choices);
    /// Records the traced NHS number of a provisional identity. Refuses a number that
    /// another case has (DuplicateNhsNumber): that is the same person, so merge instead.
    void recordNhsNumber(const CaseId& id, const std::string& nhsNumber);
    /// The case that holds an NHS number, if any (to offer a merge).
    std::optional<CaseId> caseWithNhsNumber(const std::string& nhsNumber) const;
    /// The chair's decision on a referral. Signposting and declining need a reason; a case
    /// that is closed cannot be triaged. May be changed later (the log keeps each decision).
    /// `series`: which MDT series takes on a resident accepted for the MDT (empty: any).
    void triage(const CaseId& id, Triage outcome, const std::string& reason,
                const MeetingSeriesId& series = {});
    void updateResident(const CaseId& id, const Resident& resident);
    void setKeyWorker(const CaseId& id, const ProfessionalId& keyWorker);
    /// Records who obtained the decision (the actor), when (today) and how.
    ConsentId recordConsent(const CaseId& id, const OrganisationId& organisation,
                            ConsentDecision decision, const std::string& legalBasis = {},
                            ConsentMethod method = ConsentMethod::InPerson);
    ContactId addContact(const CaseId& id, Contact contact);
    CareTeamMemberId addToCareTeam(const CaseId& id, const ProfessionalId& professional,
                                   const std::string& teamRole);
    void flagForReview(const CaseId& id, bool review);
    void close(const CaseId& id, const std::string& reason);
    void reopen(const CaseId& id);
    /// The same person created twice (two desktops, one NHS number): moves everything of
    /// `absorb` (contacts, consents, care team, plans, actions, agenda items) to `keep`
    /// and closes `absorb` saying where it went, in one change. Only for two open cases
    /// with the same NHS number, or where `absorb` is a provisional identity (no NHS
    /// number) found to be the person `keep` holds; a person confirms it first.
    void mergeDuplicate(const CaseId& keep, const CaseId& absorb);

    std::vector<CaseSummary> search(const std::string& text, std::size_t limit = 50) const;
    Case get(const CaseId& id) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
