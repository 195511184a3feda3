#pragma once
// Actions agreed for a case, their status state machine, and append-only progress notes.

#include <optional>
#include <string>
#include <vector>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

enum class ActionStatus { Requested, Accepted, InProgress, OnHold, Completed, Cancelled, Declined };

template <>
struct EnumCodes<ActionStatus> {
    static constexpr std::array<std::pair<ActionStatus, std::string_view>, 7> table{{
        {ActionStatus::Requested, "requested"},
        {ActionStatus::Accepted, "accepted"},
        {ActionStatus::InProgress, "in-progress"},
        {ActionStatus::OnHold, "on-hold"},
        {ActionStatus::Completed, "completed"},
        {ActionStatus::Cancelled, "cancelled"},
        {ActionStatus::Declined, "declined"},
    }};
};

enum class Priority { Routine, Urgent, Asap, Stat };

template <>
struct EnumCodes<Priority> {
    static constexpr std::array<std::pair<Priority, std::string_view>, 4> table{{
        {Priority::Routine, "routine"},
        {Priority::Urgent, "urgent"},
        {Priority::Asap, "asap"},
        {Priority::Stat, "stat"},
    }};
};

/// True while the action still needs doing (requested, accepted, in progress, on hold).
bool isOpen(ActionStatus status);
/// The statuses an action may move to from `from`.
std::vector<ActionStatus> allowedTransitions(ActionStatus from);
bool canTransition(ActionStatus from, ActionStatus to);
/// Moving to these statuses must say why (declined, cancelled, on hold, reopened).
bool transitionNeedsReason(ActionStatus from, ActionStatus to);

/// Whether a progress note may leave this desktop.
enum class NoteSharing { Shared, PrivateToThisDesktop };

/// A task allocated to a named person and/or organisation.
struct Action {
    ActionId id;
    CaseId caseId;
    std::string goalLineage;  // the goal it serves, stable across plan versions
    MeetingId meetingId;      // the meeting that raised it, if any
    std::string title;
    std::string detail;
    ProfessionalId owner;
    OrganisationId ownerOrganisation;
    ProfessionalId requester;
    std::optional<Date> dueDate;
    Priority priority = Priority::Routine;
    ActionStatus status = ActionStatus::Requested;
    std::string statusReason;
    Timestamp createdAt{};
    Timestamp updatedAt{};

    bool isOverdue(Date today) const { return isOpen(status) && dueDate && *dueDate < today; }
};

/// A dated note of progress on an action; never edited once written.
struct ProgressNote {
    NoteId id;
    ActionId actionId;
    ProfessionalId author;
    Timestamp writtenAt{};
    std::string text;
    bool isPrivate = false;  // kept on this desktop only, never synced
};

}  // namespace nmdt
