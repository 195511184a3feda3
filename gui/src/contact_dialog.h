#pragma once
// Adds a carer, relative or next of kin to a resident's record.

#include <wx/dialog.h>

#include "model/case_record.h"

class wxCheckBox;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks for one person around the resident.
class ContactDialog : public wxDialog {
  public:
    ContactDialog(wxWindow* parent, const wxString& residentName);

    wxTextCtrl* name() const { return name_; }
    wxTextCtrl* relationship() const { return relationship_; }
    wxTextCtrl* phone() const { return phone_; }
    wxCheckBox* carer() const { return carer_; }
    wxCheckBox* nextOfKin() const { return nextOfKin_; }
    Contact contact() const;

  private:
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* relationship_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxCheckBox* carer_ = nullptr;
    wxCheckBox* nextOfKin_ = nullptr;
};

}  // namespace nmdt::gui
