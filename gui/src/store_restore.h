#pragma once
// Restoring the open store from a backup. Everything is checked while the store is still
// open (the backup is whole, both passphrases are right, the role allows it); the swap
// happens once the window has closed the store, and a failure leaves the store as it was.

#include <wx/string.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "model/change_set.h"
#include "model/store_provider.h"

class wxWindow;

namespace nmdt::gui {

class MainFrame;

/// A restore that has passed every check.
struct RestorePlan {
    std::string backupPath;
    Passphrase backupPassphrase;
    Passphrase storePassphrase;  // the current one; the restored store keeps it
    std::string location;
    Actor user;
    BackupSummary summary;
    bool keySlots = false;  // the store opens through key slots (else by one passphrase)
};

/// Checks a restore before anything is closed; nullopt and `problem` when it cannot go on.
std::optional<RestorePlan> checkRestore(StoreProvider& stores, const OpenStore& current,
                                        const Actor& user, const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const Passphrase& storePassphrase, wxString& problem);

/// Asks for the backup, its passphrase and the store passphrase, shows what the backup
/// holds and asks for confirmation. nullopt when cancelled or refused (already said why).
std::optional<RestorePlan> askForRestore(wxWindow* parent, StoreProvider& stores,
                                         const OpenStore& current, const Actor& user);

/// Swaps the backup in (the store must be closed) and opens it, recording the restore in
/// its audit trail; nullptr and `problem` when it failed, the old store being untouched.
std::unique_ptr<OpenStore> performRestore(StoreProvider& stores, const RestorePlan& plan,
                                          wxString& problem);

/// How a restore ended once the window had closed its store.
struct RestoreOutcome {
    std::unique_ptr<OpenStore> store;  // the restored store, or the old one reopened
    bool restored = false;
    wxString problem;  // why it was not restored
};

/// Closes `frame` (it saves its drafts, stops sync and closes the store) and, once it is
/// gone, swaps the backup in and hands `then` the restored store, or the old one reopened
/// with the reason (a null store only if even that failed). False if the window would not
/// close, in which case nothing happens.
bool restoreAfterClosing(MainFrame* frame, StoreProvider& stores, RestorePlan plan,
                         std::function<void(RestoreOutcome)> then);

/// "taken 2026-11-20T17:02:11Z: 50 cases, 463 actions"
wxString describe(const BackupSummary& summary);

}  // namespace nmdt::gui
