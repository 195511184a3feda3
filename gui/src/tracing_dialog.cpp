#include "tracing_dialog.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <filesystem>
#include <fstream>

#include "formatting.h"
#include "identity_text.h"
#include "model/nhs_number.h"
#include "model/utf8_path.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

wxString describe(TraceOutcome outcome) {
    switch (outcome) {
        case TraceOutcome::Traced:
            return _("Found: check with the resident, then record it");
        case TraceOutcome::HeldByAnother:
            return _("Another record here holds this number: the same person? Merge");
        case TraceOutcome::BornDifferently:
            return _("The service has another date of birth: check by hand");
        case TraceOutcome::NoMatch:
            return _("Not found");
        case TraceOutcome::AlreadyRecorded:
            return _("Has an NHS number already");
    }
    return {};
}

std::size_t provisionalCount(const CaseReader& reader) {
    std::size_t n = 0;
    const std::size_t total = reader.caseCount();
    for (std::size_t offset = 0; offset < total; offset += 5000)
        for (const auto& c : reader.casePage(offset, 5000))
            n += c.nhsNumber.empty() && c.status == CaseStatus::Open ? 1 : 0;
    return n;
}

}  // namespace

TracingDialog::TracingDialog(wxWindow* parent, TracingService tracing, CaseService cases,
                             const CaseReader& reader)
    : wxDialog(parent, wxID_ANY, _("Trace NHS Numbers"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      tracing_(tracing),
      cases_(cases),
      reader_(reader) {
    SetName("TracingDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    updateSummary();
    sizer->Add(summary_, 0, wxALL, 10);
    auto* files = new wxBoxSizer(wxHORIZONTAL);
    auto* write = new wxButton(this, wxID_ANY, _("&Write Trace Request..."));
    auto* read = new wxButton(this, wxID_ANY, _("Read Trace Re&ply..."));
    files->Add(write, 0, wxRIGHT, 6);
    files->Add(read);
    sizer->Add(files, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);
    list_ = new wxListView(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(780, 300)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName("Findings");
    list_->AppendColumn(_("Line"), wxLIST_FORMAT_RIGHT, FromDIP(50));
    list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(180));
    list_->AppendColumn(_("Date of birth"), wxLIST_FORMAT_LEFT, FromDIP(100));
    list_->AppendColumn(_("NHS number found"), wxLIST_FORMAT_LEFT, FromDIP(140));
    list_->AppendColumn(_("What next"), wxLIST_FORMAT_LEFT, FromDIP(340));
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    record_ = new wxButton(this, wxID_ANY, _("&Record Number..."));
    merge_ = new wxButton(this, wxID_ANY, _("&Merge..."));
    buttons->Add(record_, 0, wxRIGHT, 6);
    buttons->Add(merge_);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    SetEscapeId(wxID_CLOSE);

    write->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onWrite(); });
    read->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRead(); });
    record_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onRecord(); });
    merge_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onMerge(); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    updateButtons();
}

void TracingDialog::updateSummary() {
    summary_->SetLabel(wxString::Format(
        _("%zu open records have no NHS number yet. Write a trace request for an NHS partner "
          "who can search the national demographics service, then read their reply here."),
        provisionalCount(reader_)));
    summary_->Wrap(FromDIP(760));
}

const TraceFinding* TracingDialog::selected() const {
    const long row = list_->GetFirstSelected();
    if (row < 0 || row >= static_cast<long>(findings_.size()))
        return nullptr;
    return &findings_[static_cast<std::size_t>(row)];
}

void TracingDialog::select(long row) {
    list_->Select(row);
    list_->Focus(row);
    updateButtons();
}

void TracingDialog::updateButtons() {
    const auto* f = selected();
    record_->Enable(f && f->outcome == TraceOutcome::Traced);
    merge_->Enable(f && f->outcome == TraceOutcome::HeldByAnother);
}

void TracingDialog::showFindings() {
    list_->DeleteAllItems();
    for (std::size_t i = 0; i < findings_.size(); ++i) {
        const auto& f = findings_[i];
        auto theCase = reader_.caseById(f.caseId);
        const long row = list_->InsertItem(static_cast<long>(i), wxString::Format("%zu", f.line));
        if (theCase) {
            list_->SetItem(
                row, 1,
                toWx(residentName(theCase->resident.familyName, theCase->resident.givenName)));
            list_->SetItem(row, 2, formatDate(theCase->resident.dateOfBirth));
        }
        list_->SetItem(row, 3, f.nhsNumber.empty() ? wxString() : toWx(nhsNumberText(f.nhsNumber)));
        list_->SetItem(row, 4, describe(f.outcome));
    }
    updateButtons();
}

bool TracingDialog::writeRequest(const std::string& path, wxString& problem) {
    try {
        auto request = tracing_.writeRequest(pathToUtf8(pathFromUtf8(path).filename()));
        const std::string partial = path + ".partial";
        {
            std::ofstream out(pathFromUtf8(partial), std::ios::binary | std::ios::trunc);
            out << request.csv;
            out.flush();
            if (!out) {
                std::filesystem::remove(pathFromUtf8(partial));
                problem = _("The file could not be written. Is the disk full?");
                return false;
            }
        }
        std::filesystem::rename(pathFromUtf8(partial), pathFromUtf8(path));
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    } catch (const std::filesystem::filesystem_error&) {
        problem = _("The file could not be written there.");
    }
    return false;
}

bool TracingDialog::readReply(const std::string& bytes, wxString& problem) {
    try {
        findings_ = tracing_.readReply(bytes);
        showFindings();
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    }
    return false;
}

bool TracingDialog::recordSelected(wxString& problem) {
    return applyToSelected(
        TraceOutcome::Traced,
        [this](const TraceFinding& f) { cases_.recordNhsNumber(f.caseId, f.nhsNumber); },
        _("Recorded"), problem);
}

bool TracingDialog::mergeSelected(wxString& problem) {
    return applyToSelected(
        TraceOutcome::HeldByAnother,
        [this](const TraceFinding& f) { cases_.mergeDuplicate(f.heldBy, f.caseId); },
        _("Merged into the record holding the number"), problem);
}

bool TracingDialog::applyToSelected(TraceOutcome expected,
                                    const std::function<void(const TraceFinding&)>& command,
                                    const wxString& done, wxString& problem) {
    const auto* f = selected();
    if (!f || f->outcome != expected)
        return false;
    try {
        command(*f);
        const long row = list_->GetFirstSelected();
        findings_[static_cast<std::size_t>(row)].outcome = TraceOutcome::AlreadyRecorded;
        list_->SetItem(row, 4, done);
        updateSummary();
        updateButtons();
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    }
    return false;
}

void TracingDialog::onWrite() {
    wxFileDialog choose(this, _("Write Trace Request"), {}, "trace-request.csv",
                        _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (choose.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (writeRequest(fromWx(choose.GetPath()), problem))
        wxMessageBox(_("The trace request is written. It names people: send it only by your NHS "
                       "partner's secure route, and delete your copy once sent."),
                     _("Trace NHS Numbers"), wxOK | wxICON_INFORMATION, this);
    else
        wxMessageBox(problem, _("Trace NHS Numbers"), wxOK | wxICON_WARNING, this);
}

void TracingDialog::onRead() {
    wxFileDialog choose(this, _("Read Trace Reply"), {}, {},
                        _("CSV files (*.csv)|*.csv;*.CSV|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (choose.ShowModal() != wxID_OK)
        return;
    std::ifstream in(pathFromUtf8(fromWx(choose.GetPath())), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    wxString problem;
    if (!readReply(bytes, problem))
        wxMessageBox(problem, _("Read Trace Reply"), wxOK | wxICON_WARNING, this);
}

void TracingDialog::onRecord() {
    const auto* f = selected();
    auto theCase = f ? reader_.caseById(f->caseId) : std::nullopt;
    if (!theCase)
        return;
    const int answer = wxMessageBox(
        wxString::Format(_("Record NHS number %s for %s, born %s?\n\nCheck with the resident "
                           "(or someone who knows them) that this is who the service found."),
                         toWx(nhsNumberText(f->nhsNumber)), toWx(theCase->resident.displayName()),
                         formatDate(theCase->resident.dateOfBirth)),
        _("Record NHS Number"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this);
    if (answer != wxYES)
        return;
    wxString problem;
    if (!recordSelected(problem) && !problem.empty())
        wxMessageBox(problem, _("Record NHS Number"), wxOK | wxICON_WARNING, this);
}

void TracingDialog::onMerge() {
    const auto* f = selected();
    auto provisional = f ? reader_.caseById(f->caseId) : std::nullopt;
    auto holder = f ? reader_.caseById(f->heldBy) : std::nullopt;
    if (!provisional || !holder)
        return;
    const int answer = wxMessageBox(
        wxString::Format(_("NHS number %s is held by:\n\n    %s, born %s\n\nThis record without "
                           "a number is:\n\n    %s, born %s\n\nIf they are the same person, this "
                           "record's contacts, consent, care team, plans, actions and agenda items "
                           "move to theirs, and this one is closed as merged. Merge?"),
                         toWx(nhsNumberText(f->nhsNumber)), toWx(holder->resident.displayName()),
                         formatDate(holder->resident.dateOfBirth),
                         toWx(provisional->resident.displayName()),
                         formatDate(provisional->resident.dateOfBirth)),
        _("Merge Records"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this);
    if (answer != wxYES)
        return;
    wxString problem;
    if (!mergeSelected(problem) && !problem.empty())
        wxMessageBox(problem, _("Merge Records"), wxOK | wxICON_WARNING, this);
}

}  // namespace nmdt::gui
