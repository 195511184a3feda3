// The sealed body of an envelope read in one pass (json_reader.h), checked as strictly as
// the tree Poco built before: members in any order, unknown members passed over, the last
// of a repeated member kept, fields in name order.
#include <algorithm>
#include <optional>

#include "envelope_codec.h"
#include "json_reader.h"
#include "sync_json_members.h"

namespace nmdt::integration {

namespace {

/// Reads one body; `what` names it in every message.
class BodyReader {
  public:
    BodyReader(const std::string& text, const std::string& what) : json_(text), what_(what) {}

    void read() {
        json_.beginObject();
        std::string name;
        while (json_.nextMember(name)) {
            if (name == "header")
                header = readHeader();
            else if (name == "entries")
                entries = readEntries();
            else
                json_.skipValue();
        }
        json_.finish();
    }

    std::optional<EnvelopeHeader> header;
    std::optional<std::vector<SyncEntry>> entries;

  private:
    std::string text(const char* member) { return textMember(json_, member, what_); }
    std::int64_t whole(const char* member) { return wholeMember(json_, member, what_); }

    EnvelopeHeader readHeader() {
        if (json_.peek() != JsonReader::Type::Object)
            throw malformedMessage(what_, "its sealed header is missing");
        HeaderMembers members;
        json_.beginObject();
        std::string name;
        while (json_.nextMember(name))
            if (!members.read(json_, name, what_))
                json_.skipValue();
        return members.header("its sealed header", what_);
    }

    std::vector<SyncEntry> readEntries() {
        if (json_.peek() != JsonReader::Type::Array)
            throw malformedMessage(what_, "it has no entries");
        std::vector<SyncEntry> out;
        json_.beginArray();
        while (json_.nextElement())
            out.push_back(readEntry(out.size()));
        return out;
    }

    SyncEntry readEntry(std::size_t index) {
        const std::string which = "entry " + std::to_string(index);
        if (json_.peek() != JsonReader::Type::Object)
            throw malformedMessage(what_, which + " is not an object");
        SyncEntry entry;
        auto& e = entry.change;
        RequiredMembers required{"kind",   "id",     "op",   "wall",     "counter", "site",
                                 "fields", "intent", "user", "userName", "role",    "organisation"};
        std::int64_t counter = 0;
        json_.beginObject();
        std::string name;
        while (json_.nextMember(name)) {
            if (name == "kind") {
                const auto kindName = text("kind");
                const auto kind = entityKindFromName(kindName);
                if (!kind)
                    throw malformedMessage(what_,
                                           which + " names an unknown kind \"" + kindName + "\"");
                if (isLocalOnly(*kind))
                    throw malformedMessage(
                        what_, which + " is a " + kindName + ", which never leaves its desktop");
                e.kind = *kind;
            } else if (name == "id") {
                e.entityId = text("id");
            } else if (name == "op") {
                const auto op = text("op");
                if (op != "create" && op != "update")
                    throw malformedMessage(what_, which + " has an unknown operation");
                e.op = op == "create" ? ChangeOp::Create : ChangeOp::Update;
            } else if (name == "wall") {
                e.hlc.wallMs = whole("wall");
            } else if (name == "counter") {
                counter = whole("counter");
            } else if (name == "site") {
                e.siteId = text("site");
            } else if (name == "fields") {
                if (json_.peek() != JsonReader::Type::Object)
                    throw malformedMessage(what_, which + " has no fields");
                e.fields = readFields();
            } else if (name == "base") {
                entry.base = readStamps();
            } else if (name == "stamps") {
                entry.fieldStamps = readStamps();
            } else if (name == "intent") {
                e.intent = text("intent");
            } else if (name == "user") {
                e.userId = text("user");
            } else if (name == "userName") {
                e.userName = text("userName");
            } else if (name == "role") {
                e.role = text("role");
            } else if (name == "organisation") {
                e.organisationId = text("organisation");
            } else {
                json_.skipValue();
            }
            required.saw(name);
        }
        if (!required.has("fields"))
            throw malformedMessage(what_, which + " has no fields");
        required.require(which, what_);
        if (counter < 0 || counter > 0xffffffffLL)
            throw malformedMessage(what_, which + " has a bad clock");
        e.hlc.counter = static_cast<std::uint32_t>(counter);
        return entry;
    }

    FieldValue readValue() {
        switch (json_.peek()) {
            case JsonReader::Type::String:
                return FieldValue(json_.readString());
            case JsonReader::Type::Null:
                json_.readNull();
                return FieldValue();
            case JsonReader::Type::Number:
                try {
                    return FieldValue(json_.readInt());
                } catch (const JsonNotWholeError&) {
                }
                [[fallthrough]];
            default:
                throw malformedMessage(what_,
                                       "a field value is neither text, a whole number nor null");
        }
    }

    /// In name order, a repeated name read last kept: as a JSON object read into a map.
    FieldList readFields() {
        FieldList fields;
        json_.beginObject();
        std::string name;
        while (json_.nextMember(name))
            fields.push_back({name, readValue()});
        return lastOfEachInNameOrder(std::move(fields),
                                     [](const auto& f) -> const std::string& { return f.name; });
    }

    FieldStamps readStamps() {
        if (json_.peek() != JsonReader::Type::Object)
            throw malformedMessage(what_, "a base stamp is out of shape");
        FieldStamps out;
        json_.beginObject();
        std::string name;
        while (json_.nextMember(name)) {
            if (json_.peek() != JsonReader::Type::Array)
                throw malformedMessage(what_, "a base stamp is out of shape");
            json_.beginArray();
            std::int64_t parts[2] = {0, 0};
            std::string site;
            int count = 0;
            while (json_.nextElement()) {
                const auto type = json_.peek();
                if (count < 2 && type == JsonReader::Type::Number)
                    parts[count] = wholeMember(json_, "a base stamp's clock", what_);
                else if (count == 2 && type == JsonReader::Type::String)
                    site = json_.readString();
                else
                    throw malformedMessage(what_, "a base stamp is out of shape");
                ++count;
            }
            if (count != 3)
                throw malformedMessage(what_, "a base stamp is out of shape");
            if (parts[1] < 0 || parts[1] > 0xffffffffLL)
                throw malformedMessage(what_, "a base stamp's counter is out of range");
            out.push_back({name, SiteStamp{{parts[0], static_cast<std::uint32_t>(parts[1])},
                                           std::move(site)}});
        }
        return lastOfEachInNameOrder(std::move(out),
                                     [](const auto& s) -> const std::string& { return s.field; });
    }

    template <class List, class Name>
    static List lastOfEachInNameOrder(List list, Name nameOf) {
        // Stable: of a repeated name, the one read last ends last, and is the one kept.
        std::stable_sort(list.begin(), list.end(),
                         [&](const auto& a, const auto& b) { return nameOf(a) < nameOf(b); });
        List kept;
        kept.reserve(list.size());
        for (auto& item : list) {
            if (!kept.empty() && nameOf(kept.back()) == nameOf(item))
                kept.back() = std::move(item);
            else
                kept.push_back(std::move(item));
        }
        return kept;
    }

    JsonReader json_;
    const std::string& what_;
};

}  // namespace

std::vector<SyncEntry> decodeBody(const std::string& text, const EnvelopeHeader& expected,
                                  const std::string& what) {
    BodyReader body(text, what);
    try {
        body.read();
    } catch (const JsonReadError& e) {
        throw malformedMessage(what, std::string("it is not valid JSON (") + e.what() + ")");
    }
    if (!body.header)
        throw malformedMessage(what, "its sealed header is missing");
    const auto& sealed = *body.header;
    if (sealed.team != expected.team || sealed.site != expected.site ||
        sealed.fromSequence != expected.fromSequence ||
        sealed.throughSequence != expected.throughSequence || sealed.part != expected.part ||
        sealed.keyId != expected.keyId || sealed.audience != expected.audience)
        throw SyncError(SyncError::Kind::Tampered,
                        what + "'s routing header does not match the one sealed inside it");
    if (!body.entries)
        throw malformedMessage(what, "it has no entries");
    for (const auto& entry : *body.entries)
        if (entry.change.siteId != expected.site)
            throw SyncError(SyncError::Kind::Tampered,
                            what + " carries a change stamped by another site");
    return std::move(*body.entries);
}

}  // namespace nmdt::integration
