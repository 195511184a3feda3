#include "outcome_commands.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "cli_support.h"
#include "integration/fhir_exchange.h"
#include "model/nhs_number.h"
#include "model/outcome_report.h"
#include "model/outcome_service.h"
#include "model/utf8_path.h"
#include "report_command.h"

namespace nmdt::cli {

namespace {

// A monthly export for an MDT's residents is small; this stops a wrong file being read.
constexpr std::uintmax_t kMaxExportBytes = 200u * 1024 * 1024;

/// "1 month", "3 months".
std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int outcomes(const Invocation& inv, std::ostream& out) {
    OutcomeBreakdown by = OutcomeBreakdown::Practice;
    if (auto code = inv.option("by")) {
        auto chosen = fromCode<OutcomeBreakdown>(*code);
        if (!chosen)
            throw std::invalid_argument("--by is one of practice, age-band, sex, need-domain");
        by = *chosen;
    }
    auto store = openStore(inv);
    SystemClock clock;
    SeededIdSource ids(0);
    OutcomeReportService service(ServiceContext{*store, clock, ids, cliActor()});
    const auto report = service.build();
    // The terminal is this desktop's screen; files leave it, so theirs are suppressed.
    for (const auto& t : outcomeTables(report, by, Disclosure::Screen))
        printTable(t, out);
    if (auto dir = inv.option("csv")) {
        std::filesystem::create_directories(pathFromUtf8(*dir));
        for (const auto& t : outcomeTables(report, by, Disclosure::Export)) {
            const std::string path = pathToUtf8(pathFromUtf8(*dir) / pathFromUtf8(t.name + ".csv"));
            service.recordTableExport(t.name, path);
            writeWhole(path, toCsv(t));
            out << "Wrote " << path << " (counts under 5 shown as *)\n";
        }
    }
    if (auto to = inv.option("measure-report")) {
        auto measures = service.exportMeasures(report, *to);
        writeWhole(*to, integration::outcomeMeasureReportJson(measures, clock.now()));
        out << "Wrote " << *to << ": a FHIR MeasureReport of " << measures.measures.size()
            << " measures (counts under 5 masked)\n";
    }
    return kOk;
}

int scoreOption(const Invocation& inv, const std::string& name) {
    const std::string text = required(inv, name);
    try {
        std::size_t used = 0;
        int value = std::stoi(text, &used);
        if (used == text.size())
            return value;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("--" + name + " takes a whole number from 0 to 10");
}

int wellbeingRecord(const Invocation& inv, std::ostream& out) {
    const std::string nhs = required(inv, "nhs-number");
    WellbeingScore score;
    score.lifeSatisfaction = scoreOption(inv, "life-satisfaction");
    score.worthwhile = scoreOption(inv, "worthwhile");
    score.happiness = scoreOption(inv, "happiness");
    score.anxiety = scoreOption(inv, "anxiety");
    if (auto code = inv.option("occasion")) {
        auto occasion = fromCode<WellbeingOccasion>(*code);
        if (!occasion)
            throw std::invalid_argument("--occasion is referral or review");
        score.occasion = *occasion;
    }
    auto store = openStore(inv);
    SystemClock clock;
    score.recordedOn = clock.today();
    if (auto date = inv.option("date")) {
        auto parsed = parseIsoDate(*date);
        if (!parsed)
            throw std::invalid_argument("--date takes YYYY-MM-DD");
        score.recordedOn = *parsed;
    }
    auto theCase = store->caseByNhsNumber(NhsNumber::digitsOf(nhs));
    if (!theCase)
        throw std::invalid_argument("no resident here has the NHS number " + nhs);
    score.caseId = theCase->id;
    auto ids = makeRandomIdSource();
    OutcomeService(ServiceContext{*store, clock, *ids, cliActor()}).recordWellbeing(score);
    out << "Recorded the wellbeing score of " << theCase->resident.displayName() << " ("
        << codeOf(score.occasion) << ", " << toIsoDate(score.recordedOn) << ").\n";
    return kOk;
}

int serviceUseImport(const Invocation& inv, std::ostream& out) {
    const std::string from = required(inv, "from");
    std::error_code ec;
    const auto size = std::filesystem::file_size(pathFromUtf8(from), ec);
    if (ec)
        throw std::invalid_argument("cannot read " + from);
    if (size > kMaxExportBytes)
        throw std::invalid_argument(from +
                                    " is larger than 200 MB; it is not a service-use export");
    std::string bytes;
    {
        std::ifstream in(pathFromUtf8(from), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto store = openStore(inv);
    SystemClock clock;
    auto ids = makeRandomIdSource();
    auto result = OutcomeService(ServiceContext{*store, clock, *ids, cliActor()})
                      .importServiceUse(bytes, pathToUtf8(pathFromUtf8(from).filename()));
    out << "Imported " << counted(result.months, "month", "months") << " for "
        << counted(result.residents, "resident", "residents");
    if (result.replaced)
        out << " (" << result.replaced << " replaced months imported before)";
    out << ".\n";
    if (result.notHeld)
        out << counted(result.notHeld, "row was", "rows were")
            << " for people the team does not support here; not kept.\n";
    out << "Service use stays on this desktop; it is never synced.\n";
    return kOk;
}

}  // namespace

const std::set<std::string>& outcomeCommands() {
    static const std::set<std::string> commands{"outcomes", "wellbeing-record",
                                                "service-use-import"};
    return commands;
}

int runOutcomeCommand(const Invocation& inv, std::ostream& out) {
    if (inv.command == "outcomes")
        return outcomes(inv, out);
    if (inv.command == "wellbeing-record")
        return wellbeingRecord(inv, out);
    return serviceUseImport(inv, out);
}

}  // namespace nmdt::cli
