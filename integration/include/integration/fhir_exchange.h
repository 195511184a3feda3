#pragma once
// FHIR R4 (UK Core) documents: a case as a Bundle and back, a meeting's outcomes, and the
// audit trail as AuditEvents. Which records may go out is the model's decision
// (ExchangeService); this layer only writes and reads the documents.

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/calendar.h"
#include "model/case_transfer.h"
#include "model/exchange_format.h"

namespace nmdt::integration {

/// A FHIR document that cannot be taken in, with the reason worded for a person.
class FhirError : public ExchangeFormatError {
    using ExchangeFormatError::ExchangeFormatError;
};

/// Bundles larger than this are refused before they are parsed.
inline constexpr std::size_t kMaxBundleBytes = 20u * 1024u * 1024u;

/// The case as a FHIR collection Bundle (Patient, ServiceRequest for the referral,
/// CareTeam, Consent, CarePlan, Condition, Goal, Task, Encounter, Appointment, and the
/// Organization / Practitioner / PractitionerRole entries they refer to). JSON, UTF-8.
std::string caseBundleJson(const CaseTransfer& record, Timestamp now);

/// A meeting's outcomes: the Appointment with attendance, the agenda as a List, one
/// Encounter per case discussed with its decision, and the Tasks the meeting raised.
std::string meetingOutcomesBundleJson(const MeetingOutcomes& outcomes, Timestamp now);

/// Audit entries as a Bundle of AuditEvent resources, each carrying its place in the
/// hash chain so the receiver can check nothing was left out or changed.
std::string auditEventBundleJson(const AuditTransfer& audit, Timestamp now);

/// The outcome measures as one summary MeasureReport: a group per measure, its residents as
/// the initial population, a stratifier per breakdown. A suppressed count is left out and
/// marked "masked" (data-absent-reason); a suppressed score is left out.
std::string outcomeMeasureReportJson(const OutcomeMeasures& measures, Timestamp now);

/// A case read from a Bundle, and the resource types in it that were not used.
struct ReceivedCase {
    CaseTransfer record;
    std::vector<std::string> ignoredResourceTypes;
};

/// Reads a case Bundle. Throws FhirError naming the resource and what is wrong with it:
/// too large, not JSON, not a Bundle, no or several patients, no NHS number, unknown
/// codes, references to resources that are not in the Bundle. NHS number validity is
/// checked by the model on import.
ReceivedCase readCaseBundle(std::string_view json);

/// The FHIR functions above behind the model's ExchangeFormat port.
std::shared_ptr<const ExchangeFormat> makeFhirFormat();

}  // namespace nmdt::integration
