#pragma once
// A date entry that shows and reads dates as "05-Oct-2025" whatever the computer's locale,
// so no date on screen can be read month-first; a button beside it opens a calendar.

#include <wx/datetime.h>
#include <wx/panel.h>

class wxTextCtrl;
class wxButton;

namespace nmdt::gui {

/// Edits one calendar date in the NHS display form; sends wxEVT_DATE_CHANGED when the
/// date changes (typed and left, Enter, or chosen in the calendar).
class DateField : public wxPanel {
  public:
    DateField(wxWindow* parent, wxWindowID id = wxID_ANY,
              const wxDateTime& value = wxDateTime::Today());

    /// The date shown; what was last typed that reads as a date.
    wxDateTime GetValue() const { return value_; }
    void SetValue(const wxDateTime& value);
    /// True when the text typed does not read as a date (it is shown in red).
    bool hasTypingError() const { return typingError_; }
    wxTextCtrl* text() const { return text_; }
    /// Reads what is typed now, as leaving the field does.
    void commitTyping();
    /// For a dialog's OK: reads what is typed; if it is not a date, says so, puts the caret
    /// there and returns false, so nothing is saved with a date the user did not mean.
    bool readableOrSay();
    /// Makes `dialog`'s OK button check this field first (readableOrSay) and stay open if
    /// the date cannot be read.
    void guardOk(wxWindow* dialog);

  private:
    void showValue();
    void chooseInCalendar();

    wxDateTime value_;
    bool typingError_ = false;
    wxTextCtrl* text_ = nullptr;
    wxButton* calendarButton_ = nullptr;
};

}  // namespace nmdt::gui
