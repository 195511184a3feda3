#pragma once
// The way in when every administrator has forgotten their passphrase: the store's recovery
// key, an administrator's name and the new passphrase they will sign in with.

#include <wx/dialog.h>

#include <functional>
#include <string>

#include "model/store_provider.h"

class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks for the recovery key, the administrator and their new passphrase; `recover` tries
/// them and returns why it failed (empty when it worked), and the dialog stays open until
/// it works or is cancelled.
class RecoverySignInDialog : public wxDialog {
  public:
    using Attempt = std::function<wxString(const std::string& key, const Credentials& admin)>;
    RecoverySignInDialog(wxWindow* parent, const wxString& administrator, Attempt recover);

    /// What the OK button does: checks what is typed, then tries it.
    bool tryRecover();
    wxString message() const;

    wxTextCtrl* keyField() const { return key_; }
    wxTextCtrl* administratorField() const { return administrator_; }
    wxTextCtrl* passphraseField() const { return passphrase_; }
    wxTextCtrl* confirmField() const { return confirm_; }

  private:
    void showProblem(const wxString& text);

    Attempt recover_;
    wxTextCtrl* key_ = nullptr;
    wxTextCtrl* administrator_ = nullptr;
    wxTextCtrl* passphrase_ = nullptr;
    wxTextCtrl* confirm_ = nullptr;
    wxStaticText* strength_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
