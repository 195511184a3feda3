#pragma once
// The report command of nmdt-cli: the neighbourhood reports as text, or as CSV files.

#include <iosfwd>

#include "commands.h"
#include "model/report_service.h"

namespace nmdt::cli {

/// Prints every report; with --csv DIR also writes one CSV file per report into DIR.
int runReportCommand(const Invocation& inv, std::ostream& out);
/// Prints a report table with its title, columns aligned.
void printTable(const ReportTable& table, std::ostream& out);

}  // namespace nmdt::cli
