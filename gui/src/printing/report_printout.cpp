#include "report_printout.h"

#include <wx/msgdlg.h>

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

bool printReport(wxWindow* parent, const Report& report, wxPrintData& printData) {
    wxPrintDialogData data(printData);
    wxPrinter printer(&data);
    ReportPrintout printout(report);
    if (printer.Print(parent, &printout, true)) {
        printData = printer.GetPrintDialogData().GetPrintData();
        return true;
    } else if (wxPrinter::GetLastError() == wxPRINTER_ERROR) {
        wxMessageBox(_("It could not be printed. Check the printer, or save it as a PDF instead."),
                     _("Print"), wxOK | wxICON_ERROR, parent);
    }
    return false;
}

void previewReport(wxWindow* parent, const Report& report, wxPrintData& printData) {
    wxPrintDialogData data(printData);
    auto* preview =
        new wxPrintPreview(new ReportPrintout(report), new ReportPrintout(report), &data);
    if (!preview->IsOk()) {
        delete preview;
        wxMessageBox(_("Print preview is not available: is a printer set up?"), _("Print Preview"),
                     wxOK | wxICON_ERROR, parent);
        return;
    }
    auto* frame =
        new wxPreviewFrame(preview, parent, toWx(report.title) + ": " + _("print preview"));
    frame->Initialize();
    frame->Show();
}

bool ReportPrintout::OnPrintPage(int page) {
    mapPointsToPage();
    renderer_.drawPage(*GetDC(), page);
    return true;
}

}  // namespace nmdt::gui
