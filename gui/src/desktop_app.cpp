#include "gui/desktop_app.h"

#include <wx/app.h>
#include <wx/init.h>
#ifdef __WXMSW__
#include <wx/msw/wrapwin.h>
#endif
#include <wx/choicdlg.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/uilocale.h>

#include <wx/textctrl.h>

#include "gui/main_frame.h"
#include "model/change_set.h"
#include "model/session_service.h"
#include "recovery_key_dialog.h"
#include "store_restore.h"
#include "sync_controller.h"
#include "unlock_dialog.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

/// The signed-in person as the audit trail and permissions know them.
std::optional<Actor> actorFor(const OpenStore& store, const ProfessionalId& person) {
    auto p = store.professional(person);
    if (!p)
        return std::nullopt;
    return Actor{p->id, p->name, p->role, p->organisationId};
}

/// The wx application object: unlock a store, then show the main window over it.
class DesktopApp : public wxApp {
  public:
    explicit DesktopApp(DesktopDependencies deps) : deps_(std::move(deps)) {}

    bool OnInit() override {
        SetAppName("neighbourhood-mdt");
        SetAppDisplayName("Neighbourhood MDT");
        // Numbers follow the user's regional settings; dates never do: every date is shown
        // and typed as 05-Oct-2025 (DateField, formatDate), whatever the locale.
        wxUILocale::UseDefault();
        if (!wxApp::OnInit())
            return false;
        wxString location = toWx(deps_.initialStore);
        if (location.empty())
            location = wxConfig::Get()->Read("LastStore", wxString());
        return openStore(location, nullptr);
    }

    /// Unlocks a store, signs someone in and shows a main window over it; the window it
    /// replaces (if any) closes first, saving its drafts, and stays if it cannot.
    bool openStore(const wxString& location, MainFrame* replacing) {
        UnlockDialog unlock(replacing, *deps_.stores, location);
        unlock.userField()->SetValue(wxConfig::Get()->Read("LastUserName", wxString()));
        if (!unlock.userField()->IsEmpty())
            unlock.passphraseField()->SetFocus();
        if (unlock.ShowModal() != wxID_OK)
            return false;
        SignedIn signedIn = unlock.takeSignedIn();
        auto store = std::move(signedIn.store);
        wxConfig::Get()->Write("LastStore", toWx(store->location()));
        wxConfig::Get()->Write("LastUserName", unlock.userField()->GetValue());
        auto user = actorFor(*store, signedIn.person);
        if (!user)
            return false;
        if (signedIn.newRecoveryKey)
            showRecoveryKey(replacing, *signedIn.newRecoveryKey, store->location(), user->userName,
                            deps_.clock->now());
        // Who signed in, and how many wrong passphrases came first: a store cannot record
        // anything before it is unlocked, so failures are recorded here.
        NoIdSource noIds;
        SessionService(ServiceContext{*store, *deps_.clock, noIds, *user}, *store)
            .signIn(unlock.failedAttempts());
        if (!store->auditAtOpen().intact)
            wxMessageBox(
                _("Warning: this store's audit trail has been altered outside Neighbourhood MDT. "
                  "Tell your information governance lead; run 'nmdt-cli check' for details."),
                _("Audit trail"), wxOK | wxICON_WARNING);
        if (replacing && !replacing->Close())
            return false;  // it could not save a draft; keep working in it
        showFrame(std::move(store), *user);
        return true;
    }

    /// A main window over an unlocked store, syncing in the background.
    void showFrame(std::unique_ptr<OpenStore> store, const Actor& user) {
        auto* frame = new MainFrame(std::move(store), deps_.clock, user);
        frame->onOpenAnotherStore = [this, frame] { openStore({}, frame); };
        frame->onSwitchUser = [this, frame] {
            wxConfig::Get()->Write("LastUserName", wxString());  // the next person types theirs
            openStore(toWx(frame->store().location()), frame);
        };
        frame->onRestoreBackup = [this, frame] { restoreInto(frame); };
        frame->setExchangeFormat(deps_.exchange);
        frame->Show();
        frame->enableSync(deps_.syncRunners,
                          std::chrono::minutes(std::clamp(
                              wxConfig::Get()->ReadLong("SyncEveryMinutes", 5), 0L, 240L)));
        frame->syncController()->syncNow();  // catch up with partners straight away
    }

    /// Checks a restore while the store is open, closes the window (saving drafts), swaps
    /// the backup in once the store is closed, and opens a window on the restored store.
    void restoreInto(MainFrame* frame) {
        auto plan = askForRestore(frame, *deps_.stores, frame->store(), frame->user());
        if (!plan)
            return;
        Actor user = plan->user;
        SetExitOnFrameDelete(false);  // no window for a moment; the application stays
        bool closing = restoreAfterClosing(
            frame, *deps_.stores, std::move(*plan), [this, user](RestoreOutcome out) {
                SetExitOnFrameDelete(true);
                if (!out.restored)
                    wxMessageBox(
                        out.problem + "\n" + _("The store is as it was before the restore."),
                        _("Restore from backup"), wxOK | wxICON_ERROR);
                if (!out.store) {
                    ExitMainLoop();
                    return;
                }
                showFrame(std::move(out.store), user);
            });
        if (!closing)
            SetExitOnFrameDelete(true);  // a draft could not be saved; keep working
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddOption({}, "store", _("the store to open"), wxCMD_LINE_VAL_STRING);
        // A store given on its own, as a double-click on a .nmdt file passes it.
        parser.AddParam(_("store file"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        wxString store;
        if (parser.Found("store", &store))
            deps_.initialStore = fromWx(store);
        else if (parser.GetParamCount() > 0)
            deps_.initialStore = fromWx(parser.GetParam(0));
        return wxApp::OnCmdLineParsed(parser);
    }

  private:
    DesktopDependencies deps_;
};

}  // namespace

int runDesktopApp(int argc, char** argv, DesktopDependencies dependencies) {
    wxApp::SetInstance(new DesktopApp(std::move(dependencies)));
#ifdef __WXMSW__
    // From the wide command line: argv is in the ANSI code page, which cannot hold every
    // name a store's path may contain.
    (void)argc;
    (void)argv;
    return wxEntry(::GetModuleHandleW(nullptr));
#else
    return wxEntry(argc, argv);
#endif
}

}  // namespace nmdt::gui
