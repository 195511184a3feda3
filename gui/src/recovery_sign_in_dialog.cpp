#include "recovery_sign_in_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

RecoverySignInDialog::RecoverySignInDialog(wxWindow* parent, const wxString& administrator,
                                           Attempt recover)
    : wxDialog(parent, wxID_ANY, _("Use the Recovery Key"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      recover_(std::move(recover)) {
    SetName("RecoverySignInDialog");
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("If you have forgotten your passphrase, ask an administrator to set a new one for "
          "you (View > People). If every administrator has forgotten theirs, the store's "
          "recovery key gives one of them a new passphrase. The key then stops working and a "
          "new one is shown."));
    intro->Wrap(FromDIP(480));

    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    // Each label comes just before its control, so its mnemonic reaches it on GTK too.
    auto row = [&](const wxString& label, long style, const wxString& name) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* field = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition,
                                     FromDIP(wxSize(340, -1)), style | wxTE_PROCESS_ENTER);
        field->SetName(name);
        grid->Add(field, 1, wxEXPAND);
        field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
            if (tryRecover())
                EndModal(wxID_OK);
        });
        return field;
    };
    key_ = row(_("Recovery &key:"), 0, _("Recovery key"));
    key_->SetFont(wxFont(wxFontInfo().Family(wxFONTFAMILY_TELETYPE)));
    key_->SetMinSize(  // the whole key in view as it is typed, to check against the paper
        wxSize(key_->GetTextExtent("MMMMMMMM-MMMMMMMM-MMMMMMMM-MMMMMMMM-MMMMMMMM-MMMMMMMMMM").x,
               -1));
    administrator_ = row(_("&Administrator:"), 0, _("Administrator"));
    administrator_->SetValue(administrator);
    passphrase_ = row(_("&New passphrase:"), wxTE_PASSWORD, _("New passphrase"));
    confirm_ = row(_("Con&firm:"), wxTE_PASSWORD, _("Confirm passphrase"));
    grid->AddSpacer(0);
    strength_ = new wxStaticText(this, wxID_ANY, {});
    grid->Add(strength_);

    message_ = new wxStaticText(this, wxID_ANY, {});
    message_->SetForegroundColour(wxColour(170, 0, 0));
    message_->SetName(_("Problem"));

    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Sign In"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL));
    buttons->Realize();

    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(intro, 0, wxEXPAND | wxALL, FromDIP(12));
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    top->Add(message_, 0, wxEXPAND | wxALL, FromDIP(12));
    top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    SetSizerAndFit(top);
    key_->SetFocus();

    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (tryRecover())
            EndModal(wxID_OK);
    });
    passphrase_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        strength_->SetLabel(describe(assessPassphrase(fromWx(passphrase_->GetValue()))));
        Layout();
    });
}

wxString RecoverySignInDialog::message() const {
    return message_->GetLabel();
}

void RecoverySignInDialog::showProblem(const wxString& text) {
    message_->SetLabel(text);
    message_->Wrap(FromDIP(480));
    Layout();
    Fit();
}

bool RecoverySignInDialog::tryRecover() {
    const std::string key = fromWx(key_->GetValue().Strip(wxString::both));
    const std::string admin = fromWx(administrator_->GetValue().Strip(wxString::both));
    Passphrase passphrase(fromWx(passphrase_->GetValue()));
    if (key.empty()) {
        showProblem(_("Type the recovery key, as printed when it was made."));
        key_->SetFocus();
        return false;
    }
    if (admin.empty()) {
        showProblem(_("Type the name or username of the administrator who will sign in."));
        administrator_->SetFocus();
        return false;
    }
    auto verdict = assessPassphrase(passphrase.reveal());
    if (verdict != PassphraseVerdict::Acceptable) {
        showProblem(describe(verdict));
        passphrase_->SetFocus();
        return false;
    }
    if (fromWx(confirm_->GetValue()) != passphrase.reveal()) {
        showProblem(_("The two passphrases are different."));
        confirm_->SetFocus();
        return false;
    }
    wxString problem = recover_(key, Credentials{admin, passphrase});
    if (!problem.empty()) {
        showProblem(problem);
        return false;
    }
    passphrase_->Clear();
    confirm_->Clear();
    return true;
}

}  // namespace nmdt::gui
