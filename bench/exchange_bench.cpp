// nmdt-exchange-bench: FHIR export and import of real cases from a demo store, beside
// loading the same case record for the screen (the baseline: the reads alone).
//   nmdt-exchange-bench STORE [--cases N]     (passphrase from NMDT_PASSPHRASE)

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "child_process.h"
#include "integration/fhir_exchange.h"
#include "model/case_record_service.h"
#include "model/exchange_service.h"
#include "storage/sqlcipher_store.h"

using namespace nmdt;

namespace {
struct Timing {
    double median = 0, p95 = 0;
};

Timing summarise(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

double elapsedMs(const std::function<void()>& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

long peakRssMb() {
    return test::peakResidentMegabytes();
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: nmdt-exchange-bench STORE [--cases N]\n";
        return 2;
    }
    std::size_t cases = 200;
    for (int i = 2; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--cases")
            cases = std::stoul(argv[i + 1]);
    const char* passphrase = std::getenv("NMDT_PASSPHRASE");
    if (!passphrase) {
        std::cerr << "set NMDT_PASSPHRASE\n";
        return 2;
    }
    auto store = storage::SqlCipherStore::open(argv[1], Passphrase(passphrase));
    auto dir = std::filesystem::temp_directory_path() / "nmdt-exchange-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto receiver = storage::SqlCipherStore::create((dir / "receiver.nmdt").string(),
                                                    Passphrase("exchange bench passphrase"));
    SystemClock clock;
    SeededIdSource ids(7);
    Actor admin{ProfessionalId("bench"), "Benchmark", Role::Administrator, OrganisationId()};
    ServiceContext from{*store, clock, ids, admin};
    ServiceContext to{*receiver, clock, ids, admin};

    // Cases spread through the store, in name order.
    std::vector<CaseId> sample;
    std::size_t total = store->caseCount();
    for (std::size_t i = 0; i < cases; ++i)
        sample.push_back(store->casePage(i * total / cases, 1).front().id);

    std::vector<double> load, exportMs, importNew, importAgain;
    std::size_t bytes = 0, largest = 0;
    for (const auto& id : sample) {
        load.push_back(elapsedMs([&] { CaseRecordService(from).load(id); }));
        std::string json;
        exportMs.push_back(elapsedMs([&] {
            json = integration::caseBundleJson(ExchangeService(from).exportCase(id, "bench"),
                                               clock.now());
        }));
        bytes += json.size();
        largest = std::max(largest, json.size());
        importNew.push_back(elapsedMs(
            [&] { ExchangeService(to).importCase(integration::readCaseBundle(json).record); }));
        importAgain.push_back(elapsedMs([&] {
            auto result = ExchangeService(to).importCase(integration::readCaseBundle(json).record);
            if (result.created != 0)
                throw std::runtime_error("a second import created entries");
        }));
    }
    auto l = summarise(load), e = summarise(exportMs), n = summarise(importNew),
         a = summarise(importAgain);
    std::cout << std::fixed << std::setprecision(2);
    std::cout << "FHIR exchange of " << sample.size() << " cases from " << argv[1] << "\n"
              << "Bundle size: mean " << bytes / sample.size() / 1024 << " KiB, largest "
              << largest / 1024 << " KiB\n\n"
              << "| operation | median ms | p95 ms | ratio to loading the record |\n"
              << "|---|---:|---:|---:|\n"
              << "| load the case record (screen baseline) | " << l.median << " | " << l.p95
              << " | 1.00 |\n"
              << "| export: read + FHIR Bundle JSON | " << e.median << " | " << e.p95 << " | "
              << e.median / l.median << " |\n"
              << "| import into an empty store (parse, check, one transaction) | " << n.median
              << " | " << n.p95 << " | " << n.median / l.median << " |\n"
              << "| import again (matched on NHS number, nothing written) | " << a.median << " | "
              << a.p95 << " | " << a.median / l.median << " |\n"
              << "\nPeak resident memory: " << peakRssMb() << " MB\n";
    std::filesystem::remove_all(dir);
    return 0;
}
