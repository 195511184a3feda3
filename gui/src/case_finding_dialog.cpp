#include "case_finding_dialog.h"

#include <wx/busyinfo.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <filesystem>
#include <fstream>

#include "column_mapping_dialog.h"
#include "formatting.h"
#include "identity_text.h"
#include "model/utf8_path.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

enum Column { kLine, kName, kNhsNumber, kBorn, kKnown, kDecision, kFirstRisk };

// A search export is a few MB; a bigger file is not one (a backup, a video).
constexpr std::uintmax_t kMaxExportBytes = 200u * 1024 * 1024;

/// The filter choices, in the order the list offers them.
struct Filter {
    wxString label;
    std::optional<ScreeningDecision> decision;
    bool dueOnly = false;
};
std::vector<Filter> filters() {
    return {{_("Everyone"), std::nullopt, false},
            {_("Not screened"), ScreeningDecision::Pending, false},
            {_("Due for review"), std::nullopt, true},
            {_("Referred"), ScreeningDecision::Referred, false},
            {_("Review later"), ScreeningDecision::ReviewLater, false},
            {_("Not suitable"), ScreeningDecision::NotSuitable, false},
            {_("Objects to sharing"), ScreeningDecision::Objected, false}};
}

wxString knownText(const ScreeningRow& row) {
    if (row.knownCase.empty())
        return {};
    const wxString known =
        row.knownStatus == "open" ? _("Known: open case") : _("Known: closed case");
    // The same NHS number with another date of birth: a wrong number in the search or in
    // the record, to check before anyone acts on either.
    if (row.knownDateOfBirth && *row.knownDateOfBirth != row.entry.dateOfBirth)
        return known +
               wxString::Format(_(" - BORN %s IN THE RECORD"), formatDate(*row.knownDateOfBirth));
    return known;
}

}  // namespace

wxString describeDecision(const CaseFindingEntry& e) {
    switch (e.decision) {
        case ScreeningDecision::Pending:
            return _("Not screened");
        case ScreeningDecision::Referred:
            return _("Referred");
        case ScreeningDecision::ReviewLater:
            return e.reviewOn ? wxString::Format(_("Review on %s"), formatDate(*e.reviewOn))
                              : _("Review later");
        case ScreeningDecision::NotSuitable:
            return wxString::Format(_("Not suitable: %s"), toWx(e.reason));
        case ScreeningDecision::Objected:
            return _("Objects to sharing");
    }
    return {};
}

ScreeningListView::ScreeningListView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    SetName(_("People on the list"));
}

void ScreeningListView::show(std::vector<ScreeningRow> rows,
                             const std::vector<std::string>& riskColumns) {
    SetItemCount(0);
    ClearAll();
    AppendColumn(_("Line"), wxLIST_FORMAT_RIGHT, FromDIP(50));
    AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(200));
    AppendColumn(_("NHS number"), wxLIST_FORMAT_LEFT, FromDIP(110));
    AppendColumn(_("Date of birth"), wxLIST_FORMAT_LEFT, FromDIP(100));
    AppendColumn(_("Known here"), wxLIST_FORMAT_LEFT, FromDIP(130));
    AppendColumn(_("Decision"), wxLIST_FORMAT_LEFT, FromDIP(180));
    for (const auto& r : riskColumns)
        AppendColumn(toWx(r), wxLIST_FORMAT_LEFT, FromDIP(100));
    riskColumns_ = riskColumns.size();
    rows_ = std::move(rows);
    SetItemCount(static_cast<long>(rows_.size()));
    Refresh();
}

const ScreeningRow* ScreeningListView::selectedRow() const {
    const long row = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || row >= static_cast<long>(rows_.size()))
        return nullptr;
    return &rows_[static_cast<std::size_t>(row)];
}

void ScreeningListView::selectRow(long row) {
    if (row < 0 || row >= static_cast<long>(rows_.size()))
        return;
    SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(row);
}

wxString ScreeningListView::OnGetItemText(long item, long column) const {
    if (item < 0 || item >= static_cast<long>(rows_.size()))
        return {};
    const auto& row = rows_[static_cast<std::size_t>(item)];
    const auto& e = row.entry;
    switch (column) {
        case kLine:
            return wxString::Format("%d", e.line);
        case kName:
            return toWx(residentName(e.familyName, e.givenName));
        case kNhsNumber:
            return toWx(nhsNumberText(e.nhsNumber));
        case kBorn:
            return formatDate(e.dateOfBirth);
        case kKnown:
            return knownText(row);
        case kDecision:
            return describeDecision(e);
        default: {
            const auto risk = static_cast<std::size_t>(column - kFirstRisk);
            return risk < e.risk.size() && risk < riskColumns_ ? toWx(e.risk[risk]) : wxString();
        }
    }
}

CaseFindingDialog::CaseFindingDialog(wxWindow* parent, CaseFindingService service,
                                     const CaseFindingReader& reader, OrganisationId organisation,
                                     Date today, Refer refer)
    : wxDialog(parent, wxID_ANY, _("Case Finding"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      service_(service),
      reader_(reader),
      organisation_(std::move(organisation)),
      today_(today),
      refer_(std::move(refer)) {
    SetName("CaseFindingDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("&List:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             6);
    lists_ = new wxChoice(this, wxID_ANY);
    lists_->SetName("Lists");
    top->Add(lists_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    top->Add(new wxStaticText(this, wxID_ANY, _("S&how:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             6);
    filter_ = new wxChoice(this, wxID_ANY);
    filter_->SetName("Show");
    for (const auto& f : filters())
        filter_->Append(f.label);
    filter_->SetSelection(0);
    top->Add(filter_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    auto* import = new wxButton(this, wxID_ANY, _("&Import Search Export..."));
    top->Add(import, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 10);

    people_ = new ScreeningListView(this);
    sizer->Add(people_, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    summary_->SetName("Summary");
    sizer->Add(summary_, 0, wxEXPAND | wxALL, 10);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    referButton_ = new wxButton(this, wxID_ANY, _("&Refer..."));
    laterButton_ = new wxButton(this, wxID_ANY, _("Review La&ter..."));
    unsuitableButton_ = new wxButton(this, wxID_ANY, _("&Not Suitable..."));
    objectedButton_ = new wxButton(this, wxID_ANY, _("&Objects to Sharing..."));
    clearButton_ = new wxButton(this, wxID_ANY, _("Clear &Decision"));
    for (auto* b : {referButton_, laterButton_, unsuitableButton_, objectedButton_, clearButton_})
        buttons->Add(b, 0, wxRIGHT, 6);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")));
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(1000, 640)));
    SetEscapeId(wxID_CLOSE);

    lists_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refreshPeople(); });
    filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refreshPeople(); });
    import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onImport();
});
referButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRefer(); });
laterButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onReviewLater(); });
unsuitableButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onNotSuitable(); });
objectedButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onObjected(); });
clearButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onClear(); });
people_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
people_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
people_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { onRefer(); });
refreshLists();
people_->SetFocus();
}  // namespace nmdt::gui

std::optional<CaseFindingList> CaseFindingDialog::currentList() const {
    const int chosen = lists_->GetSelection();
    if (chosen < 0 || chosen >= static_cast<int>(shownLists_.size()))
        return std::nullopt;
    return shownLists_[static_cast<std::size_t>(chosen)];
}

void CaseFindingDialog::refreshLists(const std::optional<CaseFindingListId>& show) {
    const auto before = currentList();
    shownLists_ = reader_.caseFindingLists(organisation_);
    lists_->Clear();
    int select = shownLists_.empty() ? -1 : 0;
    int firstWithDue = -1;
    for (std::size_t i = 0; i < shownLists_.size(); ++i) {
        const auto& l = shownLists_[i];
        ScreeningQuery due(l.id);
        due.dueForReviewOnly = true;
        due.asOf = today_;
        const std::size_t dueCount = reader_.screeningRows(due).size();
        wxString label = wxString::Format(_("%s (imported %s, %d people)"), toWx(l.title),
                                          formatDate(dateOf(l.importedAt)), l.rowCount);
        if (dueCount > 0)
            label += " - " + wxString::Format(_("%zu due for review"), dueCount);
        lists_->Append(label);
        if (dueCount > 0 && firstWithDue < 0)
            firstWithDue = static_cast<int>(i);
        const auto& wanted = show ? *show : (before ? before->id : CaseFindingListId());
        if (l.id == wanted)
            select = static_cast<int>(i);
    }
    // Opened afresh: the newest list with people due for review, where the reminder led.
    if (!show && !before && firstWithDue >= 0)
        select = firstWithDue;
    lists_->SetSelection(select);
    refreshPeople();
}

void CaseFindingDialog::refreshPeople() {
    // The row selected goes with the rows: a decision is never made on a person the screen
    // no longer shows beside it.
    const auto* was = people_->selectedRow();
    const auto keep = was ? std::optional(was->entry.id) : std::nullopt;
    people_->SetItemState(-1, 0, wxLIST_STATE_SELECTED);
    const auto list = currentList();
    if (!list) {
        people_->show({}, {});
        summary_->SetLabel(
            _("No lists yet. Import your practice's search export (a CSV file "
              "from EMIS Web, SystmOne or Vision) to start."));
        updateButtons();
        return;
    }
    const Filter f = filters()[static_cast<std::size_t>(std::max(0, filter_->GetSelection()))];
    ScreeningQuery query(list->id, f.decision);
    query.dueForReviewOnly = f.dueOnly;
    query.asOf = today_;
    auto rows = reader_.screeningRows(query);
    const auto everyone = f.decision || f.dueOnly ? reader_.screeningRows({list->id}) : rows;
    std::size_t known = 0, pending = 0, objected = 0;
    for (const auto& r : everyone) {
        known += r.knownCase.empty() ? 0 : 1;
        pending += r.entry.decision == ScreeningDecision::Pending ? 1 : 0;
        objected += r.entry.decision == ScreeningDecision::Objected ? 1 : 0;
    }
    people_->show(std::move(rows), list->riskColumns);
    if (keep)
        for (std::size_t i = 0; i < people_->rows().size(); ++i)
            if (people_->rows()[i].entry.id == *keep)
                people_->selectRow(static_cast<long>(i));
    wxString summary = wxString::Format(
        _("%zu people on this list: %zu already known here, %zu not screened yet. Showing %zu. "
          "The list stays on this desktop."),
        everyone.size(), known, pending, people_->rows().size());
    if (objected > 0)  // some perhaps on an earlier list: an objection follows the person
        summary += "\n" + wxString::Format(wxPLURAL("%zu person objects to sharing (recorded "
                                                    "on this list or an earlier one): not to "
                                                    "be referred.",
                                                    "%zu people object to sharing (recorded on "
                                                    "this list or an earlier one): not to be "
                                                    "referred.",
                                                    static_cast<unsigned>(objected)),
                                           objected);
    summary_->SetLabel(summary);
    Layout();  // one line or two
    updateButtons();
}

void CaseFindingDialog::updateButtons() {
    const auto* row = people_->selectedRow();
    const bool decidable = row && row->entry.decision != ScreeningDecision::Referred;
    referButton_->Enable(decidable && row->entry.decision != ScreeningDecision::Objected &&
                         row->knownCase.empty());
    laterButton_->Enable(decidable);
    unsuitableButton_->Enable(decidable);
    objectedButton_->Enable(decidable);
    clearButton_->Enable(decidable && row->entry.decision != ScreeningDecision::Pending);
}

void CaseFindingDialog::tell(bool ok, const wxString& problem) {
    if (!ok && !problem.empty())
        wxMessageBox(problem, _("Case Finding"), wxOK | wxICON_WARNING, this);
}

bool CaseFindingDialog::importBytes(const std::string& bytes, const std::string& fileName,
                                    const ColumnMapping& mapping, const wxString& title,
                                    wxString& problem) {
    try {
        auto result = service_.importList({fromWx(title), fileName, bytes, mapping});
        refreshLists(result.list);
        people_->SetFocus();  // the new list, ready to screen from the keyboard
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    }
    return false;
}

bool CaseFindingDialog::screenSelected(ScreeningDecision decision, const std::string& reason,
                                       std::optional<Date> reviewOn, wxString& problem) {
    const auto* row = people_->selectedRow();
    if (!row)
        return false;
    try {
        service_.screen(row->entry.id, decision, reason, reviewOn);
        refreshPeople();
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    }
    return false;
}

bool CaseFindingDialog::referSelected(wxString& problem) {
    const auto* row = people_->selectedRow();
    const auto list = currentList();
    if (!row || !list)
        return false;
    const CaseFindingEntry entry = row->entry;
    try {
        service_.requireMayRefer(entry.id);
        auto made = refer_ ? refer_(entry, *list) : std::nullopt;
        if (!made)
            return false;  // the referral form was cancelled; nothing changed
        service_.recordReferral(entry.id, *made);
        refreshPeople();
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    }
    return false;
}

void CaseFindingDialog::onImport() {
    wxFileDialog choose(this, _("Import Search Export"), {}, {},
                        _("CSV files (*.csv)|*.csv;*.CSV|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (choose.ShowModal() != wxID_OK)
        return;
    const std::string path = fromWx(choose.GetPath());
    std::error_code ec;
    const auto size = std::filesystem::file_size(pathFromUtf8(path), ec);
    if (ec || size > kMaxExportBytes) {
        tell(false, ec ? _("The file could not be read.")
                       : _("The file is larger than 200 MB: it is not a search export."));
        return;
    }
    std::string bytes;
    {
        std::ifstream in(pathFromUtf8(path), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    CsvTable table;
    try {
        table = readCsv(bytes);
    } catch (const CsvError& e) {
        tell(false, describe(DomainError({problemOf(e)})));
        return;
    }
    const std::string fileName = pathToUtf8(pathFromUtf8(path).filename());
    ColumnMapping mapping = proposeMapping(table.header, service_.rememberedMapping());
    wxString title = toWx(pathToUtf8(pathFromUtf8(path).stem()));
    for (;;) {
        ColumnMappingDialog ask(this, table.header, mapping, table.rows.size(), title);
        if (ask.ShowModal() != wxID_OK)
            return;
        mapping = ask.mapping();
        title = ask.title();
        // A column chosen wrongly is chosen again; anything else means exporting again.
        if (auto missing = mappingProblems(mapping, table); !missing.empty()) {
            tell(false, describe(DomainError(missing)));
            continue;
        }
        wxString problem;
        bool ok = false;
        {
            wxBusyInfo busy(wxString::Format(_("Importing %zu people..."), table.rows.size()),
                            this);
            ok = importBytes(bytes, fileName, mapping, title, problem);
        }
        if (ok)
            wxMessageBox(wxString::Format(_("%zu people imported. The list stays on this "
                                            "desktop and is never sent to partners."),
                                          table.rows.size()),
                         _("Case Finding"), wxOK | wxICON_INFORMATION, this);
        else
            wxMessageBox(problem + "\n\n" + _("Nothing was imported."), _("Import Search Export"),
                         wxOK | wxICON_WARNING, this);
        return;
    }
}

void CaseFindingDialog::onRefer() {
    if (!referButton_->IsEnabled())
        return;
    wxString problem;
    tell(referSelected(problem), problem);
}

bool CaseFindingDialog::confirmWithdrawingObjection() {
    const auto* row = people_->selectedRow();
    if (!row || row->entry.decision != ScreeningDecision::Objected)
        return true;
    // An objection stands on every list the person is on: another decision lifts it from
    // all of them, which only the person can ask for.
    return wxMessageBox(
               wxString::Format(
                   _("%s objected to their information being shared. Another decision "
                     "withdraws the objection on every list of the practice they are on.\n\n"
                     "Has the person withdrawn their objection?"),
                   toWx(residentName(row->entry.familyName, row->entry.givenName))),
               _("Withdraw Objection"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) == wxYES;
}

void CaseFindingDialog::onReviewLater() {
    const auto* row = people_->selectedRow();
    if (!row || !confirmWithdrawingObjection())
        return;
    wxString typed = formatDate(addDays(today_, 91));
    for (;;) {
        wxTextEntryDialog ask(
            this,
            wxString::Format(_("Look at %s again on:"),
                             toWx(residentName(row->entry.familyName, row->entry.givenName))),
            _("Review Later"), typed);
        if (ask.ShowModal() != wxID_OK)
            return;
        typed = ask.GetValue();
        auto date = parseDisplayDate(typed);
        wxString problem;
        if (!date) {
            tell(false, _("That is not a date. Type it as on the list, for example ") +
                            formatDate(addDays(today_, 91)) + ".");
            continue;
        }
        if (screenSelected(ScreeningDecision::ReviewLater, "", date, problem))
            return;
        tell(false, problem);
    }
}

void CaseFindingDialog::onNotSuitable() {
    const auto* row = people_->selectedRow();
    if (!row || !confirmWithdrawingObjection())
        return;
    wxTextEntryDialog ask(
        this,
        wxString::Format(_("Why is the MDT not suitable for %s?"),
                         toWx(residentName(row->entry.familyName, row->entry.givenName))),
        _("Not Suitable"));
    if (ask.ShowModal() != wxID_OK)
        return;
    wxString problem;
    tell(screenSelected(ScreeningDecision::NotSuitable,
                        fromWx(ask.GetValue().Strip(wxString::both)), std::nullopt, problem),
         problem);
}

void CaseFindingDialog::onObjected() {
    const auto* row = people_->selectedRow();
    if (!row)
        return;
    wxTextEntryDialog ask(
        this,
        wxString::Format(_("%s objects to their information being shared. They will not be "
                           "referred from this list or any other of the practice's lists, "
                           "now or later. What did they say (optional)?"),
                         toWx(residentName(row->entry.familyName, row->entry.givenName))),
        _("Objects to Sharing"));
    if (ask.ShowModal() != wxID_OK)
        return;
    wxString problem;
    tell(screenSelected(ScreeningDecision::Objected, fromWx(ask.GetValue().Strip(wxString::both)),
                        std::nullopt, problem),
         problem);
}

void CaseFindingDialog::onClear() {
    if (!confirmWithdrawingObjection())
        return;
    wxString problem;
    tell(screenSelected(ScreeningDecision::Pending, "", std::nullopt, problem), problem);
}

}  // namespace nmdt::gui
