#include "actions_panel.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/dateevt.h>
#include <wx/html/htmlwin.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include "action_list_view.h"
#include "date_field.h"
#include "formatting.h"
#include "model/permissions.h"
#include "refusable.h"
#include "replan_dialog.h"
#include "status_dialog.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
// Status filter choices: "any open", each status, "any, including closed".
constexpr int kAnyOpen = 0;

std::string escapeHtml(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '\n')
            out += "<br>";
        else
            out += c;
    }
    return out;
}
}  // namespace

ActionsPanel::ActionsPanel(wxWindow* parent, Commands commands, const ActionReader& actions,
                           const CaseReader& cases, const DirectoryReader& directory)
    : wxPanel(parent),
      commands_(std::move(commands)),
      actions_(actions),
      cases_(cases),
      directory_(directory) {
    viewChoice_ = new wxChoice(this, wxID_ANY);
    viewChoice_->SetName(_("Show"));
    for (const wxString& v : {_("My actions"), _("My organisation's actions"),
                              _("Overdue: my organisation"), _("Overdue: everyone")})
        viewChoice_->Append(v);
    viewChoice_->SetSelection(0);

    statusChoice_ = new wxChoice(this, wxID_ANY);
    statusChoice_->SetName(_("Status filter"));
    statusChoice_->Append(_("Any open status"));
    for (ActionStatus s : allValues<ActionStatus>())
        statusChoice_->Append(describe(s));
    statusChoice_->Append(_("Any status, including closed"));
    statusChoice_->SetSelection(kAnyOpen);

    priorityChoice_ = new wxChoice(this, wxID_ANY);
    priorityChoice_->SetName(_("Priority filter"));
    priorityChoice_->Append(_("Any priority"));
    for (Priority p : allValues<Priority>())
        priorityChoice_->Append(describe(p));
    priorityChoice_->SetSelection(0);

    fromEnabled_ = new wxCheckBox(this, wxID_ANY, _("Due fro&m"));
    fromPicker_ = new DateField(this, wxID_ANY);
    toEnabled_ = new wxCheckBox(this, wxID_ANY, _("&to"));
    toPicker_ = new DateField(this, wxID_ANY);
    fromPicker_->Disable();
    toPicker_->Disable();

    badge_ = new wxStaticText(this, wxID_ANY, _("Nothing overdue"));  // sized with text
    badge_->SetName(_("Overdue actions"));
    badge_->SetForegroundColour(wxColour(213, 40, 27));
    wxFont big = badge_->GetFont();
    big.SetPointSize(big.GetPointSize() + 3);
    big.MakeBold();
    badge_->SetFont(big);

    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    auto add = [&](wxWindow* w, int border = 6) {
        filters->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(border));
    };
    add(new wxStaticText(this, wxID_ANY, _("Sh&ow:")), 4);
    add(viewChoice_, 12);
    add(statusChoice_);
    add(priorityChoice_, 12);
    add(fromEnabled_, 2);
    add(fromPicker_);
    add(toEnabled_, 2);
    add(toPicker_);

    auto* split =
        new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    list_ = new ActionListView(split, actions_, cases_, directory_);
    details_ = new wxHtmlWindow(split, wxID_ANY);
    details_->SetName(_("Action details and progress notes"));
    split->SplitHorizontally(list_, details_, -FromDIP(180));
    split->SetSashGravity(1.0);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* statusButton = new wxButton(this, wxID_ANY, _("&Change Status..."));
    auto* noteButton = new wxButton(this, wxID_ANY, _("Add &Note..."));
    auto* reassignButton = new wxButton(this, wxID_ANY, _("Reass&ign..."));
    auto* replanButton = new wxButton(this, wxID_ANY, _("&Due Date or Priority..."));
    workButtons_ = {statusButton, noteButton, reassignButton, replanButton};
    for (auto* b : workButtons_)
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));

    truncated_ = new wxStaticText(this, wxID_ANY, {});
    truncated_->SetName(_("Rows not shown"));
    truncated_->Hide();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // The badge has a row of its own, full width, so no amount of text or font clips it.
    sizer->Add(badge_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
    sizer->Add(filters, 0, wxEXPAND | wxALL, FromDIP(8));
    sizer->Add(truncated_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    sizer->Add(split, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
    sizer->Add(buttons, 0, wxALL, FromDIP(8));
    SetSizer(sizer);

    auto changedFilter = [this](wxCommandEvent&) {
        int s = statusChoice_->GetSelection();
        const auto statuses = allValues<ActionStatus>();
        status_ = s >= 1 && s <= static_cast<int>(statuses.size())
                      ? std::optional(statuses[static_cast<std::size_t>(s - 1)])
                      : std::nullopt;
        includeClosed_ = s > static_cast<int>(statuses.size()) || (status_ && !isOpen(*status_));
        int p = priorityChoice_->GetSelection();
        priority_ = p >= 1 ? std::optional(allValues<Priority>()[static_cast<std::size_t>(p - 1)])
                           : std::nullopt;
        view_ = static_cast<View>(viewChoice_->GetSelection());
        fromPicker_->Enable(fromEnabled_->GetValue());
        toPicker_->Enable(toEnabled_->GetValue());
        dueFrom_ = fromEnabled_->GetValue() ? std::optional(fromWxDate(fromPicker_->GetValue()))
                                            : std::nullopt;
        dueTo_ = toEnabled_->GetValue() ? std::optional(fromWxDate(toPicker_->GetValue()))
                                        : std::nullopt;
        refresh();
    };
    for (wxChoice* c : {viewChoice_, statusChoice_, priorityChoice_})
        c->Bind(wxEVT_CHOICE, changedFilter);
    for (wxCheckBox* c : {fromEnabled_, toEnabled_})
        c->Bind(wxEVT_CHECKBOX, changedFilter);
    fromPicker_->Bind(wxEVT_DATE_CHANGED, [changedFilter](wxDateEvent&) {
        wxCommandEvent e;
        changedFilter(e);
    });
    toPicker_->Bind(wxEVT_DATE_CHANGED, [changedFilter](wxDateEvent&) {
        wxCommandEvent e;
        changedFilter(e);
    });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showSelectedDetails(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { showSelectedDetails(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { changeStatusOfSelected(); });
    statusButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { changeStatusOfSelected(); });
    noteButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addNoteToSelected(); });
    reassignButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reassignSelected(); });
    replanButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { replanSelected(); });
    // The list waits for its tab (loadIfNotYet): after a restart reading it costs a cold
    // disk as much as the rest of the start-up. The counts label the tab now.
    counts_ = readOverdueCounts();
    badge_->SetLabel(overdueText());
    showSelectedDetails();
}

void ActionsPanel::loadIfNotYet() {
    if (!loaded_)
        refresh();
}

void ActionsPanel::setView(View view) {
    view_ = view;
    viewChoice_->SetSelection(static_cast<int>(view));
    refresh();
}

void ActionsPanel::setStatusFilter(std::optional<ActionStatus> status, bool includeClosed) {
    status_ = status;
    includeClosed_ = includeClosed || (status && !isOpen(*status));
    refresh();
}

void ActionsPanel::setPriorityFilter(std::optional<Priority> priority) {
    priority_ = priority;
    refresh();
}

void ActionsPanel::setDueRange(std::optional<Date> from, std::optional<Date> to) {
    dueFrom_ = from;
    dueTo_ = to;
    refresh();
}

void ActionsPanel::setResident(std::optional<CaseId> resident) {
    resident_ = std::move(resident);
    refresh();
}

ActionQuery ActionsPanel::query() const {
    ActionQuery q;
    const bool hasOrg = !commands_.actor().organisationId.empty();
    switch (view_) {
        case View::Mine:
            q.owner = commands_.actor().userId;
            break;
        case View::MyOrganisation:
            if (hasOrg)
                q.ownerOrganisation = commands_.actor().organisationId;
            else
                q.owner = commands_.actor().userId;
            break;
        case View::OverdueMyOrganisation:
            if (hasOrg)
                q.ownerOrganisation = commands_.actor().organisationId;
            q.overdueAsOf = commands_.clock().today();
            break;
        case View::OverdueAll:
            q.overdueAsOf = commands_.clock().today();
            break;
    }
    q.openOnly = !includeClosed_;
    q.status = status_;
    q.priority = priority_;
    q.dueFrom = dueFrom_;
    q.dueTo = dueTo_;
    q.caseId = resident_;
    q.limit = kRowLimit;
    return q;
}

void ActionsPanel::refresh() {
    loaded_ = true;
    auto keep = selected();
    try {
        auto q = query();
        auto ids = actions_.actionIds(q);
        // A silently shortened list would hide overdue work: say what was left out. Counted
        // up to a point: past it the number changes nothing anyone does (narrow the list),
        // and counting a whole organisation's actions read 750 pages after a restart.
        std::size_t all = ids.size();
        if (all >= kRowLimit) {
            q.countAtMost = kCountLimit + 1;
            all = actions_.countActions(q);
        }
        list_->show(std::move(ids), commands_.clock().today());
        const wxString shown = wxString::Format("%zu", kRowLimit);
        truncated_->SetLabel(
            all > kCountLimit
                ? wxString::Format(_("Showing the first %s of more than %s actions (overdue "
                                     "first): narrow them with the filters above."),
                                   shown, wxString::Format("%zu", kCountLimit))
            : all > kRowLimit
                ? wxString::Format(_("Showing the first %s of %s actions (overdue first): narrow "
                                     "them with the filters above."),
                                   shown, wxString::Format("%zu", all))
                : wxString());
        truncated_->Show(all > kRowLimit);
    } catch (const StoreError& e) {
        wxMessageBox(describe(e.code()), _("Actions"), wxOK | wxICON_ERROR, this);
    }
    counts_ = readOverdueCounts();  // once per refresh: the badge and the tab both show them
    badge_->SetLabel(overdueText());
    Layout();
    if (keep)
        select(keep->id);
    else
        showSelectedDetails();
}

std::size_t ActionsPanel::overdueCount() const {
    return counts_.organisation.value_or(counts_.mine);
}

ActionsPanel::OverdueCounts ActionsPanel::readOverdueCounts() const {
    OverdueCounts counts;
    ActionQuery mine;
    mine.owner = commands_.actor().userId;
    mine.overdueAsOf = commands_.clock().today();
    counts.mine = commands_.actor().userId.empty() ? 0 : actions_.countActions(mine);
    if (!commands_.actor().organisationId.empty()) {
        ActionQuery team;
        team.ownerOrganisation = commands_.actor().organisationId;
        team.overdueAsOf = commands_.clock().today();
        counts.organisation = actions_.countActions(team);
    }
    return counts;
}

wxString ActionsPanel::overdueText() const {
    // Two numbers, each saying whose: "13 overdue" beside 5 red rows of My Actions misled.
    if (counts_.none())
        return _("Nothing overdue");
    if (!counts_.organisation)
        return wxString::Format(_("Overdue: %zu of mine"), counts_.mine);
    auto org = directory_.organisation(commands_.actor().organisationId);
    return wxString::Format(_("Overdue: %zu of mine, %zu in %s"), counts_.mine,
                            *counts_.organisation,
                            org ? toWx(org->name) : wxString(_("my organisation")));
}

wxString ActionsPanel::tabText() const {
    if (counts_.none())
        return _("Actions");
    if (!counts_.organisation)
        return wxString::Format(_("Actions (%zu of mine overdue)"), counts_.mine);
    return wxString::Format(_("Actions (overdue: %zu mine, %zu organisation)"), counts_.mine,
                            *counts_.organisation);
}

wxString ActionsPanel::overdueBadge() const {
    return badge_->GetLabel();
}

wxString ActionsPanel::truncationNotice() const {
    return truncated_->IsShown() ? truncated_->GetLabel() : wxString();
}

std::optional<Action> ActionsPanel::selected() const {
    return list_->actionAt(list_->selectedRow());
}

bool ActionsPanel::canWorkOnSelected() const {
    return !workButtons_.empty() && workButtons_.front()->IsEnabled();
}

void ActionsPanel::select(const ActionId& id) {
    if (auto row = list_->rowOf(id)) {
        list_->SetItemState(*row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                            wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        list_->EnsureVisible(*row);
    }
    showSelectedDetails();
}

void ActionsPanel::showSelectedDetails() {
    auto a = selected();
    // The buttons work on the action chosen, as the toolbar's do: with none, or one this
    // person may not change, they wait rather than do nothing when pressed.
    const bool workable = a && mayWorkOn(commands_.actor(), *a);
    for (auto* b : workButtons_)
        b->Enable(workable);
    if (!a) {
        details_->SetPage("<html><body><p>" +
                          _("Choose an action to see its details and progress notes.") +
                          "</p></body></html>");
        return;
    }
    DirectoryNames names(directory_);
    std::string html =
        "<html><body><h4>" + escapeHtml(a->title) + "</h4><p>" + escapeHtml(a->detail) + "</p>";
    if (!a->statusReason.empty())
        html += "<p><b>" + fromWx(describe(a->status)) + ":</b> " + escapeHtml(a->statusReason) +
                "</p>";
    html += "<p><b>" + fromWx(_("Progress notes")) + "</b></p><ul>";
    auto notes = actions_.notes(a->id);
    for (auto it = notes.rbegin(); it != notes.rend(); ++it)
        html += "<li>" + fromWx(formatDateTime(it->writtenAt)) + ", " +
                escapeHtml(names.professional(it->author)) + ": " + escapeHtml(it->text) + "</li>";
    if (notes.empty())
        html += "<li><i>" + fromWx(_("No notes yet.")) + "</i></li>";
    details_->SetPage(toWx(html + "</ul></body></html>"));
}

wxString ActionsPanel::notesText() const {
    return details_->ToText();
}

template <class F>
bool ActionsPanel::attempt(F&& command, wxString& problem) {
    if (!runRefusable(std::forward<F>(command), problem))
        return false;
    refresh();
    if (onChanged)
        onChanged();
    return true;
}

bool ActionsPanel::changeStatus(const ActionId& id, ActionStatus to, const std::string& reason,
                                wxString& problem) {
    return attempt([&] { commands_.actions().changeStatus(id, to, reason); }, problem);
}

bool ActionsPanel::addNote(const ActionId& id, const std::string& text, wxString& problem,
                           NoteSharing sharing) {
    return attempt([&] { commands_.actions().addNote(id, text, sharing); }, problem);
}

bool ActionsPanel::replan(const ActionId& id, std::optional<Date> due, Priority priority,
                          const std::string& reason, wxString& problem) {
    auto before = actions_.action(id);
    if (!before)
        return false;
    // The note says what changed in words; the model refuses an empty reason.
    std::string note = reason;
    if (!reason.empty()) {
        wxString what;
        if (due != before->dueDate)
            what = due ? wxString::Format(_("Due date moved to %s"), formatDate(*due))
                       : wxString(_("Due date removed"));
        if (priority != before->priority)
            what += (what.empty() ? "" : "; ") +
                    wxString::Format(_("priority now %s"), describe(priority));
        if (!what.empty())
            note = fromWx(what) + ": " + reason;
    }
    return attempt([&] { commands_.actions().replan(id, due, priority, note); }, problem);
}

void ActionsPanel::replanSelected() {
    auto a = selected();
    if (!a)
        return;
    auto theCase = cases_.caseById(a->caseId);
    ReplanDialog dialog(this, *a, theCase ? toWx(theCase->resident.displayName()) : wxString());
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (replan(a->id, dialog.dueDate(), dialog.priority(), dialog.reason(), problem))
            return;
        wxMessageBox(problem, _("Due date or priority"), wxOK | wxICON_WARNING, this);
    }
}

bool ActionsPanel::reassign(const ActionId& id, const ProfessionalId& owner, wxString& problem) {
    return attempt([&] { commands_.actions().reassign(id, owner, {}); }, problem);
}

void ActionsPanel::changeStatusOfSelected() {
    auto a = selected();
    if (!a)
        return;
    auto theCase = cases_.caseById(a->caseId);
    StatusDialog dialog(this, *a, theCase ? toWx(theCase->resident.displayName()) : wxString());
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!changeStatus(a->id, dialog.chosen(), dialog.reason(), problem))
        wxMessageBox(problem, _("Change status"), wxOK | wxICON_WARNING, this);
}

void ActionsPanel::addNoteToSelected() {
    auto a = selected();
    if (!a)
        return;
    auto theCase = cases_.caseById(a->caseId);
    NoteDialog dialog(this, *a, theCase ? toWx(theCase->resident.displayName()) : wxString());
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (addNote(a->id, dialog.text(), problem, dialog.sharing()))
            return;
        wxMessageBox(problem, _("Add note"), wxOK | wxICON_WARNING, this);
    }
}

void ActionsPanel::reassignSelected() {
    auto a = selected();
    if (!a)
        return;
    auto people = directory_.professionals();
    DirectoryNames names(directory_);
    wxArrayString choices;
    for (const auto& p : people)
        choices.Add(toWx(names.professionalWithOrganisation(p.id)));
    wxSingleChoiceDialog dialog(this, _("Who should own this action now?"), _("Reassign action"),
                                choices);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!reassign(a->id, people[static_cast<std::size_t>(dialog.GetSelection())].id, problem))
        wxMessageBox(problem, _("Reassign"), wxOK | wxICON_WARNING, this);
}

}  // namespace nmdt::gui
