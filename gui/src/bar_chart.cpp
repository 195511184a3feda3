#include "bar_chart.h"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

#include <algorithm>

namespace nmdt::gui {

BarChart::BarChart(wxWindow* parent, const wxString& highlightMeaning, bool goodNews)
    : wxPanel(parent, wxID_ANY), highlightMeaning_(highlightMeaning), goodNews_(goodNews) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(480, 200)));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { onPaint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void BarChart::setBars(std::vector<Bar> bars) {
    bars_ = std::move(bars);
    int rows = static_cast<int>(bars_.size()) + (highlightMeaning_.empty() ? 0 : 1);
    SetMinSize(wxSize(FromDIP(480), FromDIP(8) + rows * FromDIP(24)));
    Refresh();
}

void BarChart::onPaint() {
    wxAutoBufferedPaintDC dc(this);
    const wxColour background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour bar(0, 94, 184);  // NHS blue
    // NHS red for a warning (overdue), NHS green for good news (achieved).
    const wxColour highlight = goodNews_ ? wxColour(0, 103, 71) : wxColour(218, 41, 28);
    dc.SetBackground(wxBrush(background));
    dc.Clear();
    dc.SetFont(GetFont());
    dc.SetTextForeground(text);

    const wxSize size = GetClientSize();
    const int rowHeight = FromDIP(24), gap = FromDIP(8), barHeight = FromDIP(16);
    auto captionOf = [](const Bar& b) {
        return b.caption.empty() ? wxString::Format("%zu", b.value) : b.caption;
    };
    int labelWidth = 0, captionWidth = 0;
    std::size_t largest = 1;
    for (const auto& b : bars_) {
        labelWidth = std::max(labelWidth, dc.GetTextExtent(b.label).x);
        captionWidth = std::max(captionWidth, dc.GetTextExtent(captionOf(b)).x);
        largest = std::max(largest, b.value);
    }
    const int countWidth = captionWidth + gap;
    const int left = labelWidth + gap * 2;
    const int room = std::max(1, size.x - left - countWidth - gap);

    int y = gap / 2;
    for (const auto& b : bars_) {
        int textY = y + (rowHeight - dc.GetCharHeight()) / 2;
        dc.DrawText(b.label, gap, textY);
        int width = static_cast<int>(static_cast<double>(room) * static_cast<double>(b.value) /
                                     static_cast<double>(largest));
        int barY = y + (rowHeight - barHeight) / 2;
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(bar));
        dc.DrawRectangle(left, barY, std::max(width, b.value ? 2 : 0), barHeight);
        if (b.highlighted > 0) {
            int part =
                static_cast<int>(static_cast<double>(room) * static_cast<double>(b.highlighted) /
                                 static_cast<double>(largest));
            dc.SetBrush(wxBrush(highlight));
            dc.DrawRectangle(left, barY, std::max(part, 2), barHeight);
        }
        dc.DrawText(captionOf(b), left + width + gap / 2, textY);
        y += rowHeight;
    }
    if (!highlightMeaning_.empty()) {
        dc.SetBrush(wxBrush(highlight));
        dc.DrawRectangle(left, y + (rowHeight - barHeight) / 2, barHeight, barHeight);
        dc.DrawText(highlightMeaning_, left + barHeight + gap / 2,
                    y + (rowHeight - dc.GetCharHeight()) / 2);
    }
}

}  // namespace nmdt::gui
