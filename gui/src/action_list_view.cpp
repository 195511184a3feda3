#include "action_list_view.h"

#include <wx/intl.h>

#include "formatting.h"
#include "identity_text.h"
#include "model/nhs_number.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
enum Column { kDue, kResident, kAction, kOwner, kPriority, kStatus };
}

ActionListView::ActionListView(wxWindow* parent, const CaseReader& cases,
                               const DirectoryReader& directory)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES),
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

void ActionListView::show(std::vector<Action> actions, Date today) {
    actions_ = std::move(actions);
    today_ = today;
    names_ = std::make_unique<DirectoryNames>(directory_);
    cases_.clear();
    SetItemCount(static_cast<long>(actions_.size()));
    Refresh();
}

std::optional<Action> ActionListView::actionAt(long row) const {
    if (row < 0 || row >= static_cast<long>(actions_.size()))
        return std::nullopt;
    return actions_[static_cast<std::size_t>(row)];
}

wxString ActionListView::OnGetItemText(long item, long column) const {
    auto a = actionAt(item);
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
    auto a = actionAt(item);
    return a && a->isOverdue(today_) ? &overdue_ : nullptr;
}

}  // namespace nmdt::gui
