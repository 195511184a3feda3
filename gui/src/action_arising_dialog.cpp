#include "action_arising_dialog.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dateevt.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

ActionArisingDialog::ActionArisingDialog(wxWindow* parent, std::vector<Professional> people,
                                         Date today)
    : wxDialog(parent, wxID_ANY, _("Action arising")), people_(std::move(people)) {
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    title_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, -1)));
    title_->SetName(_("Action"));
    owner_ = new wxChoice(this, wxID_ANY);
    owner_->SetName(_("Owner"));
    for (const auto& p : people_)
        owner_->Append(toWx(p.name));
    if (!people_.empty())
        owner_->SetSelection(0);
    hasDue_ = new wxCheckBox(this, wxID_ANY, _("Due &by"));
    hasDue_->SetValue(true);
    due_ = new DateField(this, wxID_ANY);
    Date due = addDays(today, 14);
    due_->SetValue(toWxDate(due));
    priority_ = new wxChoice(this, wxID_ANY);
    for (Priority p : allValues<Priority>())
        priority_->Append(describe(p));
    priority_->SetSelection(0);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Action:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(title_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Owner:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(owner_, 1, wxEXPAND);
    grid->Add(hasDue_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(due_);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Priority:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(priority_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    hasDue_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { due_->Enable(hasDue_->GetValue()); });
    due_->guardOk(this);
    title_->SetFocus();
}

NewAction ActionArisingDialog::action() const {
    NewAction a;
    a.title = fromWx(title_->GetValue().Trim().Trim(false));
    int owner = owner_->GetSelection();
    if (owner >= 0)
        a.owner = people_[static_cast<std::size_t>(owner)].id;
    if (hasDue_->GetValue()) {
        wxDateTime d = due_->GetValue();
        a.dueDate = fromWxDate(d);
    }
    a.priority =
        allValues<Priority>()[static_cast<std::size_t>(std::max(0, priority_->GetSelection()))];
    return a;
}

}  // namespace nmdt::gui
