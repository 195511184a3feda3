#pragma once
// Entry point of the desktop application: the executable hands in what it has wired.

#include <memory>
#include <string>

#include "model/calendar.h"
#include "model/exchange_format.h"
#include "model/store_provider.h"
#include "model/sync_runner.h"

namespace nmdt::gui {

/// What the executable wires for the GUI: how stores are opened, the time, start options.
struct DesktopDependencies {
    std::shared_ptr<StoreProvider> stores;
    std::shared_ptr<const Clock> clock;
    std::string initialStore;       // from --store, or empty to use the last one opened
    SyncRunnerFactory syncRunners;  // background sync with partners; empty for none
    std::shared_ptr<const ExchangeFormat> exchange;  // FHIR export and import; null for none
};

/// Runs the wxWidgets application until its last window closes; returns the exit code.
int runDesktopApp(int argc, char** argv, DesktopDependencies dependencies);

}  // namespace nmdt::gui
