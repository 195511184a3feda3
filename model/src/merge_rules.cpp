#include "model/merge_rules.h"

namespace nmdt {

bool isMechanicalField(EntityKind kind, std::string_view field) {
    if (field == "updated_at" || field == "created_at")
        return true;
    return kind == EntityKind::AgendaItem && field == "order_key";
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
    // Last writer wins, by (HLC, site): a maximum is the same whatever order writes
    // arrive in, so every desktop ends with the same value. The other value is kept.
    d.takeRemote = remoteStamp > *localStamp;
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
