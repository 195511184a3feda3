#include "lock_panel.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace nmdt::gui {

LockPanel::LockPanel(wxWindow* parent) : wxPanel(parent) {
    SetName(_("Locked"));
    auto* title = new wxStaticText(this, wxID_ANY, _("Neighbourhood MDT is locked"));
    wxFont big = title->GetFont();
    big.SetPointSize(big.GetPointSize() + 6);
    big.MakeBold();
    title->SetFont(big);
    auto* hint = hint_ = new wxStaticText(this, wxID_ANY, _("Enter your passphrase to carry on."));
    passphrase_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(320, -1)),
                                 wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    passphrase_->SetName(_("Passphrase"));
    auto* unlock = new wxButton(this, wxID_ANY, _("&Unlock"));
    auto* someoneElse = new wxButton(this, wxID_ANY, _("Sign in as &Someone Else..."));
    someoneElse->SetName(_("Sign in as someone else"));
    message_ = new wxStaticText(this, wxID_ANY, {});
    message_->SetForegroundColour(wxColour(170, 0, 0));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(passphrase_, 0, wxRIGHT, FromDIP(6));
    row->Add(unlock);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(title, 0, wxALIGN_CENTER | wxBOTTOM, FromDIP(12));
    column->Add(hint, 0, wxALIGN_CENTER | wxBOTTOM, FromDIP(12));
    column->Add(row, 0, wxALIGN_CENTER | wxBOTTOM, FromDIP(8));
    column->Add(message_, 0, wxALIGN_CENTER | wxBOTTOM, FromDIP(16));
    column->Add(someoneElse, 0, wxALIGN_CENTER);
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->AddStretchSpacer();
    outer->Add(column, 0, wxALIGN_CENTER);
    outer->AddStretchSpacer();
    SetSizer(outer);
    unlock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { attempt(); });
    passphrase_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { attempt(); });
    someoneElse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onSwitchUser)
            onSwitchUser();
    });
}

void LockPanel::setLockedBy(const wxString& name) {
    hint_->SetLabel(wxString::Format(
        _("Locked by %s. Enter your passphrase to carry on; anyone else signs in as themselves."),
        name));
    Layout();
}

void LockPanel::reset() {
    passphrase_->Clear();
    message_->SetLabel({});
    passphrase_->SetFocus();
}

void LockPanel::attempt() {
    wxString problem;
    if (onUnlock && onUnlock(passphrase_->GetValue(), problem)) {
        passphrase_->Clear();
        return;
    }
    passphrase_->Clear();
    message_->SetLabel(problem);
    Layout();
}

}  // namespace nmdt::gui
