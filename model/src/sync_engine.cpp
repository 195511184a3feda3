#include "model/sync_engine.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "model/case_audience.h"
#include "model/merge_rules.h"
#include "model/store_error.h"

namespace nmdt {

namespace {
std::int64_t systemNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const FieldValue* fieldOf(const SyncEntry& e, std::string_view name) {
    for (const auto& f : e.change.fields)
        if (f.name == name)
            return &f.value;
    return nullptr;
}

bool setsText(const SyncEntry& e, std::string_view field, std::string_view value) {
    auto v = fieldOf(e, field);
    auto s = v ? std::get_if<std::string>(v) : nullptr;
    return s && *s == value;
}

/// The text a change sets a field to ("" when it clears it); nullopt when it leaves it.
std::optional<std::string> textSet(const SyncEntry& e, std::string_view field) {
    auto v = fieldOf(e, field);
    if (!v)
        return std::nullopt;
    auto s = std::get_if<std::string>(v);
    return s ? *s : std::string();
}
/// Envelopes set aside for want of their team key, by hub sequence: key id. Kept in the
/// store's sync settings as "sequence:keyId" joined by ";".
constexpr const char* kSetAsideSetting = "set_aside_envelopes";
/// Past this many, a partner could grow the list without end: further ones are refused.
constexpr std::size_t kMostSetAside = 10000;

std::map<std::int64_t, std::string> readSetAside(SyncStore& sync) {
    std::map<std::int64_t, std::string> out;
    const auto text = sync.syncSetting(kSetAsideSetting).value_or(std::string());
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(';', start);
        if (end == std::string::npos)
            end = text.size();
        const auto item = text.substr(start, end - start);
        // At most 18 digits: a damaged setting must not throw out_of_range from here.
        if (auto colon = item.find(':'); colon != std::string::npos && colon > 0 && colon <= 18 &&
                                         item.find_first_not_of("0123456789") == colon)
            out.emplace(std::stoll(item.substr(0, colon)), item.substr(colon + 1));
        start = end + 1;
    }
    return out;
}

void writeSetAside(SyncStore& sync, const std::map<std::int64_t, std::string>& setAside) {
    std::string text;
    for (const auto& [sequence, keyId] : setAside)
        text += (text.empty() ? "" : ";") + std::to_string(sequence) + ":" + keyId;
    sync.setSyncSetting(kSetAsideSetting, text);
}
}  // namespace

std::string refusalOfReceived(const SyncEntry& entry, const std::string& signerOrganisation,
                              const ActionHolders& holders,
                              const PeopleOrganisations& peopleOrganisations,
                              const HasOwnAdministrator& hasOwnAdministrator) {
    const auto& c = entry.change;
    if (!c.organisationId.empty() && c.organisationId != signerOrganisation)
        return "a change by " + c.userName + " claims organisation " + c.organisationId +
               " but was signed by a desktop of organisation " + signerOrganisation;
    auto role = fromCode<Role>(c.role);
    auto is = [&](Role r) { return role && *role == r; };
    switch (c.kind) {
        case EntityKind::Organisation:
        case EntityKind::Professional: {
            if (!is(Role::Administrator))
                return "only an administrator may change the directory, not a " + c.role;
            const std::string author =
                c.organisationId.empty() ? signerOrganisation : c.organisationId;
            // Nobody adds people to, or moves people into, an organisation that has its own
            // administrators here; until it has one, a partner's administrator may introduce
            // its people (a neighbourhood is introduced to itself that way).
            if (auto into = textSet(entry, "organisation_id");
                c.kind == EntityKind::Professional && into && !into->empty() && *into != author &&
                hasOwnAdministrator && hasOwnAdministrator(*into))
                return "only " + *into + "'s administrators may add people to it; " + c.userName +
                       " of " + author + " put professional " + c.entityId + " there";
            // Only an organisation's own administrators change it and its people. A new
            // organisation may come from anyone's administrator; changing one may not.
            if (c.op != ChangeOp::Update || !peopleOrganisations)
                break;
            std::optional<std::string> owner;
            if (c.kind == EntityKind::Organisation)
                owner = c.entityId;
            else
                owner = peopleOrganisations(c.entityId);
            if (owner && !owner->empty() && *owner != author)
                return "only " + *owner + "'s administrators may change " +
                       (c.kind == EntityKind::Organisation ? "it" : "its people") + "; " +
                       c.userName + " of " + author + " changed " +
                       std::string(entityKindName(c.kind)) + " " + c.entityId;
            break;
        }
        case EntityKind::Case:
            // A new referral arrives as "pending"; any other triage outcome is the chair's.
            if (auto outcome = textSet(entry, "triage");
                outcome && *outcome != "pending" && !is(Role::Chair) && !is(Role::Coordinator))
                return "only a chair or coordinator may triage a referral, not a " + c.role;
            break;
        case EntityKind::CarePlan:
            if (c.op == ChangeOp::Update && setsText(entry, "status", "agreed") && !is(Role::Chair))
                return "only a chair may agree a care plan, not a " + c.role;
            break;
        case EntityKind::MeetingSeries:
            if (!is(Role::Chair) && !is(Role::Coordinator))
                return "only a chair or coordinator may set up an MDT series, not a " + c.role;
            break;
        case EntityKind::Meeting:
            if (c.op == ChangeOp::Update && setsText(entry, "status", "closed") &&
                !is(Role::Chair) && !is(Role::Coordinator))
                return "only a chair or coordinator may close a meeting, not a " + c.role;
            break;
        case EntityKind::Action:
        case EntityKind::ProgressNote: {
            if (is(Role::PracticeStaff))
                return "practice staff may not raise or work actions (" + c.userName + ")";
            // Navigators and VCFSE workers raise actions for anyone, but change (or add
            // notes to) only those held by them or their organisation.
            bool limited = is(Role::Navigator) || is(Role::VcfseWorker);
            bool raising = c.kind == EntityKind::Action && c.op == ChangeOp::Create;
            if (!limited || raising || !holders)
                break;
            std::string actionId = c.kind == EntityKind::Action
                                       ? c.entityId
                                       : textSet(entry, "action_id").value_or(std::string());
            auto holder = holders(actionId);
            if (!holder)
                break;  // not seen here yet: held back by the merge until it arrives
            bool theirs = (!c.userId.empty() && holder->owner == c.userId) ||
                          (!c.organisationId.empty() && holder->organisation == c.organisationId);
            if (!theirs)
                return "a " + c.role + " may only work actions held by them or their " +
                       "organisation; " + c.userName + " changed action " + actionId +
                       ", held by " +
                       (holder->organisation.empty() ? holder->owner : holder->organisation);
            break;
        }
        default:
            break;
    }
    return {};
}

SyncEngine::SyncEngine(Store& store, SyncStore& sync, EnvelopeSealer& sealer, HubTransport& hub,
                       SyncOptions options)
    : store_(store), sync_(sync), sealer_(sealer), hub_(hub), options_(std::move(options)) {
    if (!options_.sleep)
        options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    if (!options_.now)
        options_.now = systemNowMs;
}

void SyncEngine::stopIfAsked() const {
    if (options_.stopRequested && options_.stopRequested())
        throw Stopped{};
}

std::vector<std::string> SyncEngine::audienceOf(const SyncEntry& entry, CaseAudiences& byCase) {
    const auto& c = entry.change;
    switch (c.kind) {
        case EntityKind::Organisation:
        case EntityKind::Professional:
        case EntityKind::MeetingSeries:
        case EntityKind::Meeting:
        case EntityKind::Participant:
            return {"*"};
        default:
            break;
    }
    if (sync_.isPrivate(c.kind, c.entityId))
        return {};
    auto caseId = sync_.owningCase(c.kind, c.entityId);
    if (!caseId)
        return {sealer_.ownOrganisation()};
    auto known = byCase.find(caseId->str());
    if (known == byCase.end())
        known = byCase.emplace(caseId->str(), audienceOfCase(*caseId)).first;
    return known->second;
}

std::vector<std::string> SyncEngine::audienceOfCase(const CaseId& caseId) {
    auto referral = store_.caseById(caseId);
    auto orgs = caseAudience(referral ? *referral : Case{}, store_.consents(caseId));
    // This desktop's organisation always sees what it writes.
    if (std::find(orgs.begin(), orgs.end(), sealer_.ownOrganisation()) == orgs.end()) {
        orgs.push_back(sealer_.ownOrganisation());
        std::sort(orgs.begin(), orgs.end());
    }
    return orgs;
}

void SyncEngine::announceKey() {
    // The hub stores envelopes only under key ids the team's chair announced: the chair's
    // desktop announces its current key before it pushes, on every run (one small request,
    // and a hub restored from a backup learns it again).
    auto announcement = sealer_.announceCurrentKey(options_.now());
    if (!announcement)
        return;
    withRetries([&] {
        hub_.announce(*announcement);
        return true;
    });
}

SyncEngine::PreparedPush SyncEngine::preparePush(const std::string& site, std::int64_t from,
                                                 std::int64_t scanned, std::size_t batch) {
    PreparedPush out;
    auto entries = sync_.outbox(scanned, batch);
    out.changes = entries.size();
    if (entries.empty())
        return out;
    out.through = entries.back().change.sequence;
    std::vector<std::pair<std::vector<std::string>, std::vector<SyncEntry>>> snapshots;
    // A consent that newly lets an organisation see a case written before this push:
    // send it the case as it stands, or it would only ever get what follows.
    for (const auto& e : entries) {
        const auto& c = e.change;
        if (c.kind != EntityKind::Consent || c.siteId != site)
            continue;
        auto consent = sync_.owningCase(EntityKind::Consent, c.entityId);
        if (!consent || sync_.createdHereAfter(consent->str(), from))
            continue;
        auto org = sync_.currentValue(EntityKind::Consent, c.entityId, "organisation_id");
        auto decision = sync_.currentValue(EntityKind::Consent, c.entityId, "decision");
        auto basis = sync_.currentValue(EntityKind::Consent, c.entityId, "legal_basis");
        auto text = [](const std::optional<FieldValue>& v) {
            auto s = v ? std::get_if<std::string>(&*v) : nullptr;
            return s ? *s : std::string();
        };
        if (text(org).empty() || text(org) == sealer_.ownOrganisation() ||
            (text(decision) != "permit" && text(basis).empty()))
            continue;
        auto snapshot = sync_.caseSnapshot(*consent, c);
        if (!snapshot.empty())
            snapshots.push_back({{text(org)}, std::move(snapshot)});
    }
    // One envelope per audience, in order of first appearance.
    CaseAudiences byCase;
    for (auto& e : entries) {
        auto audience = audienceOf(e, byCase);
        if (audience.empty()) {
            ++out.withheld;
            continue;
        }
        auto it = std::find_if(out.groups.begin(), out.groups.end(),
                               [&](const auto& g) { return g.first == audience; });
        if (it == out.groups.end()) {
            out.groups.push_back({audience, {}});
            it = std::prev(out.groups.end());
        }
        it->second.push_back(std::move(e));
    }
    for (auto& snapshot : snapshots)
        out.groups.push_back(std::move(snapshot));
    for (std::size_t i = 0; i < out.groups.size(); ++i) {
        EnvelopeHeader h{
            options_.team,      site, from, out.through, static_cast<int>(i), sealer_.keyId(),
            out.groups[i].first};
        out.envelopes.push_back(sealer_.seal(h, out.groups[i].second));
    }
    return out;
}

void SyncEngine::push(SyncReport& report) {
    const std::string site = store_.siteId();
    std::size_t batch = options_.pushBatch;
    // The push covers (from, through]; scanned is where the outbox is read from. A stretch of
    // nothing but entries that never leave this desktop (private notes) is not pushed on its
    // own: the hub binds a site only by a push that carries an envelope, so such a stretch
    // rides with the next push that does.
    std::int64_t from = sync_.syncCursors().pushedThrough;
    std::int64_t scanned = from;
    std::optional<PreparedPush> ready;
    for (;;) {
        PreparedPush current = ready ? std::move(*ready) : preparePush(site, from, scanned, batch);
        ready.reset();
        if (current.changes == 0) {
            // A private stretch at the end: marked sent here. The hub's mark stays before it,
            // so the next push is answered 409 with that mark and starts from there.
            if (scanned != from)
                sync_.recordPushed(scanned);
            return;
        }
        if (current.groups.empty()) {
            report.withheldChanges += current.withheld;
            scanned = current.through;
            continue;
        }
        // The next batch is read and sealed while this one travels and the hub stores it
        // (the two took turns: a large first push was half idle). It is made as if this push
        // lands as it is; anything else below drops it and makes it again. Nothing here
        // touches the store until it is done: the future's destructor waits for it.
        std::future<PreparedPush> ahead =
            std::async(std::launch::async, [this, &site, &current, batch] {
                return preparePush(site, current.through, current.through, batch);
            });
        PushResult result;
        try {
            result = withRetries([&] {
                return hub_.push(options_.team, site, from, current.through, current.envelopes);
            });
        } catch (const SyncError& e) {
            ahead.wait();
            // Too large for the hub: send fewer changes at a time, down to one.
            if (e.kind() != SyncError::Kind::TooLarge || batch == 1)
                throw;
            batch = std::max<std::size_t>(1, batch / 4);
            continue;
        } catch (...) {
            ahead.wait();
            throw;
        }
        ahead.wait();
        if (result.outOfOrder) {
            // The hub already holds more (an earlier run's push landed but its answer was
            // lost) or less (impossible unless the hub was restored): resume from its mark.
            if (result.acknowledgedThrough == from)
                throw SyncError(SyncError::Kind::Refused,
                                "the hub refused this desktop's changes as out of order");
            sync_.recordPushed(result.acknowledgedThrough);
            from = scanned = result.acknowledgedThrough;
            continue;
        }
        bool clamped = false;
        for (std::size_t i = 0; i < current.groups.size() && i < result.hubSequences.size(); ++i) {
            bool aheadOfHub = std::any_of(
                current.groups[i].second.begin(), current.groups[i].second.end(),
                [&](const SyncEntry& e) {
                    return needsClamp({e.change.hlc, e.change.siteId}, result.hubTimeMs);
                });
            if (aheadOfHub) {
                sync_.clampOwnStamps(current.groups[i].second, result.hubTimeMs,
                                     result.hubSequences[i]);
                clamped = true;
            }
        }
        sync_.recordPushed(current.through);
        from = scanned = current.through;
        report.pushedChanges += current.changes;
        report.pushedEnvelopes += current.envelopes.size();
        report.withheldChanges += current.withheld;
        // A clamp changes stamps the next batch's case snapshots may have read: made again.
        try {
            PreparedPush next = ahead.get();
            if (!clamped)
                ready = std::move(next);
        } catch (...) {
            // Made again on this thread, where a failure reports as it always has.
        }
    }
}

bool SyncEngine::ownRanAhead(const SealedEnvelope& envelope) const {
    // Receivers clamp stamps from a clock running ahead to the hub's time on the envelope;
    // the push's answer lets this desktop do the same to its own. When that answer was lost
    // (the push landed, the reply did not), the envelope coming back is the only word of the
    // hub's time: without this the author would keep its unclamped stamps and disagree with
    // every other desktop about which later value wins.
    const auto& h = envelope.header;
    const std::int64_t newest = sync_.newestOwnWallMs(h.fromSequence, h.throughSequence);
    return needsClamp({{newest, 0}, h.site}, envelope.hubTimeMs);
}

void SyncEngine::clampOwn(const SealedEnvelope& envelope) {
    SealedEnvelope whole;
    if (envelope.leftOut) {
        // Sent back without its content: fetched whole, this once.
        auto page = withRetries([&] {
            return hub_.pull(options_.team, envelope.hubSequence - 1, 1, std::string(), 0);
        });
        auto found = std::find_if(page.envelopes.begin(), page.envelopes.end(), [&](const auto& e) {
            return e.hubSequence == envelope.hubSequence && !e.leftOut;
        });
        if (found == page.envelopes.end())
            throw SyncError(SyncError::Kind::Malformed, "the hub did not send envelope " +
                                                            std::to_string(envelope.hubSequence) +
                                                            " whole when asked");
        whole = std::move(*found);
    }
    auto batch = sealer_.open(envelope.leftOut ? whole : envelope);
    // Clamping again what the push's answer already clamped changes nothing.
    sync_.clampOwnStamps(batch.entries, envelope.hubTimeMs, envelope.hubSequence);
}

void SyncEngine::pull(SyncReport& report) {
    const std::string site = store_.siteId();
    // Who holds each action: as stored here, or as a change accepted earlier in this pull
    // left it (a reassignment and the new holder's update can arrive in one page).
    std::map<std::string, ActionHolder> seen;
    ActionHolders holders = [&](const std::string& id) -> std::optional<ActionHolder> {
        if (auto it = seen.find(id); it != seen.end())
            return it->second;
        if (auto a = store_.action(ActionId(id)))
            return ActionHolder{a->owner.str(), a->ownerOrganisation.str()};
        return std::nullopt;
    };
    PeopleOrganisations peopleOrganisations =
        [&](const std::string& id) -> std::optional<std::string> {
        if (auto p = store_.professional(ProfessionalId(id)))
            return p->organisationId.str();
        return std::nullopt;
    };
    // Read once per pull: the directory is small, and an administrator arriving in this
    // pull counts from the next one (until then the organisation is still being introduced).
    std::optional<std::set<std::string>> administered;
    HasOwnAdministrator hasOwnAdministrator = [&](const std::string& organisationId) {
        if (!administered) {
            administered.emplace();
            for (const auto& p : store_.professionals())
                if (p.active && p.role == Role::Administrator)
                    administered->insert(p.organisationId.str());
        }
        return administered->count(organisationId) > 0;
    };
    auto noteHolder = [&](const SyncEntry& e) {
        ActionHolder h = holders(e.change.entityId).value_or(ActionHolder{});
        if (auto owner = textSet(e, "owner_id"))
            h.owner = *owner;
        if (auto organisation = textSet(e, "owner_org_id"))
            h.organisation = *organisation;
        seen[e.change.entityId] = h;
    };
    // Opens one envelope into `batches`, keeping only the changes its signer may make;
    // a refused envelope becomes a problem. Throws SyncError(NotEnrolled) when it is sealed
    // with a team key this desktop does not hold.
    auto receive = [&](const SealedEnvelope& envelope, std::vector<ReceivedBatch>& batches,
                       std::vector<SyncProblem>& problems) {
        try {
            auto batch = sealer_.open(envelope);
            auto known = sync_.siteSigner(batch.site);
            if (known && *known != batch.signer)
                throw SyncError(SyncError::Kind::Untrusted,
                                "envelope " + std::to_string(envelope.hubSequence) +
                                    " claims site " + batch.site + " but was signed by " +
                                    batch.signer + ", not " + *known);
            // The signer's organisation is its certificate's O field, as the sealer read
            // it: never found by searching the subject's text, where a name holding
            // ",O=<another organisation>" would pass as that organisation.
            const std::string& signerOrg = batch.signerOrganisation;
            std::vector<SyncEntry> allowed;
            for (auto& e : batch.entries) {
                auto why = refusalOfReceived(e, signerOrg, holders, peopleOrganisations,
                                             hasOwnAdministrator);
                if (why.empty()) {
                    if (e.change.kind == EntityKind::Action)
                        noteHolder(e);
                    allowed.push_back(std::move(e));
                } else {
                    ++report.applied.refused;
                    problems.push_back({options_.now(), "refused-change", why});
                }
            }
            batch.entries = std::move(allowed);
            batches.push_back(std::move(batch));
        } catch (const SyncError& e) {
            if (e.kind() == SyncError::Kind::NotEnrolled)
                throw;
            ++report.refusedEnvelopes;
            problems.push_back({options_.now(), "refused-envelope", e.what()});
        }
    };
    auto tally = [&](const ApplyReport& applied) {
        report.applied.entriesApplied += applied.entriesApplied;
        report.applied.fieldsChanged += applied.fieldsChanged;
        report.applied.conflicts += applied.conflicts;
        report.applied.clamped += applied.clamped;
    };

    // Envelopes set aside on earlier runs whose key has arrived since: fetched again by
    // their hub sequence and applied now (a late batch merges as any other does).
    auto setAside = readSetAside(sync_);
    for (auto it = setAside.begin(); it != setAside.end();) {
        if (!sealer_.holdsKey(it->second)) {
            ++it;
            continue;
        }
        const std::int64_t sequence = it->first;
        auto page = withRetries(
            [&] { return hub_.pull(options_.team, sequence - 1, 1, std::string(), 0); });
        std::vector<ReceivedBatch> batches;
        std::vector<SyncProblem> problems;
        for (const auto& envelope : page.envelopes)
            if (envelope.hubSequence == sequence) {
                try {
                    receive(envelope, batches, problems);
                    ++report.reopenedEnvelopes;
                } catch (const SyncError& e) {
                    problems.push_back({options_.now(), "refused-envelope", e.what()});
                }
            }
        // Applied before it leaves the list: a crash between the two applies it twice,
        // which changes nothing the second time.
        tally(sync_.applyReceived(batches, sync_.syncCursors().pulledThrough, problems));
        it = setAside.erase(it);
        writeSetAside(sync_, setAside);
    }

    // Each page after the first is fetched while the one before it is opened and applied,
    // so the hub's reading, the transfer and the parsing overlap the local writes. Only one
    // request is ever in flight and the cursor moves only when a page is applied, so a
    // failure part way leaves everything as a pull without the overlap would.
    // The hub keeps whatever this desktop may still ask for: everything after the cursor
    // it has applied (a page fetched ahead is not applied yet), and every envelope set aside.
    auto keepAfter = [&setAside](std::int64_t applied) {
        return setAside.empty() ? applied : std::min(applied, setAside.begin()->first - 1);
    };
    auto fetch = [this, &site](std::int64_t after, std::int64_t keep) {
        return withRetries(
            [&] { return hub_.pull(options_.team, after, options_.pullPage, site, keep); });
    };
    std::int64_t after = sync_.syncCursors().pulledThrough;
    PullPage page = fetch(after, keepAfter(after));
    for (;;) {
        std::future<PullPage> next;
        if (page.more && page.next > after)
            next = std::async(std::launch::async, fetch, page.next, keepAfter(after));
        std::vector<ReceivedBatch> batches;
        std::vector<SyncProblem> problems;
        bool setAsideChanged = false;
        for (const auto& envelope : page.envelopes) {
            if (envelope.header.site == site) {
                try {
                    // Our own, already applied when written. Fetching it whole waits for
                    // the next page's request: one request at a time on the transport.
                    if (ownRanAhead(envelope)) {
                        if (next.valid())
                            next.wait();
                        clampOwn(envelope);
                    }
                } catch (const SyncError& e) {
                    problems.push_back({options_.now(), "refused-envelope", e.what()});
                }
                continue;
            }
            if (envelope.leftOut) {
                ++report.refusedEnvelopes;
                problems.push_back({options_.now(), "refused-envelope",
                                    "the hub sent envelope " +
                                        std::to_string(envelope.hubSequence) + " of site " +
                                        envelope.header.site +
                                        " without its content, as if it were this desktop's"});
                continue;
            }
            ++report.receivedEnvelopes;
            try {
                receive(envelope, batches, problems);
            } catch (const SyncError& e) {
                // Sealed with a key this desktop has not been given (yet, or ever): kept
                // aside to open when the key arrives, never in the way of what follows.
                const auto& keyId = envelope.header.keyId;
                if (keyId.find_first_of(";:") != std::string::npos ||
                    setAside.size() >= kMostSetAside) {
                    ++report.refusedEnvelopes;
                    problems.push_back({options_.now(), "refused-envelope",
                                        std::string(e.what()) + "; it cannot be set aside"});
                    continue;
                }
                if (setAside.emplace(envelope.hubSequence, keyId).second) {
                    setAsideChanged = true;
                    ++report.setAsideEnvelopes;
                    problems.push_back({options_.now(), "set-aside-envelope",
                                        std::string(e.what()) +
                                            "; it is set aside and will be opened when the "
                                            "key arrives"});
                }
            }
        }
        // Written before the cursor moves past them, so none is ever skipped.
        if (setAsideChanged)
            writeSetAside(sync_, setAside);
        tally(sync_.applyReceived(batches, page.next, problems));
        if (!next.valid())
            return;
        after = page.next;
        page = next.get();
    }
}

SyncReport SyncEngine::run() {
    SyncReport report;
    auto audit = [&] {
        if (options_.auditAs &&
            (report.pushedChanges || report.applied.entriesApplied || report.setAsideEnvelopes))
            store_.commit(
                ChangeSet::auditOnly(
                    {AuditEventKind::Sync, options_.team,
                     "sent " + std::to_string(report.pushedChanges) + " changes, received " +
                         std::to_string(report.applied.entriesApplied) +
                         (report.snapshotRecords
                              ? " (" + std::to_string(report.snapshotRecords) + " from a snapshot)"
                              : std::string()) +
                         ", " + std::to_string(report.withheldChanges) + " kept back" +
                         (report.setAsideEnvelopes
                              ? ", " + std::to_string(report.setAsideEnvelopes) +
                                    " envelopes set aside for want of their key"
                              : std::string()) +
                         (report.stopped ? " (stopped before the end)" : "")}),
                *options_.auditAs);
    };
    try {
        announceKey();
        push(report);
        joinFromSnapshot(report);
        pull(report);
        report.completed = true;
        sync_.recordSyncOutcome(options_.now(), std::nullopt);
        audit();
    } catch (const Stopped&) {
        // Not a problem: whatever was acknowledged or applied stays, the rest waits.
        report.stopped = true;
        audit();
    } catch (const SyncError& e) {
        report.problem = SyncProblem{
            options_.now(), e.kind() == SyncError::Kind::Network ? "network" : "refused", e.what()};
        sync_.recordSyncOutcome(options_.now(), report.problem);
    } catch (const StoreError& e) {
        // The local store could not take the change (disk full, say): nothing half-applied.
        report.problem = SyncProblem{options_.now(), "store", e.what()};
    }
    return report;
}

}  // namespace nmdt
