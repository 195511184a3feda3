#pragma once
// Generates a realistic demo neighbourhood (practices, partners, residents, care plans,
// a year of fortnightly meetings, actions in every status) into any Store.

#include <cstdint>
#include <functional>
#include <string>

#include "model/calendar.h"
#include "model/store.h"

namespace nmdt::demo {

struct DemoSize {
    std::size_t cases = 50;
    std::size_t actionsPerCase = 10;
    std::size_t meetings = 26;  // a year, fortnightly
    std::size_t casesPerMeeting = 18;

    static DemoSize small() { return {}; }
    /// A tenth of large: the same shape, for measurements that must finish in minutes.
    static DemoSize medium() { return {5000, 10, 26, 24}; }
    static DemoSize large() { return {50000, 10, 26, 24}; }
};

/// What was generated, for messages and benchmarks.
struct DemoSummary {
    std::size_t organisations = 0;
    std::size_t professionals = 0;
    std::size_t cases = 0;
    std::size_t carePlans = 0;
    std::size_t actions = 0;
    std::size_t overdueActions = 0;
    std::size_t meetings = 0;
    std::string chairId;         // a chair to sign in as
    std::string navigatorId;     // a VCFSE navigator
    std::string navigatorOrgId;  // that navigator's organisation
};

/// Called now and then with (entities written, entities planned).
using DemoProgress = std::function<void(std::size_t, std::size_t)>;

/// Writes the demo neighbourhood through store.commit in batches. The same seed and the
/// same clock reading give the same ids and content.
DemoSummary generateDemoData(Store& store, const Clock& clock, DemoSize size,
                             std::uint64_t seed = 1, const DemoProgress& progress = {});

/// The demo's published passphrase for one of its people: the first part of their username
/// and " demo passphrase" ("amina demo passphrase" for amina.rahman). Listed in the README,
/// so never for a real store.
std::string demoPassphraseFor(const Professional& person);

}  // namespace nmdt::demo
