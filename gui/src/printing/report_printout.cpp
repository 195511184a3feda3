#include "report_printout.h"

#include "../wx_text.h"

namespace nmdt::gui {

ReportPrintout::ReportPrintout(Report report)
    : wxPrintout(toWx(report.title)), report_(std::move(report)), renderer_(report_) {}

void ReportPrintout::mapPointsToPage() {
    // Lay out from the page size and resolution this printout is given (never from
    // dc.GetSize(), which some DCs report as 0x0): A4 in points fitted to the paper.
    PageGeometry g;
    FitThisSizeToPaper(wxSize(static_cast<int>(g.width), static_cast<int>(g.height)));
}

void ReportPrintout::OnPreparePrinting() {
    mapPointsToPage();
    renderer_.paginate(*GetDC());
}

void ReportPrintout::GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) {
    *minPage = *selFrom = 1;
    *maxPage = *selTo = std::max(1, renderer_.pageCount());
}

bool ReportPrintout::OnPrintPage(int page) {
    mapPointsToPage();
    renderer_.drawPage(*GetDC(), page);
    return true;
}

}  // namespace nmdt::gui
