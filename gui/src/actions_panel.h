#pragma once
// The navigator's work list: my actions, my organisation's, overdue; filters by status,
// priority, due range and resident; status changes, progress notes and reassignment.

#include <wx/panel.h>

#include <functional>
#include <optional>
#include <vector>

#include "model/commands.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxHtmlWindow;
class wxStaticText;

namespace nmdt::gui {

class DateField;

class ActionListView;

/// Lists and works actions for the signed-in user.
class ActionsPanel : public wxPanel {
  public:
    enum class View { Mine, MyOrganisation, OverdueMyOrganisation, OverdueAll };

    ActionsPanel(wxWindow* parent, Commands commands, const ActionReader& actions,
                 const CaseReader& cases, const DirectoryReader& directory);

    void setView(View view);
    void setStatusFilter(std::optional<ActionStatus> status, bool includeClosed = false);
    void setPriorityFilter(std::optional<Priority> priority);
    void setDueRange(std::optional<Date> from, std::optional<Date> to);
    /// Only this resident's actions (or everyone's with nullopt).
    void setResident(std::optional<CaseId> resident);
    /// Reloads the list from the store, keeping the selected action selected.
    void refresh();
    /// Loads the list if it has not been yet: at start only the overdue counts are read
    /// (the tab's label), the list when the tab is first shown.
    void loadIfNotYet();

    ActionListView* list() const { return list_; }
    std::optional<Action> selected() const;
    /// Whether the buttons that change an action are on: an action is chosen that this
    /// person may change.
    bool canWorkOnSelected() const;
    void select(const ActionId& id);
    /// Overdue actions in the user's scope (their organisation, or their own).
    std::size_t overdueCount() const;
    /// Overdue actions owned by the user, and by their organisation if they have one.
    struct OverdueCounts {
        std::size_t mine = 0;
        std::optional<std::size_t> organisation;
        bool none() const { return mine == 0 && organisation.value_or(0) == 0; }
    };
    /// As of the last refresh.
    const OverdueCounts& overdueCounts() const { return counts_; }
    /// "Overdue: 5 of mine, 13 in Age Well Together": whose each number counts.
    wxString overdueText() const;
    /// The Actions tab's label, with the same two numbers.
    wxString tabText() const;
    wxString overdueBadge() const;
    /// Most rows the list shows at once; beyond it the panel says how many it left out.
    static constexpr std::size_t kRowLimit = 2000;
    /// A longer list says "more than" this many rather than counting them all.
    static constexpr std::size_t kCountLimit = 10000;
    /// "Showing the first 2,000 of 13,549 actions: narrow them with the filters", or "".
    wxString truncationNotice() const;
    wxString notesText() const;

    /// The commands, as the buttons and menus run them. On refusal `problem` says why.
    bool changeStatus(const ActionId& id, ActionStatus to, const std::string& reason,
                      wxString& problem);
    bool addNote(const ActionId& id, const std::string& text, wxString& problem,
                 NoteSharing sharing = NoteSharing::Shared);
    /// Moves the due date or changes the priority; `reason` becomes a progress note
    /// (prefixed here with what changed, in words).
    bool replan(const ActionId& id, std::optional<Date> due, Priority priority,
                const std::string& reason, wxString& problem);
    void replanSelected();
    bool reassign(const ActionId& id, const ProfessionalId& owner, wxString& problem);
    /// Interactive versions: ask with a dialog, then run the command.
    void changeStatusOfSelected();
    void addNoteToSelected();
    void reassignSelected();

    /// Called after every change, so the window can update tab labels and Undo.
    std::function<void()> onChanged;

  private:
    OverdueCounts readOverdueCounts() const;
    ActionQuery query() const;
    void showSelectedDetails();
    template <class F>
    bool attempt(F&& command, wxString& problem);

    Commands commands_;
    const ActionReader& actions_;
    const CaseReader& cases_;           // to name each action's resident
    const DirectoryReader& directory_;  // and its owner
    View view_ = View::Mine;
    std::optional<ActionStatus> status_;
    bool includeClosed_ = false;
    std::optional<Priority> priority_;
    std::optional<Date> dueFrom_, dueTo_;
    std::optional<CaseId> resident_;

    wxChoice* viewChoice_ = nullptr;
    wxChoice* statusChoice_ = nullptr;
    wxChoice* priorityChoice_ = nullptr;
    wxCheckBox* fromEnabled_ = nullptr;
    wxCheckBox* toEnabled_ = nullptr;
    DateField* fromPicker_ = nullptr;
    DateField* toPicker_ = nullptr;
    wxStaticText* badge_ = nullptr;
    wxStaticText* truncated_ = nullptr;
    ActionListView* list_ = nullptr;
    wxHtmlWindow* details_ = nullptr;
    std::vector<wxButton*> workButtons_;  // change status, note, reassign, due date
    OverdueCounts counts_;                // read by refresh()
    bool loaded_ = false;                 // the list has been read at least once
};

}  // namespace nmdt::gui
