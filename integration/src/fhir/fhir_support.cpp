#include "fhir_support.h"

#include <cctype>
#include <cstdio>

#include "model/ids.h"

namespace nmdt::integration::fhir {

namespace {
using namespace std::chrono;

/// The last Sunday of a month.
sys_days lastSunday(year y, month m) {
    return sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}};
}

/// Minutes the UK is ahead of UTC at a UTC instant: British Summer Time runs from 01:00 UTC
/// on the last Sunday of March to 01:00 UTC on the last Sunday of October.
int ukOffsetAt(sys_time<minutes> utc) {
    year y = year_month_day{floor<days>(utc)}.year();
    auto start = lastSunday(y, March) + hours(1);
    auto end = lastSunday(y, October) + hours(1);
    return (utc >= start && utc < end) ? 60 : 0;
}

std::optional<int> parseHhmm(const std::string& hhmm) {
    int h = 0, m = 0;
    if (hhmm.size() != 5 || std::sscanf(hhmm.c_str(), "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
        return std::nullopt;
    return h * 60 + m;
}

std::string formatLocal(sys_time<minutes> local, int offset) {
    auto day = floor<days>(local);
    hh_mm_ss<minutes> hms(local - day);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00%s", toIsoDate(Date{day}).c_str(),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  offset == 60 ? "+01:00" : "Z");
    return buf;
}
}  // namespace

std::string codeSystem(const std::string& name) {
    return kBase + "/CodeSystem/" + name;
}

std::string extensionUrl(const std::string& name) {
    return kBase + "/StructureDefinition/" + name;
}

Object::Ptr object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Array::Ptr array() {
    return new Array;
}

std::string fullUrlOf(const std::string& resourceType, const std::string& id) {
    if (looksLikeUuid(id))
        return "urn:uuid:" + id;
    return kBase + "/" + resourceType + "/" + id;
}

Object::Ptr reference(const std::string& resourceType, const std::string& id,
                      const std::string& display) {
    auto r = object();
    r->set("reference", fullUrlOf(resourceType, id));
    if (!display.empty())
        r->set("display", display);
    return r;
}

Object::Ptr coding(const std::string& system, const std::string& code, const std::string& display) {
    auto c = object();
    c->set("system", system);
    c->set("code", code);
    if (!display.empty())
        c->set("display", display);
    return c;
}

Object::Ptr codeable(const std::string& system, const std::string& code, const std::string& display,
                     const std::string& text) {
    auto c = object();
    auto codings = array();
    codings->add(coding(system, code, display));
    c->set("coding", codings);
    if (!text.empty())
        c->set("text", text);
    return c;
}

Object::Ptr textConcept(const std::string& text) {
    auto c = object();
    c->set("text", text);
    return c;
}

void addExtension(Object::Ptr resource, const std::string& name, const std::string& type,
                  const Poco::Dynamic::Var& value) {
    Array::Ptr list = resource->has("extension") ? resource->getArray("extension") : array();
    auto e = object();
    e->set("url", extensionUrl(name));
    e->set("value" + type, value);
    list->add(e);
    resource->set("extension", list);
}

std::string instant(Timestamp t) {
    return toIsoTimestamp(t);
}

std::string ukLocalDateTime(Date date, const std::string& hhmm, int addMinutes) {
    int start = parseHhmm(hhmm).value_or(9 * 60);
    sys_time<minutes> local = sys_days{date} + minutes(start + addMinutes);
    // The offset in force at that local time (the hour of change itself is ambiguous; either
    // reading is an hour at most from the other, and meetings are not held at 1 a.m.).
    int offset = ukOffsetAt(local - minutes(60));
    return formatLocal(local, offset);
}

std::optional<Timestamp> parseInstant(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
                    &consumed) != 6)
        return std::nullopt;
    auto date = parseIsoDate(text.substr(0, 10));
    if (!date || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    std::string rest = text.substr(static_cast<std::size_t>(consumed));
    if (!rest.empty() && rest[0] == '.') {  // fractions of a second
        std::size_t i = 1;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])))
            ++i;
        rest = rest.substr(i);
    }
    int offsetMinutes = 0;
    if (rest == "Z") {
        offsetMinutes = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &oh, &om) != 2)
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto local = sys_days{*date} + hours(h) + minutes(mi) + seconds(s);
    return time_point_cast<milliseconds>(local - minutes(offsetMinutes));
}

std::optional<std::pair<Date, std::string>> parseUkLocal(const std::string& dateTime) {
    auto utc = parseInstant(dateTime);
    if (!utc)
        return std::nullopt;
    auto utcMinutes = floor<minutes>(*utc);
    auto local = utcMinutes + minutes(ukOffsetAt(utcMinutes));
    auto day = floor<days>(local);
    hh_mm_ss<minutes> hms(local - day);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return std::make_pair(Date{day}, std::string(buf));
}

}  // namespace nmdt::integration::fhir

#include "crypto/openssl_crypto.h"

namespace nmdt::integration::fhir {
std::string derivedId(const std::string& kind, const std::string& ownerId) {
    std::string h = sha256Hex(crypto::openSsl(), kind + ":" + ownerId);
    h[12] = '5';  // name-based UUID, version 5 shape
    h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20, 12);
}
}  // namespace nmdt::integration::fhir
