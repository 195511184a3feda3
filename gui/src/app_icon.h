#pragma once
// The application icon for the desktop's top-level windows (title bar, taskbar, Alt+Tab).

#include <wx/iconbndl.h>

namespace nmdt::gui {

/// Every size of the icon, made once from the PNGs compiled into the program.
const wxIconBundle& applicationIcons();

}  // namespace nmdt::gui
