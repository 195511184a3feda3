#include "record_exchange.h"

#include <wx/intl.h>

#include <filesystem>
#include <fstream>

#include "model/nhs_number.h"
#include "model/utf8_path.h"
#include "refusable.h"
#include "wx_text.h"

namespace nmdt::gui {

wxString RecordExchange::formatName() const {
    return format_ ? toWx(format_->name()) : wxString();
}

bool writeFileWhole(const std::string& path, const std::string& document, wxString& problem) {
    std::string partial = path + ".partial";
    {
        std::ofstream out(pathFromUtf8(partial), std::ios::binary | std::ios::trunc);
        out << document;
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(pathFromUtf8(partial), ec);
            problem = wxString::Format(
                _("Could not write %s (is the disk full, or the folder read-only?)."), toWx(path));
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(pathFromUtf8(partial), pathFromUtf8(path), ec);
    if (ec) {
        std::filesystem::remove(pathFromUtf8(partial), ec);
        problem = wxString::Format(_("Could not write %s."), toWx(path));
        return false;
    }
    return true;
}

template <class F>
bool RecordExchange::write(const std::string& path, F&& makeDocument, wxString& problem) const {
    if (!format_) {
        problem = _("No exchange format is set up in this installation.");
        return false;
    }
    std::string document;
    if (!runRefusable([&] { document = makeDocument(); }, problem))
        return false;
    return writeFileWhole(path, document, problem);
}

bool RecordExchange::exportOutcomes(const OutcomeReport& report, const std::string& path,
                                    wxString& problem) const {
    return write(
        path,
        [&] {
            auto measures = commands_.outcomeReports().exportMeasures(report, path);
            return format_->outcomeDocument(measures, commands_.clock().now());
        },
        problem);
}

bool RecordExchange::exportCase(const CaseId& id, const std::string& path,
                                wxString& problem) const {
    return write(
        path,
        [&] {
            auto record = commands_.exchange().exportCase(id, path);
            return format_->caseDocument(record, commands_.clock().now());
        },
        problem);
}

bool RecordExchange::exportMeeting(const MeetingId& id, const std::string& path,
                                   wxString& problem) const {
    return write(
        path,
        [&] {
            auto outcomes = commands_.exchange().exportMeetingOutcomes(id, path);
            return format_->meetingDocument(outcomes, commands_.clock().now());
        },
        problem);
}

bool RecordExchange::exportAudit(const AuditQuery& query, const std::string& path,
                                 wxString& problem) const {
    return write(
        path,
        [&] {
            auto audit = commands_.exchange().exportAudit(query, path);
            return format_->auditDocument(audit, commands_.clock().now());
        },
        problem);
}

std::optional<ImportResult> RecordExchange::importCase(const std::string& path, wxString& summary,
                                                       wxString& problem) const {
    if (!format_) {
        problem = _("No exchange format is set up in this installation.");
        return std::nullopt;
    }
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    if (!in) {
        problem = wxString::Format(_("Could not read %s."), toWx(path));
        return std::nullopt;
    }
    std::string document((std::istreambuf_iterator<char>(in)), {});
    ReceivedRecord received;
    try {
        received = format_->readCase(document);
    } catch (const ExchangeFormatError& e) {
        problem = wxString::Format(_("Nothing was imported: %s."), toWx(e.what()));
        return std::nullopt;
    }
    std::optional<ImportResult> result;
    if (!runRefusable([&] { result = commands_.exchange().importCase(received.record); },
                      problem)) {
        problem = _("Nothing was imported.") + "\n" + problem;
        return std::nullopt;
    }
    const wxString nhs = toWx(formatNhsNumber(received.record.theCase.resident.nhsNumber));
    summary = result->matchedExisting
                  ? wxString::Format(_("Updated the record of NHS number %s, who already had a "
                                       "case here: %zu added, %zu changed, %zu already the same, "
                                       "%zu kept as recorded here."),
                                     nhs, result->created, result->updated, result->unchanged,
                                     result->keptLocal)
                  : wxString::Format(_("Added a new case for NHS number %s: %zu entries added."),
                                     nhs, result->created);
    if (!received.ignored.empty()) {
        wxString kinds;
        for (const auto& k : received.ignored)
            kinds += (kinds.empty() ? "" : ", ") + toWx(k);
        summary += "\n" + wxString::Format(_("Not imported (no place for them here): %s."), kinds);
    }
    return result;
}

}  // namespace nmdt::gui
