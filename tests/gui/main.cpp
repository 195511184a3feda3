// Boost.Test main for GUI tests: starts wxWidgets (a real X display, Xvfb in CI), makes
// every wx assertion fail the test, runs the tests, then shuts wx down.
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include <boost/test/unit_test.hpp>

#include <wx/app.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/memconf.h>
#ifdef __WXMSW__
#include <wx/msw/wrapwin.h>
#endif

#include <stdexcept>

namespace {
/// A bare application object: tests create their own windows.
class TestApp : public wxApp {
  public:
    bool OnInit() override { return true; }
};

bool initTests() {
    return true;
}
}  // namespace

int main(int argc, char* argv[]) {
    wxApp::SetInstance(new TestApp);
#ifdef __WXMSW__
    // The Windows entry point that knows this module: dialogs are created from it.
    if (!wxEntryStart(::GetModuleHandleW(nullptr)))
        return 2;
#else
    int wxArgc = 1;  // keep Boost's arguments away from GTK
    if (!wxEntryStart(wxArgc, argv))
        return 2;
#endif
    wxTheApp->CallOnInit();
    // Settings (last store, layout) stay in memory: tests never touch the user's own.
    wxConfigBase::Set(new wxMemoryConfig);
    wxInitAllImageHandlers();
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func,
                          const wxString& cond, const wxString& msg) {
        throw std::logic_error(("wx assertion " + cond + " failed in " + func + " (" + file + ":" +
                                wxString::Format("%d", line) + "): " + msg)
                                   .ToStdString());
    });
    int result = boost::unit_test::unit_test_main(&initTests, argc, argv);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
