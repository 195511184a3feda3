#pragma once
// nmdt-cli's commands about people and sign-in: set up a new store for an organisation and
// its first administrator, set or reset someone's passphrase, record a leaver, and open a
// store with its recovery key.

#include <iosfwd>
#include <set>
#include <string>

#include "commands.h"

namespace nmdt::cli {

/// The command names this file handles.
const std::set<std::string>& peopleCommands();
int runPeopleCommand(const Invocation& inv, std::ostream& out);

}  // namespace nmdt::cli
