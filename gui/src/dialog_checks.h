#pragma once
// How dialogs refuse incomplete input: a line in red saying what is wrong, and an OK
// button that keeps the dialog open (with everything typed) until the check passes.

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>

#include <functional>

namespace nmdt::gui {

/// An empty red line for the dialog's problems, named "Problems" for screen readers.
inline wxStaticText* problemText(wxWindow* parent) {
    auto* text = new wxStaticText(parent, wxID_ANY, {});
    text->SetName(_("Problems"));
    text->SetForegroundColour(wxColour(176, 0, 32));
    return text;
}

/// Makes OK close `dialog` only when `check` returns true.
inline void closeOnlyWhen(wxDialog* dialog, std::function<bool()> check) {
    dialog->Bind(
        wxEVT_BUTTON,
        [check = std::move(check)](wxCommandEvent& e) {
            if (check())
                e.Skip();
        },
        wxID_OK);
}

}  // namespace nmdt::gui
