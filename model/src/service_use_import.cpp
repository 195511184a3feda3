#include "model/service_use_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "model/case_finding_import.h"
#include "model/error.h"
#include "model/nhs_number.h"
#include "model/outcomes.h"

namespace nmdt {

namespace {

/// A column the export must have, with the header names practices' searches give it.
struct WantedColumn {
    std::string_view field;  // the problem's field when it is missing
    std::array<std::string_view, 6> keys;
};
constexpr std::array kColumns{
    WantedColumn{"nhsNumber", {"nhsnumber", "nhsno", "nhs"}},
    WantedColumn{"month", {"month", "period", "monthstarting", "yearmonth"}},
    WantedColumn{"emergencyAttendances",
                 {"aeattendances", "ae", "aandeattendances", "edattendances",
                  "emergencyattendances", "emergencydepartmentattendances"}},
    WantedColumn{
        "emergencyAdmissions",
        {"emergencyadmissions", "unplannedadmissions", "nonelectiveadmissions", "admissions"}},
    WantedColumn{
        "gpContacts",
        {"gpcontacts", "gpappointments", "practicecontacts", "gpconsultations", "consultations"}},
};

std::optional<std::size_t> columnFor(const CsvTable& table, const WantedColumn& wanted) {
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const std::string key = headerKey(table.header[i]);
        for (auto k : wanted.keys)
            if (!k.empty() && key == k)
                return i;
    }
    return std::nullopt;
}

/// A month's count: at most three digits.
std::optional<int> count(const std::string& text) {
    return cellDigits(text, 3);
}

}  // namespace

std::optional<std::string> parseExportMonth(std::string_view raw) {
    const std::string text = trimCell(raw);
    if (isMonth(text))
        return text;
    // "05/2026", "5-2026"
    if (auto slash = text.find_first_of("/-");
        slash != std::string::npos && slash <= 2 && text.size() - slash - 1 == 4) {
        const std::string guess =
            text.substr(slash + 1) + "-" + (slash == 1 ? "0" : "") + text.substr(0, slash);
        if (isMonth(guess))
            return guess;
    }
    // "May 2026", "01/05/2026", "2026-05-01": the first of the month as a date.
    if (auto date = parseExportDate("1 " + text))
        return monthOf(*date);
    if (auto date = parseExportDate(text))
        return monthOf(*date);
    return std::nullopt;
}

std::vector<ServiceUseRow> readServiceUseRows(const CsvTable& table, Date today) {
    Validator v;
    std::array<std::size_t, kColumns.size()> at{};
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
        auto found = columnFor(table, kColumns[i]);
        if (!found)
            v.add(ErrorCode::ColumnMissing, std::string(kColumns[i].field));
        else
            at[i] = *found;
    }
    v.throwIfAny();

    const std::string thisMonth = monthOf(today);
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<ServiceUseRow> out;
    out.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        if (v.count() >= kMaxImportProblems)
            break;
        const std::size_t line = row.line;
        if (std::any_of(row.cells.begin(), row.cells.end(), [](const std::string& c) {
                const std::string t = trimCell(c);
                return !t.empty() && t[0] == '=';
            })) {
            v.add(ErrorCode::FormulaInCell, "", line);
            continue;
        }
        auto cell = [&](std::size_t column) { return trimCell(row.cells[at[column]]); };
        ServiceUseRow r;
        r.line = line;
        const std::string nhs = cell(0);
        if (nhs.empty())
            v.add(ErrorCode::RequiredFieldMissing, "nhsNumber", line);
        else if (auto problem = NhsNumber::check(nhs))
            v.add(*problem, "nhsNumber", line);
        else
            r.nhsNumber = NhsNumber::digitsOf(nhs);

        const std::string month = cell(1);
        if (month.empty())
            v.add(ErrorCode::RequiredFieldMissing, "month", line);
        else if (auto parsed = parseExportMonth(month); !parsed)
            v.add(ErrorCode::DateInvalid, "month", line);
        else if (*parsed > thisMonth || *parsed < "1990-01")
            v.add(ErrorCode::DateOutOfRange, "month", line);
        else
            r.month = *parsed;

        int* counts[] = {&r.emergencyAttendances, &r.emergencyAdmissions, &r.gpContacts};
        for (std::size_t i = 0; i < 3; ++i) {
            const std::string text = cell(2 + i);
            if (auto n = count(text.empty() ? "0" : text))
                *counts[i] = *n;
            else
                v.add(ErrorCode::ValueOutOfRange, std::string(kColumns[2 + i].field), line);
        }
        if (!r.nhsNumber.empty() && !r.month.empty() && !seen.emplace(r.nhsNumber, r.month).second)
            v.add(ErrorCode::DuplicateRow, "month", line);
        out.push_back(std::move(r));
    }
    v.throwIfAny();
    return out;
}

}  // namespace nmdt
