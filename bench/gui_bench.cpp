// nmdt-gui-bench: the desktop journeys' speed targets on a demo store, in a real window.
// Run under an X server (xvfb-run) with NMDT_PASSPHRASE set, and NMDT_USER for a store
// with key slots (then start-up includes signing in through the person's slot):
//
//   xvfb-run -a nmdt-gui-bench STORE [--runs N] [--cold]
//
// Start-up is measured as whole processes (this program re-runs itself): from launch to
// the first idle moment of an interactive main window, against a bare wxWidgets frame
// started the same way in the same run.

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/srchctrl.h>
#include <fstream>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "action_list_view.h"
#include "actions_panel.h"
#include "bench_support.h"
#include "case_list_view.h"
#include "child_process.h"
#include "gui/main_frame.h"
#include "model/case_record_service.h"
#include "printing/pdf_writer.h"
#include "reports/case_reports.h"
#include "storage/sqlcipher_store.h"
#include "unlock_dialog.h"

using namespace nmdt;
using Stopwatch = std::chrono::steady_clock;

namespace {

double msSince(Stopwatch::time_point start) {
    return std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

long rssMb() {
    return test::peakResidentMegabytes();
}

void settle() {
    for (int i = 0; i < 3; ++i)
        wxYield();
}

/// The store opened as a user would: through NMDT_USER's key slot when it is set (the
/// key derivation included), otherwise with the store's one passphrase. The actor is the
/// person signed in, or `fallback` for a store without slots.
std::pair<std::unique_ptr<OpenStore>, std::optional<Actor>> openAsUser(
    const std::string& store, const std::shared_ptr<SystemClock>& clock) {
    Passphrase passphrase(std::getenv("NMDT_PASSPHRASE"));
    if (const char* user = std::getenv("NMDT_USER")) {
        storage::SqlCipherStoreProvider provider(clock);
        auto in = provider.signIn(store, {user, passphrase});
        auto p = in.store->professional(in.person);
        return {std::move(in.store), Actor{p->id, p->name, p->role, p->organisationId}};
    }
    return {storage::SqlCipherStore::open(store, passphrase, clock), std::nullopt};
}

/// Starts this program in `mode` and returns milliseconds until it reports READY.
double timeChild(const std::string& self, const std::string& args) {
    auto start = Stopwatch::now();
    test::ChildProcess child(self, test::splitArguments(args));
    std::string line;
    double ms = -1;
    while (std::getline(child.output(), line))
        if (line.starts_with("READY") && ms < 0)
            ms = msSince(start);
    child.wait();
    return ms;
}

/// A child run: show a window, print READY at the first idle moment, exit.
int childMode(int argc, char** argv, bool bare, const std::string& store) {
    wxApp::SetInstance(new wxApp);
    int one = 1;
    wxEntryStart(one, argv);
    wxTheApp->CallOnInit();
    wxFrame* frame = nullptr;
    if (bare) {
        frame = new wxFrame(nullptr, wxID_ANY, "bare");
        new wxListCtrl(frame, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxLC_REPORT | wxLC_VIRTUAL);
    } else {
        auto clock = std::make_shared<SystemClock>();
        auto [opened, signedIn] = openAsUser(store, clock);
        Actor user =
            signedIn.value_or(Actor{ProfessionalId(), "bench", Role::Navigator, OrganisationId()});
        frame = new gui::MainFrame(std::move(opened), clock, user);
    }
    frame->Show();
    wxTheApp->Bind(wxEVT_IDLE, [](wxIdleEvent&) {
        std::puts("READY");
        std::fflush(stdout);
        wxTheApp->ExitMainLoop();
    });
    wxTheApp->OnRun();
    (void)argc;
    std::_Exit(0);  // measured up to READY; skip tear-down
}

/// A child run as a user meets it: the sign-in window first (printing SHOWN at its first
/// idle moment), then, as if the passphrase had been typed, the store opened and the main
/// window built over it (printing MAIN and the milliseconds that took at its first idle).
int childSignInMode(char** argv, const std::string& store) {
    wxApp::SetInstance(new wxApp);
    int one = 1;
    wxEntryStart(one, argv);
    wxTheApp->CallOnInit();
    auto clock = std::make_shared<SystemClock>();
    storage::SqlCipherStoreProvider provider(clock);
    auto* unlock = new gui::UnlockDialog(nullptr, provider, wxString::FromUTF8(store));
    unlock->Show();
    int stage = 0;
    Stopwatch::time_point signInStart;
    wxTheApp->Bind(wxEVT_IDLE, [&](wxIdleEvent&) {
        if (stage == 0) {
            std::puts("SHOWN");
            std::fflush(stdout);
            stage = 1;
            signInStart = Stopwatch::now();
            auto [opened, signedIn] = openAsUser(store, clock);
            Actor user = signedIn.value_or(
                Actor{ProfessionalId(), "bench", Role::Navigator, OrganisationId()});
            unlock->Destroy();
            (new gui::MainFrame(std::move(opened), clock, user))->Show();
        } else if (stage == 1) {
            std::printf("MAIN %.1f\n", msSince(signInStart));
            std::fflush(stdout);
            stage = 2;
            wxTheApp->ExitMainLoop();
        }
    });
    wxTheApp->OnRun();
    std::_Exit(0);
}

/// Starts the sign-in child: milliseconds to its sign-in window, and from "signing in" to
/// the main window's first idle moment.
std::pair<double, double> timeSignInChild(const std::string& self, const std::string& store) {
    auto start = Stopwatch::now();
    test::ChildProcess child(self, {"--child-signin", store});
    std::string line;
    double shown = -1, main = -1;
    while (std::getline(child.output(), line)) {
        if (line.starts_with("SHOWN") && shown < 0)
            shown = msSince(start);
        if (line.starts_with("MAIN "))
            main = std::atof(line.c_str() + 5);
    }
    child.wait();
    return {shown, main};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 1 && args[0] == "--child-bare")
        return childMode(argc, argv, true, "");
    if (args.size() >= 2 && args[0] == "--child-app")
        return childMode(argc, argv, false, args[1]);
    if (args.size() >= 2 && args[0] == "--child-signin")
        return childSignInMode(argv, args[1]);
    if (args.empty() || !std::getenv("NMDT_PASSPHRASE")) {
        std::cerr
            << "usage: NMDT_PASSPHRASE=... xvfb-run -a nmdt-gui-bench STORE [--runs N] [--cold]\n";
        return 2;
    }
    const std::string store = args[0];
    int runs = 5;
    bool cold = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--runs" && i + 1 < args.size())
            runs = std::atoi(args[i + 1].c_str());
        if (args[i] == "--cold")
            cold = true;
    }
    // --cold (Linux, as root): the page cache is emptied before each start and before the
    // in-process measurements, so the store is read from disk as after a restart.
    auto dropPageCache = [cold] {
        if (!cold)
            return;
        std::fflush(nullptr);
        std::system("sync");
        std::ofstream drop("/proc/sys/vm/drop_caches");
        drop << "3\n";
        if (!drop)
            std::cerr << "--cold: could not empty the page cache (needs root on Linux)\n";
    };
    const std::string self = argv[0];  // a program path, not a shell word

    // 1. Start-up, as whole processes, alternating so load affects both alike.
    std::vector<double> bare, app, signInWindow, signedInMain;
    for (int i = 0; i < runs; ++i) {
        dropPageCache();
        bare.push_back(timeChild(self, "--child-bare"));
        dropPageCache();
        app.push_back(timeChild(self, "--child-app '" + store + "'"));
        dropPageCache();
        auto [shown, main] = timeSignInChild(self, store);
        signInWindow.push_back(shown);
        signedInMain.push_back(main);
    }
    std::cout << std::fixed << std::setprecision(1);
    std::cout << "| measurement | median | notes |\n|---|---:|---|\n";
    std::cout << "| start to interactive window, bare wx frame | " << median(bare) << " ms | "
              << runs << " runs |\n";
    std::cout << "| start to interactive window, Neighbourhood MDT on this store"
              << (std::getenv("NMDT_USER") ? ", signing in through a key slot" : "") << " | "
              << median(app) << " ms | ratio " << std::setprecision(2) << median(app) / median(bare)
              << std::setprecision(1) << " |\n";
    std::cout << "| as a user starts it: the sign-in window interactive | " << median(signInWindow)
              << " ms | ratio " << std::setprecision(2) << median(signInWindow) / median(bare)
              << std::setprecision(1) << " |\n";
    std::cout << "| as a user starts it: from signing in to the main window interactive | "
              << median(signedInMain) << " ms | the store opened and read cold"
              << (std::getenv("NMDT_USER") ? ", the key slot's derivation included" : "") << " |\n";

    // 2. In this process: the main window over the store, then searching and scrolling.
    dropPageCache();
    wxApp::SetInstance(new wxApp);
    int one = 1;
    wxEntryStart(one, argv);
    wxTheApp->CallOnInit();
    auto clock = std::make_shared<SystemClock>();
    auto [opened, signedIn] = openAsUser(store, clock);
    auto orgs = opened->organisations();
    Professional navigator;
    for (const auto& p : opened->professionals())
        if (p.role == Role::Navigator)
            navigator = p;
    Actor user = signedIn.value_or(
        Actor{navigator.id, navigator.name, navigator.role, navigator.organisationId});
    auto* frame = new gui::MainFrame(std::move(opened), clock, user);
    frame->Show();
    settle();
    const std::size_t cases = frame->store().caseCount();

    std::vector<double> filter;
    for (const char* q : {"smi", "wój", "pat", "okaf", "999 000 1", "begum p", "l", "zzz"}) {
        auto start = Stopwatch::now();
        frame->searchBox()->SetValue(
            wxString::FromUTF8(q));  // as typed: search + list refresh + repaint
        settle();
        filter.push_back(msSince(start));
    }
    std::cout << "| case list: filter as you type (8 queries) | " << median(filter)
              << " ms | worst " << *std::max_element(filter.begin(), filter.end()) << " ms, "
              << cases << " cases |\n";
    frame->showAllCases();
    settle();
    std::vector<double> scroll;
    for (int i = 0; i < 30; ++i) {
        long row = static_cast<long>((static_cast<std::size_t>(i) * 1663) % cases);
        auto start = Stopwatch::now();
        frame->caseList()->EnsureVisible(row);  // jump anywhere: fetches the page, repaints
        frame->caseList()->Refresh();
        frame->caseList()->Update();
        settle();
        scroll.push_back(msSince(start));
    }
    std::cout << "| case list: jump to any row of " << cases << " | " << median(scroll)
              << " ms | worst " << *std::max_element(scroll.begin(), scroll.end()) << " ms |\n";

    // The Actions tab's first showing reads its list (start-up reads only the counts).
    auto tabStart = Stopwatch::now();
    frame->showActions();
    frame->actions()->list()->Update();
    settle();
    const double tabMs = msSince(tabStart);
    std::cout << "| actions: the tab first shown, its list read and drawn | " << tabMs
              << " ms | once |\n";
    std::vector<double> views;
    std::vector<long long> viewKiB;
    for (auto view :
         {gui::ActionsPanel::View::Mine, gui::ActionsPanel::View::MyOrganisation,
          gui::ActionsPanel::View::OverdueMyOrganisation, gui::ActionsPanel::View::OverdueAll}) {
        const auto readBefore = bench::diskBytesRead();
        auto start = Stopwatch::now();
        frame->actions()->setView(view);
        // Drawn before the clock stops: the list reads its rows as it draws them.
        frame->actions()->list()->Update();
        settle();
        views.push_back(msSince(start));
        const auto readAfter = bench::diskBytesRead();
        viewKiB.push_back(readBefore && readAfter ? (*readAfter - *readBefore) / 1024 : -1);
    }
    std::cout << "| actions: switch view (mine, organisation, overdue x2) | " << median(views)
              << " ms | worst " << *std::max_element(views.begin(), views.end())
              << " ms (each: " << views[0] << ", " << views[1] << ", " << views[2] << ", "
              << views[3] << "), lists capped at 2,000 rows; read from disk " << viewKiB[0] << ", "
              << viewKiB[1] << ", " << viewKiB[2] << ", " << viewKiB[3] << " KiB |\n";

    // 3. A care plan printout of about ten pages: a real plan from the store, its action
    // table repeated (110 rows) until the report runs to ten pages.
    std::optional<CaseId> withPlan;
    for (const auto& s : frame->store().casePage(0, 200)) {
        for (const auto& p : frame->store().carePlans(s.id))
            if (p.status == PlanStatus::Agreed)
                withPlan = s.id;
        if (withPlan)
            break;
    }
    frame->showCase(*withPlan);
    auto report = *frame->currentCarePlanReport();
    gui::ReportBlock* actions = nullptr;
    for (auto& b : report.blocks)
        if (b.kind == gui::ReportBlock::Kind::Table && b.columns.size() == 4 &&
            b.columns[0] == "Action")
            actions = &b;
    std::vector<std::vector<std::string>> rows = actions->rows;
    for (int i = 0; actions->rows.size() < 110; ++i)
        actions->rows.push_back(
            rows.empty() ? std::vector<std::string>{"Action " + std::to_string(i), "", "", ""}
                         : rows[static_cast<std::size_t>(i) % rows.size()]);
    std::string pdf = "/tmp/nmdt-gui-bench-plan.pdf";
    std::vector<double> pdfMs;
    std::string error;
    for (int i = 0; i < 5; ++i) {
        auto start = Stopwatch::now();
        if (!gui::writeReportPdf(report, pdf, error)) {
            std::cerr << "PDF failed: " << error << "\n";
            return 1;
        }
        pdfMs.push_back(msSince(start));
    }
    // Counted by poppler's pdfinfo, where the machine has it.
    std::string pages;
    try {
        std::istringstream info(test::runProgram("pdfinfo", {pdf}).output);
        for (std::string line; std::getline(info, line);)
            if (line.starts_with("Pages:"))
                pages = line;
    } catch (const std::exception&) {
        pages = "pages not counted: no pdfinfo";
    }
    std::cout << "| care plan PDF (" << pages << ") | " << median(pdfMs) << " ms | 5 runs |\n";
    std::cout << "| peak memory, large store open in the window, after all of the above | "
              << rssMb() << " MB | getrusage maxrss |\n";
    std::remove(pdf.c_str());
    std::cout.flush();  // _Exit skips tear-down, including flushing streams
    std::_Exit(0);
}
