#pragma once
// Records a resident's wellbeing score: the four ONS4 questions, each answered 0 to 10,
// at referral (the baseline) or at a review, with the scores recorded before beside it.

#include <wx/dialog.h>

#include <array>
#include <vector>

#include "model/case_record.h"
#include "model/outcomes.h"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Asks for one ONS4 score and shows the resident's earlier ones.
class WellbeingDialog : public wxDialog {
  public:
    /// `resident`: who the score is for, shown above everything else in the dialog.
    WellbeingDialog(wxWindow* parent, const Resident& resident,
                    const std::vector<WellbeingScore>& history, Date today);
    wxString identity() const;

    /// The score as entered (case and recorder are the caller's); valid once OK closed it.
    WellbeingScore score() const;
    wxChoice* occasion() const { return occasion_; }
    DateField* date() const { return date_; }
    wxTextCtrl* answer(std::size_t question) const { return answers_.at(question); }
    wxListCtrl* history() const { return history_; }
    wxString problems() const;

  private:
    bool validate();

    wxListCtrl* history_ = nullptr;
    wxChoice* occasion_ = nullptr;
    DateField* date_ = nullptr;
    std::array<wxTextCtrl*, 4> answers_{};
    wxStaticText* problems_ = nullptr;
    wxStaticText* identity_ = nullptr;
};

/// "Life satisfaction" and the rest, in ONS4 order.
wxString wellbeingQuestionName(std::size_t question);

}  // namespace nmdt::gui
