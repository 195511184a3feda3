#include "desktop_sync_runner.h"

#include <atomic>

#include "integration/sync_credentials.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::app {

namespace {

/// One store's sync on its own connection; the window's connection is never touched.
class DesktopSyncRunner final : public SyncRunner {
  public:
    DesktopSyncRunner(std::string location, Passphrase passphrase, Actor user,
                      std::shared_ptr<const Clock> clock)
        : location_(std::move(location)),
          passphrase_(std::move(passphrase)),
          user_(std::move(user)),
          clock_(std::move(clock)) {}

    SyncReport runOnce() override {
        SyncReport report;
        try {
            auto store = storage::SqlCipherStore::open(location_, passphrase_, clock_);
            auto credentials = integration::loadCredentials(*store);
            if (!credentials.enrolled()) {
                report.problem =
                    SyncProblem{0, "not-enrolled",
                                "this store has not joined a sync team (see nmdt-cli sync-join)"};
                return report;
            }
            auto sealer = integration::makeEnvelopeSealer(credentials);
            auto hub = integration::makeHubTransport(credentials);
            SyncOptions options;
            options.team = credentials.team;
            options.auditAs = user_;
            options.stopRequested = [this] { return stop_.load(); };
            return SyncEngine(*store, *store, *sealer, *hub, options).run();
        } catch (const SyncError& e) {
            report.problem = SyncProblem{0, "refused", e.what()};
        } catch (const std::exception& e) {
            report.problem = SyncProblem{0, "store", e.what()};
        }
        return report;
    }

    void requestStop() override { stop_ = true; }

  private:
    std::atomic<bool> stop_{false};
    std::string location_;
    Passphrase passphrase_;
    Actor user_;
    std::shared_ptr<const Clock> clock_;
};

}  // namespace

SyncRunnerFactory desktopSyncRunners(std::shared_ptr<const Clock> clock) {
    return [clock](const std::string& location, const Passphrase& passphrase, const Actor& user) {
        return std::make_unique<DesktopSyncRunner>(location, passphrase, user, clock);
    };
}

}  // namespace nmdt::app
