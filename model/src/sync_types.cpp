#include "model/sync_types.h"

#include <charconv>

namespace nmdt {

const SiteStamp* findStamp(const FieldStamps& stamps, std::string_view field) {
    for (const auto& s : stamps)
        if (s.field == field)
            return &s.stamp;
    return nullptr;
}

void setStamp(FieldStamps& stamps, std::string_view field, const SiteStamp& stamp) {
    for (auto& s : stamps) {
        if (s.field == field) {
            s.stamp = stamp;
            return;
        }
    }
    stamps.push_back({std::string(field), stamp});
}

std::string encodeStamps(const FieldStamps& stamps) {
    FieldList list;
    list.reserve(stamps.size());
    for (const auto& s : stamps)
        list.push_back({s.field, encodeHlc(s.stamp.hlc) + "." + s.stamp.site});
    return encodeFields(list);
}

FieldStamps decodeStamps(std::string_view encoded) {
    FieldStamps out;
    for (const auto& f : decodeFields(encoded)) {
        auto text = std::get_if<std::string>(&f.value);
        if (!text)
            throw MalformedChangeData("field stamp is not text");
        // "<16-digit wall>.<5-digit counter>.<site>"
        auto first = text->find('.');
        auto second = first == std::string::npos ? first : text->find('.', first + 1);
        if (second == std::string::npos)
            throw MalformedChangeData("field stamp out of shape");
        SiteStamp stamp;
        const char* b = text->data();
        auto r1 = std::from_chars(b, b + first, stamp.hlc.wallMs);
        auto r2 = std::from_chars(b + first + 1, b + second, stamp.hlc.counter);
        if (r1.ec != std::errc() || r2.ec != std::errc() || r1.ptr != b + first ||
            r2.ptr != b + second)
            throw MalformedChangeData("field stamp has a bad clock");
        stamp.site = text->substr(second + 1);
        out.push_back({f.name, std::move(stamp)});
    }
    return out;
}

}  // namespace nmdt
