#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "model/calendar.h"
#include "model/hybrid_clock.h"
#include "model/order_key.h"
#include "model/search_key.h"

using namespace nmdt;

BOOST_AUTO_TEST_SUITE(hybrid_clock)

BOOST_AUTO_TEST_CASE(never_goes_backwards_when_the_wall_clock_does) {
    HybridLogicalClock c;
    auto a = c.tick(1000);
    auto b = c.tick(900);  // wall clock stepped back
    auto d = c.tick(1000);
    BOOST_TEST((a < b));
    BOOST_TEST((b < d));
}

BOOST_AUTO_TEST_CASE(orders_after_a_received_stamp) {
    HybridLogicalClock local;
    local.tick(1000);
    HlcStamp remote{5000, 3};
    auto merged = local.receive(remote, 1200);
    BOOST_TEST((merged > remote));
    BOOST_TEST((local.tick(1300) > merged));
}

BOOST_AUTO_TEST_CASE(encoding_sorts_like_the_stamp) {
    std::vector<HlcStamp> stamps{{5, 0}, {5, 10}, {40, 2}, {1732352400000, 0}, {5, 9}};
    auto byText = stamps;
    std::sort(stamps.begin(), stamps.end());
    std::sort(byText.begin(), byText.end(),
              [](auto a, auto b) { return encodeHlc(a) < encodeHlc(b); });
    BOOST_TEST((stamps == byText));
}

BOOST_AUTO_TEST_CASE(dates_parse_strictly) {
    BOOST_TEST(parseIsoDate("2024-02-29").has_value());
    BOOST_TEST(!parseIsoDate("2023-02-29").has_value());
    BOOST_TEST(!parseIsoDate("2023-13-01").has_value());
    BOOST_TEST(!parseIsoDate("23-01-01").has_value());
    BOOST_TEST(toIsoDate(addDays(*parseIsoDate("2026-12-31"), 1)) == "2027-01-01");
    BOOST_TEST(toIsoTimestamp(fromMillis(0)) == "1970-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(order_key)

BOOST_AUTO_TEST_CASE(random_insertions_keep_a_strict_order) {
    std::mt19937 rng(11);
    std::vector<std::string> keys;
    for (int i = 0; i < 2000; ++i) {
        std::size_t pos = keys.empty() ? 0 : rng() % (keys.size() + 1);
        std::string before = pos == 0 ? "" : keys[pos - 1];
        std::string after = pos == keys.size() ? "" : keys[pos];
        std::string k = orderKeyBetween(before, after);
        if (!before.empty())
            BOOST_REQUIRE(before < k);
        if (!after.empty())
            BOOST_REQUIRE(k < after);
        keys.insert(keys.begin() + static_cast<long>(pos), k);
    }
    BOOST_TEST(std::is_sorted(keys.begin(), keys.end()));
    BOOST_TEST((std::adjacent_find(keys.begin(), keys.end()) == keys.end()));
}

BOOST_AUTO_TEST_CASE(appending_stays_short) {
    std::string k;
    for (int i = 0; i < 500; ++i)
        k = orderKeyBetween(k, "");
    BOOST_TEST(k.size() < 20u);
}

BOOST_AUTO_TEST_CASE(refuses_bounds_out_of_order) {
    BOOST_CHECK_THROW(orderKeyBetween("b", "a"), std::invalid_argument);
    BOOST_CHECK_THROW(orderKeyBetween("a", "a"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(search_key)

BOOST_AUTO_TEST_CASE(folds_latin_scripts) {
    BOOST_TEST(foldForSearch("SMITH") == "smith");
    BOOST_TEST(foldForSearch("ŁUKASZ") == foldForSearch("łukasz"));
    BOOST_TEST(foldForSearch("SIÂN") == "siân");
    BOOST_TEST(foldForSearch("ŻÓŁW") == "żółw");
}

BOOST_AUTO_TEST_CASE(passes_other_scripts_through) {
    BOOST_TEST(foldForSearch("محمد") == "محمد");
    BOOST_TEST(foldForSearch("王芳") == "王芳");
}

BOOST_AUTO_TEST_CASE(prefix_bound_covers_every_extension) {
    std::string p = foldForSearch("wó");
    std::string upper = prefixUpperBound(p);
    for (std::string name : {"wójcik", "wó", "wó\xF0\x9F\x98\x80"}) {
        // Parenthesised: Boost.Test would otherwise compare the strings as signed chars.
        BOOST_TEST((name >= p));
        BOOST_TEST((name < upper));
    }
    // Neighbours that do not share the prefix fall outside [p, upper).
    BOOST_TEST((std::string("wô") >= upper));
    BOOST_TEST((std::string("wn") < p));
}

BOOST_AUTO_TEST_SUITE_END()
