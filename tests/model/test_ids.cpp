// Ids: version 7 UUIDs, spelt out as RFC 9562 says and ordered as they were made, so new
// records go side by side in every index keyed by id.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "model/ids.h"

using namespace nmdt;

BOOST_AUTO_TEST_SUITE(ids)

BOOST_AUTO_TEST_CASE(a_version_7_uuid_is_spelt_as_rfc_9562_shows) {
    // RFC 9562, appendix A.6: 2022-02-22 19:22:22 UTC.
    BOOST_TEST(formatUuidV7({0x017F22E279B0ull, 0xCC3, 0x18C4DC0C0C07398Full}) ==
               "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
    // Only the bits each part has are used: version and variant are always the same.
    auto id = formatUuidV7({0xFFFFFFFFFFFFull, 0xFFFF, ~0ull});
    BOOST_TEST(id == "ffffffff-ffff-7fff-bfff-ffffffffffff");
    BOOST_TEST(looksLikeUuid(id));
}

BOOST_AUTO_TEST_CASE(the_sequencer_only_ever_goes_up) {
    UuidV7Sequencer s;
    std::vector<std::string> made;
    auto make = [&](std::uint64_t ms, std::uint64_t random) {
        made.push_back(formatUuidV7(s.next(ms, random)));
    };
    make(1000, ~0ull);  // the highest starting sequence (2,047): room left in the millisecond
    for (int i = 0; i < 3000; ++i)
        make(1000, 0);  // more than fit in one millisecond: it borrows the next
    make(999, 0);       // the clock went back
    make(5000, 0);      // and on again
    for (std::size_t i = 1; i < made.size(); ++i)
        BOOST_TEST_REQUIRE(made[i - 1] < made[i], i << ": " << made[i - 1] << " " << made[i]);
    BOOST_TEST(made.back().starts_with("00000000-1388-7"));  // 5000 ms, as read
}

BOOST_AUTO_TEST_CASE(a_desktops_ids_are_unique_and_in_the_order_made) {
    auto source = makeRandomIdSource();
    std::vector<std::string> made;
    for (int i = 0; i < 20000; ++i)
        made.push_back(source->newUuid());
    std::set<std::string> distinct(made.begin(), made.end());
    BOOST_TEST(distinct.size() == made.size());
    for (std::size_t i = 1; i < made.size(); ++i)
        BOOST_TEST_REQUIRE(made[i - 1] < made[i]);
    for (const auto& id : {made.front(), made.back()}) {
        BOOST_TEST(looksLikeUuid(id));
        BOOST_TEST(id[14] == '7');
        BOOST_TEST(std::string("89ab").find(id[19]) != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(seeded_ids_repeat_with_their_seed_and_are_in_order) {
    SeededIdSource a(42), b(42), c(43);
    std::vector<std::string> fromA, fromB, fromC;
    for (int i = 0; i < 100; ++i) {
        fromA.push_back(a.newUuid());
        fromB.push_back(b.newUuid());
        fromC.push_back(c.newUuid());
    }
    BOOST_TEST(fromA == fromB);
    BOOST_TEST(fromA != fromC);
    for (std::size_t i = 1; i < fromA.size(); ++i)
        BOOST_TEST(fromA[i - 1] < fromA[i]);
}

BOOST_AUTO_TEST_SUITE_END()
