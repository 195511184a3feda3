#include "column_mapping_dialog.h"

#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "wx_text.h"

namespace nmdt::gui {

namespace {
wxString labelOf(FoundField field) {
    switch (field) {
        case FoundField::NhsNumber:
            return _("&NHS number (needed):");
        case FoundField::DateOfBirth:
            return _("&Date of birth (needed):");
        case FoundField::FamilyName:
            return _("&Family name:");
        case FoundField::GivenName:
            return _("&Given name:");
        case FoundField::FullName:
            return _("Full na&me (if no family name column):");
        case FoundField::Sex:
            return _("&Sex:");
        case FoundField::Postcode:
            return _("&Postcode:");
        case FoundField::PracticeCode:
            return _("Pr&actice ODS code (needed):");
    }
    return {};
}
}  // namespace

ColumnMappingDialog::ColumnMappingDialog(wxWindow* parent, const std::vector<std::string>& header,
                                         const ColumnMapping& proposed, std::size_t rows,
                                         const wxString& suggestedTitle)
    : wxDialog(parent, wxID_ANY, _("Import Search Export"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      header_(header) {
    SetName("ColumnMappingDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                wxString::Format(_("The file has %zu rows. Choose which column "
                                                   "holds what; the other columns are kept as "
                                                   "risk columns (an eFI category, a score)."),
                                                 rows)),
               0, wxALL, 10);
    auto* grid = new wxFlexGridSizer(2, 6, 10);
    grid->AddGrowableCol(1);
    title_ = new wxTextCtrl(this, wxID_ANY, suggestedTitle);
    title_->SetName("ListTitle");
    grid->Add(new wxStaticText(this, wxID_ANY, _("List &title:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(title_, 1, wxEXPAND);
    wxArrayString options;
    options.Add(_("(none)"));
    for (const auto& h : header_)
        options.Add(toWx(h));
    for (FoundField field : allValues<FoundField>()) {
        auto* choice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, options);
        choice->SetName(toWx(std::string(codeOf(field))));
        choice->SetSelection(0);
        if (auto h = proposed.headerFor(field))
            for (std::size_t i = 0; i < header_.size(); ++i)
                if (header_[i] == *h)
                    choice->SetSelection(static_cast<int>(i + 1));
        grid->Add(new wxStaticText(this, wxID_ANY, labelOf(field)), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(choice, 1, wxEXPAND);
        choices_[field] = choice;
    }
    sizer->Add(grid, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("The list stays on this desktop: it is never sent to partners.")),
               0, wxALL, 10);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    SetMinSize(wxSize(520, -1));
    title_->SetFocus();
    title_->SelectAll();
}

ColumnMapping ColumnMappingDialog::mapping() const {
    ColumnMapping out;
    for (FoundField field : allValues<FoundField>()) {
        const int chosen = choices_.at(field)->GetSelection();
        if (chosen > 0)
            out.set(field, header_[static_cast<std::size_t>(chosen - 1)]);
    }
    return out;
}

wxString ColumnMappingDialog::title() const {
    return title_->GetValue().Strip(wxString::both);
}

}  // namespace nmdt::gui
