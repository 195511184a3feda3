#pragma once
// Export and import of records through the exchange format (FHIR), worded for the window.
// Files are written beside their destination and renamed into place when whole.

#include <wx/string.h>

#include <memory>
#include <optional>
#include <string>

#include "model/commands.h"
#include "model/exchange_format.h"

namespace nmdt::gui {

/// Writes `document` beside `path` and renames it into place once whole; false and
/// `problem` (worded) when it cannot, leaving nothing half written.
bool writeFileWhole(const std::string& path, const std::string& document, wxString& problem);

/// Runs exports and imports for the main window and its dialogs.
class RecordExchange {
  public:
    RecordExchange(Commands commands, std::shared_ptr<const ExchangeFormat> format)
        : commands_(std::move(commands)), format_(std::move(format)) {}

    bool available() const { return format_ != nullptr; }
    wxString formatName() const;

    bool exportCase(const CaseId& id, const std::string& path, wxString& problem) const;
    bool exportMeeting(const MeetingId& id, const std::string& path, wxString& problem) const;
    bool exportAudit(const AuditQuery& query, const std::string& path, wxString& problem) const;
    /// The outcome measures as a FHIR MeasureReport, small numbers suppressed (audited).
    bool exportOutcomes(const OutcomeReport& report, const std::string& path,
                        wxString& problem) const;
    /// Takes a case in; `summary` says what it did, or `problem` why nothing was imported.
    std::optional<ImportResult> importCase(const std::string& path, wxString& summary,
                                           wxString& problem) const;

  private:
    template <class F>
    bool write(const std::string& path, F&& makeDocument, wxString& problem) const;

    Commands commands_;
    std::shared_ptr<const ExchangeFormat> format_;
};

}  // namespace nmdt::gui
