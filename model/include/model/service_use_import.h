#pragma once
// Reads a practice's monthly service-use export: finds its columns by their usual header
// names and checks every row, collecting each problem with its line.

#include <string>
#include <vector>

#include "model/calendar.h"
#include "model/csv_table.h"

namespace nmdt {

/// One checked row: whose, which month, and the three counts.
struct ServiceUseRow {
    std::size_t line = 0;
    std::string nhsNumber;  // ten digits
    std::string month;      // "2026-05"
    int emergencyAttendances = 0;
    int emergencyAdmissions = 0;
    int gpContacts = 0;
};

/// Every row of `table` checked: the five columns present, a valid NHS number, a month
/// ("2026-05", "05/2026", "May 2026" or a date in it) not after `today`'s, whole counts 0 to
/// 999, no NHS number and month twice, no formula. Throws DomainError with every problem.
std::vector<ServiceUseRow> readServiceUseRows(const CsvTable& table, Date today);

/// "2026-05" from the ways exports write a month; nothing if it is not one.
std::optional<std::string> parseExportMonth(std::string_view text);

}  // namespace nmdt
