// The merge rules as pure functions: the same decision from the same inputs everywhere.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>

#include "model/merge_rules.h"

using namespace nmdt;

namespace {
SiteStamp at(std::int64_t wall, std::uint32_t counter, const char* site) {
    return SiteStamp{{wall, counter}, site};
}
const FieldValue kOld = std::string("old"), kA = std::string("a"), kB = std::string("b");
}  // namespace

BOOST_AUTO_TEST_SUITE(merge_rules)

BOOST_AUTO_TEST_CASE(a_later_edit_made_with_sight_of_the_value_replaces_it_without_conflict) {
    auto local = at(100, 0, "s1");
    auto d = decideField(EntityKind::Action, "detail", local, kOld, at(200, 0, "s2"), kA, local);
    BOOST_TEST(d.takeRemote);
    BOOST_TEST(!d.conflict);
}

BOOST_AUTO_TEST_CASE(concurrent_edits_pick_the_later_stamp_and_flag_a_conflict_on_both_sides) {
    auto base = at(100, 0, "s0");
    auto sa = at(200, 0, "sa"), sb = at(200, 0, "sb");  // same wall time: site id decides
    auto onA = decideField(EntityKind::Action, "detail", sa, kA, sb, kB, base);
    auto onB = decideField(EntityKind::Action, "detail", sb, kB, sa, kA, base);
    BOOST_TEST(onA.takeRemote);   // b wins at A...
    BOOST_TEST(!onB.takeRemote);  // ...and at B
    BOOST_TEST(onA.conflict);
    BOOST_TEST(onB.conflict);
}

BOOST_AUTO_TEST_CASE(concurrent_equal_values_and_mechanical_fields_are_not_conflicts) {
    auto base = at(100, 0, "s0");
    BOOST_TEST(
        !decideField(EntityKind::Action, "detail", at(200, 0, "a"), kA, at(300, 0, "b"), kA, base)
             .conflict);
    BOOST_TEST(!decideField(EntityKind::AgendaItem, "order_key", at(200, 0, "a"), kA,
                            at(300, 0, "b"), kB, base)
                    .conflict);
    BOOST_TEST(!decideField(EntityKind::Action, "updated_at", at(200, 0, "a"), FieldValue(1),
                            at(300, 0, "b"), FieldValue(2), base)
                    .conflict);
}

BOOST_AUTO_TEST_CASE(a_replayed_write_changes_nothing_and_a_field_never_seen_is_taken) {
    auto s = at(200, 3, "a");
    BOOST_TEST(!decideField(EntityKind::Case, "phone", s, kA, s, kA, std::nullopt).takeRemote);
    BOOST_TEST(
        decideField(EntityKind::Case, "phone", std::nullopt, FieldValue(), s, kA, std::nullopt)
            .takeRemote);
}

BOOST_AUTO_TEST_CASE(the_winner_does_not_depend_on_arrival_order) {
    // Whatever order a desktop sees a set of writes in, it keeps the same one.
    std::mt19937 rng(3);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<std::pair<SiteStamp, FieldValue>> writes;  // distinct stamps, as real ones are
        for (int i = 0; i < 5; ++i)
            writes.push_back({at(static_cast<std::int64_t>(rng() % 50),
                                 static_cast<std::uint32_t>(i), i % 2 ? "x" : "y"),
                              std::string(1, static_cast<char>('a' + i))});
        auto expected = std::max_element(writes.begin(), writes.end(), [](auto& l, auto& r) {
                            return l.first < r.first;
                        })->second;
        for (int order = 0; order < 5; ++order) {
            std::shuffle(writes.begin(), writes.end(), rng);
            std::optional<SiteStamp> stamp;
            FieldValue value;
            for (const auto& [s, v] : writes) {
                auto d = decideField(EntityKind::Case, "phone", stamp, value, s, v, std::nullopt);
                if (d.takeRemote) {
                    stamp = s;
                    value = v;
                }
            }
            BOOST_TEST((value == expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(clocks_far_ahead_of_the_hub_are_clamped_alike_everywhere) {
    const std::int64_t hub = 1'800'000'000'000;
    auto nearly = at(hub + kMaxClockLeadMs, 4, "a");
    BOOST_TEST(!needsClamp(nearly, hub));
    BOOST_TEST((clampStamp(nearly, hub, 9) == nearly));
    auto years = at(hub + 5LL * 365 * 24 * 3600 * 1000, 0, "a");
    auto clamped = clampStamp(years, hub, 9);
    BOOST_TEST(clamped.hlc.wallMs == hub + kMaxClockLeadMs);
    BOOST_TEST(clamped.hlc.counter == 9u);  // later envelopes order later
    BOOST_TEST((clampStamp(years, hub, 10) > clamped));
}

BOOST_AUTO_TEST_CASE(field_stamps_survive_encoding_and_refuse_damage) {
    FieldStamps stamps{{"status", at(1795434971596, 7, "site-a")}, {"detail", at(1, 0, "b.c:d")}};
    BOOST_TEST((decodeStamps(encodeStamps(stamps)) == stamps));
    BOOST_CHECK_THROW(decodeStamps("6:status"), MalformedChangeData);
    BOOST_CHECK_THROW(decodeStamps(encodeFields({{"status", std::string("12x.3.a")}})),
                      MalformedChangeData);
}

BOOST_AUTO_TEST_SUITE_END()
