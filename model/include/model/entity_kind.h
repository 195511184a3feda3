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
    CaseFindingList,   // local to the practice's desktop: never synced
    CaseFindingEntry,  // local to the practice's desktop: never synced
    WellbeingScore,
    ServiceUseMonth,  // local to the practice's desktop: never synced
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
/// True for kinds that never leave the desktop that wrote them (case-finding lists: people
/// not yet referred). Their writes keep no change-log entry or stamps, so nothing of them
/// reaches the outbox, a snapshot or the hub; their audit event records each command.
bool isLocalOnly(EntityKind kind);

}  // namespace nmdt
