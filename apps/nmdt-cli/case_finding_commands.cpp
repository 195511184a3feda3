// The case-finding commands of nmdt-cli. The list stays in the store it is imported into;
// nothing here writes it anywhere else.
#include "case_finding_commands.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "cli_support.h"
#include "model/case_finding_service.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "model/nhs_tracing.h"
#include "model/utf8_path.h"

namespace nmdt::cli {

namespace {

// A search export is a few MB; this stops a wrong file (a backup, a video) being read whole.
constexpr std::uintmax_t kMaxExportBytes = 200u * 1024 * 1024;

std::string readExport(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(pathFromUtf8(path), ec);
    if (ec)
        throw std::invalid_argument("cannot read " + path);
    if (size > kMaxExportBytes)
        throw std::invalid_argument(path + " is larger than 200 MB; it is not a search export");
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// "--map nhs_number=NHS No;date_of_birth=DOB" over the proposed mapping.
ColumnMapping mappingFrom(const Invocation& inv, ColumnMapping proposed) {
    auto text = inv.option("map");
    if (!text)
        return proposed;
    std::size_t start = 0;
    while (start <= text->size()) {
        auto end = text->find(';', start);
        if (end == std::string::npos)
            end = text->size();
        const std::string pair = text->substr(start, end - start);
        start = end + 1;
        if (pair.empty())
            continue;
        auto eq = pair.find('=');
        auto field = eq == std::string::npos ? std::nullopt
                                             : fromCode<FoundField>(trimCell(pair.substr(0, eq)));
        if (!field)
            throw std::invalid_argument(
                "--map takes FIELD=HEADER pairs separated by ';', FIELD one of nhs_number, "
                "date_of_birth, family_name, given_name, full_name, sex, postcode, practice_code");
        proposed.set(*field, trimCell(pair.substr(eq + 1)));
    }
    return proposed;
}

std::string describeMapping(const ColumnMapping& mapping) {
    std::string out;
    for (const auto& [field, header] : mapping.columns)
        out += (out.empty() ? "" : "; ") + std::string(codeOf(field)) + "=" + header;
    return out;
}

int importList(const Invocation& inv, std::ostream& out) {
    const std::string from = required(inv, "from");
    const std::string bytes = readExport(from);
    auto store = openStore(inv);
    SystemClock clock;
    auto ids = makeRandomIdSource();
    CaseFindingService service(ServiceContext{*store, clock, *ids, cliActor()});
    std::vector<std::string> header;
    try {
        header = readCsv(bytes).header;
    } catch (const CsvError& e) {
        throw DomainError({problemOf(e)});
    }
    const ColumnMapping mapping =
        mappingFrom(inv, proposeMapping(header, service.rememberedMapping()));
    const std::string stem = pathToUtf8(pathFromUtf8(from).stem());
    const std::string title = inv.option("title").value_or(stem);
    auto result =
        service.importList({title, pathToUtf8(pathFromUtf8(from).filename()), bytes, mapping});
    out << "Imported " << result.people << " people from " << from << " as \"" << title
        << "\" (list " << result.list.str() << "); " << result.known
        << (result.known == 1 ? " already has" : " already have") << " a case here.\n";
    if (result.objected > 0)
        out << result.objected << (result.objected == 1 ? " of them has" : " of them have")
            << " objected to sharing on an earlier list: recorded as objecting on this one, "
               "not to be referred.\n";
    out << "Columns read as: " << describeMapping(mapping)
        << "\nThe list stays on this desktop; it is never synced.\n";
    return kOk;
}

int showLists(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    const Actor actor = cliActor();
    auto lists = store->caseFindingLists(actor.organisationId);
    if (lists.empty()) {
        out << "No case-finding lists for your organisation on this desktop.\n";
        return kOk;
    }
    for (const auto& l : lists) {
        auto pending = store->screeningRows({l.id, ScreeningDecision::Pending}).size();
        out << l.id.str() << "  " << toIsoDate(dateOf(l.importedAt)) << "  " << l.rowCount
            << " people, " << store->knownOnList(l.id) << " known, " << pending << " not screened  "
            << l.title << "\n";
    }
    return kOk;
}

int showList(const Invocation& inv, std::ostream& out) {
    const std::string wanted = required(inv, "list");
    auto store = openStore(inv);
    auto list = store->caseFindingList(CaseFindingListId(wanted));
    if (!list || list->organisationId != cliActor().organisationId)
        throw std::invalid_argument("no case-finding list of your organisation has the id " +
                                    wanted);
    std::optional<ScreeningDecision> decision;
    if (auto code = inv.option("decision")) {
        decision = fromCode<ScreeningDecision>(*code);
        if (!decision)
            throw std::invalid_argument(
                "--decision is one of pending, referred, review-later, not-suitable, objected");
    }
    for (const auto& r : store->screeningRows({list->id, decision})) {
        const auto& e = r.entry;
        out << "line " << e.line << "  " << formatNhsNumber(e.nhsNumber) << "  "
            << toIsoDate(e.dateOfBirth) << "  " << e.familyName << ", " << e.givenName << "  "
            << codeOf(e.decision);
        if (e.reviewOn)
            out << " " << toIsoDate(*e.reviewOn);
        if (!r.knownCase.empty())
            out << "  known (" << r.knownStatus << ")";
        for (std::size_t i = 0; i < e.risk.size() && i < list->riskColumns.size(); ++i)
            out << "  " << list->riskColumns[i] << ": " << e.risk[i];
        out << "\n";
    }
    return kOk;
}

int traceRequest(const Invocation& inv, std::ostream& out) {
    const std::string to = required(inv, "to");
    if (std::filesystem::exists(pathFromUtf8(to)))
        throw std::invalid_argument("a file already exists at " + to + "; choose a new name");
    auto store = openStore(inv);
    SystemClock clock;
    SeededIdSource ids(0);
    auto request = TracingService(ServiceContext{*store, clock, ids, cliActor()}).writeRequest(to);
    writeWhole(to, request.csv);
    out << "Wrote " << to << ": " << request.residents
        << " residents without an NHS number, for an NHS partner to trace (PDS MESH format).\n"
           "It names people: send it only by the partner's secure route.\n";
    return kOk;
}

const char* nextStep(TraceOutcome outcome) {
    switch (outcome) {
        case TraceOutcome::Traced:
            return "traced: record it after checking with the resident (--record)";
        case TraceOutcome::HeldByAnother:
            return "another record here holds it: the same person? merge in the desktop";
        case TraceOutcome::BornDifferently:
            return "the service has another date of birth: check by hand";
        case TraceOutcome::NoMatch:
            return "not found";
        case TraceOutcome::AlreadyRecorded:
            return "already has an NHS number";
    }
    return "";
}

int traceReply(const Invocation& inv, std::ostream& out) {
    const std::string from = required(inv, "from");
    const std::string bytes = readExport(from);
    auto store = openStore(inv);
    SystemClock clock;
    auto ids = makeRandomIdSource();
    const ServiceContext ctx{*store, clock, *ids, cliActor()};
    const bool record = inv.option("record").has_value();
    std::size_t recorded = 0;
    for (const auto& f : TracingService(ctx).readReply(bytes)) {
        auto theCase = store->caseById(f.caseId);
        out << "line " << f.line << "  " << (theCase ? theCase->resident.displayName() : "") << "  "
            << (f.nhsNumber.empty() ? std::string("-") : formatNhsNumber(f.nhsNumber)) << "  "
            << nextStep(f.outcome);
        if (record && f.outcome == TraceOutcome::Traced) {
            CaseService(ctx).recordNhsNumber(f.caseId, f.nhsNumber);
            out << "  -> recorded";
            ++recorded;
        }
        out << "\n";
    }
    if (record)
        out << recorded << " NHS numbers recorded.\n";
    return kOk;
}

}  // namespace

const std::set<std::string>& caseFindingCommands() {
    static const std::set<std::string> commands{"case-finding-import", "case-finding-lists",
                                                "case-finding-show", "trace-request",
                                                "trace-reply"};
    return commands;
}

int runCaseFindingCommand(const Invocation& inv, std::ostream& out) {
    if (inv.command == "case-finding-import")
        return importList(inv, out);
    if (inv.command == "case-finding-lists")
        return showLists(inv, out);
    if (inv.command == "trace-request")
        return traceRequest(inv, out);
    if (inv.command == "trace-reply")
        return traceReply(inv, out);
    return showList(inv, out);
}

}  // namespace nmdt::cli
