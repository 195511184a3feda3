// Compacting the change log: only entries the hub holds and older than the window go;
// records, what waits to be sent and the audit trail's chain are untouched; only an
// administrator may, and never for less than 90 days.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

#include "model/case_service.h"
#include "model/history_compaction.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

std::vector<ChangeLogEntry> entriesOf(World& w, const CaseId& id) {
    return w.store->changeLog({0, id.str(), 1000});
}

std::size_t logSize(World& w) {
    return w.store->changeLog({0, std::nullopt, 100000}).size();
}

/// A case changed twice and sent, then changed again without being sent, a year and more
/// ago; another referred once; and a change made today.
struct OldHistory {
    World w;
    CaseId changed, untouched;
    std::int64_t pushed = 0;

    OldHistory() {
        CaseService cases(w.asChair());
        changed = cases.refer({resident("Olwen", "Pryce", testNhsNumber(301)),
                               w.gp,
                               w.practice,
                               "falls",
                               day(2026, 11, 2),
                               {}});
        untouched = cases.refer({resident("Huw", "Bevan", testNhsNumber(302)),
                                 w.gp,
                                 w.practice,
                                 "isolation",
                                 day(2026, 11, 2),
                                 {}});
        phone("0117 496 0001");
        pushed = w.store->changeLog({0, std::nullopt, 100000}).back().sequence;
        w.store->recordPushed(pushed);
        phone("0117 496 0002");  // not sent yet
        w.clock->advance(std::chrono::days(400));
        phone("0117 496 0003");  // within the window
    }

    void phone(const std::string& number) {
        CaseService cases(w.asChair());
        auto r = cases.get(changed).resident;
        r.phone = number;
        cases.updateResident(changed, r);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(history_compaction)

BOOST_AUTO_TEST_CASE(only_old_entries_the_hub_holds_go) {
    OldHistory h;
    auto& w = h.w;
    const auto records = w.store->canonicalDump();
    const auto pending = w.store->pendingChanges();
    const auto changedBefore = entriesOf(w, h.changed);
    BOOST_REQUIRE(changedBefore.size() == 4u);  // referred, then three phone numbers
    const auto sent = w.store->changeLog({0, std::nullopt, 100000});
    const auto sentCount = static_cast<std::size_t>(std::count_if(
        sent.begin(), sent.end(), [&](const auto& e) { return e.sequence <= h.pushed; }));
    BOOST_REQUIRE(entriesOf(w, h.untouched).size() > 0u);

    auto done = compactHistory(w.asAdministrator(), *w.store, 365, {});

    // Everything sent a year ago went: both referrals and the first number. The change
    // not sent yet and the one within the window stayed.
    BOOST_TEST(done.removed == sentCount);
    auto changedAfter = entriesOf(w, h.changed);
    BOOST_REQUIRE(changedAfter.size() == 2u);
    BOOST_TEST(changedAfter[0].sequence > h.pushed);
    BOOST_TEST((changedAfter[1].sequence == changedBefore.back().sequence));
    BOOST_TEST(entriesOf(w, h.untouched).empty());

    BOOST_TEST(w.store->canonicalDump() == records);
    BOOST_TEST(w.store->pendingChanges() == pending);
    BOOST_TEST(w.store->verifyAudit().intact);
    auto said = w.store->auditTrail({0, AuditEventKind::HistoryCompacted, {}, {}, 10});
    BOOST_REQUIRE(said.size() == 1u);

    // The log takes new changes as before, and a second pass finds nothing more.
    const auto size = logSize(w);
    h.phone("0117 496 0004");
    BOOST_TEST(logSize(w) == size + 1);
    BOOST_TEST(compactHistory(w.asAdministrator(), *w.store, 365, {}).removed == 0u);
}

BOOST_AUTO_TEST_CASE(only_an_administrator_and_never_under_ninety_days) {
    OldHistory h;
    auto& w = h.w;
    const auto size = logSize(w);
    auto shortWindow = problemsOf([&] { compactHistory(w.asAdministrator(), *w.store, 30, {}); });
    BOOST_REQUIRE(shortWindow.size() == 1u);
    BOOST_TEST((shortWindow[0].code == ErrorCode::ValueOutOfRange));
    auto chair = problemsOf([&] { compactHistory(w.asChair(), *w.store, 365, {}); });
    BOOST_REQUIRE(chair.size() == 1u);
    BOOST_TEST((chair[0].code == ErrorCode::NotPermitted));
    BOOST_TEST(logSize(w) == size);
    BOOST_TEST(w.store->auditTrail({0, AuditEventKind::HistoryCompacted, {}, {}, 10}).empty());
}

BOOST_AUTO_TEST_CASE(the_space_goes_back_and_the_store_reopens_whole) {
    OldHistory h;
    auto& w = h.w;
    compactHistory(w.asAdministrator(), *w.store, 365, {});
    w.store->reclaimFreeSpace();
    // The space is back on the disk, not held in the write-ahead log.
    const auto wal = std::filesystem::path(w.storePath() + "-wal");
    BOOST_TEST((!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0u));
    const auto records = w.store->canonicalDump();
    w.store.reset();
    w.store = storage::SqlCipherStore::open(w.storePath(),
                                            Passphrase("correct horse battery staple"), w.clock);
    BOOST_TEST(w.store->checkIntegrity().ok);
    BOOST_TEST(w.store->canonicalDump() == records);
}

BOOST_AUTO_TEST_SUITE_END()
