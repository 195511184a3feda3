// nmdt-outcome-bench: the outcome reports on a copy of a store, as View > Outcomes builds
// them: the whole report, each breakdown's tables, and the MeasureReport for the ICB.
//
//   NMDT_PASSPHRASE=... nmdt-outcome-bench STORE
//
// A store generated before outcomes existed is given them first (three wellbeing scores for
// every resident, and a year of one practice's service use for a third of them) so that the
// report reads as many rows as a neighbourhood of that size would hold.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "bench_support.h"
#include "integration/fhir_exchange.h"
#include "model/entity_mapping.h"
#include "model/outcome_report.h"
#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using bench::copyStore;
using bench::secondsSince;
using bench::Stopwatch;

namespace {

/// Writes outcome rows through the one commit path, in batches.
void addOutcomes(storage::SqlCipherStore& store, const Actor& actor, const Clock& clock) {
    SeededIdSource ids(7);
    ChangeSet batch("bench-outcomes");
    std::size_t inBatch = 0, scores = 0, months = 0;
    auto flush = [&] {
        if (inBatch)
            store.commit(batch, actor);
        batch = ChangeSet("bench-outcomes");
        inBatch = 0;
    };
    const std::string thisMonth = monthOf(clock.today());
    const std::size_t total = store.caseCount();
    std::size_t n = 0;
    for (std::size_t offset = 0; offset < total; offset += 5000)
        for (const auto& c : store.casePage(offset, 5000)) {
            for (int k = 0; k < 3; ++k) {
                WellbeingScore s{ids.next<WellbeingScoreId>(),
                                 c.id,
                                 addDays(clock.today(), -300 + 120 * k),
                                 k == 0 ? WellbeingOccasion::Referral : WellbeingOccasion::Review,
                                 3 + k,
                                 4 + k,
                                 3 + k,
                                 8 - k,
                                 actor.userId};
                batch.create(EntityKind::WellbeingScore, s.id.str(), toFields(s));
                ++inBatch;
                ++scores;
            }
            if (n++ % 3 == 0)
                for (int m = 1; m <= 12; ++m) {
                    ServiceUseMonth u{ids.next<ServiceUseId>(),
                                      c.id,
                                      addMonths(thisMonth, -m),
                                      m % 4 == 0,
                                      m % 6 == 0,
                                      m % 3,
                                      actor.organisationId,
                                      clock.now()};
                    batch.create(EntityKind::ServiceUseMonth, u.id.str(), toFields(u));
                    ++inBatch;
                    ++months;
                }
            if (inBatch >= 5000)
                flush();
        }
    flush();
    std::cout << "outcome data added   " << scores << " wellbeing scores, " << months
              << " months of service use\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::cout << std::unitbuf << std::fixed << std::setprecision(3);
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (argc != 2 || !pass) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-outcome-bench STORE\n";
        return 2;
    }
    test::TempDir dir;
    const std::string copy = dir.file("copy.nmdt");
    copyStore(argv[1], copy);
    auto clock = std::make_shared<SystemClock>();
    auto store = storage::SqlCipherStore::open(copy, Passphrase(pass), clock);
    Actor chair;
    for (const auto& p : store->professionals())
        if (p.role == Role::Chair)
            chair = Actor{p.id, p.name, p.role, p.organisationId};
    if (store->wellbeingScores().empty())
        addOutcomes(*store, chair, *clock);

    {
        // Each read the report makes, on its own.
        auto timed = [](const char* what, auto&& read) {
            auto start = Stopwatch::now();
            const auto rows = read().size();
            std::cout << "  " << std::left << std::setw(19) << what << std::right
                      << secondsSince(start) * 1000 << " ms (" << rows << " rows)\n";
        };
        timed("cases", [&] { return store->outcomeCases(); });
        timed("agreed goals", [&] { return store->agreedGoals(); });
        timed("need domains", [&] { return store->caseNeedDomains(); });
        timed("wellbeing scores", [&] { return store->wellbeingScores(); });
        timed("service use", [&] { return store->serviceUseCounts(); });
    }
    SeededIdSource ids(1);
    OutcomeReportService service(ServiceContext{*store, *clock, ids, chair});
    for (const char* when : {"first", "again"}) {
        auto start = Stopwatch::now();
        const auto report = service.build();
        std::cout << "report built (" << when << ")  " << secondsSince(start)
                  << " s: " << report.all.residents << " residents, " << report.all.goals
                  << " goals, " << report.all.wellbeingResidents << " scored twice, "
                  << report.all.serviceUseResidents << " with service use   (target < 1 s)\n";
        if (std::string(when) == "again") {
            start = Stopwatch::now();
            std::size_t rows = 0;
            for (auto b : {OutcomeBreakdown::Practice, OutcomeBreakdown::AgeBand,
                           OutcomeBreakdown::Sex, OutcomeBreakdown::NeedDomain})
                for (const auto& t : outcomeTables(report, b, Disclosure::Export))
                    rows += t.rows.size() + toCsv(t).size() * 0;
            std::cout << "tables, 4 breakdowns " << secondsSince(start) * 1000 << " ms (" << rows
                      << " rows, suppressed)\n";
            start = Stopwatch::now();
            const auto json =
                integration::outcomeMeasureReportJson(outcomeMeasures(report), clock->now());
            std::cout << "MeasureReport        " << secondsSince(start) * 1000 << " ms ("
                      << json.size() / 1024 << " KiB)\n";
        }
    }
    return 0;
}
