#pragma once
// A single field's value as it crosses the write path: null, integer or UTF-8 text.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace nmdt {

using FieldValue = std::variant<std::monostate, std::int64_t, std::string>;

/// One named field and its value.
struct Field {
    std::string name;
    FieldValue value;
    bool operator==(const Field&) const = default;
};

/// The fields of one entity, in schema order.
using FieldList = std::vector<Field>;

/// Read access to the fields of one stored row, by name.
class Record {
  public:
    Record() = default;
    explicit Record(FieldList fields) : fields_(std::move(fields)) {}

    const FieldValue* find(std::string_view name) const;
    std::string text(std::string_view name) const;  // "" when null or absent
    std::optional<std::string> optionalText(std::string_view name) const;
    std::int64_t integer(std::string_view name, std::int64_t fallback = 0) const;
    std::optional<std::int64_t> optionalInteger(std::string_view name) const;
    bool flag(std::string_view name) const { return integer(name) != 0; }
    const FieldList& fields() const { return fields_; }

  private:
    FieldList fields_;
};

/// Helpers to build field values from optional model members.
inline FieldValue textOrNull(const std::optional<std::string>& v) {
    return v ? FieldValue(*v) : FieldValue();
}
inline FieldValue textOrNull(const std::string& v) {
    return v.empty() ? FieldValue() : FieldValue(v);
}

}  // namespace nmdt
