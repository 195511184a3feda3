#pragma once
// Trace NHS Numbers: residents referred without an NHS number go to an NHS partner as a
// trace request file; the partner's reply comes back and each row is shown with what it
// means here. Nothing is recorded until a person checks and records it (or merges the
// record into the one already holding the number).

#include <wx/dialog.h>

#include <functional>
#include <vector>

#include "model/case_service.h"
#include "model/nhs_tracing.h"

class wxButton;
class wxListView;
class wxStaticText;

namespace nmdt::gui {

/// Writes trace requests, reads replies and records or merges what a person confirms.
class TracingDialog : public wxDialog {
  public:
    TracingDialog(wxWindow* parent, TracingService tracing, CaseService cases,
                  const CaseReader& reader);

    wxListView* findings() const { return list_; }
    wxStaticText* summary() const { return summary_; }
    const std::vector<TraceFinding>& shown() const { return findings_; }

    // The commands as the buttons run them once their questions are answered (tests call
    // them directly); each returns false with the reason in `problem`.
    bool writeRequest(const std::string& path, wxString& problem);
    bool readReply(const std::string& bytes, wxString& problem);
    /// Records the selected row's number (Traced rows only), after the person confirmed.
    bool recordSelected(wxString& problem);
    /// Merges the selected row's record into the one holding its number (HeldByAnother).
    bool mergeSelected(wxString& problem);
    void select(long row);

  private:
    void showFindings();
    /// Runs `command` on the selected row if it is `expected`, then marks it `done`.
    bool applyToSelected(TraceOutcome expected,
                         const std::function<void(const TraceFinding&)>& command,
                         const wxString& done, wxString& problem);
    void updateSummary();
    void updateButtons();
    const TraceFinding* selected() const;
    void onWrite();
    void onRead();
    void onRecord();
    void onMerge();

    TracingService tracing_;
    CaseService cases_;
    const CaseReader& reader_;
    std::vector<TraceFinding> findings_;
    wxStaticText* summary_ = nullptr;
    wxListView* list_ = nullptr;
    wxButton* record_ = nullptr;
    wxButton* merge_ = nullptr;
};

}  // namespace nmdt::gui
