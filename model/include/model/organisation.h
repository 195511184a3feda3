#pragma once
// Partner organisations in a neighbourhood and the professionals who work for them.

#include <string>

#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

enum class OrganisationKind { GpPractice, CommunityTrust, MentalHealth, SocialCare, Vcfse, Hub };

template <>
struct EnumCodes<OrganisationKind> {
    static constexpr std::array<std::pair<OrganisationKind, std::string_view>, 6> table{{
        {OrganisationKind::GpPractice, "gp-practice"},
        {OrganisationKind::CommunityTrust, "community-trust"},
        {OrganisationKind::MentalHealth, "mental-health"},
        {OrganisationKind::SocialCare, "social-care"},
        {OrganisationKind::Vcfse, "vcfse"},
        {OrganisationKind::Hub, "neighbourhood-hub"},
    }};
};

/// What a person does in the MDT. The coordinator prepares agendas, triages referrals and
/// takes the minutes while the chair chairs; only the chair agrees care plans.
enum class Role {
    Chair,
    Clinician,
    Navigator,
    PracticeStaff,
    VcfseWorker,
    Administrator,
    Coordinator
};

template <>
struct EnumCodes<Role> {
    static constexpr std::array<std::pair<Role, std::string_view>, 7> table{{
        {Role::Chair, "chair"},
        {Role::Clinician, "clinician"},
        {Role::Navigator, "navigator"},
        {Role::PracticeStaff, "practice-staff"},
        {Role::VcfseWorker, "vcfse-worker"},
        {Role::Administrator, "administrator"},
        {Role::Coordinator, "coordinator"},
    }};
};

/// A partner organisation (GP practice, trust, council team, voluntary group).
struct Organisation {
    OrganisationId id;
    std::string name;
    OrganisationKind kind = OrganisationKind::GpPractice;
    std::string odsCode;  // NHS Organisation Data Service code, where it has one
};

/// A person who works in the MDT on behalf of one organisation.
struct Professional {
    ProfessionalId id;
    std::string name;
    Role role = Role::Navigator;
    OrganisationId organisationId;
    std::string email;
    std::string phone;
    std::string username;      // what they sign in with, the same on every desktop
    std::string registration;  // professional registration (GMC, NMC, HCPC, SWE...), if any
    bool active = true;        // false once they have left: they can no longer sign in
};

}  // namespace nmdt
