// Attacks and mistakes at the hub and between partners: each refused with a clear reason,
// nothing stored, and no patient data in the hub's files.
#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "integration/hub_server.h"
#include "integration/invitation.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "storage/envelope_log.h"
#include "sync_fixture.h"
#ifdef NMDT_TEST_POSTGRESQL
#include "test_postgres.h"
#endif

using namespace nmdt;
using namespace nmdt::test;

namespace {

void requireSynced(const SyncReport& r) {
    BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : std::string()));
}

std::int64_t hubEnvelopes(const HubProcess& hub) {
    return hub.openLog()->envelopeCount();
}

/// Runs openssl s_client against the hub with `args`, sending `request`; returns its output.
std::string sClient(const HubProcess& hub, const std::string& args, const std::string& request) {
    TempDir dir;
    std::ofstream(dir.file("req")) << request;
    const std::string cmd =
        "openssl s_client -quiet -connect 127.0.0.1:" + std::to_string(hub.port()) + " -CAfile " +
        TestPki::instance().ca() + " " + args + " < " + dir.file("req") + " 2>&1; true";
    return runCommand("timeout 10 sh -c '" + cmd + "'");
}

std::string clientCert(int site) {
    const auto& pki = TestPki::instance();
    return "-cert " + pki.cert("site" + std::to_string(site)) + " -key " +
           pki.key("site" + std::to_string(site));
}

const std::string kHealth =
    "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

/// A hub, a team, a practice desktop with one shared case, and a VCFSE desktop.
struct Partners {
    HubProcess hub;
    integration::SyncCredentials team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    Desktop vcfse{1, hub, team};
    CaseId shared;

    explicit Partners(HubProcess::Limits limits = {}) : hub(limits) {
        people.writeTo(practice);
        CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
        shared = cases.refer({resident("Gwyneth", "Quixley", testNhsNumber(41)),
                              people.gp,
                              kPractice,
                              "carer strain",
                              day(2026, 11, 2),
                              {}});
        cases.recordConsent(shared, kVcfse, ConsentDecision::Permit);
        requireSynced(practice.sync());
        requireSynced(vcfse.sync());
    }
};

/// A client certificate from the test CA for `subject` (openssl's "/CN=../O=.." form): its
/// certificate and key files, in `dir`.
std::pair<std::string, std::string> issueCertificate(const TempDir& dir, const std::string& name,
                                                     const std::string& subject) {
    const std::string ca = TestPki::instance().ca();
    const std::string caKey = ca.substr(0, ca.size() - 4) + ".key";
    const std::string cert = dir.file(name + ".pem"), key = dir.file(name + ".key");
    runCommand("openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout '" + key + "' -out '" +
               dir.file(name + ".csr") + "' -subj '" + subject + "' 2>&1");
    {
        std::ofstream ext(dir.file(name + ".ext"));
        ext << "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
               "extendedKeyUsage=clientAuth\n";
    }
    runCommand("openssl x509 -req -in '" + dir.file(name + ".csr") + "' -CA '" + ca + "' -CAkey '" +
               caKey + "' -CAcreateserial -CAserial '" + dir.file("ca.srl") +
               "' -days 30 -sha256 -extfile '" + dir.file(name + ".ext") + "' -out '" + cert +
               "' 2>&1");
    return {cert, key};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_security)

// An administrator on Windows types C:\hub\new\hub.pem into the properties file, where "\n"
// is a line break: the hub refuses to start and says what to write, never serving with a
// mangled path.
BOOST_AUTO_TEST_CASE(a_windows_path_mangled_by_a_backslash_escape_is_refused_in_words) {
    TempDir dir;
    std::ofstream(dir.file("hub.properties"))
        << "hub.host=127.0.0.1\nhub.port=0\nhub.certificate=C:\\hub\\new\\hub.pem\n"
        << "hub.privateKey=k\nhub.ca=c\nhub.dataDirectory=d\n";
    auto run = runProgram(NMDT_HUB_PATH, {"--config=" + dir.file("hub.properties")});
    BOOST_TEST(run.exitCode != 0);
    BOOST_TEST(run.output.find("forward slashes") != std::string::npos, run.output);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(tls_1_2_with_a_neighbourhood_certificate_is_answered,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    HubProcess hub;
    auto out = sClient(hub, clientCert(0) + " -tls1_2", kHealth);
    BOOST_TEST(out.find("200 OK") != std::string::npos, out);
    BOOST_TEST(out.find("\"status\":\"ok\"") != std::string::npos, out);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_connection_without_a_client_certificate_is_refused,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    HubProcess hub;
    auto out = sClient(hub, "-tls1_2", kHealth);
    BOOST_TEST(out.find("200 OK") == std::string::npos, out);
    BOOST_TEST(out.find("alert") != std::string::npos, out);
    BOOST_TEST(hubEnvelopes(hub) == 0);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(tls_1_1_is_refused,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    HubProcess hub;
    // SECLEVEL=0 lets this openssl offer TLS 1.1 at all: the refusal must be the hub's.
    auto out = sClient(hub, clientCert(0) + " -tls1_1 -cipher DEFAULT@SECLEVEL=0", kHealth);
    BOOST_TEST(out.find("200 OK") == std::string::npos, out);
    BOOST_TEST((out.find("protocol version") != std::string::npos ||
                out.find("alert") != std::string::npos),
               out);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_certificate_from_another_ca_is_refused_and_nothing_is_stored,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    Partners p;
    const auto before = hubEnvelopes(p.hub);
    Desktop intruder{2, p.hub, p.team};
    intruder.credentials.certificateFile = TestPki::instance().intruderCert();
    intruder.credentials.privateKeyFile = TestPki::instance().intruderKey();
    BOOST_CHECK_EXCEPTION(intruder.sync(), SyncError, [](const SyncError& e) {
        // The desktop's own check: its certificate is not from the neighbourhood's CA.
        return e.kind() == SyncError::Kind::Untrusted &&
               std::string(e.what()).find("not issued by this neighbourhood's CA") !=
                   std::string::npos;
    });
    // Even with its own CA file the hub refuses the handshake.
    auto out = sClient(p.hub,
                       "-cert " + TestPki::instance().intruderCert() + " -key " +
                           TestPki::instance().intruderKey() + " -tls1_2",
                       kHealth);
    BOOST_TEST(out.find("200 OK") == std::string::npos, out);
    BOOST_TEST(hubEnvelopes(p.hub) == before);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_withdrawn_certificate_is_refused_with_its_reason,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    // Pasted exactly as openssl prints it ("sha256 Fingerprint=AB:CD:..."), upper case and
    // colons and all: it must still match (it used to be compared as lower-case text and
    // silently revoke nothing).
    auto fingerprint = runCommand("openssl x509 -noout -fingerprint -sha256 -in " +
                                  TestPki::instance().cert("site2"));
    while (!fingerprint.empty() && std::isspace(static_cast<unsigned char>(fingerprint.back())))
        fingerprint.pop_back();
    BOOST_TEST_REQUIRE(fingerprint.find(':') != std::string::npos, fingerprint);
    HubProcess::Limits limits;
    limits.revoked = fingerprint;
    Partners p(limits);
    Desktop leaver{2, p.hub, p.team};
    auto r = leaver.sync();
    BOOST_TEST(!r.completed);
    BOOST_REQUIRE(r.problem);
    BOOST_TEST(r.problem->message.find("withdrawn") != std::string::npos, r.problem->message);

    // Answered before a byte of its body is read: a push that announces a megabyte and
    // sends none of it is refused at once, not held open waiting for it.
    auto out = sClient(p.hub, clientCert(2) + " -tls1_2",
                       "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                       "application/json\r\nContent-Length: 1000000\r\n\r\n");
    BOOST_TEST(out.find("403") != std::string::npos, out);
    BOOST_TEST(out.find("withdrawn") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(the_hubs_files_are_its_owners_alone,
                     *boost::unit_test::precondition(OnlyWhere{
                         kPosixPermissions, "Windows keeps access in ACLs, not mode bits"})) {
    Partners p;  // the hub has taken pushes from two desktops
    namespace fs = std::filesystem;
    const auto others = fs::perms::group_all | fs::perms::others_all;
    BOOST_TEST(((fs::status(p.hub.dataDir()).permissions() & others) == fs::perms::none));
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(p.hub.dataDir())) {
        ++files;
        BOOST_TEST(((entry.status().permissions() & others) == fs::perms::none),
                   entry.path().string());
    }
    BOOST_TEST(files >= 1u);
}

BOOST_AUTO_TEST_CASE(a_revocation_the_hub_cannot_read_stops_it_starting) {
    // A typo, a truncated paste or a SHA-1 fingerprint would match no one and leave the
    // leaver connected; the hub refuses its configuration instead, saying which entry.
    const std::vector<std::string> unreadable{
        "3f:a1:0c", "sha1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
        std::string(63, 'a') + "g"};
    for (const auto& bad : unreadable) {
        HubProcess::Limits limits;
        limits.revoked = bad;
        try {
            HubProcess hub(limits);
            BOOST_FAIL("the hub started with hub.revoked=" + bad);
        } catch (const std::runtime_error& e) {
            const std::string said = e.what();
            BOOST_TEST(said.find("hub.revoked") != std::string::npos, said);
            BOOST_TEST(said.find("not a SHA-256 certificate fingerprint") != std::string::npos,
                       said);
        }
    }
    BOOST_TEST(*integration::canonicalFingerprint(" SHA256 Fingerprint=" + std::string(64, 'A')) ==
               std::string(64, 'a'));
    BOOST_TEST(!integration::canonicalFingerprint("").has_value());
}

// Issues a certificate with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_name_holding_another_organisation_does_not_pass_as_it,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    Partners p;
    // The trusted CA issues a VCFSE desktop a certificate whose common name reads
    // "spoof,O=org-practice": its subject text then holds "O=org-practice" first.
    TempDir made;
    const auto [cert, key] =
        issueCertificate(made, "spoof", "/CN=spoof,O=" + kPractice.str() + "/O=" + kVcfse.str());
    Desktop spoof{4, p.hub, p.team};
    spoof.credentials.certificateFile = cert;
    spoof.credentials.privateKeyFile = key;

    // It sends a directory change in the practice administrator's name.
    ChangeSet claim("add-organisation");
    claim.create(EntityKind::Organisation, "org-claimed",
                 {{"name", std::string("Claimed Partner")}, {"kind", std::string("vcfse")}});
    spoof.store->commit(claim, Actor{p.people.admin, "Pat Admin", Role::Administrator, kPractice});
    requireSynced(spoof.sync());

    auto r = p.practice.sync();
    BOOST_TEST(r.applied.refused >= 1u);
    BOOST_TEST(!p.practice.store->organisation(OrganisationId("org-claimed")).has_value());
    auto problems = p.practice.store->syncProblems(10);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.message.find("signed by a desktop of organisation org-vcfse") != std::string::npos;
    }));
}

// Issues a short-lived certificate with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(history_signed_by_a_certificate_that_has_since_expired_stays_readable,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    Partners p;
    // A VCFSE desktop whose certificate runs out a few seconds from now.
    TempDir made;
    const std::string dir = made.path().string();
    const std::string ca = TestPki::instance().ca();
    const std::string caKey = ca.substr(0, ca.size() - 4) + ".key";
    {
        std::ofstream(made.file("index.txt"));
        std::ofstream(made.file("serial")) << "1000\n";
        std::ofstream cnf(made.file("ca.cnf"));
        cnf << "[ ca ]\ndefault_ca = short\n[ short ]\ndatabase = " << made.file("index.txt")
            << "\nserial = " << made.file("serial") << "\nnew_certs_dir = " << dir
            << "\ndefault_md = sha256\npolicy = any\nunique_subject = no\n"
               "[ any ]\ncommonName = supplied\norganizationName = supplied\n"
               "[ client ]\nbasicConstraints = CA:FALSE\n"
               "keyUsage = digitalSignature,keyEncipherment\nextendedKeyUsage = clientAuth\n";
    }
    auto utc = [](std::chrono::seconds from) {
        auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from);
        char text[32];
        std::strftime(text, sizeof text, "%Y%m%d%H%M%SZ", std::gmtime(&t));
        return std::string(text);
    };
    const std::string cert = made.file("short.pem"), key = made.file("short.key");
    runCommand("openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout '" + key + "' -out '" +
               made.file("short.csr") + "' -subj '/CN=site4/O=" + kVcfse.str() + "' 2>&1");
    runCommand("openssl ca -batch -config '" + made.file("ca.cnf") + "' -cert '" + ca +
               "' -keyfile '" + caKey + "' -in '" + made.file("short.csr") + "' -out '" + cert +
               "' -startdate " + utc(-std::chrono::hours(1)) + " -enddate " +
               utc(std::chrono::seconds(12)) + " -extensions client -notext 2>&1");
    Desktop brief{4, p.hub, p.team};
    brief.credentials.certificateFile = cert;
    brief.credentials.privateKeyFile = key;
    ChangeSet introduce("add-organisation");
    introduce.create(
        EntityKind::Organisation, "org-introduced",
        {{"name", std::string("Introduced While Valid")}, {"kind", std::string("vcfse")}});
    brief.store->commit(
        introduce, Actor{ProfessionalId("vcfse-admin"), "Val Admin", Role::Administrator, kVcfse});
    requireSynced(brief.sync());

    // Once it has expired, a partner reading the history still accepts what it signed.
    std::this_thread::sleep_for(std::chrono::seconds(14));
    auto r = p.practice.sync();
    BOOST_TEST(r.completed);
    BOOST_TEST(p.practice.store->organisation(OrganisationId("org-introduced")).has_value());
    // And it can no longer send anything new: its own certificate is refused at once.
    BOOST_CHECK_THROW(brief.sync(), SyncError);
}

BOOST_AUTO_TEST_CASE(an_envelope_sealed_with_a_wrong_team_key_is_refused_by_every_reader) {
    Partners p;
    auto wrongTeam = p.team;
    wrongTeam.keys[wrongTeam.keyId] = std::string(32, 'x');  // same key id, wrong key
    Desktop stranger{3, p.hub, wrongTeam};
    CaseService cases(stranger.as(p.people.gp, Role::Clinician, kPractice));
    stranger.store->commit(
        [&] {
            ChangeSet c("test-directory-copy");
            c.create(EntityKind::Organisation, "org-stranger",
                     {{"name", std::string("Stranger")}, {"kind", std::string("vcfse")}});
            return c;
        }(),
        Actor{p.people.admin, "Pat Admin", Role::Administrator, kPractice});
    requireSynced(stranger.sync());
    auto r = p.vcfse.sync();
    BOOST_TEST(r.refusedEnvelopes >= 1u);
    BOOST_TEST(!p.vcfse.store->organisation(OrganisationId("org-stranger")));
    auto problems = p.vcfse.store->syncProblems(10);
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST(problems[0].message.find("cannot be decrypted") != std::string::npos,
               problems[0].message);
}

BOOST_AUTO_TEST_CASE(a_flipped_bit_is_refused_at_the_hub_and_in_the_hubs_store) {
    Partners p;
    auto sealer = integration::makeEnvelopeSealer(p.practice.credentials);
    EnvelopeHeader h{p.team.team, p.practice.store->siteId(), 1000000, 1000001, 0, p.team.keyId,
                     {"*"}};
    auto envelope = sealer->seal(h, {});
    envelope.ciphertext[envelope.ciphertext.size() / 2] ^= 0x01;
    auto transport = integration::makeHubTransport(p.practice.credentials);
    const auto before = hubEnvelopes(p.hub);
    BOOST_CHECK_EXCEPTION(
        transport->push(h.team, h.site, h.fromSequence, h.throughSequence, {envelope}), SyncError,
        [](const SyncError& e) {
            return std::string(e.what()).find("altered") != std::string::npos;
        });
    BOOST_TEST(hubEnvelopes(p.hub) == before);

    // Tampering with what the hub stored: readers refuse the envelope and apply nothing.
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    p.hub.alterNewestCiphertext();
    auto r = p.vcfse.sync();
    BOOST_TEST(r.refusedEnvelopes == 1u);
    BOOST_TEST(!p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    BOOST_TEST(p.vcfse.store->syncProblems(1).at(0).message.find("altered") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hub_time_altered_in_the_hubs_store_is_refused_by_readers) {
    // Before, the hub's time and sequence were under no signature: whoever could write to
    // its database could move an edit a day on (and so re-decide which edit wins).
    Partners p;
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    p.hub.alterNewestHubTime();
    auto r = p.vcfse.sync();
    BOOST_TEST(r.refusedEnvelopes == 1u);
    BOOST_TEST(!p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    const auto problems = p.vcfse.store->syncProblems(5);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.message.find("hub's receipt") != std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(an_oversized_request_is_refused_and_the_client_sends_smaller_ones) {
    HubProcess::Limits limits;
    limits.maxRequestBytes = 24 * 1024;
    Partners p(limits);
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    for (int i = 0; i < 30; ++i) {
        auto r = resident("Big", "Record" + std::to_string(i), testNhsNumber(200 + i));
        r.communicationNeeds = std::string(4000, 'n');
        auto id = cases.refer({r, p.people.gp, kPractice, "referral", day(2026, 11, 2), {}});
        cases.recordConsent(id, kVcfse, ConsentDecision::Permit);
    }
    requireSynced(p.practice.sync());  // 40-change batches are too big; it steps down
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->caseCount() == 31u);

    // One change larger than the hub accepts: refused with the reason, nothing stored.
    auto big = resident("Huge", "Record", testNhsNumber(290));
    big.communicationNeeds = std::string(20000, 'n');  // the longest text a field takes
    cases.refer({big, p.people.gp, kPractice, "referral", day(2026, 11, 2), {}});
    const auto before = hubEnvelopes(p.hub);
    auto r = p.practice.sync();
    BOOST_TEST(!r.completed);
    BOOST_REQUIRE(r.problem);
    BOOST_TEST(r.problem->message.find("larger than the hub accepts") != std::string::npos,
               r.problem->message);
    BOOST_TEST(hubEnvelopes(p.hub) == before);
}

// Talks to the hub with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_malformed_request_is_refused_with_a_reason,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    HubProcess hub;
    const std::string body = "{\"team\": \"northvale\", \"site\": ";
    auto out =
        sClient(hub, clientCert(0) + " -tls1_2",
                "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                "Content-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    BOOST_TEST(out.find("400 Bad Request") != std::string::npos, out);
    BOOST_TEST(out.find("not valid JSON") != std::string::npos, out);
    const std::string bad =
        "{\"team\":\"t\",\"site\":\"s\",\"from\":0,\"through\":1,\"envelopes\":[{\"team\":\"t\"}]}";
    out = sClient(hub, clientCert(0) + " -tls1_2",
                  "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                      std::to_string(bad.size()) + "\r\nConnection: close\r\n\r\n" + bad);
    BOOST_TEST(out.find("400 Bad Request") != std::string::npos, out);
    BOOST_TEST(out.find("envelope 0 of the push is malformed") != std::string::npos, out);
    BOOST_TEST(hubEnvelopes(hub) == 0);
}

BOOST_AUTO_TEST_CASE(a_push_past_a_storage_quota_is_refused_in_words_and_kept_to_send_later) {
    HubProcess::Limits limits;
    limits.maxSiteBytes = 200 * 1024;
    Partners p(limits);
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    // The practice keeps working until its site has used its share of the hub.
    SyncReport r;
    for (int i = 0; i < 400 && !r.problem; ++i) {
        cases.flagForReview(p.shared, i % 2 == 0);
        r = p.practice.sync();
    }
    BOOST_REQUIRE(r.problem.has_value());
    BOOST_TEST(r.problem->kind == "refused");
    BOOST_TEST(r.problem->message.find("has used its storage on the hub") != std::string::npos,
               r.problem->message);
    BOOST_TEST(r.problem->message.find("hub.maxSiteBytes") != std::string::npos);
    const bool flagged = p.practice.store->caseById(p.shared)->reviewAtNextMeeting;
    // The hub's operator raises the site's share; the team's is now the one reached.
    p.hub.stop();
    const auto teamBytes = p.hub.openLog()->teamBytes(p.team.team);
    limits.maxSiteBytes = 1LL << 30;
    limits.maxTeamBytes = teamBytes + 10;
    p.hub.restartWith(limits);
    r = p.practice.sync();
    BOOST_REQUIRE(r.problem.has_value());
    BOOST_TEST(r.problem->message.find("team " + p.team.team + " has used its storage") !=
                   std::string::npos,
               r.problem->message);
    // With room again, what was kept back arrives: nothing was lost on the way.
    limits.maxTeamBytes = 1LL << 30;
    p.hub.restartWith(limits);
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting == flagged);
}

// Issues certificates with the openssl command-line tool.
BOOST_AUTO_TEST_CASE(a_renewed_certificate_carries_its_site_on_and_another_name_cannot,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    Partners p;
    // The practice desktop's certificate is renewed: a new key, the same name.
    auto subject = runCommand("openssl x509 -noout -subject -nameopt compat -in '" +
                              TestPki::instance().cert("site0") + "'");
    subject = subject.substr(subject.find('/'));
    subject.erase(subject.find_last_not_of("\r\n") + 1);
    TempDir made;
    const auto [renewedCert, renewedKey] = issueCertificate(made, "renewed", subject);
    p.practice.credentials.certificateFile = renewedCert;
    p.practice.credentials.privateKeyFile = renewedKey;
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    // A certificate with another name cannot take the site over, even in the same
    // organisation.
    const auto [otherCert, otherKey] =
        issueCertificate(made, "other", "/CN=another desktop/O=" + kPractice.str());
    p.practice.credentials.certificateFile = otherCert;
    p.practice.credentials.privateKeyFile = otherKey;
    cases.flagForReview(p.shared, false);
    auto r = p.practice.sync();
    BOOST_REQUIRE(r.problem.has_value());
    BOOST_TEST(
        r.problem->message.find("belongs to another desktop's certificate") != std::string::npos,
        r.problem->message);
}

BOOST_AUTO_TEST_CASE(an_envelope_under_a_key_this_desktop_lacks_does_not_hold_up_what_follows) {
    // One envelope sealed with a team key the VCFSE desktop was never given, then one under
    // the team's key: before, the desktop stopped before the first on every run, for ever.
    Partners p;
    const auto original = p.practice.credentials;
    auto stray = original;
    integration::rotateTeamKey(stray);
    p.practice.credentials = stray;
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    p.practice.credentials = original;
    cases.addContact(p.shared, {{}, {}, "Ifor Quixley", "son", "07700 900123", true, true});
    requireSynced(p.practice.sync());

    auto r = p.vcfse.sync();
    requireSynced(r);
    BOOST_TEST(r.setAsideEnvelopes == 1u);
    BOOST_TEST(p.vcfse.store->contacts(p.shared).size() == 1u);  // what followed arrived
    BOOST_TEST(!p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    auto problems = p.vcfse.store->syncProblems(5);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.kind == "set-aside-envelope" && x.message.find("set aside") != std::string::npos;
    }));
    // Set aside once, not again on every run; and still nothing to open it with.
    r = p.vcfse.sync();
    requireSynced(r);
    BOOST_TEST(r.setAsideEnvelopes == 0u);
    BOOST_TEST(r.reopenedEnvelopes == 0u);
    // The key arrives (an invitation from the practice): the envelope is fetched and opened.
    auto invitation = integration::createInvitation(stray);
    auto joined = integration::acceptInvitation(invitation.fileText, invitation.code);
    for (const auto& [id, key] : joined.keys)
        p.vcfse.credentials.keys[id] = key;
    r = p.vcfse.sync();
    requireSynced(r);
    BOOST_TEST(r.reopenedEnvelopes == 1u);
    BOOST_TEST(p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    BOOST_TEST(p.vcfse.store->contacts(p.shared).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_damaged_set_aside_list_does_not_stop_sync) {
    Partners p;
    // A number too long for 64 bits: before, reading it threw out of the sync run.
    p.vcfse.store->setSyncSetting("set_aside_envelopes", "123456789012345678901234:kdamaged;x:");
    requireSynced(p.vcfse.sync());
}

BOOST_AUTO_TEST_CASE(an_envelope_under_a_key_id_the_chair_never_announced_is_refused) {
    // Before, the hub stored any key id: one envelope nobody could open, on every desktop.
    Partners p;
    auto stray = p.practice.credentials;
    integration::rotateTeamKey(stray);
    stray.chair = false;  // sealed, never announced
    auto sealer = integration::makeEnvelopeSealer(stray);
    const auto site = p.practice.store->siteId();
    const auto mark = p.hub.openLog()->acknowledged(p.team.team, site);
    EnvelopeHeader h{p.team.team, site, mark, mark + 1, 0, stray.keyId, {"*"}};
    auto transport = integration::makeHubTransport(p.practice.credentials);
    const auto before = hubEnvelopes(p.hub);
    BOOST_CHECK_EXCEPTION(
        transport->push(h.team, h.site, h.fromSequence, h.throughSequence, {sealer->seal(h, {})}),
        SyncError, [&](const SyncError& e) {
            const std::string what = e.what();
            return e.kind() == SyncError::Kind::Refused &&
                   what.find(stray.keyId) != std::string::npos &&
                   what.find("has not announced") != std::string::npos;
        });
    BOOST_TEST(hubEnvelopes(p.hub) == before);
    BOOST_TEST(!p.hub.openLog()->keyAnnounced(p.team.team, stray.keyId));
    // The practice desktop started the team: its announcement is the chair's.
    BOOST_TEST(p.hub.openLog()->keyAnnounced(p.team.team, p.team.keyId));
}

BOOST_AUTO_TEST_CASE(only_the_teams_chair_announces_a_new_key) {
    Partners p;
    // The VCFSE desktop (not the chair) makes a key of its own: the hub will not take it,
    // says who the chair is, and the desktop keeps its changes.
    CaseService cases(p.vcfse.as(p.people.navigator, Role::Navigator, kVcfse));
    cases.addContact(p.shared, {{}, {}, "Ifor Quixley", "son", "07700 900123", true, true});
    auto own = p.vcfse.credentials;
    integration::rotateTeamKey(p.vcfse.credentials);
    auto r = p.vcfse.sync();
    BOOST_REQUIRE(r.problem.has_value());
    BOOST_TEST(r.problem->message.find("its chair") != std::string::npos, r.problem->message);
    BOOST_TEST(r.problem->message.find("site0") != std::string::npos, r.problem->message);
    BOOST_TEST(p.vcfse.store->pendingChanges() > 0u);
    BOOST_TEST(!p.hub.openLog()->keyAnnounced(p.team.team, p.vcfse.credentials.keyId));
    // Back on the team's key, what it kept goes through.
    p.vcfse.credentials = own;
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->pendingChanges() == 0u);
    // The chair rotates: announced, and a partner given the key reads what follows.
    integration::rotateTeamKey(p.practice.credentials);
    CaseService chairCases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    chairCases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    BOOST_TEST(p.hub.openLog()->keyAnnounced(p.team.team, p.practice.credentials.keyId));
    p.vcfse.credentials.keys = p.practice.credentials.keys;
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
}

BOOST_AUTO_TEST_CASE(a_hub_log_from_before_announcements_keeps_its_teams_syncing) {
    Partners p;
    // As a log written before key announcements: no chair, no announced key ids.
    p.hub.stop();
    const std::string old = "DROP TABLE team_keys; DROP TABLE team_chairs;";
    if (p.hub.postgresql().empty()) {
        SQLite::Database db(p.hub.dataDir() + "/hub-envelopes.db", SQLite::OPEN_READWRITE);
        db.exec(old);
    } else {
#ifdef NMDT_TEST_POSTGRESQL
        TestPostgres::query(p.hub.postgresql(), "DROP TABLE team_keys");
        TestPostgres::query(p.hub.postgresql(), "DROP TABLE team_chairs");
#endif
    }
    p.hub.start();
    // The key ids it already held count as announced: a partner that is not the chair
    // goes on sending under the team's key.
    BOOST_TEST(p.hub.openLog()->keyAnnounced(p.team.team, p.team.keyId));
    CaseService cases(p.vcfse.as(p.people.navigator, Role::Navigator, kVcfse));
    cases.addContact(p.shared, {{}, {}, "Ifor Quixley", "son", "07700 900123", true, true});
    requireSynced(p.vcfse.sync());
    requireSynced(p.practice.sync());
    BOOST_TEST(p.practice.store->contacts(p.shared).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_push_of_no_envelopes_does_not_claim_a_site) {
    Partners p;
    // Before, an empty push bound a site id to whoever sent it first.
    auto transport = integration::makeHubTransport(p.vcfse.credentials);
    const std::string unclaimed = "site-nobody-has-used";
    BOOST_CHECK_THROW(transport->push(p.team.team, unclaimed, 0, 5, {}), SyncError);
    BOOST_TEST(!p.hub.openLog()->siteFingerprint(p.team.team, unclaimed).has_value());
    BOOST_TEST(p.hub.openLog()->acknowledged(p.team.team, unclaimed) == 0);

    // A desktop whose first changes never leave it (a private note) sends nothing, so
    // claims nothing; its first shared change then goes through with them.
    ActionService chair(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    auto action = chair.raise({p.shared,
                               "Befriending visit",
                               "",
                               p.people.navigator,
                               kVcfse,
                               {},
                               Priority::Routine,
                               {},
                               {}});
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    ActionService navigator(p.vcfse.as(p.people.navigator, Role::Navigator, kVcfse));
    navigator.addNote(action, "Private: rang twice", NoteSharing::PrivateToThisDesktop);
    auto r = p.vcfse.sync();
    requireSynced(r);
    BOOST_TEST(r.pushedEnvelopes == 0u);
    const auto site = p.vcfse.store->siteId();
    BOOST_TEST(!p.hub.openLog()->siteFingerprint(p.team.team, site).has_value());
    BOOST_TEST(p.vcfse.store->pendingChanges() == 0u);
    navigator.addNote(action, "Visited; settled in well");
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.hub.openLog()->siteFingerprint(p.team.team, site).has_value());
    requireSynced(p.practice.sync());
    auto notes = p.practice.store->notes(action);
    BOOST_REQUIRE(notes.size() == 1u);
    BOOST_TEST(notes[0].text == "Visited; settled in well");
    BOOST_TEST(p.vcfse.store->pendingChanges() == 0u);
}

BOOST_AUTO_TEST_CASE(a_partner_cannot_forge_another_partners_changes) {
    Partners p;
    // 1. The VCFSE desktop writes a change claiming to be the practice's GP.
    ChangeSet forged("update-case");
    forged.update(EntityKind::Case, p.shared.str(), {{"address", std::string("Forged Street")}});
    p.vcfse.store->commit(forged,
                          Actor{p.people.gp, "Dr Tomasz Nowak", Role::Clinician, kPractice});
    // 2. ...and a navigator "agrees" a care plan and "closes" a meeting.
    MeetingService meetings(p.practice.as(p.people.chair, Role::Chair, kPractice));
    auto meeting = meetings.schedule(meetingOn(day(2026, 11, 30), p.people.chair));
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    ChangeSet closing("close-meeting");
    closing.update(EntityKind::Meeting, meeting.str(), {{"status", std::string("closed")}});
    p.vcfse.store->commit(closing,
                          Actor{p.people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse});
    requireSynced(p.vcfse.sync());
    auto r = p.practice.sync();
    BOOST_TEST(r.applied.refused == 2u);
    BOOST_TEST(p.practice.store->caseById(p.shared)->resident.address != "Forged Street");
    BOOST_TEST((p.practice.store->meeting(meeting)->status != MeetingStatus::Closed));
    auto problems = p.practice.store->syncProblems(10);
    auto said = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(), [&](const SyncProblem& x) {
            return x.message.find(text) != std::string::npos;
        });
    };
    BOOST_TEST(said(
        "claims organisation org-practice but was signed by a desktop of organisation org-vcfse"));
    BOOST_TEST(said("only a chair or coordinator may close a meeting"));

    // 3. The VCFSE desktop relays an envelope the practice desktop signed, as its own.
    auto practiceSealer = integration::makeEnvelopeSealer(p.practice.credentials);
    EnvelopeHeader h{p.team.team, p.practice.store->siteId(), 1000, 1001, 0, p.team.keyId, {"*"}};
    auto envelope = practiceSealer->seal(h, {});
    auto vcfseTransport = integration::makeHubTransport(p.vcfse.credentials);
    BOOST_CHECK_EXCEPTION(
        vcfseTransport->push(h.team, h.site, 1000, 1001, {envelope}), SyncError,
        [](const SyncError& e) {
            return std::string(e.what()).find("not by this connection's certificate") !=
                   std::string::npos;
        });
}

BOOST_AUTO_TEST_CASE(only_an_organisations_own_administrators_change_its_people) {
    Partners p;
    BOOST_REQUIRE(p.vcfse.store->professional(p.people.gp));
    // A VCFSE administrator (a tampered desktop, past its own service's check) deactivates
    // the practice's GP and renames the practice; and properly corrects a VCFSE colleague.
    const Actor vcfseAdmin{ProfessionalId("vcfse-admin"), "Val Admin", Role::Administrator, kVcfse};
    ChangeSet forged("edit-person");
    forged.update(EntityKind::Professional, p.people.gp.str(), {{"active", std::int64_t{0}}});
    forged.update(EntityKind::Organisation, kPractice.str(),
                  {{"name", std::string("Taken Over Surgery")}});
    p.vcfse.store->commit(forged, vcfseAdmin);
    // It also adds a "GP" to the practice (which has its own administrator) and moves its
    // own navigator there; adding a colleague of its own, and introducing a new partner
    // organisation, are its to do.
    ChangeSet planted("add-person");
    planted.create(EntityKind::Professional, "5d0c8a4e-1b7e-4f55-9a43-3f0d2c9e8b11",
                   {{"name", std::string("Dr Not Real")},
                    {"role", std::string("clinician")},
                    {"organisation_id", kPractice.str()},
                    {"username", std::string("not.real")},
                    {"active", std::int64_t{1}}});
    planted.update(EntityKind::Professional, p.people.navigator.str(),
                   {{"organisation_id", kPractice.str()}});
    p.vcfse.store->commit(planted, vcfseAdmin);
    ChangeSet own("edit-person");
    own.update(EntityKind::Professional, p.people.navigator.str(),
               {{"phone", std::string("01632 960123")}});
    own.create(EntityKind::Professional, "7a2e4c1d-9b3f-4e8a-8c6d-2f1b0a9e7d55",
               {{"name", std::string("Sam Ng")},
                {"role", std::string("navigator")},
                {"organisation_id", kVcfse.str()},
                {"username", std::string("sam.ng")},
                {"active", std::int64_t{1}}});
    own.create(EntityKind::Organisation, "3c9f1e2a-6d4b-4a7e-9f8c-1e2d3c4b5a66",
               {{"name", std::string("Northvale Carers Centre")},
                {"kind", std::string("vcfse")},
                {"ods_code", std::string("")}});
    p.vcfse.store->commit(own, vcfseAdmin);
    requireSynced(p.vcfse.sync());

    auto r = p.practice.sync();
    BOOST_TEST(r.applied.refused == 4u);
    BOOST_TEST(
        !p.practice.store->professional(ProfessionalId("5d0c8a4e-1b7e-4f55-9a43-3f0d2c9e8b11")));
    BOOST_TEST(p.practice.store->professional(p.people.navigator)->organisationId.str() ==
               kVcfse.str());
    BOOST_TEST(
        p.practice.store->professional(ProfessionalId("7a2e4c1d-9b3f-4e8a-8c6d-2f1b0a9e7d55"))
            .has_value());
    BOOST_TEST(
        p.practice.store->organisation(OrganisationId("3c9f1e2a-6d4b-4a7e-9f8c-1e2d3c4b5a66"))
            .has_value());
    BOOST_TEST(p.practice.store->professional(p.people.gp)->active);
    BOOST_TEST(p.practice.store->organisation(kPractice)->name != "Taken Over Surgery");
    BOOST_TEST(p.practice.store->professional(p.people.navigator)->phone == "01632 960123");
    auto problems = p.practice.store->syncProblems(10);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.message.find("administrators may change its people") != std::string::npos;
    }));
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.message.find("administrators may add people to it") != std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(a_navigator_cannot_work_another_organisations_action_from_afar) {
    Partners p;
    ActionService gp(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    ActionId practices = gp.raise({p.shared,
                                   "Medication review",
                                   "",
                                   p.people.gp,
                                   kPractice,
                                   day(2026, 12, 1),
                                   Priority::Routine,
                                   "",
                                   {}});
    ActionId theirs = gp.raise({p.shared,
                                "Befriending referral",
                                "",
                                {},
                                kVcfse,
                                day(2026, 12, 1),
                                Priority::Routine,
                                "",
                                {}});
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    BOOST_REQUIRE(p.vcfse.store->action(practices));

    // A tampered VCFSE desktop writes past its own service's check: the practice's action
    // completed, and a note on it. Its own organisation's action is worked properly.
    const Actor navigator{p.people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse};
    ChangeSet forged("update-action-status");
    forged.update(EntityKind::Action, practices.str(), {{"status", std::string("completed")}});
    forged.create(EntityKind::ProgressNote, "0b4e28ba-2fa1-41d2-883f-0016d3cca427",
                  {{"action_id", practices.str()},
                   {"author_id", p.people.navigator.str()},
                   {"written_at", std::int64_t{1}},
                   {"text", std::string("done, honest")},
                   {"private", std::int64_t{0}}});
    p.vcfse.store->commit(forged, navigator);
    ActionService(p.vcfse.as(p.people.navigator, Role::Navigator, kVcfse))
        .changeStatus(theirs, ActionStatus::Accepted);
    requireSynced(p.vcfse.sync());

    auto r = p.practice.sync();
    BOOST_TEST(r.applied.refused == 2u);
    BOOST_TEST((p.practice.store->action(practices)->status == ActionStatus::Requested));
    BOOST_TEST(p.practice.store->notes(practices).empty());
    BOOST_TEST((p.practice.store->action(theirs)->status == ActionStatus::Accepted));
    auto problems = p.practice.store->syncProblems(10);
    BOOST_TEST(std::any_of(problems.begin(), problems.end(), [](const SyncProblem& x) {
        return x.message.find("may only work actions held by them or their organisation") !=
               std::string::npos;
    }));
}

BOOST_AUTO_TEST_CASE(the_hubs_files_hold_no_patient_name_or_nhs_number) {
    Partners p;
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.addContact(p.shared, {{}, {}, "Ifor Quixley", "son", "07700 900123", true, true});
    requireSynced(p.practice.sync());
    requireSynced(p.vcfse.sync());
    BOOST_REQUIRE(p.vcfse.store->caseById(p.shared));
    const auto bytes = p.hub.allStoredBytes();
    BOOST_TEST(bytes.size() > 1000u);
    for (const std::string& secret : {std::string("Quixley"), std::string("Gwyneth"),
                                      testNhsNumber(41), std::string("07700 900123")})
        BOOST_TEST(bytes.find(secret) == std::string::npos, secret);
    // Its request log (in those files) says who asked what and how it was answered, one
    // JSON line each, and names no team: only the desktop's organisation and certificate.
    std::ifstream log(p.hub.dataDir() + "/hub-requests.log");
    std::string line;
    int pushes = 0, pulls = 0;
    while (std::getline(log, line)) {
        BOOST_TEST_REQUIRE(line.front() == '{', line);
        BOOST_TEST(line.find(p.team.team) == std::string::npos, line);
        if (line.find("\"path\":\"/v1/push\"") != std::string::npos &&
            line.find("\"status\":200") != std::string::npos)
            ++pushes;
        if (line.find("\"path\":\"/v1/pull\"") != std::string::npos)
            ++pulls;
    }
    BOOST_TEST(pushes >= 2);
    BOOST_TEST(pulls >= 2);
}

BOOST_AUTO_TEST_CASE(an_invitation_opens_only_with_its_code_and_refuses_damage) {
    HubProcess hub;
    auto team = newTeam(hub);
    auto invitation = integration::createInvitation(team);
    auto joined = integration::acceptInvitation(invitation.fileText, invitation.code);
    BOOST_TEST(joined.team == team.team);
    BOOST_TEST((joined.keys == team.keys));
    // Typed by a person: lower case and without dashes is fine.
    std::string typed;
    for (char c : invitation.code)
        if (c != '-')
            typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    BOOST_TEST(integration::acceptInvitation(invitation.fileText, typed).keyId == team.keyId);
    BOOST_CHECK_EXCEPTION(integration::acceptInvitation(invitation.fileText, "AAAA-BBBB-CCCC-DDDD"),
                          SyncError, [](const SyncError& e) {
                              return e.kind() == SyncError::Kind::WrongKey &&
                                     std::string(e.what()).find("code does not open") !=
                                         std::string::npos;
                          });
    auto damaged = invitation.fileText;
    damaged[damaged.find("ciphertext") + 15] ^= 0x01;
    BOOST_CHECK_THROW(integration::acceptInvitation(damaged, invitation.code), SyncError);
    BOOST_CHECK_EXCEPTION(integration::acceptInvitation("{\"hello\": 1}", invitation.code),
                          SyncError, [](const SyncError& e) {
                              return std::string(e.what()).find(
                                         "not a Neighbourhood MDT invitation") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(a_rotated_key_keeps_old_envelopes_readable_and_opens_the_new_one_once_given) {
    Partners p;
    auto rotated = p.practice.credentials;
    integration::rotateTeamKey(rotated);
    p.practice.credentials = rotated;
    integration::saveCredentials(*p.practice.store, rotated);
    CaseService cases(p.practice.as(p.people.gp, Role::Clinician, kPractice));
    cases.flagForReview(p.shared, true);
    requireSynced(p.practice.sync());
    // The VCFSE desktop does not hold the new key yet: it sets that envelope aside.
    auto r = p.vcfse.sync();
    BOOST_TEST(r.completed);
    BOOST_TEST(r.setAsideEnvelopes == 1u);
    BOOST_TEST(!p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
    auto problems = p.vcfse.store->syncProblems(5);
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST(problems[0].message.find("does not hold yet") != std::string::npos,
               problems[0].message);
    // With a new invitation it catches up, nothing skipped.
    auto invitation = integration::createInvitation(rotated);
    auto joined = integration::acceptInvitation(invitation.fileText, invitation.code);
    p.vcfse.credentials.keys = joined.keys;
    p.vcfse.credentials.keyId = joined.keyId;
    requireSynced(p.vcfse.sync());
    BOOST_TEST(p.vcfse.store->caseById(p.shared)->reviewAtNextMeeting);
}

BOOST_AUTO_TEST_SUITE_END()
