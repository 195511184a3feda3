#include "status_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "dialog_checks.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

StatusDialog::StatusDialog(wxWindow* parent, const Action& action, const wxString& residentName)
    : wxDialog(parent, wxID_ANY,
               residentName.empty()
                   ? _("Change action status")
                   : wxString::Format(_("Change action status: %s"), residentName)),
      from_(action.status),
      offered_(allowedTransitions(action.status)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                wxString::Format(_("\"%s\" is %s. Move it to:"), toWx(action.title),
                                                 describe(action.status).Lower())),
               0, wxALL, FromDIP(10));
    status_ = new wxChoice(this, wxID_ANY);
    status_->SetName(_("New status"));
    for (ActionStatus s : offered_)
        status_->Append(describe(s));
    if (!offered_.empty())
        status_->SetSelection(0);
    sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    reasonLabel_ = new wxStaticText(this, wxID_ANY, _("&Reason:"));
    sizer->Add(reasonLabel_, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    reason_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(380, 70)),
                             wxTE_MULTILINE);
    reason_->SetName(_("Reason"));
    sizer->Add(reason_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    message_ = new wxStaticText(this, wxID_ANY, {});
    message_->SetForegroundColour(wxColour(170, 0, 0));
    sizer->Add(message_, 0, wxALL, FromDIP(10));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(sizer);
    status_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { onChoice(); });
    closeOnlyWhen(this, [this] { return validate(); });
    onChoice();
}

bool StatusDialog::choose(ActionStatus status) {
    for (std::size_t i = 0; i < offered_.size(); ++i) {
        if (offered_[i] == status) {
            status_->SetSelection(static_cast<int>(i));
            onChoice();
            return true;
        }
    }
    return false;
}

void StatusDialog::setReason(const wxString& reason) {
    reason_->SetValue(reason);
}

ActionStatus StatusDialog::chosen() const {
    int i = status_->GetSelection();
    return i < 0 ? from_ : offered_[static_cast<std::size_t>(i)];
}

std::string StatusDialog::reason() const {
    return fromWx(reason_->GetValue().Trim().Trim(false));
}

wxString StatusDialog::message() const {
    return message_->GetLabel();
}

void StatusDialog::onChoice() {
    bool needed = transitionNeedsReason(from_, chosen());
    reasonLabel_->SetLabel(needed ? _("&Reason (required):") : _("&Reason (optional):"));
    Layout();
}

bool StatusDialog::validate() {
    if (offered_.empty()) {
        message_->SetLabel(_("This action cannot change status."));
        return false;
    }
    if (transitionNeedsReason(from_, chosen()) && reason().empty()) {
        message_->SetLabel(describe(ErrorCode::ReasonRequired));
        reason_->SetFocus();
        return false;
    }
    message_->SetLabel({});
    return true;
}

}  // namespace nmdt::gui
