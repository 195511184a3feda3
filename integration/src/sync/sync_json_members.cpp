#include "sync_json_members.h"

#include <string_view>

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

void RequiredMembers::saw(const std::string& name) {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (name == names_[i])
            seen_[i] = true;
}

bool RequiredMembers::has(const char* name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (std::string_view(name) == names_[i])
            return seen_[i];
    return false;
}

void RequiredMembers::require(const std::string& where, const std::string& what) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (!seen_[i])
            throw malformedMessage(what, where + " has no \"" + names_[i] + "\"");
}

bool HeaderMembers::read(JsonReader& json, const std::string& name, const std::string& what) {
    auto& h = header_;
    if (name == "team") {
        h.team = textMember(json, "team", what);
    } else if (name == "site") {
        h.site = textMember(json, "site", what);
    } else if (name == "from") {
        h.fromSequence = wholeMember(json, "from", what);
    } else if (name == "through") {
        h.throughSequence = wholeMember(json, "through", what);
    } else if (name == "part") {
        const auto part = wholeMember(json, "part", what);
        if (part < 0 || part > 0x7fffffff)
            throw malformedMessage(what, "its sequence range is impossible");
        h.part = static_cast<int>(part);
    } else if (name == "keyId") {
        h.keyId = textMember(json, "keyId", what);
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
    } else {
        return false;
    }
    required_.saw(name);
    return true;
}

EnvelopeHeader HeaderMembers::header(const std::string& where, const std::string& what) const {
    required_.require(where, what);
    requirePossibleRange(header_, what);
    return header_;
}

}  // namespace nmdt::integration
