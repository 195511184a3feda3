#include "model/nhs_number.h"

#include <algorithm>

namespace nmdt {

std::string NhsNumber::digitsOf(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '-')
            out.push_back(c);
    }
    return out;
}

std::optional<int> NhsNumber::checkDigit(std::string_view nine) {
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i)
        sum += (nine[i] - '0') * static_cast<int>(10 - i);
    int c = 11 - sum % 11;
    if (c == 11)
        return 0;
    if (c == 10)
        return std::nullopt;
    return c;
}

std::optional<ErrorCode> NhsNumber::check(std::string_view text) {
    // Separators are accepted only in the 3-3-4 positions, so "94 34765919" is refused.
    std::string digits = digitsOf(text);
    bool separatorsWellPlaced = text.size() == 10 || (text.size() == 12 && text[3] == text[7] &&
                                                      (text[3] == ' ' || text[3] == '-'));
    if (digits.size() != 10 || !separatorsWellPlaced ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return ErrorCode::NhsNumberFormat;
    if (std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; }))
        return ErrorCode::NhsNumberRepeatedDigits;
    auto expected = checkDigit(std::string_view(digits).substr(0, 9));
    if (!expected || *expected != digits[9] - '0')
        return ErrorCode::NhsNumberChecksum;
    return std::nullopt;
}

NhsNumber NhsNumber::parse(std::string_view text) {
    if (auto problem = check(text))
        throw DomainError(*problem, "nhsNumber");
    return NhsNumber(digitsOf(text));
}

std::string NhsNumber::formatted() const {
    return formatNhsNumber(digits_);
}

std::string formatNhsNumber(std::string_view d) {
    if (d.size() != 10)
        return std::string(d);
    std::string out;
    out.reserve(12);
    out.append(d.substr(0, 3)).append(" ").append(d.substr(3, 3)).append(" ").append(d.substr(6));
    return out;
}

}  // namespace nmdt
