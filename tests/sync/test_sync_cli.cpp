// The sync commands of nmdt-cli, as an administrator would run them: start a team, invite,
// join with the code, sync both ways, read the status; and the refusals in plain words.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

#include "model/case_service.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
const std::string kPass = "sync cli test passphrase 2026";

/// Runs nmdt-cli with the store passphrase in the environment; output and exit status.
std::pair<int, std::string> cli(const std::string& args) {
    auto result = runProgram(NMDT_CLI_PATH, splitArguments(args), {{"NMDT_PASSPHRASE", kPass}});
    return {result.exitCode, result.output};
}

/// nmdt-cli.exe (the Windows build) under Wine, when NMDT_WINDOWS_CLI names it.
std::pair<int, std::string> windowsCli(const std::string& args, const std::string& passphrase) {
    std::vector<std::string> argv{std::getenv("NMDT_WINDOWS_CLI")};
    for (auto& a : splitArguments(args))
        argv.push_back(a);
    auto result =
        runProgram("wine", argv, {{"NMDT_PASSPHRASE", passphrase}, {"WINEDEBUG", "-all"}});
    return {result.exitCode, result.output};
}

bool haveWindowsCli() {
    const char* exe = std::getenv("NMDT_WINDOWS_CLI");
    return exe && *exe;
}

std::string certArgs(int site) {
    const auto& pki = TestPki::instance();
    const std::string n = "site" + std::to_string(site);
    return " --cert " + pki.cert(n) + " --key " + pki.key(n) + " --ca " + pki.ca();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(sync_cli)

BOOST_AUTO_TEST_CASE(an_administrator_sets_up_a_team_and_syncs_from_the_command_line) {
    HubProcess hub;
    TestDirectory people;
    TempDir dir;
    const std::string a = dir.file("a.nmdt"), b = dir.file("b.nmdt");
    BOOST_REQUIRE_EQUAL(cli("create " + a).first, 0);
    BOOST_REQUIRE_EQUAL(cli("create " + b).first, 0);

    auto [started, startOut] =
        cli("sync-start-team " + a + " --hub " + hub.url() + " --team northvale" + certArgs(0));
    BOOST_REQUIRE_MESSAGE(started == 0, startOut);
    auto [twice, twiceOut] =
        cli("sync-start-team " + a + " --hub " + hub.url() + " --team other" + certArgs(0));
    BOOST_TEST(twice != 0);
    BOOST_TEST(twiceOut.find("already in team northvale") != std::string::npos, twiceOut);

    auto [invited, inviteOut] = cli("sync-invite " + a + " --to " + dir.file("inv.json"));
    BOOST_REQUIRE_MESSAGE(invited == 0, inviteOut);
    std::string code = inviteOut.substr(inviteOut.find_last_not_of(" \r\n") - 18, 19);
    auto [wrong, wrongOut] = cli("sync-join " + b + " --invitation " + dir.file("inv.json") +
                                 " --code AAAA-BBBB-CCCC-DDDD" + certArgs(1));
    BOOST_TEST(wrong != 0);
    BOOST_TEST(wrongOut.find("code does not open") != std::string::npos, wrongOut);
    auto [joined, joinOut] = cli("sync-join " + b + " --invitation " + dir.file("inv.json") +
                                 " --code " + code + certArgs(1));
    BOOST_REQUIRE_MESSAGE(joined == 0, joinOut);

    // Something to send: a directory entry written on store a.
    {
        auto store = storage::SqlCipherStore::open(a, Passphrase(kPass));
        ChangeSet c("add-organisation");
        c.create(
            EntityKind::Organisation, "org-from-cli",
            {{"name", std::string("Northvale Carers Centre")}, {"kind", std::string("vcfse")}});
        store->commit(c, Actor{people.admin, "Pat Admin", Role::Administrator, kPractice});
    }
    auto [pushed, pushOut] = cli("sync " + a);
    BOOST_REQUIRE_MESSAGE(pushed == 0, pushOut);
    BOOST_TEST(pushOut.find("Sent 1 changes") != std::string::npos, pushOut);
    auto [pulled, pullOut] = cli("sync " + b + " --batch 2");
    BOOST_REQUIRE_MESSAGE(pulled == 0, pullOut);
    BOOST_TEST(pullOut.find("1 changes applied") != std::string::npos, pullOut);
    auto [listed, orgs] = cli("organisations " + b);
    BOOST_TEST(orgs.find("Northvale Carers Centre") != std::string::npos, orgs);
    auto [st, status] = cli("sync-status " + b);
    BOOST_TEST(status.find("Team: northvale") != std::string::npos, status);
    BOOST_TEST(status.find("Changes waiting to be sent: 0") != std::string::npos, status);
    BOOST_TEST(cli("conflicts " + b).second.find("No open conflicts") != std::string::npos);
    // The sync was audited, naming the CLI's user.
    BOOST_TEST(cli("audit " + b + " --event sync").second.find("sync") != std::string::npos);

    // Store b publishes its organisation's snapshot; a new desktop of the same organisation
    // joins from it.
    auto [published, publishOut] = cli("sync " + b + " --publish-snapshot");
    BOOST_REQUIRE_MESSAGE(published == 0, publishOut);
    BOOST_TEST(publishOut.find("Published snapshot") != std::string::npos, publishOut);
    const std::string d = dir.file("d.nmdt");
    BOOST_REQUIRE_EQUAL(cli("create " + d).first, 0);
    auto [invitedD, inviteDOut] = cli("sync-invite " + a + " --to " + dir.file("inv-d.json"));
    BOOST_REQUIRE_MESSAGE(invitedD == 0, inviteDOut);
    auto [joinedD, joinDOut] =
        cli("sync-join " + d + " --invitation " + dir.file("inv-d.json") + " --code " +
            inviteDOut.substr(inviteDOut.find_last_not_of(" \r\n") - 18, 19) + certArgs(4));
    BOOST_REQUIRE_MESSAGE(joinedD == 0, joinDOut);
    auto [loaded, loadOut] = cli("sync " + d);
    BOOST_REQUIRE_MESSAGE(loaded == 0, loadOut);
    BOOST_TEST(loadOut.find("from this organisation's snapshot; joined.") != std::string::npos,
               loadOut);
    BOOST_TEST(cli("organisations " + d).second.find("Northvale Carers Centre") !=
               std::string::npos);

    // With the hub gone, sync says so and exits non-zero; nothing is lost.
    hub.stop();
    auto [down, downOut] = cli("sync " + a);
    BOOST_TEST(down != 0);
    BOOST_TEST(downOut.find("cannot reach the hub") != std::string::npos, downOut);
    BOOST_TEST(cli("sync-status " + a).second.find("Changes waiting to be sent: 0") !=
               std::string::npos);

    // A store that never joined is told how to.
    const std::string c = dir.file("c.nmdt");
    BOOST_REQUIRE_EQUAL(cli("create " + c).first, 0);
    auto [lonely, lonelyOut] = cli("sync " + c);
    BOOST_TEST(lonely != 0);
    BOOST_TEST(lonelyOut.find("not in a team") != std::string::npos, lonelyOut);
}

// Windows and Linux in one team: the Windows CLI (under Wine) joins a team started on Linux,
// through a Linux hub, and changes cross both ways. Run by scripts/windows/test-windows.sh,
// which builds nmdt-cli.exe and names it in NMDT_WINDOWS_CLI.
BOOST_AUTO_TEST_CASE(a_windows_desktop_and_a_linux_desktop_sync_through_a_linux_hub,
                     *boost::unit_test::precondition(OnlyWhere{
                         haveWindowsCli(),
                         "NMDT_WINDOWS_CLI does not name a Windows nmdt-cli.exe "
                         "(scripts/windows/test-windows.sh sets it)"})) {
    HubProcess hub;
    TestDirectory people;
    TempDir dir;
    const std::string linux = dir.file("linux.nmdt"), windows = dir.file("windows.nmdt");
    const std::string windowsPass = "Clé d’accès — żółw 2026";  // through Wine's UTF-16 env
    BOOST_REQUIRE_EQUAL(cli("create " + linux).first, 0);
    auto [made, madeOut] = windowsCli("create " + windows, windowsPass);
    BOOST_REQUIRE_MESSAGE(made == 0, madeOut);
    auto [started, startOut] =
        cli("sync-start-team " + linux + " --hub " + hub.url() + " --team mixed" + certArgs(0));
    BOOST_REQUIRE_MESSAGE(started == 0, startOut);
    auto [invited, inviteOut] = cli("sync-invite " + linux + " --to " + dir.file("inv.json"));
    BOOST_REQUIRE_MESSAGE(invited == 0, inviteOut);
    std::string code = inviteOut.substr(inviteOut.find_last_not_of(" \r\n") - 18, 19);
    // Two desktops of the same practice (site 3's certificate is the practice's too).
    auto [joined, joinOut] = windowsCli("sync-join " + windows + " --invitation " +
                                            dir.file("inv.json") + " --code " + code + certArgs(3),
                                        windowsPass);
    BOOST_REQUIRE_MESSAGE(joined == 0, joinOut);

    auto addOrganisation = [&](const std::string& path, const std::string& pass,
                               const std::string& id, const std::string& name) {
        auto store = storage::SqlCipherStore::open(path, Passphrase(pass));
        ChangeSet c("add-organisation");
        c.create(EntityKind::Organisation, id, {{"name", name}, {"kind", std::string("vcfse")}});
        store->commit(c, Actor{people.admin, "Pat Admin", Role::Administrator, kPractice});
    };
    // Linux to Windows.
    addOrganisation(linux, kPass, "org-made-on-linux", "Riverside Carers (Linux)");
    auto [pushed, pushOut] = cli("sync " + linux);
    BOOST_REQUIRE_MESSAGE(pushed == 0, pushOut);
    auto [pulled, pullOut] = windowsCli("sync " + windows, windowsPass);
    BOOST_REQUIRE_MESSAGE(pulled == 0, pullOut);
    BOOST_TEST(windowsCli("organisations " + windows, windowsPass)
                   .second.find("Riverside Carers (Linux)") != std::string::npos);
    // Windows to Linux: the change is written into the Windows desktop's store file (the
    // same format on both), then the Windows program sends it.
    addOrganisation(windows, windowsPass, "org-made-on-windows", "Ærø Men’s Shed (Windows)");
    auto [sent, sentOut] = windowsCli("sync " + windows, windowsPass);
    BOOST_REQUIRE_MESSAGE(sent == 0, sentOut);
    BOOST_TEST(sentOut.find("Sent 1 changes") != std::string::npos, sentOut);
    auto [received, receivedOut] = cli("sync " + linux);
    BOOST_REQUIRE_MESSAGE(received == 0, receivedOut);
    BOOST_TEST(receivedOut.find("1 changes applied") != std::string::npos, receivedOut);
    auto orgs = cli("organisations " + linux).second;
    BOOST_TEST(orgs.find("Ærø Men’s Shed (Windows)") != std::string::npos, orgs);
}

BOOST_AUTO_TEST_SUITE_END()
