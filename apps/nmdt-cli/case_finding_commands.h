#pragma once
// Case-finding commands of nmdt-cli: import a practice's search export as a list, list the
// practice's lists, show a list's people with what the team decided; and tracing: write a
// trace request for residents without an NHS number, read the reply (and record numbers).

#include <iosfwd>
#include <set>
#include <string>

#include "commands.h"

namespace nmdt::cli {

const std::set<std::string>& caseFindingCommands();
/// Runs a case-finding command; store and domain errors are left to the caller to describe.
int runCaseFindingCommand(const Invocation& inv, std::ostream& out);

}  // namespace nmdt::cli
