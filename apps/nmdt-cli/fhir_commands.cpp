// The FHIR commands of nmdt-cli. Files are written beside their destination and renamed
// into place, so an interrupted export never leaves half a bundle behind.
#include "fhir_commands.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "cli_support.h"
#include "integration/fhir_exchange.h"
#include "model/exchange_service.h"
#include "model/nhs_number.h"
#include "model/utf8_path.h"
#include "passphrase_input.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::cli {

namespace {
using storage::SqlCipherStore;

std::string newFile(const Invocation& inv) {
    std::string to = required(inv, "to");
    if (std::filesystem::exists(pathFromUtf8(to)))
        throw std::invalid_argument("a file already exists at " + to + "; choose a new name");
    return to;
}

std::string readLimited(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(pathFromUtf8(path), ec);
    if (ec)
        throw std::invalid_argument("cannot read " + path);
    if (size > integration::kMaxBundleBytes)
        throw integration::FhirError("the file is " + std::to_string(size / (1024 * 1024)) +
                                     " MB; FHIR bundles larger than " +
                                     std::to_string(integration::kMaxBundleBytes / (1024 * 1024)) +
                                     " MB are refused");
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

ServiceContext context(SqlCipherStore& store, const Clock& clock, IdSource& ids) {
    return ServiceContext{store, clock, ids, cliActor()};
}

int exportCase(const Invocation& inv, std::ostream& out) {
    NhsNumber number = NhsNumber::parse(required(inv, "nhs-number"));
    std::string to = newFile(inv);
    auto store = openStore(inv);
    auto found = store->caseByNhsNumber(number.digits());
    if (!found)
        throw std::invalid_argument("no case has NHS number " + number.formatted());
    SystemClock clock;
    SeededIdSource ids(0);
    auto record = ExchangeService(context(*store, clock, ids)).exportCase(found->id, to);
    writeWhole(to, integration::caseBundleJson(record, clock.now()));
    out << "Wrote " << to << ": FHIR R4 Bundle for " << number.formatted() << " ("
        << record.plans.size() << " care plan versions, " << record.actions.size() << " actions, "
        << record.discussions.size() << " MDT discussions)\n";
    return kOk;
}

int importCase(const Invocation& inv, std::ostream& out) {
    std::string from = required(inv, "from");
    auto store = openStore(inv);
    integration::ReceivedCase received;
    try {
        received = integration::readCaseBundle(readLimited(from));
    } catch (const integration::FhirError& e) {
        throw std::runtime_error("FHIR bundle refused, nothing imported: " + std::string(e.what()));
    }
    SystemClock clock;
    auto ids = makeRandomIdSource();
    auto result = ExchangeService(context(*store, clock, *ids)).importCase(received.record);
    out << "Imported " << from << " for NHS number "
        << formatNhsNumber(received.record.theCase.resident.nhsNumber) << ": "
        << (result.matchedExisting ? "matched the existing case" : "new case") << " "
        << result.caseId.str() << "\n  " << result.created << " created, " << result.updated
        << " updated, " << result.unchanged << " unchanged, " << result.keptLocal
        << " kept as recorded here (agreed plans, closed meetings, notes)\n";
    if (!received.ignoredResourceTypes.empty()) {
        out << "  Not imported (no place for them here):";
        for (const auto& t : received.ignoredResourceTypes)
            out << " " << t;
        out << "\n";
    }
    return kOk;
}

MeetingId findMeeting(const SqlCipherStore& store, const std::string& wanted) {
    if (auto m = store.meeting(MeetingId(wanted)))
        return m->id;
    if (auto date = parseIsoDate(wanted))
        for (const auto& m : store.meetings(10000))
            if (m.date == *date)
                return m.id;
    throw std::invalid_argument("no meeting has the id or date '" + wanted + "'");
}

int exportMeeting(const Invocation& inv, std::ostream& out) {
    std::string wanted = required(inv, "meeting");
    std::string to = newFile(inv);
    auto store = openStore(inv);
    MeetingId id = findMeeting(*store, wanted);
    SystemClock clock;
    SeededIdSource ids(0);
    auto outcomes = ExchangeService(context(*store, clock, ids)).exportMeetingOutcomes(id, to);
    writeWhole(to, integration::meetingOutcomesBundleJson(outcomes, clock.now()));
    out << "Wrote " << to << ": outcomes of '" << outcomes.meeting.title << "' on "
        << toIsoDate(outcomes.meeting.date) << " (" << outcomes.agenda.size() << " cases, "
        << outcomes.actions.size() << " actions)\n";
    return kOk;
}

int exportAudit(const Invocation& inv, std::ostream& out) {
    std::string to = newFile(inv);
    auto store = openStore(inv);
    auto number = [&](const std::string& name, std::size_t fallback) -> std::size_t {
        auto v = inv.option(name);
        if (!v)
            return fallback;
        if (v->empty() || v->find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("--" + name + " needs a whole number, not '" + *v + "'");
        return std::stoul(*v);
    };
    AuditQuery q;
    q.afterSequence = static_cast<std::int64_t>(number("after", 0));
    q.limit = number("limit", 10'000'000);
    SystemClock clock;
    SeededIdSource ids(0);
    auto audit = ExchangeService(context(*store, clock, ids)).exportAudit(q, to);
    writeWhole(to, integration::auditEventBundleJson(audit, clock.now()));
    out << "Wrote " << to << ": " << audit.entries.size() << " AuditEvent resources\n";
    return kOk;
}
}  // namespace

const std::set<std::string>& fhirCommands() {
    static const std::set<std::string> commands{"fhir-export", "fhir-import", "fhir-meeting",
                                                "fhir-audit"};
    return commands;
}

int runFhirCommand(const Invocation& inv, std::ostream& out) {
    if (inv.command == "fhir-export")
        return exportCase(inv, out);
    if (inv.command == "fhir-import")
        return importCase(inv, out);
    if (inv.command == "fhir-meeting")
        return exportMeeting(inv, out);
    return exportAudit(inv, out);
}

}  // namespace nmdt::cli
