#include "model/action.h"

#include <algorithm>

namespace nmdt {

bool isOpen(ActionStatus s) {
    return s == ActionStatus::Requested || s == ActionStatus::Accepted ||
           s == ActionStatus::InProgress || s == ActionStatus::OnHold;
}

std::vector<ActionStatus> allowedTransitions(ActionStatus from) {
    using S = ActionStatus;
    switch (from) {
        case S::Requested:
            return {S::Accepted, S::Declined, S::InProgress, S::Cancelled};
        case S::Accepted:
            return {S::InProgress, S::OnHold, S::Completed, S::Cancelled};
        case S::InProgress:
            return {S::OnHold, S::Completed, S::Cancelled};
        case S::OnHold:
            return {S::InProgress, S::Completed, S::Cancelled};
        // Finished actions can be reopened, with a reason, rather than recreated.
        case S::Completed:
            return {S::InProgress};
        case S::Cancelled:
            return {S::Requested};
        case S::Declined:
            return {S::Requested};
    }
    return {};
}

bool canTransition(ActionStatus from, ActionStatus to) {
    auto allowed = allowedTransitions(from);
    return std::find(allowed.begin(), allowed.end(), to) != allowed.end();
}

bool transitionNeedsReason(ActionStatus from, ActionStatus to) {
    return to == ActionStatus::Declined || to == ActionStatus::Cancelled ||
           to == ActionStatus::OnHold || !isOpen(from);
}

}  // namespace nmdt
