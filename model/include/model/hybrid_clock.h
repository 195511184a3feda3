#pragma once
// Hybrid logical clock (Kulkarni et al.): wall time that never goes backwards and
// orders causally related changes; ties between sites are broken by site id.

#include <compare>
#include <cstdint>
#include <string>

namespace nmdt {

/// One reading of a hybrid logical clock.
struct HlcStamp {
    std::int64_t wallMs = 0;
    std::uint32_t counter = 0;
    auto operator<=>(const HlcStamp&) const = default;
};

/// Advances an HLC for local events and merges in stamps received from elsewhere.
class HybridLogicalClock {
  public:
    explicit HybridLogicalClock(HlcStamp last = {}) : last_(last) {}

    /// Stamp for a local event at physical time `physicalMs`.
    HlcStamp tick(std::int64_t physicalMs);
    /// Merge a remote stamp so later local stamps follow it; returns the new local stamp.
    HlcStamp receive(HlcStamp remote, std::int64_t physicalMs);
    HlcStamp last() const { return last_; }

  private:
    HlcStamp last_;
};

/// Fixed-width text that sorts like the stamp: "0001732352400000.00000".
std::string encodeHlc(HlcStamp stamp);

}  // namespace nmdt
