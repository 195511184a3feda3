#include "model/order_key.h"

#include <stdexcept>

namespace nmdt {

namespace {
constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kBase = static_cast<int>(kDigits.size());

int digitValue(char c) {
    auto pos = kDigits.find(c);
    if (pos == std::string_view::npos)
        throw std::invalid_argument("order key has a bad digit");
    return static_cast<int>(pos);
}
}  // namespace

std::string orderKeyBetween(std::string_view before, std::string_view after) {
    if (!after.empty() && before >= after)
        throw std::invalid_argument("order keys out of order");
    // Walk both keys as base-62 fractions; the first place where they leave room gets
    // the midpoint digit. Generated keys never end in '0', so there is always room below.
    std::string out;
    bool bounded = !after.empty();
    for (std::size_t i = 0;; ++i) {
        int lo = i < before.size() ? digitValue(before[i]) : 0;
        int hi = bounded ? (i < after.size() ? digitValue(after[i]) : 0) : kBase;
        if (lo == hi) {
            out.push_back(kDigits[static_cast<std::size_t>(lo)]);
            continue;
        }
        // Bounded: take the midpoint. Unbounded (appending): step by one, so a long run
        // of appends grows the key by one character per 61 items rather than halving.
        int mid = bounded ? (lo + hi) / 2 : lo + 1;
        if (mid > lo && mid < kBase) {
            out.push_back(kDigits[static_cast<std::size_t>(mid)]);
            return out;
        }
        out.push_back(kDigits[static_cast<std::size_t>(lo)]);
        bounded = false;  // we are now strictly below `after`, whatever follows
    }
}

}  // namespace nmdt
