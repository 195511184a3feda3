#include "action_list_view.h"

#include <wx/intl.h>

#include <algorithm>

#include "formatting.h"
#include "identity_text.h"
#include "model/nhs_number.h"
#include "model/store_error.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
enum Column { kDue, kResident, kAction, kOwner, kPriority, kStatus };
}

ActionListView::ActionListView(wxWindow* parent, const ActionReader& actions,
                               const CaseReader& cases, const DirectoryReader& directory)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES),
      actions_(actions),
      store_(cases),
      directory_(directory) {
    SetName(_("Actions"));
    AppendColumn(_("Due"), wxLIST_FORMAT_LEFT, FromDIP(250));
    AppendColumn(_("Resident"), wxLIST_FORMAT_LEFT, FromDIP(230));
    AppendColumn(_("Action"), wxLIST_FORMAT_LEFT, FromDIP(260));
    AppendColumn(_("Owner"), wxLIST_FORMAT_LEFT, FromDIP(220));
    AppendColumn(_("Priority"), wxLIST_FORMAT_LEFT, FromDIP(90));
    AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(100));
    overdue_.SetTextColour(wxColour(213, 40, 27));  // NHS red
    wxFont bold = GetFont();
    bold.MakeBold();
    overdue_.SetFont(bold);
}

void ActionListView::show(std::vector<ActionId> ids, Date today) {
    ids_ = std::move(ids);
    rows_.assign(ids_.size(), std::nullopt);
    blockRead_.assign((ids_.size() + kBlock - 1) / kBlock, false);
    today_ = today;
    names_ = std::make_unique<DirectoryNames>(directory_);
    cases_.clear();
    SetItemCount(static_cast<long>(ids_.size()));
    Refresh();
}

const Action* ActionListView::rowAt(long row) const {
    if (row < 0 || row >= static_cast<long>(ids_.size()))
        return nullptr;
    const auto at = static_cast<std::size_t>(row);
    const auto block = at / kBlock;
    if (!blockRead_[block]) {
        blockRead_[block] = true;  // once: a failed read shows blank rows, not a retry per paint
        const auto first = block * kBlock;
        const auto last = std::min(first + kBlock, ids_.size());
        std::vector<ActionId> wanted(ids_.begin() + static_cast<std::ptrdiff_t>(first),
                                     ids_.begin() + static_cast<std::ptrdiff_t>(last));
        try {
            // Back in the order asked for, minus any that went since the list was made.
            auto read = actions_.actionsById(wanted);
            std::size_t next = 0;
            for (auto i = first; i < last && next < read.size(); ++i)
                if (ids_[i] == read[next].id)
                    rows_[i] = std::move(read[next++]);
        } catch (const StoreError&) {
            // Painting cannot show a dialog; the rows stay blank until the next refresh.
        }
    }
    return rows_[at] ? &*rows_[at] : nullptr;
}

std::optional<Action> ActionListView::actionAt(long row) const {
    if (const Action* a = rowAt(row))
        return *a;
    return std::nullopt;
}

std::optional<long> ActionListView::rowOf(const ActionId& id) const {
    auto it = std::find(ids_.begin(), ids_.end(), id);
    if (it == ids_.end())
        return std::nullopt;
    return static_cast<long>(it - ids_.begin());
}

wxString ActionListView::OnGetItemText(long item, long column) const {
    const Action* a = rowAt(item);
    if (!a)
        return {};
    switch (column) {
        case kDue: {
            if (!a->dueDate)
                return _("No due date");
            wxString text = formatDate(*a->dueDate);
            if (a->isOverdue(today_)) {
                int days = daysBetween(*a->dueDate, today_);
                text += wxString::Format(
                    wxPLURAL("  (%d day overdue)", "  (%d days overdue)", days), days);
            }
            return text;
        }
        case kResident: {
            auto& c = cases_[a->caseId.str()];
            if (!c)
                c = store_.caseById(a->caseId);
            if (!c)
                return {};
            return toWx(residentLabel(c->resident));
        }
        case kAction:
            return toWx(a->title);
        case kOwner:
            return toWx(a->owner.empty() ? names_->organisation(a->ownerOrganisation)
                                         : names_->professionalWithOrganisation(a->owner));
        case kPriority:
            return describe(a->priority);
        case kStatus:
            return describe(a->status);
    }
    return {};
}

wxListItemAttr* ActionListView::OnGetItemAttr(long item) const {
    const Action* a = rowAt(item);
    return a && a->isOverdue(today_) ? &overdue_ : nullptr;
}

}  // namespace nmdt::gui
