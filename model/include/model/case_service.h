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

/// Opens, updates, closes and finds cases.
class CaseService {
  public:
    explicit CaseService(ServiceContext context) : ctx_(context) {}

    /// Checks a resident's details; throws DomainError listing every problem.
    static void validateResident(const Resident& resident, Date today);

    /// Refers a resident into the MDT. Refuses an NHS number that already has a case.
    /// `consentTo`: partner organisations the resident agreed to share with, recorded in
    /// the same change as obtained by the referrer on the referral date.
    CaseId refer(const Referral& referral, const std::vector<OrganisationId>& consentTo = {},
                 Urgency urgency = Urgency::Routine);
    /// The chair's decision on a referral. Signposting and declining need a reason; a case
    /// that is closed cannot be triaged. May be changed later (the log keeps each decision).
    void triage(const CaseId& id, Triage outcome, const std::string& reason);
    void updateResident(const CaseId& id, const Resident& resident);
    void setKeyWorker(const CaseId& id, const ProfessionalId& keyWorker);
    ConsentId recordConsent(const CaseId& id, const OrganisationId& organisation,
                            ConsentDecision decision, const std::string& legalBasis = {});
    ContactId addContact(const CaseId& id, Contact contact);
    CareTeamMemberId addToCareTeam(const CaseId& id, const ProfessionalId& professional,
                                   const std::string& teamRole);
    void flagForReview(const CaseId& id, bool review);
    void close(const CaseId& id, const std::string& reason);
    void reopen(const CaseId& id);
    /// The same person created twice (two desktops, one NHS number): moves everything of
    /// `absorb` (contacts, consents, care team, plans, actions, agenda items) to `keep`
    /// and closes `absorb` saying where it went, in one change. Only for two open cases
    /// with the same NHS number; a person confirms it first.
    void mergeDuplicate(const CaseId& keep, const CaseId& absorb);

    std::vector<CaseSummary> search(const std::string& text, std::size_t limit = 50) const;
    Case get(const CaseId& id) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
