#include "gui/desktop_app.h"

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/msgdlg.h>

#include "gui/main_frame.h"
#include "unlock_dialog.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

/// The wx application object: unlock a store, then show the main window over it.
class DesktopApp : public wxApp {
  public:
    explicit DesktopApp(DesktopDependencies deps) : deps_(std::move(deps)) {}

    bool OnInit() override {
        SetAppName("neighbourhood-mdt");
        SetAppDisplayName("Neighbourhood MDT");
        if (!wxApp::OnInit())
            return false;

        wxString location = toWx(deps_.initialStore);
        if (location.empty())
            location = wxConfig::Get()->Read("LastStore", wxString());
        UnlockDialog unlock(nullptr, *deps_.stores, location);
        if (unlock.ShowModal() != wxID_OK)
            return false;
        auto store = unlock.takeStore();
        wxConfig::Get()->Write("LastStore", toWx(store->location()));
        auto* frame = new MainFrame(std::move(store), deps_.clock);
        frame->Show();
        return true;
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddOption({}, "store", _("the store to open"), wxCMD_LINE_VAL_STRING);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        wxString store;
        if (parser.Found("store", &store))
            deps_.initialStore = fromWx(store);
        return wxApp::OnCmdLineParsed(parser);
    }

  private:
    DesktopDependencies deps_;
};

}  // namespace

int runDesktopApp(int argc, char** argv, DesktopDependencies dependencies) {
    wxApp::SetInstance(new DesktopApp(std::move(dependencies)));
    return wxEntry(argc, argv);
}

}  // namespace nmdt::gui
