#include "model/csv_table.h"

#include <cctype>

#include <set>

namespace nmdt {

namespace {

bool startsWith(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

/// True if the file is a spreadsheet workbook saved under a .csv name: a zip (xlsx, ods)
/// or an OLE compound document (xls).
bool isWorkbook(std::string_view bytes) {
    return startsWith(bytes, std::string_view("PK\x03\x04", 4)) ||
           startsWith(bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

/// The line (1-based) of the first byte that is not well-formed UTF-8, or 0 if all are.
std::size_t firstLineNotUtf8(std::string_view bytes) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n')
            ++line;
        if (c == 0)
            return line;  // NUL: UTF-16, or not text at all
        std::size_t length = 0;
        std::uint32_t least = 0;
        if (c < 0x80)
            length = 1;
        else if ((c & 0xE0) == 0xC0)
            length = 2, least = 0x80;
        else if ((c & 0xF0) == 0xE0)
            length = 3, least = 0x800;
        else if ((c & 0xF8) == 0xF0)
            length = 4, least = 0x10000;
        else
            return line;
        if (i + length > bytes.size())
            return line;
        std::uint32_t code = length == 1 ? c : c & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            if ((next & 0xC0) != 0x80)
                return line;
            code = (code << 6) | (next & 0x3F);
        }
        if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return line;
        i += length;
    }
    return 0;
}

bool isBlank(const std::vector<std::string>& cells) {
    for (const auto& c : cells)
        if (!trimCell(c).empty())
            return false;
    return true;
}

}  // namespace

std::string trimCell(std::string_view cell) {
    const auto first = cell.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = cell.find_last_not_of(" \t");
    return std::string(cell.substr(first, last - first + 1));
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    const std::string wanted = trimCell(name);
    for (std::size_t i = 0; i < header.size(); ++i)
        if (trimCell(header[i]) == wanted)
            return i;
    return std::nullopt;
}

CsvTable readCsv(std::string_view bytes) {
    if (isWorkbook(bytes))
        throw CsvError{CsvProblem::BinarySpreadsheet, 1};
    if (startsWith(bytes, "\xFF\xFE") || startsWith(bytes, "\xFE\xFF"))
        throw CsvError{CsvProblem::NotUtf8, 1};  // UTF-16 with its byte order mark
    if (startsWith(bytes, "\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    if (auto line = firstLineNotUtf8(bytes))
        throw CsvError{CsvProblem::NotUtf8, line};

    std::vector<CsvRow> records;
    CsvRow current{1, {}};
    std::string cell;
    std::size_t line = 1;
    bool quoted = false;
    bool any = false;  // anything on the current record yet
    std::size_t quoteOpenedOn = 0;
    auto endCell = [&] {
        current.cells.push_back(std::move(cell));
        cell.clear();
    };
    auto endRecord = [&] {
        endCell();
        records.push_back(std::move(current));
        current = CsvRow{line + 1, {}};
        any = false;
    };
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && trimCell(cell).empty()) {
            cell.clear();
            quoted = true;
            quoteOpenedOn = line;
            any = true;
        } else if (c == ',') {
            endCell();
            any = true;
        } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
            continue;  // the '\n' ends the record
        } else if (c == '\n') {
            endRecord();
            ++line;
            current.line = line;
        } else {
            cell.push_back(c);
            any = true;
        }
    }
    if (quoted)
        throw CsvError{CsvProblem::UnclosedQuote, quoteOpenedOn};
    if (any || !cell.empty())
        endRecord();

    CsvTable table;
    auto it = records.begin();
    while (it != records.end() && isBlank(it->cells))
        ++it;
    if (it == records.end())
        throw CsvError{CsvProblem::Empty, 1};
    std::set<std::string> names;
    for (const auto& h : it->cells) {
        const std::string name = trimCell(h);
        if (name.empty())
            throw CsvError{CsvProblem::BlankHeader, it->line};
        if (!names.insert(name).second)
            throw CsvError{CsvProblem::DuplicateHeader, it->line};
        table.header.push_back(name);
    }
    for (++it; it != records.end(); ++it) {
        if (isBlank(it->cells))
            continue;
        if (it->cells.size() != table.header.size())
            throw CsvError{CsvProblem::RaggedRow, it->line};
        table.rows.push_back(std::move(*it));
    }
    return table;
}

std::string headerKey(std::string_view header) {
    std::string out;
    for (char c : header)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

std::optional<std::size_t> findColumn(const CsvTable& table,
                                      std::initializer_list<std::string_view> keys) {
    for (auto key : keys)
        for (std::size_t i = 0; i < table.header.size(); ++i)
            if (headerKey(table.header[i]) == key)
                return i;
    return std::nullopt;
}

std::optional<int> cellDigits(std::string_view cell, std::size_t maxDigits) {
    if (cell.empty() || cell.size() > maxDigits)
        return std::nullopt;
    int n = 0;
    for (char c : cell) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

}  // namespace nmdt
