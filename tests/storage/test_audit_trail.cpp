// The audit trail: every commit and every recorded event is chained; editing, deleting
// or truncating entries (even with the key and a SQL tool) is detected.
#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>

#include "crypto/openssl_crypto.h"
#include "encrypted_database.h"
#include "migrations.h"
#include "model/case_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using namespace nmdt::storage;

namespace {
const char* kPass = "correct horse battery staple";

/// Opens the store's file directly, as an attacker holding the key could, with the
/// append-only triggers dropped.
std::unique_ptr<SQLite::Database> tamperWith(World& w) {
    w.store.reset();
    auto db = openEncryptedDatabase(w.storePath(), Passphrase(kPass), OpenIntent::OpenExisting);
    db->exec("DROP TRIGGER IF EXISTS audit_log_append_only");
    db->exec("DROP TRIGGER IF EXISTS audit_log_no_delete");
    return db;
}

std::unique_ptr<SqlCipherStore> reopen(World& w) {
    return SqlCipherStore::open(w.storePath(), Passphrase(kPass), w.clock);
}

void makeHistory(World& w) {
    CaseService cases(w.asChair());
    for (int i = 0; i < 5; ++i)
        cases.refer({resident("Name" + std::to_string(i), "Family", testNhsNumber(600 + i)),
                     w.gp,
                     w.practice,
                     "x",
                     day(2026, 11, 1),
                     {}});
    w.store->commit(ChangeSet::auditOnly({AuditEventKind::ViewCase, "case:abc", ""}),
                    w.asNavigator().actor);
    w.store->commit(
        ChangeSet::auditOnly({AuditEventKind::ExportPdf, "case:abc", "care plan v1, 3 pages"}),
        w.asChair().actor);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(audit_trail)

BOOST_AUTO_TEST_CASE(commits_and_events_are_chained_with_who_did_them) {
    World w;
    makeHistory(w);
    auto trail = w.store->auditTrail({});
    BOOST_REQUIRE(trail.size() == 5u + 5u + 2u);  // directory set-up, referrals, two events
    BOOST_TEST(trail.front().previousHash == kAuditGenesisHash);
    for (std::size_t i = 1; i < trail.size(); ++i)
        BOOST_TEST(trail[i].previousHash == trail[i - 1].hash);
    const auto& refer = trail[5];
    BOOST_TEST((refer.kind == AuditEventKind::Change));
    BOOST_TEST(refer.subject == "refer-case");
    BOOST_TEST(refer.detail.starts_with("case:"));
    BOOST_TEST(refer.detail.find("Family") == std::string::npos);  // ids, never names
    BOOST_TEST(refer.userId == w.chair.str());
    BOOST_TEST(refer.role == "chair");
    BOOST_TEST((trail.back().kind == AuditEventKind::ExportPdf));
    BOOST_TEST(w.store->verifyAudit().intact);
    BOOST_TEST(w.store->verifyAudit().checked == 12);
    AuditQuery views;
    views.kind = AuditEventKind::ViewCase;
    BOOST_TEST(w.store->auditTrail(views).size() == 1u);
    AuditQuery byNavigator;
    byNavigator.userId = w.navigator.str();
    BOOST_TEST(w.store->auditTrail(byNavigator).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_refused_commit_leaves_no_audit_entry_and_the_chain_intact) {
    World w;
    auto before = w.store->auditTrail({}).size();
    ChangeSet bad("bad");
    bad.update(EntityKind::Action, "missing", {{"title", std::string("x")}});
    BOOST_CHECK_THROW(w.store->commit(bad, w.asChair().actor), StoreError);
    BOOST_TEST(w.store->auditTrail({}).size() == before);
    w.store->commit(ChangeSet::auditOnly({AuditEventKind::SignIn, "", ""}), w.asChair().actor);
    BOOST_TEST(w.store->verifyAudit().intact);
}

BOOST_AUTO_TEST_CASE(the_schema_refuses_edits_and_deletes) {
    World w;
    w.store.reset();
    auto db = openEncryptedDatabase(w.storePath(), Passphrase(kPass), OpenIntent::OpenExisting);
    BOOST_CHECK_THROW(db->exec("UPDATE audit_log SET detail = 'x'"), SQLite::Exception);
    BOOST_CHECK_THROW(db->exec("DELETE FROM audit_log"), SQLite::Exception);
}

BOOST_AUTO_TEST_CASE(an_edited_entry_is_found) {
    World w;
    makeHistory(w);
    tamperWith(w)->exec("UPDATE audit_log SET user_name = 'Someone Else' WHERE sequence = 7");
    auto store = reopen(w);
    auto result = store->verifyAudit();
    BOOST_TEST(!result.intact);
    BOOST_TEST(result.firstBrokenSequence.value() == 7);
    BOOST_TEST(result.reason == "hash-mismatch");
    BOOST_TEST(!store->auditAtOpen().intact);  // noticed at open, too
}

BOOST_AUTO_TEST_CASE(a_recomputed_hash_still_breaks_the_next_link) {
    World w;
    makeHistory(w);
    {
        auto db = tamperWith(w);
        db->exec("UPDATE audit_log SET detail = 'nothing to see' WHERE sequence = 11");
    }
    // An attacker recomputing entry 11's own hash still leaves entry 12 pointing at the old one.
    auto store = reopen(w);
    auto entries = store->auditTrail({10, std::nullopt, std::nullopt, std::nullopt, 1});
    AuditEntry forged = entries.at(0);
    forged.hash = auditEntryHash(forged, crypto::openSsl());
    store.reset();
    tamperWith(w)->exec("UPDATE audit_log SET hash = '" + forged.hash + "' WHERE sequence = 11");
    store = reopen(w);
    auto result = store->verifyAudit();
    BOOST_TEST(!result.intact);
    BOOST_TEST(result.firstBrokenSequence.value() == 12);
    BOOST_TEST(result.reason == "broken-link");
}

BOOST_AUTO_TEST_CASE(deleted_entries_are_found_in_the_middle_and_at_the_end) {
    World w;
    makeHistory(w);
    tamperWith(w)->exec("DELETE FROM audit_log WHERE sequence = 4");
    auto result = reopen(w)->verifyAudit();
    BOOST_TEST(!result.intact);
    BOOST_TEST(result.firstBrokenSequence.value() == 5);
    BOOST_TEST(result.reason == "sequence-gap");

    World v;
    makeHistory(v);
    tamperWith(v)->exec("DELETE FROM audit_log WHERE sequence >= 11");
    auto store = reopen(v);
    auto cut = store->verifyAudit();
    BOOST_TEST(!cut.intact);
    BOOST_TEST(cut.reason == "truncated");
    BOOST_TEST(cut.firstBrokenSequence.value() == 11);
    BOOST_TEST(!store->auditAtOpen().intact);
}

BOOST_AUTO_TEST_CASE(migration_step_5_adds_the_trail_to_an_older_store) {
    TempDir dir;
    std::string path = dir.file("v4.nmdt");
    {
        auto db = openEncryptedDatabase(path, Passphrase(kPass), OpenIntent::CreateNew);
        migrate(*db, 4);
        db->exec(
            "INSERT INTO meta VALUES ('site_id', 'site-1'), ('hlc', '0000000000000005.00000')");
    }
    auto store = SqlCipherStore::open(path, Passphrase(kPass));
    BOOST_TEST(store->schemaVersion() == latestSchemaVersion());
    BOOST_TEST(store->auditAtOpen().intact);
    store->commit(ChangeSet::auditOnly({AuditEventKind::SignIn, "", ""}), Actor{});
    BOOST_TEST(store->auditTrail({}).front().sequence == 1);
}

BOOST_AUTO_TEST_SUITE_END()
