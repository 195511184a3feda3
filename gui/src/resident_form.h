#pragma once
// The fields that say who a resident is and how to reach them, shared by the referral
// dialog and the Edit Details dialog so both ask the same way.

#include <wx/panel.h>

#include <vector>

#include "model/case_record.h"
#include "model/organisation.h"

class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Edits one Resident: NHS number, names, date of birth, contact details, needs.
class ResidentForm : public wxPanel {
  public:
    /// `offerNotKnown`: a box under the NHS number for referring someone without one.
    /// `organisations`: the directory, whose GP practices are offered as registered practice.
    ResidentForm(wxWindow* parent, const std::vector<Organisation>& organisations,
                 bool offerNotKnown = false);

    void show(const Resident& resident);
    /// What is typed, as a Resident (the model validates it).
    Resident resident() const;
    /// Checks the date is readable (see DateField::readableOrSay).
    bool datesReadable();

    wxTextCtrl* nhsNumber() const { return nhsNumber_; }
    /// "NHS number not known yet"; null unless offered.
    wxCheckBox* nhsNumberNotKnown() const { return notKnown_; }
    NhsNumberKnown nhsNumberKnown() const;
    wxTextCtrl* givenName() const { return givenName_; }
    wxTextCtrl* familyName() const { return familyName_; }
    DateField* dateOfBirth() const { return dateOfBirth_; }
    wxChoice* sex() const { return sex_; }
    wxTextCtrl* address() const { return address_; }
    wxTextCtrl* postcode() const { return postcode_; }
    wxTextCtrl* phone() const { return phone_; }
    wxTextCtrl* language() const { return language_; }
    wxTextCtrl* communicationNeeds() const { return communicationNeeds_; }
    wxChoice* registeredPractice() const { return practice_; }

  private:
    wxTextCtrl* nhsNumber_ = nullptr;
    wxCheckBox* notKnown_ = nullptr;
    wxTextCtrl* givenName_ = nullptr;
    wxTextCtrl* familyName_ = nullptr;
    DateField* dateOfBirth_ = nullptr;
    wxChoice* sex_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxTextCtrl* postcode_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxTextCtrl* email_ = nullptr;
    wxTextCtrl* language_ = nullptr;
    wxTextCtrl* communicationNeeds_ = nullptr;
    wxChoice* practice_ = nullptr;
    std::vector<OrganisationId> practiceIds_;  // beside the choice's items, after "Not known"
};

}  // namespace nmdt::gui
