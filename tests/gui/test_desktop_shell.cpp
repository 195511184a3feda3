// The desktop shell in a real window: unlock a store, list and search cases.
#include <boost/test/unit_test.hpp>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/clipbrd.h>
#include <wx/menu.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/textctrl.h>
#include <wx/toolbar.h>
#include <wx/uiaction.h>

#include <filesystem>

#include <wx/listctrl.h>
#include "case_list_view.h"
#include "command_table.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "identity_text.h"
#include "model/case_service.h"
#include "model/commands.h"
#include "model/nhs_number.h"
#include "model/search_key.h"
#include "people_dialog.h"
#include "printing/pdf_writer.h"
#include "recovery_key_dialog.h"
#include "recovery_sign_in_dialog.h"
#include "reports/recovery_key_report.h"
#include "test_support.h"
#include "unlock_dialog.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;
using nmdt::gui::UnlockDialog;

namespace {
const char* kPass = "shell test passphrase";

/// A demo store with two residents whose names the tests know.
struct ShellStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("shell.nmdt");
    std::size_t cases = 0;
    Actor user;

    ShellStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize::small(), 5);
        SeededIdSource ids(1);
        ServiceContext ctx{
            *store, *clock, ids,
            Actor{ProfessionalId(summary.chairId), "Chair", Role::Chair, OrganisationId()}};
        CaseService service(ctx);
        service.refer({resident("Łucja", "Żółtowska", testNhsNumber(90001)),
                       {},
                       {},
                       "test",
                       day(2026, 11, 1),
                       {}});
        service.refer({resident("Siân", "Llewellyn", testNhsNumber(90002)),
                       {},
                       {},
                       "test",
                       day(2026, 11, 1),
                       {}});
        cases = store->caseCount();
        user = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                     OrganisationId()};
    }
    std::unique_ptr<OpenStore> open() {
        return storage::SqlCipherStore::open(path, Passphrase(kPass), clock);
    }
};

/// Riverside Surgery set up from nothing in the sign-in window, Priya Shah its first
/// administrator (passphrase "harbour lights at dusk 2026").
SignedIn setUpRiverside(StoreProvider& provider, const std::string& path) {
    UnlockDialog setUp(nullptr, provider, wxString::FromUTF8(path));
    setUp.createNewBox()->SetValue(true);
    setUp.organisationField()->SetValue("Riverside Surgery");
    setUp.odsCodeField()->SetValue("Y01234");
    setUp.fullNameField()->SetValue("Priya Shah");
    setUp.userField()->SetValue("priya.shah");
    setUp.passphraseField()->SetValue("harbour lights at dusk 2026");
    setUp.confirmField()->SetValue("harbour lights at dusk 2026");
    BOOST_REQUIRE_MESSAGE(setUp.tryUnlock(), setUp.message().utf8_string());
    return setUp.takeSignedIn();
}

std::vector<std::string> rows(nmdt::gui::CaseListView* list, long column) {
    std::vector<std::string> out;
    for (long i = 0; i < list->GetItemCount(); ++i)
        out.push_back(list->GetItemText(i, static_cast<int>(column)).utf8_string());
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(desktop_shell)

BOOST_AUTO_TEST_CASE(main_window_lists_and_searches_cases) {
    ShellStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    auto* list = frame->caseList();
    BOOST_TEST(list->GetItemCount() == static_cast<long>(fixture.cases));
    // The toolbar is built from the command table: the same commands as the menus.
    BOOST_REQUIRE(frame->GetToolBar());
    BOOST_TEST(frame->GetToolBar()->GetToolsCount() == 9u);  // incl. Sync Now, Refer
    // File > Back Up Now writes a backup that verifies, and says so in the audit trail.
    std::string backupPath = fixture.dir.file("shell.backup");
    wxString problem;
    BOOST_TEST(frame->backUpTo(backupPath, Passphrase("backup passphrase 2026!"), problem),
               problem.utf8_string());
    BOOST_TEST(
        storage::SqlCipherStore::verifyBackup(backupPath, Passphrase("backup passphrase 2026!"))
            .cases == static_cast<std::int64_t>(fixture.cases));
    AuditQuery backups;
    backups.kind = AuditEventKind::Backup;
    BOOST_TEST(frame->store().auditTrail(backups).size() == 1u);
    BOOST_TEST(
        !frame->backUpTo(backupPath + "/nested", Passphrase("backup passphrase 2026!"), problem));
    BOOST_TEST(frame->GetToolBar()->FindById(wxID_PRINT) != nullptr);
    BOOST_TEST(frame->GetMenuBar()->FindItem(wxID_PRINT)->GetItemLabelText().utf8_string() ==
               "Print Care Plan...");
    auto names = rows(list, 0);
    BOOST_TEST(
        std::is_sorted(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
            return foldForSearch(nmdt::gui::withoutIsolates(a)) <
                   foldForSearch(nmdt::gui::withoutIsolates(b));
        }));
    screenshot(frame, "main-window-all-cases");

    // Typing into the search box, as a user would, filters as they type.
    wxUIActionSimulator sim;
    frame->searchBox()->SetFocus();
    settle();
    sim.Text("999 000 00");
    settle(10);
    BOOST_TEST(list->GetItemCount() > 0);
    BOOST_TEST(list->GetItemCount() < static_cast<long>(fixture.cases));
    for (const auto& nhs : rows(list, 1))
        BOOST_TEST(nhs.starts_with("999 000 00"), nhs);

    // Non-Latin and accented names search case-insensitively.
    frame->searchBox()->SetValue(wxString::FromUTF8("ŻÓŁT"));
    settle();
    BOOST_REQUIRE(list->GetItemCount() == 1);
    BOOST_TEST(nmdt::gui::withoutIsolates(list->GetItemText(0, 0).utf8_string()) ==
               "Żółtowska, Łucja");
    BOOST_TEST(list->GetItemText(0, 1).utf8_string() == formatNhsNumber(testNhsNumber(90001)));
    BOOST_TEST(list->GetItemText(0, 2).utf8_string() == "14-Mar-1948");
    screenshot(frame, "main-window-search");

    // File > Open Store hands over to the application's open-another-store flow.
    int asked = 0;
    frame->onOpenAnotherStore = [&asked] { ++asked; };
    wxCommandEvent open(wxEVT_MENU, wxID_OPEN);
    frame->GetEventHandler()->ProcessEvent(open);
    BOOST_TEST(asked == 1);

    // Escape (View > All Cases) lists everything again.
    wxCommandEvent all(wxEVT_MENU, nmdt::gui::ID_SHOW_ALL_CASES);
    frame->GetEventHandler()->ProcessEvent(all);
    settle();
    BOOST_TEST(list->GetItemCount() == static_cast<long>(fixture.cases));
    BOOST_TEST(frame->searchBox()->GetValue().empty());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(virtual_list_reads_only_the_pages_on_screen) {
    ShellStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    // 52 cases fit in one 200-row page: drawing the window fetched at most that page.
    BOOST_TEST(frame->caseList()->pagesFetched() <= 1u);
    frame->caseList()->EnsureVisible(frame->caseList()->GetItemCount() - 1);
    settle();
    BOOST_TEST(frame->caseList()->pagesFetched() <= 1u);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(unlock_refuses_a_wrong_passphrase_and_touches_nothing) {
    ShellStore fixture;
    storage::SqlCipherStoreProvider provider(fixture.clock);
    std::string before = readBytes(fixture.path);
    UnlockDialog dialog(nullptr, provider, wxString::FromUTF8(fixture.path));
    dialog.Show();
    settle();
    BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
    screenshot(&dialog, "unlock-dialog");
    dialog.userField()->SetValue("Admin Office");
    dialog.passphraseField()->SetValue("not the passphrase");
    BOOST_TEST(!dialog.tryUnlock());
    BOOST_TEST(dialog.message().Contains("do not open this store"), dialog.message().utf8_string());
    BOOST_TEST(readBytes(fixture.path) == before);
    BOOST_TEST(!dialog.takeSignedIn().store);

    // The store predates key slots: its passphrase opens it once for its administrator, and
    // becomes their slot.
    dialog.passphraseField()->SetValue(kPass);
    BOOST_TEST(dialog.tryUnlock());
    auto in = dialog.takeSignedIn();
    BOOST_REQUIRE(in.store);
    BOOST_TEST(in.store->caseCount() == fixture.cases);
    BOOST_TEST(in.newRecoveryKey.has_value());
    BOOST_TEST((in.store->signedInPerson() == std::optional<ProfessionalId>(in.person)));
    BOOST_TEST(dialog.passphraseField()->IsEmpty());  // the secret does not linger in the field
    // Background sync opens its own connection with the store's key, not a passphrase.
    auto second = in.store->connector()();
    BOOST_TEST(second->caseCount() == fixture.cases);
}

BOOST_AUTO_TEST_CASE(repeated_failures_are_slowed_down) {
    ShellStore fixture;
    storage::SqlCipherStoreProvider provider(fixture.clock);
    UnlockDialog dialog(nullptr, provider, wxString::FromUTF8(fixture.path));
    dialog.userField()->SetValue("Admin Office");
    for (int i = 0; i < 3; ++i) {
        dialog.passphraseField()->SetValue("guess number " + std::to_string(i));
        BOOST_TEST(!dialog.tryUnlock());
    }
    BOOST_TEST(dialog.message().Contains("Too many attempts"), dialog.message().utf8_string());
    dialog.passphraseField()->SetValue(kPass);
    BOOST_TEST(!dialog.tryUnlock());  // even the right one waits out the delay
}

BOOST_AUTO_TEST_CASE(setting_up_a_store_checks_the_organisation_and_the_passphrase) {
    TempDir dir;
    storage::SqlCipherStoreProvider provider;
    std::string path = dir.file("new.nmdt");
    UnlockDialog dialog(nullptr, provider, wxString::FromUTF8(path));
    dialog.createNewBox()->SetValue(true);
    wxCommandEvent toggled(wxEVT_CHECKBOX, dialog.createNewBox()->GetId());
    toggled.SetInt(1);
    dialog.createNewBox()->GetEventHandler()->ProcessEvent(toggled);
    // Setting up: Confirm shared Alt+C with Cancel.
    BOOST_TEST(dialog.confirmField()->IsShown());
    BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
    dialog.organisationField()->SetValue("Riverside Surgery");
    dialog.odsCodeField()->SetValue("8123");  // not a GP practice's code
    dialog.fullNameField()->SetValue("Priya Shah");
    dialog.userField()->SetValue("priya.shah");
    dialog.passphraseField()->SetValue("a long enough passphrase");
    dialog.confirmField()->SetValue("a long enough passphrase");
    BOOST_TEST(!dialog.tryUnlock());
    BOOST_TEST(dialog.message().Contains("ODS code"), dialog.message().utf8_string());
    BOOST_TEST(!std::filesystem::exists(path));
    dialog.odsCodeField()->SetValue("y01234");  // typed in lower case
    dialog.passphraseField()->SetValue("short");
    BOOST_TEST(!dialog.tryUnlock());
    BOOST_TEST(dialog.message().Contains("12 characters"), dialog.message().utf8_string());
    dialog.passphraseField()->SetValue("a long enough passphrase");
    dialog.confirmField()->SetValue("a different passphrase!");
    BOOST_TEST(!dialog.tryUnlock());
    BOOST_TEST(dialog.message().Contains("different"), dialog.message().utf8_string());
    BOOST_TEST(!std::filesystem::exists(path));
    dialog.confirmField()->SetValue("a long enough passphrase");
    BOOST_TEST(dialog.tryUnlock(), dialog.message().utf8_string());
    BOOST_TEST(std::filesystem::exists(path));
    auto in = dialog.takeSignedIn();
    BOOST_TEST(in.store->caseCount() == 0u);  // no demo data
    BOOST_TEST_REQUIRE(in.store->organisations().size() == 1u);
    BOOST_TEST(in.store->organisations()[0].odsCode == "Y01234");
    auto admin = in.store->professional(in.person);
    BOOST_TEST_REQUIRE(admin.has_value());
    BOOST_TEST((admin->role == Role::Administrator));
    BOOST_TEST(admin->username == "priya.shah");
    BOOST_TEST(in.newRecoveryKey.has_value());
    in.store.reset();
    // She signs in with her username and passphrase; nothing else opens it.
    BOOST_TEST(provider.signIn(path, {"priya.shah", Passphrase("a long enough passphrase")})
                   .person.str() == in.person.str());
    BOOST_CHECK_THROW(provider.signIn(path, {"priya.shah", Passphrase("a long enough guess!!")}),
                      StoreError);
}

BOOST_AUTO_TEST_CASE(an_administrator_lets_a_new_colleague_sign_in_and_records_a_leaver) {
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(fixedNow());
    storage::SqlCipherStoreProvider provider(clock, KdfParams{KdfAlgorithm::Scrypt, 1024, 8, 1});
    const std::string path = dir.file("people.nmdt");
    const Passphrase adminPass("harbour lights at dusk 2026");
    auto in = setUpRiverside(provider, path);
    auto me = in.store->professional(in.person);
    Actor admin{me->id, me->name, me->role, me->organisationId};

    auto* frame = new MainFrame(std::move(in.store), clock, admin);
    frame->Show();
    settle();
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    BOOST_TEST(frame->GetMenuBar()->IsEnabled(gui::ID_PEOPLE));
    SeededIdSource ids(5);
    {
        gui::PeopleDialog people(
            frame,
            Commands(ServiceContext{frame->store(), *clock, ids, admin}).people(frame->store()),
            frame->store(), [&] { return frame->store().keySlots(); }, admin);
        people.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&people).empty(), sharedMnemonics(&people));
        BOOST_TEST(people.list()->GetItemCount() == 1);
        BOOST_TEST(people.list()->GetItemText(0, 4) == "Yes");  // Priya signs in here
        Professional tom;
        tom.name = "Tom Baker";
        tom.username = "tom.baker";
        tom.role = Role::Navigator;
        wxString problem;
        auto clash = tom;
        clash.username = "Priya.Shah";
        BOOST_TEST(!people.addPerson(clash, problem));
        BOOST_TEST(problem.Contains("already"), problem.utf8_string());
        BOOST_TEST(people.addPerson(tom, problem), problem.utf8_string());
        BOOST_TEST(people.list()->GetItemCount() == 2);
        auto added = people.selected();
        BOOST_REQUIRE(added.has_value());
        BOOST_TEST(people.list()->GetItemText(people.list()->GetFirstSelected(), 4) == "No");
        BOOST_TEST(!people.setPassphrase(added->id, Passphrase("qwerty123456"), problem));
        BOOST_TEST(problem.Contains("too well known"), problem.utf8_string());
        BOOST_TEST(people.setPassphrase(added->id, Passphrase("tom's first day here"), problem),
                   problem.utf8_string());
        BOOST_TEST(people.list()->GetItemText(people.list()->GetFirstSelected(), 4) == "Yes");
        screenshot(&people, "people");
        Handover moved;
        BOOST_TEST(people.handOver(added->id, admin.userId, moved, problem), problem.utf8_string());
        BOOST_TEST(people.list()->GetItemText(1, 5) == "Left");  // leavers listed last
        BOOST_TEST(people.list()->GetItemText(1, 4) == "No");
    }
    // Switch User locks the window first; whoever signs in next gets a window of their own.
    bool asked = false;
    frame->onSwitchUser = [&] { asked = true; };
    frame->switchUser();
    BOOST_TEST(asked);
    BOOST_TEST(frame->isLocked());
    wxString problem;
    BOOST_TEST(!frame->unlock(Passphrase("tom's first day here"), problem));  // not Tom's window
    BOOST_TEST(frame->unlock(adminPass, problem), problem.utf8_string());
    frame->Destroy();
    settle();
    BOOST_CHECK_THROW(provider.signIn(path, {"tom.baker", Passphrase("tom's first day here")}),
                      StoreError);
}

BOOST_AUTO_TEST_CASE(the_recovery_key_is_copied_printed_and_opens_the_store_once) {
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(fixedNow());
    storage::SqlCipherStoreProvider provider(clock, KdfParams{KdfAlgorithm::Scrypt, 1024, 8, 1});
    const std::string path = dir.file("recovery.nmdt");
    const std::string key = *setUpRiverside(provider, path).newRecoveryKey;

    // Shown once: the whole key on one line, selectable, copied as it is.
    {
        gui::RecoveryKeyDialog shown(nullptr, key, path, "Priya Shah", fixedNow());
        shown.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&shown).empty(), sharedMnemonics(&shown));
        BOOST_TEST(shown.keyField()->GetValue().utf8_string() == key);
        BOOST_TEST(shown.keyField()->GetSize().x >=
                   shown.keyField()->GetTextExtent(shown.keyField()->GetValue()).x);
        BOOST_TEST_REQUIRE(shown.copyKey());
        wxTextDataObject pasted;
        {
            wxClipboardLocker locked;
            BOOST_TEST_REQUIRE(wxTheClipboard->GetData(pasted));
        }
        BOOST_TEST(pasted.GetText().utf8_string() == key);
        screenshot(&shown, "recovery-key-dialog");
    }
    // The printed sheet (the same renderer as the printer) carries the key whole.
    const std::string pdf = dir.file("recovery-key.pdf");
    std::string error;
    BOOST_TEST_REQUIRE(
        gui::writeReportPdf(gui::recoveryKeyReport({key, path, "Priya Shah", fixedNow()}), pdf,
                            error),
        error);
    auto pages = pdfPages(pdf);
    BOOST_TEST_REQUIRE(pages.size() == 1u);
    BOOST_TEST(pages[0].find(key) != std::string::npos, pages[0]);
    BOOST_TEST(pages[0].find("Priya Shah") != std::string::npos);

    // Every administrator forgot: the sign-in window's recovery path, with the key typed
    // in lower case and without dashes, gives Priya a new passphrase.
    UnlockDialog unlock(nullptr, provider, wxString::FromUTF8(path));
    BOOST_TEST(unlock.recoveryButton()->IsShown());
    auto refused = unlock.recoverWith("AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA-AAAAAAAA",
                                      {"priya.shah", Passphrase("remembered at last 2027")});
    BOOST_TEST(refused.utf8_string().find("not this store's recovery key") != std::string::npos,
               refused.utf8_string());
    std::string typed;
    for (char c : key)
        if (c != '-')
            typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    {
        gui::RecoverySignInDialog asked(nullptr, "priya.shah",
                                        [&](const std::string& k, const Credentials& admin) {
                                            return unlock.recoverWith(k, admin);
                                        });
        asked.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&asked).empty(), sharedMnemonics(&asked));
        asked.keyField()->SetValue(wxString::FromUTF8(typed));
        asked.passphraseField()->SetValue("remembered at last 2027");
        asked.confirmField()->SetValue("remembered at last 2072");
        BOOST_TEST(!asked.tryRecover());
        BOOST_TEST(asked.message().utf8_string().find("different") != std::string::npos);
        asked.confirmField()->SetValue("remembered at last 2027");
        screenshot(&asked, "recovery-sign-in");
        BOOST_TEST_REQUIRE(asked.tryRecover(), asked.message().utf8_string());
    }
    auto in = unlock.takeSignedIn();
    BOOST_TEST_REQUIRE(in.store != nullptr);
    BOOST_TEST(in.store->professional(in.person)->username == "priya.shah");
    BOOST_TEST_REQUIRE(in.newRecoveryKey.has_value());
    BOOST_TEST(*in.newRecoveryKey != key);
    in.store.reset();
    BOOST_TEST(
        provider.signIn(path, {"priya.shah", Passphrase("remembered at last 2027")}).person.str() ==
        in.person.str());
    BOOST_CHECK_THROW(
        provider.signIn(path, {"priya.shah", Passphrase("harbour lights at dusk 2026")}),
        StoreError);
    // The used key is void.
    UnlockDialog again(nullptr, provider, wxString::FromUTF8(path));
    BOOST_TEST(!again.recoverWith(key, {"priya.shah", Passphrase("yet another one 2028")}).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(window_layout)

BOOST_AUTO_TEST_CASE(the_residents_splitter_stays_where_it_was_left) {
    ShellStore fixture;
    auto splitterOf = [](MainFrame* frame) {
        return dynamic_cast<wxSplitterWindow*>(frame->FindWindow("ResidentsSplitter"));
    };
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    auto* splitter = splitterOf(frame);
    BOOST_REQUIRE(splitter);
    // The user drags the sash (as wx reports a finished drag).
    const int moved = splitter->GetSashPosition() + 120;
    splitter->SetSashPosition(moved);
    wxSplitterEvent dragged(wxEVT_SPLITTER_SASH_POS_CHANGED, splitter);
    dragged.SetSashPosition(moved);
    splitter->ProcessWindowEvent(dragged);
    frame->Destroy();
    settle();

    auto* again = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    again->Show();
    settle();
    BOOST_TEST(splitterOf(again)->GetSashPosition() == moved);
    again->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
