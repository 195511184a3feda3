#pragma once
// The encrypted local store: the model's Store port on SQLCipher.

#include <functional>
#include <memory>
#include <string>

#include "model/calendar.h"
#include "model/crypto.h"
#include "model/store_provider.h"
#include "model/sync_store.h"

namespace nmdt::storage {

struct StoreImpl;
class StoreKey;      // storage/src/encrypted_database.h
struct KeySlotFile;  // storage/src/key_slot_file.h

/// A case store in one SQLCipher file. Not thread-safe: one connection, one thread.
class SqlCipherStore final : public OpenStore, public SyncStore {
  public:
    /// Creates a new store file; refuses to overwrite an existing one. The store is made
    /// whole beside the path and moved into place at the end, so a creation killed at any
    /// moment leaves no store at the path, never a half-made one.
    static std::unique_ptr<SqlCipherStore> create(const std::string& path,
                                                  const Passphrase& passphrase,
                                                  std::shared_ptr<const Clock> clock = nullptr);
    /// The same, filling the new store (demo data) before it is moved into place.
    static std::unique_ptr<SqlCipherStore> create(const std::string& path,
                                                  const Passphrase& passphrase,
                                                  const std::function<void(SqlCipherStore&)>& fill,
                                                  std::shared_ptr<const Clock> clock = nullptr);
    /// Opens an existing store, upgrading its schema if it is older than this build. A
    /// store with key slots opens through SqlCipherStoreProvider::signIn; this opens stores
    /// keyed by one passphrase (those made before key slots, and tests' own).
    static std::unique_ptr<SqlCipherStore> open(const std::string& path,
                                                const Passphrase& passphrase,
                                                std::shared_ptr<const Clock> clock = nullptr);
    /// The same with a key of either kind (storage's own use).
    static std::unique_ptr<SqlCipherStore> openWithKey(
        const std::string& path, const StoreKey& key, std::shared_ptr<const Clock> clock = nullptr);
    static std::unique_ptr<SqlCipherStore> createWithKey(
        const std::string& path, const StoreKey& key,
        const std::function<void(SqlCipherStore&)>& fill, std::shared_ptr<const Clock> clock);
    ~SqlCipherStore() override;
    /// True if the store at `path` has its key slot file (people sign in as themselves).
    static bool hasKeySlots(const std::string& path);

    // Store
    void commit(const ChangeSet& changes, const Actor& actor) override;
    std::vector<ChangeLogEntry> changeLog(const ChangeLogQuery& query) const override;
    std::string siteId() const override;
    std::vector<AuditEntry> auditTrail(const AuditQuery& query) const override;

    // DirectoryReader
    std::vector<Organisation> organisations() const override;
    std::optional<Organisation> organisation(const OrganisationId& id) const override;
    std::vector<Professional> professionals() const override;
    std::optional<Professional> professional(const ProfessionalId& id) const override;

    // CaseReader
    std::optional<Case> caseById(const CaseId& id) const override;
    std::optional<Case> caseByNhsNumber(const std::string& digits) const override;
    std::vector<CaseSummary> searchCases(const std::string& text, std::size_t limit) const override;
    std::size_t caseCount() const override;
    std::vector<CaseSummary> casePage(std::size_t offset, std::size_t limit) const override;
    std::optional<std::size_t> casePosition(const CaseId& id) const override;
    std::vector<Contact> contacts(const CaseId& id) const override;
    std::vector<Consent> consents(const CaseId& id) const override;
    std::vector<CareTeamMember> careTeam(const CaseId& id) const override;
    std::vector<CaseId> openCasesHeldBy(const ProfessionalId& person) const override;

    // ReportReader (report_queries.cpp)
    std::size_t openCaseCount() const override;
    std::vector<DomainCaseload> caseloadByNeedDomain() const override;
    std::vector<ReferralTiming> referralTimings() const override;
    std::vector<ActionTally> actionTallies() const override;
    std::vector<OverdueItem> overdueActions(Date today) const override;

    // PlanReader
    std::vector<CarePlan> carePlans(const CaseId& id) const override;
    std::optional<CarePlan> carePlan(const CarePlanId& id) const override;
    std::vector<Need> needs(const CarePlanId& id) const override;
    std::vector<Goal> goals(const CarePlanId& id) const override;

    // ActionReader
    std::optional<Action> action(const ActionId& id) const override;
    std::vector<Action> actions(const ActionQuery& query) const override;
    std::size_t countActions(const ActionQuery& query) const override;
    std::vector<ActionId> actionIds(const ActionQuery& query) const override;
    std::vector<Action> actionsById(const std::vector<ActionId>& ids) const override;
    std::vector<ProgressNote> notes(const ActionId& id) const override;

    // MeetingReader
    std::optional<Meeting> meeting(const MeetingId& id) const override;
    std::vector<Meeting> meetings(std::size_t limit) const override;
    std::vector<Participant> participants(const MeetingId& id) const override;
    std::vector<AgendaItem> agenda(const MeetingId& id) const override;
    std::vector<AgendaItem> agendaItemsForCase(const CaseId& id) const override;
    std::optional<AgendaItem> agendaItem(const AgendaItemId& id) const override;
    std::optional<Participant> participant(const ParticipantId& id) const override;
    std::vector<MeetingSeries> meetingSeries() const override;
    std::optional<MeetingSeries> meetingSeriesById(const MeetingSeriesId& id) const override;

    // CaseFindingReader (case_finding_reads.cpp)
    std::vector<CaseFindingList> caseFindingLists(const OrganisationId& org) const override;
    std::optional<CaseFindingList> caseFindingList(const CaseFindingListId& id) const override;
    std::optional<CaseFindingEntry> caseFindingEntry(const CaseFindingEntryId& id) const override;
    std::vector<ScreeningRow> screeningRows(const ScreeningQuery& query) const override;
    std::size_t knownOnList(const CaseFindingListId& id) const override;
    std::size_t reviewsDue(const OrganisationId& org, Date asOf) const override;
    std::vector<CaseFindingEntry> caseFindingEntriesOf(const OrganisationId& org,
                                                       const std::string& nhsNumber) const override;

    // OutcomeReader (outcome_reads.cpp)
    std::vector<OutcomeCase> outcomeCases() const override;
    std::vector<AgreedGoal> agreedGoals() const override;
    std::vector<CaseNeedDomain> caseNeedDomains() const override;
    std::vector<WellbeingScore> wellbeingScores() const override;
    std::vector<WellbeingScore> wellbeingScores(const CaseId& id) const override;
    std::vector<ServiceUseMonth> serviceUse() const override;
    std::vector<ServiceUseMonth> serviceUseCounts() const override;

    // AgendaSourceReader (agenda_sources.cpp)
    std::vector<CaseId> undiscussedReferrals(Urgency urgency, const MeetingSeriesId& series,
                                             std::size_t limit) const override;
    std::vector<CaseId> casesWithOverdueActions(Date asOf, const MeetingSeriesId& series,
                                                std::size_t limit) const override;
    std::vector<CaseId> casesWithOpenActions(Date from, const MeetingSeriesId& series,
                                             std::size_t limit) const override;
    std::vector<CaseId> casesDueForReview(Date by, const MeetingSeriesId& series,
                                          std::size_t limit) const override;

    // OpenStore
    void changePassphrase(const Passphrase& newPassphrase, const Actor& actor) override;
    IntegrityReport checkIntegrity() override;
    std::string location() const override;
    int schemaVersion() const override;
    AuditVerification verifyAudit() override;
    AuditVerification auditAtOpen() const override;
    void backupTo(const std::string& path, const Passphrase& backupPassphrase,
                  const Actor& actor) override;
    bool passphraseMatches(const Passphrase& passphrase) const override;
    SyncStore* syncStore() override { return this; }
    // Key slots (storage/src/key_ring.cpp)
    std::optional<ProfessionalId> signedInPerson() const override;
    std::vector<KeySlotSummary> keySlots() const override;
    void grantSignIn(const Professional& person, const std::string& username,
                     const Passphrase& passphrase, const Actor& actor) override;
    void revokeSignIn(const ProfessionalId& person, const Actor& actor) override;
    std::string replaceRecoveryKey(const Actor& actor) override;
    std::function<std::unique_ptr<OpenStore>()> connector() const override;
    /// The key derivation new slots get (tests lower it; the default is the standard).
    void setKdfForNewSlots(const KdfParams& params);

    // SyncStore (storage/src/sync_store.cpp)
    std::vector<SyncEntry> outbox(std::int64_t afterSequence, std::size_t limit) const override;
    std::int64_t newestOwnWallMs(std::int64_t afterSequence,
                                 std::int64_t throughSequence) const override;
    std::size_t pendingChanges() const override;
    SyncCursors syncCursors() const override;
    void recordPushed(std::int64_t throughSequence) override;
    void clampOwnStamps(const std::vector<SyncEntry>& entries, std::int64_t hubTimeMs,
                        std::int64_t hubSequence) override;
    ApplyReport applyReceived(const std::vector<ReceivedBatch>& page, std::int64_t cursor,
                              const std::vector<SyncProblem>& problems) override;
    void recordSyncOutcome(std::int64_t atMs, const std::optional<SyncProblem>& problem) override;
    std::vector<SyncProblem> syncProblems(std::size_t limit) const override;
    std::vector<SyncConflict> conflicts(bool openOnly) const override;
    void resolveConflict(std::int64_t id, const std::string& resolution, const ChangeSet& edit,
                         const Actor& actor) override;
    std::vector<DuplicatePerson> duplicatePeople() const override;
    std::optional<std::string> syncSetting(const std::string& key) const override;
    void setSyncSetting(const std::string& key, const std::string& value) override;
    std::optional<std::string> siteSigner(const std::string& site) const override;
    std::optional<CaseId> owningCase(EntityKind kind, const std::string& id) const override;
    bool isPrivate(EntityKind kind, const std::string& id) const override;
    std::vector<SyncEntry> caseSnapshot(const CaseId& id, const ChangeLogEntry& by) const override;
    std::vector<CaseId> caseIds() const override;
    std::vector<SyncEntry> recordsOutsideCases(const ChangeLogEntry& by) const override;
    std::size_t heldEntries() const override;
    ApplyReport loadSnapshotChunk(const SnapshotChunkLoad& load) override;
    bool createdHereAfter(const std::string& entityId, std::int64_t afterSequence) const override;
    std::size_t compactChangeLog(
        std::int64_t olderThanWallMs, std::size_t batch,
        const std::function<void(std::int64_t done, std::int64_t of)>& progress) override;
    /// Gives the pages freed by deletions back to the file system (VACUUM): the file is
    /// rewritten, so it needs as much free disk as the store takes.
    void reclaimFreeSpace();
    std::optional<FieldValue> currentValue(EntityKind kind, const std::string& id,
                                           const std::string& field) const override;
    /// Every row of every entity table in id order, with no local metadata: two stores
    /// that have converged give identical dumps.
    std::string canonicalDump() const;

    /// What a backup holds, from its manifest (read after verifying the whole file).
    using BackupManifest = BackupSummary;
    /// Opens and fully checks a backup: passphrase, every page, the manifest's counts.
    /// Throws StoreError (WrongPassphrase, NotAStore, Corrupt, NewerSchema).
    static BackupManifest verifyBackup(const std::string& backupPath,
                                       const Passphrase& backupPassphrase);
    /// Replaces the store at `storePath` with the backup, keyed with `storePassphrase`. The
    /// backup is verified first; the new store is built and checked beside the old one and
    /// swapped in by renaming, so a failure at any point leaves the old store as it was.
    /// The old store is kept as `<storePath>.before-restore`.
    static BackupManifest restoreBackup(const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const std::string& storePath, const StoreKey& storeKey);
    static BackupManifest restoreBackup(const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const std::string& storePath,
                                        const Passphrase& storePassphrase);

    /// For filling a store before it is moved into place (demo generation): a 256 MB page
    /// cache, and commits that do not wait for the disk. Closing the store checkpoints and
    /// syncs it, so what is moved into place is whole.
    void writeInBulk();

    /// Fault injection for tests: the write step after `steps` more (rows, change-log and
    /// audit entries) throws StoreError(Io) inside its transaction; nullopt turns it off.
    void injectFaultAfterWrites(std::optional<std::size_t> steps);

    /// Writes a plaintext SQLite copy of this store to `path` (benchmarks only: it holds
    /// patient data in clear).
    void exportPlaintextCopyForBenchmark(const std::string& path) const;
    /// Opens such a plaintext copy with the same code paths, to measure what encryption
    /// costs. Never used by the application, which refuses plaintext files.
    static std::unique_ptr<SqlCipherStore> openPlaintextCopyForBenchmark(const std::string& path);

  private:
    explicit SqlCipherStore(std::unique_ptr<StoreImpl> impl);
    friend class SqlCipherStoreProvider;
    bool ownSlotOpensWith(const Passphrase& passphrase) const;
    /// The person every write must name: who signed in, or whom a connector opened for.
    std::optional<ProfessionalId> accountablePerson() const;
    /// Throws StoreError(NotSignedInAs) unless `actor` is that person (or no one signed in).
    void requireSignedInAs(const Actor& actor) const;
    void changeOwnSlot(const Passphrase& passphrase, const Actor& actor);
    /// Writes `file` (one generation on) and records `event` with it, together.
    void saveKeySlots(KeySlotFile file, const AuditEvent& event, const Actor& actor);
    /// Re-keys the file and records `event` (with `alongside`), together.
    void rekeyRecording(const StoreKey& newKey, const AuditEvent& event, const Actor& actor,
                        const std::function<void()>& alongside);
    /// The one write path: `changes` with its audit event, and `alongside` (local
    /// bookkeeping such as marking a conflict settled) in the same transaction.
    void commitWith(const ChangeSet& changes, const Actor& actor,
                    const std::function<void()>& alongside);
    std::unique_ptr<StoreImpl> impl_;
};

/// Opens and creates SqlCipherStore files for the application, through their key slots.
class SqlCipherStoreProvider : public StoreProvider {
  public:
    explicit SqlCipherStoreProvider(std::shared_ptr<const Clock> clock = nullptr,
                                    KdfParams kdf = KdfParams::standard())
        : clock_(std::move(clock)), kdf_(kdf) {}
    bool exists(const std::string& location) const override;
    SignedIn create(const std::string& location, const Credentials& administrator,
                    const std::function<ProfessionalId(OpenStore&)>& setUp) override;
    /// Who else gets a key slot in a new store, and under which passphrase (nullopt: none).
    using PassphraseFor = std::function<std::optional<Passphrase>(const Professional&)>;
    /// As create, and every other active person `othersPassphrase` names gets a slot too,
    /// all before the store appears (the demo store's people, each with their own).
    SignedIn create(const std::string& location, const Credentials& administrator,
                    const std::function<ProfessionalId(OpenStore&)>& setUp,
                    const PassphraseFor& othersPassphrase);
    SignedIn signIn(const std::string& location, const Credentials& credentials) override;
    SignedIn recover(const std::string& location, const std::string& recoveryKey,
                     const Credentials& administrator) override;
    std::unique_ptr<OpenStore> openWithoutKeySlots(const std::string& location,
                                                   const Passphrase& passphrase) override;
    BackupSummary verifyBackup(const std::string& backupPath,
                               const Passphrase& backupPassphrase) override;
    BackupSummary restoreBackup(const std::string& backupPath, const Passphrase& backupPassphrase,
                                const std::string& location, const Credentials& restorer) override;

  private:
    SignedIn migrate(const std::string& location, const Credentials& credentials);
    std::shared_ptr<const Clock> clock_;
    KdfParams kdf_;
};

}  // namespace nmdt::storage
