#include "gui_support.h"

#include <wx/app.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/utils.h>

#include <cstdlib>
#include <filesystem>

namespace nmdt::test {

void settle(int rounds) {
    for (int i = 0; i < rounds; ++i) {
        wxYield();
        wxMilliSleep(20);
    }
    wxYield();
}

std::string screenshot(wxWindow* window, const std::string& name) {
    const char* dir = std::getenv("NMDT_TEST_ARTIFACTS");
    std::filesystem::path folder = dir ? dir : "test-artifacts";
    std::filesystem::create_directories(folder);
    std::string path = (folder / (name + ".png")).string();
    settle();
    wxClientDC source(window);
    wxSize size = window->GetClientSize();
    wxBitmap bitmap(size);
    wxMemoryDC target(bitmap);
    target.Blit(0, 0, size.x, size.y, &source, 0, 0);
    target.SelectObject(wxNullBitmap);
    bitmap.SaveFile(path, wxBITMAP_TYPE_PNG);
    return path;
}

}  // namespace nmdt::test
