#pragma once
// Where the CLI gets passphrases: a file, an environment variable, or a terminal prompt
// with echo off. Never a command-line argument, which `ps` would show.

#include <optional>
#include <string>

#include "model/passphrase.h"

namespace nmdt::cli {

/// Sources tried in order: `file` if given, then the environment variable `envName`, then
/// a prompt on the controlling terminal. Throws std::runtime_error if none is available.
Passphrase readPassphrase(const std::optional<std::string>& file, const char* envName,
                          const char* prompt);

}  // namespace nmdt::cli
