#pragma once
// What the model needs from persistence: reads by use case, and one way to write.
// storage/ implements it on the encrypted store; tests may implement it in memory.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/action.h"
#include "model/audit.h"
#include "model/care_plan.h"
#include "model/case_finding.h"
#include "model/case_record.h"
#include "model/change_set.h"
#include "model/meeting.h"
#include "model/organisation.h"
#include "model/outcomes.h"

namespace nmdt {

/// Which actions to list. Unset members do not filter.
struct ActionQuery {
    std::optional<CaseId> caseId;
    std::optional<ProfessionalId> owner;
    std::optional<OrganisationId> ownerOrganisation;
    std::optional<MeetingId> meetingId;
    bool openOnly = false;
    std::optional<Date> overdueAsOf;  // open and due before this date
    std::optional<ActionStatus> status;
    std::optional<Priority> priority;
    std::optional<Date> dueFrom;  // due on or after (undated actions are then left out)
    std::optional<Date> dueTo;    // due on or before (likewise)
    std::size_t limit = 500;
    /// countActions stops counting here (returning at most this): a long list's total
    /// beyond what anyone reads one by one costs a cold disk read per hundred entries.
    std::optional<std::size_t> countAtMost;
};

/// Which entries of the change log to list.
struct ChangeLogQuery {
    std::int64_t afterSequence = 0;
    std::optional<std::string> entityId;
    std::size_t limit = 100;
};

/// Reads the people and organisations of the neighbourhood.
class DirectoryReader {
  public:
    virtual ~DirectoryReader() = default;
    virtual std::vector<Organisation> organisations() const = 0;
    virtual std::optional<Organisation> organisation(const OrganisationId& id) const = 0;
    virtual std::vector<Professional> professionals() const = 0;
    virtual std::optional<Professional> professional(const ProfessionalId& id) const = 0;
};

/// Reads cases and what hangs directly off them.
class CaseReader {
  public:
    virtual ~CaseReader() = default;
    virtual std::optional<Case> caseById(const CaseId& id) const = 0;
    virtual std::optional<Case> caseByNhsNumber(const std::string& digits) const = 0;
    /// Name prefix ("smi", "smith jo") or NHS number prefix ("943 47"); uses an index.
    virtual std::vector<CaseSummary> searchCases(const std::string& text,
                                                 std::size_t limit) const = 0;
    virtual std::size_t caseCount() const = 0;
    /// Cases in name order, for paging through a virtual list.
    virtual std::vector<CaseSummary> casePage(std::size_t offset, std::size_t limit) const = 0;
    /// Where a case sits in casePage's name order (so a list can keep it selected).
    virtual std::optional<std::size_t> casePosition(const CaseId& id) const = 0;
    virtual std::vector<Contact> contacts(const CaseId& id) const = 0;
    virtual std::vector<Consent> consents(const CaseId& id) const = 0;
    virtual std::vector<CareTeamMember> careTeam(const CaseId& id) const = 0;
    /// Open cases whose key worker is `person` (handing over a leaver's work).
    virtual std::vector<CaseId> openCasesHeldBy(const ProfessionalId& person) const = 0;
};

/// Reads care plan versions and their contents.
class PlanReader {
  public:
    virtual ~PlanReader() = default;
    /// All versions, newest first.
    virtual std::vector<CarePlan> carePlans(const CaseId& id) const = 0;
    virtual std::optional<CarePlan> carePlan(const CarePlanId& id) const = 0;
    virtual std::vector<Need> needs(const CarePlanId& id) const = 0;
    virtual std::vector<Goal> goals(const CarePlanId& id) const = 0;
};

/// Reads actions and their progress notes.
class ActionReader {
  public:
    virtual ~ActionReader() = default;
    virtual std::optional<Action> action(const ActionId& id) const = 0;
    /// Overdue first (oldest due date first), then by due date, undated last.
    virtual std::vector<Action> actions(const ActionQuery& query) const = 0;
    virtual std::size_t countActions(const ActionQuery& query) const = 0;
    /// The same list as actions(), ids only: answered from the list indexes without reading
    /// the rows, so a long list shows at once and reads rows only as they come into view.
    virtual std::vector<ActionId> actionIds(const ActionQuery& query) const = 0;
    /// These actions as stored now, in the order asked for; ids not here are left out.
    virtual std::vector<Action> actionsById(const std::vector<ActionId>& ids) const = 0;
    virtual std::vector<ProgressNote> notes(const ActionId& id) const = 0;
};

/// Reads meetings, participants and agendas.
class MeetingReader {
  public:
    virtual ~MeetingReader() = default;
    virtual std::optional<Meeting> meeting(const MeetingId& id) const = 0;
    /// Newest first.
    virtual std::vector<Meeting> meetings(std::size_t limit) const = 0;
    virtual std::vector<Participant> participants(const MeetingId& id) const = 0;
    /// In agenda order, removed items included (callers filter).
    virtual std::vector<AgendaItem> agenda(const MeetingId& id) const = 0;
    virtual std::optional<AgendaItem> agendaItem(const AgendaItemId& id) const = 0;
    virtual std::optional<Participant> participant(const ParticipantId& id) const = 0;
    /// Every agenda item that listed this case (not removed), any meeting.
    virtual std::vector<AgendaItem> agendaItemsForCase(const CaseId& id) const = 0;
    /// Every MDT series, by name.
    virtual std::vector<MeetingSeries> meetingSeries() const = 0;
    virtual std::optional<MeetingSeries> meetingSeriesById(const MeetingSeriesId& id) const = 0;
};

/// Where a meeting's agenda comes from: open cases discussed by one MDT series or given to
/// none (an empty series means the latter only), each list in the order a team works
/// through and at most `limit` long (0: no limit). Read by walking indexes in that order, so
/// filling thirty places never reads a 50,000-case store whole.
class AgendaSourceReader {
  public:
    virtual ~AgendaSourceReader() = default;
    /// Cases that no meeting agenda has listed yet (new referrals), awaiting triage or
    /// accepted for the MDT, of one urgency, oldest referral first.
    virtual std::vector<CaseId> undiscussedReferrals(Urgency urgency, const MeetingSeriesId& series,
                                                     std::size_t limit) const = 0;
    /// Cases with actions overdue as of `asOf`, longest overdue first.
    virtual std::vector<CaseId> casesWithOverdueActions(Date asOf, const MeetingSeriesId& series,
                                                        std::size_t limit) const = 0;
    /// Cases with open actions agreed at a meeting, due on or after `from` (soonest first),
    /// then undated ones.
    virtual std::vector<CaseId> casesWithOpenActions(Date from, const MeetingSeriesId& series,
                                                     std::size_t limit) const = 0;
    /// Cases flagged for review at the next meeting (by name), then those whose agreed
    /// plan's review date is on or before `by` (longest due first).
    virtual std::vector<CaseId> casesDueForReview(Date by, const MeetingSeriesId& series,
                                                  std::size_t limit) const = 0;
};

/// Open cases with at least one need in a domain (in the plan version in force).
struct DomainCaseload {
    NeedDomain domain = NeedDomain::PhysicalHealth;
    std::size_t openCases = 0;
};

/// When a case was referred and when an MDT first discussed it.
struct ReferralTiming {
    CaseId caseId;
    Date referralDate{};
    std::optional<Date> firstDiscussed;
    CaseStatus status = CaseStatus::Open;
};

/// Actions of one status owned by one organisation (the owner's, if only a person is named).
struct ActionTally {
    OrganisationId organisation;
    ActionStatus status = ActionStatus::Requested;
    std::size_t count = 0;
};

/// One open action past its due date.
struct OverdueItem {
    OrganisationId organisation;
    Date due{};
};

/// Aggregates for the neighbourhood reports, one query each over the whole store.
class ReportReader {
  public:
    virtual ~ReportReader() = default;
    virtual std::size_t openCaseCount() const = 0;
    virtual std::vector<DomainCaseload> caseloadByNeedDomain() const = 0;
    virtual std::vector<ReferralTiming> referralTimings() const = 0;
    virtual std::vector<ActionTally> actionTallies() const = 0;
    virtual std::vector<OverdueItem> overdueActions(Date today) const = 0;
};

/// A case as the outcome reports see it: who (age, sex, practice) and when the team began.
struct OutcomeCase {
    CaseId id;
    Date dateOfBirth{};
    Sex sex = Sex::NotKnown;
    OrganisationId practice;
    Triage triage = Triage::Pending;
    Date referralDate{};
    std::optional<Date> firstDiscussed;  // the first MDT discussion, if any
};

/// A goal as one agreed version of its care plan left it.
struct AgreedGoal {
    CaseId caseId;
    std::string lineage;
    int planVersion = 0;
    Date agreedOn{};
    GoalProgress progress = GoalProgress::NotStarted;
};

/// A need domain of the care plan in force for a case (agreed, or the draft if never agreed).
struct CaseNeedDomain {
    CaseId caseId;
    NeedDomain domain = NeedDomain::PhysicalHealth;
};

/// Reads what the outcome reports are made of, each over the whole store.
class OutcomeReader {
  public:
    virtual ~OutcomeReader() = default;
    virtual std::vector<OutcomeCase> outcomeCases() const = 0;
    /// Goals of every agreed version (current or superseded), so attainment can be followed.
    virtual std::vector<AgreedGoal> agreedGoals() const = 0;
    virtual std::vector<CaseNeedDomain> caseNeedDomains() const = 0;
    /// Every score, each case's oldest first, for the reports: read from an index that
    /// holds the answers, so each score's id and recorder are left empty.
    virtual std::vector<WellbeingScore> wellbeingScores() const = 0;
    /// One case's scores, oldest first.
    virtual std::vector<WellbeingScore> wellbeingScores(const CaseId& id) const = 0;
    /// Every month of service use held (imported on this desktop).
    virtual std::vector<ServiceUseMonth> serviceUse() const = 0;
    /// The same for the reports: each month's case, month and counts only (no id, no
    /// importer), read from an index that holds them.
    virtual std::vector<ServiceUseMonth> serviceUseCounts() const = 0;
};

/// Which people of a case-finding list to show.
struct ScreeningQuery {
    ScreeningQuery(CaseFindingListId l, std::optional<ScreeningDecision> d = std::nullopt)
        : list(std::move(l)), decision(d) {}
    CaseFindingListId list;
    std::optional<ScreeningDecision> decision;  // all when empty
    bool dueForReviewOnly = false;              // review-later entries due by `asOf`
    Date asOf{};
};

/// Reads case-finding lists, which exist only on the desktop that imported them.
class CaseFindingReader {
  public:
    virtual ~CaseFindingReader() = default;
    /// An organisation's lists, newest first.
    virtual std::vector<CaseFindingList> caseFindingLists(const OrganisationId& org) const = 0;
    virtual std::optional<CaseFindingList> caseFindingList(const CaseFindingListId& id) const = 0;
    virtual std::optional<CaseFindingEntry> caseFindingEntry(
        const CaseFindingEntryId& id) const = 0;
    /// A list's people in file order, each beside the case held for their NHS number.
    virtual std::vector<ScreeningRow> screeningRows(const ScreeningQuery& query) const = 0;
    /// How many of a list's people the desktop already holds a case for.
    virtual std::size_t knownOnList(const CaseFindingListId& id) const = 0;
    /// How many people on an organisation's lists were to be looked at again by `asOf`.
    virtual std::size_t reviewsDue(const OrganisationId& org, Date asOf) const = 0;
    /// One person's entries on an organisation's lists, by NHS number, oldest list first.
    virtual std::vector<CaseFindingEntry> caseFindingEntriesOf(
        const OrganisationId& org, const std::string& nhsNumber) const = 0;
};

/// The whole persistence port: every read, and the single write path.
class Store : public DirectoryReader,
              public CaseReader,
              public PlanReader,
              public ActionReader,
              public MeetingReader,
              public AgendaSourceReader,
              public ReportReader,
              public CaseFindingReader,
              public OutcomeReader {
  public:
    /// The single write path. Applies every change in one transaction, appending one
    /// change-log entry per entity change stamped with the store's hybrid logical clock,
    /// site id and `actor`, and the change set's audit event (an audit-only change set
    /// records just its event).
    virtual void commit(const ChangeSet& changes, const Actor& actor) = 0;
    virtual std::vector<ChangeLogEntry> changeLog(const ChangeLogQuery& query) const = 0;
    virtual std::vector<AuditEntry> auditTrail(const AuditQuery& query) const = 0;
    virtual std::string siteId() const = 0;
};

}  // namespace nmdt
