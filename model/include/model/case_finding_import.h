#pragma once
// How a practice's search export becomes the people of a case-finding list: which column
// is which, and every check a row must pass before anything is kept.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/case_finding.h"
#include "model/case_record.h"
#include "model/csv_table.h"
#include "model/error.h"

namespace nmdt {

/// The mapping to offer for a file: the practice's remembered one where every column it
/// names is in this file, otherwise a guess from the usual header names of GP systems'
/// exports ("NHS Number", "Date of Birth", "Surname", "Practice Code").
ColumnMapping proposeMapping(const std::vector<std::string>& header,
                             const std::optional<ColumnMapping>& remembered);

/// The fields a mapping must name: NHS number, date of birth, a name (family name or the
/// full name) and the registered practice.
std::vector<Problem> mappingProblems(const ColumnMapping& mapping, const CsvTable& table);

/// A date as GP systems export it: 1938-03-12, 12/03/1938, 12-03-1938, 12-Mar-1938 or
/// 12 Mar 1938.
std::optional<Date> parseExportDate(std::string_view text);

/// The rows of a file checked and read into entries (ids, list and decision left for the
/// service). Every problem of every row is collected with its line; the rows are returned
/// only if there is none. Checks: a valid NHS number, a real date of birth not in the
/// future nor before 1880, a name, the practice's own ODS code, no NHS number twice, no
/// formula in any cell.
struct PreparedRows {
    std::vector<CaseFindingEntry> entries;
    std::vector<std::string> riskColumns;
};
PreparedRows prepareRows(const CsvTable& table, const ColumnMapping& mapping,
                         std::string_view practiceOdsCode, Date today);

/// At most this many problems are collected from one file (the first ones, by line).
inline constexpr std::size_t kMaxImportProblems = 500;

/// Turns a CSV reading failure into the problem the model reports.
Problem problemOf(const CsvError& error);

/// Sex as GP exports write it ("F", "Female", "M", "Male", "I", "U"); NotKnown otherwise.
Sex sexFromExport(std::string_view text);

}  // namespace nmdt
