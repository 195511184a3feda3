#include "snapshot_body.h"

#include <charconv>
#include <map>

namespace nmdt::integration {

namespace {
constexpr const char* kVersion = "nmdt-snapshot-body-1";

SyncError malformed(const std::string& what, const std::string& detail) {
    return SyncError(SyncError::Kind::Malformed, what + " is malformed: " + detail);
}

/// "wall.counter.site-number"
std::string stampKey(const SiteStamp& s, std::size_t site) {
    return std::to_string(s.hlc.wallMs) + "." + std::to_string(s.hlc.counter) + "." +
           std::to_string(site);
}

template <class T>
bool readNumber(std::string_view text, T& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

const std::string& textOf(const Field& f, const std::string& what) {
    auto s = std::get_if<std::string>(&f.value);
    if (!s)
        throw malformed(what, "\"" + f.name + "\" is not text");
    return *s;
}
}  // namespace

FieldList snapshotHeaderFields(const SnapshotHeader& h) {
    return {{"team", h.team},
            {"site", h.site},
            {"organisation", h.organisation},
            {"id", h.id},
            {"cursor", h.cursor},
            {"chunk", static_cast<std::int64_t>(h.chunk)},
            {"last", static_cast<std::int64_t>(h.last ? 1 : 0)},
            {"key", h.keyId}};
}

std::string encodeSnapshotBody(const SnapshotHeader& header,
                               const std::vector<SyncEntry>& records) {
    ChangeLogEntry by;
    if (!records.empty())
        by = records.front().change;
    std::map<std::string, std::size_t> siteNumbers;
    FieldList sites, list;
    auto numberOf = [&](const std::string& site) {
        auto [it, added] = siteNumbers.emplace(site, siteNumbers.size());
        if (added)
            sites.push_back({std::to_string(it->second), site});
        return it->second;
    };
    for (const auto& r : records) {
        // Fields sharing a stamp (a record made in one edit) are named together.
        std::vector<std::pair<std::string, std::string>> groups;
        for (const auto& s : r.fieldStamps) {
            auto key = stampKey(s.stamp, numberOf(s.stamp.site));
            auto g = std::find_if(groups.begin(), groups.end(),
                                  [&](const auto& x) { return x.first == key; });
            if (g == groups.end())
                groups.push_back({key, s.field});
            else
                g->second += " " + s.field;
        }
        FieldList stamps;
        for (auto& [key, fields] : groups)
            stamps.push_back({key, std::move(fields)});
        list.push_back({std::string(entityKindName(r.change.kind)),
                        encodeFields({{"id", r.change.entityId},
                                      {"fields", encodeFields(r.change.fields)},
                                      {"stamps", encodeFields(stamps)}})});
    }
    return encodeFields(
        {{"v", std::string(kVersion)},
         {"snapshot", encodeFields(snapshotHeaderFields(header))},
         {"by", encodeFields({{"wall", by.hlc.wallMs},
                              {"counter", static_cast<std::int64_t>(by.hlc.counter)},
                              {"site", header.site},
                              {"intent", by.intent},
                              {"user", by.userId},
                              {"userName", by.userName},
                              {"role", by.role},
                              {"organisation", by.organisationId}})},
         {"sites", encodeFields(sites)},
         {"records", encodeFields(list)}});
}

std::vector<SyncEntry> decodeSnapshotBody(const std::string& body, const SnapshotHeader& expected,
                                          const std::string& what) {
    try {
        const Record top(decodeFields(body));
        if (top.text("v") != kVersion)
            throw malformed(what, "it is not a snapshot body this desktop reads");
        if (decodeFields(top.text("snapshot")) != snapshotHeaderFields(expected))
            throw SyncError(SyncError::Kind::Tampered,
                            what + "'s header does not match the one sealed inside it");
        const Record by(decodeFields(top.text("by")));
        if (by.text("site") != expected.site)
            throw SyncError(SyncError::Kind::Tampered,
                            what + " carries records stamped by another site");
        ChangeLogEntry change;
        const auto counter = by.integer("counter", -1);
        if (counter < 0 || counter > 0xffffffffLL)
            throw malformed(what, "its stamp has a bad clock");
        change.hlc = {by.integer("wall"), static_cast<std::uint32_t>(counter)};
        change.siteId = expected.site;
        change.op = ChangeOp::Create;
        change.intent = by.text("intent");
        change.userId = by.text("user");
        change.userName = by.text("userName");
        change.role = by.text("role");
        change.organisationId = by.text("organisation");

        std::vector<std::string> sites;
        for (const auto& f : decodeFields(top.text("sites"))) {
            if (f.name != std::to_string(sites.size()))
                throw malformed(what, "its site table is out of order");
            sites.push_back(textOf(f, what));
        }
        std::vector<SyncEntry> out;
        for (const auto& item : decodeFields(top.text("records"))) {
            auto kind = entityKindFromName(item.name);
            if (!kind)
                throw malformed(what, "a record names an unknown kind \"" + item.name + "\"");
            const Record r(decodeFields(textOf(item, what)));
            SyncEntry entry;
            entry.change = change;
            entry.change.kind = *kind;
            entry.change.entityId = r.text("id");
            if (entry.change.entityId.empty())
                throw malformed(what, "a record has no id");
            entry.change.fields = decodeFields(r.text("fields"));
            for (const auto& group : decodeFields(r.text("stamps"))) {
                // "wall.counter.site-number" = "field field ..."
                std::string_view key = group.name;
                auto dot1 = key.find('.'), dot2 = key.rfind('.');
                std::int64_t wall = 0;
                std::uint32_t stampCounter = 0;
                std::size_t site = 0;
                if (dot1 == std::string_view::npos || dot1 == dot2 ||
                    !readNumber(key.substr(0, dot1), wall) ||
                    !readNumber(key.substr(dot1 + 1, dot2 - dot1 - 1), stampCounter) ||
                    !readNumber(key.substr(dot2 + 1), site) || site >= sites.size())
                    throw malformed(what, "a record's stamp is out of shape");
                std::string_view names = textOf(group, what);
                for (std::size_t start = 0; start <= names.size();) {
                    auto end = names.find(' ', start);
                    if (end == std::string_view::npos)
                        end = names.size();
                    if (end == start)
                        throw malformed(what, "a record's stamp names no field");
                    entry.fieldStamps.push_back({std::string(names.substr(start, end - start)),
                                                 SiteStamp{{wall, stampCounter}, sites[site]}});
                    start = end + 1;
                }
            }
            out.push_back(std::move(entry));
        }
        return out;
    } catch (const MalformedChangeData& bad) {
        throw malformed(what, bad.what());
    }
}

}  // namespace nmdt::integration
