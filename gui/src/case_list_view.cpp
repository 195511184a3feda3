#include "case_list_view.h"

#include <wx/intl.h>

#include "formatting.h"
#include "identity_text.h"
#include "model/nhs_number.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
enum Column { kName, kNhsNumber, kBorn, kPostcode, kStatus };
}

CaseListView::CaseListView(wxWindow* parent, const CaseReader& cases)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES),
      cases_(cases) {
    SetName(_("Cases"));
    AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(260));
    AppendColumn(_("NHS number"), wxLIST_FORMAT_LEFT, FromDIP(120));
    AppendColumn(_("Date of birth"), wxLIST_FORMAT_LEFT, FromDIP(110));
    AppendColumn(_("Postcode"), wxLIST_FORMAT_LEFT, FromDIP(90));
    AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(80));
}

void CaseListView::showAll() {
    selectNone();
    results_.reset();
    pages_.clear();
    pagesFetched_ = 0;
    SetItemCount(static_cast<long>(cases_.caseCount()));
    Refresh();
}

void CaseListView::showResults(std::vector<CaseSummary> results) {
    selectNone();
    results_ = std::move(results);
    SetItemCount(static_cast<long>(results_->size()));
    Refresh();
}

const CaseSummary* CaseListView::rowAt(long row) const {
    if (row < 0)
        return nullptr;
    if (results_)
        return row < static_cast<long>(results_->size())
                   ? &(*results_)[static_cast<std::size_t>(row)]
                   : nullptr;
    long page = row / kPageSize;
    auto it = pages_.find(page);
    if (it == pages_.end()) {
        if (pages_.size() >= kPagesKept) {
            // Drop the page furthest from the one being read; scrolling stays local.
            auto far = pages_.begin();
            for (auto p = pages_.begin(); p != pages_.end(); ++p)
                if (std::labs(p->first - page) > std::labs(far->first - page))
                    far = p;
            pages_.erase(far);
        }
        it = pages_
                 .emplace(page,
                          cases_.casePage(static_cast<std::size_t>(page * kPageSize), kPageSize))
                 .first;
        ++pagesFetched_;
    }
    long offset = row % kPageSize;
    return offset < static_cast<long>(it->second.size())
               ? &it->second[static_cast<std::size_t>(offset)]
               : nullptr;
}

void CaseListView::selectNone() {
    // A virtual list keeps selected row numbers across a change of its rows; left so, the
    // highlight would move to whoever the new rows put there.
    if (GetItemCount() > 0 && GetSelectedItemCount() > 0)
        SetItemState(-1, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

std::optional<long> CaseListView::rowOf(const CaseId& id) const {
    if (results_) {
        for (std::size_t i = 0; i < results_->size(); ++i)
            if ((*results_)[i].id == id)
                return static_cast<long>(i);
        return std::nullopt;
    }
    auto position = cases_.casePosition(id);
    if (!position || static_cast<long>(*position) >= GetItemCount())
        return std::nullopt;
    return static_cast<long>(*position);
}

long CaseListView::selectedRow() const {
    if (GetSelectedItemCount() == 0)
        return -1;
    return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

std::optional<CaseSummary> CaseListView::selectedSummary() const {
    long row = selectedRow();
    return row < 0 ? std::nullopt : summaryAt(row);
}

void CaseListView::selectRow(long row) {
    if (row < 0 || row >= GetItemCount()) {
        selectNone();
        return;
    }
    SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(row);
}

std::optional<CaseSummary> CaseListView::summaryAt(long row) const {
    const CaseSummary* s = rowAt(row);
    return s ? std::optional(*s) : std::nullopt;
}

wxString CaseListView::OnGetItemText(long item, long column) const {
    const CaseSummary* s = rowAt(item);
    if (!s)
        return {};
    switch (column) {
        case kName:
            return toWx(leftToRightLine(residentName(s->familyName, s->givenName)));
        case kNhsNumber:
            return toWx(s->nhsNumber.empty() ? nhsNumberText(s->nhsNumber)
                                             : formatNhsNumber(s->nhsNumber));
        case kBorn:
            return formatDate(s->dateOfBirth);
        case kPostcode:
            return toWx(s->postcode);
        case kStatus:
            return s->status == CaseStatus::Open ? _("Open") : _("Closed");
    }
    return {};
}

}  // namespace nmdt::gui
