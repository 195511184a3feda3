#include "model/ids.h"

#include <stdexcept>

#include <array>
#include <mutex>

namespace nmdt {

std::string formatUuidV4(std::uint64_t high, std::uint64_t low) {
    high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // RFC 4122 variant
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
    std::uint64_t high = rng_();
    return formatUuidV4(high, rng_());
}

namespace {
/// Random ids seeded from std::random_device, guarded so threads can share one source.
class RandomIdSource : public IdSource {
  public:
    RandomIdSource() {
        std::random_device device;
        std::seed_seq seq{device(), device(), device(), device(), device(), device()};
        rng_.seed(seq);
    }
    std::string newUuid() override {
        std::lock_guard lock(mutex_);
        std::uint64_t high = rng_();
        return formatUuidV4(high, rng_());
    }

  private:
    std::mutex mutex_;
    std::mt19937_64 rng_;
};
}  // namespace

std::shared_ptr<IdSource> makeRandomIdSource() {
    return std::make_shared<RandomIdSource>();
}

std::string NoIdSource::newUuid() {
    throw std::logic_error("a command that creates nothing asked for a new id");
}

}  // namespace nmdt
