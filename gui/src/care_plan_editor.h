#pragma once
// Edits a resident's care plan: the working draft by domain, goals in the person's own
// words, contingency plan and review date; agrees it as a read-only version; shows any
// version and what changed since the one before. Drafts are saved as you go.

#include <wx/frame.h>
#include <wx/timer.h>

#include <functional>
#include <optional>

#include "model/commands.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

class IdentityBannerPanel;

/// One resident's care plan, any version; the draft is editable.
class CarePlanEditor : public wxFrame {
  public:
    CarePlanEditor(wxWindow* parent, Commands commands, const PlanReader& plans,
                   const CaseReader& cases, const DirectoryReader& directory, CaseId caseId);
    ~CarePlanEditor() override;

    const CaseId& caseId() const { return caseId_; }
    std::optional<CarePlan> shown() const;
    bool editable() const;
    bool hasUnsavedChanges() const;
    wxString bannerText() const;
    wxString statusText() const;
    /// What changed from the version before the one shown (empty if none or the first).
    wxString differencesText() const;

    // The commands, as the buttons run them; on refusal `problem` says why.
    bool startDraft(wxString& problem);
    bool saveDraft(wxString& problem);
    bool agree(wxString& problem);
    bool addNeed(const Need& need, wxString& problem);
    bool addGoal(const Goal& goal, wxString& problem);
    bool saveGoal(const Goal& goal, wxString& problem);
    bool addToCareTeam(const ProfessionalId& who, const std::string& role, wxString& problem);
    long careTeamSize() const;
    void showVersion(const CarePlanId& id);
    /// Sets the draft's text fields as typing would (marks them modified).
    void typeText(const wxString& whatMatters, const wxString& aboutMe,
                  const wxString& contingency);
    std::vector<Goal> goals() const { return goals_; }

    /// Called after every saved change (the main window refreshes the record).
    std::function<void()> onChanged;

  private:
    void load(const std::optional<CarePlanId>& show);
    void fillForm();
    void onClose(wxCloseEvent& event);
    template <class F>
    bool attempt(F&& command, wxString& problem);
    template <class F>
    bool changeDraft(F&& change, wxString& problem);

    Commands commands_;
    const PlanReader& plans_;
    const CaseReader& cases_;
    const DirectoryReader& directory_;
    CaseId caseId_;
    std::vector<CarePlan> versions_;  // newest first
    std::optional<CarePlanDocument> doc_;
    std::vector<Goal> goals_;
    wxTimer autosave_;
    wxString lastSaved_;

    IdentityBannerPanel* banner_ = nullptr;
    wxChoice* version_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxTextCtrl* whatMatters_ = nullptr;
    wxTextCtrl* aboutMe_ = nullptr;
    wxTextCtrl* contingency_ = nullptr;
    wxCheckBox* hasReview_ = nullptr;
    DateField* review_ = nullptr;
    wxListCtrl* needs_ = nullptr;
    wxListCtrl* goalsList_ = nullptr;
    wxListCtrl* careTeam_ = nullptr;
    wxButton* startButton_ = nullptr;
    wxButton* saveButton_ = nullptr;
    wxButton* agreeButton_ = nullptr;
    std::vector<wxWindow*> draftOnly_;
    bool reviewTouched_ = false;
};

}  // namespace nmdt::gui
