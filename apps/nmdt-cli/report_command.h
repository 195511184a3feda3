#pragma once
// The report command of nmdt-cli: the neighbourhood reports as text, or as CSV files.

#include <iosfwd>

#include "commands.h"

namespace nmdt::cli {

/// Prints every report; with --csv DIR also writes one CSV file per report into DIR.
int runReportCommand(const Invocation& inv, std::ostream& out);

}  // namespace nmdt::cli
