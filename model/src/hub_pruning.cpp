#include "model/hub_pruning.h"

#include <algorithm>

namespace nmdt {

std::vector<PruneCandidate> envelopesToDrop(
    const std::vector<PruneCandidate>& candidates, std::int64_t lowestPosition,
    const std::map<std::string, std::int64_t>& snapshotFloors) {
    std::vector<PruneCandidate> out;
    for (const auto& c : candidates) {
        if (c.sequence > lowestPosition || c.audience.empty())
            continue;
        const bool covered =
            std::all_of(c.audience.begin(), c.audience.end(), [&](const std::string& org) {
                if (org == "*")
                    return false;
                auto floor = snapshotFloors.find(org);
                return floor != snapshotFloors.end() && floor->second >= c.sequence;
            });
        if (covered)
            out.push_back(c);
    }
    return out;
}

}  // namespace nmdt
