// Case-finding lists are local to the practice's desktop: written through the one write
// path with their audit event, but with no change-log entry, so nothing of them can reach
// the outbox, a snapshot or a partner.
#include <boost/test/unit_test.hpp>

#include "model/case_finding_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

std::string exportOf(int people) {
    std::string csv = "NHS Number,Date of Birth,Surname,Forename,Practice Code,eFI\n";
    for (int i = 0; i < people; ++i)
        csv += testNhsNumber(500 + i) + ",1940-01-01,Jones,Ann,Y00001,Moderate\n";
    return csv;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(case_finding_store)

BOOST_AUTO_TEST_CASE(a_list_leaves_nothing_to_send_and_nothing_in_the_shared_records) {
    World w;
    const auto pendingBefore = w.store->pendingChanges();
    const auto logBefore = w.store->changeLog({0, std::nullopt, 100000}).size();
    const auto recordsBefore = w.store->canonicalDump();
    const auto auditBefore = w.store->auditTrail({}).size();

    const std::string csv = exportOf(50);
    CaseFindingService service(w.asChair());
    auto result = service.importList(
        {"Frailty", "frailty.csv", csv, proposeMapping(readCsv(csv).header, std::nullopt)});
    auto first = w.store->screeningRows({result.list})[0].entry.id;
    service.screen(first, ScreeningDecision::Objected, "does not want the council told", {});

    BOOST_TEST(w.store->screeningRows({result.list}).size() == 50u);
    BOOST_TEST(w.store->pendingChanges() == pendingBefore);
    BOOST_TEST(w.store->changeLog({0, std::nullopt, 100000}).size() == logBefore);
    BOOST_TEST(w.store->outbox(0, 100000).size() == logBefore);
    BOOST_TEST(w.store->canonicalDump() == recordsBefore);
    // Each command is still in the audit trail.
    BOOST_TEST(w.store->auditTrail({}).size() == auditBefore + 2);
}

BOOST_AUTO_TEST_CASE(a_list_survives_closing_and_reopening_the_store) {
    World w;
    const std::string csv = exportOf(3);
    auto list = CaseFindingService(w.asChair())
                    .importList({"Frailty", "frailty.csv", csv,
                                 proposeMapping(readCsv(csv).header, std::nullopt)})
                    .list;
    w.store.reset();
    w.store = storage::SqlCipherStore::open(w.storePath(),
                                            Passphrase("correct horse battery staple"), w.clock);
    auto rows = w.store->screeningRows({list});
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[2].entry.risk == std::vector<std::string>{"Moderate"});
    BOOST_TEST(w.store->caseFindingList(list)->riskColumns == std::vector<std::string>{"eFI"});
}

BOOST_AUTO_TEST_SUITE_END()
