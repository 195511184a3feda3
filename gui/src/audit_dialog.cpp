#include "audit_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "formatting.h"
#include "model/audit_service.h"
#include "refusable.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
constexpr std::size_t kShown = 2000;

std::vector<AuditEventKind> allKinds() {
    std::vector<AuditEventKind> out;
    for (const auto& [kind, code] : EnumCodes<AuditEventKind>::table)
        out.push_back(kind);
    return out;
}
}  // namespace

AuditDialog::AuditDialog(wxWindow* parent, Commands commands, const DirectoryReader& directory,
                         std::function<AuditVerification()> verify)
    : wxDialog(parent, wxID_ANY, _("Audit trail"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      commands_(std::move(commands)),
      verify_(std::move(verify)),
      people_(directory.professionals()) {
    kind_ = new wxChoice(this, wxID_ANY);
    kind_->Append(_("Any event"));
    for (auto k : allKinds())
        kind_->Append(toWx(std::string(codeOf(k))));
    kind_->SetSelection(0);
    person_ = new wxChoice(this, wxID_ANY);
    person_->Append(_("Anyone"));
    for (const auto& p : people_)
        person_->Append(toWx(p.name));
    person_->SetSelection(0);
    subject_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(260, -1)),
                              wxTE_PROCESS_ENTER);
    subject_->SetHint(_("Subject (a record id)"));
    auto* showButton = new wxButton(this, wxID_ANY, _("&Show"));
    auto* check = new wxButton(this, wxID_ANY, _("Check C&hain"));
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(1000, 420)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    const std::pair<wxString, int> columns[] = {
        {_("#"), 60},      {_("When"), 140},    {_("Who"), 150},   {_("Role"), 100},
        {_("Event"), 110}, {_("Subject"), 200}, {_("Detail"), 240}};
    for (const auto& [title, width] : columns)
        list_->AppendColumn(title, wxLIST_FORMAT_LEFT, FromDIP(width));
    message_ = new wxStaticText(this, wxID_ANY, {});
    auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
    close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); });
    SetEscapeId(wxID_CLOSE);
    showButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onShow(); });
    subject_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { onShow(); });
    check->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { checkChain(); });

    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    filters->Add(kind_, 0, wxRIGHT, FromDIP(8));
    filters->Add(person_, 0, wxRIGHT, FromDIP(8));
    filters->Add(subject_, 0, wxRIGHT, FromDIP(8));
    filters->Add(showButton);
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->Add(check);
    bottom->AddStretchSpacer();
    bottom->Add(close);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(filters, 0, wxALL, FromDIP(12));
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(message_, 0, wxALL, FromDIP(12));
    sizer->Add(bottom, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    SetSizerAndFit(sizer);
    show(std::nullopt, {}, {});
}

void AuditDialog::onShow() {
    std::optional<AuditEventKind> kind;
    if (int k = kind_->GetSelection(); k > 0)
        kind = allKinds()[static_cast<std::size_t>(k - 1)];
    std::string user;
    if (int p = person_->GetSelection(); p > 0)
        user = people_[static_cast<std::size_t>(p - 1)].id.str();
    show(kind, user, fromWx(subject_->GetValue()));
}

bool AuditDialog::show(std::optional<AuditEventKind> kind, const std::string& userId,
                       const std::string& subject) {
    AuditQuery q;
    q.kind = kind;
    if (!userId.empty())
        q.userId = userId;
    if (!subject.empty())
        q.subject = subject;
    q.limit = kShown;
    q.newestFirst = true;
    std::vector<AuditEntry> entries;
    wxString problem;
    list_->DeleteAllItems();
    if (!runRefusable([&] { entries = commands_.audit().entries(q); }, problem)) {
        message_->SetLabel(problem);
        return false;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        long row = list_->InsertItem(static_cast<long>(i),
                                     wxString::Format("%lld", static_cast<long long>(e.sequence)));
        list_->SetItem(row, 1, formatDateTime(e.at));
        list_->SetItem(row, 2, toWx(e.userName));
        list_->SetItem(row, 3, toWx(e.role));
        list_->SetItem(row, 4, toWx(std::string(codeOf(e.kind))));
        list_->SetItem(row, 5, toWx(e.subject));
        list_->SetItem(row, 6, toWx(e.detail));
    }
    message_->SetLabel(
        entries.size() == kShown
            ? wxString::Format(_("The most recent %lu entries; narrow the filters "
                                 "to see earlier ones."),
                               static_cast<unsigned long>(kShown))
            : wxString::Format(_("%lu entries."), static_cast<unsigned long>(entries.size())));
    return true;
}

bool AuditDialog::checkChain() {
    AuditVerification v;
    wxString problem;
    if (!runRefusable([&] { v = verify_(); }, problem)) {
        message_->SetLabel(problem);
        return false;
    }
    if (v.intact)
        message_->SetLabel(wxString::Format(_("The chain is intact: all %lld entries check out."),
                                            static_cast<long long>(v.checked)));
    else
        message_->SetLabel(wxString::Format(
            _("The audit trail has been altered at entry %lld (%s). Tell your information "
              "governance lead."),
            static_cast<long long>(v.firstBrokenSequence.value_or(0)), toWx(v.reason)));
    return v.intact;
}

long AuditDialog::count() const {
    return list_->GetItemCount();
}

wxString AuditDialog::cell(long row, int column) const {
    return list_->GetItemText(row, column);
}

wxString AuditDialog::message() const {
    return message_->GetLabel();
}

}  // namespace nmdt::gui
