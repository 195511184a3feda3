#include "model/ids.h"

#include <stdexcept>

#include <array>
#include <chrono>
#include <mutex>

namespace nmdt {

namespace {
std::string spell(std::uint64_t high, std::uint64_t low) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    auto put = [&](std::uint64_t v, int nibbles) {
        for (int i = nibbles - 1; i >= 0; --i)
            out.push_back(hex[(v >> (i * 4)) & 0xF]);
    };
    put(high >> 32, 8);
    out.push_back('-');
    put(high >> 16, 4);
    out.push_back('-');
    put(high, 4);
    out.push_back('-');
    put(low >> 48, 4);
    out.push_back('-');
    put(low, 12);
    return out;
}
}  // namespace

std::string formatUuidV7(const UuidV7Parts& p) {
    const std::uint64_t high = ((p.unixMs & 0xFFFFFFFFFFFFull) << 16) | 0x7000ull |  // version 7
                               (p.sequence & 0x0FFFull);
    const std::uint64_t low = (p.random & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
    return spell(high, low);
}

UuidV7Parts UuidV7Sequencer::next(std::uint64_t nowMs, std::uint64_t random) {
    if (nowMs > lastMs_) {
        lastMs_ = nowMs;
        // A random start within the lower half: ids of two desktops made in the same
        // millisecond still differ early, and 2,048 more fit before the millisecond is full.
        sequence_ = static_cast<std::uint16_t>(random >> 53);  // 11 bits
    } else if (sequence_ < 0x0FFF) {
        ++sequence_;
    } else {
        ++lastMs_;  // a full millisecond, or a clock set back: count on from the last one
        sequence_ = 0;
    }
    return {lastMs_, sequence_, random};
}

bool looksLikeUuid(const std::string& t) {
    if (t.size() != 36)
        return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = t[i];
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

std::string SeededIdSource::newUuid() {
    constexpr std::uint64_t k2020Ms = 1577836800000ull;
    return formatUuidV7({k2020Ms + issued_++, static_cast<std::uint16_t>(rng_() >> 52), rng_()});
}

namespace {
/// Time-ordered ids, random bits seeded from std::random_device, guarded so threads can
/// share one source.
class RandomIdSource : public IdSource {
  public:
    RandomIdSource() {
        std::random_device device;
        std::seed_seq seq{device(), device(), device(), device(), device(), device()};
        rng_.seed(seq);
    }
    std::string newUuid() override {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        std::lock_guard lock(mutex_);
        return formatUuidV7(sequencer_.next(static_cast<std::uint64_t>(now), rng_()));
    }

  private:
    std::mutex mutex_;
    std::mt19937_64 rng_;
    UuidV7Sequencer sequencer_;
};
}  // namespace

std::shared_ptr<IdSource> makeRandomIdSource() {
    return std::make_shared<RandomIdSource>();
}

std::string NoIdSource::newUuid() {
    throw std::logic_error("a command that creates nothing asked for a new id");
}

}  // namespace nmdt
