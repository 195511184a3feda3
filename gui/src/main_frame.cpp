#include "gui/main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/persist/toplevel.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/statusbr.h>

#include <map>

#include "case_list_view.h"
#include "command_table.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

MainFrame::MainFrame(std::unique_ptr<OpenStore> store, std::shared_ptr<const Clock> clock)
    : wxFrame(nullptr, wxID_ANY, _("Neighbourhood MDT")),
      store_(std::move(store)),
      clock_(std::move(clock)) {
    SetName("MainFrame");
    auto* panel = new wxPanel(this);
    searchBox_ = new wxSearchCtrl(panel, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(420, -1)),
                                  wxTE_PROCESS_ENTER);
    searchBox_->SetDescriptiveText(_("Find a resident by name or NHS number"));
    searchBox_->SetName(_("Find resident"));
    searchBox_->ShowCancelButton(true);
    caseList_ = new CaseListView(panel, *store_);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(searchBox_, 0, wxALL, FromDIP(8));
    sizer->Add(caseList_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    panel->SetSizer(sizer);

    CreateStatusBar(2);
    buildMenus();
    SetClientSize(FromDIP(wxSize(900, 640)));
    // Remembers size and position between sessions.
    wxPersistentRegisterAndRestore(this, "MainFrame");

    // Search as the user types: each query reads an index and takes milliseconds.
    searchBox_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(searchBox_->GetValue()); });
    searchBox_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { showAllCases(); });
    showAllCases();
    searchBox_->SetFocus();
}

MainFrame::~MainFrame() = default;

void MainFrame::buildMenus() {
    auto* bar = new wxMenuBar();
    std::map<wxString, wxMenu*> menus;
    std::vector<wxAcceleratorEntry> accelerators;
    for (const auto& c : mainWindowCommands()) {
        wxMenu*& menu = menus[c.menu];
        if (!menu) {
            menu = new wxMenu();
            bar->Append(menu, c.menu);
        }
        wxString label = c.accelerator.empty() ? c.label : c.label + "\t" + c.accelerator;
        menu->Append(c.id, label, c.help);
    }
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            searchBox_->SetFocus();
            searchBox_->SelectAll();
        },
        ID_FIND_RESIDENT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showAllCases(); }, ID_SHOW_ALL_CASES);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxMessageBox(
                _("To open another store, close this window and start Neighbourhood MDT again "
                  "with that store; one store is open at a time."),
                _("Open Store"), wxOK | wxICON_INFORMATION, this);
        },
        wxID_OPEN);
    Bind(
        wxEVT_MENU,
        [](wxCommandEvent&) {
            wxAboutDialogInfo info;
            info.SetName("Neighbourhood MDT");
            info.SetVersion("0.1.0");
            info.SetDescription(
                _("Shared care plans, MDT meetings and actions for neighbourhood health teams."));
            wxAboutBox(info);
        },
        wxID_ABOUT);
}

void MainFrame::showAllCases() {
    if (!searchBox_->IsEmpty())
        searchBox_->ChangeValue({});
    caseList_->showAll();
    updateStatus();
}

void MainFrame::search(const wxString& text) {
    std::string query = fromWx(text);
    if (query.find_first_not_of(" ,-") == std::string::npos) {
        showAllCases();
        return;
    }
    try {
        caseList_->showResults(store_->searchCases(query, 200));
    } catch (const StoreError& e) {
        wxMessageBox(describe(e.code()), _("Search failed"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

void MainFrame::updateStatus() {
    long shown = caseList_->GetItemCount();
    if (caseList_->showingResults())
        SetStatusText(wxString::Format(_("%ld matching residents"), shown), 0);
    else
        SetStatusText(wxString::Format(_("%ld cases"), shown), 0);
    SetStatusText(toWx(store_->location()), 1);
}

}  // namespace nmdt::gui
