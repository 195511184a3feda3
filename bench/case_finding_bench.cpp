// nmdt-case-finding-bench: a practice's 100,000-row search export imported and matched on a
// copy of a store, as Resident > Case Finding does it; then the list read back whole and
// filtered, as the window shows it.
//
//   NMDT_PASSPHRASE=... nmdt-case-finding-bench STORE [ROWS]
//
// Half the rows are residents the store already holds (matched on NHS number), half new.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>

#include "bench_support.h"
#include "model/case_finding_service.h"
#include "model/nhs_number.h"
#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using bench::copyStore;
using bench::secondsSince;
using bench::Stopwatch;

int main(int argc, char** argv) {
    std::cout << std::unitbuf << std::fixed << std::setprecision(3);
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (argc < 2 || argc > 3 || !pass) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-case-finding-bench STORE [ROWS]\n";
        return 2;
    }
    const std::size_t rows = argc == 3 ? std::stoul(argv[2]) : 100000;
    test::TempDir dir;
    const std::string copy = dir.file("copy.nmdt");
    copyStore(argv[1], copy);
    auto clock = std::make_shared<SystemClock>();
    auto store = storage::SqlCipherStore::open(copy, Passphrase(pass), clock);

    Actor actor;
    std::string ods;
    for (const auto& o : store->organisations())
        if (o.kind == OrganisationKind::GpPractice && !o.odsCode.empty()) {
            for (const auto& p : store->professionals())
                if (p.organisationId == o.id && p.role == Role::PracticeStaff)
                    actor = Actor{p.id, p.name, p.role, o.id};
            if (!actor.userId.empty()) {
                ods = o.odsCode;
                break;
            }
        }
    if (actor.userId.empty()) {
        std::cerr << "no practice staff of a GP practice in " << argv[1] << "\n";
        return 2;
    }

    // Half known (the store's own residents), half new numbers in the test range.
    std::set<std::string> known;
    for (const auto& c : store->casePage(0, rows / 2))
        known.insert(c.nhsNumber);
    std::string csv = "NHS Number,Date of Birth,Surname,Forename,Practice Code,eFI Category\n";
    csv.reserve(rows * 64);
    std::size_t written = 0;
    for (const auto& n : known) {
        csv += n + ",12/03/1938,Surname,Forename," + ods + ",Severe\n";
        ++written;
    }
    std::set<std::string> used(known);
    for (std::uint64_t stem = 100000000; written < rows; ++stem) {
        std::string nine = std::to_string(stem);
        auto check = NhsNumber::checkDigit(nine);
        if (!check)
            continue;
        std::string digits = nine + static_cast<char>('0' + *check);
        if (NhsNumber::check(digits) || !used.insert(digits).second)
            continue;
        csv += digits + ",01-Jan-1941,Jones,Ann," + ods + ",Moderate\n";
        ++written;
    }
    std::cout << "search export        " << written << " rows, " << csv.size() / 1024 << " KiB; "
              << known.size() << " already held as cases\n";

    auto ids = makeRandomIdSource();
    CaseFindingService service(ServiceContext{*store, *clock, *ids, actor});
    const auto mapping = proposeMapping(readCsv(csv).header, std::nullopt);

    auto start = Stopwatch::now();
    auto table = readCsv(csv);
    auto prepared = prepareRows(table, mapping, ods, clock->today());
    std::cout << "read and checked     " << secondsSince(start) << " s (" << prepared.entries.size()
              << " rows, nothing written)\n";

    start = Stopwatch::now();
    auto result = service.importList({"Frailty search", "frailty.csv", csv, mapping});
    std::cout << "imported and matched " << secondsSince(start) << " s: " << result.people
              << " people, " << result.known << " known   (target < 5 s)\n";

    start = Stopwatch::now();
    auto everyone = store->screeningRows({result.list});
    std::cout << "list read whole      " << secondsSince(start) << " s (" << everyone.size()
              << " rows with their known case)\n";
    start = Stopwatch::now();
    auto pending = store->screeningRows({result.list, ScreeningDecision::Pending});
    std::cout << "not screened         " << secondsSince(start) << " s (" << pending.size()
              << " rows)\n";
    start = Stopwatch::now();
    service.screen(everyone[everyone.size() / 2].entry.id, ScreeningDecision::NotSuitable, "bench",
                   std::nullopt);
    std::cout << "one decision         " << secondsSince(start) * 1000 << " ms\n";
    return 0;
}
