#include "commands.h"

#include "cli_support.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <stdexcept>

#include "case_finding_commands.h"
#include "demo/demo_data.h"
#include "fhir_commands.h"
#include "integration/fhir_patient.h"
#include "messages.h"
#include "model/action_service.h"
#include "model/history_compaction.h"
#include "model/nhs_number.h"
#include "model/session_service.h"
#include "model/utf8_path.h"
#include "outcome_commands.h"
#include "passphrase_input.h"
#include "people_commands.h"
#include "platform/console.h"
#include "report_command.h"
#include "storage/sqlcipher_store.h"
#include "sync_commands.h"

namespace nmdt::cli {

namespace {
using storage::SqlCipherStore;

const std::set<std::string> kCommands{
    "create", "demo",         "check",  "rekey",         "cases",   "overdue", "changes",
    "audit",  "fhir-patient", "backup", "verify-backup", "restore", "report",  "compact-history"};
const std::set<std::string> kValueOptions{"passphrase-file",
                                          "title",
                                          "map",
                                          "list",
                                          "decision",
                                          "as",
                                          "for",
                                          "ods",
                                          "kind",
                                          "name",
                                          "recovery-key-file",
                                          "new-passphrase-file",
                                          "backup-passphrase-file",
                                          "size",
                                          "seed",
                                          "search",
                                          "limit",
                                          "org",
                                          "after",
                                          "entity",
                                          "nhs-number",
                                          "event",
                                          "user",
                                          "to",
                                          "from",
                                          "hub",
                                          "team",
                                          "cert",
                                          "key",
                                          "ca",
                                          "invitation",
                                          "code",
                                          "batch",
                                          "meeting",
                                          "csv",
                                          "role",
                                          "username",
                                          "email",
                                          "phone",
                                          "registration",
                                          "keep-days",
                                          "by",
                                          "measure-report",
                                          "occasion",
                                          "date",
                                          "life-satisfaction",
                                          "worthwhile",
                                          "happiness",
                                          "anxiety"};
const std::set<std::string> kFlagOptions{"verify", "passphrase-per-person", "publish-snapshot",
                                         "no-reclaim", "record"};

std::string describeAudit(const AuditVerification& v);

Passphrase storePassphrase(const Invocation& inv) {
    return readPassphrase(inv.option("passphrase-file"), "NMDT_PASSPHRASE", "Store passphrase");
}

Passphrase newPassphrase(const Invocation& inv) {
    return readPassphrase(inv.option("new-passphrase-file"), "NMDT_NEW_PASSPHRASE",
                          "New passphrase");
}

std::size_t numberOption(const Invocation& inv, const std::string& name, std::size_t fallback) {
    auto v = inv.option(name);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        unsigned long long n = std::stoull(*v, &used);
        if (used != v->size())
            throw std::invalid_argument(*v);
        return static_cast<std::size_t>(n);
    } catch (const std::exception&) {
        throw std::invalid_argument("--" + name + " needs a whole number, not '" + *v + "'");
    }
}

/// The session commands as the command line's user.
SessionService session(SqlCipherStore& store) {
    static SystemClock clock;
    static NoIdSource noIds;
    return SessionService(ServiceContext{store, clock, noIds, cliActor()}, store);
}

int create(const Invocation& inv, std::ostream& out) {
    Passphrase p = storePassphrase(inv);
    requireAcceptable(p);
    auto store = SqlCipherStore::create(inv.store, p);
    out << "Created encrypted store " << inv.store << " (site " << store->siteId() << ")\n";
    return kOk;
}

int demo(const Invocation& inv, std::ostream& out, std::ostream& err) {
    std::string size = inv.option("size").value_or("small");
    if (size != "small" && size != "medium" && size != "large")
        throw std::invalid_argument("--size is small, medium or large");
    Passphrase p = inv.option("passphrase-per-person") ? Passphrase() : storePassphrase(inv);
    SystemClock clock;
    auto started = std::chrono::steady_clock::now();
    int lastPercent = -1;
    demo::DemoSummary summary;
    auto generate = [&](Store& store) {
        summary = demo::generateDemoData(
            store, clock,
            size == "large"    ? demo::DemoSize::large()
            : size == "medium" ? demo::DemoSize::medium()
                               : demo::DemoSize::small(),
            numberOption(inv, "seed", 1), [&](std::size_t done, std::size_t total) {
                int percent = static_cast<int>(100 * done / total);
                if (percent / 5 != lastPercent / 5) {
                    err << "\rGenerating demo data: " << percent << "%" << std::flush;
                    lastPercent = percent;
                }
            });
    };
    if (inv.option("passphrase-per-person")) {
        // Each demo person signs in with their own published passphrase; the store is
        // filled and every slot made before it appears.
        if (std::filesystem::exists(pathFromUtf8(inv.store)))
            throw std::invalid_argument("a per-person demo store is made new; " + inv.store +
                                        " already exists");
        storage::SqlCipherStoreProvider provider;
        Professional admin;
        admin.username = "admin.office";
        auto in = provider.create(
            inv.store, {admin.username, Passphrase(demo::demoPassphraseFor(admin))},
            [&](OpenStore& store) {
                generate(store);
                err << "\rGenerating demo data: done.   \n"
                    << "Giving each demo person their own passphrase..." << std::flush;
                for (const auto& person : store.professionals())
                    if (person.username == admin.username)
                        return person.id;
                throw std::logic_error("the demo has no administrator called admin.office");
            },
            [](const Professional& person) {
                return std::optional<Passphrase>(Passphrase(demo::demoPassphraseFor(person)));
            });
        err << " done.\n";
        out << "Each demo person signs in with their username and their own passphrase:\n";
        for (const auto& person : in.store->professionals())
            out << "  " << person.username << "  '" << demo::demoPassphraseFor(person) << "'  ("
                << person.name << ")\n";
        out << "Recovery key: " << *in.newRecoveryKey << "\n";
    } else if (std::filesystem::exists(pathFromUtf8(inv.store))) {
        auto store = SqlCipherStore::open(inv.store, p);
        if (store->caseCount() > 0)
            throw std::invalid_argument(
                "the store already holds cases; demo data goes into a new or empty store");
        generate(*store);
    } else {
        // Generated before the store is moved into place: stopped part way, it leaves nothing.
        requireAcceptable(p);
        SqlCipherStore::create(inv.store, p, [&](SqlCipherStore& store) {
            store.writeInBulk();
            generate(store);
        });
    }
    if (!inv.option("passphrase-per-person"))
        err << "\rGenerating demo data: done.   \n";
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "Demo neighbourhood written to " << inv.store << " in " << std::fixed
        << std::setprecision(1) << seconds << " s:\n"
        << "  " << summary.organisations << " organisations, " << summary.professionals
        << " professionals\n"
        << "  " << summary.cases << " cases, " << summary.carePlans << " care plan versions\n"
        << "  " << summary.actions << " actions (" << summary.overdueActions << " overdue)\n"
        << "  " << summary.meetings << " meetings\n";
    return kOk;
}

int check(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto report = store->checkIntegrity();
    auto trail = store->verifyAudit();
    if (!trail.intact)
        report.problems.push_back(describeAudit(trail));
    report.ok = report.ok && trail.intact;
    if (report.ok) {
        out << "ok: " << inv.store << " passed the integrity check (schema version "
            << store->schemaVersion() << ", " << store->caseCount() << " cases)\n";
        return kOk;
    }
    out << "FAILED: " << report.problems.size() << " problem(s)\n";
    for (const auto& p : report.problems)
        out << "  " << p << "\n";
    return kFailed;
}

int rekey(const Invocation& inv, std::ostream& out) {
    const Passphrase current = storePassphrase(inv);
    auto store = openStore(inv, &current);
    Passphrase next = newPassphrase(inv);
    session(*store).changePassphrase(current, next);
    out << "Passphrase changed for " << inv.store << "\n";
    return kOk;
}

int cases(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    std::size_t limit = numberOption(inv, "limit", 50);
    auto rows = inv.option("search") ? store->searchCases(*inv.option("search"), limit)
                                     : store->casePage(0, limit);
    out << std::left << std::setw(14) << "NHS number" << std::setw(11) << "Born" << std::setw(9)
        << "Status"
        << "Name\n";
    for (const auto& c : rows)
        out << std::setw(14) << formatNhsNumber(c.nhsNumber) << std::setw(11)
            << toIsoDate(c.dateOfBirth) << std::setw(9) << codeOf(c.status) << c.familyName << ", "
            << c.givenName << "\n";
    out << rows.size() << " of " << store->caseCount() << " cases\n";
    return kOk;
}

int overdue(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    std::optional<OrganisationId> org;
    if (auto wanted = inv.option("org")) {
        for (const auto& o : store->organisations())
            if (o.id.str() == *wanted || o.name == *wanted)
                org = o.id;
        if (!org)
            throw std::invalid_argument("no organisation is called or has the id '" + *wanted +
                                        "'");
    }
    SystemClock clock;
    SeededIdSource ids(0);
    ActionService actions(ServiceContext{*store, clock, ids, cliActor()});
    std::size_t limit = numberOption(inv, "limit", 50);
    Date today = clock.today();
    auto rows = actions.overdue(org, limit);
    out << std::left << std::setw(12) << "Due" << std::setw(8) << "Days" << std::setw(14)
        << "Status"
        << "Action\n";
    for (const auto& a : rows)
        out << std::setw(12) << toIsoDate(*a.dueDate) << std::setw(8)
            << daysBetween(*a.dueDate, today) << std::setw(14) << codeOf(a.status) << a.title
            << "\n";
    out << rows.size() << " shown; " << actions.overdueCount(org) << " overdue in all\n";
    return kOk;
}

int changes(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    ChangeLogQuery q;
    q.afterSequence = static_cast<std::int64_t>(numberOption(inv, "after", 0));
    q.limit = numberOption(inv, "limit", 50);
    q.entityId = inv.option("entity");
    auto entries = store->changeLog(q);
    for (const auto& e : entries) {
        out << e.sequence << "  " << encodeHlc(e.hlc) << "  site " << e.siteId.substr(0, 8) << "  "
            << entityKindName(e.kind) << " " << e.entityId << "  "
            << (e.op == ChangeOp::Create ? "create" : "update") << "  " << e.intent << "  by "
            << e.userName << " (" << e.role << ")  fields:";
        for (const auto& f : e.fields)
            out << " " << f.name;
        out << "\n";
    }
    out << entries.size() << " change(s)\n";
    return kOk;
}
/// Words for a broken audit chain, shared by `check` and `audit --verify`.
std::string describeAudit(const AuditVerification& v) {
    if (v.intact)
        return "audit trail intact (" + std::to_string(v.checked) + " entries checked)";
    return "AUDIT TRAIL TAMPERED WITH: " + v.reason + " at entry " +
           std::to_string(v.firstBrokenSequence.value_or(0)) + " (" + std::to_string(v.checked) +
           " entries before it are intact)";
}

int audit(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    if (inv.options.count("verify")) {
        auto result = store->verifyAudit();
        out << describeAudit(result) << "\n";
        return result.intact ? kOk : kFailed;
    }
    AuditQuery q;
    q.limit = numberOption(inv, "limit", 50);
    q.afterSequence = static_cast<std::int64_t>(numberOption(inv, "after", 0));
    if (auto e = inv.option("event")) {
        q.kind = fromCode<AuditEventKind>(*e);
        if (!q.kind)
            throw std::invalid_argument("unknown --event '" + *e + "'");
    }
    q.userId = inv.option("user");
    auto entries = store->auditTrail(q);
    for (const auto& e : entries)
        out << e.sequence << "  " << toIsoTimestamp(e.at) << "  " << codeOf(e.kind) << "  "
            << e.subject << "  " << e.detail << "  by " << e.userName << " (" << e.role << ")\n";
    out << entries.size() << (entries.size() == 1 ? " entry" : " entries") << "\n";
    return kOk;
}

Passphrase backupPassphrase(const Invocation& inv) {
    return readPassphrase(inv.option("backup-passphrase-file"), "NMDT_BACKUP_PASSPHRASE",
                          "Backup passphrase");
}

std::string describeManifest(const SqlCipherStore::BackupManifest& m) {
    return "taken " + m.createdAt + " from site " + m.siteId.substr(0, 8) + ": " +
           std::to_string(m.cases) + " cases, " + std::to_string(m.actions) + " actions, " +
           std::to_string(m.auditEntries) + " audit entries, schema version " +
           std::to_string(m.schemaVersion);
}

int backup(const Invocation& inv, std::ostream& out) {
    auto to = inv.option("to");
    if (!to)
        throw std::invalid_argument("backup needs --to FILE");
    if (std::filesystem::exists(pathFromUtf8(*to)))
        throw std::invalid_argument("a file already exists at " + *to + "; choose a new name");
    auto store = openStore(inv);
    Passphrase key = backupPassphrase(inv);
    session(*store).backup(*to, key);
    auto manifest = SqlCipherStore::verifyBackup(*to, key);
    out << "Backup written and checked: " << *to << "\n  " << describeManifest(manifest) << "\n";
    return kOk;
}

int verifyBackupFile(const Invocation& inv, std::ostream& out) {
    auto manifest =
        SqlCipherStore::verifyBackup(inv.store, backupPassphrase(inv));  // before any output
    out << "ok: " << inv.store << " is a whole backup, " << describeManifest(manifest) << "\n";
    return kOk;
}

int restore(const Invocation& inv, std::ostream& out) {
    auto from = inv.option("from");
    if (!from)
        throw std::invalid_argument("restore needs --from BACKUP");
    Passphrase key = backupPassphrase(inv);
    Passphrase storeKey = storePassphrase(inv);
    std::optional<std::string> user = inv.option("as");
    if (!user)
        if (const char* env = std::getenv("NMDT_USER"); env && *env)
            user = env;
    storage::SqlCipherStoreProvider provider;
    auto manifest =
        provider.restoreBackup(*from, key, inv.store, Credentials{user.value_or(""), storeKey});
    session(*openStore(inv, &storeKey)).restored(*from);
    out << "Restored " << inv.store << " from " << *from << "\n  " << describeManifest(manifest)
        << "\n  The store it replaced is kept as " << inv.store << ".before-restore\n";
    return kOk;
}

int fhirPatient(const Invocation& inv, std::ostream& out) {
    auto wanted = inv.option("nhs-number");
    if (!wanted)
        throw std::invalid_argument("fhir-patient needs --nhs-number");
    NhsNumber number = NhsNumber::parse(*wanted);  // a DomainError says what is wrong with it
    auto store = openStore(inv);
    auto found = store->caseByNhsNumber(number.digits());
    if (!found)
        throw std::invalid_argument("no case has NHS number " + number.formatted());
    out << integration::patientResourceJson(*found) << "\n";
    return kOk;
}
int compactHistoryCommand(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    const auto keepDays = numberOption(inv, "keep-days", kDefaultHistoryDays);
    SystemClock clock;
    SeededIdSource ids(0);
    HistoryCompaction done;
    try {
        done = compactHistory(ServiceContext{*store, clock, ids, cliActor()}, *store,
                              static_cast<int>(std::min<std::size_t>(keepDays, 100000)), {});
    } catch (const DomainError& e) {
        if (!e.has(ErrorCode::ValueOutOfRange))
            throw;
        throw std::invalid_argument("--keep-days is at least " + std::to_string(kLeastHistoryDays) +
                                    ": every change's values are kept that long");
    }
    out << "Removed " << done.removed << " change-log entries from before "
        << toIsoDate(dateOf(done.olderThan))
        << " that the hub holds (records and the audit trail are unchanged).\n";
    if (!inv.option("no-reclaim")) {
        store->reclaimFreeSpace();
        out << "The space they took was given back to the disk.\n";
    }
    return kOk;
}
}  // namespace

Actor cliActor() {
    if (auto person = signedInActor())
        return *person;
    const auto user = console::userName();
    return Actor{ProfessionalId("nmdt-cli"),
                 std::string("nmdt-cli (") + user.value_or("unknown") + ")", Role::Administrator,
                 OrganisationId()};
}

std::optional<std::string> Invocation::option(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end())
        return std::nullopt;
    return it->second;
}

Invocation parseArguments(const std::vector<std::string>& args) {
    if (args.empty())
        throw std::invalid_argument("no command given");
    Invocation inv;
    inv.command = args[0];
    if (!kCommands.count(inv.command) && !syncCommands().count(inv.command) &&
        !fhirCommands().count(inv.command) && !peopleCommands().count(inv.command) &&
        !caseFindingCommands().count(inv.command) && !outcomeCommands().count(inv.command))
        throw std::invalid_argument("unknown command '" + inv.command + "'");
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.starts_with("--")) {
            std::string name = a.substr(2);
            if (name == "passphrase" || name == "password")
                throw std::invalid_argument(
                    "passphrases are never taken on the command line (ps shows them); use "
                    "--passphrase-file, NMDT_PASSPHRASE or the prompt");
            if (kFlagOptions.count(name)) {
                inv.options[name] = "";
                continue;
            }
            if (!kValueOptions.count(name))
                throw std::invalid_argument("unknown option " + a);
            if (i + 1 >= args.size())
                throw std::invalid_argument(a + " needs a value");
            inv.options[name] = args[++i];
        } else if (inv.store.empty()) {
            inv.store = a;
        } else {
            throw std::invalid_argument("unexpected argument '" + a + "'");
        }
    }
    if (inv.store.empty())
        throw std::invalid_argument("which store? give its path after the command");
    return inv;
}

void printUsage(std::ostream& out) {
    out << "Usage: nmdt-cli COMMAND STORE [options]\n\n"
           "Commands:\n"
           "  create   create a new encrypted store\n"
           "  demo     fill a new store with a demo neighbourhood (--size small|medium|large, "
           "--seed N);\n"
           "           --passphrase-per-person gives each demo person their own published\n"
           "           passphrase (listed) instead of one store passphrase\n"
           "  check    run the integrity check (exit 1 if it fails)\n"
           "  rekey    change the passphrase (new one from --new-passphrase-file, "
           "NMDT_NEW_PASSPHRASE or prompt)\n"
           "  cases    list cases in name order, or --search NAME-OR-NHS-NUMBER (--limit N)\n"
           "  overdue  list overdue actions, optionally for one --org NAME-OR-ID (--limit N)\n"
           "  report   caseload by need domain, actions by status and organisation, overdue by "
           "age,\n"
           "           days from referral to first MDT discussion (--csv DIR writes CSV files)\n"
           "  changes  show the change log (--after SEQUENCE, --entity ID, --limit N)\n"
           "  compact-history  let go of change-log entries older than --keep-days N (365; at\n"
           "           least 90) that the hub holds, then give the space back (--no-reclaim\n"
           "           leaves the file as it is); administrators only\n"
           "  fhir-patient  print a resident as a FHIR UK Core Patient (--nhs-number NUMBER)\n"
           "  fhir-export   write a case as a FHIR R4 Bundle: --nhs-number NUMBER --to FILE\n"
           "  fhir-import   take in a case Bundle (--from FILE), matched on NHS number; all or "
           "nothing\n"
           "  fhir-meeting  write a meeting's outcomes as a Bundle: --meeting ID-OR-DATE --to "
           "FILE\n"
           "  fhir-audit    write the audit trail as FHIR AuditEvents: --to FILE (--after N, "
           "--limit N)\n"
           "  audit    list the audit trail (--event CODE, --user ID, --after N, --limit N);\n"
           "           --verify checks the whole hash chain (exit 1 if it was tampered with)\n"
           "  backup   write an encrypted, checked backup: --to FILE (its own passphrase from\n"
           "           --backup-passphrase-file, NMDT_BACKUP_PASSPHRASE or a prompt)\n"
           "  verify-backup  check that a backup (given in place of STORE) is whole and readable\n"
           "  restore  replace STORE with --from BACKUP after checking it; the old store is "
           "kept\n\n"
           "People and sign-in (stores with key slots: sign in with --as USERNAME or NMDT_USER):\n"
           "  set-up          a new, empty store: --org NAME --kind KIND --ods CODE --name "
           "FULL-NAME\n"
           "                  --as USERNAME (you, its first administrator); prints its recovery "
           "key\n"
           "  set-passphrase  let --for USERNAME sign in here, or reset their passphrase (new one\n"
           "                  from --new-passphrase-file, NMDT_NEW_PASSPHRASE or a prompt)\n"
           "  people          list the directory: username, role, organisation, who signs in here\n"
           "  add-person      a person in your organisation: --name FULL-NAME --role ROLE\n"
           "                  (--username U --email E --phone P --registration R); then\n"
           "                  set-passphrase lets them sign in here\n"
           "  add-organisation  a partner organisation: --name NAME --kind KIND (--ods CODE)\n"
           "  leaver          --for USERNAME leaves; their open actions and cases pass to --to\n"
           "  recover         the recovery key (--recovery-key-file, NMDT_RECOVERY_KEY or prompt)\n"
           "                  gives administrator --as a new passphrase; prints a new recovery "
           "key\n\n"
           "Sync with partner organisations (see docs/sync.md):\n"
           "  sync-start-team  start a team on this desktop: --hub URL --team NAME\n"
           "                   --cert FILE --key FILE --ca FILE (this desktop's certificate)\n"
           "  sync-invite      write an invitation for a partner desktop: --to FILE (prints a "
           "code)\n"
           "  sync-join        join with --invitation FILE --code CODE --cert FILE --key FILE --ca "
           "FILE\n"
           "  sync             send this desktop's changes and receive partners' (--batch N: "
           "changes\n"
           "                   per request and envelopes per page, default 500 and 200;\n"
           "                   --publish-snapshot: then publish this organisation's current\n"
           "                   records for its new desktops to join from)\n"
           "  sync-status      last successful sync, changes waiting, conflicts, problems\n"
           "  sync-rotate-key  start using a new team key (after a partner leaves)\n"
           "  conflicts        list values that lost to a concurrent edit, for a person to settle\n"
           "  organisations    list the organisations and their ids (for certificates)\n\n"
           "Case finding (a GP practice's staff; lists stay on this desktop and are never "
           "synced):\n"
           "  case-finding-import  import a search export: --from FILE.csv (--title TEXT,\n"
           "                       --map 'nhs_number=NHS No;date_of_birth=DOB;...' where the\n"
           "                       headers are not the usual ones); all or nothing, problems by "
           "line\n"
           "  case-finding-lists   your practice's lists: people, known, not yet screened\n"
           "  case-finding-show    --list ID (--decision pending|referred|review-later|\n"
           "                       not-suitable|objected): the people, known cases, risk "
           "columns\n"
           "  trace-request  residents referred without an NHS number, as a PDS MESH trace "
           "request: --to FILE\n"
           "  trace-reply    read the partner's reply (--from FILE): what each row means; "
           "--record\n"
           "                 records the numbers found for no one else here\n\n"
           "Outcomes (counts under 5 suppressed in every file written):\n"
           "  outcomes  goal attainment over time, wellbeing change, service use before and\n"
           "            after the MDT (--by practice|age-band|sex|need-domain; --csv DIR;\n"
           "            --measure-report FILE writes a FHIR MeasureReport for the ICB)\n"
           "  wellbeing-record  a resident's ONS4 score: --nhs-number N --life-satisfaction 0-10\n"
           "            --worthwhile 0-10 --happiness 0-10 --anxiety 0-10 (--occasion referral|\n"
           "            review, --date YYYY-MM-DD: today)\n"
           "  service-use-import  a practice's monthly service use: --from FILE.csv (NHS number,\n"
           "            month, A&E attendances, emergency admissions, GP contacts); all or\n"
           "            nothing, problems by line; kept on this desktop only\n\n"
           "The passphrase comes from --passphrase-file FILE, the NMDT_PASSPHRASE environment "
           "variable,\n"
           "or a prompt on the terminal; never from the command line.\n";
}

int run(const Invocation& inv, std::ostream& out, std::ostream& err) {
    try {
        if (inv.command == "create")
            return create(inv, out);
        if (inv.command == "demo")
            return demo(inv, out, err);
        if (inv.command == "check")
            return check(inv, out);
        if (inv.command == "rekey")
            return rekey(inv, out);
        if (inv.command == "cases")
            return cases(inv, out);
        if (inv.command == "overdue")
            return overdue(inv, out);
        if (inv.command == "changes")
            return changes(inv, out);
        if (inv.command == "fhir-patient")
            return fhirPatient(inv, out);
        if (inv.command == "audit")
            return audit(inv, out);
        if (inv.command == "backup")
            return backup(inv, out);
        if (inv.command == "verify-backup")
            return verifyBackupFile(inv, out);
        if (inv.command == "restore")
            return restore(inv, out);
        if (inv.command == "report")
            return runReportCommand(inv, out);
        if (inv.command == "compact-history")
            return compactHistoryCommand(inv, out);
        if (syncCommands().count(inv.command))
            return runSyncCommand(inv, out, err);
        if (fhirCommands().count(inv.command))
            return runFhirCommand(inv, out);
        if (peopleCommands().count(inv.command))
            return runPeopleCommand(inv, out);
        if (caseFindingCommands().count(inv.command))
            return runCaseFindingCommand(inv, out);
        if (outcomeCommands().count(inv.command))
            return runOutcomeCommand(inv, out);
    } catch (const StoreError& e) {
        err << "nmdt-cli: " << describe(e) << "\n";
        return kStoreRefused;
    } catch (const DomainError& e) {
        err << "nmdt-cli: " << describe(e) << "\n";
        return kFailed;
    } catch (const PassphraseRejected& e) {
        err << "nmdt-cli: " << describe(e.verdict()) << "\n";
        return kUsage;
    } catch (const std::invalid_argument& e) {
        err << "nmdt-cli: " << e.what() << "\n";
        return kUsage;
    } catch (const std::exception& e) {
        err << "nmdt-cli: " << e.what() << "\n";
        return kFailed;
    }
    return kUsage;
}

}  // namespace nmdt::cli
