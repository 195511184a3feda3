#pragma once
// Reads a comma-separated file (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes) into a header and rows, refusing what is not plain UTF-8 text with one header.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmdt {

/// One data row of a CSV file, with the line of the file it starts on (the header is line 1).
struct CsvRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

/// A CSV file as read: its header cells and its data rows (blank lines left out).
struct CsvTable {
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    /// The position of the header cell named `name` (matched as written, trimmed).
    std::optional<std::size_t> column(std::string_view name) const;
};

/// Why a file could not be read as CSV.
enum class CsvProblem {
    Empty,              // no header line
    NotUtf8,            // bytes that are not UTF-8 (another encoding: Windows-1252, UTF-16)
    BinarySpreadsheet,  // a workbook (xlsx, xls, ods) rather than a CSV export
    UnclosedQuote,      // a quoted field runs to the end of the file
    RaggedRow,          // a row with more or fewer cells than the header
    DuplicateHeader,    // two columns with the same name
    BlankHeader,        // a column with no name
};

/// Thrown by readCsv: what is wrong and on which line of the file.
struct CsvError {
    CsvProblem problem;
    std::size_t line = 0;
};

/// Reads `bytes` as CSV. A UTF-8 byte order mark is skipped; CRLF and LF both end lines.
/// Throws CsvError at the first problem; nothing is returned from a file it refuses.
CsvTable readCsv(std::string_view bytes);

/// Trims spaces and tabs from both ends.
std::string trimCell(std::string_view cell);

/// A header as exports vary it, reduced to lower-case letters and digits: "NHS No.",
/// "nhs_no" and "NHS NO" all give "nhsno".
std::string headerKey(std::string_view header);
/// A cell of at most `maxDigits` ASCII digits as a number; anything else (a sign, a
/// decimal point, a space, a formula) is not one.
std::optional<int> cellDigits(std::string_view cell, std::size_t maxDigits);
/// The first column whose headerKey is one of `keys`, trying the keys in order.
std::optional<std::size_t> findColumn(const CsvTable& table,
                                      std::initializer_list<std::string_view> keys);

}  // namespace nmdt
