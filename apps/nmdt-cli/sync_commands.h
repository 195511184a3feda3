#pragma once
// Sync commands of nmdt-cli (enrolment, sync, status, conflicts).

#include <iosfwd>
#include <set>
#include <string>

#include "commands.h"

namespace nmdt::cli {

const std::set<std::string>& syncCommands();
/// Runs a sync command; store and domain errors are left to the caller to describe.
int runSyncCommand(const Invocation& inv, std::ostream& out, std::ostream& err);

}  // namespace nmdt::cli
