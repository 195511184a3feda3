#pragma once
// The main window: find a resident by name or NHS number in the case list.

#include <wx/frame.h>

#include <memory>

#include "model/calendar.h"
#include "model/store_provider.h"

class wxSearchCtrl;

namespace nmdt::gui {

class CaseListView;

/// Main window over one unlocked store. Owns the store for as long as it is open.
class MainFrame : public wxFrame {
  public:
    MainFrame(std::unique_ptr<OpenStore> store, std::shared_ptr<const Clock> clock);
    ~MainFrame() override;

    /// Lists every case again (Escape, or clearing the search box).
    void showAllCases();
    /// Shows cases whose name or NHS number starts with `text`; empty text shows all.
    void search(const wxString& text);

    CaseListView* caseList() const { return caseList_; }
    wxSearchCtrl* searchBox() const { return searchBox_; }
    OpenStore& store() const { return *store_; }

  private:
    void buildMenus();
    void updateStatus();

    std::unique_ptr<OpenStore> store_;
    std::shared_ptr<const Clock> clock_;
    wxSearchCtrl* searchBox_ = nullptr;
    CaseListView* caseList_ = nullptr;
};

}  // namespace nmdt::gui
