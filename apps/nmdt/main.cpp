// nmdt: the Neighbourhood MDT desktop application. Wires the encrypted store and sync into
// the GUI, with FHIR as the exchange format.
#include "desktop_sync_runner.h"
#include "gui/desktop_app.h"
#include "integration/fhir_exchange.h"
#include "storage/sqlcipher_store.h"

int main(int argc, char** argv) {
    auto clock = std::make_shared<nmdt::SystemClock>();
    nmdt::gui::DesktopDependencies deps{
        std::make_shared<nmdt::storage::SqlCipherStoreProvider>(clock),
        clock,
        {},
        nmdt::app::desktopSyncRunners(clock),
        nmdt::integration::makeFhirFormat()};
    return nmdt::gui::runDesktopApp(argc, argv, std::move(deps));
}
