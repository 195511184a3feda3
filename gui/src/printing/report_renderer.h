#pragma once
// Lays a Report out on pages and draws them on any wxDC: the print dialog, print preview
// and PDF export all use this, so what is previewed is what is printed and saved.

#include <wx/dc.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "report.h"

namespace nmdt::gui {

/// Page size and margins in points (1/72 inch). A4 by default.
struct PageGeometry {
    double width = 595.0;
    double height = 842.0;
    double margin = 42.0;  // about 15 mm
};

/// Measurements kept from one layout pass to the next: every page is drawn by walking the
/// report from the start, so without this each page would measure every word again.
struct LayoutCache {
    /// Where the page header's parts go (see the renderer's header layout).
    struct Header {
        bool subtitleBelow = false;
        int bannerLines = 1;
    };
    std::optional<Header> header;
    std::unordered_map<std::string, std::vector<wxString>> wrapped;  // font|width|text -> lines
    std::unordered_map<std::string, double> lineHeights;             // font -> line height
};

/// Paginates and draws one report. The DC must be set up so that one logical unit is one
/// point; fonts are scaled by the DC's PPI so text has the same size on every device.
class ReportRenderer {
  public:
    ReportRenderer(const Report& report, PageGeometry geometry = {});

    /// Lays the whole report out (measuring text on `dc`) and returns the number of pages.
    int paginate(wxDC& dc);
    int pageCount() const { return pages_; }
    /// Draws page `page` (1-based) with its banner, header and "Page n of N" footer.
    void drawPage(wxDC& dc, int page);

  private:
    /// Walks the report, drawing only page `pageToDraw` (0: measure only); returns pages used.
    int run(wxDC& dc, int pageToDraw);

    const Report& report_;
    PageGeometry geometry_;
    int pages_ = 0;
    LayoutCache cache_;
};

}  // namespace nmdt::gui
