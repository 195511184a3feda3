#pragma once
// FHIR commands of nmdt-cli: export and import a case, export a meeting's outcomes and the
// audit trail.

#include <iosfwd>
#include <set>
#include <string>

#include "commands.h"

namespace nmdt::cli {

const std::set<std::string>& fhirCommands();
/// Runs a FHIR command; store and domain errors are left to the caller to describe.
int runFhirCommand(const Invocation& inv, std::ostream& out);

}  // namespace nmdt::cli
