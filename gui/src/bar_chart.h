#pragma once
// A horizontal bar chart drawn with the platform's own fonts and colours: one bar per
// label, an optional highlighted part of each bar (overdue, say), the count at the end.

#include <wx/panel.h>

#include <vector>

namespace nmdt::gui {

/// One bar; `highlighted` is the part of `value` drawn in the warning colour.
struct Bar {
    wxString label;
    std::size_t value = 0;
    std::size_t highlighted = 0;
    wxString caption;  // drawn at the bar's end instead of `value` when not empty
};

/// Paints bars scaled to the largest value.
class BarChart : public wxPanel {
  public:
    /// Highlighted parts are drawn in NHS red (a warning, such as overdue) unless
    /// `goodNews`, when they are drawn in NHS green (achieved, better).
    BarChart(wxWindow* parent, const wxString& highlightMeaning = {}, bool goodNews = false);
    void setBars(std::vector<Bar> bars);
    const std::vector<Bar>& bars() const { return bars_; }

  private:
    void onPaint();

    std::vector<Bar> bars_;
    wxString highlightMeaning_;
    bool goodNews_ = false;
};

}  // namespace nmdt::gui
