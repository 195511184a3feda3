#pragma once
// Records a resident's decision about sharing with one partner organisation: agreeing,
// refusing or withdrawing, or the legal basis sharing rests on instead.

#include <wx/dialog.h>

#include <vector>

#include "model/case_record.h"
#include "model/organisation.h"

class wxChoice;
class wxRadioBox;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks which organisation, what the resident decided, and any legal basis.
class ConsentDialog : public wxDialog {
  public:
    ConsentDialog(wxWindow* parent, const wxString& residentName,
                  std::vector<Organisation> organisations);

    wxChoice* organisation() const { return organisation_; }
    wxRadioBox* decision() const { return decision_; }
    wxTextCtrl* legalBasis() const { return legalBasis_; }
    /// The organisation chosen; empty if none.
    OrganisationId chosenOrganisation() const;
    ConsentDecision chosenDecision() const;
    wxChoice* method() const { return method_; }
    ConsentMethod chosenMethod() const;
    std::string basis() const;

  private:
    std::vector<Organisation> organisations_;
    wxChoice* organisation_ = nullptr;
    wxRadioBox* decision_ = nullptr;
    wxTextCtrl* legalBasis_ = nullptr;
    wxChoice* method_ = nullptr;
};

}  // namespace nmdt::gui
