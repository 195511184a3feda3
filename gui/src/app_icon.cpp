#include "app_icon.h"

#include <wx/bitmap.h>
#include <wx/icon.h>

#include "nmdt/app_icon_data.h"

namespace nmdt::gui {

const wxIconBundle& applicationIcons() {
    static const wxIconBundle bundle = [] {
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
