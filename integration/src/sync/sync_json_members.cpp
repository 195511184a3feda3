#include "sync_json_members.h"

#include "envelope_codec.h"

namespace nmdt::integration {

SyncError malformedMessage(const std::string& what, const std::string& detail) {
    return SyncError(SyncError::Kind::Malformed, what + " is malformed: " + detail);
}

std::string textMember(JsonReader& json, const char* member, const std::string& what) {
    if (json.peek() != JsonReader::Type::String)
        throw malformedMessage(what, std::string("\"") + member + "\" is missing or not text");
    return json.readString();
}

std::int64_t wholeMember(JsonReader& json, const char* member, const std::string& what) {
    if (json.peek() != JsonReader::Type::Number)
        throw malformedMessage(what,
                               std::string("\"") + member + "\" is missing or not a whole number");
    try {
        return json.readInt();
    } catch (const JsonNotWholeError&) {
        throw malformedMessage(what,
                               std::string("\"") + member + "\" is missing or not a whole number");
    }
}

void requireMembers(unsigned seen, std::initializer_list<const char*> names,
                    const std::string& where, const std::string& what) {
    unsigned bit = 1;
    for (const char* name : names) {
        if (!(seen & bit))
            throw malformedMessage(what, where + " has no \"" + name + "\"");
        bit <<= 1;
    }
}

namespace {
enum : unsigned { Team = 1, Site = 2, From = 4, Through = 8, Part = 16, Key = 32, Audience = 64 };
}

bool HeaderMembers::read(JsonReader& json, const std::string& name, const std::string& what) {
    auto& h = header_;
    if (name == "team") {
        h.team = textMember(json, "team", what);
        seen_ |= Team;
    } else if (name == "site") {
        h.site = textMember(json, "site", what);
        seen_ |= Site;
    } else if (name == "from") {
        h.fromSequence = wholeMember(json, "from", what);
        seen_ |= From;
    } else if (name == "through") {
        h.throughSequence = wholeMember(json, "through", what);
        seen_ |= Through;
    } else if (name == "part") {
        const auto part = wholeMember(json, "part", what);
        if (part < 0 || part > 0x7fffffff)
            throw malformedMessage(what, "its sequence range is impossible");
        h.part = static_cast<int>(part);
        seen_ |= Part;
    } else if (name == "keyId") {
        h.keyId = textMember(json, "keyId", what);
        seen_ |= Key;
    } else if (name == "audience") {
        if (json.peek() != JsonReader::Type::Array)
            throw malformedMessage(what, "no audience");
        h.audience.clear();
        json.beginArray();
        while (json.nextElement()) {
            if (json.peek() != JsonReader::Type::String)
                throw malformedMessage(what, "audience holds a non-text member");
            h.audience.push_back(json.readString());
        }
        seen_ |= Audience;
    } else {
        return false;
    }
    return true;
}

EnvelopeHeader HeaderMembers::header(const std::string& where, const std::string& what) const {
    requireMembers(seen_, {"team", "site", "from", "through", "part", "keyId", "audience"}, where,
                   what);
    requirePossibleRange(header_, what);
    return header_;
}

}  // namespace nmdt::integration
