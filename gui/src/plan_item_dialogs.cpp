#include "plan_item_dialogs.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dateevt.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
wxChoice* domainChoice(wxWindow* parent, NeedDomain selected) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    choice->SetName(_("Area of life"));
    const auto domains = allValues<NeedDomain>();
    for (std::size_t i = 0; i < domains.size(); ++i) {
        choice->Append(describeDomain(domains[i]));
        if (domains[i] == selected)
            choice->SetSelection(static_cast<int>(i));
    }
    return choice;
}

NeedDomain chosenDomain(const wxChoice* choice) {
    return allValues<NeedDomain>()[static_cast<std::size_t>(std::max(0, choice->GetSelection()))];
}

void addRow(wxFlexGridSizer* grid, wxWindow* parent, const wxString& label, wxWindow* control) {
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_TOP | wxTOP, 4);
    grid->Add(control, 1, wxEXPAND);
}

wxDialog& finish(wxDialog& dialog, wxFlexGridSizer* grid) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, dialog.FromDIP(12));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL,
               dialog.FromDIP(12));
    dialog.SetSizerAndFit(sizer);
    return dialog;
}
}  // namespace

wxString describeDomain(NeedDomain d) {
    switch (d) {
        case NeedDomain::PhysicalHealth:
            return _("Physical health");
        case NeedDomain::MentalHealth:
            return _("Mental health");
        case NeedDomain::Housing:
            return _("Housing");
        case NeedDomain::MoneyAndDebt:
            return _("Money and debt");
        case NeedDomain::Employment:
            return _("Employment");
        case NeedDomain::SocialIsolation:
            return _("Social isolation");
        case NeedDomain::CarersAndFamily:
            return _("Carers and family");
        case NeedDomain::SubstanceUse:
            return _("Substance use");
        case NeedDomain::Safety:
            return _("Safety");
    }
    return {};
}

wxString describeProgress(GoalProgress p) {
    switch (p) {
        case GoalProgress::NotStarted:
            return _("Not started");
        case GoalProgress::InProgress:
            return _("In progress");
        case GoalProgress::Achieved:
            return _("Achieved");
        case GoalProgress::NotAchieved:
            return _("Not achieved");
    }
    return {};
}

NeedDialog::NeedDialog(wxWindow* parent, const Need& need)
    : wxDialog(parent, wxID_ANY, need.id.empty() ? _("Add a need") : _("Edit a need")),
      need_(need) {
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    domain_ = domainChoice(this, need.domain);
    description_ = new wxTextCtrl(this, wxID_ANY, toWx(need.description), wxDefaultPosition,
                                  FromDIP(wxSize(380, 60)), wxTE_MULTILINE);
    description_->SetName(_("Need"));
    support_ = new wxTextCtrl(this, wxID_ANY, toWx(need.plannedSupport), wxDefaultPosition,
                              FromDIP(wxSize(380, 60)), wxTE_MULTILINE);
    support_->SetName(_("Support planned"));
    addRow(grid, this, _("&Area of life:"), domain_);
    addRow(grid, this, _("&Need:"), description_);
    addRow(grid, this, _("&Support planned:"), support_);
    finish(*this, grid);
    description_->SetFocus();
}

Need NeedDialog::need() const {
    Need n = need_;
    n.domain = chosenDomain(domain_);
    n.description = fromWx(description_->GetValue().Trim().Trim(false));
    n.plannedSupport = fromWx(support_->GetValue().Trim().Trim(false));
    return n;
}

GoalDialog::GoalDialog(wxWindow* parent, const Goal& goal)
    : wxDialog(parent, wxID_ANY, goal.id.empty() ? _("Add a goal") : _("Edit a goal")),
      goal_(goal) {
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    domain_ = domainChoice(this, goal.domain);
    description_ = new wxTextCtrl(this, wxID_ANY, toWx(goal.description), wxDefaultPosition,
                                  FromDIP(wxSize(380, 60)), wxTE_MULTILINE);
    description_->SetName(_("Goal, in the person's own words"));
    hasTarget_ = new wxCheckBox(this, wxID_ANY, _("&Target date:"));
    hasTarget_->SetValue(goal.targetDate.has_value());
    target_ = new DateField(this, wxID_ANY);
    if (goal.targetDate)
        target_->SetValue(toWxDate(*goal.targetDate));
    target_->Enable(hasTarget_->GetValue());
    progress_ = new wxChoice(this, wxID_ANY);
    const auto progress = allValues<GoalProgress>();
    for (std::size_t i = 0; i < progress.size(); ++i) {
        progress_->Append(describeProgress(progress[i]));
        if (progress[i] == goal.progress)
            progress_->SetSelection(static_cast<int>(i));
    }
    progressNote_ = new wxTextCtrl(this, wxID_ANY, toWx(goal.progressNote));
    addRow(grid, this, _("&Area of life:"), domain_);
    addRow(grid, this, _("&Goal (their words):"), description_);
    grid->Add(hasTarget_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(target_);
    addRow(grid, this, _("&Progress:"), progress_);
    addRow(grid, this, _("Progress &note:"), progressNote_);
    finish(*this, grid);
    hasTarget_->Bind(wxEVT_CHECKBOX,
                     [this](wxCommandEvent&) { target_->Enable(hasTarget_->GetValue()); });
    target_->guardOk(this);
    description_->SetFocus();
}

Goal GoalDialog::goal() const {
    Goal g = goal_;
    g.domain = chosenDomain(domain_);
    g.description = fromWx(description_->GetValue().Trim().Trim(false));
    if (hasTarget_->GetValue()) {
        wxDateTime d = target_->GetValue();
        g.targetDate = fromWxDate(d);
    } else {
        g.targetDate.reset();
    }
    g.progress =
        allValues<GoalProgress>()[static_cast<std::size_t>(std::max(0, progress_->GetSelection()))];
    g.progressNote = fromWx(progressNote_->GetValue().Trim().Trim(false));
    return g;
}

}  // namespace nmdt::gui
