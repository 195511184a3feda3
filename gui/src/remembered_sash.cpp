#include "remembered_sash.h"

#include <wx/config.h>
#include <wx/splitter.h>

namespace nmdt::gui {

void rememberSash(wxSplitterWindow* splitter, const wxString& key) {
    const wxString entry = "Layout/" + key;
    long saved = wxConfig::Get()->ReadLong(entry, -1);
    if (saved > 0)
        splitter->SetSashPosition(static_cast<int>(saved));  // applied once the window is sized
    splitter->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED, [entry](wxSplitterEvent& e) {
        wxConfig::Get()->Write(entry, static_cast<long>(e.GetSashPosition()));
        e.Skip();
    });
}

}  // namespace nmdt::gui
