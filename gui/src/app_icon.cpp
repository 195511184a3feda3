#include "app_icon.h"

#include <wx/bitmap.h>
#include <wx/icon.h>
#include <wx/image.h>
#include <wx/imagpng.h>

#include "nmdt/app_icon_data.h"

namespace nmdt::gui {

const wxIconBundle& applicationIcons() {
    static const wxIconBundle bundle = [] {
        // GTK reads PNG by itself; Windows needs wx's own reader.
        if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG))
            wxImage::AddHandler(new wxPNGHandler);
        wxIconBundle icons;
        for (const auto& image : resources::applicationIconImages()) {
            wxBitmap bitmap = wxBitmap::NewFromPNGData(image.png, image.bytes);
            if (bitmap.IsOk()) {
                wxIcon icon;
                icon.CopyFromBitmap(bitmap);
                icons.AddIcon(icon);
            }
        }
        return icons;
    }();
    return bundle;
}

}  // namespace nmdt::gui
