#pragma once
// What the window shows while locked: no patient data, just a passphrase field.

#include <wx/panel.h>

#include <functional>

class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// The lock screen. `onUnlock` is given the typed passphrase and says whether it opened.
class LockPanel : public wxPanel {
  public:
    explicit LockPanel(wxWindow* parent);
    std::function<bool(const wxString& passphrase, wxString& problem)> onUnlock;
    void reset();

  private:
    void attempt();
    wxTextCtrl* passphrase_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
