#pragma once
// The neighbourhood's people, for administrators: add and correct their own organisation's
// people, let someone sign in on this desktop or reset a forgotten passphrase, record a
// leaver and hand their work on in one step, add a partner organisation, and replace the
// store's recovery key.

#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <vector>

#include "model/people_service.h"
#include "model/store_provider.h"

class wxButton;
class wxListView;

namespace nmdt::gui {

/// Lists people with their role, organisation and whether they sign in here; each button
/// runs one PeopleService command and shows its refusal in words.
class PeopleDialog : public wxDialog {
  public:
    PeopleDialog(wxWindow* parent, PeopleService people, const OpenStore& reader,
                 std::function<std::vector<KeySlotSummary>()> slots, Actor user);

    wxListView* list() const { return list_; }
    /// The person on the selected row.
    std::optional<Professional> selected() const;
    /// Selects the row of `id` (tests and after an edit).
    void select(const ProfessionalId& id);
    void refresh();

    // The commands, as the buttons run them once the questions are answered (tests call
    // them directly); each returns false with the reason in `problem`.
    bool addPerson(const Professional& person, wxString& problem);
    bool editPerson(const Professional& person, wxString& problem);
    bool setPassphrase(const ProfessionalId& id, const Passphrase& passphrase, wxString& problem);
    bool handOver(const ProfessionalId& leaver, const ProfessionalId& successor, Handover& moved,
                  wxString& problem);

  private:
    void onAdd();
    void onEdit();
    void onPassphrase();
    void onLeaver();
    void onOrganisation();
    void onRecoveryKey();
    void updateButtons();

    PeopleService people_;
    const OpenStore& reader_;
    std::function<std::vector<KeySlotSummary>()> slots_;
    Actor user_;
    std::vector<Professional> shown_;
    wxListView* list_ = nullptr;
    wxButton* edit_ = nullptr;
    wxButton* passphrase_ = nullptr;
    wxButton* leaver_ = nullptr;
};

}  // namespace nmdt::gui
