#pragma once
// The agenda circulated before an MDT and the minutes after it. Both name residents by
// initials and NHS number only: the minimum needed to identify them in the meeting.

#include "../printing/report.h"
#include "model/case_record_service.h"
#include "model/meeting.h"
#include "model/store.h"

namespace nmdt::gui {

/// "J.S." for John Smith; works for any script (first letter of each name).
std::string initialsOf(const Resident& resident);
/// Words for the agenda reasons the model uses as codes ("open-actions" -> "Open actions").
std::string agendaReasonText(const std::string& reason);

/// What a meeting, its agenda and its minutes are read from.
struct MeetingSources {
    const MeetingReader& meetings;
    const CaseReader& cases;
    const DirectoryReader& directory;
    const ActionReader& actions;  // those raised at the meeting, for its minutes
};

Report agendaReport(const Meeting& meeting, const MeetingSources& sources,
                    const std::string& printedBy, Timestamp printedAt);
Report minutesReport(const Meeting& meeting, const MeetingSources& sources,
                     const std::string& printedBy, Timestamp printedAt);

}  // namespace nmdt::gui
