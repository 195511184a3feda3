#pragma once
// The administrator's commands: create, demo, check, rekey, cases, overdue, changes.

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/change_set.h"

namespace nmdt::cli {

/// A parsed command line: the command, the store path and --name value options.
struct Invocation {
    std::string command;
    std::string store;
    std::map<std::string, std::string> options;

    std::optional<std::string> option(const std::string& name) const;
};

/// Exit codes the CLI returns.
enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kStoreRefused = 3 };

/// Who the CLI acts as: an administrator named after the operating-system user.
Actor cliActor();

/// Parses argv; throws std::invalid_argument with a usage message on bad input.
Invocation parseArguments(const std::vector<std::string>& args);
/// Runs the command, writing results to `out` and problems to `err`.
int run(const Invocation& invocation, std::ostream& out, std::ostream& err);
void printUsage(std::ostream& out);

}  // namespace nmdt::cli
