// The command layer: every user command checks the role, validates, and commits one change
// set carrying its own audit event, so a failure at any write step leaves nothing behind.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "model/action_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/permissions.h"
#include "model/record_access_service.h"
#include "model/session_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

/// Everything a command could have written: rows, change log, audit trail.
struct Footprint {
    std::string rows;
    std::size_t changeLogEntries = 0;
    std::size_t auditEntries = 0;
    bool operator==(const Footprint&) const = default;
};

Footprint footprint(World& w) {
    ChangeLogQuery all;
    all.limit = 1000000;
    AuditQuery trail;
    trail.limit = 1000000;
    return {w.store->canonicalDump(), w.store->changeLog(all).size(),
            w.store->auditTrail(trail).size()};
}

CaseId referOne(World& w, int n) {
    return CaseService(w.asChair())
        .refer({resident("Ada", "Case" + std::to_string(n), testNhsNumber(n)), w.gp, w.practice,
                "Falls at home", day(2026, 11, 2), w.navigator});
}

/// Runs `command` with a fault injected at write step 0, 1, 2... until it succeeds;
/// every failed attempt must leave the store exactly as it was. Returns the steps it took.
std::size_t failAtEveryStep(World& w, const std::function<void()>& command) {
    for (std::size_t step = 0; step < 500; ++step) {
        const Footprint before = footprint(w);
        w.store->injectFaultAfterWrites(step);
        try {
            command();
            w.store->injectFaultAfterWrites(std::nullopt);
            BOOST_TEST(!(footprint(w) == before), "the command wrote nothing at all");
            return step;
        } catch (const StoreError& e) {
            w.store->injectFaultAfterWrites(std::nullopt);
            BOOST_TEST_REQUIRE((e.code() == StoreErrorCode::Io));
            BOOST_TEST_REQUIRE((footprint(w) == before),
                               "a fault at write step " << step << " left something behind");
        }
    }
    BOOST_FAIL("the command never succeeded");
    return 0;
}

AuditEntry lastAudit(World& w) {
    AuditQuery q;
    q.newestFirst = true;
    q.limit = 1;
    return w.store->auditTrail(q).at(0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command_layer)

BOOST_AUTO_TEST_CASE(a_referral_is_one_change_set_with_its_audit_event) {
    World w;
    std::size_t steps = failAtEveryStep(w, [&] { referOne(w, 1); });
    BOOST_TEST(steps >= 3u);  // the case row, its change-log entry, the audit entry
    auto audit = lastAudit(w);
    BOOST_TEST((audit.kind == AuditEventKind::Change));
    BOOST_TEST(audit.subject == "refer-case");
    BOOST_TEST(audit.userId == w.chair.str());
}

BOOST_AUTO_TEST_CASE(scheduling_the_next_meeting_with_invitees_and_agenda_is_all_or_nothing) {
    World w;
    referOne(w, 1);
    referOne(w, 2);
    MeetingService meetings(w.asChair());
    auto first = meetings.schedule(meetingOn(day(2026, 11, 10), w.chair));
    meetings.invite(first, w.practice);
    meetings.invite(first, w.vcfse);
    meetings.buildAgenda(first);
    meetings.open(first);
    std::size_t steps = failAtEveryStep(w, [&] { meetings.closeAndCarryForward(first); });
    BOOST_TEST(steps >= 6u);  // close, next meeting, two invitees, the agenda, audit
    const auto planned = w.store->meetings(10);
    BOOST_TEST(planned.size() == 2u);
    BOOST_TEST(w.store->participants(planned.front().id).size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_outcome_with_actions_arising_is_all_or_nothing) {
    World w;
    auto caseId = referOne(w, 1);
    MeetingService meetings(w.asChair());
    auto m = meetings.schedule(meetingOn(day(2026, 11, 23), w.chair));
    auto item = meetings.addItem(m, caseId, "new referral");
    meetings.open(m);
    Outcome outcome{"Discussed falls", "Refer to falls clinic", "", false, {}, {}};
    for (const char* title : {"Falls clinic referral", "Home safety check"})
        outcome.actions.push_back(
            {caseId, title, "", w.gp, w.practice, day(2026, 12, 1), Priority::Routine, {}, m});
    failAtEveryStep(w, [&] { meetings.recordOutcome(item, outcome); });
    ActionQuery q;
    q.caseId = caseId;
    BOOST_TEST(w.store->actions(q).size() == 2u);
}

BOOST_AUTO_TEST_CASE(opening_and_printing_a_record_are_recorded_or_refused_whole) {
    World w;
    auto caseId = referOne(w, 1);
    failAtEveryStep(w, [&] { RecordAccessService(w.asNavigator()).openRecord(caseId); });
    BOOST_TEST((lastAudit(w).kind == AuditEventKind::ViewCase));
    BOOST_TEST(lastAudit(w).subject == "case:" + caseId.str());
    failAtEveryStep(w, [&] {
        RecordAccessService(w.asChair())
            .recordOutput({AuditEventKind::Print, "case:" + caseId.str(), "care plan v1"});
    });
    BOOST_TEST((lastAudit(w).kind == AuditEventKind::Print));
}

BOOST_AUTO_TEST_CASE(a_passphrase_change_and_its_audit_entry_happen_together) {
    World w;
    const Passphrase current("correct horse battery staple");
    const Passphrase next("a brand new passphrase for the team");
    NoIdSource noIds;
    auto session = [&] {
        return SessionService(ServiceContext{*w.store, *w.clock, noIds, w.asChair().actor},
                              *w.store);
    };
    for (std::size_t step = 0;; ++step) {
        BOOST_TEST_REQUIRE(step < 50u);
        const Footprint before = footprint(w);
        w.store->injectFaultAfterWrites(step);
        try {
            session().changePassphrase(current, next);
            w.store->injectFaultAfterWrites(std::nullopt);
            break;
        } catch (const StoreError& e) {
            w.store->injectFaultAfterWrites(std::nullopt);
            BOOST_TEST_REQUIRE((e.code() == StoreErrorCode::Io));
            BOOST_TEST_REQUIRE((footprint(w) == before));
            BOOST_TEST_REQUIRE(w.store->passphraseMatches(current));
        }
    }
    BOOST_TEST((lastAudit(w).kind == AuditEventKind::PassphraseChanged));
    w.store.reset();
    auto reopened = storage::SqlCipherStore::open(w.storePath(), next);
    AuditQuery q;
    q.newestFirst = true;
    q.limit = 1;
    BOOST_TEST((reopened->auditTrail(q).at(0).kind == AuditEventKind::PassphraseChanged));
}

BOOST_AUTO_TEST_CASE(a_refused_passphrase_change_changes_and_records_nothing) {
    World w;
    NoIdSource noIds;
    SessionService session(ServiceContext{*w.store, *w.clock, noIds, w.asChair().actor}, *w.store);
    const Footprint before = footprint(w);
    BOOST_CHECK_THROW(session.changePassphrase(Passphrase("not the current one at all"),
                                               Passphrase("a brand new passphrase for the team")),
                      StoreError);
    BOOST_CHECK_EXCEPTION(session.changePassphrase(Passphrase("correct horse battery staple"),
                                                   Passphrase("password1234")),
                          PassphraseRejected, [](const PassphraseRejected& e) {
                              return e.verdict() == PassphraseVerdict::TooCommon;
                          });
    BOOST_TEST((footprint(w) == before));
    BOOST_TEST(w.store->passphraseMatches(Passphrase("correct horse battery staple")));
}

BOOST_AUTO_TEST_CASE(a_backup_that_cannot_be_recorded_is_not_left_on_disk) {
    World w;
    referOne(w, 1);
    NoIdSource noIds;
    SessionService session(ServiceContext{*w.store, *w.clock, noIds, w.asChair().actor}, *w.store);
    const std::string path = w.dir.file("team.nmdt-backup");
    const Passphrase key("a separate passphrase for backups");
    std::size_t failures = 0;
    for (std::size_t step = 0;; ++step) {
        BOOST_TEST_REQUIRE(step < 50u);
        w.store->injectFaultAfterWrites(step);
        try {
            session.backup(path, key);
            w.store->injectFaultAfterWrites(std::nullopt);
            break;
        } catch (const StoreError&) {
            w.store->injectFaultAfterWrites(std::nullopt);
            ++failures;
            BOOST_TEST_REQUIRE(!std::filesystem::exists(pathFromUtf8(path)));
            BOOST_TEST_REQUIRE(!std::filesystem::exists(pathFromUtf8(path + ".part")));
        }
    }
    BOOST_TEST(failures >= 2u);  // before the file is placed, and at its audit entry
    BOOST_TEST((lastAudit(w).kind == AuditEventKind::Backup));
    BOOST_TEST(lastAudit(w).detail == path);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(role_refusals)

namespace {
/// Runs `command` as `role` and says whether the command layer refused it for the role.
bool refusedAs(World& w, Role role, const std::function<void(ServiceContext)>& command) {
    const OrganisationId org =
        role == Role::Navigator || role == Role::VcfseWorker ? w.vcfse : w.practice;
    auto ctx = w.as(role == Role::Navigator ? w.navigator : w.gp, role, org);
    const Footprint before = footprint(w);
    try {
        command(ctx);
        return false;
    } catch (const DomainError& e) {
        BOOST_TEST_REQUIRE((footprint(w) == before));
        return e.has(ErrorCode::NotPermitted);
    }
}

const std::vector<Role> kRoles{Role::Chair,         Role::Clinician,   Role::Navigator,
                               Role::PracticeStaff, Role::VcfseWorker, Role::Administrator,
                               Role::Coordinator};
}  // namespace

BOOST_AUTO_TEST_CASE(each_role_is_refused_exactly_the_commands_it_may_not_run) {
    // Expected permissions, written out: the specification, not a copy of isAllowed.
    struct Row {
        const char* command;
        std::function<void(World&, ServiceContext, const CaseId&)> run;
        std::set<Role> allowed;
    };
    const std::vector<Row> table{
        {"refer",
         [](World& w, ServiceContext c, const CaseId&) {
             CaseService(c).refer({resident("Ida", "Role", testNhsNumber(77)),
                                   w.gp,
                                   w.practice,
                                   "Lonely",
                                   day(2026, 11, 2),
                                   {}});
         },
         {Role::Chair, Role::Clinician, Role::Navigator, Role::VcfseWorker, Role::PracticeStaff,
          Role::Coordinator}},
        {"close a case",
         [](World&, ServiceContext c, const CaseId& id) { CaseService(c).close(id, "moved away"); },
         {Role::Chair, Role::Clinician, Role::Navigator, Role::VcfseWorker, Role::Coordinator}},
        {"triage a referral",
         [](World&, ServiceContext c, const CaseId& id) {
             CaseService(c).triage(id, Triage::AcceptedForMdt, "");
         },
         {Role::Chair, Role::Coordinator}},
        {"schedule a meeting",
         [](World& w, ServiceContext c, const CaseId&) {
             MeetingService(c).schedule(meetingOn(day(2026, 12, 7), w.chair));
         },
         {Role::Chair, Role::Coordinator}},
        {"raise an action",
         [](World& w, ServiceContext c, const CaseId& id) {
             ActionService(c).raise(
                 {id, "Call", "", {}, w.vcfse, std::nullopt, Priority::Routine, {}, {}});
         },
         {Role::Chair, Role::Clinician, Role::Navigator, Role::VcfseWorker, Role::Coordinator}},
        {"record a restore",
         [](World& w, ServiceContext c, const CaseId&) {
             NoIdSource noIds;
             SessionService(ServiceContext{c.store, c.clock, noIds, c.actor}, *w.store)
                 .restored("backup");
         },
         {Role::Administrator}},
    };
    for (const auto& row : table) {
        for (Role role : kRoles) {
            World w;
            const CaseId existing = referOne(w, 1);
            const bool refused =
                refusedAs(w, role, [&](ServiceContext c) { row.run(w, c, existing); });
            BOOST_TEST(refused == !row.allowed.count(role),
                       row.command << " as " << codeOf(role) << (refused ? " was" : " was not")
                                   << " refused");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_details)

BOOST_AUTO_TEST_CASE(a_planned_meeting_is_moved_with_checked_details_or_called_off_with_a_reason) {
    World w;
    auto caseId = referOne(w, 1);
    MeetingService meetings(w.asChair());
    auto m = meetings.schedule(meetingOn(day(2026, 12, 1), w.chair));
    meetings.buildAgenda(m);
    BOOST_TEST(meetings.agenda(m).size() == 1u);
    // Several organisations in one change; inviting them again adds nobody twice.
    std::size_t invited = 0;
    failAtEveryStep(w, [&] { invited = meetings.inviteAll(m, {w.practice, w.vcfse}); });
    BOOST_TEST(invited == 2u);
    BOOST_TEST(meetings.inviteAll(m, {w.vcfse, w.practice}) == 0u);
    BOOST_TEST(w.store->participants(m).size() == 2u);

    Meeting moved = meetings.get(m);
    moved.date = day(2026, 11, 20);  // before today (23 Nov)
    moved.startTime = "9.30";
    moved.durationMinutes = 5;
    try {
        meetings.changeDetails(m, moved);
        BOOST_FAIL("a meeting in the past was accepted");
    } catch (const DomainError& e) {
        BOOST_TEST(e.has(ErrorCode::DateOutOfRange));
        BOOST_TEST(e.has(ErrorCode::ValueOutOfRange));  // the time, and the length
        BOOST_TEST(e.problems().size() == 3u);
    }
    moved.date = day(2026, 12, 2);
    moved.startTime = "13:30";
    moved.durationMinutes = 120;
    moved.place = "";
    moved.link = "https://meet.example.nhs.uk/mdt-northvale";
    failAtEveryStep(w, [&] { meetings.changeDetails(m, moved); });
    auto now = meetings.get(m);
    BOOST_TEST((now.date == day(2026, 12, 2)));
    BOOST_TEST(now.startTime == "13:30");
    BOOST_TEST(now.link == "https://meet.example.nhs.uk/mdt-northvale");

    BOOST_CHECK_EXCEPTION(meetings.cancel(m, " "), DomainError,
                          [](const DomainError& e) { return e.has(ErrorCode::ReasonRequired); });
    BOOST_CHECK_EXCEPTION(MeetingService(w.asNavigator()).cancel(m, "no chair"), DomainError,
                          [](const DomainError& e) { return e.has(ErrorCode::NotPermitted); });
    failAtEveryStep(w, [&] { meetings.cancel(m, "Chair off sick; no cover"); });
    BOOST_TEST(meetings.get(m).cancelledReason == "Chair off sick; no cover");
    BOOST_TEST((meetings.get(m).status == MeetingStatus::Closed));
    BOOST_CHECK_THROW(meetings.changeDetails(m, moved), DomainError);
    // The resident on its agenda comes to the next meeting as if never listed.
    auto waiting = w.store->undiscussedReferrals(Urgency::Routine, {}, 0);
    BOOST_TEST((std::find(waiting.begin(), waiting.end(), caseId) != waiting.end()));
    auto next = meetings.scheduleNext();
    BOOST_TEST(!next.alreadyPlanned);
    BOOST_TEST(next.id.str() != m.str());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(agenda_order)

BOOST_AUTO_TEST_CASE(new_referrals_come_first_urgent_ahead_then_overdue_actions_then_reviews) {
    World w;
    CaseService cases(w.asChair());
    auto review = referOne(w, 1);
    auto overdue = referOne(w, 2);
    // Both were discussed at an earlier meeting, so they are not new any more.
    MeetingService meetings(w.asChair());
    auto earlier = meetings.schedule(meetingOn(day(2026, 11, 9), w.chair));
    meetings.addItem(earlier, review, "new-referral");
    meetings.addItem(earlier, overdue, "new-referral");
    cases.flagForReview(review, true);
    ActionService(w.asChair())
        .raise({overdue,
                "Benefits check",
                "",
                w.gp,
                w.practice,
                day(2026, 11, 10),
                Priority::Routine,
                {},
                {}});
    auto routine = cases.refer({resident("Rae", "Routine", testNhsNumber(31)),
                                w.gp,
                                w.practice,
                                "Lonely",
                                day(2026, 11, 3),
                                {}});
    auto urgent = cases.refer({resident("Uma", "Urgent", testNhsNumber(32)),
                               w.gp,
                               w.practice,
                               "Fire risk",
                               day(2026, 11, 20),
                               {}},
                              {}, Urgency::Urgent);
    auto next = meetings.schedule(meetingOn(day(2026, 11, 30), w.chair));
    BOOST_TEST(meetings.buildAgenda(next) == 4u);
    std::vector<std::string> order;
    for (const auto& item : meetings.agenda(next))
        order.push_back(item.caseId.str() + " " + item.reason);
    const std::vector<std::string> expected{
        urgent.str() + " new-referral", routine.str() + " new-referral",
        overdue.str() + " overdue-actions", review.str() + " review-due"};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_agenda_source_lists_a_resident_once_in_order_of_their_series_only) {
    World w;
    CaseService cases(w.asChair());
    MeetingService meetings(w.asChair());
    ActionService actions(w.asChair());
    MeetingSeries mental;
    mental.name = "Mental Health MDT";
    mental.cadenceDays = 7;
    const auto mentalId = meetings.createSeries(mental);
    const auto earlier = meetings.schedule(meetingOn(day(2026, 11, 9), w.chair));
    auto raise = [&](const CaseId& c, std::optional<Date> due, bool atMeeting) {
        actions.raise({c,
                       "Check in",
                       "",
                       w.gp,
                       w.practice,
                       due,
                       Priority::Routine,
                       {},
                       atMeeting ? earlier : MeetingId{}});
    };
    const CaseId first = referOne(w, 81), second = referOne(w, 82), third = referOne(w, 83);
    const CaseId elsewhere = referOne(w, 84), closed = referOne(w, 85);
    const Date asOf = day(2026, 11, 30);
    // Overdue: `first` twice (its oldest ranks it), `second` once; the other series' and
    // the closed case's are older still but never come to this series' agenda.
    raise(first, day(2026, 11, 5), false);
    raise(first, day(2026, 11, 1), false);
    raise(second, day(2026, 11, 3), false);
    raise(elsewhere, day(2026, 10, 1), true);
    raise(closed, day(2026, 10, 2), true);
    // Open actions agreed at a meeting: `third` soonest, then `second`, then undated `first`.
    raise(second, day(2027, 1, 20), true);
    raise(third, day(2026, 12, 10), true);
    raise(third, day(2027, 2, 1), true);
    raise(first, std::nullopt, true);
    raise(third, day(2026, 12, 1), false);  // not from a meeting: not an "open action" item
    cases.triage(elsewhere, Triage::AcceptedForMdt, "", mentalId);
    cases.close(closed, "Moved away");

    auto strs = [](const std::vector<CaseId>& ids) {
        std::vector<std::string> out;
        for (const auto& id : ids)
            out.push_back(id.str());
        return out;
    };
    const MeetingSeriesId none;
    using V = std::vector<std::string>;
    BOOST_TEST(
        strs(w.store->casesWithOverdueActions(asOf, none, 0)) == (V{first.str(), second.str()}),
        boost::test_tools::per_element());
    BOOST_TEST(strs(w.store->casesWithOverdueActions(asOf, none, 1)) == V{first.str()},
               boost::test_tools::per_element());
    BOOST_TEST(strs(w.store->casesWithOverdueActions(asOf, mentalId, 0)) ==
                   (V{elsewhere.str(), first.str(), second.str()}),
               boost::test_tools::per_element());
    BOOST_TEST(strs(w.store->casesWithOpenActions(asOf, none, 0)) ==
                   (V{third.str(), second.str(), first.str()}),
               boost::test_tools::per_element());
    BOOST_TEST(strs(w.store->casesWithOpenActions(asOf, none, 2)) == (V{third.str(), second.str()}),
               boost::test_tools::per_element());

    // Reviews: flagged ones first (by name), then agreed plans by review date. None yet.
    BOOST_TEST(w.store->casesDueForReview(asOf, none, 0).empty());
    cases.flagForReview(third, true);
    cases.flagForReview(elsewhere, true);
    cases.flagForReview(first, true);
    BOOST_TEST(strs(w.store->casesDueForReview(asOf, none, 0)) == (V{first.str(), third.str()}),
               boost::test_tools::per_element());
    BOOST_TEST(strs(w.store->casesDueForReview(asOf, mentalId, 1)) == V{first.str()},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_agenda_fills_the_meetings_length_and_urgent_referrals_always_come) {
    World w;
    CaseService cases(w.asChair());
    MeetingService meetings(w.asChair());
    auto earlier = meetings.schedule(meetingOn(day(2026, 11, 9), w.chair));
    // Twelve residents flagged for review, already discussed once...
    for (int n = 1; n <= 12; ++n) {
        auto id = referOne(w, 40 + n);
        meetings.addItem(earlier, id, "new-referral");
        cases.flagForReview(id, true);
    }
    // ...and two urgent referrals that arrive after.
    for (int n = 0; n < 2; ++n)
        cases.refer({resident("Uma", "Urgent" + std::to_string(n), testNhsNumber(60 + n)),
                     w.gp,
                     w.practice,
                     "Fire risk",
                     day(2026, 11, 20),
                     {}},
                    {}, Urgency::Urgent);
    Meeting half = meetingOn(day(2026, 11, 30), w.chair);
    half.durationMinutes = 30;  // ten items of three minutes
    auto next = meetings.schedule(half);
    std::size_t left = 0;
    BOOST_TEST(meetings.buildAgenda(next, &left) == 10u);
    // Two urgent referrals and eight reviews fit; four wait, of which at least one is
    // counted (the store is read only as far as it takes to know the meeting is full).
    BOOST_TEST(left >= 1u);
    BOOST_TEST(left <= 4u);
    auto items = meetings.agenda(next);
    BOOST_TEST(items.front().reason == "new-referral");
    BOOST_TEST(items[1].reason == "new-referral");
    // Full: building again adds only what must come (nothing urgent is waiting now), and
    // says others wait without reading them all.
    BOOST_TEST(meetings.buildAgenda(next, &left) == 0u);
    BOOST_TEST(left >= 1u);
    cases.refer({resident("Ugo", "Urgent", testNhsNumber(70)),
                 w.gp,
                 w.practice,
                 "Eviction",
                 day(2026, 11, 22),
                 {}},
                {}, Urgency::Urgent);
    BOOST_TEST(meetings.buildAgenda(next, &left) == 1u);  // over the time: urgent comes anyway
}

BOOST_AUTO_TEST_SUITE_END()
