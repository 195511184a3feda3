#pragma once
// When the hub may drop an envelope: the one rule, so both hub logs and every hub instance
// drop the same ones.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt {

/// Which of `candidates` the hub may drop. An envelope goes only when every desktop of the
/// team has told the hub it no longer needs it (its sequence is at or below
/// `lowestPosition`), and every organisation it is addressed to has a complete snapshot
/// made after it (`snapshotFloors`: the oldest such snapshot the hub keeps), so a desktop
/// of that organisation joining later loads it from the snapshot. An organisation with no
/// snapshot keeps all its envelopes; envelopes for everyone (the directory and meetings)
/// are never candidates, so a new organisation can always start.
std::vector<PruneCandidate> envelopesToDrop(
    const std::vector<PruneCandidate>& candidates, std::int64_t lowestPosition,
    const std::map<std::string, std::int64_t>& snapshotFloors);

}  // namespace nmdt
