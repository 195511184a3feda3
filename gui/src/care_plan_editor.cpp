#include "care_plan_editor.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/dateevt.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "date_field.h"
#include "formatting.h"
#include "identity_banner.h"
#include "identity_text.h"
#include "model/care_plan_diff.h"
#include "model/case_service.h"
#include "model/permissions.h"
#include "plan_item_dialogs.h"
#include "refusable.h"
#include "reports/case_reports.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
constexpr int kAutosaveMs = 20000;

wxString versionLabel(const CarePlan& p) {
    switch (p.status) {
        case PlanStatus::Draft:
            return wxString::Format(_("Version %d: working draft"), p.version);
        case PlanStatus::Agreed:
            return wxString::Format(_("Version %d: current, agreed %s"), p.version,
                                    formatDate(p.agreedOn.value_or(Date{})));
        case PlanStatus::Superseded:
            return wxString::Format(_("Version %d: superseded (agreed %s)"), p.version,
                                    formatDate(p.agreedOn.value_or(Date{})));
    }
    return {};
}

wxString differenceItem(const std::string& item) {
    if (item == "what-matters")
        return _("What matters to me");
    if (item == "about-me")
        return _("About me");
    if (item == "contingency")
        return _("Contingency plan");
    if (item == "review-date")
        return _("Review date");
    if (item == "need")
        return _("Need");
    return _("Goal");
}

wxListCtrl* makeList(wxWindow* parent, const wxString& name,
                     std::initializer_list<std::pair<wxString, int>> columns) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition,
                                parent->FromDIP(wxSize(-1, 120)), wxLC_REPORT | wxLC_SINGLE_SEL);
    list->SetName(name);
    for (const auto& [title, width] : columns)
        list->AppendColumn(title, wxLIST_FORMAT_LEFT, parent->FromDIP(width));
    return list;
}
}  // namespace

CarePlanEditor::CarePlanEditor(wxWindow* parent, Commands commands, const PlanReader& plans,
                               const CaseReader& cases, const DirectoryReader& directory,
                               CaseId caseId)
    : wxFrame(parent, wxID_ANY, _("Care plan"), wxDefaultPosition, wxDefaultSize),
      commands_(std::move(commands)),
      plans_(plans),
      cases_(cases),
      directory_(directory),
      caseId_(std::move(caseId)),
      autosave_(this) {
    SetName("CarePlanEditor");
    auto* panel = new wxScrolledWindow(this);
    panel->SetScrollRate(0, FromDIP(10));
    banner_ = new IdentityBannerPanel(panel);
    version_ = new wxChoice(panel, wxID_ANY);
    version_->SetName(_("Version"));
    startButton_ = new wxButton(panel, wxID_ANY, _("Start &New Draft"));
    saveButton_ = new wxButton(panel, wxID_SAVE, _("&Save Draft"));
    agreeButton_ = new wxButton(panel, wxID_ANY, _("&Agree This Version..."));
    auto* closeButton = new wxButton(panel, wxID_CLOSE, _("Close"));
    closeButton->SetToolTip(_("Saves the draft and closes (Escape, Ctrl+W)"));
    status_ = new wxStaticText(panel, wxID_ANY, {});
    status_->SetName(_("Save status"));
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* w : std::initializer_list<wxWindow*>{version_, startButton_, saveButton_,
                                                        agreeButton_, closeButton, status_})
        bar->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    closeButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });

    auto text = [panel, this](const wxString& name, int height) {
        auto* t = new wxTextCtrl(panel, wxID_ANY, {}, wxDefaultPosition,
                                 FromDIP(wxSize(-1, height)), wxTE_MULTILINE);
        t->SetName(name);
        draftOnly_.push_back(t);
        return t;
    };
    whatMatters_ = text(_("What matters to me"), 60);
    aboutMe_ = text(_("About me"), 60);
    contingency_ = text(_("Contingency and crisis plan"), 60);
    hasReview_ = new wxCheckBox(panel, wxID_ANY, _("&Review by:"));
    review_ = new DateField(panel, wxID_ANY);
    needs_ = makeList(panel, _("Needs"),
                      {{_("Area of life"), 140}, {_("Need"), 300}, {_("Support planned"), 300}});
    goalsList_ = makeList(panel, _("Goals"),
                          {{_("Area of life"), 140},
                           {_("Goal, in their words"), 330},
                           {_("By"), 100},
                           {_("Progress"), 110}});
    careTeam_ =
        makeList(panel, _("Care team"),
                 {{_("Name"), 220}, {_("Role in the team"), 200}, {_("Organisation"), 260}});
    auto* addMemberButton = new wxButton(panel, wxID_ANY, _("Add to Care &Team..."));
    auto* addNeedButton = new wxButton(panel, wxID_ANY, _("Add Nee&d..."));
    auto* addGoalButton = new wxButton(panel, wxID_ANY, _("Add &Goal..."));
    auto* editGoalButton = new wxButton(panel, wxID_ANY, _("&Edit Goal..."));
    for (wxWindow* w : std::initializer_list<wxWindow*>{hasReview_, review_, addNeedButton,
                                                        addGoalButton, editGoalButton})
        draftOnly_.push_back(w);

    auto* form = new wxBoxSizer(wxVERTICAL);
    auto section = [&](const wxString& title, wxWindow* control) {
        form->Add(new wxStaticText(panel, wxID_ANY, title), 0, wxTOP, FromDIP(8));
        form->Add(control, 0, wxEXPAND | wxTOP, FromDIP(2));
    };
    section(_("What matters to me (in their words)"), whatMatters_);
    section(_("About me: how I communicate, how and when to support me"), aboutMe_);
    section(_("If things go wrong: contingency and crisis plan"), contingency_);
    auto* reviewRow = new wxBoxSizer(wxHORIZONTAL);
    reviewRow->Add(hasReview_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    reviewRow->Add(review_);
    form->Add(reviewRow, 0, wxTOP, FromDIP(8));
    section(_("Needs and the support planned"), needs_);
    form->Add(addNeedButton, 0, wxTOP, FromDIP(4));
    section(_("Goals"), goalsList_);
    auto* goalButtons = new wxBoxSizer(wxHORIZONTAL);
    goalButtons->Add(addGoalButton, 0, wxRIGHT, FromDIP(4));
    goalButtons->Add(editGoalButton);
    form->Add(goalButtons, 0, wxTOP, FromDIP(4));

    section(_("People involved: the care team"), careTeam_);
    form->Add(addMemberButton, 0, wxTOP, FromDIP(4));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(banner_, 0, wxEXPAND);
    sizer->Add(bar, 0, wxALL, FromDIP(8));
    sizer->Add(form, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    panel->SetSizer(sizer);
    SetClientSize(FromDIP(wxSize(900, 760)));

    auto report = [this](bool ok, const wxString& problem, const wxString& title) {
        if (!ok)
            wxMessageBox(problem, title, wxOK | wxICON_WARNING, this);
    };
    version_->Bind(wxEVT_CHOICE, [this, report](wxCommandEvent&) {
        wxString problem;
        if (hasUnsavedChanges() && !saveDraft(problem))
            report(false, problem, _("Save draft"));
        showVersion(versions_[static_cast<std::size_t>(version_->GetSelection())].id);
    });
    startButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(startDraft(problem), problem, _("Start draft"));
    });
    saveButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        wxString problem;
        report(saveDraft(problem), problem, _("Save draft"));
    });
    agreeButton_->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        if (wxMessageBox(
                _("Agree this version? It becomes the current plan and can no longer be changed; "
                  "the previous version is kept as superseded."),
                _("Agree care plan"), wxYES_NO | wxICON_QUESTION, this) != wxYES)
            return;
        wxString problem;
        report(agree(problem), problem, _("Agree care plan"));
    });
    addNeedButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        NeedDialog dialog(this, Need{});
        if (dialog.ShowModal() != wxID_OK)
            return;
        wxString problem;
        report(addNeed(dialog.need(), problem), problem, _("Add need"));
    });
    addGoalButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        GoalDialog dialog(this, Goal{});
        if (dialog.ShowModal() != wxID_OK)
            return;
        wxString problem;
        report(addGoal(dialog.goal(), problem), problem, _("Add goal"));
    });
    editGoalButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        long row = goalsList_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (row < 0)
            return;
        GoalDialog dialog(this, goals_[static_cast<std::size_t>(row)]);
        if (dialog.ShowModal() != wxID_OK)
            return;
        wxString problem;
        report(saveGoal(dialog.goal(), problem), problem, _("Edit goal"));
    });
    addMemberButton->Bind(wxEVT_BUTTON, [this, report](wxCommandEvent&) {
        auto people = directory_.professionals();
        DirectoryNames names(directory_);
        wxArrayString choices;
        for (const auto& p : people)
            choices.Add(toWx(names.professionalWithOrganisation(p.id)));
        wxSingleChoiceDialog who(this, _("Who joins the care team?"), _("Care team"), choices);
        if (who.ShowModal() != wxID_OK)
            return;
        wxString role =
            wxGetTextFromUser(_("Their role in the team (e.g. key worker, district nurse):"),
                              _("Care team"), {}, this);
        wxString problem;
        report(addToCareTeam(people[static_cast<std::size_t>(who.GetSelection())].id, fromWx(role),
                             problem),
               problem, _("Care team"));
    });
    hasReview_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        review_->Enable(hasReview_->GetValue());
        reviewTouched_ = true;
    });
    review_->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { reviewTouched_ = true; });
    // Drafts are never lost: saved every 20 seconds while changed, and on closing.
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        wxString problem;
        if (hasUnsavedChanges())
            saveDraft(problem);
    });
    Bind(wxEVT_CLOSE_WINDOW, &CarePlanEditor::onClose, this);
    // Escape and Ctrl+W close it like any document window; closing saves the draft first.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        const bool ctrlW = e.GetKeyCode() == 'W' && e.GetModifiers() == wxMOD_CONTROL;
        if (e.GetKeyCode() == WXK_ESCAPE || ctrlW) {
            Close();
            return;
        }
        e.Skip();
    });
    autosave_.Start(kAutosaveMs);
    load(std::nullopt);
}

CarePlanEditor::~CarePlanEditor() {
    autosave_.Stop();
}

void CarePlanEditor::onClose(wxCloseEvent& event) {
    wxString problem;
    if (hasUnsavedChanges() && !saveDraft(problem)) {
        if (event.CanVeto() &&
            wxMessageBox(problem + "\n\n" + _("Close anyway and lose the unsaved changes?"),
                         _("Care plan"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) != wxYES) {
            event.Veto();
            return;
        }
    }
    event.Skip();
}

void CarePlanEditor::load(const std::optional<CarePlanId>& show) {
    auto theCase = cases_.caseById(caseId_);
    if (theCase) {
        banner_->show(bannerFor(*theCase, commands_.clock().today()));
        SetTitle(wxString::Format(_("Care plan: %s"), toWx(residentLabel(theCase->resident))));
    }
    versions_ = plans_.carePlans(caseId_);
    version_->Clear();
    int select = versions_.empty() ? -1 : 0;  // the newest: the draft if there is one
    for (std::size_t i = 0; i < versions_.size(); ++i) {
        version_->Append(versionLabel(versions_[i]));
        if (show && versions_[i].id == *show)
            select = static_cast<int>(i);
    }
    version_->SetSelection(select);
    doc_.reset();
    if (select >= 0)
        doc_ = commands_.plans().document(versions_[static_cast<std::size_t>(select)].id);
    fillForm();
}

void CarePlanEditor::fillForm() {
    bool draft = editable();
    whatMatters_->ChangeValue(doc_ ? toWx(doc_->plan.whatMattersToMe) : wxString());
    aboutMe_->ChangeValue(doc_ ? toWx(doc_->plan.aboutMe) : wxString());
    contingency_->ChangeValue(doc_ ? toWx(doc_->plan.contingencyPlan) : wxString());
    hasReview_->SetValue(doc_ && doc_->plan.reviewDate);
    if (doc_ && doc_->plan.reviewDate) {
        const Date& d = *doc_->plan.reviewDate;
        review_->SetValue(toWxDate(d));
    }
    reviewTouched_ = false;
    needs_->DeleteAllItems();
    goalsList_->DeleteAllItems();
    goals_.clear();
    if (doc_) {
        for (const auto& n : doc_->needs) {
            long row = needs_->InsertItem(needs_->GetItemCount(), describeDomain(n.domain));
            needs_->SetItem(row, 1, toWx(n.description));
            needs_->SetItem(row, 2, toWx(n.plannedSupport));
        }
        goals_ = doc_->goals;
        for (const auto& g : goals_) {
            long row = goalsList_->InsertItem(goalsList_->GetItemCount(), describeDomain(g.domain));
            goalsList_->SetItem(row, 1, toWx(g.description));
            goalsList_->SetItem(row, 2, g.targetDate ? formatDate(*g.targetDate) : wxString());
            goalsList_->SetItem(row, 3, describeProgress(g.progress));
        }
    }
    careTeam_->DeleteAllItems();
    DirectoryNames names(directory_);
    for (const auto& m : cases_.careTeam(caseId_)) {
        if (!m.active)
            continue;
        long row = careTeam_->InsertItem(careTeam_->GetItemCount(),
                                         toWx(names.professional(m.professionalId)));
        careTeam_->SetItem(row, 1, toWx(m.teamRole));
        careTeam_->SetItem(row, 2, toWx(names.organisationOf(m.professionalId)));
    }
    // Agreed versions are read-only, and so is everything for roles that cannot edit plans:
    // the controls say so rather than refusing on save.
    const bool mayEdit = isAllowed(commands_.actor(), Operation::EditCarePlanDraft);
    draft = draft && mayEdit;
    for (wxWindow* w : draftOnly_)
        w->Enable(draft);
    for (wxTextCtrl* t : {whatMatters_, aboutMe_, contingency_})
        t->SetEditable(draft);
    review_->Enable(draft && hasReview_->GetValue());
    bool hasDraft = std::any_of(versions_.begin(), versions_.end(),
                                [](const CarePlan& p) { return p.status == PlanStatus::Draft; });
    startButton_->Enable(!hasDraft && mayEdit);
    saveButton_->Enable(draft);
    agreeButton_->Enable(draft && isAllowed(commands_.actor(), Operation::AgreeCarePlan));
    status_->SetLabel(!doc_   ? _("No care plan yet: start a draft.")
                      : draft ? (lastSaved_.empty() ? _("Draft") : lastSaved_)
                              : _("Read-only: agreed versions cannot be changed."));
    GetChildren().front()->Layout();
}

std::optional<CarePlan> CarePlanEditor::shown() const {
    return doc_ ? std::optional(doc_->plan) : std::nullopt;
}

bool CarePlanEditor::editable() const {
    return doc_ && doc_->plan.status == PlanStatus::Draft;
}

bool CarePlanEditor::hasUnsavedChanges() const {
    return editable() && (whatMatters_->IsModified() || aboutMe_->IsModified() ||
                          contingency_->IsModified() || reviewTouched_);
}

wxString CarePlanEditor::bannerText() const {
    return banner_->text();
}
wxString CarePlanEditor::statusText() const {
    return status_->GetLabel();
}

wxString CarePlanEditor::differencesText() const {
    if (!doc_)
        return {};
    // The version before the one shown: the next older in the list.
    for (std::size_t i = 0; i + 1 < versions_.size(); ++i) {
        if (versions_[i].id != doc_->plan.id)
            continue;
        auto older = commands_.plans().document(versions_[i + 1].id);
        wxString text;
        for (const auto& d : compareCarePlans(older, *doc_)) {
            wxString what = differenceItem(d.item);
            if (d.kind == PlanDifference::Kind::Added)
                text += wxString::Format(_("Added %s: %s\n"), what, toWx(d.after));
            else if (d.kind == PlanDifference::Kind::Removed)
                text += wxString::Format(_("Removed %s: %s\n"), what, toWx(d.before));
            else
                text += wxString::Format(_("Changed %s: %s  ->  %s\n"), what, toWx(d.before),
                                         toWx(d.after));
        }
        return text;
    }
    return {};
}

void CarePlanEditor::typeText(const wxString& whatMatters, const wxString& aboutMe,
                              const wxString& contingency) {
    whatMatters_->ChangeValue(whatMatters);
    aboutMe_->ChangeValue(aboutMe);
    contingency_->ChangeValue(contingency);
    for (wxTextCtrl* t : {whatMatters_, aboutMe_, contingency_})
        t->MarkDirty();
}

template <class F>
bool CarePlanEditor::attempt(F&& command, wxString& problem) {
    if (!runRefusable(std::forward<F>(command), problem))
        return false;
    if (onChanged)
        onChanged();
    return true;
}

bool CarePlanEditor::startDraft(wxString& problem) {
    std::optional<CarePlanId> id;
    bool ok = attempt([&] { id = commands_.plans().startDraft(caseId_); }, problem);
    if (ok)
        load(id);
    return ok;
}

bool CarePlanEditor::saveDraft(wxString& problem) {
    if (!editable())
        return false;
    CarePlan p = doc_->plan;
    p.whatMattersToMe = fromWx(whatMatters_->GetValue());
    p.aboutMe = fromWx(aboutMe_->GetValue());
    p.contingencyPlan = fromWx(contingency_->GetValue());
    if (hasReview_->GetValue()) {
        // Read what is typed, unless the user is still typing it (an autosave mid-date).
        if (!review_->text()->HasFocus())
            review_->commitTyping();
        if (review_->hasTypingError()) {
            // Saving would quietly keep the old date: keep everything until it reads.
            problem =
                _("The review date is not a date. Type it like 05-Oct-2025; nothing has "
                  "been saved yet.");
            return false;
        }
        wxDateTime d = review_->GetValue();
        p.reviewDate = fromWxDate(d);
    } else {
        p.reviewDate.reset();
    }
    bool ok = attempt([&] { commands_.plans().saveDraft(p); }, problem);
    if (ok) {
        doc_->plan = *plans_.carePlan(p.id);
        for (wxTextCtrl* t : {whatMatters_, aboutMe_, contingency_})
            t->DiscardEdits();
        reviewTouched_ = false;
        lastSaved_ = wxString::Format(_("Draft saved %s"),
                                      formatDateTime(commands_.clock().now()).AfterLast(' '));
        status_->SetLabel(lastSaved_);
    }
    return ok;
}

template <class F>
bool CarePlanEditor::changeDraft(F&& change, wxString& problem) {
    // Every change to the draft first saves what is typed, so nothing is lost or reverted.
    if (!editable())
        return false;
    if (hasUnsavedChanges() && !saveDraft(problem))
        return false;
    const CarePlanId id = doc_->plan.id;
    if (!attempt([&] { change(id); }, problem))
        return false;
    load(id);
    return true;
}

bool CarePlanEditor::agree(wxString& problem) {
    return changeDraft([&](const CarePlanId& id) { commands_.plans().agree(id); }, problem);
}

bool CarePlanEditor::addNeed(const Need& need, wxString& problem) {
    return changeDraft(
        [&](const CarePlanId& id) {
            commands_.plans().addNeed(id, need.domain, need.description, need.plannedSupport);
        },
        problem);
}

bool CarePlanEditor::addGoal(const Goal& goal, wxString& problem) {
    return changeDraft(
        [&](const CarePlanId& id) {
            auto plans = commands_.plans();
            GoalId created = plans.addGoal(id, goal.domain, goal.description, goal.targetDate);
            if (goal.progress != GoalProgress::NotStarted || !goal.progressNote.empty()) {
                Goal saved = goal;
                saved.id = created;
                saved.planId = id;
                plans.saveGoal(saved);
            }
        },
        problem);
}

bool CarePlanEditor::saveGoal(const Goal& goal, wxString& problem) {
    return changeDraft([&](const CarePlanId&) { commands_.plans().saveGoal(goal); }, problem);
}

void CarePlanEditor::showVersion(const CarePlanId& id) {
    load(id);
}

bool CarePlanEditor::addToCareTeam(const ProfessionalId& who, const std::string& role,
                                   wxString& problem) {
    // The care team belongs to the case, not to one plan version, so it can change any time.
    bool ok = attempt([&] { commands_.cases().addToCareTeam(caseId_, who, role); }, problem);
    if (ok)
        load(doc_ ? std::optional(doc_->plan.id) : std::nullopt);
    return ok;
}

long CarePlanEditor::careTeamSize() const {
    return careTeam_->GetItemCount();
}

}  // namespace nmdt::gui
