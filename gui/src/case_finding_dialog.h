#pragma once
// Case Finding: a practice's imported searches and the screening of the people on them.
// Each person shows beside the case this desktop already holds for their NHS number, so the
// team sees who is known before deciding: refer (the referral form opens filled in), review
// later, not suitable, or objects to sharing. Lists never leave this desktop.

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include <functional>
#include <optional>
#include <vector>

#include "model/case_finding_service.h"
#include "model/store.h"

class wxButton;
class wxChoice;
class wxStaticText;

namespace nmdt::gui {

/// The people of one list, drawn on demand (a search can hold 100,000).
class ScreeningListView : public wxListCtrl {
  public:
    explicit ScreeningListView(wxWindow* parent);
    void show(std::vector<ScreeningRow> rows, const std::vector<std::string>& riskColumns);
    const std::vector<ScreeningRow>& rows() const { return rows_; }
    const ScreeningRow* selectedRow() const;
    void selectRow(long row);

  private:
    wxString OnGetItemText(long item, long column) const override;
    std::vector<ScreeningRow> rows_;
    std::size_t riskColumns_ = 0;
};

/// Imports, shows and screens lists; every change runs one CaseFindingService command.
class CaseFindingDialog : public wxDialog {
  public:
    /// Opens the referral form filled in from the person on the list; the case it made, if
    /// the referral was accepted.
    using Refer =
        std::function<std::optional<CaseId>(const CaseFindingEntry&, const CaseFindingList&)>;
    CaseFindingDialog(wxWindow* parent, CaseFindingService service, const CaseFindingReader& reader,
                      OrganisationId organisation, Date today, Refer refer);

    wxChoice* lists() const { return lists_; }
    wxChoice* filter() const { return filter_; }
    ScreeningListView* people() const { return people_; }
    wxStaticText* summary() const { return summary_; }
    wxButton* referButton() const { return referButton_; }

    // The commands as the buttons run them once their questions are answered (tests call
    // them directly); each returns false with the reason in `problem`.
    bool importBytes(const std::string& bytes, const std::string& fileName,
                     const ColumnMapping& mapping, const wxString& title, wxString& problem);
    bool screenSelected(ScreeningDecision decision, const std::string& reason,
                        std::optional<Date> reviewOn, wxString& problem);
    bool referSelected(wxString& problem);

    /// Reads the lists again and shows `show` (or the newest).
    void refreshLists(const std::optional<CaseFindingListId>& show = std::nullopt);
    std::optional<CaseFindingList> currentList() const;

  private:
    void refreshPeople();
    void updateButtons();
    void onImport();
    void onReviewLater();
    void onNotSuitable();
    void onObjected();
    void onClear();
    /// Asks before another decision lifts a person's objection (from all their lists).
    bool confirmWithdrawingObjection();
    void onRefer();
    void tell(bool ok, const wxString& problem);

    CaseFindingService service_;
    const CaseFindingReader& reader_;
    OrganisationId organisation_;
    Date today_;
    Refer refer_;
    std::vector<CaseFindingList> shownLists_;
    wxChoice* lists_ = nullptr;
    wxChoice* filter_ = nullptr;
    ScreeningListView* people_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxButton* referButton_ = nullptr;
    wxButton* laterButton_ = nullptr;
    wxButton* unsuitableButton_ = nullptr;
    wxButton* objectedButton_ = nullptr;
    wxButton* clearButton_ = nullptr;
};

/// How a screening decision reads in the list ("Review on 3 Mar 2027").
wxString describeDecision(const CaseFindingEntry& entry);

}  // namespace nmdt::gui
