#include "demo/demo_data.h"

#include "model/directory_service.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <random>

#include "model/case_service.h"
#include "model/entity_mapping.h"
#include "model/nhs_number.h"
#include "model/order_key.h"
#include "model/working_days.h"
#include "name_pools.h"

namespace nmdt::demo {

namespace {

constexpr std::size_t kBatchSize = 2000;

/// Builds one demo neighbourhood; holds the random state so output depends on the seed only.
class Generator {
  public:
    Generator(Store& store, const Clock& clock, DemoSize size, std::uint64_t seed,
              const DemoProgress& progress)
        : store_(store),
          clock_(clock),
          size_(size),
          rng_(seed),
          outcomeRng_(seed ^ 0x0c7c0ae5ULL),
          ids_(seed ^ 0x5eedULL),
          progress_(progress),
          today_(clock.today()) {
        // Per case about 20 rows besides its actions, and 2.35 per action (the action and
        // its notes), as generated: the estimate reached 100% with a third still to write.
        planned_ = size.cases * (24 + size.actionsPerCase * 47 / 20) + size.meetings * 40 + 60;
    }

    DemoSummary run() {
        directory();
        meetings();
        for (std::size_t i = 0; i < size_.cases; ++i)
            oneCase(i);
        agendas();
        outcomes();
        flush();
        return summary_;
    }

  private:
    // --- randomness --------------------------------------------------------------------
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    // Outcome data (sex, practice, wellbeing, service use) draws from its own stream, so
    // the rest of a seed's neighbourhood is what it was before outcomes existed.
    int outcomeBetween(int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(outcomeRng_);
    }
    template <class T>
    const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
    }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
    }
    std::string word(std::span<const std::string_view> items) { return std::string(pick(items)); }
    Timestamp at(Date d, int hour) {
        return std::chrono::sys_days(d) + std::chrono::hours(hour) +
               std::chrono::minutes(between(0, 59));
    }

    // --- writing -----------------------------------------------------------------------
    template <class T>
    void add(const T& entity) {
        batch_.create(EntityTraits<T>::kind, entity.id.str(), toFields(entity));
        if (++inBatch_ >= kBatchSize)
            flush();
    }
    void flush() {
        if (batch_.empty())
            return;
        store_.commit(batch_, admin_);
        written_ += inBatch_;
        inBatch_ = 0;
        batch_ = ChangeSet("generate-demo-data");
        if (progress_)
            progress_(written_, std::max(planned_, written_));
    }

    // --- the neighbourhood ---------------------------------------------------------------
    OrganisationId organisation(const char* name, OrganisationKind kind, const char* ods) {
        Organisation o{ids_.next<OrganisationId>(), name, kind, ods};
        add(o);
        ++summary_.organisations;
        return o.id;
    }
    ProfessionalId professional(const char* name, Role role, const OrganisationId& org) {
        Professional p;
        p.id = ids_.next<ProfessionalId>();
        p.name = name;
        p.role = role;
        p.organisationId = org;
        std::string local = name;
        std::replace(local.begin(), local.end(), ' ', '.');
        p.email = local + "@nhs.example";
        p.username = suggestUsername(name);
        add(p);
        ++summary_.professionals;
        staff_.push_back(p);
        return p.id;
    }

    void directory() {
        auto riverside = organisation("Riverside Surgery", OrganisationKind::GpPractice, "Y90001");
        auto canal =
            organisation("Canal Street Medical Centre", OrganisationKind::GpPractice, "Y90002");
        auto hill =
            organisation("Hillside Family Practice", OrganisationKind::GpPractice, "Y90003");
        auto trust = organisation("Northvale Community Health NHS Trust",
                                  OrganisationKind::CommunityTrust, "RX901");
        auto mh = organisation("Northvale Mental Health Partnership",
                               OrganisationKind::MentalHealth, "RX902");
        auto council =
            organisation("Northvale Council Adult Social Care", OrganisationKind::SocialCare, "");
        auto ageWell = organisation("Age Well Together", OrganisationKind::Vcfse, "");
        auto advice = organisation("Northvale Citizens Advice", OrganisationKind::Vcfse, "");
        auto housing = organisation("Safe Homes Housing Support", OrganisationKind::Vcfse, "");

        summary_.chairId = professional("Dr Amina Rahman", Role::Chair, riverside).str();
        clinicians_ = {professional("Dr Tomasz Nowak", Role::Clinician, riverside),
                       professional("Dr Helen Price", Role::Clinician, canal),
                       professional("Dr Kwame Mensah", Role::Clinician, hill),
                       professional("Sarah Hughes (District Nurse)", Role::Clinician, trust),
                       professional("Femi Adeyemi (Community Matron)", Role::Clinician, trust),
                       professional("Dr Rhian Bowen (Psychiatrist)", Role::Clinician, mh)};
        professional("Julie Clarke", Role::PracticeStaff, riverside);
        professional("Imran Khan", Role::PracticeStaff, canal);
        professional("Lowri Evans", Role::PracticeStaff, hill);
        navigators_ = {professional("Gwen Pritchard", Role::Navigator, ageWell),
                       professional("Marek Zieliński", Role::Navigator, ageWell),
                       professional("Hodan Warsame", Role::VcfseWorker, advice),
                       professional("Chen Mei", Role::VcfseWorker, housing),
                       professional("Tom Walker (Social Worker)", Role::Clinician, council)};
        professional("Admin Office", Role::Administrator, riverside);
        professional("Priya Shah (MDT Coordinator)", Role::Coordinator, riverside);
        summary_.navigatorId = navigators_.front().str();
        summary_.navigatorOrgId = ageWell.str();
        partners_ = {riverside, canal, hill, trust, mh, council, ageWell, advice, housing};
        practices_ = {riverside, canal, hill};
    }

    void meetings() {
        // A year of fortnightly meetings on the same weekday, the last one closed, and the
        // next one planned and waiting for its agenda.
        // Thursdays, moved to the next working day when one falls on a bank holiday.
        Date last = addDays(today_, -between(1, 13));
        while (std::chrono::weekday{std::chrono::sys_days{last}} != std::chrono::Thursday)
            last = addDays(last, -1);
        for (std::size_t k = 0; k < size_.meetings; ++k) {
            Meeting m;
            m.id = ids_.next<MeetingId>();
            m.title = "Northvale Neighbourhood MDT";
            m.date =
                workingDayOnOrAfter(addDays(last, -14 * static_cast<int>(size_.meetings - 1 - k)));
            m.startTime = "13:00";
            m.durationMinutes = 90;
            m.place = "Riverside Surgery, meeting room 2";
            m.link = "https://meet.example.nhs.uk/northvale-mdt";
            m.chair = ProfessionalId(summary_.chairId);
            m.status = MeetingStatus::Closed;
            m.openedAt = at(m.date, 13);
            m.closedAt = at(m.date, 14);
            add(m);
            past_.push_back(m);
            for (const auto& org : partners_) {
                Participant p{ids_.next<ParticipantId>(),
                              m.id,
                              org,
                              {},
                              true,
                              chance(0.85) ? Attendance::Attended : Attendance::Absent};
                add(p);
            }
        }
        Meeting next;
        next.id = ids_.next<MeetingId>();
        next.title = "Northvale Neighbourhood MDT";
        next.date = workingDayOnOrAfter(addDays(last, 14));
        next.startTime = "13:00";
        next.place = "Riverside Surgery, meeting room 2";
        next.link = "https://meet.example.nhs.uk/northvale-mdt";
        next.chair = ProfessionalId(summary_.chairId);
        add(next);
        // The same partners are invited, as New Meeting and closing a meeting do.
        for (const auto& org : partners_)
            add(Participant{
                ids_.next<ParticipantId>(), next.id, org, {}, true, Attendance::NeedsAction});
        summary_.meetings = size_.meetings + 1;
    }

    std::string nextNhsNumber() {
        for (;;) {
            std::string nine = std::to_string(999000000 + nhsStem_++);
            auto check = NhsNumber::checkDigit(nine);
            if (!check)
                continue;
            std::string digits = nine + static_cast<char>('0' + *check);
            if (!NhsNumber::check(digits))
                return digits;
        }
    }

    const pools::NamePool& namePool() {
        int total = 0;
        for (const auto& p : pools::namePools())
            total += p.weight;
        int roll = between(0, total - 1);
        for (const auto& p : pools::namePools()) {
            if (roll < p.weight)
                return p;
            roll -= p.weight;
        }
        return pools::namePools().front();
    }

    Resident resident() {
        const auto& pool = namePool();
        Resident r;
        r.nhsNumber = nextNhsNumber();
        r.givenName = word(pool.given);
        r.familyName = word(pool.family);
        int age = chance(0.7) ? between(65, 98) : between(18, 64);
        r.dateOfBirth = addDays(today_, -(age * 365 + between(0, 364)));
        r.address = std::to_string(between(1, 180)) + " " + word(pools::streets()) + ", Northvale";
        r.postcode = "NV" + std::to_string(between(1, 9)) + " " + std::to_string(between(1, 9)) +
                     static_cast<char>('A' + between(0, 25)) +
                     static_cast<char>('A' + between(0, 25));
        r.phone = "07700 9" + std::to_string(between(10000, 99999));
        r.preferredLanguage = std::string(pool.language);
        r.communicationNeeds = word(pools::communicationNeeds());
        r.sex = outcomeBetween(0, 99) < 55 ? Sex::Female : Sex::Male;
        if (outcomeBetween(0, 99) < 3)
            r.sex = outcomeBetween(0, 1) ? Sex::Other : Sex::NotKnown;
        r.registeredPractice = practices_[static_cast<std::size_t>(
            outcomeBetween(0, static_cast<int>(practices_.size()) - 1))];
        CaseService::validateResident(r, today_);  // demo data obeys the same rules
        return r;
    }

    void oneCase(std::size_t index) {
        Case c;
        c.id = ids_.next<CaseId>();
        c.resident = resident();
        c.referredBy = pick(clinicians_);
        for (const auto& p : staff_)
            if (p.id == c.referredBy)
                c.referrerOrganisation = p.organisationId;
        c.referralReason = word(pools::referralReasons());
        c.referralDate = addDays(today_, -between(0, 700));
        c.keyWorker = pick(navigators_);
        c.createdAt = at(c.referralDate, 10);
        if (chance(0.12)) {
            c.status = CaseStatus::Closed;
            c.closedReason = chance(0.5) ? "Goals met; discharged from MDT" : "Moved out of area";
            c.closedDate = addDays(c.referralDate, between(30, 200));
            if (*c.closedDate > today_)
                c.closedDate = today_;
        }
        add(c);
        ++summary_.cases;
        cases_.push_back({c.id, c.referralDate, c.resident.registeredPractice});
        if (index < size_.casesPerMeeting * 6 && c.status == CaseStatus::Open)
            discussed_.push_back(c.id);

        for (const auto& org : partners_) {
            Consent consent{ids_.next<ConsentId>(),
                            c.id,
                            org,
                            chance(0.93) ? ConsentDecision::Permit : ConsentDecision::Deny,
                            c.referralDate,
                            c.keyWorker,
                            "",
                            ConsentMethod::InPerson};
            add(consent);
        }
        for (int k = between(0, 2); k > 0; --k) {
            const auto& pool = namePool();
            Contact contact{ids_.next<ContactId>(),
                            c.id,
                            word(pool.given) + " " + c.resident.familyName,
                            pick(std::span<const std::string_view>(kRelationships)).data(),
                            "07700 9" + std::to_string(between(10000, 99999)),
                            chance(0.6),
                            k == 1};
            add(contact);
        }
        add(CareTeamMember{ids_.next<CareTeamMemberId>(), c.id, c.keyWorker, "key worker", true});
        add(CareTeamMember{ids_.next<CareTeamMemberId>(), c.id, c.referredBy, "GP", true});
        carePlans(c);
        actions(c);
    }

    void carePlans(const Case& c) {
        if (!chance(0.85))
            return;
        int versions = chance(0.3) ? 2 : 1;
        bool draft = chance(0.2);
        std::vector<int> domains;
        for (int d = 0; d < 9; ++d)
            if (chance(d < 4 ? 0.45 : 0.2))
                domains.push_back(d);
        if (domains.empty())
            domains.push_back(between(0, 8));
        std::vector<std::string> needLineages, goalLineages;
        CarePlanId previous;
        for (int v = 1; v <= versions + (draft ? 1 : 0); ++v) {
            CarePlan p;
            p.id = ids_.next<CarePlanId>();
            p.caseId = c.id;
            p.version = v;
            bool isDraft = v > versions;
            p.status = isDraft ? PlanStatus::Draft
                               : (v < versions ? PlanStatus::Superseded : PlanStatus::Agreed);
            p.whatMattersToMe = word(pools::whatMatters());
            p.aboutMe =
                "I like to be called by my first name. " +
                (c.resident.communicationNeeds.empty() ? std::string("Mornings are best.")
                                                       : c.resident.communicationNeeds + ".");
            p.contingencyPlan =
                "If I become unwell or my carer cannot come, call " +
                std::string(chance(0.5) ? "the practice duty line" : "my daughter") +
                " first; out of hours call NHS 111.";
            Date agreed = addDays(c.referralDate, 14 + 60 * (v - 1));
            if (agreed > today_)
                agreed = today_;
            if (!isDraft) {
                p.agreedOn = agreed;
                p.agreedBy = ProfessionalId(summary_.chairId);
            }
            p.reviewDate = addDays(agreed, 90);
            p.basedOn = previous;
            add(p);
            ++summary_.carePlans;
            for (std::size_t i = 0; i < domains.size(); ++i) {
                int d = domains[i];
                if (needLineages.size() <= i)
                    needLineages.push_back(ids_.newUuid());
                add(Need{ids_.next<NeedId>(), p.id, needLineages[i], static_cast<NeedDomain>(d),
                         word(pools::needsFor(d)), word(pools::supportFor(d))});
                if (i % 2 == 1)
                    continue;
                if (goalLineages.size() <= i / 2)
                    goalLineages.push_back(ids_.newUuid());
                Goal g{ids_.next<GoalId>(),
                       p.id,
                       goalLineages[i / 2],
                       static_cast<NeedDomain>(d),
                       word(pools::goalsFor(d)),
                       addDays(agreed, between(60, 180)),
                       static_cast<GoalProgress>(between(0, 3)),
                       ""};
                add(g);
            }
            previous = p.id;
        }
        goalLineages_ = goalLineages;
    }

    ActionStatus actionStatus() {
        int roll = between(0, 99);
        if (roll < 45)
            return ActionStatus::Completed;
        if (roll < 50)
            return ActionStatus::Cancelled;
        if (roll < 53)
            return ActionStatus::Declined;
        if (roll < 63)
            return ActionStatus::Requested;
        if (roll < 73)
            return ActionStatus::Accepted;
        if (roll < 90)
            return ActionStatus::InProgress;
        return ActionStatus::OnHold;
    }

    void actions(const Case& c) {
        int n = between(static_cast<int>(size_.actionsPerCase / 2),
                        static_cast<int>(size_.actionsPerCase * 3 / 2));
        for (int k = 0; k < n; ++k) {
            Action a;
            a.id = ids_.next<ActionId>();
            a.caseId = c.id;
            a.status = actionStatus();
            bool open = isOpen(a.status);
            int caseAge = std::max(1, daysBetween(c.referralDate, today_));
            // Open work is recent; finished work is spread over the life of the case.
            Date created = open ? addDays(today_, -between(0, std::min(60, caseAge)))
                                : addDays(c.referralDate, between(0, caseAge));
            a.createdAt = at(created, 11);
            a.updatedAt = a.createdAt;
            if (!chance(0.1))
                a.dueDate = addDays(created, between(14, 75));
            a.title = word(pools::actionTitles());
            a.detail = "Raised for " + c.resident.givenName + ": " + c.referralReason;
            a.owner = chance(0.6) ? pick(navigators_) : pick(clinicians_);
            for (const auto& p : staff_)
                if (p.id == a.owner)
                    a.ownerOrganisation = p.organisationId;
            a.requester = ProfessionalId(summary_.chairId);
            int pr = between(0, 99);
            a.priority = pr < 80   ? Priority::Routine
                         : pr < 92 ? Priority::Urgent
                         : pr < 98 ? Priority::Asap
                                   : Priority::Stat;
            if (a.status == ActionStatus::OnHold)
                a.statusReason = "Waiting for the resident to be discharged";
            if (a.status == ActionStatus::Cancelled)
                a.statusReason = "No longer needed after review";
            if (a.status == ActionStatus::Declined)
                a.statusReason = "Outside our service criteria";
            if (!goalLineages_.empty() && chance(0.5))
                a.goalLineage = pick(goalLineages_);
            ++summary_.actions;
            if (a.isOverdue(today_))
                ++summary_.overdueActions;
            PendingAction pending{a, {}};
            if (a.status != ActionStatus::Requested) {
                for (int m = between(0, 1); m >= 0; --m) {
                    pending.notes.push_back(
                        ProgressNote{ids_.next<NoteId>(), a.id, a.owner,
                                     a.createdAt + std::chrono::hours(24 * between(1, 10)),
                                     word(pools::progressNotes())});
                }
            }
            // Actions of cases the MDT discusses wait until the agendas exist, so they can
            // name the meeting that raised them.
            if (!discussed_.empty() && discussed_.back() == c.id && chance(0.6))
                raisedAtMeeting_.push_back(std::move(pending));
            else
                add(pending);
        }
    }

    /// An action and its notes, written together so no batch holds a note without its action.
    struct PendingAction {
        Action action;
        std::vector<ProgressNote> notes;
    };
    void add(const PendingAction& p) {
        add(p.action);
        for (const auto& n : p.notes)
            add(n);
    }

    void agendas() {
        std::map<CaseId, std::vector<const Meeting*>> meetingsOf;
        // Each past meeting discussed a rotating group of the first cases, so the same
        // residents recur, as they do in a real MDT.
        for (std::size_t k = 0; k < past_.size(); ++k) {
            std::string key;
            for (std::size_t i = 0; i < std::min(size_.casesPerMeeting, discussed_.size()); ++i) {
                const CaseId& caseId = discussed_[(k * 5 + i) % discussed_.size()];
                AgendaItem item;
                item.id = ids_.next<AgendaItemId>();
                item.meetingId = past_[k].id;
                item.caseId = caseId;
                item.reason = k == 0 || i >= 12 ? "new-referral" : "open-actions";
                item.minutesAllotted = between(3, 6);
                item.orderKey = key = orderKeyBetween(key, "");
                item.carriedForward = item.reason != "new-referral";
                item.forInformationOnly = chance(0.1);
                item.discussion = "Update from key worker; resident's views shared by navigator.";
                item.decision = word(pools::decisions());
                item.discussed = true;
                add(item);
                meetingsOf[caseId].push_back(&past_[k]);
                auto [first, isNew] = firstDiscussed_.try_emplace(caseId, past_[k].date);
                if (!isNew && past_[k].date < first->second)
                    first->second = past_[k].date;
            }
        }
        for (auto& pending : raisedAtMeeting_) {
            // The last meeting before the action was created raised it (or the first one).
            const auto& held = meetingsOf[pending.action.caseId];
            const Meeting* raisedBy = nullptr;
            for (const Meeting* m : held)
                if (!raisedBy ||
                    std::chrono::sys_days(m->date) <=
                        std::chrono::floor<std::chrono::days>(pending.action.createdAt))
                    raisedBy = m;
            if (raisedBy)
                pending.action.meetingId = raisedBy->id;
            add(pending);
        }
    }

    /// Wellbeing scores at referral and each quarter's review, most getting better; and
    /// the first practice's monthly service use around each resident's first discussion.
    void outcomes() {
        for (const auto& c : cases_) {
            if (outcomeBetween(0, 99) < 80) {
                int life = outcomeBetween(2, 6), worth = outcomeBetween(2, 7),
                    happy = outcomeBetween(2, 6), anxious = outcomeBetween(5, 9);
                Date on = c.referred;
                for (int k = 0; on <= today_; ++k, on = addDays(on, outcomeBetween(80, 100))) {
                    if (k > 0) {
                        life = std::clamp(life + outcomeBetween(-1, 2), 0, 10);
                        worth = std::clamp(worth + outcomeBetween(-1, 2), 0, 10);
                        happy = std::clamp(happy + outcomeBetween(-1, 2), 0, 10);
                        anxious = std::clamp(anxious - outcomeBetween(-1, 2), 0, 10);
                    }
                    add(WellbeingScore{
                        ids_.next<WellbeingScoreId>(), c.id, on,
                        k == 0 ? WellbeingOccasion::Referral : WellbeingOccasion::Review, life,
                        worth, happy, anxious, navigators_.front()});
                }
            }
            if (c.practice != practices_.front() || daysBetween(c.referred, today_) > 400)
                continue;
            auto discussed = firstDiscussed_.find(c.id);
            const std::string index =
                monthOf(discussed != firstDiscussed_.end() ? discussed->second : c.referred);
            const std::string thisMonth = monthOf(today_);
            for (int k = -6; k <= 6; ++k) {
                const std::string month = addMonths(index, k);
                if (month >= thisMonth)
                    break;
                const bool after = k > 0;
                ServiceUseMonth u;
                u.id = ids_.next<ServiceUseId>();
                u.caseId = c.id;
                u.month = month;
                u.emergencyAttendances = outcomeBetween(0, after ? 2 : 4) / 2;
                u.emergencyAdmissions = after ? outcomeBetween(0, 7) / 6 : outcomeBetween(0, 4) / 3;
                u.gpContacts = outcomeBetween(after ? 0 : 1, after ? 3 : 4);
                u.organisationId = practices_.front();
                u.importedAt = at(today_, 8);
                add(u);
            }
        }
    }

    static constexpr std::array<std::string_view, 5> kRelationships{"daughter", "son", "wife",
                                                                    "husband", "neighbour"};

    Store& store_;
    const Clock& clock_;
    DemoSize size_;
    std::mt19937_64 rng_;
    std::mt19937_64 outcomeRng_;
    SeededIdSource ids_;
    DemoProgress progress_;
    Date today_;
    Actor admin_{ProfessionalId(), "Demo data generator", Role::Administrator, OrganisationId()};
    ChangeSet batch_{"generate-demo-data"};
    std::size_t inBatch_ = 0, written_ = 0, planned_ = 0;
    int nhsStem_ = 1;
    DemoSummary summary_;
    std::vector<Professional> staff_;
    std::vector<ProfessionalId> clinicians_, navigators_;
    std::vector<OrganisationId> partners_;
    std::vector<Meeting> past_;
    std::vector<CaseId> discussed_;
    std::vector<PendingAction> raisedAtMeeting_;
    std::vector<std::string> goalLineages_;
    struct MadeCase {
        CaseId id;
        Date referred{};
        OrganisationId practice;
    };
    std::vector<MadeCase> cases_;
    std::vector<OrganisationId> practices_;
    std::map<CaseId, Date> firstDiscussed_;
};

}  // namespace

DemoSummary generateDemoData(Store& store, const Clock& clock, DemoSize size, std::uint64_t seed,
                             const DemoProgress& progress) {
    return Generator(store, clock, size, seed, progress).run();
}

std::string demoPassphraseFor(const Professional& person) {
    std::string username = person.username.empty() ? suggestUsername(person.name) : person.username;
    return username.substr(0, username.find('.')) + " demo passphrase";
}

}  // namespace nmdt::demo
