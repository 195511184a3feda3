#include "pdf_writer.h"
#include "model/utf8_path.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <wx/dcgraph.h>
#include <wx/graphics.h>

#include <filesystem>
#include <memory>

namespace nmdt::gui {

namespace {
/// Owns a cairo PDF surface and context; destroying it finishes the file.
struct CairoPdf {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    ~CairoPdf() {
        if (cr)
            cairo_destroy(cr);
        if (surface)
            cairo_surface_destroy(surface);
    }
};
}  // namespace

bool writeReportPdf(const Report& report, const std::string& path, std::string& error,
                    PageGeometry geometry) {
    // Write beside the target and rename at the end, so a failure never leaves half a file
    // where the user expects a whole one.
    const std::string partial = path + ".part";
    bool ok = false;
    {
        CairoPdf pdf;
        pdf.surface = cairo_pdf_surface_create(partial.c_str(), geometry.width, geometry.height);
        pdf.cr = cairo_create(pdf.surface);
        if (cairo_status(pdf.cr) != CAIRO_STATUS_SUCCESS) {
            error = cairo_status_to_string(cairo_status(pdf.cr));
        } else {
            ReportRenderer renderer(report, geometry);
            // The wxGCDC reports a size of 0x0 on this surface; the renderer lays out from
            // the page geometry, never from dc.GetSize().
            wxGCDC measure(
                wxGraphicsRenderer::GetCairoRenderer()->CreateContextFromNativeContext(pdf.cr));
            int pages = renderer.paginate(measure);
            ok = true;
            for (int page = 1; page <= pages && ok; ++page) {
                cairo_save(pdf.cr);
                {
                    wxGCDC dc(
                        wxGraphicsRenderer::GetCairoRenderer()->CreateContextFromNativeContext(
                            pdf.cr));
                    renderer.drawPage(dc, page);
                    dc.GetGraphicsContext()->Flush();
                }
                cairo_restore(pdf.cr);
                cairo_show_page(pdf.cr);
                if (cairo_status(pdf.cr) != CAIRO_STATUS_SUCCESS) {
                    error = cairo_status_to_string(cairo_status(pdf.cr));
                    ok = false;
                }
            }
        }
        if (ok) {
            cairo_surface_finish(pdf.surface);
            if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS) {
                error = cairo_status_to_string(cairo_surface_status(pdf.surface));
                ok = false;
            }
        }
    }
    std::error_code ec;
    if (ok) {
        std::filesystem::rename(pathFromUtf8(partial), pathFromUtf8(path), ec);
        if (ec) {
            error = ec.message();
            ok = false;
        }
    }
    if (!ok)
        std::filesystem::remove(pathFromUtf8(partial), ec);
    return ok;
}

}  // namespace nmdt::gui
