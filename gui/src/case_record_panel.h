#pragma once
// One resident's record under an identity banner that stays in view while the record
// scrolls (wrong-patient is the top clinical hazard).

#include <wx/panel.h>

#include <optional>

#include "model/case_record_service.h"

class wxHtmlWindow;

namespace nmdt::gui {

class IdentityBannerPanel;

/// Shows the case record of the selected resident.
class CaseRecordPanel : public wxPanel {
  public:
    explicit CaseRecordPanel(wxWindow* parent);

    void show(const CaseRecord& record, const DirectoryNames& names, Date today);
    /// The resident's identity under the banner, and `why` their record is not shown.
    void showWithheld(const Case& theCase, Date today, const wxString& why);
    /// No resident selected: the banner says so and the record says how to find one, or
    /// `firstStep` (what to do when there is no one yet to find) if given, then `reminder`.
    void clear(const wxString& firstStep = {}, const wxString& reminder = {});

    /// What the banner and the record show, as plain text (tests, screen readers).
    wxString bannerText() const;
    wxString recordText() const;
    /// Whose record is on screen, if anyone's.
    const std::optional<CaseId>& shownCase() const { return shown_; }

  private:
    std::optional<CaseId> shown_;
    IdentityBannerPanel* banner_ = nullptr;
    wxHtmlWindow* record_ = nullptr;
};

}  // namespace nmdt::gui
