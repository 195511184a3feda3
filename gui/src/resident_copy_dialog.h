#pragma once
// Asks how to give a resident their own copy of the agreed plan: large print or not,
// printed or saved as a PDF (to send by email or print elsewhere).

#include <wx/dialog.h>

class wxCheckBox;

namespace nmdt::gui {

/// Large print and print-or-save for "My care and support plan".
class ResidentCopyDialog : public wxDialog {
  public:
    /// The dialog's end codes beyond wxID_CANCEL.
    static constexpr int kPrint = wxID_PRINT;
    static constexpr int kSavePdf = wxID_SAVEAS;

    ResidentCopyDialog(wxWindow* parent, const wxString& residentName, bool largePrintByDefault);

    wxCheckBox* largePrint() const { return largePrint_; }
    bool largePrintChosen() const;

  private:
    wxCheckBox* largePrint_ = nullptr;
};

}  // namespace nmdt::gui
