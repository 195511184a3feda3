#include "store_restore.h"

#include <wx/app.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include "gui/main_frame.h"
#include "model/permissions.h"
#include "model/session_service.h"
#include "refusable.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

wxString describe(const BackupSummary& s) {
    return wxString::Format(_("taken %s: %lld cases, %lld actions, %lld audit entries"),
                            toWx(s.createdAt), static_cast<long long>(s.cases),
                            static_cast<long long>(s.actions),
                            static_cast<long long>(s.auditEntries));
}

std::optional<RestorePlan> checkRestore(StoreProvider& stores, const OpenStore& current,
                                        const Actor& user, const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const Passphrase& storePassphrase, wxString& problem) {
    if (!isAllowed(user, Operation::RestoreStore)) {
        problem = describe(ErrorCode::NotPermitted);
        return std::nullopt;
    }
    if (!current.passphraseMatches(storePassphrase)) {
        problem = _("That is not your passphrase. Nothing was changed.");
        return std::nullopt;
    }
    RestorePlan plan;  // member by member: MinGW's GCC 12 misreads the aggregate form
    plan.backupPath = backupPath;
    plan.backupPassphrase = backupPassphrase;
    plan.storePassphrase = storePassphrase;
    plan.location = current.location();
    plan.user = user;
    plan.keySlots = current.signedInPerson().has_value();
    if (!runRefusable([&] { plan.summary = stores.verifyBackup(backupPath, backupPassphrase); },
                      problem)) {
        problem = _("The backup cannot be used, so nothing was changed:") + "\n" + problem;
        return std::nullopt;
    }
    return plan;
}

std::optional<RestorePlan> askForRestore(wxWindow* parent, StoreProvider& stores,
                                         const OpenStore& current, const Actor& user) {
    const wxString title = _("Restore from backup");
    wxFileDialog from(parent, _("Choose the backup to restore"), {}, {},
                      _("Backups (*.nmdt-backup)|*.nmdt-backup|All files|*"),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (from.ShowModal() != wxID_OK)
        return std::nullopt;
    wxPasswordEntryDialog backupKey(parent, _("The backup's passphrase:"), title);
    if (backupKey.ShowModal() != wxID_OK)
        return std::nullopt;
    wxPasswordEntryDialog storeKey(parent, _("Your passphrase (to confirm it is you):"), title);
    if (storeKey.ShowModal() != wxID_OK)
        return std::nullopt;
    wxString problem;
    auto plan = checkRestore(stores, current, user, fromWx(from.GetPath()),
                             Passphrase(fromWx(backupKey.GetValue())),
                             Passphrase(fromWx(storeKey.GetValue())), problem);
    if (!plan) {
        wxMessageBox(problem, title, wxOK | wxICON_ERROR, parent);
        return std::nullopt;
    }
    wxString question = wxString::Format(
        _("The backup is whole and readable (%s).\n\nReplace this store with it? Changes made "
          "on this desktop since the backup was taken will be gone from it; changes already "
          "synced to partners come back at the next sync. The store as it is now is kept as "
          "%s.before-restore.\n\nThe window closes and reopens on the restored store."),
        describe(plan->summary), toWx(plan->location));
    if (wxMessageBox(question, title, wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, parent) != wxYES)
        return std::nullopt;
    return plan;
}

std::unique_ptr<OpenStore> performRestore(StoreProvider& stores, const RestorePlan& plan,
                                          wxString& problem) {
    std::unique_ptr<OpenStore> restored;
    if (!runRefusable(
            [&] {
                Credentials me{plan.user.userId.str(), plan.storePassphrase};
                stores.restoreBackup(plan.backupPath, plan.backupPassphrase, plan.location, me);
                restored = plan.keySlots
                               ? stores.signIn(plan.location, me).store
                               : stores.openWithoutKeySlots(plan.location, plan.storePassphrase);
                NoIdSource noIds;
                SystemClock clock;
                SessionService(ServiceContext{*restored, clock, noIds, plan.user}, *restored)
                    .restored(plan.backupPath);
            },
            problem))
        return nullptr;
    return restored;
}

bool restoreAfterClosing(MainFrame* frame, StoreProvider& stores, RestorePlan plan,
                         std::function<void(RestoreOutcome)> then) {
    auto shared = std::make_shared<RestorePlan>(std::move(plan));
    frame->onDestroyed = [&stores, shared, then] {
        // After the window's destructor has returned, not inside it.
        wxTheApp->CallAfter([&stores, shared, then] {
            RestoreOutcome outcome;
            outcome.store = performRestore(stores, *shared, outcome.problem);
            outcome.restored = outcome.store != nullptr;
            if (!outcome.restored) {
                try {
                    outcome.store =
                        shared->keySlots
                            ? stores
                                  .signIn(shared->location,
                                          {shared->user.userId.str(), shared->storePassphrase})
                                  .store
                            : stores.openWithoutKeySlots(shared->location, shared->storePassphrase);
                } catch (const std::exception&) {
                    outcome.store.reset();
                }
            }
            then(std::move(outcome));
        });
    };
    if (frame->Close())
        return true;
    frame->onDestroyed = nullptr;
    return false;
}

}  // namespace nmdt::gui
