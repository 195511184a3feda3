#pragma once
// Import Search Export: which column of the practice's file holds the NHS number, the
// date of birth, the name and the practice, chosen once (proposed from the headers, or as
// the practice chose last time) and a title for the list.

#include <wx/dialog.h>

#include <map>
#include <string>
#include <vector>

#include "model/case_finding.h"

class wxChoice;
class wxTextCtrl;

namespace nmdt::gui {

/// Shows a file's columns against the fields a list needs; the rest become risk columns.
class ColumnMappingDialog : public wxDialog {
  public:
    ColumnMappingDialog(wxWindow* parent, const std::vector<std::string>& header,
                        const ColumnMapping& proposed, std::size_t rows,
                        const wxString& suggestedTitle);

    ColumnMapping mapping() const;
    wxString title() const;
    wxChoice* choiceFor(FoundField field) const { return choices_.at(field); }
    wxTextCtrl* titleBox() const { return title_; }

  private:
    std::vector<std::string> header_;
    std::map<FoundField, wxChoice*> choices_;
    wxTextCtrl* title_ = nullptr;
};

}  // namespace nmdt::gui
