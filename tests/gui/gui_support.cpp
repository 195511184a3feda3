#include "gui_support.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/menu.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/stockitem.h>
#include <wx/utils.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>

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

namespace nmdt::test {

namespace {
/// The key after the first single '&' of a label, lower case, or 0.
char mnemonicIn(const wxString& label) {
    const std::string text = label.utf8_string();
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '&')
            continue;
        if (text[i + 1] == '&') {
            ++i;  // "&&" is a plain ampersand
            continue;
        }
        return static_cast<char>(std::tolower(static_cast<unsigned char>(text[i + 1])));
    }
    return 0;
}
}  // namespace

std::string sharedMnemonics(wxWindow* top, wxMenuBar* menus) {
    std::map<char, std::vector<std::string>> owners;
    if (menus)
        for (std::size_t i = 0; i < menus->GetMenuCount(); ++i)
            if (char key = mnemonicIn(menus->GetMenuLabel(i)))
                owners[key].push_back(
                    "the " + wxStripMenuCodes(menus->GetMenuLabel(i)).utf8_string() + " menu");
    std::function<void(wxWindow*)> visit = [&](wxWindow* parent) {
        for (wxWindow* child : parent->GetChildren()) {
            wxString label = child->GetLabel();
            // A stock button labelled as its stock item takes GTK's mnemonic for it.
            if (wxDynamicCast(child, wxButton) && wxIsStockID(child->GetId()) &&
                wxIsStockLabel(child->GetId(), label))
                label = wxGetStockLabel(child->GetId(), wxSTOCK_WITH_MNEMONIC);
            const bool labels =
                wxDynamicCast(child, wxButton) || wxDynamicCast(child, wxCheckBox) ||
                wxDynamicCast(child, wxRadioButton) || wxDynamicCast(child, wxStaticText);
            if (labels && child->IsShown())
                if (char key = mnemonicIn(label))
                    owners[key].push_back(wxStripMenuCodes(label).utf8_string());
            visit(child);
        }
    };
    visit(top);
    std::string shared;
    for (const auto& [key, labels] : owners)
        if (labels.size() > 1) {
            shared += std::string("Alt+") + key + ":";
            for (const auto& l : labels)
                shared += " " + l + ";";
            shared += "\n";
        }
    return shared;
}

}  // namespace nmdt::test
