#pragma once
// The desktop's background sync: storage and integration wired into the model's SyncRunner.

#include "model/sync_runner.h"

namespace nmdt::app {

/// Makes runners that open the store on a connection of their own for each run.
SyncRunnerFactory desktopSyncRunners(std::shared_ptr<const Clock> clock);

}  // namespace nmdt::app
