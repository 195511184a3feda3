// Stores and backups move between Linux and Windows desktops: each platform's build opens the
// checked-in store and restores the checked-in backup made on the other (and its own), with a
// non-ASCII passphrase and non-ASCII names. The fixtures are made by the disabled case below,
// run once on each platform (see tests/fixtures/stores/README.md).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

#include "model/case_service.h"
#include "model/utf8_path.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
namespace utf = boost::unit_test;

namespace {
// Typed as users would: accented letters, a Polish name, a curly apostrophe and a dash.
const Passphrase kStoreKey("Clé d’accès — żółw 2026");
const Passphrase kBackupKey("Kopia zapasowa — ÆØÅ 2026");

std::string fixture(const std::string& name) {
    return std::string(NMDT_STORE_FIXTURES) + "/" + name;
}

/// Copies a checked-in fixture into a fresh folder whose own name is not ASCII either.
std::string copyOf(const TempDir& dir, const std::string& name) {
    auto folder = dir.path() / pathFromUtf8("Ærø surgery — stores");
    std::filesystem::create_directories(folder);
    auto to = folder / pathFromUtf8(name);
    std::filesystem::copy_file(pathFromUtf8(fixture(name)), to);
    return pathToUtf8(to);
}

void expectTheResident(storage::SqlCipherStore& store) {
    BOOST_TEST(store.checkIntegrity().ok);
    BOOST_TEST(store.verifyAudit().intact);
    auto found = store.searchCases("Żółtowska", 10);
    BOOST_REQUIRE_EQUAL(found.size(), 1u);
    BOOST_TEST(found[0].givenName == "Łucja");
    BOOST_TEST(found[0].nhsNumber == testNhsNumber(4321));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(cross_platform_stores)

BOOST_AUTO_TEST_CASE(stores_made_on_linux_and_on_windows_open_here) {
    TempDir dir;
    for (const char* made : {"made-on-linux.nmdt", "made-on-windows.nmdt"}) {
        BOOST_TEST_CONTEXT(made) {
            auto path = copyOf(dir, made);
            BOOST_CHECK_THROW(
                storage::SqlCipherStore::open(path, Passphrase("Cle d'acces - zolw 2026")),
                StoreError);  // the same passphrase folded to ASCII is refused
            auto store = storage::SqlCipherStore::open(path, kStoreKey);
            expectTheResident(*store);
        }
    }
}

BOOST_AUTO_TEST_CASE(backups_made_on_linux_and_on_windows_restore_here) {
    TempDir dir;
    for (const char* made : {"made-on-linux.nmdt-backup", "made-on-windows.nmdt-backup"}) {
        BOOST_TEST_CONTEXT(made) {
            auto backup = copyOf(dir, made);
            auto manifest = storage::SqlCipherStore::verifyBackup(backup, kBackupKey);
            BOOST_TEST(manifest.cases == 1);
            auto target = pathToUtf8(dir.path() / pathFromUtf8(std::string("restored ") + made));
            storage::SqlCipherStore::restoreBackup(backup, kBackupKey, target, kStoreKey);
            auto store = storage::SqlCipherStore::open(target, kStoreKey);
            expectTheResident(*store);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Run only when named: --run_test=cross_platform_fixture_maker.
BOOST_AUTO_TEST_SUITE(cross_platform_fixture_maker, *utf::disabled())

// Makes this platform's pair of fixtures in NMDT_FIXTURE_OUT (see the fixtures' README).
BOOST_AUTO_TEST_CASE(make_this_platforms_fixtures) {
    const char* out = std::getenv("NMDT_FIXTURE_OUT");
    BOOST_REQUIRE_MESSAGE(out, "set NMDT_FIXTURE_OUT to the folder and name prefix to write");
    const std::string base = out;
    World w{std::string(kStoreKey.reveal())};
    CaseService(w.asChair())
        .refer({resident("Łucja", "Żółtowska", testNhsNumber(4321)),
                w.gp,
                w.practice,
                "Falls and isolation; prefers Polish",
                day(2026, 11, 1),
                {}});
    w.store->backupTo(base + ".nmdt-backup", kBackupKey, w.asChair().actor);
    w.store.reset();
    std::filesystem::copy_file(pathFromUtf8(w.storePath()), pathFromUtf8(base + ".nmdt"),
                               std::filesystem::copy_options::overwrite_existing);
}

BOOST_AUTO_TEST_SUITE_END()
