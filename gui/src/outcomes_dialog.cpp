#include "outcomes_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <cmath>

#include "bar_chart.h"
#include "plan_item_dialogs.h"
#include "record_exchange.h"
#include "refusable.h"
#include "report_list.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

constexpr std::array kBreakdowns{OutcomeBreakdown::Practice, OutcomeBreakdown::AgeBand,
                                 OutcomeBreakdown::Sex, OutcomeBreakdown::NeedDomain};

wxString describeBreakdown(OutcomeBreakdown b) {
    switch (b) {
        case OutcomeBreakdown::Practice:
            return _("GP practice");
        case OutcomeBreakdown::AgeBand:
            return _("Age band");
        case OutcomeBreakdown::Sex:
            return _("Sex");
        case OutcomeBreakdown::NeedDomain:
            break;
    }
    return _("Need domain");
}

/// A group's name as the window shows it.
wxString describeGroup(OutcomeBreakdown b, const OutcomeGroup& g) {
    if (g.code == "none")
        return _("Not recorded");
    switch (b) {
        case OutcomeBreakdown::Practice:
            return g.name.empty() ? toWx(g.code) : toWx(g.name);
        case OutcomeBreakdown::AgeBand:
            if (g.code == "unknown")
                return _("Age not known");
            if (g.code == "85+")
                return _("85 and over");
            return toWx(g.code);
        case OutcomeBreakdown::Sex:
            switch (fromCode<Sex>(g.code).value_or(Sex::NotKnown)) {
                case Sex::Female:
                    return _("Female");
                case Sex::Male:
                    return _("Male");
                case Sex::Other:
                    return _("Other");
                case Sex::NotKnown:
                    break;
            }
            return _("Not known");
        case OutcomeBreakdown::NeedDomain:
            break;
    }
    if (auto domain = fromCode<NeedDomain>(g.code))
        return describeDomain(*domain);
    return toWx(g.code);
}

std::size_t tenths(double value) {
    return value > 0 ? static_cast<std::size_t>(std::lround(value * 10.0)) : 0;
}

wxString oneDecimal(double value) {
    return wxString::Format("%.1f", value);
}

}  // namespace

OutcomesDialog::OutcomesDialog(wxWindow* parent, Commands commands,
                               std::shared_ptr<const ExchangeFormat> format)
    : wxDialog(parent, wxID_ANY, _("Outcomes"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      commands_(std::move(commands)),
      format_(std::move(format)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("&Break down by:")), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    breakdown_ = new wxChoice(this, wxID_ANY);
    for (auto b : kBreakdowns)
        breakdown_->Append(describeBreakdown(b));
    breakdown_->SetSelection(0);
    top->Add(breakdown_, 0);
    sizer->Add(top, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(8));

    book_ = new wxNotebook(this, wxID_ANY);
    addPage(_("Goal attainment"), _("achieved"));
    addPage(_("Wellbeing"), _("latest review"));
    addPage(_("Service use"), _("after the first MDT discussion"));
    addPage(_("By group"), _("goals achieved"));
    sizer->Add(book_, 1, wxEXPAND | wxALL, FromDIP(8));

    auto* note = new wxStaticText(
        this, wxID_ANY,
        _("On screen every count shows. Saved files (CSV and the MeasureReport for the ICB) "
          "show counts under 5, and figures from fewer than 5 residents, as *."));
    note->Wrap(FromDIP(900));
    sizer->Add(note, 0, wxLEFT | wxRIGHT, FromDIP(8));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* save = new wxButton(this, wxID_SAVEAS, _("Save as CS&V..."));
    auto* measure = new wxButton(this, wxID_ANY, _("Save &MeasureReport for the ICB..."));
    auto* again = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    buttons->Add(save, 0, wxRIGHT, FromDIP(8));
    buttons->Add(measure, 0, wxRIGHT, FromDIP(8));
    buttons->Add(again, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(sizer);
    // Sized for the charts, not for the longest line before it is wrapped.
    SetMinSize(FromDIP(wxSize(720, 520)));
    SetSize(FromDIP(wxSize(980, 720)));
    SetEscapeId(wxID_CLOSE);
    measure->Enable(format_ != nullptr);

    breakdown_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        fillTables();
        book_->SetSelection(3);  // the page the choice changes
    });
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSaveCsv(); });
    measure->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSaveMeasureReport(); });
    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    refresh();
    breakdown_->SetFocus();
}

void OutcomesDialog::addPage(const wxString& title, const wxString& highlightMeaning) {
    auto* panel = new wxPanel(book_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    Page page;
    page.headline = new wxStaticText(panel, wxID_ANY, {});
    page.headline->SetFont(page.headline->GetFont().Bold());
    page.chart = new BarChart(panel, highlightMeaning, true);
    page.list = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(page.headline, 0, wxALL, FromDIP(8));
    sizer->Add(page.chart, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
    sizer->Add(page.list, 1, wxEXPAND | wxALL, FromDIP(8));
    panel->SetSizer(sizer);
    book_->AddPage(panel, title);
    pages_.push_back(page);
}

void OutcomesDialog::refresh() {
    wxString problem;
    wxBusyCursor busy;
    if (!runRefusable([&] { report_ = commands_.outcomeReports().build(); }, problem)) {
        wxMessageBox(problem, _("Outcomes"), wxOK | wxICON_WARNING, this);
        return;
    }
    fillTables();
}

void OutcomesDialog::setBreakdown(OutcomeBreakdown breakdown) {
    for (std::size_t i = 0; i < kBreakdowns.size(); ++i)
        if (kBreakdowns[i] == breakdown)
            breakdown_->SetSelection(static_cast<int>(i));
    fillTables();
}

void OutcomesDialog::fillTables() {
    const auto breakdown = kBreakdowns.at(static_cast<std::size_t>(breakdown_->GetSelection()));
    tables_ = outcomeTables(report_, breakdown, Disclosure::Screen);
    const OutcomeGroup& all = report_.all;

    std::vector<Bar> months;
    for (const auto& p : report_.attainment) {
        const std::size_t achieved = p.byProgress[static_cast<std::size_t>(GoalProgress::Achieved)];
        months.push_back({toWx(p.month), p.goals, achieved,
                          p.goals ? wxString::Format(_("%zu of %zu (%.0f%%)"), achieved, p.goals,
                                                     100.0 * double(achieved) / double(p.goals))
                                  : wxString("0")});
    }
    pages_[0].chart->setBars(months);
    pages_[0].headline->SetLabel(wxString::Format(
        _("%zu residents taken on by the team; %zu of the %zu goals in their plans in force are "
          "achieved. Each bar is a month's end: the goals in the plans agreed by then, the "
          "achieved part in green."),
        all.residents, all.goalsAchieved, all.goals));

    static const std::array<wxString, 4> questions{_("Life satisfaction"), _("Worthwhile"),
                                                   _("Happiness"), _("Anxiety")};
    std::vector<Bar> wellbeing;
    for (std::size_t i = 0; i < 4; ++i) {
        wellbeing.push_back({questions[i] + _(", at referral"), tenths(all.wellbeingBaseline[i]), 0,
                             oneDecimal(all.wellbeingBaseline[i])});
        const std::size_t latest = tenths(all.wellbeingLatest[i]);
        wellbeing.push_back(
            {questions[i] + _(", latest"), latest, latest, oneDecimal(all.wellbeingLatest[i])});
    }
    pages_[1].chart->setBars(all.wellbeingResidents ? wellbeing : std::vector<Bar>{});
    pages_[1].headline->SetLabel(
        all.wellbeingResidents
            ? wxString::Format(
                  _("%zu residents have a wellbeing score (ONS4, 0 to 10) at referral and a later "
                    "review. Life satisfaction: %zu better, %zu the same, %zu worse. For anxiety "
                    "a lower score is better."),
                  all.wellbeingResidents, all.better[0], all.same[0], all.worse[0])
            : _("No resident has a wellbeing score at referral and a later one yet. Record "
                "them from the resident's record (Resident > Record Wellbeing)."));

    static const std::array<wxString, 3> measures{_("A&E attendances"), _("Emergency admissions"),
                                                  _("GP contacts")};
    std::vector<Bar> use;
    for (std::size_t i = 0; i < 3; ++i) {
        use.push_back({measures[i] + _(", before"), tenths(all.usedBefore[i]), 0,
                       oneDecimal(all.usedBefore[i])});
        const std::size_t after = tenths(all.usedAfter[i]);
        use.push_back({measures[i] + _(", after"), after, after, oneDecimal(all.usedAfter[i])});
    }
    pages_[2].chart->setBars(all.serviceUseResidents ? use : std::vector<Bar>{});
    pages_[2].headline->SetLabel(
        all.serviceUseResidents
            ? wxString::Format(_("%zu residents with their practice's counts both before and "
                                 "after: per resident per year, in the %d months before the "
                                 "first MDT discussion and the %d months after it."),
                               all.serviceUseResidents, report_.windowMonths, report_.windowMonths)
            : _("No service use is held for residents before and after their first MDT "
                "discussion. A practice imports it with Resident > Import Service Use."));

    std::vector<Bar> groups;
    const auto& list = report_.groups(breakdown);
    for (const auto& g : list)
        groups.push_back({describeGroup(breakdown, g), g.goals, g.goalsAchieved,
                          wxString::Format(wxPLURAL("%zu resident, %zu of %zu goals",
                                                    "%zu residents, %zu of %zu goals",
                                                    static_cast<unsigned>(g.residents)),
                                           g.residents, g.goalsAchieved, g.goals)});
    pages_[3].chart->setBars(groups);
    pages_[3].headline->SetLabel(
        wxString::Format(_("By %s: goals in the plans in force (achieved in green), wellbeing "
                           "change and service use per resident per year."),
                         describeBreakdown(breakdown).Lower()));

    for (std::size_t p = 0; p < pages_.size(); ++p) {
        // The breakdown's groups are worded here; the table holds their codes.
        showReportTable(pages_[p].list, tables_[p], FromDIP(200), [&](std::size_t r) {
            return p == 3 && r < list.size() ? describeGroup(breakdown, list[r]) : wxString();
        });
        pages_[p].headline->Wrap(FromDIP(920));
    }
    Layout();
}

void OutcomesDialog::showPage(std::size_t page) {
    book_->SetSelection(page);
}

long OutcomesDialog::rowCount(std::size_t page) const {
    return pages_.at(page).list->GetItemCount();
}

wxString OutcomesDialog::cell(std::size_t page, long row, int column) const {
    return pages_.at(page).list->GetItemText(row, column);
}

wxString OutcomesDialog::headline(std::size_t page) const {
    return pages_.at(page).headline->GetLabel();
}

bool OutcomesDialog::saveCsv(std::size_t page, const std::string& path, wxString& problem) const {
    const auto breakdown = kBreakdowns.at(static_cast<std::size_t>(breakdown_->GetSelection()));
    const auto exported = outcomeTables(report_, breakdown, Disclosure::Export);
    const auto& table = exported.at(page);
    if (!runRefusable([&] { commands_.outcomeReports().recordTableExport(table.name, path); },
                      problem))
        return false;
    return writeFileWhole(path, toCsv(table), problem);
}

bool OutcomesDialog::saveMeasureReport(const std::string& path, wxString& problem) const {
    return RecordExchange(commands_, format_).exportOutcomes(report_, path, problem);
}

void OutcomesDialog::onSaveCsv() {
    int page = book_->GetSelection();
    if (page < 0)
        return;
    const auto& t = tables_.at(static_cast<std::size_t>(page));
    saveTableAsCsv(this, _("Save outcome table as CSV"),
                   t.name + "-" + toIsoDate(commands_.clock().today()),
                   [&](const std::string& path, wxString& problem) {
                       return saveCsv(static_cast<std::size_t>(page), path, problem);
                   });
}

void OutcomesDialog::onSaveMeasureReport() {
    wxFileDialog where(
        this, _("Save the outcome MeasureReport for the ICB"), {},
        toWx("outcomes-measure-report-" + toIsoDate(commands_.clock().today()) + ".json"),
        _("FHIR JSON (*.json)|*.json"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!saveMeasureReport(fromWx(where.GetPath()), problem))
        wxMessageBox(problem, _("Save MeasureReport"), wxOK | wxICON_ERROR, this);
}

}  // namespace nmdt::gui
