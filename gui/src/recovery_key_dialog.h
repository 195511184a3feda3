#pragma once
// Shows a store's new recovery key once, to copy into a password safe or print on paper.

#include <wx/dialog.h>

#include <string>

#include "model/calendar.h"

class wxTextCtrl;

namespace nmdt::gui {

/// The recovery key, large and selectable, with Copy and Print; it is never shown again.
class RecoveryKeyDialog : public wxDialog {
  public:
    /// `store` and `madeBy` go on the printed sheet beside the key.
    RecoveryKeyDialog(wxWindow* parent, std::string key, std::string store, std::string madeBy,
                      Timestamp madeAt);

    /// Puts the key on the clipboard; false (and says why) if the clipboard is unavailable.
    bool copyKey();
    /// Prints the recovery key sheet through the native print dialog.
    void printKey();
    wxTextCtrl* keyField() const { return keyField_; }

  private:
    std::string key_;
    std::string store_;
    std::string madeBy_;
    Timestamp madeAt_;
    wxTextCtrl* keyField_ = nullptr;
};

/// Shows `key` in a RecoveryKeyDialog and waits until it is closed.
void showRecoveryKey(wxWindow* parent, const std::string& key, const std::string& store,
                     const std::string& madeBy, Timestamp madeAt);

}  // namespace nmdt::gui
