#include "action_arising_dialog.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dateevt.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "dialog_checks.h"
#include "formatting.h"
#include "labelled.h"
#include "referral_dialog.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

ActionArisingDialog::ActionArisingDialog(wxWindow* parent, std::vector<Professional> people,
                                         const std::vector<Organisation>& organisations, Date today,
                                         const wxString& title)
    : wxDialog(parent, wxID_ANY, title), people_(std::move(people)) {
    SetName("ActionDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    title_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, -1)));
    title_->SetName(_("Action"));
    detail_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, 60)),
                             wxTE_MULTILINE);
    detail_->SetName(_("Detail"));
    owner_ = new wxChoice(this, wxID_ANY);
    owner_->SetName(_("Owner"));
    // Named with their organisation, and nobody chosen for the user: an action given to
    // whoever happens to be first in the directory is an action nobody knows they own.
    owner_->Append(peopleWithOrganisations(people_, organisations));
    hasDue_ = new wxCheckBox(this, wxID_ANY, _("Due &by"));
    hasDue_->SetValue(true);
    due_ = new DateField(this, wxID_ANY);
    Date due = addDays(today, 14);
    due_->SetValue(toWxDate(due));
    priority_ = new wxChoice(this, wxID_ANY);
    for (Priority p : allValues<Priority>())
        priority_->Append(describe(p));
    priority_->SetSelection(0);
    grid->Add(labelFor(this, _("&Action:"), title_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(title_, 1, wxEXPAND);
    grid->Add(labelFor(this, _("De&tail:"), detail_), 0, wxALIGN_TOP);
    grid->Add(detail_, 1, wxEXPAND);
    grid->Add(labelFor(this, _("Ow&ner:"), owner_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(owner_, 1, wxEXPAND);
    grid->Add(hasDue_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(due_);
    grid->Add(labelFor(this, _("&Priority:"), priority_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(priority_);
    message_ = problemText(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(message_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    closeOnlyWhen(this, [this] { return validate(); });
    hasDue_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { due_->Enable(hasDue_->GetValue()); });
    title_->SetFocus();
}

NewAction ActionArisingDialog::action() const {
    NewAction a;
    a.title = fromWx(title_->GetValue().Trim().Trim(false));
    wxString detail = detail_->GetValue();
    a.detail = fromWx(detail.Trim().Trim(false));
    int owner = owner_->GetSelection();
    if (owner >= 0) {
        a.owner = people_[static_cast<std::size_t>(owner)].id;
        a.ownerOrganisation = people_[static_cast<std::size_t>(owner)].organisationId;
    }
    if (hasDue_->GetValue()) {
        wxDateTime d = due_->GetValue();
        a.dueDate = fromWxDate(d);
    }
    a.priority =
        allValues<Priority>()[static_cast<std::size_t>(std::max(0, priority_->GetSelection()))];
    return a;
}

bool ActionArisingDialog::validate() {
    wxString problem;
    if (title_->GetValue().Trim().Trim(false).empty())
        problem = describeField("title") + ": " + describe(ErrorCode::RequiredFieldMissing);
    else if (owner_->GetSelection() < 0)
        problem = _("Choose who owns this action.");
    else if (hasDue_->GetValue() && !due_->readableOrSay())
        return false;
    message_->SetLabel(problem);
    Layout();
    Fit();
    return problem.empty();
}

}  // namespace nmdt::gui
