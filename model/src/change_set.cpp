#include "model/change_set.h"

#include <charconv>

namespace nmdt {

ChangeSet ChangeSet::auditOnly(AuditEvent event) {
    ChangeSet out{std::string(codeOf(event.kind))};
    out.setAudit(std::move(event));
    return out;
}

void ChangeSet::create(EntityKind kind, std::string id, FieldList fields) {
    changes_.push_back({kind, std::move(id), ChangeOp::Create, std::move(fields)});
}

void ChangeSet::update(EntityKind kind, std::string id, FieldList fields) {
    if (fields.empty())
        return;
    changes_.push_back({kind, std::move(id), ChangeOp::Update, std::move(fields)});
}

// Format, per field: <name-length>:<name><type><payload-length>:<payload>
// where type is 'n' (null, no payload), 'i' (decimal integer) or 's' (UTF-8 text).
std::string encodeFields(const FieldList& fields) {
    std::string out;
    auto putSized = [&out](std::string_view s) {
        out += std::to_string(s.size());
        out += ':';
        out += s;
    };
    for (const auto& f : fields) {
        putSized(f.name);
        if (std::holds_alternative<std::monostate>(f.value)) {
            out += 'n';
        } else if (auto i = std::get_if<std::int64_t>(&f.value)) {
            out += 'i';
            putSized(std::to_string(*i));
        } else {
            out += 's';
            putSized(std::get<std::string>(f.value));
        }
    }
    return out;
}

namespace {
/// Reads the pieces of an encoded field list, refusing anything out of shape.
class FieldReader {
  public:
    explicit FieldReader(std::string_view in) : in_(in) {}
    bool done() const { return pos_ == in_.size(); }
    std::string_view sized() {
        auto colon = in_.find(':', pos_);
        if (colon == std::string_view::npos || colon == pos_ || colon - pos_ > 9)
            throw MalformedChangeData("field length missing");
        std::size_t len = 0;
        auto [p, ec] = std::from_chars(in_.data() + pos_, in_.data() + colon, len);
        if (ec != std::errc() || p != in_.data() + colon)
            throw MalformedChangeData("field length not a number");
        if (len > in_.size() - colon - 1)
            throw MalformedChangeData("field runs past the end");
        std::string_view out = in_.substr(colon + 1, len);
        pos_ = colon + 1 + len;
        return out;
    }
    char type() {
        if (done())
            throw MalformedChangeData("field type missing");
        return in_[pos_++];
    }

  private:
    std::string_view in_;
    std::size_t pos_ = 0;
};
}  // namespace

FieldList decodeFields(std::string_view encoded) {
    FieldList fields;
    FieldReader r(encoded);
    while (!r.done()) {
        Field f;
        f.name = std::string(r.sized());
        if (f.name.empty())
            throw MalformedChangeData("empty field name");
        switch (r.type()) {
            case 'n':
                break;
            case 'i': {
                auto digits = r.sized();
                std::int64_t v = 0;
                auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
                if (ec != std::errc() || p != digits.data() + digits.size())
                    throw MalformedChangeData("integer field not a number");
                f.value = v;
                break;
            }
            case 's':
                f.value = std::string(r.sized());
                break;
            default:
                throw MalformedChangeData("unknown field type");
        }
        fields.push_back(std::move(f));
    }
    return fields;
}

}  // namespace nmdt
