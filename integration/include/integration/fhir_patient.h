#pragma once
// FHIR R4 (UK Core) rendering of a resident: the first piece of the exchange layer, which
// issue 5 grows into full Bundles (CarePlan, Goal, Task, CareTeam, Consent, Encounter).

#include <string>

#include "model/case_record.h"

namespace nmdt::integration {

/// The NHS number identifier system used by UK Core.
inline constexpr const char* kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
inline constexpr const char* kUkCorePatientProfile =
    "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";

/// The case's resident as a UK Core Patient resource, JSON text (UTF-8).
std::string patientResourceJson(const Case& theCase);

}  // namespace nmdt::integration
