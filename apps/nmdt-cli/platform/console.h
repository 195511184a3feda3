#pragma once
// The CLI's contact with the operating system: its arguments, environment and console, all
// as UTF-8. One implementation file per platform; nothing else in the CLI is platform code.

#include <optional>
#include <string>
#include <vector>

namespace nmdt::cli::console {

/// The program's arguments after its name, in UTF-8 (on Windows read from the wide command
/// line, so a store path in any script is passed through whole).
std::vector<std::string> arguments(int argc, char** argv);

/// An environment variable's value in UTF-8, or nothing when unset or empty.
std::optional<std::string> environment(const char* name);

/// Removes a variable from the program's environment, overwriting its value first where
/// the platform lets us, so nothing started later inherits a secret.
void forgetEnvironment(const char* name);

/// Whether people other than the file's owner may read or change it (POSIX group or other
/// permission bits). Always false on Windows, where access is by access control list and a
/// user's own folders are private to them.
bool othersMayRead(const std::string& utf8Path);

/// The login name of whoever runs the program, or nothing.
std::optional<std::string> userName();

/// Prompts on the console with echo off and reads one line in UTF-8; nothing when there is
/// no console to ask (input redirected, no terminal).
std::optional<std::string> promptHidden(const char* prompt);

/// Makes text written to the console read as UTF-8 (names with accents, other scripts).
void useUtf8Output();

}  // namespace nmdt::cli::console
