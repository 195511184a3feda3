#include "sync_controller.h"

#include <wx/app.h>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/window.h>

#include "formatting.h"
#include "wx_text.h"

namespace nmdt::gui {

SyncController::SyncController(wxWindow* owner, SyncStore* status)
    : owner_(owner), status_(status) {}

SyncController::~SyncController() {
    ticker_.Stop();
    // A run in progress ends at its next request instead of running to the end; only a
    // request already on the wire is waited for (bounded by the transport's timeouts).
    if (runner_)
        runner_->requestStop();
    if (worker_.joinable())
        worker_.join();
}

void SyncController::setRunner(std::unique_ptr<SyncRunner> runner) {
    waitUntilIdle();
    runner_ = std::move(runner);
    refreshStatus();
}

void SyncController::setInterval(std::chrono::minutes interval) {
    ticker_.Stop();
    if (interval.count() > 0)
        ticker_.Start(static_cast<int>(interval.count() * 60 * 1000));
}

bool SyncController::startWork(std::function<void()> work) {
    if (!runner_ || running_)
        return false;
    if (worker_.joinable())
        worker_.join();
    running_ = true;
    worker_ = std::thread(std::move(work));
    refreshStatus();
    return true;
}

bool SyncController::syncNow() {
    return startWork([this] {
        SyncReport report = runner_->runOnce();
        // Back to the UI thread; the owner outlives the thread (the destructor joins it).
        owner_->CallAfter([this, report] { finished(report); });
    });
}

bool SyncController::publishSnapshotNow() {
    if (!runner_ || running_)
        return false;
    publishing_ = true;  // before the status line is read
    return startWork([this] {
        SnapshotPublishReport report = runner_->publishSnapshot();
        owner_->CallAfter([this, report] {
            running_ = false;
            publishing_ = false;
            refreshStatus();
            if (onPublished)
                onPublished(report);
        });
    });
}

void SyncController::finished(const SyncReport& report) {
    last_ = report;
    running_ = false;
    refreshStatus();
    if (onFinished)
        onFinished(report);
}

void SyncController::waitUntilIdle() {
    while (running_) {
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
    if (worker_.joinable())
        worker_.join();
}

void SyncController::refreshStatus() {
    if (!status_) {
        statusLine_.clear();
        return;
    }
    if (running_) {
        statusLine_ = publishing_ ? _("Publishing snapshot...") : _("Syncing...");
        return;
    }
    if (last_ && last_->problem && last_->problem->kind == "not-enrolled") {
        statusLine_ = _("Not syncing: not in a team");
        return;
    }
    wxString text;
    auto cursors = status_->syncCursors();
    if (cursors.lastSuccessMs == 0) {
        text = _("Never synced");
    } else {
        wxDateTime when(static_cast<wxLongLong>(cursors.lastSuccessMs));
        // The one date form (05-Oct-2025), not the locale's month name or order.
        text = wxString::Format(
            _("Synced %s"),
            when.IsSameDate(wxDateTime::Now())
                ? when.Format("%H:%M")
                : formatDateTime(Timestamp(std::chrono::milliseconds(cursors.lastSuccessMs))));
    }
    // wxString::Format has no %zu.
    if (auto pending = static_cast<unsigned long>(status_->pendingChanges()))
        text += wxString::Format(_(", %lu waiting"), pending);
    if (auto open = static_cast<unsigned long>(status_->conflicts(true).size()))
        text += wxString::Format(
            wxPLURAL(", %lu conflict", ", %lu conflicts", static_cast<unsigned>(open)), open);
    if (last_ && !last_->completed && last_->problem)
        text += _(", last sync failed");
    statusLine_ = text;
}

}  // namespace nmdt::gui
