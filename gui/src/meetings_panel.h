#pragma once
// The chair's meeting workspace: plan the agenda (carried forward, reordered, timed),
// run the meeting live with a clock, record attendance and outcomes, close it, and print
// or save the agenda and minutes.

#include <wx/cmndata.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <optional>
#include <vector>

#include "model/commands.h"
#include "printing/report.h"
#include "reports/meeting_reports.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// Plans, runs and closes MDT meetings.
class MeetingsPanel : public wxPanel {
  public:
    MeetingsPanel(wxWindow* parent, Commands commands, MeetingSources sources);

    // What the panel shows.
    std::optional<Meeting> current() const;
    std::vector<AgendaItem> agenda() const { return items_; }
    long selectedItem() const;
    void selectItem(long row);
    wxListCtrl* agendaList() const { return agendaList_; }
    wxListCtrl* attendanceList() const { return attendanceList_; }
    /// "Meeting 00:42 of 1:30  |  This case 02:15 of 3 min"
    wxString clockText() const;
    /// Beside the meeting picker: the meeting's state, or what to do when there is none.
    wxString stateText() const;
    /// Whether the agenda and minutes can be saved or printed (there is a meeting shown).
    bool canOutputMeeting() const;

    /// Reads the meeting again (after Undo, say), keeping what the outcome editor holds.
    void refresh();

    // The commands, as buttons and menus run them; on refusal `problem` says why.
    void selectMeeting(const MeetingId& id);
    /// New Meeting of `series` (empty: the meetings from before series); `alreadyPlanned`
    /// says it found the next meeting planned already.
    std::optional<MeetingId> scheduleNext(wxString& problem, bool* alreadyPlanned = nullptr,
                                          const MeetingSeriesId& series = {});
    /// Sets up an MDT series, or changes one (when `series` has an id).
    bool saveSeries(const MeetingSeries& series, wxString& problem);
    /// `leftForLater`: how many did not fit in the meeting's length.
    bool buildAgenda(std::size_t& added, wxString& problem, std::size_t* leftForLater = nullptr);
    bool addResident(const CaseId& id, wxString& problem);
    bool removeItem(long row, wxString& problem);
    bool moveItem(long row, int by, wxString& problem);
    /// Drag and drop on the agenda: the item at `from` goes to row `to`.
    bool dropItem(long from, long to, wxString& problem);
    bool setItemDetails(long row, int minutes, bool forInformation, wxString& problem);
    bool invite(const OrganisationId& organisation, wxString& problem);
    /// Invites several organisations at once (those already invited are skipped).
    bool invite(const std::vector<OrganisationId>& organisations, wxString& problem);
    bool setAttendance(long participantRow, Attendance attendance, wxString& problem);
    bool openMeeting(wxString& problem);
    /// Moves the planned meeting or changes where it happens.
    bool changeDetails(const Meeting& details, wxString& problem);
    /// Calls off the planned meeting; its residents come to the next one.
    bool cancelMeeting(const std::string& reason, wxString& problem);
    /// Saves what the outcome editor holds for the selected item, with its pending actions.
    bool saveOutcome(wxString& problem);
    wxString discussionText() const;
    /// "Outcome for Ashby, Alan": whose outcome the editor holds.
    wxString outcomeForText() const;
    void setOutcomeText(const wxString& discussion, const wxString& decision,
                        const wxString& planChanges, bool reviewAtNextMeeting);
    void addPendingAction(const NewAction& action) {
        pendingActions_.push_back(action);
        updateOutcomeState();
    }
    /// What the chair should know before closing (little discussed, attendance missing);
    /// empty when nothing.
    wxString closingWarning() const;
    /// Closes the meeting; `next` is the meeting it carried forward to.
    bool closeMeeting(MeetingId& next, wxString& problem);

    Report agendaPrintout() const;
    Report minutesPrintout() const;
    bool savePdf(const Report& report, const std::string& path, wxString& problem);

    /// Called after every change (so the window can refresh case records and Undo).
    std::function<void()> onChanged;

    /// The MDT Series window (the button, and View > MDT Series).
    void onSeries();

  private:
    /// Asks which MDT a new meeting is for, when there is a choice; false if cancelled.
    bool chooseSeriesForNewMeeting(MeetingSeriesId& chosen);
    void endDrag();
    /// The agenda row under a point in the list's coordinates.
    long rowAt(const wxPoint& point) const;
    void refreshMeetings(const std::optional<MeetingId>& keep);
    void showMeeting();
    /// Loads the outcome editor from the store: only when the chair moves to another case,
    /// never on a refresh, so nothing being typed is overwritten.
    void loadOutcomeEditor();
    void updateOutcomeState();
    void onAgendaSelection();
    bool editorDirty() const;
    bool saveOutcomeFor(const AgendaItemId& id, wxString& problem);
    void onAddResident();
    void onAddAction();
    void onSavePdf(bool minutes);
    /// Audits a printout or PDF of the current meeting (it names residents).
    void recordOutput(AuditEventKind kind, const std::string& what);
    template <class F>
    bool attempt(F&& command, wxString& problem);

    Commands commands_;
    MeetingSources sources_;
    std::vector<Meeting> meetings_;
    std::vector<AgendaItem> items_;
    std::vector<Participant> participants_;
    std::vector<NewAction> pendingActions_;
    std::optional<Timestamp> itemStarted_;
    std::optional<AgendaItemId> activeItem_;  // the case the outcome editor is for
    std::optional<MeetingId> shownMeeting_;   // the meeting the lists and editor show
    bool reviewTouched_ = false;
    wxTimer clock_;
    wxPrintData printData_;

    wxChoice* meetingChoice_ = nullptr;
    wxStaticText* meetingState_ = nullptr;
    wxStaticText* clockLabel_ = nullptr;
    wxListCtrl* attendanceList_ = nullptr;
    wxListCtrl* agendaList_ = nullptr;
    wxTextCtrl* discussion_ = nullptr;
    wxTextCtrl* decision_ = nullptr;
    wxTextCtrl* planChanges_ = nullptr;
    wxCheckBox* reviewNext_ = nullptr;
    wxStaticText* pendingLabel_ = nullptr;
    wxStaticText* outcomeFor_ = nullptr;  // names the resident the outcome belongs to
    wxButton* openButton_ = nullptr;
    wxButton* closeButton_ = nullptr;
    wxButton* detailsButton_ = nullptr;
    wxButton* cancelButton_ = nullptr;
    wxButton* seriesButton_ = nullptr;
    // Agenda and minutes, as PDF and on paper: nothing to give without a meeting.
    std::vector<wxButton*> outputButtons_;
    long dragRow_ = -1;  // the agenda row being dragged
    wxCheckBox* residentAttended_ = nullptr;
    wxCheckBox* carerAttended_ = nullptr;
    wxCheckBox* agreedPlan_ = nullptr;
    wxCheckBox* copyGiven_ = nullptr;
};

}  // namespace nmdt::gui
