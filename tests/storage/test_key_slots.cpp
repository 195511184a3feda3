// Signing in as oneself: each person's key slot opens the store with their own passphrase
// and no one else's; slots that are altered, swapped or replaced by an older copy are
// refused with a reason; resets, recovery, deactivation and the move of a store made
// before key slots.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "model/action_service.h"
#include "model/case_service.h"
#include "model/directory_service.h"
#include "model/people_service.h"
#include "model/store_error.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using storage::SqlCipherStoreProvider;

namespace {

// Cheap derivation so the suite stays quick; the parameters are kept in each slot, and the
// standard ones are measured in docs/performance.md.
const KdfParams kTestKdf{KdfAlgorithm::Scrypt, 1024, 8, 1};
const Passphrase kAdminPass("harbour lights at dusk 2026");
const Passphrase kNavPass("kettle on the stove, always");

StoreErrorCode signInFails(SqlCipherStoreProvider& p, const std::string& path,
                           const std::string& user, const Passphrase& pass) {
    try {
        p.signIn(path, {user, pass});
    } catch (const StoreError& e) {
        return e.code();
    }
    BOOST_FAIL("sign-in should have failed");
    return StoreErrorCode::Io;
}

std::string slurp(const std::string& path) {
    return readBytes(path);
}
void spill(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// A neighbourhood set up from nothing: Priya administers it, Gwen navigates.
struct Neighbourhood {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    SqlCipherStoreProvider provider{clock, kTestKdf};
    std::string path = dir.file("riverside.nmdt");
    ProfessionalId admin, navigator;
    std::string recoveryKey;

    Neighbourhood() {
        auto in = provider.create(path, {"priya.shah", kAdminPass}, [&](OpenStore& s) {
            SeededIdSource ids(7);
            Organisation org{{}, "Riverside Surgery", OrganisationKind::GpPractice, "Y01234"};
            Professional p;
            p.name = "Priya Shah";
            p.username = "priya.shah";
            return DirectoryService(ServiceContext{s, *clock, ids, Actor{}})
                .setUpNeighbourhood(org, p);
        });
        admin = in.person;
        recoveryKey = *in.newRecoveryKey;
        auto adminActor = actor(*in.store, admin);
        SeededIdSource ids(8);
        Professional gwen;
        gwen.name = "Gwen Pritchard";
        gwen.username = "gwen.pritchard";
        gwen.role = Role::Navigator;
        gwen.organisationId = in.store->organisations()[0].id;
        navigator = DirectoryService(ServiceContext{*in.store, *clock, ids, adminActor})
                        .addProfessional(gwen);
        in.store->grantSignIn(*in.store->professional(navigator), "gwen.pritchard", kNavPass,
                              adminActor);
    }
    static Actor actor(const OpenStore& s, const ProfessionalId& id) {
        auto p = s.professional(id);
        return Actor{p->id, p->name, p->role, p->organisationId};
    }
    std::string keys() const { return path + ".keys"; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_slots)

BOOST_AUTO_TEST_CASE(usernames_are_made_from_names_people_would_type) {
    BOOST_TEST(suggestUsername("Gwen Pritchard") == "gwen.pritchard");
    BOOST_TEST(suggestUsername("Dr Marek Zieli\u0144ski (Psychiatrist)") == "marek.zieli\u0144ski");
    BOOST_TEST(suggestUsername("\u0141UCJA \u017B\u00D3\u0141TOWSKA") ==
               "\u0142ucja.\u017c\u00f3\u0142towska");
    BOOST_TEST(suggestUsername("Priya Shah (MDT Coordinator)") == "priya.shah");
    BOOST_TEST(suggestUsername("Iolo ap Gruffydd") == "iolo.ap.gruffydd");
    BOOST_TEST(suggestUsername("Jo") == "jo0");
    for (const char* name : {"Gwen Pritchard", "Dr Marek Zieli\u0144ski (Psychiatrist)", "Jo"})
        BOOST_TEST(usernameValid(suggestUsername(name)), name);
}

BOOST_AUTO_TEST_CASE(each_person_opens_the_store_with_their_own_passphrase_and_no_one_elses) {
    Neighbourhood n;
    auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
    BOOST_TEST(priya.person.str() == n.admin.str());
    BOOST_TEST(!priya.newRecoveryKey.has_value());
    priya.store.reset();
    // By display name too, in any case.
    BOOST_TEST(n.provider.signIn(n.path, {"gwen pritchard", kNavPass}).person.str() ==
               n.navigator.str());
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kAdminPass) ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kNavPass) ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST((signInFails(n.provider, n.path, "nobody.here", kAdminPass) ==
                StoreErrorCode::WrongPassphrase));
    // The store key is random: no passphrase opens the file directly.
    BOOST_CHECK_THROW(storage::SqlCipherStore::open(n.path, kAdminPass), StoreError);
    BOOST_TEST(slurp(n.keys()).find("Gwen") == std::string::npos);  // names are not in clear
}

BOOST_AUTO_TEST_CASE(the_audit_trail_names_the_signed_in_person_for_every_kind_of_event) {
    Neighbourhood n;
    auto gwen = n.provider.signIn(n.path, {"gwen.pritchard", kNavPass});
    const Actor asGwen = Neighbourhood::actor(*gwen.store, n.navigator);
    const Actor asPriya = Neighbourhood::actor(*gwen.store, n.admin);
    const auto before = gwen.store->auditTrail({}).back().sequence;
    auto refusedAs = [](const std::function<void()>& write) {
        try {
            write();
        } catch (const StoreError& e) {
            return e.code() == StoreErrorCode::NotSignedInAs;
        }
        return false;
    };
    for (const auto& [kind, code] : EnumCodes<AuditEventKind>::table) {
        const AuditEvent event{kind, "case:test", std::string(code)};
        BOOST_TEST(refusedAs([&] { gwen.store->commit(ChangeSet::auditOnly(event), asPriya); }),
                   code);
        gwen.store->commit(ChangeSet::auditOnly(event), asGwen);
    }
    // The store's own recorded operations too, and a second connection opened for her
    // (background sync) holds her to her name as well.
    const std::string backup = n.dir.file("gwen.backup");
    BOOST_TEST(refusedAs([&] { gwen.store->backupTo(backup, kNavPass, asPriya); }));
    BOOST_TEST(!std::filesystem::exists(backup));
    gwen.store->backupTo(backup, kNavPass, asGwen);
    const Passphrase next("gwen changes her own one 2027");
    BOOST_TEST(refusedAs([&] { gwen.store->changePassphrase(next, asPriya); }));
    gwen.store->changePassphrase(next, asGwen);
    auto second = gwen.store->connector()();
    BOOST_TEST(refusedAs([&] {
        second->commit(ChangeSet::auditOnly({AuditEventKind::Sync, "", ""}), asPriya);
    }));
    second->commit(ChangeSet::auditOnly({AuditEventKind::Sync, "", ""}), asGwen);
    second.reset();

    AuditQuery after;
    after.afterSequence = before;
    auto trail = gwen.store->auditTrail(after);
    std::set<AuditEventKind> kinds;
    for (const auto& entry : trail) {
        BOOST_TEST(entry.userId == n.navigator.str(), entry.sequence);
        BOOST_TEST(entry.userName == "Gwen Pritchard");
        kinds.insert(entry.kind);
    }
    BOOST_TEST(kinds.size() == EnumCodes<AuditEventKind>::table.size());
    BOOST_TEST(gwen.store->verifyAudit().intact);
}

BOOST_AUTO_TEST_CASE(a_reset_works_and_the_old_passphrase_stops_working) {
    Neighbourhood n;
    auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
    const Passphrase fresh("a new start for gwen 2027");
    priya.store->grantSignIn(*priya.store->professional(n.navigator), "gwen.pritchard", fresh,
                             Neighbourhood::actor(*priya.store, n.admin));
    auto trail = priya.store->auditTrail({});
    BOOST_TEST((trail.back().kind == AuditEventKind::SignInGranted));
    BOOST_TEST(trail.back().detail == "passphrase reset");
    BOOST_TEST(trail.back().userName == "Priya Shah");
    priya.store.reset();
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kNavPass) ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST(n.provider.signIn(n.path, {"gwen.pritchard", fresh}).person.str() ==
               n.navigator.str());
}

BOOST_AUTO_TEST_CASE(changing_your_own_passphrase_rewraps_only_your_slot) {
    Neighbourhood n;
    auto gwen = n.provider.signIn(n.path, {"gwen.pritchard", kNavPass});
    BOOST_TEST(gwen.store->passphraseMatches(kNavPass));
    BOOST_TEST(!gwen.store->passphraseMatches(kAdminPass));  // the lock screen is per person
    const Passphrase next("kettle off, window open");
    gwen.store->changePassphrase(next, Neighbourhood::actor(*gwen.store, n.navigator));
    BOOST_TEST(gwen.store->passphraseMatches(next));
    gwen.store.reset();
    BOOST_TEST(n.provider.signIn(n.path, {"gwen.pritchard", next}).person.str() ==
               n.navigator.str());
    BOOST_TEST(n.provider.signIn(n.path, {"priya.shah", kAdminPass}).person.str() == n.admin.str());
}

BOOST_AUTO_TEST_CASE(a_deactivated_person_is_refused) {
    Neighbourhood n;
    {
        auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
        auto before = *priya.store->professional(n.navigator);
        auto after = before;
        after.active = false;
        SeededIdSource ids(9);
        ServiceContext ctx{*priya.store, *n.clock, ids,
                           Neighbourhood::actor(*priya.store, n.admin)};
        ctx.commitEdit("deactivate", before, after);
    }
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kNavPass) ==
                StoreErrorCode::AccountDeactivated));
}

BOOST_AUTO_TEST_CASE(altered_or_swapped_slots_are_refused_with_a_reason) {
    Neighbourhood n;
    const std::string original = slurp(n.keys());

    // One slot's person changed to the administrator's: the seal binds the person.
    std::string relabelled = original;
    auto gwenAt = relabelled.find("user=" + toHex("gwen.pritchard"));
    BOOST_REQUIRE(gwenAt != std::string::npos);
    auto personAt = relabelled.rfind("person=", gwenAt);
    relabelled.replace(personAt + 7, toHex(n.navigator.str()).size(), toHex(n.admin.str()));
    spill(n.keys(), relabelled);
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kNavPass) ==
                StoreErrorCode::WrongPassphrase));

    // The two people's sealed keys swapped between their slots.
    std::vector<std::string> lines;
    std::istringstream in(original);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    std::vector<std::size_t> people;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].rfind("slot ", 0) == 0 &&
            lines[i].find("kind=passphrase") != std::string::npos)
            people.push_back(i);
    BOOST_REQUIRE(people.size() == 2u);
    auto wrappedOf = [&](std::size_t i) { return lines[i].substr(lines[i].find(" wrapped=")); };
    std::string a = wrappedOf(people[0]), b = wrappedOf(people[1]);
    lines[people[0]].replace(lines[people[0]].find(" wrapped="), a.size(), b);
    lines[people[1]].replace(lines[people[1]].find(" wrapped="), b.size(), a);
    std::string swapped;
    for (const auto& l : lines)
        swapped += l + "\n";
    spill(n.keys(), swapped);
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kAdminPass) ==
                StoreErrorCode::WrongPassphrase));

    // A slot removed: every remaining slot still opens, but the file's seal does not match.
    std::string removed;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (i != people[1])
            removed += lines[i] + "\n";
    // (lines still hold the swap; rebuild from the original)
    removed.clear();
    std::istringstream again(original);
    for (std::string line; std::getline(again, line);)
        if (line.find("user=" + toHex("gwen.pritchard")) == std::string::npos)
            removed += line + "\n";
    spill(n.keys(), removed);
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kAdminPass) ==
                StoreErrorCode::KeySlotsTampered));

    // Not a slot file at all, and no slot file.
    spill(n.keys(), "hello");
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kAdminPass) ==
                StoreErrorCode::KeySlotsTampered));
    std::filesystem::remove(n.keys());
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kAdminPass) !=
                StoreErrorCode::FileMissing));  // read as a store made before slots: refused

    spill(n.keys(), original);
    BOOST_TEST(n.provider.signIn(n.path, {"priya.shah", kAdminPass}).person.str() == n.admin.str());
}

BOOST_AUTO_TEST_CASE(an_older_copy_of_the_slots_is_refused) {
    Neighbourhood n;
    const std::string withGwen = slurp(n.keys());
    {
        auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
        priya.store->revokeSignIn(n.navigator, Neighbourhood::actor(*priya.store, n.admin));
    }
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kNavPass) ==
                StoreErrorCode::WrongPassphrase));
    // Putting back the copy from before her slot was removed does not bring it back.
    spill(n.keys(), withGwen);
    BOOST_TEST((signInFails(n.provider, n.path, "gwen.pritchard", kNavPass) ==
                StoreErrorCode::KeySlotsTampered));
}

BOOST_AUTO_TEST_CASE(the_recovery_key_opens_the_store_and_is_replaced) {
    Neighbourhood n;
    const Passphrase fresh("remembered at last 2027");
    BOOST_CHECK_THROW(
        n.provider.recover(n.path, "AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA",
                           {"priya.shah", fresh}),
        StoreError);
    // Typed in lower case with spaces, as people do.
    std::string typed = n.recoveryKey;
    std::transform(typed.begin(), typed.end(), typed.begin(), ::tolower);
    std::replace(typed.begin(), typed.end(), '-', ' ');
    auto in = n.provider.recover(n.path, typed, {"priya.shah", fresh});
    BOOST_TEST(in.person.str() == n.admin.str());
    BOOST_REQUIRE(in.newRecoveryKey.has_value());
    BOOST_TEST(*in.newRecoveryKey != n.recoveryKey);
    auto trail = in.store->auditTrail({});
    bool used = false;
    for (const auto& e : trail)
        used = used || e.kind == AuditEventKind::RecoveryKeyUsed;
    BOOST_TEST(used);
    in.store.reset();
    BOOST_TEST((signInFails(n.provider, n.path, "priya.shah", kAdminPass) ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST(n.provider.signIn(n.path, {"priya.shah", fresh}).person.str() == n.admin.str());
    BOOST_CHECK_THROW(n.provider.recover(n.path, n.recoveryKey, {"priya.shah", fresh}),
                      StoreError);  // the used key no longer works
}

BOOST_AUTO_TEST_CASE(a_store_made_before_key_slots_gives_everyone_a_slot_on_first_sign_in) {
    World w;  // a store keyed by one passphrase, as every store was before schema 12
    {
        SeededIdSource ids(3);
        Professional admin;
        admin.name = "Sam Okoro";
        admin.role = Role::Administrator;
        admin.organisationId = w.practice;
        DirectoryService(w.asAdministrator()).addProfessional(admin);
    }
    w.store.reset();
    SqlCipherStoreProvider provider(w.clock, kTestKdf);
    const Passphrase shared("correct horse battery staple");
    // No one by that name, or the wrong passphrase: the store stays as it was.
    BOOST_TEST((signInFails(provider, w.storePath(), "Nobody Known", shared) ==
                StoreErrorCode::WrongPassphrase));
    BOOST_TEST(
        (signInFails(provider, w.storePath(), "Sam Okoro",
                     Passphrase("not the shared one at all")) == StoreErrorCode::WrongPassphrase));
    BOOST_TEST(!std::filesystem::exists(w.storePath() + ".keys"));
    BOOST_TEST(storage::SqlCipherStore::open(w.storePath(), shared)->caseCount() == 0u);

    auto in = provider.signIn(w.storePath(), {"Sam Okoro", shared});
    BOOST_TEST(in.newRecoveryKey.has_value());
    BOOST_TEST(in.store->organisations().size() == 2u);  // everything still there
    in.store.reset();
    BOOST_TEST(std::filesystem::exists(w.storePath() + ".keys"));
    BOOST_CHECK_THROW(storage::SqlCipherStore::open(w.storePath(), shared), StoreError);
    // His username now, and the same passphrase; everyone else's too, as themselves.
    BOOST_TEST(provider.signIn(w.storePath(), {"sam.okoro", shared}).person.str() ==
               in.person.str());
    BOOST_TEST(provider.signIn(w.storePath(), {"Gwen Pritchard", shared}).person.str() ==
               w.navigator.str());
}

BOOST_AUTO_TEST_CASE(an_administrator_adds_a_person_and_later_hands_their_work_on_when_they_leave) {
    Neighbourhood n;
    auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
    auto admin = Neighbourhood::actor(*priya.store, n.admin);
    SeededIdSource ids(11);
    PeopleService people(ServiceContext{*priya.store, *n.clock, ids, admin}, *priya.store);

    Professional tom;
    tom.name = "Tom Baker";
    tom.username = "Tom.Baker";  // kept in lower case
    tom.role = Role::Navigator;
    tom.registration = "SWE SW12345";
    BOOST_CHECK_THROW(people.addPerson([&] {
        auto clash = tom;
        clash.username = "GWEN.pritchard";
        return clash;
    }()),
                      DomainError);
    auto tomId = people.addPerson(tom);
    BOOST_TEST(priya.store->professional(tomId)->username == "tom.baker");
    BOOST_CHECK_THROW(people.setPassphrase(tomId, Passphrase("qwerty123456")), PassphraseRejected);
    people.setPassphrase(tomId, Passphrase("tom's first day at riverside"));

    // Tom holds a case and an action, set up by the chair signed in as herself (a write in
    // anyone else's name is refused on Priya's connection).
    Professional amina;
    amina.name = "Amina Rahman";
    amina.username = "amina.rahman";
    amina.role = Role::Chair;
    auto aminaId = people.addPerson(amina);
    people.setPassphrase(aminaId, Passphrase("the chair's own passphrase"));
    priya.store.reset();
    auto chairIn =
        n.provider.signIn(n.path, {"amina.rahman", Passphrase("the chair's own passphrase")});
    Actor chair = Neighbourhood::actor(*chairIn.store, aminaId);
    ServiceContext asChair{*chairIn.store, *n.clock, ids, chair};
    auto caseId = CaseService(asChair).refer({resident("Ada", "Lovelace", testNhsNumber(7001)),
                                              {},
                                              {},
                                              "isolated",
                                              day(2026, 11, 2),
                                              {}});
    CaseService(asChair).setKeyWorker(caseId, tomId);
    NewAction action;
    action.caseId = caseId;
    action.title = "Visit at home";
    action.owner = tomId;
    action.ownerOrganisation = admin.organisationId;
    auto actionId = ActionService(asChair).raise(action);
    chairIn.store.reset();
    BOOST_TEST(n.provider.signIn(n.path, {"tom.baker", Passphrase("tom's first day at riverside")})
                   .person.str() == tomId.str());

    // He leaves: one step hands his work to Gwen, and he can no longer sign in.
    priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
    PeopleService again(ServiceContext{*priya.store, *n.clock, ids, admin}, *priya.store);
    BOOST_CHECK_THROW(again.deactivate(tomId, tomId), DomainError);
    auto moved = again.deactivate(tomId, n.navigator);
    BOOST_TEST(moved.actions == 1u);
    BOOST_TEST(moved.cases == 1u);
    BOOST_TEST(priya.store->action(actionId)->owner.str() == n.navigator.str());
    BOOST_TEST(priya.store->caseById(caseId)->keyWorker.str() == n.navigator.str());
    BOOST_TEST(!priya.store->professional(tomId)->active);
    auto trail = priya.store->auditTrail({});
    BOOST_TEST((trail.back().kind == AuditEventKind::SignInRevoked));
    priya.store.reset();
    BOOST_TEST(
        (signInFails(n.provider, n.path, "tom.baker", Passphrase("tom's first day at riverside")) ==
         StoreErrorCode::WrongPassphrase));
}

BOOST_AUTO_TEST_CASE(only_an_organisations_own_administrators_change_its_people) {
    Neighbourhood n;
    auto priya = n.provider.signIn(n.path, {"priya.shah", kAdminPass});
    SeededIdSource ids(12);
    Actor otherAdmin{ProfessionalId("x"), "Other Admin", Role::Administrator,
                     OrganisationId("another-org")};
    PeopleService outsider(ServiceContext{*priya.store, *n.clock, ids, otherAdmin}, *priya.store);
    BOOST_CHECK_THROW(outsider.setPassphrase(n.navigator, Passphrase("a takeover attempt 2026")),
                      DomainError);
    BOOST_CHECK_THROW(outsider.deactivate(n.navigator, n.admin), DomainError);
    Actor gwen = Neighbourhood::actor(*priya.store, n.navigator);
    PeopleService navigator(ServiceContext{*priya.store, *n.clock, ids, gwen}, *priya.store);
    BOOST_CHECK_THROW(navigator.newRecoveryKey(), DomainError);
    Organisation badOds{{}, "Hilltop Surgery", OrganisationKind::GpPractice, "RX1"};
    PeopleService mine(
        ServiceContext{*priya.store, *n.clock, ids, Neighbourhood::actor(*priya.store, n.admin)},
        *priya.store);
    BOOST_CHECK_THROW(mine.addOrganisation(badOds), DomainError);
    badOds.odsCode = "Y02345";
    BOOST_TEST(!mine.addOrganisation(badOds).empty());
}

BOOST_AUTO_TEST_SUITE_END()
