// The sync commands of nmdt-cli: start a team, invite and join, sync, status, key rotation.
#include "sync_commands.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "cli_support.h"
#include "integration/invitation.h"
#include "integration/sync_credentials.h"
#include "model/sync_engine.h"
#include "model/utf8_path.h"
#include "passphrase_input.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::cli {

namespace {
using storage::SqlCipherStore;

std::string readFile(const std::string& path) {
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    if (!in)
        throw std::invalid_argument("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string absolute(const std::string& path) {
    return pathToUtf8(std::filesystem::absolute(pathFromUtf8(path)));
}

void setCertificates(const Invocation& inv, integration::SyncCredentials& c) {
    c.certificateFile = absolute(required(inv, "cert"));
    c.privateKeyFile = absolute(required(inv, "key"));
    c.caFile = absolute(required(inv, "ca"));
    integration::makeEnvelopeSealer(c);  // checks the files now, not at the first sync
}

std::string when(std::int64_t ms) {
    if (ms == 0)
        return "never";
    return toIsoTimestamp(Timestamp(std::chrono::milliseconds(ms)));
}

std::string valueText(const FieldValue& v) {
    if (auto s = std::get_if<std::string>(&v))
        return "\"" + *s + "\"";
    if (auto i = std::get_if<std::int64_t>(&v))
        return std::to_string(*i);
    return "(empty)";
}

int startTeam(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    if (integration::loadCredentials(*store).enrolled())
        throw std::invalid_argument("this store is already in team " +
                                    integration::loadCredentials(*store).team);
    auto c = integration::createTeam(required(inv, "hub"), required(inv, "team"));
    setCertificates(inv, c);
    integration::saveCredentials(*store, c);
    out << "Team " << c.team << " started; this desktop syncs with " << c.hubUrl << ".\n"
        << "Invite partner desktops with: nmdt-cli sync-invite " << inv.store << " --to FILE\n";
    return kOk;
}

int invite(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto invitation = integration::createInvitation(integration::loadCredentials(*store));
    const std::string path = required(inv, "to");
    {
        std::ofstream file(pathFromUtf8(path), std::ios::binary | std::ios::trunc);
        file << invitation.fileText;
        if (!file.flush())
            throw std::runtime_error("cannot write the invitation to " + path);
    }
    out << "Invitation written to " << path << ".\n"
        << "Give the file and this code to the partner by different routes (the code by phone):\n"
        << "  " << invitation.code << "\n";
    return kOk;
}

int join(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto c =
        integration::acceptInvitation(readFile(required(inv, "invitation")), required(inv, "code"));
    auto existing = integration::loadCredentials(*store);
    if (existing.enrolled() && existing.team != c.team)
        throw std::invalid_argument("this store is already in team " + existing.team);
    setCertificates(inv, c);
    integration::saveCredentials(*store, c);
    out << "Joined team " << c.team << " at " << c.hubUrl << ".\n";
    return kOk;
}

int rotateKey(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto c = integration::loadCredentials(*store);
    if (!c.enrolled())
        throw std::invalid_argument("this store is not in a team");
    integration::rotateTeamKey(c);
    integration::saveCredentials(*store, c);
    out << "New team key " << c.keyId << " is now used for everything this desktop sends.\n"
        << "Send each remaining partner a new invitation (sync-invite); withdraw the leaving\n"
        << "partner's certificate at the hub (hub.revoked in its configuration).\n";
    return kOk;
}

int publishSnapshot(SyncEngine& engine, std::ostream& out, std::ostream& err) {
    auto r = engine.publishSnapshot();
    using Outcome = SnapshotPublishReport::Outcome;
    switch (r.outcome) {
        case Outcome::Published:
            out << "Published snapshot " << r.id << ": " << r.records << " records in " << r.chunks
                << " chunks, as of hub sequence " << r.cursor << ".\n";
            return kOk;
        case Outcome::NeverPulled:
            err << "nmdt-cli: nothing to publish: this desktop has not received anything from "
                   "its team yet\n";
            break;
        case Outcome::EntriesHeld:
            err << "nmdt-cli: not published: changes received here still wait for a record "
                   "they refer to, so this desktop's records are incomplete; sync again later\n";
            break;
        case Outcome::EnvelopesSetAside:
            err << "nmdt-cli: not published: envelopes sealed with a team key this desktop does "
                   "not hold are set aside, so its records are incomplete\n";
            break;
        case Outcome::Stopped:
            err << "nmdt-cli: publishing the snapshot was stopped\n";
            break;
        case Outcome::NotPermitted:
            err << "nmdt-cli: only an administrator may publish the organisation's snapshot\n";
            break;
        case Outcome::Failed:
            err << "nmdt-cli: the snapshot was not published: "
                << (r.problem ? r.problem->message : std::string("unknown problem")) << "\n";
            break;
    }
    return kFailed;
}

int sync(const Invocation& inv, std::ostream& out, std::ostream& err) {
    auto store = openStore(inv);
    auto c = integration::loadCredentials(*store);
    if (!c.enrolled())
        throw std::invalid_argument(
            "this store is not in a team: use sync-start-team or sync-join");
    auto sealer = integration::makeEnvelopeSealer(c);
    auto hub = integration::makeHubTransport(c);
    SyncOptions options;
    options.team = c.team;
    options.auditAs = cliActor();
    if (auto batch = inv.option("batch")) {
        try {
            options.pushBatch = options.pullPage = std::stoul(*batch);
        } catch (const std::exception&) {
            throw std::invalid_argument("--batch needs a whole number, not '" + *batch + "'");
        }
        if (options.pushBatch == 0)
            throw std::invalid_argument("--batch must be at least 1");
    }
    SyncEngine engine(*store, *store, *sealer, *hub, options);
    auto report = engine.run();
    out << "Sent " << report.pushedChanges << " changes in " << report.pushedEnvelopes
        << " envelopes (" << report.withheldChanges << " kept on this desktop).\n"
        << "Received " << report.receivedEnvelopes
        << " envelopes: " << report.applied.entriesApplied << " changes applied, "
        << report.applied.conflicts << " conflicts to resolve, " << report.applied.refused
        << " changes refused, " << report.refusedEnvelopes << " envelopes refused.\n";
    if (report.setAsideEnvelopes + report.reopenedEnvelopes > 0)
        out << "Set aside " << report.setAsideEnvelopes
            << " envelopes sealed with a team key this desktop does not hold; opened "
            << report.reopenedEnvelopes << " set aside earlier.\n";
    for (const auto& p : store->syncProblems(20))
        if (p.atMs >= 0 && report.refusedEnvelopes + report.applied.refused +
                                   report.applied.clamped + report.setAsideEnvelopes >
                               0)
            err << "  " << p.kind << ": " << p.message << "\n";
    if (report.snapshotRecords > 0)
        out << "Loaded " << report.snapshotRecords << " records from this organisation's snapshot"
            << (report.joinedFromSnapshot ? "; joined." : " (the next sync goes on loading it).")
            << "\n";
    if (report.snapshotRefused)
        err << "  " << report.snapshotRefused->message << "\n";
    if (!report.completed) {
        err << "nmdt-cli: sync stopped: " << report.problem->message << "\n";
        return kFailed;
    }
    if (inv.option("publish-snapshot"))
        return publishSnapshot(engine, out, err);
    return kOk;
}

int status(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto c = integration::loadCredentials(*store);
    auto cursors = store->syncCursors();
    out << "Team: " << (c.enrolled() ? c.team + " at " + c.hubUrl : "(not enrolled)") << "\n"
        << "Last successful sync: " << when(cursors.lastSuccessMs) << "\n"
        << "Changes waiting to be sent: " << store->pendingChanges() << "\n"
        << "Open conflicts: " << store->conflicts(true).size() << "\n"
        << "Possible duplicate people: " << store->duplicatePeople().size() << "\n";
    auto problems = store->syncProblems(10);
    if (!problems.empty()) {
        out << "Recent problems:\n";
        for (const auto& p : problems)
            out << "  " << when(p.atMs) << " " << p.kind << ": " << p.message << "\n";
    }
    return kOk;
}

int conflicts(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto list = store->conflicts(true);
    if (list.empty())
        out << "No open conflicts.\n";
    for (const auto& c : list)
        out << c.id << "  " << entityKindName(c.kind) << " " << c.entityId << " " << c.field
            << ": kept " << valueText(c.keptValue) << "; lost " << valueText(c.lostValue) << " by "
            << (c.lostUserName.empty() ? "unknown" : c.lostUserName) << "\n";
    return kOk;
}

int organisations(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    for (const auto& o : store->organisations())
        out << o.id.str() << "  " << o.name << "\n";
    return kOk;
}
}  // namespace

const std::set<std::string>& syncCommands() {
    static const std::set<std::string> names{
        "sync-start-team", "sync-invite",     "sync-join", "sync",
        "sync-status",     "sync-rotate-key", "conflicts", "organisations"};
    return names;
}

int runSyncCommand(const Invocation& inv, std::ostream& out, std::ostream& err) {
    try {
        if (inv.command == "sync-start-team")
            return startTeam(inv, out);
        if (inv.command == "sync-invite")
            return invite(inv, out);
        if (inv.command == "sync-join")
            return join(inv, out);
        if (inv.command == "sync")
            return sync(inv, out, err);
        if (inv.command == "sync-status")
            return status(inv, out);
        if (inv.command == "sync-rotate-key")
            return rotateKey(inv, out);
        if (inv.command == "conflicts")
            return conflicts(inv, out);
        if (inv.command == "organisations")
            return organisations(inv, out);
    } catch (const SyncError& e) {
        err << "nmdt-cli: " << e.what() << "\n";
        return kFailed;
    }
    return kUsage;
}

}  // namespace nmdt::cli
