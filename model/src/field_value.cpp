#include "model/field_value.h"

namespace nmdt {

const FieldValue* Record::find(std::string_view name) const {
    for (const auto& f : fields_)
        if (f.name == name)
            return &f.value;
    return nullptr;
}

std::optional<std::string> Record::optionalText(std::string_view name) const {
    const FieldValue* v = find(name);
    if (!v)
        return std::nullopt;
    if (auto s = std::get_if<std::string>(v))
        return *s;
    if (auto i = std::get_if<std::int64_t>(v))
        return std::to_string(*i);
    return std::nullopt;
}

std::string Record::text(std::string_view name) const {
    return optionalText(name).value_or("");
}

std::optional<std::int64_t> Record::optionalInteger(std::string_view name) const {
    const FieldValue* v = find(name);
    if (!v)
        return std::nullopt;
    if (auto i = std::get_if<std::int64_t>(v))
        return *i;
    return std::nullopt;
}

std::int64_t Record::integer(std::string_view name, std::int64_t fallback) const {
    return optionalInteger(name).value_or(fallback);
}

}  // namespace nmdt
