#pragma once
// Use cases for actions: raise, move through the status state machine, note progress,
// reassign, and the lists navigators work from.

#include <optional>
#include <string>
#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// What raising an action needs.
struct NewAction {
    CaseId caseId;
    std::string title;
    std::string detail;
    ProfessionalId owner;
    OrganisationId ownerOrganisation;
    std::optional<Date> dueDate;
    Priority priority = Priority::Routine;
    std::string goalLineage;
    MeetingId meetingId;
};

/// Raises and works actions.
class ActionService {
  public:
    explicit ActionService(ServiceContext context) : ctx_(context) {}

    /// Checks a new action and returns the change that creates it, so a caller can add it
    /// to a larger change set (recording a meeting outcome writes several at once).
    Action prepare(const NewAction& request) const;
    ActionId raise(const NewAction& request);
    void changeStatus(const ActionId& id, ActionStatus to, const std::string& reason = {});
    /// A private note stays on this desktop: sync never sends it to anyone.
    NoteId addNote(const ActionId& id, const std::string& text,
                   NoteSharing sharing = NoteSharing::Shared);
    void reassign(const ActionId& id, const ProfessionalId& owner,
                  const OrganisationId& organisation);
    void reschedule(const ActionId& id, std::optional<Date> dueDate);
    /// Moves the due date and/or changes the priority, saying why: the reason (worded by
    /// the caller, e.g. "Due date moved to 14-Dec-2026: waiting for the OT") is added as a
    /// shared progress note in the same change. Refuses no change, or no reason.
    void replan(const ActionId& id, std::optional<Date> dueDate, Priority priority,
                const std::string& reason);

    Action get(const ActionId& id) const;
    std::vector<Action> mine(std::size_t limit = 500) const;
    std::vector<Action> forOrganisation(const OrganisationId& org, std::size_t limit = 500) const;
    std::vector<Action> overdue(const std::optional<OrganisationId>& org,
                                std::size_t limit = 500) const;
    std::size_t overdueCount(const std::optional<OrganisationId>& org) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
