#include "model/hybrid_clock.h"

#include <algorithm>
#include <cstdio>

namespace nmdt {

HlcStamp HybridLogicalClock::tick(std::int64_t physicalMs) {
    if (physicalMs > last_.wallMs) {
        last_ = {physicalMs, 0};
    } else {
        ++last_.counter;
    }
    return last_;
}

HlcStamp HybridLogicalClock::receive(HlcStamp remote, std::int64_t physicalMs) {
    std::int64_t wall = std::max({last_.wallMs, remote.wallMs, physicalMs});
    std::uint32_t counter = 0;
    if (wall == last_.wallMs && wall == remote.wallMs) {
        counter = std::max(last_.counter, remote.counter) + 1;
    } else if (wall == last_.wallMs) {
        counter = last_.counter + 1;
    } else if (wall == remote.wallMs) {
        counter = remote.counter + 1;
    }
    last_ = {wall, counter};
    return last_;
}

std::string encodeHlc(HlcStamp s) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016lld.%05u", static_cast<long long>(s.wallMs), s.counter);
    return buf;
}

}  // namespace nmdt
