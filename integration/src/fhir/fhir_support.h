#pragma once
// Building blocks shared by the FHIR writers and reader: JSON construction, references,
// codings, this product's code systems and extensions, and UK local times.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "model/calendar.h"

namespace nmdt::integration::fhir {

using Poco::JSON::Array;
using Poco::JSON::Object;

/// Where this product's own code systems and extensions live.
inline const std::string kBase = "https://fhir.neighbourhood-mdt.org";
inline const std::string kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
inline const std::string kOdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
inline const std::string kSnomed = "http://snomed.info/sct";
inline const std::string kMdtConferenceCode = "384682003";
inline const std::string kMdtConferenceDisplay = "Multidisciplinary care conference";

/// kBase + "/CodeSystem/" + name
std::string codeSystem(const std::string& name);
/// kBase + "/StructureDefinition/" + name
std::string extensionUrl(const std::string& name);

Object::Ptr object();
Array::Ptr array();

/// The Bundle entry address of a resource: "urn:uuid:<id>" for UUIDs, else kBase/Type/id.
std::string fullUrlOf(const std::string& resourceType, const std::string& id);
/// {"reference": fullUrlOf(...), "display": ...}
Object::Ptr reference(const std::string& resourceType, const std::string& id,
                      const std::string& display = {});

Object::Ptr coding(const std::string& system, const std::string& code,
                   const std::string& display = {});
/// A CodeableConcept with one coding (and text when given).
Object::Ptr codeable(const std::string& system, const std::string& code,
                     const std::string& display = {}, const std::string& text = {});
Object::Ptr textConcept(const std::string& text);

/// Appends {"url": extensionUrl(name), "value<Type>": value} to `resource.extension`.
void addExtension(Object::Ptr resource, const std::string& name, const std::string& type,
                  const Poco::Dynamic::Var& value);

/// "2026-11-23T09:00:00Z"
std::string instant(Timestamp t);
/// A meeting's local (UK) date and "HH:MM" start as a dateTime with the UK offset of that day:
/// "2026-06-10T14:00:00+01:00".
std::string ukLocalDateTime(Date date, const std::string& hhmm, int addMinutes = 0);
/// Parses a FHIR dateTime/instant back into UK local date and "HH:MM"; nullopt if malformed.
std::optional<std::pair<Date, std::string>> parseUkLocal(const std::string& dateTime);
/// Parses a FHIR instant or dateTime with a time zone; nullopt if malformed.
std::optional<Timestamp> parseInstant(const std::string& text);

}  // namespace nmdt::integration::fhir

namespace nmdt::integration::fhir {
/// A stable UUID for a resource that has no id of its own here (the Patient of a case, a
/// professional's PractitionerRole): the same inputs always give the same id.
std::string derivedId(const std::string& kind, const std::string& ownerId);
}  // namespace nmdt::integration::fhir
