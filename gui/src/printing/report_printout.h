#pragma once
// A Report as a wxPrintout, for the native print dialog and print preview.

#include <wx/print.h>

#include "report.h"
#include "report_renderer.h"

namespace nmdt::gui {

/// Prints a report through wx; shares page layout with the PDF export.
class ReportPrintout : public wxPrintout {
  public:
    explicit ReportPrintout(Report report);

    void OnPreparePrinting() override;
    bool HasPage(int page) override { return page >= 1 && page <= renderer_.pageCount(); }
    void GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) override;
    bool OnPrintPage(int page) override;

  private:
    /// Scales the DC so that one logical unit is one point on paper.
    void mapPointsToPage();

    Report report_;
    ReportRenderer renderer_;
};

/// Prints `report` through the native print dialog; says why if printing failed. True if
/// it was sent to a printer.
bool printReport(wxWindow* parent, const Report& report, wxPrintData& printData);
/// Opens a print preview window for `report`.
void previewReport(wxWindow* parent, const Report& report, wxPrintData& printData);

}  // namespace nmdt::gui
