#pragma once
// What the MDT changed for a resident, as recorded: wellbeing scores (ONS4) taken at
// referral and at reviews, and the practice's monthly counts of unplanned service use.

#include <string>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

/// When a wellbeing score was taken: the baseline at referral, or a later review.
enum class WellbeingOccasion { Referral, Review };

template <>
struct EnumCodes<WellbeingOccasion> {
    static constexpr std::array<std::pair<WellbeingOccasion, std::string_view>, 2> table{{
        {WellbeingOccasion::Referral, "referral"},
        {WellbeingOccasion::Review, "review"},
    }};
};

/// The ONS4 personal wellbeing questions, each answered 0 (not at all) to 10 (completely).
/// For anxiety a lower score is better.
struct WellbeingScore {
    WellbeingScoreId id;
    CaseId caseId;
    Date recordedOn{};
    WellbeingOccasion occasion = WellbeingOccasion::Review;
    int lifeSatisfaction = 0;  // "how satisfied are you with your life nowadays?"
    int worthwhile = 0;        // "to what extent do you feel the things you do are worthwhile?"
    int happiness = 0;         // "how happy did you feel yesterday?"
    int anxiety = 0;           // "how anxious did you feel yesterday?"
    ProfessionalId recordedBy;
};

constexpr int kWellbeingMin = 0;
constexpr int kWellbeingMax = 10;

/// One month of a resident's unplanned service use as their practice's records count it.
/// Kept only on the practice's desktop that imported it (like case-finding lists).
struct ServiceUseMonth {
    ServiceUseId id;
    CaseId caseId;
    std::string month;             // "2026-05"
    int emergencyAttendances = 0;  // A&E attendances
    int emergencyAdmissions = 0;
    int gpContacts = 0;
    OrganisationId organisationId;  // the practice that imported it
    Timestamp importedAt{};
};

/// "2026-05" for the month of `date`.
std::string monthOf(Date date);
/// The month `months` after (or before, when negative) `month` ("2026-05", -6: "2025-11").
std::string addMonths(const std::string& month, int months);
/// True for "YYYY-MM" with a month 01 to 12.
bool isMonth(std::string_view text);

}  // namespace nmdt
