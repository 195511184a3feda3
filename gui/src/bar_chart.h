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
};

/// Paints bars scaled to the largest value.
class BarChart : public wxPanel {
  public:
    BarChart(wxWindow* parent, const wxString& highlightMeaning = {});
    void setBars(std::vector<Bar> bars);
    const std::vector<Bar>& bars() const { return bars_; }

  private:
    void onPaint();

    std::vector<Bar> bars_;
    wxString highlightMeaning_;
};

}  // namespace nmdt::gui
