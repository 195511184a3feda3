#include "model/case_finding_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "model/nhs_number.h"

namespace nmdt {

namespace {

const Date kEarliestBirth{std::chrono::year{1880}, std::chrono::January, std::chrono::day{1}};

struct KnownHeader {
    FoundField field;
    std::string_view key;
};
// The header names EMIS Web, SystmOne and Vision searches (and hand-made sheets) use.
constexpr std::array kKnownHeaders{
    KnownHeader{FoundField::NhsNumber, "nhsnumber"},
    KnownHeader{FoundField::NhsNumber, "nhsno"},
    KnownHeader{FoundField::NhsNumber, "nhs"},
    KnownHeader{FoundField::DateOfBirth, "dateofbirth"},
    KnownHeader{FoundField::DateOfBirth, "dob"},
    KnownHeader{FoundField::DateOfBirth, "birthdate"},
    KnownHeader{FoundField::FamilyName, "surname"},
    KnownHeader{FoundField::FamilyName, "familyname"},
    KnownHeader{FoundField::FamilyName, "lastname"},
    KnownHeader{FoundField::GivenName, "forename"},
    KnownHeader{FoundField::GivenName, "forenames"},
    KnownHeader{FoundField::GivenName, "givenname"},
    KnownHeader{FoundField::GivenName, "firstname"},
    KnownHeader{FoundField::FullName, "name"},
    KnownHeader{FoundField::FullName, "patientname"},
    KnownHeader{FoundField::FullName, "fullname"},
    KnownHeader{FoundField::Sex, "sex"},
    KnownHeader{FoundField::Sex, "gender"},
    KnownHeader{FoundField::Postcode, "postcode"},
    KnownHeader{FoundField::Postcode, "postalcode"},
    KnownHeader{FoundField::PracticeCode, "practicecode"},
    KnownHeader{FoundField::PracticeCode, "odscode"},
    KnownHeader{FoundField::PracticeCode, "registeredpractice"},
    KnownHeader{FoundField::PracticeCode, "usualgpodscode"},
    KnownHeader{FoundField::PracticeCode, "practiceodscode"},
};

bool everyHeaderPresent(const ColumnMapping& mapping, const std::vector<std::string>& header) {
    return std::all_of(mapping.columns.begin(), mapping.columns.end(), [&](const auto& c) {
        return std::find(header.begin(), header.end(), c.second) != header.end();
    });
}

std::string upper(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::optional<int> number(std::string_view text) {
    return cellDigits(text, 4);
}

std::optional<int> monthOf(std::string_view text) {
    static constexpr std::array names{"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    if (auto n = number(text))
        return *n;
    if (text.size() < 3)
        return std::nullopt;
    std::string key;
    for (char c : text.substr(0, 3))
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (std::size_t i = 0; i < names.size(); ++i)
        if (key == names[i])
            return static_cast<int>(i + 1);
    return std::nullopt;
}

/// Splits "SMITH, Jane" (family first, as GP systems print) or "Jane Smith".
void splitFullName(const std::string& full, std::string& family, std::string& given) {
    if (auto comma = full.find(','); comma != std::string::npos) {
        family = trimCell(std::string_view(full).substr(0, comma));
        given = trimCell(std::string_view(full).substr(comma + 1));
        return;
    }
    if (auto space = full.find_last_of(' '); space != std::string::npos) {
        given = trimCell(std::string_view(full).substr(0, space));
        family = trimCell(std::string_view(full).substr(space + 1));
        return;
    }
    family = full;
}

}  // namespace

ColumnMapping proposeMapping(const std::vector<std::string>& header,
                             const std::optional<ColumnMapping>& remembered) {
    if (remembered && !remembered->columns.empty() && everyHeaderPresent(*remembered, header))
        return *remembered;
    ColumnMapping guess;
    for (const auto& known : kKnownHeaders) {
        if (guess.headerFor(known.field))
            continue;
        for (const auto& h : header)
            if (headerKey(h) == known.key) {
                guess.set(known.field, h);
                break;
            }
    }
    // An export with surname and forename columns needs no full name as well.
    if (guess.headerFor(FoundField::FamilyName) && guess.headerFor(FoundField::FullName))
        std::erase_if(guess.columns, [](const auto& c) { return c.first == FoundField::FullName; });
    return guess;
}

std::vector<Problem> mappingProblems(const ColumnMapping& mapping, const CsvTable& table) {
    std::vector<Problem> problems;
    for (const auto& [field, header] : mapping.columns)
        if (!table.column(header))
            problems.push_back({ErrorCode::ColumnMissing, header});
    auto require = [&](FoundField field) {
        if (!mapping.headerFor(field))
            problems.push_back({ErrorCode::ColumnMissing, std::string(codeOf(field))});
    };
    require(FoundField::NhsNumber);
    require(FoundField::DateOfBirth);
    require(FoundField::PracticeCode);
    if (!mapping.headerFor(FoundField::FamilyName) && !mapping.headerFor(FoundField::FullName))
        problems.push_back({ErrorCode::ColumnMissing, std::string(codeOf(FoundField::FamilyName))});
    return problems;
}

std::optional<Date> parseExportDate(std::string_view raw) {
    const std::string text = trimCell(raw);
    if (auto iso = parseIsoDate(text); iso && text.size() == 10 && text[4] == '-')
        return iso;
    std::array<std::string, 3> parts;
    std::size_t part = 0;
    for (char c : text) {
        if (c == '/' || c == '-' || c == ' ' || c == '.') {
            if (++part == 3)
                return std::nullopt;
        } else {
            parts[part].push_back(c);
        }
    }
    if (part != 2)
        return std::nullopt;
    auto day = number(parts[0]);
    auto month = monthOf(parts[1]);
    auto year = number(parts[2]);
    if (!day || !month || !year || parts[2].size() != 4)
        return std::nullopt;
    const Date date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                    std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

Problem problemOf(const CsvError& error) {
    switch (error.problem) {
        case CsvProblem::NotUtf8:
            return {ErrorCode::FileNotUtf8, "", error.line};
        case CsvProblem::BinarySpreadsheet:
            return {ErrorCode::FileIsSpreadsheet, "", error.line};
        case CsvProblem::Empty:
            return {ErrorCode::FileLayout, "empty", error.line};
        case CsvProblem::UnclosedQuote:
            return {ErrorCode::FileLayout, "quote", error.line};
        case CsvProblem::RaggedRow:
            return {ErrorCode::FileLayout, "row-length", error.line};
        case CsvProblem::DuplicateHeader:
            return {ErrorCode::FileLayout, "header-duplicate", error.line};
        case CsvProblem::BlankHeader:
            return {ErrorCode::FileLayout, "header-blank", error.line};
    }
    return {ErrorCode::FileLayout, "", error.line};
}

Sex sexFromExport(std::string_view raw) {
    std::string key = headerKey(raw);
    if (key == "f" || key == "female" || key == "2")
        return Sex::Female;
    if (key == "m" || key == "male" || key == "1")
        return Sex::Male;
    if (key == "i" || key == "indeterminate" || key == "other" || key == "9")
        return Sex::Other;
    return Sex::NotKnown;
}

PreparedRows prepareRows(const CsvTable& table, const ColumnMapping& mapping,
                         std::string_view practiceOdsCode, Date today) {
    Validator v;
    for (const auto& p : mappingProblems(mapping, table))
        v.add(p.code, p.field, p.line);
    v.throwIfAny();

    auto columnOf = [&](FoundField field) -> std::optional<std::size_t> {
        auto header = mapping.headerFor(field);
        return header ? table.column(*header) : std::nullopt;
    };
    const auto nhsColumn = columnOf(FoundField::NhsNumber);
    const auto dobColumn = columnOf(FoundField::DateOfBirth);
    const auto familyColumn = columnOf(FoundField::FamilyName);
    const auto givenColumn = columnOf(FoundField::GivenName);
    const auto fullColumn = columnOf(FoundField::FullName);
    const auto sexColumn = columnOf(FoundField::Sex);
    const auto postcodeColumn = columnOf(FoundField::Postcode);
    const auto practiceColumn = columnOf(FoundField::PracticeCode);

    PreparedRows out;
    std::vector<std::size_t> riskColumns;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const bool mapped = std::any_of(mapping.columns.begin(), mapping.columns.end(),
                                        [&](const auto& c) { return c.second == table.header[i]; });
        if (!mapped) {
            riskColumns.push_back(i);
            out.riskColumns.push_back(table.header[i]);
        }
    }

    const std::string practice = upper(std::string(practiceOdsCode));
    std::unordered_set<std::string> seen;
    seen.reserve(table.rows.size());
    out.entries.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        if (v.count() >= kMaxImportProblems)
            break;
        const std::size_t line = row.line;
        auto cell = [&](std::optional<std::size_t> column) {
            return column ? trimCell(row.cells[*column]) : std::string();
        };
        bool formula = false;
        for (const auto& c : row.cells) {
            const std::string t = trimCell(c);
            if (!t.empty() && t[0] == '=') {
                v.add(ErrorCode::FormulaInCell, "", line);
                formula = true;
                break;
            }
        }
        if (formula)
            continue;

        CaseFindingEntry e;
        e.line = static_cast<int>(line);
        const std::string nhs = cell(nhsColumn);
        if (nhs.empty())
            v.add(ErrorCode::RequiredFieldMissing, "nhsNumber", line);
        else if (auto problem = NhsNumber::check(nhs))
            v.add(*problem, "nhsNumber", line);
        else {
            e.nhsNumber = NhsNumber::digitsOf(nhs);
            if (!seen.insert(e.nhsNumber).second)
                v.add(ErrorCode::DuplicateRow, "nhsNumber", line);
        }

        const std::string dob = cell(dobColumn);
        if (dob.empty())
            v.add(ErrorCode::RequiredFieldMissing, "dateOfBirth", line);
        else if (auto date = parseExportDate(dob); !date)
            v.add(ErrorCode::DateInvalid, "dateOfBirth", line);
        else if (*date < kEarliestBirth || *date > today)
            v.add(ErrorCode::DateOutOfRange, "dateOfBirth", line);
        else
            e.dateOfBirth = *date;

        e.familyName = cell(familyColumn);
        e.givenName = cell(givenColumn);
        if (e.familyName.empty() && fullColumn)
            splitFullName(cell(fullColumn), e.familyName, e.givenName);
        if (e.familyName.empty())
            v.add(ErrorCode::RequiredFieldMissing, "familyName", line);

        e.practiceCode = upper(cell(practiceColumn));
        if (e.practiceCode.empty())
            v.add(ErrorCode::RequiredFieldMissing, "practiceCode", line);
        else if (e.practiceCode != practice)
            v.add(ErrorCode::OtherPractice, "practiceCode", line);

        e.sex = cell(sexColumn);
        e.postcode = upper(cell(postcodeColumn));
        for (auto column : riskColumns)
            e.risk.push_back(trimCell(row.cells[column]));
        out.entries.push_back(std::move(e));
    }
    v.throwIfAny();
    return out;
}

}  // namespace nmdt
