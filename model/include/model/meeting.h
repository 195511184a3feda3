#pragma once
// MDT meetings: who was invited and came, and the agenda of cases discussed.

#include <optional>
#include <string>
#include <vector>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

enum class MeetingStatus { Planned, InProgress, Closed };

template <>
struct EnumCodes<MeetingStatus> {
    static constexpr std::array<std::pair<MeetingStatus, std::string_view>, 3> table{{
        {MeetingStatus::Planned, "planned"},
        {MeetingStatus::InProgress, "in-progress"},
        {MeetingStatus::Closed, "closed"},
    }};
};

/// FHIR Appointment participant statuses, plus what actually happened on the day.
enum class Attendance { NeedsAction, Accepted, Declined, Tentative, Attended, Absent };

template <>
struct EnumCodes<Attendance> {
    static constexpr std::array<std::pair<Attendance, std::string_view>, 6> table{{
        {Attendance::NeedsAction, "needs-action"},
        {Attendance::Accepted, "accepted"},
        {Attendance::Declined, "declined"},
        {Attendance::Tentative, "tentative"},
        {Attendance::Attended, "attended"},
        {Attendance::Absent, "absent"},
    }};
};

/// A run of MDT meetings with a purpose of its own (a frailty MDT, a mental health MDT):
/// how often it meets, when and for how long, where, and who is invited by default.
struct MeetingSeries {
    MeetingSeriesId id;
    std::string name;
    int cadenceDays = 14;  // 7 weekly, 14 fortnightly, 28 four-weekly
    std::string startTime = "13:00";
    int durationMinutes = 90;
    std::string place;
    std::string link;
    std::vector<OrganisationId> defaultInvitees;
    bool active = true;  // retired series keep their meetings but plan no more
};

/// One MDT meeting.
struct Meeting {
    MeetingId id;
    std::string title;
    Date date{};
    std::string startTime;  // "HH:MM", local time
    int durationMinutes = 90;
    std::string place;
    std::string link;
    ProfessionalId chair;
    MeetingStatus status = MeetingStatus::Planned;
    std::optional<Timestamp> openedAt;
    std::optional<Timestamp> closedAt;
    std::string cancelledReason;  // set when a planned meeting was called off (then closed)
    MeetingSeriesId seriesId;     // empty for meetings from before series existed
};

/// An organisation (and optionally a named person) invited to a meeting.
struct Participant {
    ParticipantId id;
    MeetingId meetingId;
    OrganisationId organisationId;
    ProfessionalId professionalId;
    bool invited = true;
    Attendance attendance = Attendance::NeedsAction;
};

/// The resident's own part in their item: who of theirs was there and what they agreed.
struct ResidentVoice {
    bool residentAttended = false;
    bool carerAttended = false;  // a carer, relative or advocate
    bool agreedPlan = false;     // the resident agreed the plan discussed
    bool copyGiven = false;      // and was given (or sent) a copy of it

    bool operator==(const ResidentVoice&) const = default;
};

/// A case on a meeting's agenda, and what was decided about it.
struct AgendaItem {
    AgendaItemId id;
    MeetingId meetingId;
    CaseId caseId;
    std::string reason;
    int minutesAllotted = 3;
    std::string orderKey;  // sortable text; see order_key.h
    bool carriedForward = false;
    bool forInformationOnly = false;
    std::string discussion;
    std::string decision;
    std::string planChanges;
    bool discussed = false;
    bool removed = false;  // taken off the agenda (kept for the record, as a tombstone)
    ResidentVoice voice;
};

/// One MDT discussion of a case: the meeting and its agenda item about the case.
struct Discussion {
    Meeting meeting;
    AgendaItem item;
};

}  // namespace nmdt
