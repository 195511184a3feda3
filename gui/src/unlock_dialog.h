#pragma once
// Asks which store to use, who you are and your passphrase, and signs you in; or sets up
// a new store for a neighbourhood: this organisation and its first administrator.

#include <wx/dialog.h>
#include <wx/timer.h>

#include <memory>
#include <vector>

#include "model/store_provider.h"

class wxCheckBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace nmdt::gui {

/// The first window a user meets: sign in to (or set up) an encrypted store.
class UnlockDialog : public wxDialog {
  public:
    UnlockDialog(wxWindow* parent, StoreProvider& stores, const wxString& location);

    /// Attempts to open or create with what is typed; on failure shows why and keeps the
    /// dialog open. This is what the Unlock button does.
    bool tryUnlock();
    /// The store and who signed in (with a new recovery key to show, if one was made).
    SignedIn takeSignedIn() { return std::move(signedIn_); }

    // For keyboard-driven tests and for the caller to prefill.
    wxTextCtrl* locationField() const { return location_; }
    wxTextCtrl* userField() const { return user_; }
    wxTextCtrl* fullNameField() const { return fullName_; }
    wxTextCtrl* organisationField() const { return organisation_; }
    wxTextCtrl* odsCodeField() const { return odsCode_; }
    wxChoice* organisationKindChoice() const { return kind_; }
    wxTextCtrl* passphraseField() const { return passphrase_; }
    wxTextCtrl* confirmField() const { return confirm_; }
    wxCheckBox* createNewBox() const { return createNew_; }
    wxButton* recoveryButton() const { return recovery_; }
    /// What "Use the Recovery Key" does once its questions are answered: opens the store
    /// with the key and gives `administrator` their new passphrase. Returns why it failed,
    /// or nothing (then takeSignedIn has the store and the next recovery key).
    wxString recoverWith(const std::string& key, const Credentials& administrator);
    wxString message() const;
    /// Wrong passphrases typed before the store opened (audited once someone signs in).
    int failedAttempts() const { return failedAttempts_; }

  private:
    void onCreateToggled();
    void onPassphraseTyped();
    void onBrowse();
    void onThrottleTick();
    void onRecovery();
    void showProblem(const wxString& text);
    /// A note that is not a problem, painted at once (shown before a long blocking call).
    void showNote(const wxString& text);

    bool createStore(const std::string& location, const Passphrase& passphrase);
    StoreProvider& stores_;
    SignedIn signedIn_;
    UnlockThrottle throttle_;
    wxTimer throttleTimer_;
    int secondsLeft_ = 0;
    int failedAttempts_ = 0;
    wxTextCtrl* location_ = nullptr;
    wxTextCtrl* user_ = nullptr;
    wxStaticText* userLabel_ = nullptr;
    wxTextCtrl* fullName_ = nullptr;
    wxTextCtrl* organisation_ = nullptr;
    wxTextCtrl* odsCode_ = nullptr;
    wxChoice* kind_ = nullptr;
    std::vector<wxWindow*> setUpOnly_;  // shown only when setting up a new store
    wxTextCtrl* passphrase_ = nullptr;
    wxTextCtrl* confirm_ = nullptr;
    wxStaticText* confirmLabel_ = nullptr;
    wxCheckBox* createNew_ = nullptr;
    wxStaticText* strength_ = nullptr;
    wxStaticText* message_ = nullptr;
    wxButton* unlock_ = nullptr;
    wxButton* recovery_ = nullptr;
};

}  // namespace nmdt::gui
