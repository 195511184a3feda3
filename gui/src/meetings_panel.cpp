#include "meetings_panel.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/numdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/wrapsizer.h>

#include "action_arising_dialog.h"
#include "formatting.h"
#include "identity_text.h"
#include "meeting_details_dialog.h"
#include "model/nhs_number.h"
#include "model/permissions.h"
#include "model/record_access_service.h"
#include "printing/pdf_writer.h"
#include "printing/report_printout.h"
#include "refusable.h"
#include "reports/meeting_reports.h"
#include "series_dialog.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// "1:05:09": hours, minutes and seconds, the one form of every time on the clock line.
wxString clockTime(std::chrono::milliseconds elapsed) {
    auto s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    if (s < 0)
        s = 0;
    return wxString::Format("%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                            static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
}

wxString statusText(MeetingStatus s) {
    switch (s) {
        case MeetingStatus::Planned:
            return _("Planned");
        case MeetingStatus::InProgress:
            return _("In progress");
        case MeetingStatus::Closed:
            return _("Closed");
    }
    return {};
}

wxString attendanceWord(Attendance a) {
    switch (a) {
        case Attendance::NeedsAction:
            return _("Invited");
        case Attendance::Accepted:
            return _("Accepted");
        case Attendance::Declined:
            return _("Declined");
        case Attendance::Tentative:
            return _("Tentative");
        case Attendance::Attended:
            return _("Attended");
        case Attendance::Absent:
            return _("Absent");
    }
    return {};
}
}  // namespace

MeetingsPanel::MeetingsPanel(wxWindow* parent, Commands commands, MeetingSources sources)
    : wxPanel(parent), commands_(std::move(commands)), sources_(sources), clock_(this) {
    meetingChoice_ = new wxChoice(this, wxID_ANY);
    meetingChoice_->SetName(_("Meeting"));
    meetingState_ = new wxStaticText(this, wxID_ANY, {});
    clockLabel_ = new wxStaticText(this, wxID_ANY, {});
    clockLabel_->SetName(_("Meeting clock"));
    wxFont bold = clockLabel_->GetFont();
    bold.MakeBold();
    clockLabel_->SetFont(bold);

    // Mnemonics are unique on the page and avoid the menu bar's (F, E, V, A, S, H): a
    // shared one only moves the focus in GTK instead of pressing the button.
    auto* newButton = new wxButton(this, wxID_ANY, _("&New Meeting"));
    auto* buildButton = new wxButton(this, wxID_ANY, _("&Build Agenda"));
    openButton_ = new wxButton(this, wxID_ANY, _("Star&t Meeting"));
    closeButton_ = new wxButton(this, wxID_ANY, _("&Close Meeting"));
    auto* agendaPdf = new wxButton(this, wxID_ANY, _("Agenda &PDF..."));
    auto* minutesPdf = new wxButton(this, wxID_ANY, _("&Minutes PDF..."));
    auto* printAgenda = new wxButton(this, wxID_ANY, _("Print Agenda..."));
    auto* printMinutes = new wxButton(this, wxID_ANY, _("Print Min&utes..."));
    outputButtons_ = {agendaPdf, minutesPdf, printAgenda, printMinutes};
    detailsButton_ = new wxButton(this, wxID_ANY, _("Date, Place, Lin&k..."));
    cancelButton_ = new wxButton(this, wxID_ANY, _("Call Off Meeting..."));
    seriesButton_ = new wxButton(this, wxID_ANY, _("MDT Series..."));
    seriesButton_->SetToolTip(
        _("Set up the MDTs this neighbourhood runs (frailty, mental "
          "health): how often, when, where and who is invited (Ctrl+5)"));
    // Wraps onto a second row on a narrow window rather than cutting buttons off.
    auto* top = new wxWrapSizer(wxHORIZONTAL);
    for (wxWindow* w : std::initializer_list<wxWindow*>{
             meetingChoice_, meetingState_, newButton, buildButton, detailsButton_, openButton_,
             closeButton_, cancelButton_, agendaPdf, minutesPdf, printAgenda, printMinutes,
             seriesButton_})
        top->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, FromDIP(6));

    attendanceList_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, -1)),
                                     wxLC_REPORT | wxLC_SINGLE_SEL);
    attendanceList_->SetName(_("Attendance"));
    attendanceList_->AppendColumn(_("Organisation"), wxLIST_FORMAT_LEFT, FromDIP(200));
    attendanceList_->AppendColumn(_("Attendance"), wxLIST_FORMAT_LEFT, FromDIP(90));
    auto* attended = new wxButton(this, wxID_ANY, _("Attende&d"));
    auto* absent = new wxButton(this, wxID_ANY, _("Absent"));
    auto* inviteButton = new wxButton(this, wxID_ANY, _("Invite..."));
    auto* attendanceButtons = new wxBoxSizer(wxHORIZONTAL);
    for (auto* b : {attended, absent, inviteButton})
        attendanceButtons->Add(b, 0, wxRIGHT, FromDIP(4));
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Attendance")), 0, wxBOTTOM, FromDIP(4));
    left->Add(attendanceList_, 1, wxEXPAND);
    left->Add(attendanceButtons, 0, wxTOP, FromDIP(4));

    agendaList_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                 wxLC_REPORT | wxLC_SINGLE_SEL);
    agendaList_->SetName(_("Agenda"));
    agendaList_->AppendColumn("#", wxLIST_FORMAT_RIGHT, FromDIP(30));
    agendaList_->AppendColumn(_("Resident"), wxLIST_FORMAT_LEFT, FromDIP(230));
    agendaList_->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, FromDIP(120));
    agendaList_->AppendColumn(_("Min"), wxLIST_FORMAT_RIGHT, FromDIP(45));
    agendaList_->AppendColumn(_("Notes"), wxLIST_FORMAT_LEFT, FromDIP(160));
    auto* up = new wxButton(this, wxID_ANY, _("M&ove Up"));
    auto* down = new wxButton(this, wxID_ANY, _("Move Do&wn"));
    auto* addCase = new wxButton(this, wxID_ANY, _("Add Res&ident..."));
    auto* remove = new wxButton(this, wxID_ANY, _("Remove"));
    auto* timeButton = new wxButton(this, wxID_ANY, _("Minutes A&llotted..."));
    auto* infoButton = new wxButton(this, wxID_ANY, _("For Information"));
    auto* agendaButtons = new wxWrapSizer(wxHORIZONTAL);
    for (auto* b : {up, down, addCase, remove, timeButton, infoButton})
        agendaButtons->Add(b, 0, wxRIGHT | wxBOTTOM, FromDIP(4));
    auto* middle = new wxBoxSizer(wxVERTICAL);
    middle->Add(new wxStaticText(this, wxID_ANY, _("Agenda")), 0, wxBOTTOM, FromDIP(4));
    middle->Add(agendaList_, 1, wxEXPAND);
    middle->Add(agendaButtons, 0, wxEXPAND | wxTOP, FromDIP(4));

    discussion_ =
        new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
    discussion_->SetName(_("Discussion"));
    decision_ =
        new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
    decision_->SetName(_("Decision"));
    planChanges_ =
        new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
    planChanges_->SetName(_("Care plan changes"));
    reviewNext_ = new wxCheckBox(this, wxID_ANY, _("Bring back to the ne&xt meeting"));
    // The resident's own voice in their item (NHS England: people are partners in their
    // MDT discussion, with their carers, and keep a copy of what they agreed).
    residentAttended_ = new wxCheckBox(this, wxID_ANY, _("Resident took part"));
    carerAttended_ = new wxCheckBox(this, wxID_ANY, _("Carer or family took part"));
    agreedPlan_ = new wxCheckBox(this, wxID_ANY, _("Resident agreed the plan"));
    copyGiven_ = new wxCheckBox(this, wxID_ANY, _("Resident given a copy"));
    pendingLabel_ = new wxStaticText(this, wxID_ANY, {});
    auto* addAction = new wxButton(this, wxID_ANY, _("Add Action Arisin&g..."));
    auto* saveOutcomeButton = new wxButton(this, wxID_ANY, _("Save Outcome"));
    auto* right = new wxBoxSizer(wxVERTICAL);
    // Whose outcome this is, above the boxes: typing it beside the wrong row's name is a
    // wrong-patient risk.
    // Until a resident is chosen (loadOutcomeEditor changes it); a page opening on a
    // meeting showed nothing here.
    outcomeFor_ = new wxStaticText(this, wxID_ANY, _("Choose a resident on the agenda"));
    outcomeFor_->SetName(_("Outcome for"));
    wxFont strong = outcomeFor_->GetFont();
    strong.MakeBold();
    outcomeFor_->SetFont(strong);
    // As wide as the column: laid out at one text's width, a longer one was cut off.
    right->Add(outcomeFor_, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    right->Add(new wxStaticText(this, wxID_ANY, _("Discussion")), 0);
    right->Add(discussion_, 2, wxEXPAND | wxBOTTOM, FromDIP(4));
    right->Add(new wxStaticText(this, wxID_ANY, _("Decision")), 0);
    right->Add(decision_, 1, wxEXPAND | wxBOTTOM, FromDIP(4));
    right->Add(new wxStaticText(this, wxID_ANY, _("Care plan changes")), 0);
    right->Add(planChanges_, 1, wxEXPAND | wxBOTTOM, FromDIP(4));
    right->Add(reviewNext_, 0, wxBOTTOM, FromDIP(4));
    auto* voice = new wxWrapSizer(wxHORIZONTAL);
    for (auto* box : {residentAttended_, carerAttended_, agreedPlan_, copyGiven_})
        voice->Add(box, 0, wxRIGHT | wxBOTTOM, FromDIP(6));
    right->Add(voice, 0, wxBOTTOM, FromDIP(4));
    right->Add(pendingLabel_, 0, wxBOTTOM, FromDIP(4));
    auto* outcomeButtons = new wxWrapSizer(wxHORIZONTAL);
    outcomeButtons->Add(addAction, 0, wxRIGHT | wxBOTTOM, FromDIP(4));
    outcomeButtons->Add(saveOutcomeButton);
    right->Add(outcomeButtons, 0, wxEXPAND);

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(left, 0, wxEXPAND | wxRIGHT, FromDIP(8));
    body->Add(middle, 3, wxEXPAND | wxRIGHT, FromDIP(8));
    body->Add(right, 2, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, FromDIP(8));
    sizer->Add(clockLabel_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
    sizer->Add(body, 1, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(sizer);

    // Meetings are run by the chair and the coordinator; everyone else sees them read-only.
    if (!isAllowed(commands_.actor(), Operation::RunMeeting)) {
        for (wxWindow* w : std::initializer_list<wxWindow*>{
                 newButton, buildButton, openButton_, closeButton_, detailsButton_, cancelButton_,
                 attended, absent, inviteButton, up, down, addCase, remove, timeButton, infoButton,
                 addAction, saveOutcomeButton, seriesButton_})
            w->Hide();
        meetingState_->SetToolTip(_("Only the chair changes meetings."));
    }

    // A refusal says why; a command with nothing to act on (no row chosen) says nothing.
    auto report = [this](bool ok, const wxString& problem, const wxString& title) {
        if (!ok && !problem.empty())
            wxMessageBox(problem, title, wxOK | wxICON_WARNING, this);
    };
    meetingChoice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        int i = meetingChoice_->GetSelection();
        if (i >= 0)
            selectMeeting(meetings_[static_cast<std::size_t>(i)].id);
    });
    seriesButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSeries(); });
    newButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        bool alreadyPlanned = false;
        MeetingSeriesId series;
        if (!chooseSeriesForNewMeeting(series))
            return;
        auto id = scheduleNext(problem, &alreadyPlanned, series);
        report(id.has_value(), problem, _("New meeting"));
        if (id && alreadyPlanned)
            if (auto m = current())
                wxMessageBox(wxString::Format(_("The next meeting, on %s at %s, is already "
                                                "planned: it is shown now. Prepare its agenda "
                                                "rather than making another."),
                                              formatDate(m->date), toWx(m->startTime)),
                             _("New meeting"), wxOK | wxICON_INFORMATION, this);
    });
    buildButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        std::size_t added = 0, waiting = 0;
        bool ok = buildAgenda(added, problem, &waiting);
        report(ok, problem, _("Build agenda"));
        wxString text = wxString::Format(
            _("%zu residents carried forward or newly referred were added."), added);
        if (waiting > 0)
            text +=
                "\n\n" + wxString::Format(_("At least %zu more did not fit in the meeting's time; "
                                            "they come to the next meeting. Add anyone "
                                            "who cannot wait with Add Resident."),
                                          waiting);
        if (ok)
            wxMessageBox(text, _("Build agenda"), wxOK | wxICON_INFORMATION, this);
    });
    openButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(openMeeting(problem), problem, _("Start meeting"));
    });
    closeButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString warning = closingWarning();
        wxMessageDialog confirm(
            this,
            _("Close the meeting? Outcomes can no longer be changed, and the next meeting's "
              "agenda will be built from what is still open."),
            _("Close meeting"),
            wxYES_NO | wxNO_DEFAULT | (warning.empty() ? wxICON_QUESTION : wxICON_WARNING));
        if (!warning.empty())
            confirm.SetExtendedMessage(warning);
        if (confirm.ShowModal() != wxID_YES)
            return;
        wxString problem;
        MeetingId next;
        report(closeMeeting(next, problem), problem, _("Close meeting"));
    });
    detailsButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        auto m = current();
        if (!m)
            return;
        MeetingDetailsDialog dialog(this, *m);
        while (dialog.ShowModal() == wxID_OK) {
            wxString problem;
            if (changeDetails(dialog.details(), problem))
                return;
            report(false, problem, _("Meeting details"));
        }
    });
    cancelButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        auto m = current();
        if (!m)
            return;
        wxTextEntryDialog dialog(
            this,
            _("Why is the meeting called off? Everyone on its agenda comes to the next meeting."),
            wxString::Format(_("Call off the meeting of %s"), formatDate(m->date)), {},
            wxOK | wxCANCEL | wxTE_MULTILINE);
        while (dialog.ShowModal() == wxID_OK) {
            wxString problem;
            if (cancelMeeting(fromWx(dialog.GetValue()), problem))
                return;
            report(false, problem, _("Call off meeting"));
        }
    });
    agendaPdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSavePdf(false); });
    minutesPdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSavePdf(true); });
    printAgenda->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (current() && printReport(this, agendaPrintout(), printData_))
            recordOutput(AuditEventKind::Print, "agenda");
    });
    printMinutes->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (current() && printReport(this, minutesPrintout(), printData_))
            recordOutput(AuditEventKind::Print, "minutes");
    });
    auto selectedParticipant = [this] {
        return attendanceList_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    };
    attended->Bind(wxEVT_BUTTON, [this, report, selectedParticipant](wxCommandEvent&) {
        wxString problem;
        if (selectedParticipant() >= 0)
            report(setAttendance(selectedParticipant(), Attendance::Attended, problem), problem,
                   _("Attendance"));
    });
    absent->Bind(wxEVT_BUTTON, [this, report, selectedParticipant](wxCommandEvent&) {
        wxString problem;
        if (selectedParticipant() >= 0)
            report(setAttendance(selectedParticipant(), Attendance::Absent, problem), problem,
                   _("Attendance"));
    });
    inviteButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        // Only those not yet invited, several at once.
        std::vector<Organisation> orgs;
        for (const auto& o : sources_.directory.organisations())
            if (std::none_of(participants_.begin(), participants_.end(),
                             [&](const Participant& p) { return p.organisationId == o.id; }))
                orgs.push_back(o);
        if (orgs.empty()) {
            wxMessageBox(_("Every organisation is invited already."), _("Invite"),
                         wxOK | wxICON_INFORMATION, this);
            return;
        }
        wxArrayString names;
        for (const auto& o : orgs)
            names.Add(toWx(o.name));
        wxMultiChoiceDialog dialog(this, _("Invite which organisations?"), _("Invite"), names);
        if (dialog.ShowModal() != wxID_OK)
            return;
        std::vector<OrganisationId> chosen;
        for (int i : dialog.GetSelections())
            chosen.push_back(orgs[static_cast<std::size_t>(i)].id);
        wxString problem;
        report(invite(chosen, problem), problem, _("Invite"));
    });
    // Dragging a row moves it to where it is dropped (one change, undoable), as Move Up and
    // Move Down do a step at a time.
    agendaList_->Bind(wxEVT_LIST_BEGIN_DRAG, [this](wxListEvent& e) {
        if (!isAllowed(commands_.actor(), Operation::RunMeeting))
            return;
        dragRow_ = e.GetIndex();
        agendaList_->CaptureMouse();
        agendaList_->SetCursor(wxCursor(wxCURSOR_HAND));
    });
    agendaList_->Bind(wxEVT_LEFT_UP, [this, report](wxMouseEvent& e) {
        e.Skip();
        if (dragRow_ < 0)
            return;
        const long from = dragRow_;
        endDrag();
        const long to = rowAt(e.GetPosition());
        wxString problem;
        if (to >= 0 && to != from)
            report(dropItem(from, to, problem), problem, _("Move"));
    });
    agendaList_->Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { endDrag(); });
    up->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(moveItem(selectedItem(), -1, problem), problem, _("Move"));
    });
    down->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(moveItem(selectedItem(), +1, problem), problem, _("Move"));
    });
    addCase->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onAddResident(); });
    remove->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        if (selectedItem() >= 0)
            report(removeItem(selectedItem(), problem), problem, _("Remove"));
    });
    timeButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        long row = selectedItem();
        if (row < 0)
            return;
        const AgendaItem& item = items_[static_cast<std::size_t>(row)];
        long minutes = wxGetNumberFromUser(_("Minutes allotted to this case:"), {},
                                           _("Time allotted"), item.minutesAllotted, 0, 240, this);
        wxString problem;
        if (minutes >= 0)
            report(setItemDetails(row, static_cast<int>(minutes), item.forInformationOnly, problem),
                   problem, _("Time allotted"));
    });
    infoButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        long row = selectedItem();
        if (row < 0)
            return;
        const AgendaItem& item = items_[static_cast<std::size_t>(row)];
        wxString problem;
        report(setItemDetails(row, item.minutesAllotted, !item.forInformationOnly, problem),
               problem, _("Agenda"));
    });
    agendaList_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { onAgendaSelection(); });
    // Delete takes the selected resident off the agenda, as Remove does (Undo puts them back).
    agendaList_->Bind(wxEVT_LIST_KEY_DOWN, [this, report](wxListEvent& e) {
        if (e.GetKeyCode() != WXK_DELETE || selectedItem() < 0 ||
            !isAllowed(commands_.actor(), Operation::RunMeeting)) {
            e.Skip();
            return;
        }
        wxString problem;
        report(removeItem(selectedItem(), problem), problem, _("Remove"));
    });
    reviewNext_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reviewTouched_ = true; });
    addAction->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onAddAction(); });
    saveOutcomeButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(saveOutcome(problem), problem, _("Save outcome"));
    });
    // The clock reads the meeting from the store: only while someone can see it.
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (IsShownOnScreen())
            clockLabel_->SetLabel(clockText());
    });
    clock_.Start(1000);
    refreshMeetings(std::nullopt);
}

std::optional<Meeting> MeetingsPanel::current() const {
    int i = meetingChoice_->GetSelection();
    if (i < 0 || i >= static_cast<int>(meetings_.size()))
        return std::nullopt;
    return sources_.meetings.meeting(meetings_[static_cast<std::size_t>(i)].id);
}

long MeetingsPanel::selectedItem() const {
    return agendaList_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void MeetingsPanel::selectItem(long row) {
    agendaList_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                              wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    agendaList_->EnsureVisible(row);
}

void MeetingsPanel::refreshMeetings(const std::optional<MeetingId>& keep) {
    meetings_ = sources_.meetings.meetings(60);
    meetingChoice_->Clear();
    int select = -1;
    // With several MDTs each meeting says which one it is.
    const bool severalSeries = !sources_.meetings.meetingSeries().empty();
    for (std::size_t i = 0; i < meetings_.size(); ++i) {
        const Meeting& m = meetings_[i];
        meetingChoice_->Append(
            formatDate(m.date) + " " + toWx(m.startTime) +
            (severalSeries ? "  " + toWx(m.title) : wxString()) + "  (" +
            (m.cancelledReason.empty() ? statusText(m.status) : wxString(_("called off"))) + ")");
        if (keep && m.id == *keep)
            select = static_cast<int>(i);
    }
    if (select < 0) {
        // Default to the next meeting that is not closed, else the newest.
        for (std::size_t i = 0; i < meetings_.size(); ++i)
            if (meetings_[i].status != MeetingStatus::Closed)
                select = static_cast<int>(i);
        if (select < 0 && !meetings_.empty())
            select = 0;
    }
    meetingChoice_->SetSelection(select);
    // The picker is as wide as its longest meeting (Windows keeps the width it was made with).
    meetingChoice_->InvalidateBestSize();
    Layout();
    showMeeting();
}

void MeetingsPanel::refresh() {
    auto m = current();
    refreshMeetings(m ? std::optional<MeetingId>(m->id) : std::nullopt);
}

void MeetingsPanel::selectMeeting(const MeetingId& id) {
    // Compared with what is on screen, not with the picker: choosing in the picker has
    // already moved its selection when this runs.
    if (shownMeeting_ && *shownMeeting_ == id) {
        refreshMeetings(id);
        return;
    }
    if (activeItem_ && editorDirty()) {
        wxString problem;
        if (!saveOutcomeFor(*activeItem_, problem)) {
            wxMessageBox(problem + "\n" + _("What you typed is still in the editor."),
                         _("Save outcome"), wxOK | wxICON_WARNING, this);
            refreshMeetings(shownMeeting_);  // the picker goes back to the meeting shown
            return;
        }
    }
    activeItem_.reset();
    itemStarted_.reset();
    refreshMeetings(id);
    loadOutcomeEditor();
}

void MeetingsPanel::showMeeting() {
    auto m = current();
    shownMeeting_ = m ? std::optional<MeetingId>(m->id) : std::nullopt;
    items_.clear();
    participants_.clear();
    agendaList_->DeleteAllItems();
    attendanceList_->DeleteAllItems();
    for (auto* b : outputButtons_)
        b->Enable(m.has_value());
    if (!m) {
        // Only those who run meetings have the New Meeting button to choose.
        meetingState_->SetLabel(isAllowed(commands_.actor(), Operation::RunMeeting)
                                    ? _("No meetings yet: choose New Meeting.")
                                    : _("No meetings yet: the chair sets them up."));
        activeItem_.reset();
        loadOutcomeEditor();
        return;
    }
    meetingState_->SetLabel(m->cancelledReason.empty()
                                ? statusText(m->status)
                                : wxString::Format(_("Called off: %s"), toWx(m->cancelledReason)));
    openButton_->Enable(m->status == MeetingStatus::Planned);
    detailsButton_->Enable(m->status == MeetingStatus::Planned);
    cancelButton_->Enable(m->status == MeetingStatus::Planned);
    closeButton_->Enable(m->status == MeetingStatus::InProgress);
    DirectoryNames names(sources_.directory);
    participants_ = sources_.meetings.participants(m->id);
    for (std::size_t i = 0; i < participants_.size(); ++i) {
        long row = attendanceList_->InsertItem(
            static_cast<long>(i), toWx(names.organisation(participants_[i].organisationId)));
        attendanceList_->SetItem(row, 1, attendanceWord(participants_[i].attendance));
    }
    for (const auto& item : sources_.meetings.agenda(m->id))
        if (!item.removed)
            items_.push_back(item);
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const AgendaItem& item = items_[i];
        auto c = sources_.cases.caseById(item.caseId);
        wxString resident = c ? toWx(residentLabel(c->resident)) : wxString();
        long row = agendaList_->InsertItem(static_cast<long>(i), wxString::Format("%zu", i + 1));
        agendaList_->SetItem(row, 1, resident);
        agendaList_->SetItem(row, 2, toWx(agendaReasonText(item.reason)));
        agendaList_->SetItem(row, 3, wxString::Format("%d", item.minutesAllotted));
        wxString notes;
        if (item.forInformationOnly)
            notes += _("For information");
        if (item.carriedForward)
            notes += (notes.empty() ? "" : "; ") + _("Carried forward");
        if (item.discussed)
            notes += (notes.empty() ? "" : "; ") + _("Discussed");
        agendaList_->SetItem(row, 4, notes);
    }
    // Keep the case being edited selected, wherever it now sits on the agenda.
    for (std::size_t i = 0; i < items_.size(); ++i)
        if (activeItem_ && items_[i].id == *activeItem_)
            selectItem(static_cast<long>(i));
    clockLabel_->SetLabel(clockText());
    if (activeItem_ && std::none_of(items_.begin(), items_.end(),
                                    [&](const AgendaItem& i) { return i.id == *activeItem_; }))
        onAgendaSelection();  // the case being edited left the agenda
    updateOutcomeState();
    Layout();
}

bool MeetingsPanel::editorDirty() const {
    return discussion_->IsModified() || decision_->IsModified() || planChanges_->IsModified() ||
           reviewTouched_ || !pendingActions_.empty();
}

void MeetingsPanel::onAgendaSelection() {
    long row = selectedItem();
    std::optional<AgendaItemId> chosen;
    if (row >= 0 && row < static_cast<long>(items_.size()))
        chosen = items_[static_cast<std::size_t>(row)].id;
    if (chosen == activeItem_)
        return;  // re-selected after a refresh: keep what is being typed
    if (activeItem_ && editorDirty()) {
        // Moving on records what was typed for the previous case, live, as the chair expects.
        wxString problem;
        if (!saveOutcomeFor(*activeItem_, problem)) {
            wxMessageBox(problem + "\n" + _("What you typed is still in the editor."),
                         _("Save outcome"), wxOK | wxICON_WARNING, this);
            return;
        }
    }
    activeItem_ = chosen;
    itemStarted_ =
        commands_.clock().now();  // the clock for this case starts when the chair moves to it
    loadOutcomeEditor();
}

void MeetingsPanel::loadOutcomeEditor() {
    pendingActions_.clear();
    reviewTouched_ = false;
    std::optional<AgendaItem> item =
        activeItem_ ? sources_.meetings.agendaItem(*activeItem_) : std::nullopt;
    discussion_->ChangeValue(item ? toWx(item->discussion) : wxString());
    decision_->ChangeValue(item ? toWx(item->decision) : wxString());
    planChanges_->ChangeValue(item ? toWx(item->planChanges) : wxString());
    auto c = item ? sources_.cases.caseById(item->caseId) : std::nullopt;
    reviewNext_->SetValue(c && c->reviewAtNextMeeting);
    const ResidentVoice voice = item ? item->voice : ResidentVoice();
    residentAttended_->SetValue(voice.residentAttended);
    carerAttended_->SetValue(voice.carerAttended);
    agreedPlan_->SetValue(voice.agreedPlan);
    copyGiven_->SetValue(voice.copyGiven);
    outcomeFor_->SetLabel(c ? wxString::Format(_("Outcome for %s"), toWx(c->resident.displayName()))
                            : wxString(_("Choose a resident on the agenda")));
    updateOutcomeState();
}

wxString MeetingsPanel::stateText() const {
    return meetingState_->GetLabel();
}

bool MeetingsPanel::canOutputMeeting() const {
    return !outputButtons_.empty() && outputButtons_.front()->IsEnabled();
}

wxString MeetingsPanel::outcomeForText() const {
    return outcomeFor_->GetLabel();
}

void MeetingsPanel::updateOutcomeState() {
    auto m = current();
    bool editable = m && m->status != MeetingStatus::Closed && activeItem_;
    for (wxTextCtrl* t : {discussion_, decision_, planChanges_})
        t->Enable(editable);
    reviewNext_->Enable(editable);
    for (auto* box : {residentAttended_, carerAttended_, agreedPlan_, copyGiven_})
        box->Enable(editable);
    pendingLabel_->SetLabel(
        pendingActions_.empty()
            ? wxString(_("No actions arising yet."))
            : wxString::Format(_("%zu action(s) arising, saved with the outcome."),
                               pendingActions_.size()));
}

wxString MeetingsPanel::clockText() const {
    auto m = current();
    if (!m)
        return {};
    if (m->status == MeetingStatus::Planned) {
        int total = 0;
        for (const auto& i : items_)
            total += i.minutesAllotted;
        return wxString::Format(_("Planned: %zu cases, %d of %d minutes allotted"), items_.size(),
                                total, m->durationMinutes);
    }
    if (m->status == MeetingStatus::Closed)
        return _("This meeting is closed.");
    auto now = commands_.clock().now();
    const Timestamp opened = m->openedAt.value_or(now);
    wxString text = wxString::Format(_("Meeting %s of %s"), clockTime(now - opened),
                                     clockTime(std::chrono::minutes(m->durationMinutes)));
    long row = selectedItem();
    if (row >= 0 && row < static_cast<long>(items_.size()) && itemStarted_) {
        const AgendaItem& item = items_[static_cast<std::size_t>(row)];
        // A case chosen before the meeting started is timed from the start.
        auto spent = now - std::max(*itemStarted_, opened);
        text += wxString::Format(_("  |  This case %s of %s"), clockTime(spent),
                                 clockTime(std::chrono::minutes(item.minutesAllotted)));
        if (spent > std::chrono::minutes(item.minutesAllotted))
            text += "  " + _("OVER TIME");
    }
    return text;
}

template <class F>
bool MeetingsPanel::attempt(F&& command, wxString& problem) {
    if (!runRefusable(std::forward<F>(command), problem))
        return false;
    if (onChanged)
        onChanged();
    return true;
}

bool MeetingsPanel::chooseSeriesForNewMeeting(MeetingSeriesId& chosen) {
    std::vector<MeetingSeriesId> ids;
    wxArrayString names;
    for (const auto& s : sources_.meetings.meetingSeries())
        if (s.active) {
            ids.push_back(s.id);
            names.Add(toWx(s.name) + "  (" + describeCadence(s.cadenceDays).Lower() + ")");
        }
    // Meetings from before series go on as their own run while any are left.
    const auto recent = sources_.meetings.meetings(200);
    if (ids.empty() || std::any_of(recent.begin(), recent.end(),
                                   [](const Meeting& m) { return m.seriesId.empty(); })) {
        ids.emplace_back();
        names.Add(_("Neighbourhood MDT (meetings from before MDT series)"));
    }
    if (ids.size() == 1) {
        chosen = ids.front();
        return true;
    }
    wxSingleChoiceDialog ask(this, _("Which MDT is the new meeting for?"), _("New meeting"), names);
    if (ask.ShowModal() != wxID_OK)
        return false;
    chosen = ids[static_cast<std::size_t>(ask.GetSelection())];
    return true;
}

void MeetingsPanel::onSeries() {
    auto all = sources_.meetings.meetingSeries();
    wxArrayString rows;
    rows.Add(_("New MDT series..."));
    for (const auto& s : all)
        rows.Add(wxString::Format(_("%s: %s at %s, %d minutes"), toWx(s.name),
                                  describeCadence(s.cadenceDays).Lower(), toWx(s.startTime),
                                  s.durationMinutes));
    wxSingleChoiceDialog pick(this, _("Set up a new MDT, or change one:"), _("MDT series"), rows);
    if (pick.ShowModal() != wxID_OK)
        return;
    const int i = pick.GetSelection();
    MeetingSeries editing = i <= 0 ? MeetingSeries() : all[static_cast<std::size_t>(i - 1)];
    SeriesDialog dialog(this, editing, sources_.directory.organisations());
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (saveSeries(dialog.series(), problem))
            return;
        wxMessageBox(problem, _("MDT series"), wxOK | wxICON_WARNING, this);
    }
}

bool MeetingsPanel::saveSeries(const MeetingSeries& series, wxString& problem) {
    return attempt(
        [&] {
            auto meetings = commands_.meetings();
            if (series.id.empty())
                meetings.createSeries(series);
            else
                meetings.changeSeries(series);
        },
        problem);
}

std::optional<MeetingId> MeetingsPanel::scheduleNext(wxString& problem, bool* alreadyPlanned,
                                                     const MeetingSeriesId& series) {
    NextMeeting next;
    if (!attempt([&] { next = commands_.meetings().scheduleNext(series); }, problem))
        return std::nullopt;
    if (alreadyPlanned)
        *alreadyPlanned = next.alreadyPlanned;
    selectMeeting(next.id);
    return next.id;
}

bool MeetingsPanel::buildAgenda(std::size_t& added, wxString& problem, std::size_t* leftForLater) {
    auto m = current();
    if (!m)
        return false;
    bool ok =
        attempt([&] { added = commands_.meetings().buildAgenda(m->id, leftForLater); }, problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::addResident(const CaseId& id, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().addItem(m->id, id, "added-by-chair"); }, problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::removeItem(long row, wxString& problem) {
    if (row < 0 || row >= static_cast<long>(items_.size()))
        return false;
    bool ok =
        attempt([&] { commands_.meetings().removeItem(items_[static_cast<std::size_t>(row)].id); },
                problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::moveItem(long row, int by, wxString& problem) {
    long target = row + by;
    if (row < 0 || target < 0 || target >= static_cast<long>(items_.size()))
        return false;
    // Place the item between the neighbours of its new position.
    std::optional<AgendaItemId> after, before;
    auto at = [&](long i) { return items_[static_cast<std::size_t>(i)].id; };
    if (by < 0) {
        if (target > 0)
            after = at(target - 1);
        before = at(target);
    } else {
        after = at(target);
        if (target + 1 < static_cast<long>(items_.size()))
            before = at(target + 1);
    }
    bool ok = attempt([&] { commands_.meetings().moveItem(at(row), after, before); }, problem);
    showMeeting();
    if (ok)
        selectItem(target);
    return ok;
}

bool MeetingsPanel::dropItem(long from, long to, wxString& problem) {
    return moveItem(from, static_cast<int>(to - from), problem);
}

void MeetingsPanel::endDrag() {
    dragRow_ = -1;
    if (agendaList_->HasCapture())
        agendaList_->ReleaseMouse();
    agendaList_->SetCursor(wxNullCursor);
}

long MeetingsPanel::rowAt(const wxPoint& point) const {
    // Row rectangles rather than HitTest: they are in the control's own coordinates (below
    // its header) on every platform. Above the first row is the top, below the last the end.
    const long count = agendaList_->GetItemCount();
    if (count == 0)
        return -1;
    wxRect rect;
    for (long row = 0; row < count; ++row)
        if (agendaList_->GetItemRect(row, rect) && point.y < rect.GetBottom() + 1)
            return row;
    return count - 1;
}

bool MeetingsPanel::setItemDetails(long row, int minutes, bool forInformation, wxString& problem) {
    if (row < 0 || row >= static_cast<long>(items_.size()))
        return false;
    bool ok = attempt(
        [&] {
            commands_.meetings().setItemDetails(items_[static_cast<std::size_t>(row)].id, minutes,
                                                forInformation);
        },
        problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::invite(const std::vector<OrganisationId>& organisations, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().inviteAll(m->id, organisations); }, problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::invite(const OrganisationId& organisation, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().invite(m->id, organisation); }, problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::setAttendance(long participantRow, Attendance attendance, wxString& problem) {
    if (participantRow < 0 || participantRow >= static_cast<long>(participants_.size()))
        return false;
    bool ok = attempt(
        [&] {
            commands_.meetings().recordAttendance(
                participants_[static_cast<std::size_t>(participantRow)].id, attendance);
        },
        problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::changeDetails(const Meeting& details, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().changeDetails(m->id, details); }, problem);
    refreshMeetings(m->id);
    return ok;
}

bool MeetingsPanel::cancelMeeting(const std::string& reason, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().cancel(m->id, reason); }, problem);
    refreshMeetings(m->id);
    return ok;
}

bool MeetingsPanel::openMeeting(wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { commands_.meetings().open(m->id); }, problem);
    refreshMeetings(m->id);  // the picker shows each meeting's status too
    return ok;
}

void MeetingsPanel::setOutcomeText(const wxString& discussion, const wxString& decision,
                                   const wxString& planChanges, bool reviewAtNextMeeting) {
    discussion_->ChangeValue(discussion);
    decision_->ChangeValue(decision);
    planChanges_->ChangeValue(planChanges);
    for (wxTextCtrl* t : {discussion_, decision_, planChanges_})
        t->MarkDirty();  // as if typed
    reviewNext_->SetValue(reviewAtNextMeeting);
    reviewTouched_ = true;
}

wxString MeetingsPanel::discussionText() const {
    return discussion_->GetValue();
}

bool MeetingsPanel::saveOutcome(wxString& problem) {
    if (!activeItem_) {
        problem = _("Choose a case on the agenda first.");
        return false;
    }
    bool ok = saveOutcomeFor(*activeItem_, problem);
    showMeeting();
    return ok;
}

bool MeetingsPanel::saveOutcomeFor(const AgendaItemId& id, wxString& problem) {
    Outcome outcome{fromWx(discussion_->GetValue()),
                    fromWx(decision_->GetValue()),
                    fromWx(planChanges_->GetValue()),
                    reviewNext_->GetValue(),
                    pendingActions_,
                    {residentAttended_->GetValue(), carerAttended_->GetValue(),
                     agreedPlan_->GetValue(), copyGiven_->GetValue()}};
    bool ok = attempt([&] { commands_.meetings().recordOutcome(id, outcome); }, problem);
    if (ok) {
        // Saved: the editor now matches the store. On refusal everything typed stays.
        pendingActions_.clear();
        reviewTouched_ = false;
        for (wxTextCtrl* t : {discussion_, decision_, planChanges_})
            t->DiscardEdits();
    }
    return ok;
}

wxString MeetingsPanel::closingWarning() const {
    auto m = current();
    if (!m)
        return {};
    ClosingCheck check;
    wxString ignored;
    if (!runRefusable([&] { check = commands_.meetings().closingCheck(m->id); }, ignored))
        return {};
    wxString text;
    // Most residents not discussed is worth a second look before the minutes are final.
    if (check.residents > 0 && check.discussed * 2 < check.residents)
        text += wxString::Format(_("Outcomes are recorded for only %zu of the %zu residents on "
                                   "the agenda; the others will be minuted as not discussed."),
                                 check.discussed, check.residents) +
                "\n";
    if (check.unrecorded > 0)
        text += wxString::Format(
            _("Attendance is not recorded for %zu of the %zu invited organisations."),
            check.unrecorded, check.invited);
    return text;
}

bool MeetingsPanel::closeMeeting(MeetingId& next, wxString& problem) {
    auto m = current();
    if (!m)
        return false;
    bool ok = attempt([&] { next = commands_.meetings().closeAndCarryForward(m->id); }, problem);
    refreshMeetings(m->id);
    return ok;
}

Report MeetingsPanel::agendaPrintout() const {
    return agendaReport(*current(), sources_, commands_.actor().userName, commands_.clock().now());
}

Report MeetingsPanel::minutesPrintout() const {
    return minutesReport(*current(), sources_, commands_.actor().userName, commands_.clock().now());
}

bool MeetingsPanel::savePdf(const Report& report, const std::string& path, wxString& problem) {
    std::string error;
    if (!writeReportPdf(report, path, error)) {
        problem = wxString::Format(_("The PDF could not be saved: %s"), toWx(error));
        return false;
    }
    return runRefusable([&] { recordOutput(AuditEventKind::ExportPdf, report.title); }, problem);
}

void MeetingsPanel::recordOutput(AuditEventKind kind, const std::string& what) {
    if (auto m = current())
        commands_.access().recordOutput({kind, "meeting:" + m->id.str(), what});
}

void MeetingsPanel::onSavePdf(bool minutes) {
    if (!current())
        return;
    wxFileDialog dialog(this, minutes ? _("Save minutes as PDF") : _("Save agenda as PDF"), {},
                        minutes ? "mdt-minutes.pdf" : "mdt-agenda.pdf",
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!savePdf(minutes ? minutesPrintout() : agendaPrintout(), fromWx(dialog.GetPath()), problem))
        wxMessageBox(problem, _("Save as PDF"), wxOK | wxICON_ERROR, this);
}

void MeetingsPanel::onAddResident() {
    wxString query = wxGetTextFromUser(_("Name or NHS number of the resident to add:"),
                                       _("Add resident"), {}, this);
    if (query.empty())
        return;
    auto found = sources_.cases.searchCases(fromWx(query), 50);
    if (found.empty()) {
        wxMessageBox(_("No resident matches that name or NHS number."), _("Add resident"),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    std::size_t pick = 0;
    if (found.size() > 1) {
        wxArrayString choices;
        for (const auto& s : found)
            choices.Add(toWx(residentLabel(s.familyName, s.givenName, s.nhsNumber)) + "  " +
                        formatDate(s.dateOfBirth));
        wxSingleChoiceDialog dialog(this, _("Which resident?"), _("Add resident"), choices);
        if (dialog.ShowModal() != wxID_OK)
            return;
        pick = static_cast<std::size_t>(dialog.GetSelection());
    }
    wxString problem;
    if (!addResident(found[pick].id, problem))
        wxMessageBox(problem, _("Add resident"), wxOK | wxICON_WARNING, this);
}

void MeetingsPanel::onAddAction() {
    if (selectedItem() < 0)
        return;
    ActionArisingDialog dialog(this, sources_.directory.professionals(),
                               sources_.directory.organisations(), commands_.clock().today());
    if (dialog.ShowModal() != wxID_OK)
        return;
    pendingActions_.push_back(dialog.action());
    updateOutcomeState();
}

}  // namespace nmdt::gui
