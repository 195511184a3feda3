#pragma once
// The audit trail for an administrator: who viewed, changed, printed, exported, signed in,
// locked and synced what, filtered by event, person or subject; the hash chain checked on
// request.

#include <wx/dialog.h>

#include <functional>
#include <vector>

#include "model/audit.h"
#include "model/commands.h"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// Lists audit entries, newest first.
class AuditDialog : public wxDialog {
  public:
    /// `verify` checks the whole chain (the store's verifyAudit).
    AuditDialog(wxWindow* parent, Commands commands, const DirectoryReader& directory,
                std::function<AuditVerification()> verify);

    /// Filters as the controls do; false (and a message) if refused.
    bool show(std::optional<AuditEventKind> kind, const std::string& userId,
              const std::string& subject);
    bool checkChain();
    long count() const;
    wxString cell(long row, int column) const;
    wxString message() const;

  private:
    void onShow();

    Commands commands_;
    std::function<AuditVerification()> verify_;
    std::vector<Professional> people_;
    wxChoice* kind_ = nullptr;
    wxChoice* person_ = nullptr;
    wxTextCtrl* subject_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
