// The rule for what the hub may drop: behind every desktop's position and inside a
// snapshot of every organisation an envelope is for; never what is for everyone.
#include <boost/test/unit_test.hpp>

#include "model/hub_pruning.h"

using namespace nmdt;

namespace {

std::vector<std::int64_t> sequencesOf(const std::vector<PruneCandidate>& c) {
    std::vector<std::int64_t> out;
    for (const auto& e : c)
        out.push_back(e.sequence);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hub_pruning)

BOOST_AUTO_TEST_CASE(only_what_every_desktop_passed_and_every_audience_holds_goes) {
    const std::vector<PruneCandidate> candidates{
        {10, "s1", {"practice"}, 100},             // covered
        {20, "s1", {"practice", "vcfse"}, 100},    // both covered
        {30, "s1", {"practice", "council"}, 100},  // the council has no snapshot
        {40, "s2", {"vcfse"}, 100},                // past the vcfse snapshot
        {50, "s1", {"practice"}, 100},             // past the lowest desktop position
        {15, "s1", {"*"}, 100},                    // everyone: never
        {16, "s1", {}, 100},                       // no audience: never
    };
    const std::map<std::string, std::int64_t> floors{{"practice", 60}, {"vcfse", 35}};
    auto dropped = envelopesToDrop(candidates, 45, floors);
    BOOST_TEST(sequencesOf(dropped) == (std::vector<std::int64_t>{10, 20}));
}

BOOST_AUTO_TEST_CASE(a_snapshot_made_at_an_envelope_covers_it_and_no_desktop_means_nothing_goes) {
    const std::vector<PruneCandidate> candidates{{35, "s1", {"vcfse"}, 1}};
    const std::map<std::string, std::int64_t> floors{{"vcfse", 35}};
    BOOST_TEST(envelopesToDrop(candidates, 35, floors).size() == 1u);
    BOOST_TEST(envelopesToDrop(candidates, 34, floors).empty());
    BOOST_TEST(envelopesToDrop(candidates, 0, floors).empty());
    BOOST_TEST(envelopesToDrop(candidates, 100, {}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
