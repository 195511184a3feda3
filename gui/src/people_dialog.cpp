#include "people_dialog.h"

#include <chrono>

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "labelled.h"
#include "model/permissions.h"
#include "recovery_key_dialog.h"
#include "refusable.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

constexpr Role kRoles[] = {Role::Chair,        Role::Coordinator,   Role::Clinician,
                           Role::Navigator,    Role::PracticeStaff, Role::VcfseWorker,
                           Role::Administrator};
constexpr OrganisationKind kKinds[] = {
    OrganisationKind::GpPractice, OrganisationKind::CommunityTrust, OrganisationKind::MentalHealth,
    OrganisationKind::SocialCare, OrganisationKind::Vcfse,          OrganisationKind::Hub};

std::string trimmed(const wxTextCtrl* field) {
    wxString text = field->GetValue();
    return fromWx(text.Trim().Trim(false));
}

/// A small form: labelled rows and OK/Cancel.
class Form : public wxDialog {
  public:
    Form(wxWindow* parent, const wxString& title)
        : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        grid_ = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
        grid_->AddGrowableCol(1);
    }
    wxTextCtrl* text(const wxString& label, const wxString& value, long style = 0) {
        return row(label, new wxTextCtrl(this, wxID_ANY, value, wxDefaultPosition,
                                         FromDIP(wxSize(280, -1)), style));
    }
    wxChoice* choice(const wxString& label, const wxArrayString& items, int selected) {
        auto* c = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, items);
        c->SetSelection(std::max(0, selected));
        return row(label, c);
    }
    void note(const wxString& text) {
        grid_->AddSpacer(0);
        grid_->Add(new wxStaticText(this, wxID_ANY, text));
    }
    void finish() {
        auto* top = new wxBoxSizer(wxVERTICAL);
        top->Add(grid_, 1, wxEXPAND | wxALL, FromDIP(12));
        top->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
        SetSizerAndFit(top);
    }

  private:
    /// Puts `control` on a row under `label`, named as the label reads (screen readers).
    template <class Control>
    Control* row(const wxString& label, Control* control) {
        wxString name = label;
        name.Replace("&", "");
        name.Replace(":", "");
        control->SetName(name);
        grid_->Add(labelFor(this, label, control), 0, wxALIGN_CENTER_VERTICAL);
        grid_->Add(control, 1, wxEXPAND);
        return control;
    }
    wxFlexGridSizer* grid_;
};

}  // namespace

PeopleDialog::PeopleDialog(wxWindow* parent, PeopleService people, const OpenStore& reader,
                           std::function<std::vector<KeySlotSummary>()> slots, Actor user)
    : wxDialog(parent, wxID_ANY, _("People"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      people_(people),
      reader_(reader),
      slots_(std::move(slots)),
      user_(std::move(user)) {
    SetName("PeopleDialog");
    list_ = new wxListView(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(760, 340)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName(_("People"));
    list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(170));
    list_->AppendColumn(_("Username"), wxLIST_FORMAT_LEFT, FromDIP(130));
    list_->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, FromDIP(100));
    list_->AppendColumn(_("Organisation"), wxLIST_FORMAT_LEFT, FromDIP(170));
    list_->AppendColumn(_("Signs in here"), wxLIST_FORMAT_LEFT, FromDIP(90));
    list_->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(70));

    auto* buttons = new wxBoxSizer(wxVERTICAL);
    auto button = [&](const wxString& label, void (PeopleDialog::*handler)()) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, [this, handler](wxCommandEvent&) { (this->*handler)(); });
        buttons->Add(b, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
        return b;
    };
    button(_("&Add Person..."), &PeopleDialog::onAdd);
    edit_ = button(_("&Edit..."), &PeopleDialog::onEdit);
    passphrase_ = button(_("Set &Passphrase..."), &PeopleDialog::onPassphrase);
    leaver_ = button(_("&Leaver..."), &PeopleDialog::onLeaver);
    buttons->AddSpacer(FromDIP(12));
    button(_("Add &Organisation..."), &PeopleDialog::onOrganisation);
    button(_("New Recovery &Key..."), &PeopleDialog::onRecoveryKey);

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(list_, 1, wxEXPAND | wxRIGHT, FromDIP(8));
    body->Add(buttons, 0);
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(
        new wxStaticText(this, wxID_ANY,
                         _("Everyone the neighbourhood shares is listed; you can change only your "
                           "own organisation's people.\n\"Signs in here\" is whether they have a "
                           "passphrase on this desktop.")),
        0, wxALL, FromDIP(12));
    top->Add(body, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    top->Add(CreateSeparatedButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(top);
    SetEscapeId(wxID_CLOSE);

    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { onEdit(); });
    refresh();
    list_->SetFocus();
}

void PeopleDialog::refresh() {
    auto keep = selected();
    shown_ = reader_.professionals();
    // Active people first, then leavers; each by name.
    std::stable_sort(
        shown_.begin(), shown_.end(),
        [](const Professional& a, const Professional& b) { return a.active > b.active; });
    auto slots = slots_ ? slots_() : std::vector<KeySlotSummary>{};
    list_->DeleteAllItems();
    for (std::size_t i = 0; i < shown_.size(); ++i) {
        const auto& p = shown_[i];
        auto org = reader_.organisation(p.organisationId);
        bool signsIn = std::any_of(slots.begin(), slots.end(), [&](const KeySlotSummary& s) {
            return !s.recovery && s.person == p.id;
        });
        long row = list_->InsertItem(static_cast<long>(i), toWx(p.name));
        list_->SetItem(row, 1, toWx(p.username));
        list_->SetItem(row, 2, describe(p.role));
        list_->SetItem(row, 3, org ? toWx(org->name) : wxString());
        list_->SetItem(row, 4, signsIn ? _("Yes") : _("No"));
        list_->SetItem(row, 5, p.active ? _("Active") : _("Left"));
    }
    if (keep)
        select(keep->id);
    updateButtons();
}

std::optional<Professional> PeopleDialog::selected() const {
    long row = list_ ? list_->GetFirstSelected() : -1;
    if (row < 0 || static_cast<std::size_t>(row) >= shown_.size())
        return std::nullopt;
    return shown_[static_cast<std::size_t>(row)];
}

void PeopleDialog::select(const ProfessionalId& id) {
    for (std::size_t i = 0; i < shown_.size(); ++i)
        if (shown_[i].id == id) {
            list_->Select(static_cast<long>(i));
            list_->Focus(static_cast<long>(i));
        }
    updateButtons();
}

void PeopleDialog::updateButtons() {
    auto p = selected();
    bool mine = p && p->organisationId == user_.organisationId;
    edit_->Enable(mine);
    passphrase_->Enable(mine && p->active);
    leaver_->Enable(mine && p->active && p->id != user_.userId);
}

bool PeopleDialog::addPerson(const Professional& person, wxString& problem) {
    ProfessionalId added;
    if (!runRefusable([&] { added = people_.addPerson(person); }, problem))
        return false;
    refresh();
    select(added);
    return true;
}

bool PeopleDialog::editPerson(const Professional& person, wxString& problem) {
    if (!runRefusable([&] { people_.editPerson(person); }, problem))
        return false;
    refresh();
    return true;
}

bool PeopleDialog::setPassphrase(const ProfessionalId& id, const Passphrase& passphrase,
                                 wxString& problem) {
    if (!runRefusable([&] { people_.setPassphrase(id, passphrase); }, problem))
        return false;
    refresh();
    return true;
}

bool PeopleDialog::handOver(const ProfessionalId& leaver, const ProfessionalId& successor,
                            Handover& moved, wxString& problem) {
    if (!runRefusable([&] { moved = people_.deactivate(leaver, successor); }, problem))
        return false;
    refresh();
    return true;
}

namespace {
/// Asks for a person's details; nullopt if cancelled.
std::optional<Professional> askPerson(wxWindow* parent, const wxString& title,
                                      Professional person) {
    Form form(parent, title);
    auto* name = form.text(_("&Name:"), toWx(person.name));
    auto* username = form.text(_("&Username:"), toWx(person.username));
    wxArrayString roles;
    int role = 0;
    for (std::size_t i = 0; i < std::size(kRoles); ++i) {
        roles.Add(describe(kRoles[i]));
        if (kRoles[i] == person.role)
            role = static_cast<int>(i);
    }
    auto* roleChoice = form.choice(_("&Role:"), roles, role);
    auto* email = form.text(_("E&mail:"), toWx(person.email));
    auto* phone = form.text(_("P&hone:"), toWx(person.phone));
    auto* registration = form.text(_("Re&gistration:"), toWx(person.registration));
    registration->SetHint(_("e.g. GMC 1234567, NMC 12A3456B (optional)"));
    form.finish();
    name->SetFocus();
    if (form.ShowModal() != wxID_OK)
        return std::nullopt;
    person.name = trimmed(name);
    person.username = trimmed(username);
    person.role = kRoles[std::max(0, roleChoice->GetSelection())];
    person.email = trimmed(email);
    person.phone = trimmed(phone);
    person.registration = trimmed(registration);
    return person;
}
}  // namespace

void PeopleDialog::onAdd() {
    Professional blank;
    blank.organisationId = user_.organisationId;
    for (std::optional<Professional> person = askPerson(this, _("Add Person"), blank); person;
         person = askPerson(this, _("Add Person"), *person)) {
        wxString problem;
        if (addPerson(*person, problem))
            return;
        wxMessageBox(problem, _("Add Person"), wxOK | wxICON_ERROR, this);  // and ask again
    }
}

void PeopleDialog::onEdit() {
    auto current = selected();
    if (!current || !edit_->IsEnabled())
        return;
    for (auto person = askPerson(this, _("Edit Person"), *current); person;
         person = askPerson(this, _("Edit Person"), *person)) {
        wxString problem;
        if (editPerson(*person, problem))
            return;
        wxMessageBox(problem, _("Edit Person"), wxOK | wxICON_ERROR, this);
    }
}

void PeopleDialog::onPassphrase() {
    auto person = selected();
    if (!person || !passphrase_->IsEnabled())
        return;
    const wxString title = wxString::Format(_("Passphrase for %s"), toWx(person->name));
    for (;;) {
        Form form(this, title);
        form.note(
            _("They sign in on this desktop with their username and this passphrase, and "
              "should change it when they first do (File > Change Passphrase). Any "
              "passphrase they had here stops working."));
        auto* first = form.text(_("&Passphrase:"), {}, wxTE_PASSWORD);
        auto* again = form.text(_("Con&firm:"), {}, wxTE_PASSWORD);
        form.finish();
        first->SetFocus();
        if (form.ShowModal() != wxID_OK)
            return;
        Passphrase typed(fromWx(first->GetValue()));
        wxString problem;
        if (fromWx(again->GetValue()) != typed.reveal())
            problem = _("The two passphrases are different.");
        else if (setPassphrase(person->id, typed, problem))
            return;
        wxMessageBox(problem, title, wxOK | wxICON_ERROR, this);
    }
}

void PeopleDialog::onLeaver() {
    auto leaver = selected();
    if (!leaver || !leaver_->IsEnabled())
        return;
    std::vector<Professional> successors;
    wxArrayString names;
    for (const auto& p : shown_)
        if (p.active && p.id != leaver->id) {
            auto org = reader_.organisation(p.organisationId);
            successors.push_back(p);
            names.Add(toWx(p.name) + "  \u2014  " + (org ? toWx(org->name) : wxString()));
        }
    if (successors.empty())
        return;
    ActionQuery open;
    open.owner = leaver->id;
    open.openOnly = true;
    open.limit = 100000;
    const std::size_t actions = reader_.countActions(open);
    const std::size_t cases = reader_.openCasesHeldBy(leaver->id).size();
    wxSingleChoiceDialog choose(
        this,
        wxString::Format(_("%s leaves. They will no longer be able to sign in anywhere, and their "
                           "%zu open actions and %zu cases they are key worker for pass to:"),
                         toWx(leaver->name), actions, cases),
        _("Leaver"), names);
    if (choose.ShowModal() != wxID_OK)
        return;
    const Professional& successor = successors[static_cast<std::size_t>(choose.GetSelection())];
    Handover moved;
    wxString problem;
    if (!handOver(leaver->id, successor.id, moved, problem)) {
        wxMessageBox(problem, _("Leaver"), wxOK | wxICON_ERROR, this);
        return;
    }
    wxMessageBox(
        wxString::Format(_("%s has left. %zu actions and %zu cases passed to %s."),
                         toWx(leaver->name), moved.actions, moved.cases, toWx(successor.name)),
        _("Leaver"), wxOK | wxICON_INFORMATION, this);
}

void PeopleDialog::onOrganisation() {
    Form form(this, _("Add Organisation"));
    auto* name = form.text(_("&Name:"), {});
    wxArrayString kinds;
    for (auto k : kKinds)
        kinds.Add(describe(k));
    auto* kind = form.choice(_("&Kind:"), kinds, 0);
    auto* ods = form.text(_("O&DS code:"), {});
    form.finish();
    name->SetFocus();
    while (form.ShowModal() == wxID_OK) {
        Organisation org;
        org.name = trimmed(name);
        org.kind = kKinds[std::max(0, kind->GetSelection())];
        org.odsCode = fromWx(wxString(trimmed(ods)).Upper());
        wxString problem;
        if (runRefusable([&] { people_.addOrganisation(org); }, problem)) {
            refresh();
            return;
        }
        wxMessageBox(problem, _("Add Organisation"), wxOK | wxICON_ERROR, this);
    }
}

void PeopleDialog::onRecoveryKey() {
    if (wxMessageBox(_("Make a new recovery key? The old one stops working at once."),
                     _("New Recovery Key"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION,
                     this) != wxYES)
        return;
    std::string key;
    wxString problem;
    if (!runRefusable([&] { key = people_.newRecoveryKey(); }, problem)) {
        wxMessageBox(problem, _("New Recovery Key"), wxOK | wxICON_ERROR, this);
        return;
    }
    showRecoveryKey(
        this, key, reader_.location(), user_.userName,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

}  // namespace nmdt::gui
