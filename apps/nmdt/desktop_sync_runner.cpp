#include "desktop_sync_runner.h"

#include <atomic>
#include <functional>
#include <optional>

#include "integration/sync_credentials.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::app {

namespace {

/// One store's sync on its own connection; the window's connection is never touched.
class DesktopSyncRunner final : public SyncRunner {
  public:
    DesktopSyncRunner(std::function<std::unique_ptr<OpenStore>()> connect, Actor user)
        : connect_(std::move(connect)), user_(std::move(user)) {}

    SyncReport runOnce() override {
        SyncReport report;
        if (auto problem = withEngine([&](SyncEngine& engine) { report = engine.run(); }))
            report.problem = problem;
        return report;
    }

    SnapshotPublishReport publishSnapshot() override {
        SnapshotPublishReport report;
        if (auto problem =
                withEngine([&](SyncEngine& engine) { report = engine.publishSnapshot(); }))
            report.problem = problem;
        return report;
    }

    void requestStop() override { stop_ = true; }

  private:
    /// Opens the store on its own connection and calls `use` with an engine over it; the
    /// problem that stopped it from getting that far, if one did.
    std::optional<SyncProblem> withEngine(const std::function<void(SyncEngine&)>& use) {
        try {
            auto store = connect_();
            SyncStore* syncStore = store->syncStore();
            if (!syncStore)
                return SyncProblem{0, "store", "this store cannot sync"};
            auto credentials = integration::loadCredentials(*syncStore);
            if (!credentials.enrolled())
                return SyncProblem{0, "not-enrolled",
                                   "this store has not joined a sync team (see nmdt-cli "
                                   "sync-join)"};
            auto sealer = integration::makeEnvelopeSealer(credentials);
            auto hub = integration::makeHubTransport(credentials);
            SyncOptions options;
            options.team = credentials.team;
            options.auditAs = user_;
            options.stopRequested = [this] { return stop_.load(); };
            SyncEngine engine(*store, *syncStore, *sealer, *hub, options);
            use(engine);
            return std::nullopt;
        } catch (const SyncError& e) {
            return SyncProblem{0, "refused", e.what()};
        } catch (const std::exception& e) {
            return SyncProblem{0, "store", e.what()};
        }
    }

    std::atomic<bool> stop_{false};
    std::function<std::unique_ptr<OpenStore>()> connect_;
    Actor user_;
};

}  // namespace

SyncRunnerFactory desktopSyncRunners(std::shared_ptr<const Clock> clock) {
    (void)clock;  // the connection carries the store's own clock
    return [](std::function<std::unique_ptr<OpenStore>()> connect, const Actor& user) {
        return std::make_unique<DesktopSyncRunner>(std::move(connect), user);
    };
}

}  // namespace nmdt::app
