#pragma once
// Saves a report as a PDF file without any print dialog (GTK's print-to-file hangs on a
// headless machine, and a PDF for the patient should not need one).

#include <string>

#include "report.h"
#include "report_renderer.h"

namespace nmdt::gui {

/// Writes `report` to `path` as an A4 PDF. On failure returns false with a reason in
/// `error`, and leaves no partial file behind.
bool writeReportPdf(const Report& report, const std::string& path, std::string& error,
                    PageGeometry geometry = {});

}  // namespace nmdt::gui
