#pragma once
// Refer a Resident: search first (so the same person is not referred twice), then who they
// are, why they are referred and who will hold the case. Stays open, with everything typed,
// until the referral is accepted.

#include <wx/dialog.h>

#include <functional>
#include <vector>

#include "model/case_service.h"
#include "model/store.h"

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListBox;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

class ResidentForm;

/// Gathers a referral; `submit` runs it and says why not, keeping the dialog open.
class ReferralDialog : public wxDialog {
  public:
    using Submit = std::function<bool(const Referral&, const ReferralChoices&, wxString& problem)>;
    ReferralDialog(wxWindow* parent, const CaseReader& cases, std::vector<Professional> people,
                   const std::vector<Organisation>& organisations, Date today, Submit submit);

    ResidentForm* form() const { return form_; }
    wxTextCtrl* reason() const { return reason_; }
    wxChoice* keyWorker() const { return keyWorker_; }
    wxChoice* urgency() const { return urgency_; }
    Urgency chosenUrgency() const;
    /// The partner organisations the resident agrees to share with, one box each.
    wxCheckListBox* consent() const { return consent_; }
    /// People already known who match what is typed (NHS number or family name).
    std::vector<CaseSummary> matches() const { return matches_; }
    wxString message() const;
    Referral referral() const;
    /// The organisations ticked under "Agrees to share with".
    std::vector<OrganisationId> consentTo() const;
    wxChoice* consentMethod() const { return consentMethod_; }
    wxTextCtrl* carerName() const { return carerName_; }
    wxTextCtrl* carerPhone() const { return carerPhone_; }
    wxCheckBox* isCarer() const { return isCarer_; }
    /// Everything chosen besides the referral itself.
    ReferralChoices choices() const;
    /// OK as the user presses it: true if the referral was accepted (then the dialog ends).
    bool trySubmit();

  private:
    void lookForMatches();

    const CaseReader& cases_;
    std::vector<Professional> people_;
    std::vector<Organisation> organisations_;
    Date today_;
    Submit submit_;
    std::vector<CaseSummary> matches_;
    ResidentForm* form_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxChoice* keyWorker_ = nullptr;
    wxChoice* urgency_ = nullptr;
    wxListBox* matchList_ = nullptr;
    wxCheckListBox* consent_ = nullptr;
    wxChoice* consentMethod_ = nullptr;
    wxTextCtrl* carerName_ = nullptr;
    wxTextCtrl* carerRelationship_ = nullptr;
    wxTextCtrl* carerPhone_ = nullptr;
    wxCheckBox* isCarer_ = nullptr;
    wxCheckBox* isNextOfKin_ = nullptr;
    wxStaticText* message_ = nullptr;
};

/// "Gwen Pritchard (Age Well Together)" for each person, so two people with one name, or a
/// person and their organisation, are never confused in a list.
wxArrayString peopleWithOrganisations(const std::vector<Professional>& people,
                                      const std::vector<Organisation>& organisations);

}  // namespace nmdt::gui
