#pragma once
// A case: the resident the MDT is supporting, how they were referred, who holds the case,
// the people around them and the consent they gave to share their information.

#include <optional>
#include <string>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

enum class CaseStatus { Open, Closed };

template <>
struct EnumCodes<CaseStatus> {
    static constexpr std::array<std::pair<CaseStatus, std::string_view>, 2> table{{
        {CaseStatus::Open, "open"},
        {CaseStatus::Closed, "closed"},
    }};
};

/// How soon the referral needs the team.
enum class Urgency { Routine, Urgent };

template <>
struct EnumCodes<Urgency> {
    static constexpr std::array<std::pair<Urgency, std::string_view>, 2> table{{
        {Urgency::Routine, "routine"},
        {Urgency::Urgent, "urgent"},
    }};
};

/// What the chair decided about a referral: whether the MDT takes it, someone else does,
/// or it is declined.
enum class Triage {
    Pending,            // not triaged yet
    AcceptedForMdt,     // the MDT discusses and plans with the resident
    NavigatorOnly,      // a care navigator supports them without the MDT
    SocialPrescribing,  // social prescribing only
    Signposted,         // pointed to another service; the reason says which
    Declined,           // not for the team; the reason says why
};

template <>
struct EnumCodes<Triage> {
    static constexpr std::array<std::pair<Triage, std::string_view>, 6> table{{
        {Triage::Pending, "pending"},
        {Triage::AcceptedForMdt, "accepted-mdt"},
        {Triage::NavigatorOnly, "navigator-only"},
        {Triage::SocialPrescribing, "social-prescribing"},
        {Triage::Signposted, "signposted"},
        {Triage::Declined, "declined"},
    }};
};

/// Sex as the person's record states it (FHIR administrative gender), for the outcome
/// reports by sex and the tracing service; not known until someone records it.
enum class Sex { NotKnown, Female, Male, Other };

template <>
struct EnumCodes<Sex> {
    static constexpr std::array<std::pair<Sex, std::string_view>, 4> table{{
        {Sex::NotKnown, "unknown"},
        {Sex::Female, "female"},
        {Sex::Male, "male"},
        {Sex::Other, "other"},
    }};
};

/// Whether a referral comes with the resident's NHS number. People without one (homeless,
/// newly arrived, some Gypsy, Roma and Traveller residents) are referred with a
/// provisional identity: no number until it is traced and recorded, or the record merged.
enum class NhsNumberKnown { Yes, NotYet };

/// The person at the centre of a case.
struct Resident {
    std::string nhsNumber;  // ten digits, validated on the way in; empty while provisional
    std::string givenName;
    std::string familyName;
    Date dateOfBirth{};
    std::string address;
    std::string postcode;
    std::string phone;
    std::string email;
    std::string preferredLanguage;
    std::string communicationNeeds;     // e.g. "BSL interpreter", "large print"
    OrganisationId registeredPractice;  // the GP practice they are registered with, if known
    Sex sex = Sex::NotKnown;

    std::string displayName() const { return familyName + ", " + givenName; }
    /// True while no NHS number has been recorded (identity not yet verified).
    bool identityProvisional() const { return nhsNumber.empty(); }
};

/// A resident referred into the MDT, from referral to closure.
struct Case {
    CaseId id;
    Resident resident;
    ProfessionalId referredBy;
    OrganisationId referrerOrganisation;
    std::string referralReason;
    Date referralDate{};
    ProfessionalId keyWorker;
    CaseStatus status = CaseStatus::Open;
    std::string closedReason;
    std::optional<Date> closedDate;
    bool reviewAtNextMeeting = false;  // the chair asked for it to come back
    Timestamp createdAt{};
    Urgency urgency = Urgency::Routine;
    Triage triage = Triage::Pending;
    std::string triageNote;  // why (required to signpost or decline)
    ProfessionalId triagedBy;
    std::optional<Date> triagedOn;
    /// Which MDT series discusses the resident (set when accepted for the MDT); empty: any
    /// series' agenda may take them.
    MeetingSeriesId mdtSeries;
};

/// Enough of a case to list and find it.
struct CaseSummary {
    CaseId id;
    std::string nhsNumber;
    std::string givenName;
    std::string familyName;
    Date dateOfBirth{};
    std::string postcode;
    CaseStatus status = CaseStatus::Open;
};

/// A carer, relative or next of kin.
struct Contact {
    ContactId id;
    CaseId caseId;
    std::string name;
    std::string relationship;
    std::string phone;
    bool isCarer = false;
    bool isNextOfKin = false;
};

enum class ConsentDecision { Permit, Deny };

template <>
struct EnumCodes<ConsentDecision> {
    static constexpr std::array<std::pair<ConsentDecision, std::string_view>, 2> table{{
        {ConsentDecision::Permit, "permit"},
        {ConsentDecision::Deny, "deny"},
    }};
};

/// How a consent decision was obtained (who and when are recorded beside it).
enum class ConsentMethod { InPerson, InWriting, ByPhone, Representative };

template <>
struct EnumCodes<ConsentMethod> {
    static constexpr std::array<std::pair<ConsentMethod, std::string_view>, 4> table{{
        {ConsentMethod::InPerson, "in-person"},
        {ConsentMethod::InWriting, "in-writing"},
        {ConsentMethod::ByPhone, "by-phone"},
        {ConsentMethod::Representative, "representative"},  // LPA, deputy or advocate
    }};
};

/// The resident's decision about sharing with one partner organisation.
struct Consent {
    ConsentId id;
    CaseId caseId;
    OrganisationId organisationId;
    ConsentDecision decision = ConsentDecision::Permit;
    Date recordedOn{};
    ProfessionalId recordedBy;
    std::string legalBasis;  // where sharing rests on a basis other than consent
    ConsentMethod method = ConsentMethod::InPerson;
};

/// A professional in the resident's care team.
struct CareTeamMember {
    CareTeamMemberId id;
    CaseId caseId;
    ProfessionalId professionalId;
    std::string teamRole;  // e.g. "key worker", "district nurse"
    bool active = true;
};

}  // namespace nmdt
