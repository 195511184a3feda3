#pragma once
// Splitters that stay where the user put them, from one session to the next.

#include <wx/string.h>

class wxSplitterWindow;

namespace nmdt::gui {

/// Restores the sash saved under `key` (if any) and saves it whenever the user moves it.
void rememberSash(wxSplitterWindow* splitter, const wxString& key);

}  // namespace nmdt::gui
