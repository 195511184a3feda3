#pragma once
// The commands that record outcomes: a resident's wellbeing score (ONS4) at referral or a
// review, and a practice's monthly service-use counts for the residents it holds.

#include <string>
#include <string_view>
#include <vector>

#include "model/outcomes.h"
#include "model/service_context.h"

namespace nmdt {

/// What a service-use import kept.
struct ServiceUseImportResult {
    std::size_t months = 0;     // rows written (new or replacing a month held before)
    std::size_t residents = 0;  // residents they belong to
    std::size_t replaced = 0;   // months that were already held and were replaced
    std::size_t notHeld = 0;    // rows for people with no case here: read, never kept
};

/// Records wellbeing scores and imports service use.
class OutcomeService {
  public:
    explicit OutcomeService(ServiceContext context) : ctx_(context) {}

    /// Records a score for a case the actor may see and work on. Each answer 0 to 10, the
    /// date not in the future nor before the referral; one score at referral per case.
    WellbeingScoreId recordWellbeing(const WellbeingScore& score);
    /// A case's scores, oldest first (the record must be visible to the actor).
    std::vector<WellbeingScore> wellbeingHistory(const CaseId& id) const;

    /// Reads a practice's service-use export (NHS number, month, A&E attendances, emergency
    /// admissions, GP contacts), checks every row, and keeps the months of residents held
    /// here in one change set, replacing a month imported before. Throws DomainError with
    /// every problem by line and keeps nothing. Practice staff of a GP practice only; the
    /// months stay on this desktop.
    ServiceUseImportResult importServiceUse(std::string_view bytes, const std::string& sourceName);

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
