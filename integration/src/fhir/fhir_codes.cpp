#include "fhir_codes.h"

namespace nmdt::integration::fhir {

std::string carePlanStatus(PlanStatus s) {
    switch (s) {
        case PlanStatus::Draft:
            return "draft";
        case PlanStatus::Agreed:
            return "active";
        case PlanStatus::Superseded:
            return "revoked";  // replaced by a newer version, which names it in `replaces`
    }
    return "unknown";
}

std::optional<PlanStatus> planStatusFrom(const std::string& code) {
    if (code == "draft")
        return PlanStatus::Draft;
    if (code == "active")
        return PlanStatus::Agreed;
    if (code == "revoked" || code == "completed")
        return PlanStatus::Superseded;
    return std::nullopt;
}

std::string taskStatus(ActionStatus s) {
    if (s == ActionStatus::Declined)
        return "rejected";
    return std::string(codeOf(s));  // the other six are FHIR's own words
}

std::optional<ActionStatus> actionStatusFrom(const std::string& code) {
    if (code == "rejected")
        return ActionStatus::Declined;
    if (code == "received" || code == "ready")
        return ActionStatus::Accepted;
    if (code == "declined")  // our own code, which FHIR calls rejected
        return std::nullopt;
    return fromCode<ActionStatus>(code);
}

std::string goalLifecycle(GoalProgress progress, PlanStatus plan) {
    if (plan == PlanStatus::Draft)
        return "proposed";
    if (progress == GoalProgress::Achieved || progress == GoalProgress::NotAchieved)
        return "completed";
    if (plan == PlanStatus::Superseded)
        return "cancelled";
    return progress == GoalProgress::InProgress ? "active" : "accepted";
}

std::string goalAchievement(GoalProgress progress) {
    switch (progress) {
        case GoalProgress::NotStarted:
            return "";
        case GoalProgress::InProgress:
            return "in-progress";
        case GoalProgress::Achieved:
            return "achieved";
        case GoalProgress::NotAchieved:
            return "not-achieved";
    }
    return "";
}

std::optional<GoalProgress> goalProgressFrom(const std::string& code) {
    if (code.empty())
        return GoalProgress::NotStarted;
    if (code == "in-progress" || code == "improving" || code == "worsening" ||
        code == "no-change" || code == "sustaining")
        return GoalProgress::InProgress;
    if (code == "achieved")
        return GoalProgress::Achieved;
    if (code == "not-achieved" || code == "no-progress" || code == "not-attainable")
        return GoalProgress::NotAchieved;
    return std::nullopt;
}

std::string appointmentStatus(MeetingStatus s) {
    switch (s) {
        case MeetingStatus::Planned:
            return "booked";
        case MeetingStatus::InProgress:
            return "arrived";
        case MeetingStatus::Closed:
            return "fulfilled";
    }
    return "booked";
}

std::optional<MeetingStatus> meetingStatusFrom(const std::string& code) {
    if (code == "booked" || code == "proposed" || code == "pending")
        return MeetingStatus::Planned;
    if (code == "arrived" || code == "checked-in")
        return MeetingStatus::InProgress;
    if (code == "fulfilled")
        return MeetingStatus::Closed;
    return std::nullopt;
}

std::string participantStatus(Attendance a) {
    switch (a) {
        case Attendance::NeedsAction:
            return "needs-action";
        case Attendance::Accepted:
        case Attendance::Attended:
            return "accepted";
        case Attendance::Declined:
        case Attendance::Absent:
            return "declined";
        case Attendance::Tentative:
            return "tentative";
    }
    return "needs-action";
}

std::pair<std::string, std::string> auditEventType(AuditEventKind kind) {
    switch (kind) {
        case AuditEventKind::SignIn:
        case AuditEventKind::FailedUnlock:
        case AuditEventKind::Lock:
        case AuditEventKind::Unlock:
            return {"110114", "User Authentication"};
        case AuditEventKind::ViewCase:
        case AuditEventKind::Change:
            return {"110110", "Patient Record"};
        case AuditEventKind::Print:
        case AuditEventKind::ExportPdf:
        case AuditEventKind::ExportFhir:
        case AuditEventKind::ExportTrace:
        case AuditEventKind::ExportReport:
        case AuditEventKind::Backup:
            return {"110106", "Export"};
        case AuditEventKind::Restore:
            return {"110107", "Import"};
        case AuditEventKind::PassphraseChanged:
        case AuditEventKind::SignInGranted:
        case AuditEventKind::SignInRevoked:
        case AuditEventKind::RecoveryKeyIssued:
        case AuditEventKind::RecoveryKeyUsed:
            return {"110113", "Security Alert"};
        case AuditEventKind::Sync:
            return {"110108", "Network Entry"};
        case AuditEventKind::HistoryCompacted:
            return {"110110", "Patient Record"};
    }
    return {"110110", "Patient Record"};
}

std::string auditAction(AuditEventKind kind) {
    switch (kind) {
        case AuditEventKind::ViewCase:
        case AuditEventKind::Print:
        case AuditEventKind::ExportPdf:
        case AuditEventKind::ExportFhir:
        case AuditEventKind::ExportTrace:
        case AuditEventKind::ExportReport:
        case AuditEventKind::Backup:
            return "R";
        case AuditEventKind::Change:
        case AuditEventKind::Sync:
            return "U";
        case AuditEventKind::HistoryCompacted:
            return "D";
        case AuditEventKind::Restore:
            return "C";
        default:
            return "E";
    }
}

}  // namespace nmdt::integration::fhir
