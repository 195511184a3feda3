#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <future>
#include <thread>

#include "encrypted_database.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/store_error.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
Actor chairActor(World& w) {
    return w.asChair().actor;
}

StoreErrorCode commitFails(World& w, const ChangeSet& cs) {
    try {
        w.store->commit(cs, chairActor(w));
    } catch (const StoreError& e) {
        return e.code();
    }
    BOOST_FAIL("commit should have failed");
    return StoreErrorCode::Io;
}

std::size_t logSize(World& w) {
    return w.store->changeLog({0, std::nullopt, 100000}).size();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(write_path)

BOOST_AUTO_TEST_CASE(every_commit_appends_stamped_change_log_entries) {
    World w;
    std::size_t before = logSize(w);
    CaseService cases(w.asChair());
    CaseId id = cases.refer({resident("Owen", "Morgan", testNhsNumber(1)),
                             w.gp,
                             w.practice,
                             "Carer breakdown",
                             day(2026, 11, 2),
                             {}});
    cases.flagForReview(id, true);
    auto log = w.store->changeLog({0, id.str(), 10});
    BOOST_REQUIRE(log.size() == 2u);
    BOOST_TEST(logSize(w) == before + 2);
    BOOST_TEST((log[0].op == ChangeOp::Create));
    BOOST_TEST(log[0].intent == "refer-case");
    BOOST_TEST(log[0].siteId == w.store->siteId());
    BOOST_TEST(log[0].userId == w.chair.str());
    BOOST_TEST(log[0].role == "chair");
    BOOST_TEST(log[0].organisationId == w.practice.str());
    BOOST_TEST((log[1].op == ChangeOp::Update));
    BOOST_REQUIRE(log[1].fields.size() == 1u);  // only the field that changed
    BOOST_TEST(log[1].fields[0].name == "review_at_next_meeting");
    BOOST_TEST((log[0].hlc < log[1].hlc));
}

// The desktop writes on two connections: the window's and sync's. A save that reads before
// it writes must wait while the other connection holds the write lock, not fail at once
// with "database is locked" (which a deferred transaction does, whatever the busy timeout).
BOOST_AUTO_TEST_CASE(a_save_waits_while_another_connection_writes) {
    World w;
    CaseService cases(w.asChair());
    const auto id = cases.refer({resident("Owen", "Morgan", testNhsNumber(5)),
                                 w.gp,
                                 w.practice,
                                 "falls",
                                 day(2026, 11, 2),
                                 {}});
    auto other =
        storage::openEncryptedDatabase(w.storePath(), Passphrase("correct horse battery staple"),
                                       storage::OpenIntent::OpenExisting);
    std::promise<void> holding;
    auto sync = std::async(std::launch::async, [&] {
        other->exec("BEGIN IMMEDIATE");
        other->exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('test_sync_write', '1')");
        holding.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        other->exec("COMMIT");
    });
    holding.get_future().wait();
    ChangeSet save("edit-case");
    save.update(EntityKind::Case, id.str(), {{"review_at_next_meeting", std::int64_t(1)}});
    BOOST_CHECK_NO_THROW(w.store->commit(save, chairActor(w)));
    sync.get();
    BOOST_TEST(w.store->caseById(id)->reviewAtNextMeeting);
}

BOOST_AUTO_TEST_CASE(a_failing_change_set_writes_nothing) {
    World w;
    std::size_t before = logSize(w);
    ChangeSet cs("two-part");
    Organisation org{OrganisationId("o-new"), "Should not appear", OrganisationKind::Vcfse, ""};
    cs.create(EntityKind::Organisation, org.id.str(), toFields(org));
    cs.update(EntityKind::Action, "no-such-action", {{"title", std::string("x")}});
    BOOST_TEST((commitFails(w, cs) == StoreErrorCode::NotFound));
    BOOST_TEST(!w.store->organisation(org.id));
    BOOST_TEST(logSize(w) == before);
    // The clock did not move for the failed commit: the next stamp follows the last good one.
    auto lastGood = w.store->changeLog({0, std::nullopt, 100000}).back().hlc;
    w.clock->advance(std::chrono::milliseconds(0));
    DirectoryService(w.asAdministrator())
        .addOrganisation({{}, "Next", OrganisationKind::Vcfse, ""});
    BOOST_TEST((w.store->changeLog({0, std::nullopt, 100000}).back().hlc > lastGood));
}

BOOST_AUTO_TEST_CASE(unknown_fields_and_dangling_references_are_refused) {
    World w;
    ChangeSet bad("bad");
    bad.create(EntityKind::Organisation, "o1",
               {{"name", std::string("x")},
                {"kind", std::string("vcfse")},
                {"password", std::string("x")}});
    BOOST_TEST((commitFails(w, bad) == StoreErrorCode::InvalidChange));
    ChangeSet orphan("orphan");
    ProgressNote note{NoteId("n1"), ActionId("missing"), w.chair, fixedNow(), "text"};
    orphan.create(EntityKind::ProgressNote, "n1", toFields(note));
    BOOST_TEST((commitFails(w, orphan) == StoreErrorCode::ConstraintViolated));
}

BOOST_AUTO_TEST_CASE(progress_notes_and_the_change_log_are_append_only) {
    World w;
    CaseService cases(w.asChair());
    CaseId id = cases.refer(
        {resident("Ivy", "Stone", testNhsNumber(2)), w.gp, w.practice, "x", day(2026, 11, 2), {}});
    ActionService actions(w.asChair());
    ActionId a = actions.raise({id, "Call", "", w.navigator, {}, {}, Priority::Routine, {}, {}});
    NoteId n = actions.addNote(a, "first note");
    ChangeSet edit("edit-note");
    edit.update(EntityKind::ProgressNote, n.str(), {{"text", std::string("rewritten")}});
    BOOST_TEST((commitFails(w, edit) == StoreErrorCode::InvalidChange));
    w.store.reset();
    // Even with direct SQL the schema refuses.
    SQLite::Database db(w.storePath(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA key = 'correct horse battery staple'");
    db.exec("PRAGMA cipher_page_size = 4096");
    db.exec("PRAGMA kdf_iter = 64000");
    BOOST_CHECK_THROW(db.exec("UPDATE progress_notes SET text = 'x'"), SQLite::Exception);
    BOOST_CHECK_THROW(db.exec("DELETE FROM change_log"), SQLite::Exception);
    BOOST_CHECK_THROW(db.exec("UPDATE change_log SET intent = 'x'"), SQLite::Exception);
}

BOOST_AUTO_TEST_CASE(the_clock_survives_reopening) {
    World w;
    auto last = w.store->changeLog({0, std::nullopt, 100000}).back().hlc;
    w.store.reset();
    w.clock->set(fixedNow() - std::chrono::hours(48));  // the wall clock went back two days
    w.store = storage::SqlCipherStore::open(w.storePath(),
                                            Passphrase("correct horse battery staple"), w.clock);
    DirectoryService(w.asAdministrator())
        .addOrganisation({{}, "After reopen", OrganisationKind::Vcfse, ""});
    BOOST_TEST((w.store->changeLog({0, std::nullopt, 100000}).back().hlc > last));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sync_problem_log)

BOOST_AUTO_TEST_CASE(keeps_the_latest_five_hundred_problems) {
    World w;
    for (int i = 1; i <= 620; ++i)
        w.store->recordSyncOutcome(
            i, SyncProblem{i, "hub-unreachable", "offline " + std::to_string(i)});
    auto kept = w.store->syncProblems(10000);
    BOOST_TEST(kept.size() == 500u);
    BOOST_TEST(kept.front().message == "offline 620");  // newest first
    BOOST_TEST(kept.back().message == "offline 121");
}

BOOST_AUTO_TEST_SUITE_END()
