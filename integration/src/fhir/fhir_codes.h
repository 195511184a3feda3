#pragma once
// How the model's codes map to FHIR's value sets, both ways. A reverse lookup returns
// nullopt for a code FHIR allows but this product has no meaning for.

#include <optional>
#include <string>

#include "model/action.h"
#include "model/audit.h"
#include "model/care_plan.h"
#include "model/meeting.h"

namespace nmdt::integration::fhir {

std::string carePlanStatus(PlanStatus s);
std::optional<PlanStatus> planStatusFrom(const std::string& code);

std::string taskStatus(ActionStatus s);
std::optional<ActionStatus> actionStatusFrom(const std::string& taskStatus);

std::string goalLifecycle(GoalProgress progress, PlanStatus plan);
/// http://terminology.hl7.org/CodeSystem/goal-achievement, or "" for not started.
std::string goalAchievement(GoalProgress progress);
std::optional<GoalProgress> goalProgressFrom(const std::string& achievement);

std::string appointmentStatus(MeetingStatus s);
std::optional<MeetingStatus> meetingStatusFrom(const std::string& code);

/// Appointment participant status: attended counts as accepted, absent as declined.
std::string participantStatus(Attendance a);

/// DICOM audit event type code and display for an audit event kind.
std::pair<std::string, std::string> auditEventType(AuditEventKind kind);
/// C, R, U, D or E.
std::string auditAction(AuditEventKind kind);

}  // namespace nmdt::integration::fhir
