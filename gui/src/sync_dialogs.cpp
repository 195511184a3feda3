#include "sync_dialogs.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "formatting.h"
#include "identity_text.h"
#include "model/case_service.h"
#include "model/conflict_service.h"
#include "refusable.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
wxString valueText(const FieldValue& v) {
    if (auto s = std::get_if<std::string>(&v))
        return toWx(*s);
    if (auto i = std::get_if<std::int64_t>(&v))
        return wxString::Format("%lld", static_cast<long long>(*i));
    return _("(empty)");
}

wxListCtrl* makeList(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition,
                                parent->FromDIP(wxSize(860, 260)), wxLC_REPORT | wxLC_SINGLE_SEL);
    for (std::size_t i = 0; i < columns.size(); ++i)
        list->AppendColumn(columns[i].first, wxLIST_FORMAT_LEFT,
                           parent->FromDIP(columns[i].second));
    return list;
}

}  // namespace

SyncListDialog::SyncListDialog(wxWindow* parent, const wxString& title, const wxString& intro,
                               const std::vector<std::pair<wxString, int>>& columns,
                               const std::vector<Button>& buttons)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    auto* introText = new wxStaticText(this, wxID_ANY, intro);
    introText->Wrap(FromDIP(840));
    list_ = makeList(this, columns);
    message_ = new wxStaticText(this, wxID_ANY, {});
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& b : buttons) {
        auto* button = new wxButton(this, wxID_ANY, b.label);
        button->Bind(wxEVT_BUTTON, [action = b.action](wxCommandEvent&) { action(); });
        row->Add(button, 0, wxRIGHT, FromDIP(8));
    }
    row->AddStretchSpacer();
    auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
    close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); });
    row->Add(close);
    SetEscapeId(wxID_CLOSE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(introText, 0, wxALL, FromDIP(12));
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(message_, 0, wxALL, FromDIP(12));
    sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    SetSizerAndFit(sizer);
}

void SyncListDialog::select(long row) {
    list_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

long SyncListDialog::count() const {
    return list_->GetItemCount();
}

wxString SyncListDialog::message() const {
    return message_->GetLabel();
}

long SyncListDialog::selectedOrSay(const wxString& what) {
    long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0)
        message_->SetLabel(what);
    return row;
}

ConflictsDialog::ConflictsDialog(wxWindow* parent, Commands commands, SyncStore& sync,
                                 const CaseReader& cases, const ActionReader& actions)
    : SyncListDialog(
          parent, _("Sync conflicts"),
          _("Two people changed the same thing on different desktops before they synced. Every "
            "desktop shows the later value; the other one is kept here until someone decides."),
          {{_("Record"), 230},
           {_("Field"), 110},
           {_("Current value"), 200},
           {_("Other value"), 200},
           {_("Other value by"), 120}},
          {{_("&Keep Current"), [this] { resolveSelected(false); }},
           {_("&Use Other Value"), [this] { resolveSelected(true); }}}),
      commands_(std::move(commands)),
      sync_(sync),
      cases_(cases),
      actions_(actions) {
    reload();
}

wxString ConflictsDialog::describeRecord(const SyncConflict& c) const {
    switch (c.kind) {
        case EntityKind::Action:
            if (auto a = actions_.action(ActionId(c.entityId)))
                return wxString::Format(_("Action: %s"), toWx(a->title));
            break;
        case EntityKind::Case:
            if (auto k = cases_.caseById(CaseId(c.entityId)))
                return wxString::Format(_("Resident: %s"), toWx(residentLabel(k->resident)));
            break;
        default:
            break;
    }
    return toWx(std::string(entityKindName(c.kind))) + " " + toWx(c.entityId.substr(0, 8));
}

void ConflictsDialog::reload() {
    conflicts_ = sync_.conflicts(true);
    list_->DeleteAllItems();
    for (std::size_t i = 0; i < conflicts_.size(); ++i) {
        const auto& c = conflicts_[i];
        auto current = sync_.currentValue(c.kind, c.entityId, c.field).value_or(c.keptValue);
        long row = list_->InsertItem(static_cast<long>(i), describeRecord(c));
        list_->SetItem(row, 1, toWx(c.field));
        list_->SetItem(row, 2, valueText(current));
        list_->SetItem(row, 3, valueText(c.lostValue));
        list_->SetItem(row, 4, c.lostUserName.empty() ? _("unknown") : toWx(c.lostUserName));
    }
    if (!conflicts_.empty())
        select(0);
    message_->SetLabel(conflicts_.empty() ? _("Nothing to settle.") : wxString());
}

bool ConflictsDialog::resolveSelected(bool useOther) {
    long row = selectedOrSay(_("Choose a conflict first."));
    if (row < 0)
        return false;
    wxString problem;
    bool ok = runRefusable(
        [&] {
            commands_.conflicts(sync_).resolve(conflicts_[static_cast<std::size_t>(row)].id,
                                               useOther ? ConflictService::Choice::UseOther
                                                        : ConflictService::Choice::KeepCurrent);
        },
        problem);
    reload();
    if (!ok)
        message_->SetLabel(problem);
    return ok;
}

DuplicatesDialog::DuplicatesDialog(wxWindow* parent, Commands commands, SyncStore& sync,
                                   const CaseReader& cases)
    : SyncListDialog(
          parent, _("Possible duplicate people"),
          _("These records share an NHS number: the same person was probably referred on two "
            "desktops. Check they are one person, then merge the later record into the first."),
          {{_("NHS number"), 120},
           {_("Name"), 200},
           {_("Born"), 100},
           {_("Referred"), 100},
           {_("Reason"), 200},
           {_("Merge into"), 140}},
          {{_("&Merge..."), [this] { mergeSelected(true); }}}),
      commands_(std::move(commands)),
      sync_(sync),
      cases_(cases) {
    reload();
}

void DuplicatesDialog::reload() {
    rows_.clear();
    list_->DeleteAllItems();
    for (const auto& group : sync_.duplicatePeople()) {
        const CaseId keep(group.caseIds.front());
        for (std::size_t i = 1; i < group.caseIds.size(); ++i) {
            const CaseId absorb(group.caseIds[i]);
            auto c = cases_.caseById(absorb);
            auto k = cases_.caseById(keep);
            if (!c || !k)
                continue;
            long row = list_->InsertItem(static_cast<long>(rows_.size()),
                                         toWx(nhsNumberText(group.nhsNumber)));
            list_->SetItem(
                row, 1,
                toWx(leftToRightLine(residentName(c->resident.familyName, c->resident.givenName))));
            list_->SetItem(row, 2, formatDate(c->resident.dateOfBirth));
            list_->SetItem(row, 3, formatDate(c->referralDate));
            list_->SetItem(row, 4, toWx(c->referralReason));
            list_->SetItem(
                row, 5,
                toWx(leftToRightLine(residentName(k->resident.familyName, k->resident.givenName))) +
                    " (" + formatDate(k->referralDate) + ")");
            rows_.push_back({keep, absorb});
        }
    }
    if (!rows_.empty())
        select(0);
    message_->SetLabel(rows_.empty() ? _("No records share an NHS number.") : wxString());
}

bool DuplicatesDialog::mergeSelected(bool askFirst) {
    long row = selectedOrSay(_("Choose a record first."));
    if (row < 0)
        return false;
    const Row r = rows_[static_cast<std::size_t>(row)];
    if (askFirst &&
        wxMessageBox(_("Merge this record into the first one? Its contacts, consents, care "
                       "team, plans, actions and agenda items move across, and it is closed. "
                       "Only do this if they are the same person."),
                     _("Merge records"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES)
        return false;
    wxString problem;
    bool ok = runRefusable([&] { commands_.cases().mergeDuplicate(r.keep, r.absorb); }, problem);
    reload();
    if (!ok)
        message_->SetLabel(problem);
    return ok;
}

}  // namespace nmdt::gui
