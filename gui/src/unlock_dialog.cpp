#include "unlock_dialog.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>

#include <wx/choice.h>
#include <wx/utils.h>

#include "app_icon.h"
#include "model/directory_service.h"
#include "recovery_sign_in_dialog.h"
#include "refusable.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

UnlockDialog::UnlockDialog(wxWindow* parent, StoreProvider& stores, const wxString& location)
    : wxDialog(parent, wxID_ANY, _("Sign in to Neighbourhood MDT"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      stores_(stores),
      throttleTimer_(this) {
    SetIcons(applicationIcons());  // the first window anyone sees, often alone on the taskbar
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);

    grid->Add(new wxStaticText(this, wxID_ANY, _("&Store:")), 0, wxALIGN_CENTER_VERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    location_ =
        new wxTextCtrl(this, wxID_ANY, location, wxDefaultPosition, FromDIP(wxSize(360, -1)));
    location_->SetName(_("Store file"));
    auto* browse = new wxButton(this, wxID_ANY, _("&Browse..."));
    row->Add(location_, 1, wxEXPAND | wxRIGHT, FromDIP(4));
    row->Add(browse);
    grid->Add(row, 1, wxEXPAND);

    // A new store's organisation and first administrator (label first: GTK's mnemonics
    // focus the control that follows the label).
    auto setUpRow = [&](const wxString& label, wxWindow* control) {
        auto* text = new wxStaticText(this, wxID_ANY, label);
        setUpOnly_.push_back(text);
        setUpOnly_.push_back(control);
        return text;
    };
    auto* orgLabel = setUpRow(_("&Organisation:"), nullptr);
    organisation_ = new wxTextCtrl(this, wxID_ANY);
    organisation_->SetName(_("Organisation"));
    setUpOnly_.back() = organisation_;
    grid->Add(orgLabel, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(organisation_, 1, wxEXPAND);
    auto* kindLabel = setUpRow(_("&Kind:"), nullptr);
    kind_ = new wxChoice(this, wxID_ANY);
    for (const wxString& k :
         {_("GP practice"), _("Community health trust"), _("Mental health trust"),
          _("Council social care"), _("Voluntary or community group"), _("Neighbourhood hub")})
        kind_->Append(k);
    kind_->SetSelection(0);
    kind_->SetName(_("Kind of organisation"));
    setUpOnly_.back() = kind_;
    grid->Add(kindLabel, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(kind_, 1, wxEXPAND);
    auto* odsLabel = setUpRow(_("O&DS code:"), nullptr);
    odsCode_ = new wxTextCtrl(this, wxID_ANY);
    odsCode_->SetName(_("ODS code"));
    setUpOnly_.back() = odsCode_;
    grid->Add(odsLabel, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(odsCode_, 1, wxEXPAND);
    auto* nameLabel = setUpRow(_("Your &full name:"), nullptr);
    fullName_ = new wxTextCtrl(this, wxID_ANY);
    fullName_->SetName(_("Your full name"));
    setUpOnly_.back() = fullName_;
    grid->Add(nameLabel, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(fullName_, 1, wxEXPAND);

    userLabel_ = new wxStaticText(this, wxID_ANY, _("&Name or username:"));
    grid->Add(userLabel_, 0, wxALIGN_CENTER_VERTICAL);
    user_ =
        new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    user_->SetName(_("Name or username"));
    grid->Add(user_, 1, wxEXPAND);

    grid->Add(new wxStaticText(this, wxID_ANY, _("&Passphrase:")), 0, wxALIGN_CENTER_VERTICAL);
    passphrase_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                                 wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    passphrase_->SetName(_("Passphrase"));
    grid->Add(passphrase_, 1, wxEXPAND);

    confirmLabel_ = new wxStaticText(this, wxID_ANY, _("Confir&m:"));
    grid->Add(confirmLabel_, 0, wxALIGN_CENTER_VERTICAL);
    confirm_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                              wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    confirm_->SetName(_("Confirm passphrase"));
    grid->Add(confirm_, 1, wxEXPAND);

    grid->AddSpacer(0);
    createNew_ = new wxCheckBox(this, wxID_ANY, _("Set up a new store &here"));
    grid->Add(createNew_);
    grid->AddSpacer(0);
    strength_ = new wxStaticText(this, wxID_ANY, {});
    grid->Add(strength_);
    grid->AddSpacer(0);
    recovery_ = new wxButton(this, wxID_ANY, _("&Use the Recovery Key..."));
    grid->Add(recovery_);

    message_ = new wxStaticText(this, wxID_ANY, {});
    message_->SetForegroundColour(wxColour(170, 0, 0));
    message_->SetName(_("Problem"));

    auto* buttons = new wxStdDialogButtonSizer();
    unlock_ = new wxButton(this, wxID_OK, _("Sign &In"));
    unlock_->SetDefault();
    buttons->AddButton(unlock_);
    buttons->AddButton(new wxButton(this, wxID_CANCEL));
    buttons->Realize();

    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));
    top->Add(message_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(top);

    onCreateToggled();
    if (user_->IsEmpty())
        user_->SetFocus();
    else
        passphrase_->SetFocus();

    unlock_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (tryUnlock())
            EndModal(wxID_OK);
    });
    user_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { passphrase_->SetFocus(); });
    passphrase_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (tryUnlock())
            EndModal(wxID_OK);
    });
    confirm_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (tryUnlock())
            EndModal(wxID_OK);
    });
    passphrase_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { onPassphraseTyped(); });
    createNew_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { onCreateToggled(); });
    browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onBrowse(); });
    recovery_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRecovery(); });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { onThrottleTick(); });
}

wxString UnlockDialog::message() const {
    return message_->GetLabel();
}

void UnlockDialog::showProblem(const wxString& text) {
    message_->SetForegroundColour(wxColour(170, 0, 0));
    message_->SetLabel(text);
    message_->Wrap(FromDIP(460));
    Layout();
    Fit();
}

void UnlockDialog::showNote(const wxString& text) {
    message_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    message_->SetLabel(text);
    message_->Wrap(FromDIP(460));
    Layout();
    Fit();
    Update();  // the call that follows blocks the event loop
}

void UnlockDialog::onCreateToggled() {
    bool creating = createNew_->GetValue();
    confirm_->Show(creating);
    confirmLabel_->Show(creating);
    strength_->Show(creating);
    for (auto* w : setUpOnly_)
        w->Show(creating);
    recovery_->Show(!creating);
    userLabel_->SetLabel(creating ? _("Your &username:") : _("&Name or username:"));
    unlock_->SetLabel(creating ? _("C&reate") : _("Sign &In"));
    onPassphraseTyped();
    Layout();
    Fit();
}

void UnlockDialog::onPassphraseTyped() {
    if (!createNew_->GetValue())
        return;
    Passphrase typed(fromWx(passphrase_->GetValue()));
    strength_->SetLabel(describe(assessPassphrase(typed.reveal())));
}

void UnlockDialog::onBrowse() {
    // With nothing chosen yet, start in this user's local application data folder
    // (%LOCALAPPDATA%\neighbourhood-mdt on Windows, ~/.local/share/neighbourhood-mdt here):
    // never a roaming or cloud-synced folder such as Documents under OneDrive.
    wxString folder;
    if (location_->GetValue().empty()) {
#ifdef __WXMSW__
        folder = wxStandardPaths::Get().GetUserLocalDataDir();
#else
        folder = wxFileName::GetHomeDir() + "/.local/share/" + wxTheApp->GetAppName();
#endif
        wxFileName::Mkdir(folder, wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    }
    wxFileDialog dialog(this, _("Choose a store"), folder, location_->GetValue(),
                        _("Neighbourhood MDT stores (*.nmdt)|*.nmdt|All files|*"),
                        createNew_->GetValue() ? wxFD_SAVE | wxFD_OVERWRITE_PROMPT : wxFD_OPEN);
    if (dialog.ShowModal() == wxID_OK)
        location_->SetValue(dialog.GetPath());
}

void UnlockDialog::onThrottleTick() {
    if (--secondsLeft_ > 0) {
        showProblem(
            wxString::Format(_("Too many attempts. Try again in %d seconds."), secondsLeft_));
        return;
    }
    throttleTimer_.Stop();
    unlock_->Enable();
    showProblem({});
}

bool UnlockDialog::tryUnlock() {
    if (!unlock_->IsEnabled())
        return false;
    const std::string location = fromWx(location_->GetValue());
    Passphrase passphrase(fromWx(passphrase_->GetValue()));
    if (location.empty()) {
        showProblem(_("Choose where the store is."));
        return false;
    }
    if (createNew_->GetValue()) {
        auto verdict = assessPassphrase(passphrase.reveal());
        if (verdict != PassphraseVerdict::Acceptable) {
            showProblem(describe(verdict));
            return false;
        }
        if (fromWx(confirm_->GetValue()) != passphrase.reveal()) {
            showProblem(_("The two passphrases are different."));
            return false;
        }
    }
    if (createNew_->GetValue())
        return createStore(location, passphrase);
    const std::string user = fromWx(user_->GetValue().Strip(wxString::both));
    if (user.empty()) {
        showProblem(_("Type your name or username."));
        user_->SetFocus();
        return false;
    }
    try {
        wxBusyCursor busy;  // the key derivation takes a noticeable moment, by design
        // A store made by an earlier version is upgraded as it opens: on a large one that
        // has taken half a minute, which a bare busy cursor would make look like a hang.
        showNote(_("Signing in. After an update this can take a minute, once."));
        signedIn_ = stores_.signIn(location, Credentials{user, passphrase});
        showNote({});
        throttle_.recordSuccess();
        passphrase_->Clear();
        confirm_->Clear();
        return true;
    } catch (const StoreError& e) {
        passphrase_->SelectAll();
        if (e.code() == StoreErrorCode::WrongPassphrase) {
            ++failedAttempts_;
            throttle_.recordFailure();
            auto delay = throttle_.delayBeforeNextAttempt();
            if (delay.count() > 0) {
                secondsLeft_ = static_cast<int>((delay.count() + 999) / 1000);
                unlock_->Disable();
                throttleTimer_.Start(1000);
                showProblem(describe(e.code()) + "\n" +
                            wxString::Format(_("Too many attempts. Try again in %d seconds."),
                                             secondsLeft_));
                return false;
            }
        }
        showProblem(describe(e.code()));
        return false;
    }
}

void UnlockDialog::onRecovery() {
    if (location_->GetValue().empty()) {
        showProblem(_("Choose where the store is."));
        return;
    }
    RecoverySignInDialog dialog(this, user_->GetValue(),
                                [this](const std::string& key, const Credentials& admin) {
                                    return recoverWith(key, admin);
                                });
    if (dialog.ShowModal() != wxID_OK)
        return;
    user_->SetValue(dialog.administratorField()->GetValue());
    EndModal(wxID_OK);
}

wxString UnlockDialog::recoverWith(const std::string& key, const Credentials& administrator) {
    try {
        wxBusyCursor busy;
        signedIn_ = stores_.recover(fromWx(location_->GetValue()), key, administrator);
        throttle_.recordSuccess();
        return {};
    } catch (const StoreError& e) {
        if (e.code() == StoreErrorCode::WrongPassphrase) {
            ++failedAttempts_;
            return _(
                "That is not this store's recovery key, or no administrator in the store "
                "has that name. Capitals, spaces and dashes in the key do not matter.");
        }
        return describe(e.code());
    }
}

bool UnlockDialog::createStore(const std::string& location, const Passphrase& passphrase) {
    Organisation organisation;
    organisation.name = fromWx(organisation_->GetValue().Strip(wxString::both));
    organisation.odsCode = fromWx(odsCode_->GetValue().Strip(wxString::both).Upper());
    static constexpr OrganisationKind kinds[] = {
        OrganisationKind::GpPractice,   OrganisationKind::CommunityTrust,
        OrganisationKind::MentalHealth, OrganisationKind::SocialCare,
        OrganisationKind::Vcfse,        OrganisationKind::Hub};
    organisation.kind = kinds[std::max(0, kind_->GetSelection())];
    Professional administrator;
    administrator.name = fromWx(fullName_->GetValue().Strip(wxString::both));
    administrator.username = fromWx(user_->GetValue().Strip(wxString::both).Lower());
    // Checked before anything is made, so a mistake costs no file.
    wxString problem;
    if (!runRefusable([&] { checkSetUp(organisation, administrator); }, problem)) {
        showProblem(problem);
        return false;
    }
    try {
        wxBusyCursor busy;
        signedIn_ = stores_.create(
            location, Credentials{administrator.username, passphrase}, [&](OpenStore& store) {
                SystemClock clock;
                auto ids = makeRandomIdSource();
                Actor setUp{ProfessionalId(), administrator.name, Role::Administrator,
                            OrganisationId()};
                return DirectoryService(ServiceContext{store, clock, *ids, setUp})
                    .setUpNeighbourhood(organisation, administrator);
            });
        passphrase_->Clear();
        confirm_->Clear();
        return true;
    } catch (const StoreError& e) {
        showProblem(describe(e.code()));
    } catch (const DomainError& e) {
        showProblem(describe(e));
    }
    return false;
}

}  // namespace nmdt::gui
