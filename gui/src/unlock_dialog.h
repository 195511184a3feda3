#pragma once
// Asks which store to use and its passphrase; opens it, or creates a new one after
// checking the passphrase is strong enough.

#include <wx/dialog.h>
#include <wx/timer.h>

#include <memory>

#include "model/store_provider.h"

class wxCheckBox;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace nmdt::gui {

/// The first window a user meets: unlock (or create) an encrypted store.
class UnlockDialog : public wxDialog {
  public:
    UnlockDialog(wxWindow* parent, StoreProvider& stores, const wxString& location);

    /// Attempts to open or create with what is typed; on failure shows why and keeps the
    /// dialog open. This is what the Unlock button does.
    bool tryUnlock();
    std::unique_ptr<OpenStore> takeStore() { return std::move(store_); }
    /// The passphrase that opened the store (the field itself is cleared at once).
    Passphrase takePassphrase() {
        Passphrase p = opened_;
        opened_.wipe();
        return p;
    }

    // For keyboard-driven tests and for the caller to prefill.
    wxTextCtrl* locationField() const { return location_; }
    wxTextCtrl* passphraseField() const { return passphrase_; }
    wxTextCtrl* confirmField() const { return confirm_; }
    wxCheckBox* createNewBox() const { return createNew_; }
    wxString message() const;
    /// Wrong passphrases typed before the store opened (audited once someone signs in).
    int failedAttempts() const { return failedAttempts_; }

  private:
    void onCreateToggled();
    void onPassphraseTyped();
    void onBrowse();
    void onThrottleTick();
    void showProblem(const wxString& text);

    StoreProvider& stores_;
    std::unique_ptr<OpenStore> store_;
    Passphrase opened_;
    UnlockThrottle throttle_;
    wxTimer throttleTimer_;
    int secondsLeft_ = 0;
    int failedAttempts_ = 0;
    wxTextCtrl* location_ = nullptr;
    wxTextCtrl* passphrase_ = nullptr;
    wxTextCtrl* confirm_ = nullptr;
    wxStaticText* confirmLabel_ = nullptr;
    wxCheckBox* createNew_ = nullptr;
    wxStaticText* strength_ = nullptr;
    wxStaticText* message_ = nullptr;
    wxButton* unlock_ = nullptr;
};

}  // namespace nmdt::gui
