#include "date_field.h"

#include <wx/button.h>
#include <wx/calctrl.h>
#include <wx/dateevt.h>
#include <wx/dialog.h>
#include <wx/generic/calctrlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "formatting.h"
#include "wx_text.h"

namespace nmdt::gui {

DateField::DateField(wxWindow* parent, wxWindowID id, const wxDateTime& value)
    : wxPanel(parent, id), value_(value) {
    text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(110, -1)),
                           wxTE_PROCESS_ENTER);
    text_->SetHint(_("dd-Mmm-yyyy"));
    text_->SetToolTip(_("A date such as 05-Oct-2025 (also 5/10/2025, day first, or 2025-10-05)"));
    calendarButton_ =
        new wxButton(this, wxID_ANY, "...", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    calendarButton_->SetToolTip(_("Choose the date in a calendar (Alt+Down)"));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(text_, 1, wxALIGN_CENTER_VERTICAL);
    row->Add(calendarButton_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(2));
    SetSizerAndFit(row);
    showValue();

    text_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { commitTyping(); });
    text_->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        commitTyping();
        e.Skip();
    });
    text_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_DOWN && e.AltDown())
            chooseInCalendar();
        else
            e.Skip();
    });
    calendarButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseInCalendar(); });
}

void DateField::SetValue(const wxDateTime& value) {
    value_ = value;
    typingError_ = false;
    showValue();
}

void DateField::showValue() {
    text_->ChangeValue(value_.IsValid() ? formatDate(fromWxDate(value_)) : wxString());
    text_->SetBackgroundColour(wxNullColour);
    text_->Refresh();
}

void DateField::commitTyping() {
    auto typed = parseDisplayDate(text_->GetValue());
    if (!typed) {
        // Keep what was typed in view, marked, so nothing is silently replaced.
        typingError_ = true;
        text_->SetBackgroundColour(wxColour(255, 220, 220));
        text_->Refresh();
        return;
    }
    wxDateTime chosen = toWxDate(*typed);
    bool changed = !value_.IsValid() || !chosen.IsSameDate(value_);
    value_ = chosen;
    typingError_ = false;
    showValue();
    if (changed) {
        wxDateEvent event(this, value_, wxEVT_DATE_CHANGED);
        ProcessWindowEvent(event);
    }
}

bool DateField::readableOrSay() {
    if (!IsEnabled())
        return true;
    commitTyping();
    if (!typingError_)
        return true;
    wxMessageBox(
        wxString::Format(_("\"%s\" is not a date. Type it like 05-Oct-2025."), text_->GetValue()),
        _("Date"), wxOK | wxICON_WARNING, this);
    text_->SetFocus();
    text_->SelectAll();
    return false;
}

void DateField::guardOk(wxWindow* dialog) {
    dialog->Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            if (readableOrSay())
                e.Skip();
        },
        wxID_OK);
}

void DateField::chooseInCalendar() {
    wxDialog dialog(this, wxID_ANY, _("Choose a date"));
    // The generic calendar, Monday first, the same on every platform and locale.
    auto* calendar = new wxGenericCalendarCtrl(
        &dialog, wxID_ANY, value_.IsValid() ? value_ : wxDateTime::Today(), wxDefaultPosition,
        wxDefaultSize, wxCAL_MONDAY_FIRST | wxCAL_SHOW_SURROUNDING_WEEKS);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(calendar, 1, wxEXPAND | wxALL, FromDIP(8));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(8));
    dialog.SetSizerAndFit(sizer);
    calendar->Bind(wxEVT_CALENDAR_DOUBLECLICKED,
                   [&dialog](wxCalendarEvent&) { dialog.EndModal(wxID_OK); });
    calendar->SetFocus();
    if (dialog.ShowModal() != wxID_OK)
        return;
    text_->ChangeValue(formatDate(fromWxDate(calendar->GetDate())));
    commitTyping();
}

}  // namespace nmdt::gui
