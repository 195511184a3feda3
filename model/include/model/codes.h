#pragma once
// Stable text codes for the model's enumerations (stored, synced, exported).

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace nmdt {

/// Maps every value of an enum to a stable code; specialised once per enum.
template <class E>
struct EnumCodes;

template <class E>
constexpr std::string_view codeOf(E value) {
    for (const auto& [v, code] : EnumCodes<E>::table)
        if (v == value)
            return code;
    return "";
}

template <class E>
constexpr std::optional<E> fromCode(std::string_view code) {
    for (const auto& [v, c] : EnumCodes<E>::table)
        if (c == code)
            return v;
    return std::nullopt;
}

template <class E>
constexpr auto allValues() {
    std::array<E, EnumCodes<E>::table.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = EnumCodes<E>::table[i].first;
    return out;
}

}  // namespace nmdt
