#include "model/merge_rules.h"

#include <array>

namespace nmdt {

namespace {
bool isActionStatus(EntityKind kind, std::string_view field) {
    return kind == EntityKind::Action && field == "status";
}
}  // namespace

bool isMechanicalField(EntityKind kind, std::string_view field) {
    if (field == "updated_at" || field == "created_at")
        return true;
    return kind == EntityKind::AgendaItem && field == "order_key";
}

int actionStatusRank(std::string_view status) {
    static constexpr std::array<std::pair<std::string_view, int>, 7> ranks{{
        {"requested", 0},
        {"accepted", 1},
        {"on-hold", 2},
        {"in-progress", 3},
        {"declined", 4},
        {"cancelled", 5},
        {"completed", 6},
    }};
    for (const auto& [name, rank] : ranks)
        if (name == status)
            return rank;
    return -1;
}

FieldDecision decideField(EntityKind kind, std::string_view field,
                          const std::optional<SiteStamp>& localStamp, const FieldValue& localValue,
                          const SiteStamp& remoteStamp, const FieldValue& remoteValue,
                          const std::optional<SiteStamp>& remoteBase) {
    FieldDecision d;
    if (!localStamp) {
        d.takeRemote = true;
        return d;
    }
    if (remoteStamp == *localStamp) {
        // The same write seen twice (a replay), or two writes of one envelope clamped to
        // the same stamp: take the later in hub order, which is the one arriving now.
        d.takeRemote = remoteValue != localValue;
        return d;
    }
    const bool concurrent = !remoteBase || *remoteBase != *localStamp;
    if (!concurrent) {
        // The remote writer saw our value and replaced it.
        d.takeRemote = true;
        return d;
    }
    if (isActionStatus(kind, field)) {
        auto asText = [](const FieldValue& v) {
            auto s = std::get_if<std::string>(&v);
            return s ? std::string_view(*s) : std::string_view();
        };
        int localRank = actionStatusRank(asText(localValue));
        int remoteRank = actionStatusRank(asText(remoteValue));
        d.takeRemote = remoteRank != localRank ? remoteRank > localRank : remoteStamp > *localStamp;
    } else {
        d.takeRemote = remoteStamp > *localStamp;
    }
    d.conflict = remoteValue != localValue && !isMechanicalField(kind, field);
    return d;
}

bool needsClamp(const SiteStamp& stamp, std::int64_t hubTimeMs) {
    return stamp.hlc.wallMs > hubTimeMs + kMaxClockLeadMs;
}

SiteStamp clampStamp(const SiteStamp& stamp, std::int64_t hubTimeMs, std::int64_t hubSequence) {
    if (!needsClamp(stamp, hubTimeMs))
        return stamp;
    return SiteStamp{{hubTimeMs + kMaxClockLeadMs, static_cast<std::uint32_t>(hubSequence)},
                     stamp.site};
}

}  // namespace nmdt
