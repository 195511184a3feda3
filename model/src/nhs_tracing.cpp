#include "model/nhs_tracing.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "model/case_finding_import.h"
#include "model/csv_table.h"
#include "model/nhs_number.h"
#include "model/permissions.h"

namespace nmdt {

namespace {

/// A CSV cell never starts a formula in the spreadsheet the partner may open it in.
std::string cell(const std::string& text) {
    std::string value = text;
    if (!value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    return quoted + "\"";
}

std::string compactDate(Date d) {
    std::string iso = toIsoDate(d);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    return iso;
}

std::optional<Date> replyDate(const std::string& text) {
    if (text.size() >= 8 &&
        std::all_of(text.begin(), text.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }))
        return parseIsoDate(text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2));
    return parseExportDate(text);
}

}  // namespace

TraceRequest TracingService::writeRequest(const std::string& destination) {
    require(ctx_.actor, Operation::ExchangeRecords);
    TraceRequest out;
    out.csv = "UNIQUE REFERENCE,NHS_NO,FAMILY_NAME,GIVEN_NAME,GENDER,DATE_OF_BIRTH,POSTCODE\r\n";
    const std::size_t total = ctx_.store.caseCount();
    for (std::size_t offset = 0; offset < total; offset += 5000)
        for (const auto& summary : ctx_.store.casePage(offset, 5000)) {
            if (!summary.nhsNumber.empty() || summary.status != CaseStatus::Open)
                continue;
            // The PDS gender codes: 0 not known, 1 male, 2 female, 9 not specified.
            const auto full = ctx_.store.caseById(summary.id);
            const Sex sex = full ? full->resident.sex : Sex::NotKnown;
            const char* gender = sex == Sex::Male     ? "1"
                                 : sex == Sex::Female ? "2"
                                 : sex == Sex::Other  ? "9"
                                                      : "0";
            out.csv += cell(summary.id.str()) + ",," + cell(summary.familyName) + "," +
                       cell(summary.givenName) + "," + gender + "," +
                       compactDate(summary.dateOfBirth) + "," + cell(summary.postcode) + "\r\n";
            ++out.residents;
        }
    ctx_.commit(ChangeSet::auditOnly(
        {AuditEventKind::ExportTrace, "cases",
         std::to_string(out.residents) + " residents without an NHS number, to " + destination}));
    return out;
}

std::vector<TraceFinding> TracingService::readReply(std::string_view bytes) const {
    require(ctx_.actor, Operation::ExchangeRecords);
    CsvTable table;
    try {
        table = readCsv(bytes);
    } catch (const CsvError& e) {
        throw DomainError({problemOf(e)});
    }
    // "UNIQUE REFERENCE", "Unique_Reference" and "unique reference" are one column.
    const auto reference = findColumn(table, {"uniquereference"});
    const auto number = findColumn(table, {"matchednhsno", "nhsno", "nhsnumber"});
    const auto born = findColumn(table, {"dateofbirth"});
    Validator v;
    if (!reference)
        v.add(ErrorCode::ColumnMissing, "UNIQUE REFERENCE");
    if (!number)
        v.add(ErrorCode::ColumnMissing, "NHS_NO");
    v.throwIfAny();

    std::vector<TraceFinding> out;
    for (const auto& row : table.rows) {
        if (v.count() >= kMaxImportProblems)
            break;
        TraceFinding f;
        f.line = row.line;
        const std::string id = trimCell(row.cells[*reference]);
        auto theCase = id.empty() ? std::nullopt : ctx_.store.caseById(CaseId(id));
        if (!theCase) {
            v.add(ErrorCode::ReferenceMismatch, "reference", row.line);
            continue;
        }
        f.caseId = theCase->id;
        const std::string found = trimCell(row.cells[*number]);
        if (!found.empty()) {
            if (auto problem = NhsNumber::check(found)) {
                v.add(*problem, "nhsNumber", row.line);
                continue;
            }
            f.nhsNumber = NhsNumber::digitsOf(found);
        }
        if (!theCase->resident.identityProvisional())
            f.outcome = TraceOutcome::AlreadyRecorded;
        else if (f.nhsNumber.empty())
            f.outcome = TraceOutcome::NoMatch;
        else if (auto date = born ? replyDate(trimCell(row.cells[*born])) : std::nullopt;
                 born && date != theCase->resident.dateOfBirth)
            f.outcome = TraceOutcome::BornDifferently;
        else if (auto other = ctx_.store.caseByNhsNumber(f.nhsNumber)) {
            // The record holding the number must be the same person by birth too, or the
            // merge offered would join two people.
            f.outcome = other->resident.dateOfBirth == theCase->resident.dateOfBirth
                            ? TraceOutcome::HeldByAnother
                            : TraceOutcome::BornDifferently;
            f.heldBy = other->id;
        } else
            f.outcome = TraceOutcome::Traced;
        out.push_back(std::move(f));
    }
    v.throwIfAny();
    return out;
}

}  // namespace nmdt
