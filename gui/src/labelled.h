#pragma once
// Labels whose mnemonic reaches their own control.

#include <wx/stattext.h>

namespace nmdt::gui {

/// A label for `control`, placed just before it in tab order: pressing the label's
/// mnemonic (Alt+O for "&Owner:") moves the focus to the next control in tab order, which
/// must be the one it labels, whichever was created first.
inline wxStaticText* labelFor(wxWindow* parent, const wxString& text, wxWindow* control) {
    auto* label = new wxStaticText(parent, wxID_ANY, text);
    label->MoveBeforeInTabOrder(control);
    return label;
}

}  // namespace nmdt::gui
