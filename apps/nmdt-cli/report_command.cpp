#include "report_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "cli_support.h"
#include "model/report_service.h"
#include "model/utf8_path.h"

namespace nmdt::cli {

void printTable(const ReportTable& t, std::ostream& out) {
    std::vector<std::size_t> widths(t.columns.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    };
    measure(t.columns);
    for (const auto& r : t.rows)
        measure(r);
    out << t.title << "\n";
    auto print = [&](const std::vector<std::string>& row) {
        out << "  ";
        for (std::size_t i = 0; i < row.size(); ++i)
            out << (i == 0 ? std::left : std::right) << std::setw(static_cast<int>(widths[i]))
                << row[i] << (i + 1 < row.size() ? "  " : "\n");
    };
    print(t.columns);
    for (const auto& r : t.rows)
        print(r);
    out << "\n";
}

int runReportCommand(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    SystemClock clock;
    SeededIdSource ids(0);
    auto report = ReportService(ServiceContext{*store, clock, ids, cliActor()}).build();
    auto tables = reportTables(report);
    for (const auto& t : tables)
        printTable(t, out);
    if (auto dir = inv.option("csv")) {
        std::filesystem::create_directories(pathFromUtf8(*dir));
        for (const auto& t : tables) {
            auto path = pathFromUtf8(*dir) / pathFromUtf8(t.name + ".csv");
            std::ofstream file(path, std::ios::binary | std::ios::trunc);
            file << toCsv(t);
            if (!file.flush())
                throw std::runtime_error("could not write " + path.string());
            out << "Wrote " << path.string() << "\n";
        }
    }
    return kOk;
}

}  // namespace nmdt::cli
