#pragma once
// Use cases for MDT meetings: schedule, build the agenda (carrying cases forward),
// run it live, record outcomes and close it.

#include <optional>
#include <string>
#include <vector>

#include "model/action_service.h"
#include "model/service_context.h"

namespace nmdt {

/// What the chair records for one agenda item, typed live in the meeting.
struct Outcome {
    std::string discussion;
    std::string decision;
    std::string planChanges;
    bool reviewAtNextMeeting = false;
    std::vector<NewAction> actions;
    ResidentVoice voice;
};

/// What New Meeting did: made the next meeting, or found one already planned.
struct NextMeeting {
    MeetingId id;
    bool alreadyPlanned = false;
};

/// Before closing: how much of the meeting was recorded (the chair is warned when little).
struct ClosingCheck {
    std::size_t residents = 0;   // on the agenda
    std::size_t discussed = 0;   // with an outcome recorded
    std::size_t invited = 0;     // organisations invited
    std::size_t unrecorded = 0;  // of those, attendance not recorded
};

/// Schedules, prepares, runs and closes meetings.
class MeetingService {
  public:
    explicit MeetingService(ServiceContext context) : ctx_(context) {}

    MeetingId schedule(Meeting meeting);
    /// Moves a planned meeting or changes its title, time, length, place or video link.
    /// Refuses a date in the past, a time that is not HH:MM, a length outside 15 minutes to
    /// 8 hours. Undoable.
    void changeDetails(const MeetingId& id, const Meeting& details);
    /// Calls off a planned meeting, saying why: it is closed with the reason, and its agenda
    /// is released so every resident on it comes to the next meeting.
    void cancel(const MeetingId& id, const std::string& reason);
    /// New Meeting: the meeting of `series` already planned from today on if there is one;
    /// otherwise one cadence after the series' latest (on the next working day), same
    /// time, place and length, chaired by the actor, with the latest invitees, in one
    /// change set. A series' first meeting takes its defaults (name, time, length, place,
    /// invitees) a week from today. An empty series means meetings from before series.
    NextMeeting scheduleNext(const MeetingSeriesId& series = {});

    /// Sets up an MDT series (a frailty MDT, a mental health MDT). Refuses a missing or
    /// repeated name, a cadence outside 7 to 91 days, a time that is not HH:MM, a length
    /// outside 15 minutes to 8 hours, or an invitee that is not in the directory.
    MeetingSeriesId createSeries(MeetingSeries series);
    /// Changes a series' defaults (for meetings planned from now on). Undoable.
    void changeSeries(const MeetingSeries& series);
    std::vector<MeetingSeries> series() const;
    ClosingCheck closingCheck(const MeetingId& id) const;
    /// Adds the cases that must come back and are not already listed, in the order a team
    /// works through them: new referrals (urgent first), overdue actions (longest overdue
    /// first), other open actions, reviews due or flagged, until their time (3 minutes each)
    /// fills the meeting's length; urgent new referrals always come. Returns how many were
    /// added; `leftForLater` says how many at least did not fit (they come to the next
    /// meeting; on a full agenda the rest are not read to count them).
    std::size_t buildAgenda(const MeetingId& id, std::size_t* leftForLater = nullptr);
    AgendaItemId addItem(const MeetingId& id, const CaseId& caseId, const std::string& reason,
                         int minutes = 3, bool carriedForward = false);
    void removeItem(const AgendaItemId& itemId);
    /// Moves an item to sit between two neighbours (either may be empty: first / last).
    void moveItem(const AgendaItemId& itemId, const std::optional<AgendaItemId>& after,
                  const std::optional<AgendaItemId>& before);
    void setItemDetails(const AgendaItemId& itemId, int minutes, bool forInformationOnly);
    ParticipantId invite(const MeetingId& id, const OrganisationId& org,
                         const ProfessionalId& person = {});
    /// Invites several organisations in one change; those already invited are left as they
    /// are. Returns how many were added.
    std::size_t inviteAll(const MeetingId& id, const std::vector<OrganisationId>& organisations);
    void recordAttendance(const ParticipantId& participant, Attendance attendance);
    void open(const MeetingId& id);
    /// Records discussion, decision and actions arising in one change set.
    std::vector<ActionId> recordOutcome(const AgendaItemId& itemId, const Outcome& outcome);
    void close(const MeetingId& id);
    /// Closes the meeting and makes sure the next one exists (fortnightly, same time,
    /// place, chair and invitees) with its carry-forward agenda built. Returns its id.
    MeetingId closeAndCarryForward(const MeetingId& id);

    Meeting get(const MeetingId& id) const;
    /// Agenda in order, without removed items.
    std::vector<AgendaItem> agenda(const MeetingId& id) const;

  private:
    void validateSeries(const MeetingSeries& series) const;
    /// Adds to `changes` the cases `meeting` should discuss and does not list yet: reviews
    /// due, open actions, new referrals. Returns how many.
    std::size_t carryForwardInto(ChangeSet& changes, const Meeting& meeting,
                                 std::size_t* leftForLater) const;
    AgendaItem item(const AgendaItemId& id) const;
    Meeting editable(const MeetingId& id) const;
    ServiceContext ctx_;
};

}  // namespace nmdt
