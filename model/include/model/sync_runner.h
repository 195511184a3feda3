#pragma once
// Runs sync for a store file on a connection of its own, so the desktop can sync on a
// background thread while the window keeps using its own connection.

#include <functional>
#include <memory>
#include <string>

#include "model/passphrase.h"
#include "model/store_provider.h"
#include "model/sync_engine.h"

namespace nmdt {

/// One store's sync, callable from any thread (one run at a time).
class SyncRunner {
  public:
    virtual ~SyncRunner() = default;
    /// Opens the store, runs one sync, closes it. Never throws: problems are in the report
    /// (kind "not-enrolled" when this store has not joined a team).
    virtual SyncReport runOnce() = 0;
    /// Opens the store and publishes its organisation's snapshot (SyncEngine::
    /// publishSnapshot). Never throws.
    virtual SnapshotPublishReport publishSnapshot() = 0;
    /// From any thread: ends a run in progress at its next request (what was sent or
    /// applied stays), and every later run at once. For a window that is closing.
    virtual void requestStop() {}
};

/// Makes the runner for a store (the executable wires storage and integration into it).
/// `user` is who the audit trail names for what each run sends and receives.
/// `connect` opens the store on a new connection (OpenStore::connector).
using SyncRunnerFactory = std::function<std::unique_ptr<SyncRunner>(
    std::function<std::unique_ptr<OpenStore>()> connect, const Actor& user)>;

}  // namespace nmdt
