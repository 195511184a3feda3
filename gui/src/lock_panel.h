#pragma once
// What the window shows while locked: no patient data, just a passphrase field.

#include <wx/panel.h>

#include <functional>

class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// The lock screen. `onUnlock` is given the typed passphrase and says whether it opened;
/// `onSwitchUser` lets someone else sign in instead (the locked person stays locked out).
class LockPanel : public wxPanel {
  public:
    explicit LockPanel(wxWindow* parent);
    std::function<bool(const wxString& passphrase, wxString& problem)> onUnlock;
    std::function<void()> onSwitchUser;
    /// Whose passphrase unlocks it.
    void setLockedBy(const wxString& name);
    void reset();

  private:
    void attempt();
    wxTextCtrl* passphrase_ = nullptr;
    wxStaticText* hint_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
