#include "gui_support.h"

#include <wx/app.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/utils.h>

#include <cstdio>
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

namespace nmdt::test {

std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0)
            out.append(buf, n);
        pclose(p);
    }
    return out;
}

std::vector<std::string> pdfPages(const std::string& pdfPath) {
    std::string text = commandOutput("pdftotext -enc UTF-8 '" + pdfPath + "' - 2>&1");
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
        pages.push_back(text.substr(start, ff - start));
    return pages;  // pdftotext ends every page with a form feed
}

}  // namespace nmdt::test
