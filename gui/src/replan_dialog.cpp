#include "replan_dialog.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "labelled.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

ReplanDialog::ReplanDialog(wxWindow* parent, const Action& action, const wxString& residentName)
    : wxDialog(parent, wxID_ANY,
               wxString::Format(_("Due date or priority: %s"), toWx(action.title))) {
    SetName("ReplanDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    hasDue_ = new wxCheckBox(this, wxID_ANY, _("Due &by"));
    hasDue_->SetValue(action.dueDate.has_value());
    due_ = new DateField(this, wxID_ANY);
    if (action.dueDate)
        due_->SetValue(toWxDate(*action.dueDate));
    due_->Enable(action.dueDate.has_value());
    priority_ = new wxChoice(this, wxID_ANY);
    priority_->SetName(_("Priority"));
    int current = 0;
    for (Priority p : allValues<Priority>()) {
        if (p == action.priority)
            current = static_cast<int>(priority_->GetCount());
        priority_->Append(describe(p));
    }
    priority_->SetSelection(current);
    reason_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, 60)),
                             wxTE_MULTILINE);
    reason_->SetName(_("Reason"));
    grid->AddSpacer(0);
    grid->Add(new wxStaticText(
        this, wxID_ANY,
        wxString::Format(_("For %s"),
                         residentName.empty() ? wxString(_("this resident")) : residentName)));
    grid->Add(hasDue_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(due_);
    grid->Add(labelFor(this, _("&Priority:"), priority_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(priority_);
    grid->Add(labelFor(this, _("&Why:"), reason_), 0, wxALIGN_TOP);
    grid->Add(reason_, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    hasDue_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { due_->Enable(hasDue_->GetValue()); });
    due_->guardOk(this);
    due_->text()->SetFocus();
}

std::optional<Date> ReplanDialog::dueDate() const {
    if (!hasDue_->GetValue())
        return std::nullopt;
    return fromWxDate(due_->GetValue());
}

Priority ReplanDialog::priority() const {
    return allValues<Priority>()[static_cast<std::size_t>(std::max(0, priority_->GetSelection()))];
}

std::string ReplanDialog::reason() const {
    wxString text = reason_->GetValue();
    return fromWx(text.Trim().Trim(false));
}

NoteDialog::NoteDialog(wxWindow* parent, const Action& action, const wxString& residentName)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Add a note to \"%s\""), toWx(action.title))) {
    SetName("NoteDialog");
    text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(420, 100)),
                           wxTE_MULTILINE);
    text_->SetName(_("Progress note"));
    private_ = new wxCheckBox(this, wxID_ANY,
                              _("P&rivate: keep this note on this desktop, never share it"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(
        new wxStaticText(
            this, wxID_ANY,
            wxString::Format(_("Progress note for %s (notes cannot be edited once added):"),
                             residentName.empty() ? wxString(_("this resident")) : residentName)),
        0, wxALL, FromDIP(12));
    sizer->Add(text_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(private_, 0, wxALL, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    text_->SetFocus();
}

std::string NoteDialog::text() const {
    wxString value = text_->GetValue();
    return fromWx(value.Trim().Trim(false));
}

NoteSharing NoteDialog::sharing() const {
    return private_->GetValue() ? NoteSharing::PrivateToThisDesktop : NoteSharing::Shared;
}

}  // namespace nmdt::gui
