#pragma once
// The kinds of entity that the write path, the change log and sync know about, with
// the names of their fields. This list is the schema contract that storage checks.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nmdt {

enum class EntityKind {
    Organisation,
    Professional,
    Case,
    Contact,
    Consent,
    CareTeamMember,
    CarePlan,
    Need,
    Goal,
    Action,
    ProgressNote,
    MeetingSeries,
    Meeting,
    Participant,
    AgendaItem,
};

/// Every entity kind, in an order where referenced kinds come first.
std::span<const EntityKind> allEntityKinds();
/// Stable name used in the change log and on the wire ("case", "progress_note").
std::string_view entityKindName(EntityKind kind);
std::optional<EntityKind> entityKindFromName(std::string_view name);
/// The fields an entity of this kind has (besides its id), in schema order.
std::span<const std::string_view> entityFieldNames(EntityKind kind);
/// True for kinds whose rows are never changed once written (progress notes).
bool isAppendOnly(EntityKind kind);

}  // namespace nmdt
