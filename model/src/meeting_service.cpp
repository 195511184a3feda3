#include "model/meeting_service.h"
#include "model/permissions.h"

#include <algorithm>
#include <set>

#include "model/order_key.h"
#include "model/working_days.h"

namespace nmdt {

Meeting MeetingService::get(const MeetingId& id) const {
    auto m = ctx_.store.meeting(id);
    if (!m)
        throw DomainError(ErrorCode::NotFound, "meeting");
    return *m;
}

Meeting MeetingService::editable(const MeetingId& id) const {
    Meeting m = get(id);
    if (m.status == MeetingStatus::Closed)
        throw DomainError(ErrorCode::MeetingClosed, "meeting");
    return m;
}

std::vector<AgendaItem> MeetingService::agenda(const MeetingId& id) const {
    auto items = ctx_.store.agenda(id);
    std::erase_if(items, [](const AgendaItem& i) { return i.removed; });
    return items;
}

AgendaItem MeetingService::item(const AgendaItemId& id) const {
    auto found = ctx_.store.agendaItem(id);
    if (!found)
        throw DomainError(ErrorCode::NotFound, "agendaItem");
    return *found;
}

MeetingId MeetingService::schedule(Meeting m) {
    require(ctx_.actor, Operation::RunMeeting);
    Validator v;
    if (!m.date.ok())
        v.add(ErrorCode::DateInvalid, "date");
    v.require(m.durationMinutes > 0 && m.durationMinutes <= 24 * 60, ErrorCode::ValueOutOfRange,
              "durationMinutes");
    v.require(!m.chair.empty(), ErrorCode::RequiredFieldMissing, "chair");
    v.throwIfAny();
    m.id = ctx_.ids.next<MeetingId>();
    m.status = MeetingStatus::Planned;
    if (m.title.empty())
        m.title = "Neighbourhood MDT";
    ctx_.commitCreate("schedule-meeting", m);
    return m.id;
}

namespace {
/// "09:30": two digits, a colon, two digits, a real time of day.
bool isTimeOfDay(const std::string& t) {
    if (t.size() != 5 || t[2] != ':')
        return false;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9')
            return false;
    const int hours = (t[0] - '0') * 10 + (t[1] - '0');
    const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
    return hours < 24 && minutes < 60;
}
}  // namespace

void MeetingService::changeDetails(const MeetingId& id, const Meeting& details) {
    require(ctx_.actor, Operation::RunMeeting);
    Meeting before = get(id);
    Validator v;
    v.require(before.status == MeetingStatus::Planned, ErrorCode::MeetingClosed, "status");
    v.require(details.date.ok(), ErrorCode::DateInvalid, "date");
    v.require(!details.date.ok() || details.date >= ctx_.clock.today(), ErrorCode::DateOutOfRange,
              "date");
    v.require(details.startTime.empty() || isTimeOfDay(details.startTime),
              ErrorCode::ValueOutOfRange, "startTime");
    v.require(details.durationMinutes >= 15 && details.durationMinutes <= 8 * 60,
              ErrorCode::ValueOutOfRange, "durationMinutes");
    v.require(details.title.size() <= kMaxShortText && details.place.size() <= kMaxShortText &&
                  details.link.size() <= kMaxShortText,
              ErrorCode::TextTooLong, "place");
    v.throwIfAny();
    Meeting after = before;
    after.title = details.title.empty() ? before.title : details.title;
    after.date = details.date;
    after.startTime = details.startTime;
    after.durationMinutes = details.durationMinutes;
    after.place = details.place;
    after.link = details.link;
    ctx_.commitEdit("change-meeting-details", before, after);
}

void MeetingService::cancel(const MeetingId& id, const std::string& reason) {
    require(ctx_.actor, Operation::RunMeeting);
    Meeting before = get(id);
    Validator v;
    v.require(before.status == MeetingStatus::Planned, ErrorCode::MeetingClosed, "status");
    v.require(reason.find_first_not_of(" \t\r\n") != std::string::npos, ErrorCode::ReasonRequired,
              "reason");
    v.throwIfAny();
    Meeting after = before;
    after.status = MeetingStatus::Closed;
    after.closedAt = ctx_.clock.now();
    after.cancelledReason = reason;
    ChangeSet changes("cancel-meeting");
    changes.update(EntityKind::Meeting, id.str(), changedFields(toFields(before), toFields(after)));
    // Residents listed for a meeting that will not happen are not "discussed": releasing
    // the items brings them back as new referrals, reviews or open actions next time.
    for (const auto& item : ctx_.store.agenda(id)) {
        if (item.removed)
            continue;
        AgendaItem released = item;
        released.removed = true;
        changes.update(EntityKind::AgendaItem, item.id.str(),
                       changedFields(toFields(item), toFields(released)));
    }
    ctx_.commit(changes);
}

std::vector<MeetingSeries> MeetingService::series() const {
    return ctx_.store.meetingSeries();
}

void MeetingService::validateSeries(const MeetingSeries& s) const {
    Validator v;
    v.require(s.name.find_first_not_of(" \t") != std::string::npos, ErrorCode::RequiredFieldMissing,
              "name");
    v.require(s.name.size() <= kMaxShortText && s.place.size() <= kMaxShortText &&
                  s.link.size() <= kMaxShortText,
              ErrorCode::TextTooLong, "name");
    v.require(s.cadenceDays >= 7 && s.cadenceDays <= 91, ErrorCode::ValueOutOfRange, "cadenceDays");
    v.require(isTimeOfDay(s.startTime), ErrorCode::ValueOutOfRange, "startTime");
    v.require(s.durationMinutes >= 15 && s.durationMinutes <= 8 * 60, ErrorCode::ValueOutOfRange,
              "durationMinutes");
    auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    };
    for (const auto& other : ctx_.store.meetingSeries())
        v.require(other.id == s.id || lower(other.name) != lower(s.name), ErrorCode::DuplicateName,
                  "name");
    for (const auto& org : s.defaultInvitees)
        v.require(ctx_.store.organisation(org).has_value(), ErrorCode::NotFound, "defaultInvitees");
    v.throwIfAny();
}

MeetingSeriesId MeetingService::createSeries(MeetingSeries s) {
    require(ctx_.actor, Operation::RunMeeting);
    validateSeries(s);
    s.id = ctx_.ids.next<MeetingSeriesId>();
    s.active = true;
    ctx_.commitCreate("create-meeting-series", s);
    return s.id;
}

void MeetingService::changeSeries(const MeetingSeries& s) {
    require(ctx_.actor, Operation::RunMeeting);
    auto before = ctx_.store.meetingSeriesById(s.id);
    if (!before)
        throw DomainError(ErrorCode::NotFound, "series");
    validateSeries(s);
    ctx_.commitEdit("change-meeting-series", *before, s);
}

NextMeeting MeetingService::scheduleNext(const MeetingSeriesId& seriesId) {
    require(ctx_.actor, Operation::RunMeeting);
    const Date today = ctx_.clock.today();
    std::optional<MeetingSeries> series;
    if (!seriesId.empty()) {
        series = ctx_.store.meetingSeriesById(seriesId);
        if (!series)
            throw DomainError(ErrorCode::NotFound, "series");
        if (!series->active)
            throw DomainError(ErrorCode::InvalidStatusTransition, "series");
    }
    auto recent = ctx_.store.meetings(200);  // newest first
    std::erase_if(recent, [&](const Meeting& m) { return m.seriesId != seriesId; });
    // A meeting already coming up is the next one: a second beside it is a mistake.
    std::optional<Meeting> upcoming;
    for (const auto& m : recent)
        if (m.status != MeetingStatus::Closed && m.date >= today)
            upcoming = m;  // the earliest of them, as the list runs newest first
    if (upcoming)
        return {upcoming->id, true};

    Meeting next;
    const int cadence = series ? series->cadenceDays : 14;
    if (!recent.empty()) {
        next = recent.front();
        next.date = workingDayOnOrAfter(addDays(std::max(recent.front().date, today), cadence));
        next.cancelledReason.clear();
    } else {
        next.date = workingDayOnOrAfter(addDays(today, 7));
        next.startTime = series ? series->startTime : "13:00";
        next.title = series ? series->name : "Neighbourhood MDT";
        if (series) {
            next.durationMinutes = series->durationMinutes;
            next.place = series->place;
            next.link = series->link;
        }
    }
    next.seriesId = seriesId;
    next.id = ctx_.ids.next<MeetingId>();
    next.chair = ctx_.actor.userId;
    next.status = MeetingStatus::Planned;
    next.openedAt.reset();
    next.closedAt.reset();
    ChangeSet changes("schedule-meeting");
    changes.create(EntityKind::Meeting, next.id.str(), toFields(next));
    // The same invitees as the latest meeting that had any.
    for (const auto& m : recent) {
        auto invited = ctx_.store.participants(m.id);
        if (invited.empty())
            continue;
        for (const auto& p : invited) {
            Participant again{
                ctx_.ids.next<ParticipantId>(), next.id, p.organisationId, p.professionalId, true,
                Attendance::NeedsAction};
            changes.create(EntityKind::Participant, again.id.str(), toFields(again));
        }
        break;
    }
    if (recent.empty() && series)
        for (const auto& org : series->defaultInvitees) {
            Participant invited{ctx_.ids.next<ParticipantId>(), next.id, org, {}, true,
                                Attendance::NeedsAction};
            changes.create(EntityKind::Participant, invited.id.str(), toFields(invited));
        }
    ctx_.commit(changes);
    return {next.id, false};
}

ClosingCheck MeetingService::closingCheck(const MeetingId& id) const {
    ClosingCheck check;
    for (const auto& item : agenda(id)) {
        ++check.residents;
        if (item.discussed)
            ++check.discussed;
    }
    for (const auto& p : ctx_.store.participants(id)) {
        ++check.invited;
        if (p.attendance != Attendance::Attended && p.attendance != Attendance::Absent)
            ++check.unrecorded;
    }
    return check;
}

AgendaItemId MeetingService::addItem(const MeetingId& id, const CaseId& caseId,
                                     const std::string& reason, int minutes, bool carriedForward) {
    require(ctx_.actor, Operation::RunMeeting);
    editable(id);
    if (!ctx_.store.caseById(caseId))
        throw DomainError(ErrorCode::NotFound, "case");
    if (minutes < 0 || minutes > 240)
        throw DomainError(ErrorCode::ValueOutOfRange, "minutes");
    auto items = agenda(id);
    for (const auto& i : items)
        if (i.caseId == caseId)
            throw DomainError(ErrorCode::AlreadyOnAgenda, "case");
    AgendaItem a;
    a.id = ctx_.ids.next<AgendaItemId>();
    a.meetingId = id;
    a.caseId = caseId;
    a.reason = reason;
    a.minutesAllotted = minutes;
    a.carriedForward = carriedForward;
    a.orderKey = orderKeyBetween(items.empty() ? "" : items.back().orderKey, "");
    ctx_.commitCreate("add-agenda-item", a);
    return a.id;
}

std::size_t MeetingService::buildAgenda(const MeetingId& id, std::size_t* leftForLater) {
    require(ctx_.actor, Operation::RunMeeting);
    ChangeSet changes("build-agenda");
    std::size_t added = carryForwardInto(changes, editable(id), leftForLater);
    ctx_.commit(changes);
    return added;
}

std::size_t MeetingService::carryForwardInto(ChangeSet& changes, const Meeting& m,
                                             std::size_t* leftForLater) const {
    auto items = agenda(m.id);
    std::set<CaseId> listed;
    // The agenda is filled to the meeting's length: what does not fit waits for the next
    // meeting (it is still overdue, open or due then), except urgent new referrals, which
    // always come. The chair can add anyone by hand.
    int minutesLeft = m.durationMinutes;
    for (const auto& i : items) {
        listed.insert(i.caseId);
        minutesLeft -= i.minutesAllotted;
    }
    const int perItem = AgendaItem().minutesAllotted;
    std::size_t left = 0;
    std::string lastKey = items.empty() ? "" : items.back().orderKey;
    std::size_t added = 0;
    auto add = [&](const CaseId& caseId, const char* reason, bool carried, bool always = false) {
        if (!listed.insert(caseId).second)
            return;
        if (!always && minutesLeft < perItem) {
            ++left;
            return;
        }
        minutesLeft -= perItem;
        AgendaItem a;
        a.id = ctx_.ids.next<AgendaItemId>();
        a.meetingId = m.id;
        a.caseId = caseId;
        a.reason = reason;
        a.carriedForward = carried;
        a.orderKey = lastKey = orderKeyBetween(lastKey, "");
        changes.create(EntityKind::AgendaItem, a.id.str(), toFields(a));
        ++added;
    };
    // The order a team works through: new referrals (urgent first), then residents whose
    // actions are overdue (longest overdue first), then other open actions (soonest due
    // first), then reviews. Only residents of this meeting's MDT series, or of none, come.
    // Urgent referrals are read whole (they always come); the rest only as far as the time
    // left could take them, plus what may be skipped as listed already: a 50,000-case store
    // is never read whole to fill thirty places.
    const auto& series = m.seriesId;
    for (const auto& c : ctx_.store.undiscussedReferrals(Urgency::Urgent, series, 0))
        add(c, "new-referral", false, true);
    auto enough = [&] {
        const long places = std::max(0, minutesLeft) / std::max(1, perItem);
        return static_cast<std::size_t>(places) + listed.size() + 1;
    };
    for (const auto& c : ctx_.store.undiscussedReferrals(Urgency::Routine, series, enough()))
        add(c, "new-referral", false);
    for (const auto& c : ctx_.store.casesWithOverdueActions(m.date, series, enough()))
        add(c, "overdue-actions", true);
    for (const auto& c : ctx_.store.casesWithOpenActions(m.date, series, enough()))
        add(c, "open-actions", true);
    for (const auto& c : ctx_.store.casesDueForReview(m.date, series, enough()))
        add(c, "review-due", true);
    if (leftForLater)
        *leftForLater = left;
    return added;
}

void MeetingService::removeItem(const AgendaItemId& itemId) {
    require(ctx_.actor, Operation::RunMeeting);
    AgendaItem before = item(itemId);
    editable(before.meetingId);
    AgendaItem after = before;
    after.removed = true;
    ctx_.commitEdit("remove-agenda-item", before, after);
}

void MeetingService::moveItem(const AgendaItemId& itemId, const std::optional<AgendaItemId>& after,
                              const std::optional<AgendaItemId>& before) {
    require(ctx_.actor, Operation::RunMeeting);
    AgendaItem moving = item(itemId);
    editable(moving.meetingId);
    auto keyOf = [&](const std::optional<AgendaItemId>& neighbour) -> std::string {
        if (!neighbour)
            return "";
        return item(*neighbour).orderKey;
    };
    std::string lo = keyOf(after), hi = keyOf(before);
    if (!hi.empty() && lo >= hi)
        throw DomainError(ErrorCode::ValueOutOfRange, "position");
    AgendaItem moved = moving;
    moved.orderKey = orderKeyBetween(lo, hi);
    ctx_.commitEdit("move-agenda-item", moving, moved);
}

void MeetingService::setItemDetails(const AgendaItemId& itemId, int minutes, bool forInfo) {
    require(ctx_.actor, Operation::RunMeeting);
    AgendaItem before = item(itemId);
    editable(before.meetingId);
    if (minutes < 0 || minutes > 240)
        throw DomainError(ErrorCode::ValueOutOfRange, "minutes");
    AgendaItem after = before;
    after.minutesAllotted = minutes;
    after.forInformationOnly = forInfo;
    ctx_.commitEdit("set-agenda-item-details", before, after);
}

ParticipantId MeetingService::invite(const MeetingId& id, const OrganisationId& org,
                                     const ProfessionalId& person) {
    require(ctx_.actor, Operation::RunMeeting);
    editable(id);
    if (!ctx_.store.organisation(org))
        throw DomainError(ErrorCode::NotFound, "organisation");
    Participant p{ctx_.ids.next<ParticipantId>(), id, org, person, true, Attendance::NeedsAction};
    ctx_.commitCreate("invite-participant", p);
    return p.id;
}

std::size_t MeetingService::inviteAll(const MeetingId& id,
                                      const std::vector<OrganisationId>& organisations) {
    require(ctx_.actor, Operation::RunMeeting);
    editable(id);
    std::vector<OrganisationId> invited;
    for (const auto& p : ctx_.store.participants(id))
        invited.push_back(p.organisationId);
    ChangeSet changes("invite-participant");
    std::size_t added = 0;
    for (const auto& org : organisations) {
        if (!ctx_.store.organisation(org))
            throw DomainError(ErrorCode::NotFound, "organisation");
        if (std::find(invited.begin(), invited.end(), org) != invited.end())
            continue;
        invited.push_back(org);
        Participant p{ctx_.ids.next<ParticipantId>(), id, org, {}, true, Attendance::NeedsAction};
        changes.create(EntityKind::Participant, p.id.str(), toFields(p));
        ++added;
    }
    ctx_.commit(changes);
    return added;
}

void MeetingService::recordAttendance(const ParticipantId& participantId, Attendance attendance) {
    require(ctx_.actor, Operation::RunMeeting);
    auto p = ctx_.store.participant(participantId);
    if (!p)
        throw DomainError(ErrorCode::NotFound, "participant");
    editable(p->meetingId);
    Participant after = *p;
    after.attendance = attendance;
    ctx_.commitEdit("record-attendance", *p, after);
}

void MeetingService::open(const MeetingId& id) {
    require(ctx_.actor, Operation::RunMeeting);
    Meeting before = editable(id);
    Meeting after = before;
    after.status = MeetingStatus::InProgress;
    if (!after.openedAt)
        after.openedAt = ctx_.clock.now();
    ctx_.commitFinal("open-meeting", before, after);
}

std::vector<ActionId> MeetingService::recordOutcome(const AgendaItemId& itemId,
                                                    const Outcome& outcome) {
    require(ctx_.actor, Operation::RunMeeting);
    AgendaItem before = item(itemId);
    editable(before.meetingId);
    Validator v;
    v.require(outcome.discussion.size() <= kMaxLongText, ErrorCode::TextTooLong, "discussion");
    v.require(outcome.decision.size() <= kMaxLongText, ErrorCode::TextTooLong, "decision");
    v.throwIfAny();

    ChangeSet changes("record-outcome");
    AgendaItem after = before;
    after.discussion = outcome.discussion;
    after.decision = outcome.decision;
    after.planChanges = outcome.planChanges;
    after.discussed = true;
    after.voice = outcome.voice;
    changes.update(EntityKind::AgendaItem, itemId.str(),
                   changedFields(toFields(before), toFields(after)));

    auto theCase = ctx_.store.caseById(before.caseId);
    if (theCase && theCase->reviewAtNextMeeting != outcome.reviewAtNextMeeting) {
        Case flagged = *theCase;
        flagged.reviewAtNextMeeting = outcome.reviewAtNextMeeting;
        changes.update(EntityKind::Case, flagged.id.str(),
                       changedFields(toFields(*theCase), toFields(flagged)));
    }
    ActionService actions(ctx_);
    std::vector<ActionId> raised;
    for (NewAction request : outcome.actions) {
        request.caseId = before.caseId;
        request.meetingId = before.meetingId;
        Action a = actions.prepare(request);
        changes.create(EntityKind::Action, a.id.str(), toFields(a));
        raised.push_back(a.id);
    }
    ctx_.commit(changes);
    return raised;
}

void MeetingService::close(const MeetingId& id) {
    require(ctx_.actor, Operation::RunMeeting);
    Meeting before = editable(id);
    Meeting after = before;
    after.status = MeetingStatus::Closed;
    after.closedAt = ctx_.clock.now();
    ctx_.commitFinal("close-meeting", before, after);
}

MeetingId MeetingService::closeAndCarryForward(const MeetingId& id) {
    require(ctx_.actor, Operation::RunMeeting);
    // One change set: the meeting is never left closed without its successor.
    ChangeSet changes("close-and-carry-forward");
    Meeting closing = editable(id);
    Meeting closed = closing;
    closed.status = MeetingStatus::Closed;
    closed.closedAt = ctx_.clock.now();
    changes.update(EntityKind::Meeting, id.str(),
                   changedFields(toFields(closing), toFields(closed)));

    std::optional<Meeting> next;
    int cadence = 14;  // neighbourhood MDTs meet fortnightly unless their series says otherwise
    if (auto s = closing.seriesId.empty() ? std::nullopt
                                          : ctx_.store.meetingSeriesById(closing.seriesId))
        cadence = s->cadenceDays;
    for (const auto& m : ctx_.store.meetings(200))
        if (m.id != id && m.seriesId == closing.seriesId && m.date > closing.date &&
            m.status != MeetingStatus::Closed)
            next = m;  // the earliest meeting already planned after it: bring it up to date
    if (!next) {
        Meeting planned = closing;
        planned.id = ctx_.ids.next<MeetingId>();
        // Never at a weekend or on a bank holiday.
        planned.date = workingDayOnOrAfter(addDays(closing.date, cadence));
        planned.status = MeetingStatus::Planned;
        planned.openedAt.reset();
        planned.closedAt.reset();
        changes.create(EntityKind::Meeting, planned.id.str(), toFields(planned));
        for (const auto& p : ctx_.store.participants(id)) {
            Participant invited{ctx_.ids.next<ParticipantId>(),
                                planned.id,
                                p.organisationId,
                                p.professionalId,
                                true,
                                Attendance::NeedsAction};
            changes.create(EntityKind::Participant, invited.id.str(), toFields(invited));
        }
        next = planned;
    }
    carryForwardInto(changes, *next, nullptr);
    ctx_.commit(changes);
    return next->id;
}

}  // namespace nmdt
