#include "migrations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <functional>
#include <set>
#include <vector>

#include "model/directory_service.h"
#include "model/search_key.h"
#include "model/store_error.h"
#include "packed_stamps.h"
#include "write_transaction.h"

namespace nmdt::storage {

namespace {

// Version 1: the entity tables, the change log and the store's own metadata.
// Entity tables are named after their entity kind in the plural; each column is a field
// of model/entity_kind.cpp. References between owned rows are deferred foreign keys, so
// a change set may create parent and child in either order within its transaction.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE organisations (
  id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, ods_code TEXT);
CREATE TABLE professionals (
  id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
  email TEXT, phone TEXT);

CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  nhs_number TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL, address TEXT, postcode TEXT, phone TEXT, email TEXT,
  preferred_language TEXT, communication_needs TEXT,
  referred_by_id TEXT, referrer_org_id TEXT, referral_reason TEXT, referral_date TEXT,
  key_worker_id TEXT, status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_reason TEXT, closed_date TEXT,
  review_at_next_meeting INTEGER NOT NULL DEFAULT 0, created_at INTEGER);
CREATE UNIQUE INDEX cases_nhs_number ON cases(nhs_number);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL, relationship TEXT, phone TEXT,
  is_carer INTEGER NOT NULL DEFAULT 0, is_next_of_kin INTEGER NOT NULL DEFAULT 0);
CREATE INDEX contacts_case ON contacts(case_id);

CREATE TABLE consents (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  organisation_id TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('permit', 'deny')),
  recorded_on TEXT NOT NULL, recorded_by_id TEXT, legal_basis TEXT);
CREATE INDEX consents_case ON consents(case_id);

CREATE TABLE care_team_members (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  professional_id TEXT NOT NULL, team_role TEXT, active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX care_team_case ON care_team_members(case_id);

CREATE TABLE care_plans (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  version INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('draft', 'agreed', 'superseded')),
  what_matters TEXT, about_me TEXT, contingency_plan TEXT, review_date TEXT,
  agreed_on TEXT, agreed_by_id TEXT, based_on_id TEXT);
CREATE INDEX care_plans_case ON care_plans(case_id, version);

CREATE TABLE needs (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES care_plans(id) DEFERRABLE INITIALLY DEFERRED,
  lineage_id TEXT NOT NULL, domain TEXT NOT NULL, description TEXT NOT NULL, planned_support TEXT);
CREATE INDEX needs_plan ON needs(plan_id);

CREATE TABLE goals (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES care_plans(id) DEFERRABLE INITIALLY DEFERRED,
  lineage_id TEXT NOT NULL, domain TEXT NOT NULL, description TEXT NOT NULL, target_date TEXT,
  progress TEXT NOT NULL, progress_note TEXT);
CREATE INDEX goals_plan ON goals(plan_id);

CREATE TABLE meetings (
  id TEXT PRIMARY KEY NOT NULL, title TEXT, date TEXT NOT NULL, start_time TEXT,
  duration_minutes INTEGER, place TEXT, link TEXT, chair_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'closed')),
  opened_at INTEGER, closed_at INTEGER);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE participants (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) DEFERRABLE INITIALLY DEFERRED,
  organisation_id TEXT NOT NULL, professional_id TEXT,
  invited INTEGER NOT NULL DEFAULT 1, attendance TEXT NOT NULL);
CREATE INDEX participants_meeting ON participants(meeting_id);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) DEFERRABLE INITIALLY DEFERRED,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  reason TEXT, minutes_allotted INTEGER NOT NULL DEFAULT 3, order_key TEXT NOT NULL,
  carried_forward INTEGER NOT NULL DEFAULT 0, for_information INTEGER NOT NULL DEFAULT 0,
  discussion TEXT, decision TEXT, plan_changes TEXT,
  discussed INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, order_key);
CREATE INDEX agenda_items_case ON agenda_items(case_id);

CREATE TABLE actions (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  goal_lineage_id TEXT, meeting_id TEXT, title TEXT NOT NULL, detail TEXT,
  owner_id TEXT, owner_org_id TEXT, requester_id TEXT, due_date TEXT,
  priority TEXT NOT NULL, status TEXT NOT NULL, status_reason TEXT,
  created_at INTEGER, updated_at INTEGER);
CREATE INDEX actions_case ON actions(case_id);

CREATE TABLE progress_notes (
  id TEXT PRIMARY KEY NOT NULL,
  action_id TEXT NOT NULL REFERENCES actions(id) DEFERRABLE INITIALLY DEFERRED,
  author_id TEXT, written_at INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX progress_notes_action ON progress_notes(action_id, written_at);
CREATE TRIGGER progress_notes_append_only BEFORE UPDATE ON progress_notes
BEGIN SELECT RAISE(ABORT, 'progress notes are append-only'); END;
CREATE TRIGGER progress_notes_no_delete BEFORE DELETE ON progress_notes
BEGIN SELECT RAISE(ABORT, 'progress notes are append-only'); END;

CREATE TABLE change_log (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  hlc_wall INTEGER NOT NULL, hlc_counter INTEGER NOT NULL, site_id TEXT NOT NULL,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update')),
  fields TEXT NOT NULL, intent TEXT NOT NULL,
  user_id TEXT, user_name TEXT, role TEXT, organisation_id TEXT);
CREATE INDEX change_log_entity ON change_log(entity_id, sequence);
CREATE TRIGGER change_log_append_only BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
)sql";

// Version 2: folded name columns for case search, kept by the write path. SQLite's
// lower() is ASCII-only, so the folding is done in C++ (model/search_key) and stored.
void addSearchColumns(SQLite::Database& db) {
    db.exec("ALTER TABLE cases ADD COLUMN search_family TEXT NOT NULL DEFAULT ''");
    db.exec("ALTER TABLE cases ADD COLUMN search_given TEXT NOT NULL DEFAULT ''");
    SQLite::Statement read(db, "SELECT id, family_name, given_name FROM cases");
    SQLite::Statement write(db,
                            "UPDATE cases SET search_family = ?, search_given = ? WHERE id = ?");
    while (read.executeStep()) {
        write.bind(1, foldForSearch(read.getColumn(1).getString()));
        write.bind(2, foldForSearch(read.getColumn(2).getString()));
        write.bind(3, read.getColumn(0).getString());
        write.exec();
        write.reset();
    }
}

// Version 3: indexes for the lists people work from. The partial indexes hold open
// actions only, so "overdue for my organisation" reads a few rows, not the history.
constexpr const char* kIndexesV3 = R"sql(
CREATE INDEX cases_family ON cases(search_family, search_given, id);
CREATE INDEX cases_given ON cases(search_given, search_family);
CREATE INDEX actions_open_org ON actions(owner_org_id, due_date)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_open_owner ON actions(owner_id, due_date)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_open_due ON actions(due_date)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_meeting ON actions(meeting_id);
CREATE INDEX care_plans_review ON care_plans(review_date) WHERE status = 'agreed';
)sql";

// Version 4: the open-action indexes also hold the status. SQLite 3.15 re-checks a partial
// index's WHERE against the table row, so counting overdue actions fetched (and decrypted)
// every row; with status in the index the count is answered from the index alone.
constexpr const char* kCoveringIndexesV4 = R"sql(
DROP INDEX actions_open_org;
DROP INDEX actions_open_owner;
CREATE INDEX actions_open_org ON actions(owner_org_id, due_date, status)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_open_owner ON actions(owner_id, due_date, status)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
)sql";

// Version 5: the audit trail. Sequence numbers are assigned by the store (not
// AUTOINCREMENT) because each entry's hash covers its sequence and its predecessor's hash.
constexpr const char* kAuditV5 = R"sql(
CREATE TABLE audit_log (
  sequence INTEGER PRIMARY KEY NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
  subject TEXT NOT NULL, detail TEXT NOT NULL, user_id TEXT, user_name TEXT, role TEXT,
  organisation_id TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_log_user ON audit_log(user_id, sequence);
CREATE INDEX audit_log_subject ON audit_log(subject, sequence);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Version 6: sync. Per-field stamps of every entity's current values (the merge needs
// them); the stamps each change replaced (so a partner can tell a concurrent edit);
// conflicts kept for a person; problems; settings; the signer each site first used;
// entries held until what they refer to arrives. NHS numbers are no longer unique: the
// same person created on two desktops arrives as two cases for a person to merge.
// Progress notes gain a private flag (private notes never leave the desktop).
constexpr const char* kSyncV6 = R"sql(
ALTER TABLE change_log ADD COLUMN base_stamps TEXT NOT NULL DEFAULT '';
CREATE INDEX change_log_site ON change_log(site_id, sequence);
CREATE TABLE entity_clocks (entity_id TEXT PRIMARY KEY NOT NULL, stamps TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  field TEXT NOT NULL, kept_value TEXT NOT NULL, kept_stamp TEXT NOT NULL,
  lost_value TEXT NOT NULL, lost_stamp TEXT NOT NULL, lost_user TEXT, lost_org TEXT,
  detected_at INTEGER NOT NULL, resolved_at INTEGER, resolution TEXT);
CREATE INDEX sync_conflicts_field ON sync_conflicts(entity_id, field);
CREATE TABLE sync_problems (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL,
  message TEXT NOT NULL);
CREATE TABLE sync_settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_sites (site_id TEXT PRIMARY KEY NOT NULL, signer TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sync_held (
  id INTEGER PRIMARY KEY AUTOINCREMENT, waiting_for TEXT NOT NULL, entry TEXT NOT NULL);
DROP INDEX cases_nhs_number;
CREATE INDEX cases_nhs_number ON cases(nhs_number);
ALTER TABLE progress_notes ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 7: the neighbourhood reports. Counting actions by organisation and status, and
// needs by domain, from covering indexes instead of decrypting every row of the tables.
constexpr const char* kReportIndexesV7 = R"sql(
CREATE INDEX actions_org_status ON actions(owner_org_id, status);
DROP INDEX needs_plan;
CREATE INDEX needs_plan ON needs(plan_id, domain);
)sql";

// Version 8: referrals are triaged. Urgency and the triage outcome, who decided and when;
// cases from before were all taken on by the MDT. A meeting called off keeps its reason.
constexpr const char* kTriageV8 = R"sql(
ALTER TABLE cases ADD COLUMN urgency TEXT NOT NULL DEFAULT 'routine'
  CHECK (urgency IN ('routine', 'urgent'));
ALTER TABLE cases ADD COLUMN triage TEXT NOT NULL DEFAULT 'accepted-mdt'
  CHECK (triage IN ('pending', 'accepted-mdt', 'navigator-only', 'social-prescribing',
                    'signposted', 'declined'));
ALTER TABLE cases ADD COLUMN triage_note TEXT;
ALTER TABLE cases ADD COLUMN triaged_by_id TEXT;
ALTER TABLE cases ADD COLUMN triaged_on TEXT;
ALTER TABLE meetings ADD COLUMN cancelled_reason TEXT;
)sql";

// Version 9: several MDTs per neighbourhood. Each series has its name, cadence, time,
// length, place and default invitees; a meeting belongs to a series, and a case to the
// series that discusses it (none for everything from before). Each agenda item records
// whether the resident and a carer took part, agreed the plan and were given a copy. A
// consent says how it was obtained (in person, in writing, by phone, from a representative).
constexpr const char* kSeriesV9 = R"sql(
CREATE TABLE meeting_series (
  id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, cadence_days INTEGER NOT NULL,
  start_time TEXT, duration_minutes INTEGER NOT NULL, place TEXT, link TEXT,
  default_invitees TEXT, active INTEGER NOT NULL DEFAULT 1);
ALTER TABLE meetings ADD COLUMN series_id TEXT;
ALTER TABLE cases ADD COLUMN mdt_series_id TEXT;
CREATE INDEX cases_series ON cases(mdt_series_id);
ALTER TABLE agenda_items ADD COLUMN resident_attended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_items ADD COLUMN carer_attended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_items ADD COLUMN resident_agreed_plan INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_items ADD COLUMN resident_copy_given INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consents ADD COLUMN method TEXT;
)sql";

// Version 10: a resident's registered GP practice.
constexpr const char* kPracticeV10 = R"sql(
ALTER TABLE cases ADD COLUMN registered_practice_id TEXT;
)sql";

// Version 11: the agenda is filled by walking covering indexes in the order a team works
// through and stopping when the meeting is full (storage/src/agenda_sources.cpp), instead
// of reading and sorting every open case: new referrals by urgency and date; open actions
// by due date with their case and whether a meeting agreed them; agreed plans by review
// date; cases flagged for review; and each case's status and series for the joins.
constexpr const char* kAgendaIndexesV11 = R"sql(
CREATE INDEX cases_referrals
  ON cases(status, urgency, referral_date, search_family, triage, mdt_series_id, id);
CREATE INDEX cases_review_flag ON cases(review_at_next_meeting, search_family, status,
  mdt_series_id, id) WHERE review_at_next_meeting = 1;
CREATE INDEX cases_open_series ON cases(id, status, mdt_series_id);
DROP INDEX actions_open_due;
CREATE INDEX actions_open_due ON actions(due_date, case_id, status, meeting_id)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
DROP INDEX care_plans_review;
CREATE INDEX care_plans_review ON care_plans(review_date, status, case_id)
  WHERE status = 'agreed';
)sql";

// Version 12: people sign in as themselves (key slots beside the store): the directory
// holds each person's username, professional registration and whether they may still sign
// in. Existing people get usernames made from their names ("given.family"), made unique in
// id order so every desktop that upgrades the same directory makes the same ones.
void addPeopleColumns(SQLite::Database& db) {
    db.exec("ALTER TABLE professionals ADD COLUMN username TEXT");
    db.exec("ALTER TABLE professionals ADD COLUMN registration TEXT");
    db.exec("ALTER TABLE professionals ADD COLUMN active INTEGER NOT NULL DEFAULT 1");
    SQLite::Statement read(db, "SELECT id, name FROM professionals ORDER BY id");
    SQLite::Statement write(db, "UPDATE professionals SET username = ? WHERE id = ?");
    std::set<std::string> taken;
    while (read.executeStep()) {
        const std::string base = suggestUsername(read.getColumn(1).getString());
        std::string username = base;
        for (int n = 2; taken.count(username); ++n)
            username = base + "." + std::to_string(n);
        taken.insert(username);
        write.bind(1, username);
        write.bind(2, read.getColumn(0).getString());
        write.exec();
        write.reset();
    }
}

// Version 13: packed stamps. Stamps spelt out as text (74 bytes a field, the site id in
// full) made an action's clock row over a kilobyte, past what SQLite keeps on a page, and
// nearly tripled the store. Site ids and field names become numbers (packed_names) and each
// entity's stamps a short blob (packed_stamps.h). Clock rows are rewritten now; base stamps
// in the change log are read in either form and stay as they were.
void packEntityClocks(SQLite::Database& db) {
    db.exec("CREATE TABLE packed_names (number INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    PackedNames names;
    SQLite::Statement read(db, "SELECT entity_id, stamps FROM entity_clocks");
    SQLite::Statement write(db, "UPDATE entity_clocks SET stamps = ? WHERE entity_id = ?");
    while (read.executeStep()) {
        const auto packed = packStamps(db, names, unpackStamps(db, names, read.getColumn(1)));
        write.bind(1, packed.data(), static_cast<int>(packed.size()));
        write.bind(2, read.getColumn(0).getString());
        write.exec();
        write.reset();
    }
}

// Version 14: action lists are read as ids from the open-action indexes and their rows only
// as they come into view: on a store bigger than memory, reading 2,000 rows scattered over
// the actions table to show a list took 400 ms after a restart. The indexes now hold every
// column a list filters or orders on (created_at orders the undated ones) and the id.
// They are made before the old ones go (hence new names), so that they are written to
// fresh pages in key order rather than into the old ones' freed pages scattered over the
// file: read cold, scattered index pages cost a disk seek each.
constexpr const char* kActionListIndexesV14 = R"sql(
CREATE INDEX actions_open_by_org
  ON actions(owner_org_id, due_date, created_at, status, priority, id)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_open_by_owner
  ON actions(owner_id, due_date, created_at, status, priority, id)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
CREATE INDEX actions_open_by_due
  ON actions(due_date, case_id, status, meeting_id, created_at, priority, id)
  WHERE status IN ('requested', 'accepted', 'in-progress', 'on-hold');
DROP INDEX actions_open_org;
DROP INDEX actions_open_owner;
DROP INDEX actions_open_due;
)sql";

// Case-finding lists: local to the practice's desktop (never in the change log, so never
// synced). People are read in file order per list and matched to cases on NHS number.
constexpr const char* kCaseFindingV15 = R"sql(
CREATE TABLE case_finding_lists (
  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL, source_name TEXT, imported_at INTEGER NOT NULL,
  imported_by_id TEXT REFERENCES professionals(id), row_count INTEGER NOT NULL,
  mapping TEXT, risk_columns TEXT
);
CREATE INDEX case_finding_lists_org ON case_finding_lists(organisation_id, imported_at);
CREATE TABLE case_finding_entries (
  id TEXT PRIMARY KEY, list_id TEXT NOT NULL REFERENCES case_finding_lists(id),
  line INTEGER NOT NULL, nhs_number TEXT NOT NULL, date_of_birth TEXT NOT NULL,
  family_name TEXT NOT NULL, given_name TEXT, sex TEXT, postcode TEXT,
  practice_code TEXT NOT NULL, risk TEXT, decision TEXT NOT NULL, reason TEXT,
  review_on TEXT, referred_case_id TEXT REFERENCES cases(id),
  decided_by_id TEXT REFERENCES professionals(id), decided_at INTEGER
);
CREATE INDEX case_finding_entries_list ON case_finding_entries(list_id, line);
)sql";

// Outcomes: the resident's recorded sex (for reports by sex), wellbeing scores (ONS4, synced
// with the case) and the practice's monthly service use (local to the importing desktop,
// one row per resident and month). The outcome reports read every goal's progress and every
// need's domain by plan: from covering indexes, not from the rows with their text.
constexpr const char* kOutcomesV16 = R"sql(
ALTER TABLE cases ADD COLUMN sex TEXT;
CREATE TABLE wellbeing_scores (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  recorded_on TEXT NOT NULL, occasion TEXT NOT NULL,
  life_satisfaction INTEGER NOT NULL, worthwhile INTEGER NOT NULL,
  happiness INTEGER NOT NULL, anxiety INTEGER NOT NULL,
  recorded_by_id TEXT REFERENCES professionals(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX wellbeing_scores_case ON wellbeing_scores(case_id, recorded_on, occasion,
  life_satisfaction, worthwhile, happiness, anxiety);
CREATE TABLE service_use_months (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
  month TEXT NOT NULL, emergency_attendances INTEGER NOT NULL,
  emergency_admissions INTEGER NOT NULL, gp_contacts INTEGER NOT NULL,
  organisation_id TEXT REFERENCES organisations(id), imported_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX service_use_months_case ON service_use_months(case_id, month);
CREATE INDEX service_use_months_counts ON service_use_months(case_id, month,
  emergency_attendances, emergency_admissions, gp_contacts);
CREATE INDEX care_plans_status ON care_plans(status, id, case_id, version, agreed_on);
CREATE INDEX goals_plan_progress ON goals(plan_id, lineage_id, progress);
CREATE INDEX needs_plan_domain ON needs(plan_id, domain);
)sql";

// Version 17: each record's field stamps live in its own row (field_stamps), not in a
// table of their own. A record and its stamps are written together, and the clocks table,
// keyed by entity id across every kind, took a write at a scattered place for each record:
// on a joining desktop, loading one kind after another, each transaction rewrote thousands
// of its pages (half the join's time). Rows of records since removed lose their stamps.
void moveStampsIntoRows(SQLite::Database& db) {
    // The synced record tables as of this version that merge field by field: local-only
    // records keep no stamps, and append-only ones (progress notes) are never merged.
    static constexpr const char* kSyncedTables[] = {
        "organisations",     "professionals", "cases",        "contacts", "consents",
        "care_team_members", "care_plans",    "needs",        "goals",    "meeting_series",
        "meetings",          "participants",  "agenda_items", "actions",  "wellbeing_scores"};
    for (const char* table : kSyncedTables) {
        db.exec(std::string("ALTER TABLE ") + table + " ADD COLUMN field_stamps BLOB");
        db.exec(std::string("UPDATE ") + table +
                " SET field_stamps = (SELECT c.stamps FROM entity_clocks c WHERE c.entity_id = " +
                table + ".id)");
    }
    db.exec("DROP TABLE entity_clocks");
}

// Version 18: an objection to sharing follows the person, not the list: a practice looks a
// person up on all its lists by NHS number when a list is imported, a decision recorded and
// a referral asked for. And the people due for review are counted whenever the record
// pane is empty, to remind the practice.
constexpr const char* kCaseFindingPersonV18 = R"sql(
CREATE INDEX case_finding_entries_person ON case_finding_entries(nhs_number, decision);
CREATE INDEX case_finding_entries_review ON case_finding_entries(decision, review_on, list_id);
)sql";

using Step = std::function<void(SQLite::Database&)>;

const std::vector<Step>& steps() {
    static const std::vector<Step> all{
        [](SQLite::Database& db) { db.exec(kSchemaV1); },
        addSearchColumns,
        [](SQLite::Database& db) { db.exec(kIndexesV3); },
        [](SQLite::Database& db) { db.exec(kCoveringIndexesV4); },
        [](SQLite::Database& db) { db.exec(kAuditV5); },
        [](SQLite::Database& db) { db.exec(kSyncV6); },
        [](SQLite::Database& db) { db.exec(kReportIndexesV7); },
        [](SQLite::Database& db) { db.exec(kTriageV8); },
        [](SQLite::Database& db) { db.exec(kSeriesV9); },
        [](SQLite::Database& db) { db.exec(kPracticeV10); },
        [](SQLite::Database& db) { db.exec(kAgendaIndexesV11); },
        addPeopleColumns,
        packEntityClocks,
        [](SQLite::Database& db) { db.exec(kActionListIndexesV14); },
        [](SQLite::Database& db) { db.exec(kCaseFindingV15); },
        [](SQLite::Database& db) { db.exec(kOutcomesV16); },
        moveStampsIntoRows,
        [](SQLite::Database& db) { db.exec(kCaseFindingPersonV18); },
    };
    return all;
}

}  // namespace

int latestSchemaVersion() {
    return static_cast<int>(steps().size());
}

int schemaVersionOf(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

void migrate(SQLite::Database& db, int target) {
    if (target < 0)
        target = latestSchemaVersion();
    int current = schemaVersionOf(db);
    if (current > latestSchemaVersion())
        throw StoreError(StoreErrorCode::NewerSchema, "schema version " + std::to_string(current) +
                                                          " is newer than " +
                                                          std::to_string(latestSchemaVersion()));
    for (int v = current; v < target; ++v) {
        WriteTransaction tx(db);
        steps()[static_cast<std::size_t>(v)](db);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

}  // namespace nmdt::storage
