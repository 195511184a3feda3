#pragma once
// The NHS number: ten digits, the last a Modulus 11 check digit.

#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"

namespace nmdt {

/// A validated NHS number; construct only through parse(), so an instance is always valid.
class NhsNumber {
  public:
    /// Accepts "9434765919", "943 476 5919" or "943-476-5919"; refuses anything else with a code.
    static NhsNumber parse(std::string_view text);
    /// The specific reason `text` is not a valid NHS number, or nullopt if it is.
    static std::optional<ErrorCode> check(std::string_view text);
    /// Digits only, spaces and hyphens removed (no validation).
    static std::string digitsOf(std::string_view text);
    /// The check digit for nine leading digits, or nullopt when no digit can be valid (c == 10).
    static std::optional<int> checkDigit(std::string_view nineDigits);

    const std::string& digits() const { return digits_; }
    /// 3-3-4 display form: "943 476 5919".
    std::string formatted() const;
    /// True for the 999 range reserved for testing.
    bool isTestNumber() const { return digits_.starts_with("999"); }

    bool operator==(const NhsNumber&) const = default;

  private:
    explicit NhsNumber(std::string digits) : digits_(std::move(digits)) {}
    std::string digits_;
};

/// 3-3-4 display of any string of ten digits (used where validity is already known).
std::string formatNhsNumber(std::string_view digits);

}  // namespace nmdt
