// Runs the real nmdt-cli binary as an administrator would, checking output and exit codes.
#define BOOST_TEST_MODULE nmdt_cli_tests
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "child_process.h"
#include "encrypted_database.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "model/session_service.h"
#include "test_support.h"

using namespace nmdt::test;
using nmdt::pathFromUtf8;

namespace {
struct Result {
    int exitCode;
    std::string output;  // stdout and stderr together
};

/// Runs nmdt-cli with `args` (quoted as in a shell) and environment assignments such as
/// "NMDT_PASSPHRASE='x'", with nothing on its input.
Result cli(const std::string& args, const std::string& env = "") {
    // Passphrases come only from what each test gives, never from the runner's environment.
    unsetEnvironment("NMDT_PASSPHRASE");
    unsetEnvironment("NMDT_NEW_PASSPHRASE");
    unsetEnvironment("NMDT_BACKUP_PASSPHRASE");
    unsetEnvironment("NMDT_USER");
    unsetEnvironment("NMDT_RECOVERY_KEY");
    Environment variables;
    for (const auto& assignment : splitArguments(env)) {
        auto equals = assignment.find('=');
        BOOST_REQUIRE(equals != std::string::npos);
        variables[assignment.substr(0, equals)] = assignment.substr(equals + 1);
    }
    auto result = runProgram(NMDT_CLI_PATH, splitArguments(args), variables);
    return {result.exitCode, result.output};
}

const std::string kPass = "NMDT_PASSPHRASE='cli test passphrase 1'";

/// A passphrase file as it should be kept: readable by its owner only.
void writePrivate(const std::string& path, const std::string& text) {
    std::ofstream(nmdt::pathFromUtf8(path)) << text;
    std::filesystem::permissions(
        nmdt::pathFromUtf8(path),
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(admin_cli)

BOOST_AUTO_TEST_CASE(people_sign_in_as_themselves_from_the_command_line) {
    TempDir dir;
    const std::string store = "'" + dir.file("riverside.nmdt") + "'";
    const std::string priya = "NMDT_PASSPHRASE='harbour lights at dusk 2026'";
    // A mistake in the set-up costs no file and no passphrase prompt.
    auto bad = cli("set-up " + store +
                       " --org 'Riverside Surgery' --ods 812 --name 'Priya Shah' --as priya.shah",
                   priya);
    BOOST_TEST(bad.exitCode != 0);
    BOOST_TEST(contains(bad.output, "ods-code-format"), bad.output);
    BOOST_TEST(!std::filesystem::exists(dir.file("riverside.nmdt")));
    auto made =
        cli("set-up " + store +
                " --org 'Riverside Surgery' --ods Y01234 --name 'Priya Shah' --as priya.shah",
            priya);
    BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.output);
    auto keyAt = made.output.find("Recovery key");
    BOOST_REQUIRE(keyAt != std::string::npos);
    std::string recovery = made.output.substr(made.output.find("    ", keyAt) + 4, 53);
    BOOST_TEST(std::filesystem::exists(dir.file("riverside.nmdt.keys")));

    // Without a name the store says how to sign in; a wrong passphrase is refused.
    auto anonymous = cli("check " + store, priya);
    BOOST_TEST(anonymous.exitCode == 2);
    BOOST_TEST(contains(anonymous.output, "--as"), anonymous.output);
    BOOST_TEST(cli("check " + store + " --as priya.shah", "NMDT_PASSPHRASE='not her passphrase'")
                   .exitCode == 3);
    BOOST_TEST(cli("check " + store + " --as priya.shah", priya).exitCode == 0);
    BOOST_TEST(cli("check " + store, "NMDT_USER=priya.shah " + priya).exitCode == 0);

    // She forgets it: the recovery key gives her a new one, and is then void.
    const std::string fresh = "NMDT_NEW_PASSPHRASE='remembered at last 2027'";
    auto recovered = cli("recover " + store + " --as priya.shah",
                         "NMDT_RECOVERY_KEY='" + recovery + "' " + fresh);
    BOOST_REQUIRE_MESSAGE(recovered.exitCode == 0, recovered.output + " key=" + recovery);
    BOOST_TEST(cli("check " + store + " --as priya.shah", priya).exitCode == 3);
    BOOST_TEST(
        cli("check " + store + " --as priya.shah", "NMDT_PASSPHRASE='remembered at last 2027'")
            .exitCode == 0);
    BOOST_TEST(cli("recover " + store + " --as priya.shah",
                   "NMDT_RECOVERY_KEY='" + recovery + "' " + fresh)
                   .exitCode == 3);
}

BOOST_AUTO_TEST_CASE(an_administrator_lets_a_colleague_sign_in_and_records_them_leaving) {
    TempDir dir;
    const std::string store = "'" + dir.file("demo.nmdt") + "'";
    const std::string shared = "NMDT_PASSPHRASE='demo passphrase 2026'";
    BOOST_REQUIRE(cli("demo " + store, shared).exitCode == 0);
    // The first sign-in moves the store onto key slots and prints its recovery key.
    auto first = cli("check " + store + " --as 'Admin Office'", shared);
    BOOST_REQUIRE_MESSAGE(first.exitCode == 0, first.output);
    BOOST_TEST(contains(first.output, "recovery key"), first.output);
    const std::string admin = " --as admin.office";
    auto set = cli("set-passphrase " + store + admin + " --for julie.clarke",
                   shared + " NMDT_NEW_PASSPHRASE='julies own passphrase 2026'");
    BOOST_REQUIRE_MESSAGE(set.exitCode == 0, set.output);
    BOOST_TEST(cli("check " + store + " --as julie.clarke", shared).exitCode == 3);
    BOOST_TEST(
        cli("check " + store + " --as julie.clarke", "NMDT_PASSPHRASE='julies own passphrase 2026'")
            .exitCode == 0);
    auto left = cli("leaver " + store + admin + " --for julie.clarke --to tomasz.nowak", shared);
    BOOST_REQUIRE_MESSAGE(left.exitCode == 0, left.output);
    BOOST_TEST(contains(left.output, "has left"), left.output);
    BOOST_TEST(
        cli("check " + store + " --as julie.clarke", "NMDT_PASSPHRASE='julies own passphrase 2026'")
            .exitCode == 3);
    // Another organisation's person is not this administrator's to change.
    auto foreign = cli("set-passphrase " + store + admin + " --for gwen.pritchard",
                       shared + " NMDT_NEW_PASSPHRASE='not yours to set 2026'");
    BOOST_TEST(foreign.exitCode == 1);
    BOOST_TEST(contains(foreign.output, "not-permitted"), foreign.output);
}

BOOST_AUTO_TEST_CASE(the_demo_gives_each_person_their_own_published_passphrase) {
    TempDir dir;
    const std::string store = "'" + dir.file("demo.nmdt") + "'";
    auto made = cli("demo " + store + " --passphrase-per-person", "");
    BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.output);
    BOOST_TEST(contains(made.output, "amina.rahman  'amina demo passphrase'"), made.output);
    BOOST_TEST(contains(made.output, "Recovery key"), made.output);
    BOOST_TEST(std::filesystem::exists(dir.file("demo.nmdt.keys")));
    BOOST_TEST(
        cli("check " + store + " --as amina.rahman", "NMDT_PASSPHRASE='amina demo passphrase'")
            .exitCode == 0);
    BOOST_TEST(
        cli("check " + store + " --as 'Gwen Pritchard'", "NMDT_PASSPHRASE='gwen demo passphrase'")
            .exitCode == 0);
    // Nobody's passphrase opens another person's slot.
    BOOST_TEST(
        cli("check " + store + " --as amina.rahman", "NMDT_PASSPHRASE='gwen demo passphrase'")
            .exitCode == 3);
    // The shared passphrase of older demo stores opens nothing here.
    BOOST_TEST(
        cli("check " + store + " --as amina.rahman", "NMDT_PASSPHRASE='demo passphrase 2026'")
            .exitCode == 3);
    // A second run never overwrites the store.
    BOOST_TEST(cli("demo " + store + " --passphrase-per-person", "").exitCode == 2);

    // The administrator adds a colleague and a partner from the command line.
    const std::string admin = " --as admin.office";
    const std::string adminPass = "NMDT_PASSPHRASE='admin demo passphrase'";
    auto added = cli("add-person " + store + admin +
                         " --name 'Ffion Lloyd' --role navigator --registration 'SWE SW98765'",
                     adminPass);
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.output);
    BOOST_TEST(contains(added.output, "ffion.lloyd"), added.output);
    BOOST_TEST(cli("add-person " + store + admin + " --name 'Ffion Lloyd' --role wizard", adminPass)
                   .exitCode == 2);
    auto clash = cli("add-person " + store + admin +
                         " --name 'Another Gwen' --username gwen.pritchard --role navigator",
                     adminPass);
    BOOST_TEST(clash.exitCode != 0);
    auto partner =
        cli("add-organisation " + store + admin + " --name 'Northvale Carers Centre' --kind vcfse",
            adminPass);
    BOOST_REQUIRE_MESSAGE(partner.exitCode == 0, partner.output);
    // A navigator may not.
    BOOST_TEST(cli("add-person " + store + " --as gwen.pritchard --name 'Sam Ng' --role navigator",
                   "NMDT_PASSPHRASE='gwen demo passphrase'")
                   .exitCode != 0);
    auto listed = cli("people " + store + admin, adminPass);
    BOOST_REQUIRE_MESSAGE(listed.exitCode == 0, listed.output);
    BOOST_TEST(contains(listed.output, "ffion.lloyd"), listed.output);
    BOOST_TEST(!contains(listed.output, "sam.ng"), listed.output);
    // Ffion cannot sign in until an administrator sets her passphrase.
    BOOST_TEST(
        cli("check " + store + " --as ffion.lloyd", "NMDT_PASSPHRASE='ffion demo passphrase'")
            .exitCode == 3);
}

BOOST_AUTO_TEST_CASE(demo_then_list_search_and_check) {
    TempDir dir;
    std::string store = "'" + dir.file("demo.nmdt") + "'";
    auto demo = cli("demo " + store + " --seed 3", kPass);
    BOOST_TEST(demo.exitCode == 0, demo.output);
    BOOST_TEST(contains(demo.output, "50 cases"), demo.output);

    auto cases = cli("cases " + store + " --limit 5", kPass);
    BOOST_TEST(cases.exitCode == 0);
    BOOST_TEST(contains(cases.output, "5 of 50 cases"), cases.output);
    BOOST_TEST(contains(cases.output, "999 "), cases.output);  // 3-3-4 test numbers

    auto search = cli("cases " + store + " --search '999 000 001'", kPass);
    BOOST_TEST(contains(search.output, "999 000 001"), search.output);

    auto overdue = cli("overdue " + store + " --org 'Age Well Together'", kPass);
    BOOST_TEST(overdue.exitCode == 0, overdue.output);
    BOOST_TEST(contains(overdue.output, "overdue in all"), overdue.output);

    auto check = cli("check " + store, kPass);
    BOOST_TEST(check.exitCode == 0, check.output);
    BOOST_TEST(contains(check.output, "passed the integrity check"));

    auto patient = cli("fhir-patient " + store + " --nhs-number '999 000 0018'", kPass);
    BOOST_TEST(patient.exitCode == 0, patient.output);
    BOOST_TEST(contains(patient.output, "\"resourceType\": \"Patient\""), patient.output);
    BOOST_TEST(contains(patient.output, "\"value\": \"9990000018\""), patient.output);
    auto badNumber = cli("fhir-patient " + store + " --nhs-number 9990000019", kPass);
    BOOST_TEST(badNumber.exitCode == 1);
    BOOST_TEST(contains(badNumber.output, "nhs-number-checksum"), badNumber.output);

    auto changes = cli("changes " + store + " --limit 2", kPass);
    BOOST_TEST(contains(changes.output, "generate-demo-data"), changes.output);
    BOOST_TEST(contains(changes.output, "2 change(s)"), changes.output);
}

BOOST_AUTO_TEST_CASE(a_demo_killed_at_any_moment_leaves_no_store_or_a_whole_one) {
    TempDir dir;
    const std::string path = dir.file("killed.nmdt");
    const std::string store = "'" + path + "'";
    unsetEnvironment("NMDT_PASSPHRASE");
    const Environment env{{"NMDT_PASSPHRASE", "cli test passphrase 1"}};
    // How long a whole demo takes here, to spread the kills over it and a little past.
    const auto started = std::chrono::steady_clock::now();
    BOOST_REQUIRE(cli("demo " + store, kPass).exitCode == 0);
    const auto whole = std::chrono::steady_clock::now() - started;
    std::filesystem::remove(pathFromUtf8(path));
    int complete = 0, absent = 0;
    const int kills = 16;
    for (int k = 0; k < kills; ++k) {
        {
            ChildProcess demo(NMDT_CLI_PATH, {"demo", path}, env);
            std::this_thread::sleep_for(whole * k / (kills - 2));
            demo.kill();
            demo.wait();
        }
        if (std::filesystem::exists(pathFromUtf8(path))) {
            // Whatever is at the path is a whole store with the whole demo in it.
            auto check = cli("check " + store, kPass);
            BOOST_TEST(check.exitCode == 0, "kill " << k << ": " << check.output);
            auto cases = cli("cases " + store + " --limit 1", kPass);
            BOOST_TEST(contains(cases.output, "of 50 cases"), "kill " << k << ": " << cases.output);
            ++complete;
            std::filesystem::remove(pathFromUtf8(path));
        } else {
            ++absent;
        }
    }
    BOOST_TEST_MESSAGE(complete << " kills after the store was whole, " << absent << " before");
    BOOST_TEST(absent > 0);
    // What a killed creation left beside the path never blocks making the store again.
    auto again = cli("demo " + store, kPass);
    BOOST_TEST(again.exitCode == 0, again.output);
    BOOST_TEST(!std::filesystem::exists(pathFromUtf8(path + ".creating")));
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_neighbourhood) {
    TempDir dir;
    cli("demo '" + dir.file("a.nmdt") + "' --seed 9", kPass);
    cli("demo '" + dir.file("b.nmdt") + "' --seed 9", kPass);
    auto a = cli("cases '" + dir.file("a.nmdt") + "' --limit 50", kPass);
    auto b = cli("cases '" + dir.file("b.nmdt") + "' --limit 50", kPass);
    BOOST_TEST(a.output == b.output);
    auto c = cli("demo '" + dir.file("c.nmdt") + "' --seed 10", kPass);
    BOOST_TEST(cli("cases '" + dir.file("c.nmdt") + "' --limit 50", kPass).output != a.output);
}

BOOST_AUTO_TEST_CASE(refuses_bad_passphrases_with_clear_words) {
    TempDir dir;
    std::string store = "'" + dir.file("s.nmdt") + "'";
    auto weak = cli("create " + store, "NMDT_PASSPHRASE=short");
    BOOST_TEST(weak.exitCode == 2);
    BOOST_TEST(contains(weak.output, "at least 12 characters"), weak.output);
    BOOST_TEST(!std::filesystem::exists(dir.file("s.nmdt")));

    BOOST_TEST(cli("create " + store, kPass).exitCode == 0);
    auto wrong = cli("check " + store, "NMDT_PASSPHRASE='not the passphrase'");
    BOOST_TEST(wrong.exitCode == 3);
    BOOST_TEST(contains(wrong.output, "passphrase do not open this store"), wrong.output);

    auto argv = cli("check " + store + " --passphrase 'cli test passphrase 1'");
    BOOST_TEST(argv.exitCode == 2);
    BOOST_TEST(contains(argv.output, "never taken on the command line"), argv.output);

    auto none = cli("check " + store);  // no file, no variable, no terminal
    BOOST_TEST(none.exitCode == 1);
    BOOST_TEST(contains(none.output, "no passphrase"), none.output);
}

BOOST_AUTO_TEST_CASE(passphrase_file_and_rekey) {
    TempDir dir;
    std::string store = "'" + dir.file("s.nmdt") + "'";
    writePrivate(dir.file("old.txt"), "first passphrase here\n");
    writePrivate(dir.file("new.txt"), "second passphrase here\n");
    BOOST_TEST(
        cli("create " + store + " --passphrase-file '" + dir.file("old.txt") + "'").exitCode == 0);
    auto rekey = cli("rekey " + store + " --passphrase-file '" + dir.file("old.txt") +
                     "' --new-passphrase-file '" + dir.file("new.txt") + "'");
    BOOST_TEST(rekey.exitCode == 0, rekey.output);
    BOOST_TEST(
        cli("check " + store + " --passphrase-file '" + dir.file("old.txt") + "'").exitCode == 3);
    BOOST_TEST(
        cli("check " + store + " --passphrase-file '" + dir.file("new.txt") + "'").exitCode == 0);
}

BOOST_AUTO_TEST_CASE(stores_and_backups_are_private_and_a_shared_passphrase_file_is_refused) {
    TempDir dir;
    const std::string store = dir.file("private.nmdt");
    writePrivate(dir.file("key.txt"), "first passphrase here\n");
    const std::string key = " --passphrase-file '" + dir.file("key.txt") + "'";
    BOOST_TEST_REQUIRE(cli("create '" + store + "'" + key).exitCode == 0);
    auto made = cli("backup '" + store + "' --to '" + dir.file("private.backup") + "'" + key,
                    "NMDT_BACKUP_PASSPHRASE='backup passphrase 2026!'");
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.output);
#ifndef _WIN32  // Windows keeps a user's files private by the profile folder's access list
    using std::filesystem::perms;
    const auto others = perms::group_all | perms::others_all;
    for (const auto& file : {store, dir.file("private.backup")})
        BOOST_TEST(((std::filesystem::status(file).permissions() & others) == perms::none), file);
    // A passphrase file others can read is refused before it is used, saying how to mend it.
    std::filesystem::permissions(dir.file("key.txt"), perms::group_read | perms::others_read,
                                 std::filesystem::perm_options::add);
    auto refused = cli("check '" + store + "'" + key);
    BOOST_TEST(refused.exitCode != 0);
    BOOST_TEST(contains(refused.output, "can be read by other people"), refused.output);
    BOOST_TEST(contains(refused.output, "chmod 600"), refused.output);
#endif
}

BOOST_AUTO_TEST_CASE(the_cli_and_the_desktop_record_the_same_rekey_and_backup) {
    using namespace nmdt;
    TempDir dir;
    writePrivate(dir.file("old.txt"), "first passphrase here\n");
    writePrivate(dir.file("new.txt"), "second passphrase here\n");
    const std::string old = " --passphrase-file '" + dir.file("old.txt") + "'";
    for (const char* name : {"cli.nmdt", "desktop.nmdt"})
        BOOST_TEST_REQUIRE(cli("create '" + dir.file(name) + "'" + old).exitCode == 0);

    // The command line re-keys and backs up one store...
    const std::string backupKey = "NMDT_BACKUP_PASSPHRASE='backup passphrase 2026!'";
    BOOST_TEST_REQUIRE(cli("rekey '" + dir.file("cli.nmdt") + "'" + old +
                           " --new-passphrase-file '" + dir.file("new.txt") + "'")
                           .exitCode == 0);
    auto made = cli("backup '" + dir.file("cli.nmdt") + "' --to '" + dir.file("cli.backup") +
                        "' --passphrase-file '" + dir.file("new.txt") + "'",
                    backupKey);
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.output);

    // ...and the desktop's session commands the other, as the same person.
    {
        auto store = storage::SqlCipherStore::open(dir.file("desktop.nmdt"),
                                                   Passphrase("first passphrase here"));
        SystemClock clock;
        NoIdSource noIds;
        const Actor admin{ProfessionalId("nmdt-cli"), "the administrator", Role::Administrator,
                          OrganisationId()};
        SessionService session(ServiceContext{*store, clock, noIds, admin}, *store);
        session.changePassphrase(Passphrase("first passphrase here"),
                                 Passphrase("second passphrase here"));
        session.backup(dir.file("desktop.backup"), Passphrase("backup passphrase 2026!"));
    }

    auto trail = [&](const char* name, const char* backup) {
        auto store =
            storage::SqlCipherStore::open(dir.file(name), Passphrase("second passphrase here"));
        std::vector<std::string> rows;
        for (const auto& e : store->auditTrail({})) {
            std::string detail = e.detail;
            if (detail == dir.file(backup))
                detail = "<backup path>";
            rows.push_back(std::string(codeOf(e.kind)) + "|" + e.subject + "|" + detail + "|" +
                           e.userId + "|" + e.role);
        }
        ChangeLogQuery all;
        all.limit = 100000;
        rows.push_back("change-log entries: " + std::to_string(store->changeLog(all).size()));
        return rows;
    };
    const auto fromCli = trail("cli.nmdt", "cli.backup");
    const auto fromDesktop = trail("desktop.nmdt", "desktop.backup");
    BOOST_TEST(fromCli == fromDesktop, boost::test_tools::per_element());
    BOOST_TEST(fromCli.size() == 3u);  // passphrase-changed, backup, the change-log count
}

BOOST_AUTO_TEST_CASE(audit_trail_is_listed_and_tampering_is_reported) {
    TempDir dir;
    std::string path = dir.file("a.nmdt");
    std::string store = "'" + path + "'";
    BOOST_TEST(cli("demo " + store, kPass).exitCode == 0);
    auto listed = cli("audit " + store + " --event change --limit 1", kPass);
    BOOST_TEST(listed.exitCode == 0, listed.output);
    BOOST_TEST(contains(listed.output, "generate-demo-data"), listed.output);
    BOOST_TEST(contains(listed.output, "1 entry"), listed.output);
    auto verified = cli("audit " + store + " --verify", kPass);
    BOOST_TEST(verified.exitCode == 0, verified.output);
    BOOST_TEST(contains(verified.output, "audit trail intact"), verified.output);
    BOOST_TEST(cli("audit " + store + " --event nonsense", kPass).exitCode == 2);
    {
        // Someone with the key edits the trail with a SQL tool.
        auto db =
            nmdt::storage::openEncryptedDatabase(path, nmdt::Passphrase("cli test passphrase 1"),
                                                 nmdt::storage::OpenIntent::OpenExisting);
        db->exec("DROP TRIGGER audit_log_append_only");
        db->exec("UPDATE audit_log SET detail = 'nothing happened' WHERE sequence = 1");
    }
    auto tampered = cli("audit " + store + " --verify", kPass);
    BOOST_TEST(tampered.exitCode == 1, tampered.output);
    BOOST_TEST(contains(tampered.output, "TAMPERED WITH: hash-mismatch at entry 1"),
               tampered.output);
    auto check = cli("check " + store, kPass);
    BOOST_TEST(check.exitCode == 1, check.output);
    BOOST_TEST(contains(check.output, "TAMPERED"), check.output);
}

BOOST_AUTO_TEST_CASE(backup_verify_and_restore) {
    TempDir dir;
    std::string store = "'" + dir.file("s.nmdt") + "'";
    std::string backupFile = dir.file("s.backup");
    const std::string keys = kPass + " NMDT_BACKUP_PASSPHRASE='backup passphrase 2026!'";
    BOOST_TEST(cli("demo " + store + " --seed 4", kPass).exitCode == 0);
    auto made = cli("backup " + store + " --to '" + backupFile + "'", keys);
    BOOST_TEST(made.exitCode == 0, made.output);
    BOOST_TEST(contains(made.output, "50 cases"), made.output);
    BOOST_TEST(cli("backup " + store + " --to '" + backupFile + "'", keys).exitCode ==
               2);  // never overwrites
    BOOST_TEST(cli("backup " + store + " --to '" + dir.file("weak.backup") + "'",
                   kPass + " NMDT_BACKUP_PASSPHRASE=short")
                   .exitCode == 2);
    auto verified = cli("verify-backup '" + backupFile + "'", keys);
    BOOST_TEST(verified.exitCode == 0, verified.output);
    auto wrong =
        cli("verify-backup '" + backupFile + "'", "NMDT_BACKUP_PASSPHRASE='not it at all'");
    BOOST_TEST(wrong.exitCode == 3);
    BOOST_TEST(!contains(wrong.output, "ok:"), wrong.output);
    auto restored = cli("restore " + store + " --from '" + backupFile + "'", keys);
    BOOST_TEST(restored.exitCode == 0, restored.output);
    BOOST_TEST(contains(restored.output, "kept as"), restored.output);
    BOOST_TEST(cli("check " + store, kPass).exitCode == 0);
    BOOST_TEST(contains(cli("audit " + store + " --event restore", kPass).output, "1 entry"));
}

BOOST_AUTO_TEST_CASE(fhir_export_import_meeting_and_audit) {
    TempDir dir;
    std::string from = "'" + dir.file("from.nmdt") + "'";
    std::string to = "'" + dir.file("to.nmdt") + "'";
    BOOST_REQUIRE(cli("demo " + from + " --seed 3", kPass).exitCode == 0);
    BOOST_REQUIRE(cli("create " + to, kPass).exitCode == 0);
    std::string bundle = dir.file("case.json");

    auto exported =
        cli("fhir-export " + from + " --nhs-number '999 000 0018' --to " + bundle, kPass);
    BOOST_TEST(exported.exitCode == 0, exported.output);
    BOOST_TEST(contains(exported.output, "FHIR R4 Bundle for 999 000 0018"), exported.output);
    auto again = cli("fhir-export " + from + " --nhs-number '999 000 0018' --to " + bundle, kPass);
    BOOST_TEST(again.exitCode == 2);
    BOOST_TEST(contains(again.output, "already exists"), again.output);

    auto imported = cli("fhir-import " + to + " --from " + bundle, kPass);
    BOOST_TEST(imported.exitCode == 0, imported.output);
    BOOST_TEST(contains(imported.output, "new case"), imported.output);
    auto twice = cli("fhir-import " + to + " --from " + bundle, kPass);
    BOOST_TEST(contains(twice.output, "matched the existing case"), twice.output);
    BOOST_TEST(contains(twice.output, "0 created, 0 updated"), twice.output);
    BOOST_TEST(contains(cli("cases " + to, kPass).output, "1 of 1 cases"));

    std::string junk = dir.file("junk.json");
    std::ofstream(junk) << "{\"resourceType\": \"Bundle\", \"type\": \"collection\"";
    auto refused = cli("fhir-import " + to + " --from " + junk, kPass);
    BOOST_TEST(refused.exitCode == 1);
    BOOST_TEST(contains(refused.output,
                        "FHIR bundle refused, nothing imported: the file is not "
                        "valid JSON"),
               refused.output);

    // The newest meeting of the demo, by its date.
    std::string date =
        nmdt::toIsoDate(nmdt::storage::SqlCipherStore::open(
                            dir.file("from.nmdt"), nmdt::Passphrase("cli test passphrase 1"))
                            ->meetings(1)
                            .front()
                            .date);
    auto meeting = cli(
        "fhir-meeting " + from + " --meeting " + date + " --to " + dir.file("meeting.json"), kPass);
    BOOST_TEST(meeting.exitCode == 0, meeting.output);
    BOOST_TEST(contains(meeting.output, "outcomes of"), meeting.output);
    auto audit = cli("fhir-audit " + from + " --to " + dir.file("audit.json"), kPass);
    BOOST_TEST(audit.exitCode == 0, audit.output);
    BOOST_TEST(contains(audit.output, "AuditEvent resources"), audit.output);
    auto trail = cli("audit " + from + " --event export-fhir", kPass);
    BOOST_TEST(contains(trail.output, "FHIR case bundle to"), trail.output);
    BOOST_TEST(contains(trail.output, "FHIR meeting outcomes to"), trail.output);
}

BOOST_AUTO_TEST_CASE(compact_history_keeps_what_is_unsent_and_refuses_a_short_window) {
    TempDir dir;
    std::string store = "'" + dir.file("demo.nmdt") + "'";
    BOOST_REQUIRE(cli("demo " + store + " --seed 3", kPass).exitCode == 0);
    auto tooShort = cli("compact-history " + store + " --keep-days 30", kPass);
    BOOST_TEST(tooShort.exitCode == 2, tooShort.output);
    BOOST_TEST(contains(tooShort.output, "--keep-days is at least 90"), tooShort.output);
    // Nothing of a store that never synced is on the hub: every entry stays.
    auto done = cli("compact-history " + store, kPass);
    BOOST_TEST(done.exitCode == 0, done.output);
    BOOST_TEST(contains(done.output, "Removed 0 change-log entries"), done.output);
    BOOST_TEST(contains(done.output, "given back"), done.output);
    BOOST_TEST(contains(cli("changes " + store + " --limit 2", kPass).output, "2 change(s)"));
    auto audit = cli("audit " + store + " --event history-compacted", kPass);
    BOOST_TEST(contains(audit.output, "history-compacted"), audit.output);
    BOOST_TEST(cli("check " + store, kPass).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(a_practice_imports_its_search_export_all_or_nothing) {
    TempDir dir;
    const std::string store = "'" + dir.file("demo.nmdt") + "'";
    const std::string shared = "NMDT_PASSPHRASE='demo passphrase 2026'";
    BOOST_REQUIRE(cli("demo " + store, shared).exitCode == 0);
    BOOST_REQUIRE(cli("check " + store + " --as 'Admin Office'", shared).exitCode == 0);
    BOOST_REQUIRE(cli("set-passphrase " + store + " --as admin.office --for julie.clarke",
                      shared + " NMDT_NEW_PASSPHRASE='julies own passphrase 2026'")
                      .exitCode == 0);
    const std::string julie = " --as julie.clarke";
    const std::string hers = "NMDT_PASSPHRASE='julies own passphrase 2026'";
    // A resident the demo already holds, by the number `cases` prints.
    auto listed = cli("cases " + store + julie + " --limit 1", hers);
    const auto digitsAt = listed.output.find("999 ");
    BOOST_REQUIRE_MESSAGE(digitsAt != std::string::npos, listed.output);
    const std::string known = listed.output.substr(digitsAt, 12);
    // An EMIS-style export: one name column, family name first, dates as 12-Mar-1938.
    const std::string header = "NHS No,DOB,Patient Name,Usual GP ODS code,eFI Category\n";
    const std::string knownRow = known + ",20-Dec-1945,\"KNOWN, Person\",Y90001,Severe\n";
    std::ofstream(pathFromUtf8(dir.file("bad.csv")))
        << header << knownRow << "9434765918,01/02/1940,\"JONES, Ann\",Y90001,Moderate\n"
        << testNhsNumber(7) + ",01/02/1940,\"EVANS, Rhys\",A81001,Mild\n";
    auto bad =
        cli("case-finding-import " + store + julie + " --from '" + dir.file("bad.csv") + "'", hers);
    BOOST_TEST(bad.exitCode == 1);
    BOOST_TEST(contains(bad.output, "line 3: nhs-number-checksum"), bad.output);
    BOOST_TEST(contains(bad.output, "line 4: other-practice"), bad.output);
    BOOST_TEST(contains(bad.output, "Nothing was imported"), bad.output);
    BOOST_TEST(
        contains(cli("case-finding-lists " + store + julie, hers).output, "No case-finding"));

    std::ofstream(pathFromUtf8(dir.file("frailty.csv")))
        << header << knownRow << testNhsNumber(8) + ",01/02/1940,\"JONES, Ann\",Y90001,Moderate\n";
    auto good = cli("case-finding-import " + store + julie + " --from '" + dir.file("frailty.csv") +
                        "' --title 'Frailty, December'",
                    hers);
    BOOST_REQUIRE_MESSAGE(good.exitCode == 0, good.output);
    BOOST_TEST(contains(good.output, "Imported 2 people"), good.output);
    BOOST_TEST(contains(good.output, "1 already has a case here"), good.output);
    auto lists = cli("case-finding-lists " + store + julie, hers);
    BOOST_TEST(contains(lists.output, "2 people, 1 known, 2 not screened  Frailty, December"),
               lists.output);
    auto show = cli("case-finding-show " + store + julie + " --list " +
                        lists.output.substr(0, lists.output.find(' ')),
                    hers);
    BOOST_TEST(contains(show.output, "KNOWN, Person  pending  known (open)  eFI Category: Severe"),
               show.output);
    BOOST_TEST(contains(show.output, "JONES, Ann  pending  eFI Category: Moderate"), show.output);
    // An administrator sets the practice up but does not screen its patients.
    auto admin = cli("case-finding-import " + store + " --as admin.office --from '" +
                         dir.file("frailty.csv") + "'",
                     shared);
    BOOST_TEST(admin.exitCode == 1);
    BOOST_TEST(contains(admin.output, "not-permitted"), admin.output);
}

BOOST_AUTO_TEST_CASE(a_trace_request_goes_out_and_its_reply_is_read_row_by_row) {
    World w;
    auto refer = [&](const std::string& given, const std::string& family) {
        return nmdt::CaseService(w.asChair())
            .refer({resident(given, family, ""),
                    w.gp,
                    w.practice,
                    "no GP record to hand",
                    day(2026, 11, 2),
                    {}},
                   {}, nmdt::Urgency::Routine, nmdt::NhsNumberKnown::NotYet);
    };
    const auto anwen = refer("Anwen", "Rhys");
    const auto huw = refer("Huw", "Bevan");
    w.store.reset();
    const std::string store = " '" + w.storePath() + "'";
    const std::string pass = "NMDT_PASSPHRASE='correct horse battery staple'";
    const std::string request = w.dir.file("trace-request.csv");
    auto wrote = cli("trace-request" + store + " --to '" + request + "'", pass);
    BOOST_REQUIRE_MESSAGE(wrote.exitCode == 0, wrote.output);
    BOOST_TEST(contains(wrote.output, "2 residents without an NHS number"), wrote.output);
    std::ifstream in(pathFromUtf8(request));
    const std::string sent((std::istreambuf_iterator<char>(in)), {});
    BOOST_TEST(contains(sent, anwen.str() + ",,Rhys,Anwen,0,19480314,"), sent);  // sex not known
    // Never over a file already there.
    BOOST_TEST(cli("trace-request" + store + " --to '" + request + "'", pass).exitCode == 2);

    std::ofstream(pathFromUtf8(w.dir.file("reply.csv")))
        << "UNIQUE REFERENCE,REQ_NHS_NO,FAMILY_NAME,DATE_OF_BIRTH,MATCHED_NHS_NO\n"
        << anwen.str() << ",,RHYS,19480314," << testNhsNumber(50) << "\n"
        << huw.str() << ",,BEVAN,,\n";
    auto read = cli("trace-reply" + store + " --from '" + w.dir.file("reply.csv") + "'", pass);
    BOOST_REQUIRE_MESSAGE(read.exitCode == 0, read.output);
    BOOST_TEST(contains(read.output, "line 2  Rhys, Anwen  " +
                                         nmdt::formatNhsNumber(testNhsNumber(50)) + "  traced"),
               read.output);
    BOOST_TEST(contains(read.output, "line 3  Bevan, Huw  -  not found"), read.output);
    // Recording a number is a change to the record: not the administrator's.
    auto record =
        cli("trace-reply" + store + " --from '" + w.dir.file("reply.csv") + "' --record", pass);
    BOOST_TEST(record.exitCode == 1);
    BOOST_TEST(contains(record.output, "not-permitted"), record.output);
}

BOOST_AUTO_TEST_CASE(outcomes_are_recorded_imported_and_written_suppressed) {
    TempDir dir;
    const std::string store = "'" + dir.file("demo.nmdt") + "'";
    const std::string shared = "NMDT_PASSPHRASE='demo passphrase 2026'";
    BOOST_REQUIRE(cli("demo " + store, shared).exitCode == 0);
    for (const char* who : {"julie.clarke", "amina.rahman"})
        BOOST_REQUIRE(cli("set-passphrase " + store + " --as admin.office --for " + who,
                          shared + " NMDT_NEW_PASSPHRASE='their own passphrase 2026'")
                          .exitCode == 0);
    const std::string theirs = "NMDT_PASSPHRASE='their own passphrase 2026'";
    auto listed = cli("cases " + store + " --as julie.clarke --limit 1", theirs);
    const auto digitsAt = listed.output.find("999 ");
    BOOST_REQUIRE_MESSAGE(digitsAt != std::string::npos, listed.output);
    const std::string known = listed.output.substr(digitsAt, 12);

    // Service use: all or nothing, problems by line.
    const std::string header =
        "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n";
    std::ofstream(pathFromUtf8(dir.file("bad.csv"))) << header << known << ",2026-09,1,0,2\n"
                                                     << known << ",September,1,0,2\n";
    auto bad = cli(
        "service-use-import " + store + " --as julie.clarke --from '" + dir.file("bad.csv") + "'",
        theirs);
    BOOST_TEST(bad.exitCode == 1);
    BOOST_TEST(contains(bad.output, "line 3: date-invalid"), bad.output);
    std::ofstream(pathFromUtf8(dir.file("use.csv"))) << header << known << ",2026-09,1,0,2\n";
    auto good = cli(
        "service-use-import " + store + " --as julie.clarke --from '" + dir.file("use.csv") + "'",
        theirs);
    BOOST_REQUIRE_MESSAGE(good.exitCode == 0, good.output);
    BOOST_TEST(contains(good.output, "Imported 1 month for 1 resident."), good.output);

    // Wellbeing: the chair records a review; an answer out of range is refused.
    const std::string answers = " --life-satisfaction 7 --worthwhile 6 --happiness 6";
    auto refused =
        cli("wellbeing-record " + store + " --as amina.rahman --nhs-number " + known.substr(0, 3) +
                known.substr(4, 3) + known.substr(8, 4) + answers + " --anxiety 12",
            theirs);
    BOOST_TEST(refused.exitCode == 1);
    BOOST_TEST(contains(refused.output, "anxiety"), refused.output);
    auto recorded = cli("wellbeing-record " + store + " --as amina.rahman --nhs-number '" + known +
                            "'" + answers + " --anxiety 3 --occasion review",
                        theirs);
    BOOST_REQUIRE_MESSAGE(recorded.exitCode == 0, recorded.output);
    BOOST_TEST(contains(recorded.output, "Recorded the wellbeing score of"), recorded.output);

    auto report = cli("outcomes " + store + " --as amina.rahman --by sex --csv '" +
                          dir.file("out") + "' --measure-report '" + dir.file("icb.json") + "'",
                      theirs);
    BOOST_REQUIRE_MESSAGE(report.exitCode == 0, report.output);
    BOOST_TEST(contains(report.output, "Goal attainment at each month's end"), report.output);
    BOOST_TEST(contains(report.output, "Outcomes by sex"), report.output);
    const std::string csv = readBytes(dir.file("out/outcomes-by-sex.csv"));
    BOOST_TEST(csv.starts_with("Group,Residents,Goals,"), csv);
    for (const char* small : {",1,", ",2,", ",3,", ",4,"})
        BOOST_TEST(!contains(csv, small), small << " in " << csv);
    BOOST_TEST(contains(readBytes(dir.file("icb.json")), "\"MeasureReport\""));
    BOOST_TEST(cli("outcomes " + store + " --as amina.rahman --by postcode", theirs).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(reports_print_and_write_csv) {
    TempDir dir;
    std::string store = "'" + dir.file("demo.nmdt") + "'";
    BOOST_REQUIRE(cli("demo " + store + " --seed 3", kPass).exitCode == 0);
    auto report = cli("report " + store + " --csv '" + dir.file("csv") + "'", kPass);
    BOOST_TEST(report.exitCode == 0, report.output);
    BOOST_TEST(contains(report.output, "Open caseload by need domain"), report.output);
    BOOST_TEST(contains(report.output, "Days from referral to first MDT discussion"));
    std::string csv = readBytes(dir.file("csv/actions-by-status-and-organisation.csv"));
    BOOST_TEST(csv.starts_with("Organisation,Requested,Accepted,In progress,On hold,Completed,"));
    BOOST_TEST(contains(csv, "\r\nAll organisations,"), csv);
    BOOST_TEST(readBytes(dir.file("csv/overdue-actions-by-age.csv")).starts_with("Days overdue,"));
}

BOOST_AUTO_TEST_CASE(refuses_files_that_are_not_stores) {
    TempDir dir;
    std::ofstream(dir.file("notes.txt")) << "not a database";
    auto r = cli("check '" + dir.file("notes.txt") + "'", kPass);
    BOOST_TEST(r.exitCode == 3);
    BOOST_TEST(contains(r.output, "not a Neighbourhood MDT store"), r.output);
    BOOST_TEST(readBytes(dir.file("notes.txt")) == "not a database");
    auto missing = cli("cases '" + dir.file("nope.nmdt") + "'", kPass);
    BOOST_TEST(contains(missing.output, "no store at that path"), missing.output);
    auto usage = cli("frobnicate x");
    BOOST_TEST(usage.exitCode == 2);
    BOOST_TEST(contains(usage.output, "unknown command"));
}

BOOST_AUTO_TEST_SUITE_END()
