// nmdt-store-bench: the foundation's speed targets on a demo store, measured on the
// encrypted store and on a plaintext copy of it in the same run so the ratio is fair.
//
//   NMDT_PASSPHRASE=... nmdt-store-bench STORE [--iterations N] [--keep-plaintext]
//
// Prints one table; median and 95th percentile of each operation, and the ratio.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "child_process.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/report_service.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using Stopwatch = std::chrono::steady_clock;

namespace {

struct Timing {
    double median = 0, p95 = 0;
};

Timing measure(int iterations, const std::function<void(int)>& op) {
    std::vector<double> ms;
    for (int i = 0; i < iterations; ++i) {
        auto start = Stopwatch::now();
        op(i);
        ms.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

long peakRssMb() {
    return test::peakResidentMegabytes();
}

/// The busiest organisation: the one with most open actions.
OrganisationId busiestOrganisation(Store& store) {
    OrganisationId best;
    std::size_t most = 0;
    for (const auto& org : store.organisations()) {
        ActionQuery q;
        q.ownerOrganisation = org.id;
        q.openOnly = true;
        std::size_t n = store.countActions(q);
        if (n > most)
            most = n, best = org.id;
    }
    return best;
}

using OpenFn = std::function<std::unique_ptr<storage::SqlCipherStore>()>;

/// The user commands of the command layer, each a whole command: role check, validation,
/// one change set with its change-log entry and audit event, committed (synchronous=FULL).
void commandWorkload(storage::SqlCipherStore& store, int iterations,
                     std::map<std::string, Timing>& results) {
    SystemClock clock;
    SeededIdSource ids(static_cast<std::uint64_t>(store.caseCount()) + 7);
    const auto people = store.professionals();
    ProfessionalId chairId;
    for (const auto& p : people)
        if (p.role == Role::Chair)
            chairId = p.id;
    Actor chair{chairId, "Benchmark chair", Role::Chair, OrganisationId()};
    ServiceContext ctx{store, clock, ids, chair};
    CaseService cases(ctx);
    MeetingService meetings(ctx);
    ActionService actions(ctx);

    // Unused NHS numbers, found before the clock starts (a rerun on the same store works).
    std::vector<std::string> fresh;
    for (int n = 90000; fresh.size() < static_cast<std::size_t>(iterations); ++n) {
        std::string nhs = test::testNhsNumber(n);
        if (!store.caseByNhsNumber(nhs))
            fresh.push_back(nhs);
    }
    std::vector<CaseId> referred;
    results["command: refer a resident (duplicate check, consent to 2)"] =
        measure(iterations, [&](int i) {
            Resident r;
            r.nhsNumber = fresh[static_cast<std::size_t>(i)];
            r.givenName = "Bench";
            r.familyName = "Referral";
            r.dateOfBirth = Date{std::chrono::year{1940}, std::chrono::March, std::chrono::day{3}};
            auto orgs = store.organisations();
            referred.push_back(
                cases.refer({r, chairId, orgs.front().id, "Benchmark referral", clock.today(), {}},
                            {orgs[0].id, orgs[1].id}, Urgency::Routine));
        });
    results["command: triage a referral"] = measure(iterations, [&](int i) {
        cases.triage(referred[static_cast<std::size_t>(i)], Triage::AcceptedForMdt, "");
    });
    std::vector<ActionId> raised;
    results["command: raise an action"] = measure(iterations, [&](int i) {
        raised.push_back(actions.raise({referred[static_cast<std::size_t>(i)],
                                        "Benchmark action",
                                        "",
                                        chairId,
                                        {},
                                        clock.today(),
                                        Priority::Routine,
                                        {},
                                        {}}));
    });
    results["command: move a due date with a reason"] = measure(iterations, [&](int i) {
        actions.replan(raised[static_cast<std::size_t>(i)], addDays(clock.today(), 7),
                       Priority::Urgent, "Benchmark");
    });
    results["command: close a case"] = measure(iterations, [&](int i) {
        cases.close(referred[static_cast<std::size_t>(i)], "Benchmark closing");
    });
    // New Meeting and Build Agenda for a 90-minute meeting from every case in the store:
    // each iteration plans a fresh meeting (not timed) and builds its agenda (timed).
    std::size_t listed = 0;
    const int agendaRuns = std::max(5, iterations / 20);
    std::vector<MeetingId> planned;
    for (int i = 0; i < agendaRuns; ++i) {
        Meeting m;
        m.date = addDays(clock.today(), 30 + i);
        m.startTime = "13:00";
        m.durationMinutes = 90;
        m.chair = chairId;
        planned.push_back(meetings.schedule(m));
    }
    results["command: build the agenda of a 90-minute meeting"] =
        measure(agendaRuns, [&](int i) { listed = meetings.buildAgenda(planned[std::size_t(i)]); });
    std::cerr << "  (agenda: " << listed << " residents listed in the last run)\n";
    // Here new referrals fill every agenda; the other sources, read as a meeting with no
    // referrals waiting would read them (31 residents: thirty places and one to say more wait).
    const Date asOf = addDays(clock.today(), 30);
    const MeetingSeriesId anySeries;
    std::size_t found[3] = {};
    results["agenda source: residents with overdue actions (31)"] = measure(iterations, [&](int) {
        found[0] = store.casesWithOverdueActions(asOf, anySeries, 31).size();
    });
    results["agenda source: residents with open meeting actions (31)"] =
        measure(iterations,
                [&](int) { found[1] = store.casesWithOpenActions(asOf, anySeries, 31).size(); });
    results["agenda source: residents due for review (31)"] = measure(
        iterations, [&](int) { found[2] = store.casesDueForReview(asOf, anySeries, 31).size(); });
    std::cerr << "  (agenda sources found " << found[0] << ", " << found[1] << ", " << found[2]
              << ")\n";
}

std::map<std::string, Timing> workload(const OpenFn& open, int iterations) {
    std::map<std::string, Timing> results;
    results["open store + first page of 50 cases"] =
        measure(std::max(5, iterations / 20), [&](int) {
            auto store = open();
            auto page = store->casePage(0, 50);
            if (page.size() != 50)
                throw std::runtime_error("first page is short");
        });

    auto store = open();
    SystemClock clock;
    SeededIdSource ids(99);
    Actor actor{ProfessionalId("bench"), "Benchmark", Role::Clinician, OrganisationId()};
    ActionService actions(ServiceContext{*store, clock, ids, actor});
    OrganisationId org = busiestOrganisation(*store);

    std::size_t overdueShown = 0;
    results["overdue actions, one organisation (first 50)"] =
        measure(iterations, [&](int) { overdueShown = actions.overdue(org, 50).size(); });
    results["overdue count, one organisation"] =
        measure(iterations, [&](int) { actions.overdueCount(org); });

    const std::vector<std::string> prefixes{"smi",  "wój",  "pat",     "okaf",
                                            "llew", "chen", "begum p", "ha"};
    results["case search, name prefix (50 results)"] = measure(iterations, [&](int i) {
        store->searchCases(prefixes[static_cast<std::size_t>(i) % prefixes.size()], 50);
    });
    results["case search, NHS number prefix"] = measure(
        iterations, [&](int i) { store->searchCases("999 0" + std::to_string(10 + i % 80), 50); });
    results["case search, full NHS number"] = measure(iterations, [&](int i) {
        store->searchCases(
            store->casePage(static_cast<std::size_t>(i) * 37 % 1000, 1).front().nhsNumber, 50);
    });
    results["case list page at row 40,000 (virtual list scroll)"] = measure(iterations, [&](int i) {
        store->casePage(40000 + static_cast<std::size_t>(i % 50) * 100, 30);
    });
    // Keeping the resident on screen selected when the list goes back to every case.
    std::vector<CaseId> spread;
    for (std::size_t row = 0; row < 50; ++row)
        spread.push_back(store->casePage(row * store->caseCount() / 50, 1).front().id);
    results["position of a case in the whole list (keep it selected)"] = measure(
        iterations,
        [&](int i) { store->casePosition(spread[static_cast<std::size_t>(i) % spread.size()]); });

    // The four neighbourhood reports, as the Reports window builds them on opening.
    std::size_t openCases = 0;
    results["neighbourhood reports, all four (whole store)"] =
        measure(std::max(5, iterations / 20), [&](int) {
            openCases = ReportService(ServiceContext{*store, clock, ids, actor}).build().openCases;
        });

    // Record one action update: status change through the service, one transaction with
    // its change-log entry (synchronous=FULL, so every commit waits for the disk).
    ActionQuery openOnes;
    openOnes.ownerOrganisation = org;
    openOnes.openOnly = true;
    // Enough to find some in either state however few iterations are asked for.
    openOnes.limit = static_cast<std::size_t>(std::max(iterations, 500));
    std::vector<ActionId> targets;
    // Either state will do: each run toggles them, and earlier runs leave some on hold.
    for (const auto& a : store->actions(openOnes))
        if (a.status == ActionStatus::InProgress || a.status == ActionStatus::OnHold)
            targets.push_back(a.id);
    if (targets.empty())
        throw std::runtime_error("no in-progress or on-hold actions to update");
    results["record one action update (+ change log)"] = measure(iterations, [&](int i) {
        const ActionId& id = targets[static_cast<std::size_t>(i) % targets.size()];
        bool onHold = store->action(id)->status == ActionStatus::OnHold;
        actions.changeStatus(id, onHold ? ActionStatus::InProgress : ActionStatus::OnHold,
                             onHold ? "" : "Waiting for the resident");
    });
    commandWorkload(*store, iterations, results);
    std::cerr << "  (" << overdueShown << " overdue shown; " << targets.size()
              << " actions toggled; reports over " << openCases << " open cases)\n";
    return results;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-store-bench STORE [--iterations N] "
                     "[--keep-plaintext]\n";
        return 2;
    }
    std::string path = argv[1];
    int iterations = 200;
    bool keepPlaintext = false;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--iterations" && i + 1 < argc)
            iterations = std::atoi(argv[++i]);
        if (a == "--keep-plaintext")
            keepPlaintext = true;
    }
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (!pass) {
        std::cerr << "set NMDT_PASSPHRASE\n";
        return 2;
    }
    Passphrase passphrase(pass);
    std::string plainPath = path + ".plaintext-bench";

    {
        auto store = storage::SqlCipherStore::open(path, passphrase);
        std::cerr << "Store: " << path << " (" << store->caseCount() << " cases, "
                  << std::filesystem::file_size(path) / (1024 * 1024) << " MB)\n";
        if (!std::filesystem::exists(plainPath)) {
            std::cerr << "Making a plaintext copy for the ratio...\n";
            store->exportPlaintextCopyForBenchmark(plainPath);
        }
    }
    long rssBefore = peakRssMb();
    std::cerr << "Encrypted store:\n";
    auto encrypted =
        workload([&] { return storage::SqlCipherStore::open(path, passphrase); }, iterations);
    long rssEncrypted = peakRssMb();
    std::cerr << "Plaintext copy:\n";
    auto plain =
        workload([&] { return storage::SqlCipherStore::openPlaintextCopyForBenchmark(plainPath); },
                 iterations);
    if (!keepPlaintext) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(plainPath + suffix);
    }

    std::cout << std::fixed << std::setprecision(3);
    std::cout
        << "| operation | encrypted median ms | encrypted p95 ms | plaintext median ms | ratio |\n"
        << "|---|---:|---:|---:|---:|\n";
    for (const auto& [name, e] : encrypted) {
        const Timing& p = plain.at(name);
        std::cout << "| " << name << " | " << e.median << " | " << e.p95 << " | " << p.median
                  << " | " << std::setprecision(2) << (p.median > 0 ? e.median / p.median : 0)
                  << std::setprecision(3) << " |\n";
    }
    // The whole workload without the open and the reports (an occasional whole-store
    // read, reported on its own line): what a user session spends once unlocked.
    double encryptedTotal = 0, plainTotal = 0;
    for (const auto& [name, e] : encrypted) {
        if (name.starts_with("open store") || name.starts_with("neighbourhood reports"))
            continue;
        encryptedTotal += e.median;
        plainTotal += plain.at(name).median;
    }
    std::cout << "| whole workload after opening (sum of medians) | " << encryptedTotal << " | | "
              << plainTotal << " | " << std::setprecision(2) << encryptedTotal / plainTotal
              << std::setprecision(3) << " |\n";
    std::cout << "\nPeak resident memory: " << rssBefore << " MB after export, " << rssEncrypted
              << " MB after the encrypted workload (" << iterations << " iterations each)\n";
    return 0;
}
