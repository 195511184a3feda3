#pragma once
// The commands of case finding: a practice imports its search export as a list, and the
// team screens each person on it (refer, review later, not suitable, objects to sharing).

#include <optional>
#include <string>
#include <string_view>

#include "model/case_finding.h"
#include "model/case_finding_import.h"
#include "model/service_context.h"

namespace nmdt {

/// A search export to import as a list.
struct CaseFindingImport {
    std::string title;       // "Frailty (eFI moderate and severe), December"
    std::string sourceName;  // the file's name
    std::string_view bytes;  // the file as read
    ColumnMapping mapping;
};

/// What an import kept.
struct CaseFindingImportResult {
    CaseFindingListId list;
    std::size_t people = 0;
    std::size_t known = 0;     // already held as a case on this desktop
    std::size_t objected = 0;  // objected on an earlier list: recorded as objecting on this one
};

/// Imports and screens case-finding lists for the actor's own practice. Lists never leave
/// the desktop (their kinds are local only, see entity_kind.h).
class CaseFindingService {
  public:
    explicit CaseFindingService(ServiceContext context) : ctx_(context) {}

    /// The mapping the practice used last time, if any.
    std::optional<ColumnMapping> rememberedMapping() const;

    /// Reads, checks and keeps a whole file as one list in one change set, or throws
    /// DomainError listing every problem found (with its line) and keeps nothing. Only
    /// staff of a GP practice with an ODS code may import, and only their own patients.
    /// Someone who objected on one of the practice's lists is recorded as objecting on the
    /// new one (the earlier decision's words, who recorded it and when).
    CaseFindingImportResult importList(const CaseFindingImport& request);

    /// Records a decision other than a referral: ReviewLater needs a date from today on,
    /// NotSuitable a reason; Objected may say what the objection covers; Pending clears
    /// a decision. A person who has objected cannot be marked for referral afterwards.
    /// An objection is the person's, not the list's: recorded on one list, it is recorded
    /// on each of the practice's lists they are on (except where they were referred);
    /// withdrawn on one (any other decision), it is withdrawn on each, leaving those
    /// waiting to be screened again. One change set, undone together.
    void screen(const CaseFindingEntryId& entry, ScreeningDecision decision,
                const std::string& reason, std::optional<Date> reviewOn);

    /// Records that the person was referred and became `referred` (after the referral
    /// command). Refused for someone who objected to sharing.
    void recordReferral(const CaseFindingEntryId& entry, const CaseId& referred);

    /// Throws ObjectedToSharing if the person has objected, on this list or any other of
    /// the practice's: checked before the referral form opens, so no referral is made.
    void requireMayRefer(const CaseFindingEntryId& entry) const;

  private:
    CaseFindingEntry entryOfOwnPractice(const CaseFindingEntryId& id) const;
    /// The objection standing for an NHS number on the practice's lists, if any.
    std::optional<CaseFindingEntry> standingObjection(const std::string& nhsNumber) const;
    void requirePracticeStaff() const;
    ServiceContext ctx_;
};

}  // namespace nmdt
