#pragma once
// Runs sync in the background, on request and every few minutes, and tells the window
// when it is done. The window never waits for the network.

#include <wx/string.h>
#include <wx/timer.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "model/sync_runner.h"
#include "model/sync_store.h"

class wxWindow;

namespace nmdt::gui {

/// Background sync for one main window.
class SyncController {
  public:
    /// `status` is the window's own view of the sync tables (read on the UI thread).
    SyncController(wxWindow* owner, SyncStore* status);
    /// Waits for a run in progress (bounded by the hub connection's timeouts).
    ~SyncController();

    void setRunner(std::unique_ptr<SyncRunner> runner);
    bool available() const { return runner_ != nullptr; }
    /// Runs every `interval`; zero stops the schedule.
    void setInterval(std::chrono::minutes interval);
    /// Starts a run now unless one is going; returns false if none could start.
    bool syncNow();
    /// Starts publishing the organisation's snapshot unless a run is going (same thread,
    /// one at a time); returns false if it could not start.
    bool publishSnapshotNow();
    bool publishing() const { return publishing_; }
    bool running() const { return running_; }
    /// Blocks until the current run (if any) has finished and been reported.
    void waitUntilIdle();

    /// Called on the UI thread after each run.
    std::function<void(const SyncReport&)> onFinished;
    /// Called on the UI thread when publishing a snapshot ends.
    std::function<void(const SnapshotPublishReport&)> onPublished;

    /// One line for the status bar: when last synced, what waits, what needs a person.
    /// Read from the store only by refreshStatus() (after each run, or when asked), so
    /// the status bar can show it on every keystroke without a query.
    const wxString& statusText() const { return statusLine_; }
    void refreshStatus();
    const std::optional<SyncReport>& lastReport() const { return last_; }

  private:
    class Ticker : public wxTimer {
      public:
        explicit Ticker(SyncController& c) : c_(c) {}
        void Notify() override { c_.syncNow(); }

      private:
        SyncController& c_;
    };
    void finished(const SyncReport& report);
    /// Runs `work` on the worker thread unless something is running; false if it was.
    bool startWork(std::function<void()> work);

    wxWindow* owner_;
    SyncStore* status_;
    std::unique_ptr<SyncRunner> runner_;
    std::thread worker_;
    std::atomic<bool> running_{false};
    std::atomic<bool> publishing_{false};
    Ticker ticker_{*this};
    std::optional<SyncReport> last_;
    wxString statusLine_;
};

}  // namespace nmdt::gui
