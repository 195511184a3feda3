#include "model/passphrase.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string_view>

namespace nmdt {

namespace {
// NCSC guidance: length over complexity, and a deny-list of passwords seen in breaches. The
// list is built into the program (no file to lose or swap); sorted, for binary search.
constexpr std::string_view kCommonPassphraseList[] = {
#include "common_passphrases.inc"
};
constexpr std::span<const std::string_view> kCommonPassphrases(kCommonPassphraseList);
}  // namespace

void Passphrase::wipe() {
    // Write through a volatile pointer so the compiler cannot drop the stores.
    volatile char* p = text_.data();
    for (std::size_t i = 0; i < text_.size(); ++i)
        p[i] = 0;
    text_.clear();
}

PassphraseVerdict assessPassphrase(std::string_view s) {
    if (s.size() < 12)
        return PassphraseVerdict::TooShort;
    if (std::all_of(s.begin(), s.end(), [&](char c) { return c == s[0]; }))
        return PassphraseVerdict::TooRepetitive;
    std::string lowered(s);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::binary_search(kCommonPassphrases.begin(), kCommonPassphrases.end(),
                           std::string_view(lowered)))
        return PassphraseVerdict::TooCommon;
    int kinds = 0;
    kinds += std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
    kinds += std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c); });
    kinds += std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
    kinds += std::any_of(s.begin(), s.end(), [](unsigned char c) {
        return !std::isalnum(c);  // punctuation, spaces and any non-ASCII letter
    });
    if (s.size() < 16 && kinds < 3)
        return PassphraseVerdict::TooSimple;
    return PassphraseVerdict::Acceptable;
}

std::chrono::milliseconds UnlockThrottle::delayBeforeNextAttempt() const {
    if (failures_ < 3)
        return std::chrono::milliseconds(0);
    int doublings = std::min(failures_ - 3, 6);
    return std::min(std::chrono::milliseconds(1000 << doublings), std::chrono::milliseconds(60000));
}

void requireAcceptable(const Passphrase& candidate) {
    if (auto verdict = assessPassphrase(candidate.reveal());
        verdict != PassphraseVerdict::Acceptable)
        throw PassphraseRejected(verdict);
}

}  // namespace nmdt
