#pragma once
// Outcome commands of nmdt-cli: the outcome reports (as text, CSV files and a FHIR
// MeasureReport, small numbers suppressed in every file), a resident's wellbeing score, and
// a practice's service-use import.

#include <iosfwd>
#include <set>
#include <string>

#include "commands.h"

namespace nmdt::cli {

const std::set<std::string>& outcomeCommands();
/// Runs an outcome command; store and domain errors are left to the caller to describe.
int runOutcomeCommand(const Invocation& inv, std::ostream& out);

}  // namespace nmdt::cli
