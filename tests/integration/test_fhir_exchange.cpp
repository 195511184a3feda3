// FHIR exchange: every exported Bundle passes two real validators from the npm registry,
// round-trips through import without duplicating anyone, and bad input is refused whole.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "child_process.h"
#include "integration/fhir_exchange.h"
#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/exchange_service.h"
#include "model/meeting_service.h"
#include "model/outcome_report.h"
#include "model/outcome_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using integration::FhirError;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

struct ValidatorRun {
    int exitCode = -1;
    std::string output;
};

/// Runs tests/fhir/validate.mjs (Medplum + FHIR.js) on the files.
ValidatorRun validate(const std::vector<std::string>& files) {
    std::string validator = NMDT_FHIR_VALIDATOR;
    std::string modules = validator.substr(0, validator.rfind('/')) + "/node_modules";
    BOOST_REQUIRE_MESSAGE(std::ifstream(modules + "/fhir/package.json").good(),
                          "the npm validators are not installed: run scripts/setup.sh (npm ci "
                          "in tests/fhir)");
    std::vector<std::string> args{validator};
    args.insert(args.end(), files.begin(), files.end());
    auto result = runProgram("node", args);
    ValidatorRun run;
    run.output = result.output;
    run.exitCode = result.exitCode;
    return run;
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

Object::Ptr parse(const std::string& json) {
    return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
}

std::string stringify(const Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

/// The first resource of a type in a parsed Bundle.
Object::Ptr firstOf(const Object::Ptr& bundle, const std::string& type) {
    auto entries = bundle->getArray("entry");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto r = entries->getObject(static_cast<unsigned>(i))->getObject("resource");
        if (r->getValue<std::string>("resourceType") == type)
            return r;
    }
    return nullptr;
}

std::size_t countOf(const Object::Ptr& bundle, const std::string& type) {
    std::size_t n = 0;
    auto entries = bundle->getArray("entry");
    for (std::size_t i = 0; i < entries->size(); ++i)
        n += entries->getObject(static_cast<unsigned>(i))
                 ->getObject("resource")
                 ->getValue<std::string>("resourceType") == type;
    return n;
}

/// A case with everything a Bundle carries: contacts, consents (one on a legal basis), care
/// team, an agreed plan and a draft, actions with shared and private notes, and a closed
/// MDT meeting that discussed it and raised an action.
struct RichCase {
    World w;
    CaseId id;
    MeetingId meeting;
    ActionId withNotes;
    std::string nhs = testNhsNumber(77);

    RichCase() {
        CaseService cases(w.asChair());
        Resident r = resident("Siân", "Llewellyn-Ó Briain", nhs);
        r.phone = "07700 900123";
        r.email = "sian@example.org";
        r.preferredLanguage = "Welsh";
        r.communicationNeeds = "Hard of hearing: face her when speaking";
        r.registeredPractice = w.practice;
        r.sex = Sex::Female;
        id = cases.refer({r, w.gp, w.practice, "Falls, lives alone, money worries", day(2026, 9, 1),
                          w.navigator},
                         {}, Urgency::Urgent);
        cases.triage(id, Triage::AcceptedForMdt, "Falls clinic first");
        Contact daughter;
        daughter.name = "Carys Llewellyn";
        daughter.relationship = "daughter";
        daughter.phone = "07700 900456";
        daughter.isCarer = true;
        daughter.isNextOfKin = true;
        cases.addContact(id, daughter);
        cases.recordConsent(id, w.vcfse, ConsentDecision::Permit, {}, ConsentMethod::ByPhone);
        cases.recordConsent(id, w.practice, ConsentDecision::Permit,
                            "Direct care (UK GDPR Art. 9(2)(h))");
        cases.addToCareTeam(id, w.navigator, "community navigator");
        cases.addToCareTeam(id, w.gp, "GP");

        CarePlanService plans(w.asChair());
        CarePlanId v1 = plans.startDraft(id);
        auto draft = *plans.draft(id);
        draft.whatMattersToMe = "Staying in my own home with my cat";
        draft.aboutMe = "Mornings are best; I use a hearing aid";
        draft.contingencyPlan = "If I fall, ring Carys first";
        draft.reviewDate = day(2027, 3, 1);
        plans.saveDraft(draft);
        plans.addNeed(v1, NeedDomain::Housing, "Stairs are unsafe", "Handrail via council");
        plans.addNeed(v1, NeedDomain::MoneyAndDebt, "Rent arrears", "Benefits check");
        plans.addGoal(v1, NeedDomain::Housing, "I want my stairs to be safe", day(2027, 2, 1));
        plans.agree(v1);
        CarePlanId v2 = plans.startDraft(id);
        plans.addGoal(v2, NeedDomain::SocialIsolation, "Get to the lunch club on Tuesdays",
                      std::nullopt);

        ActionService actions(w.asChair());
        withNotes = actions.raise({id,
                                   "Benefits check",
                                   "Attendance Allowance, Pension Credit",
                                   w.navigator,
                                   w.vcfse,
                                   day(2026, 11, 30),
                                   Priority::Urgent,
                                   "",
                                   {}});
        ActionService nav(w.asNavigator());
        nav.changeStatus(withNotes, ActionStatus::Accepted);
        nav.addNote(withNotes, "Phoned, forms posted");
        nav.addNote(withNotes, "PRIVATE: neighbour says son takes her money",
                    NoteSharing::PrivateToThisDesktop);
        ActionId declined = actions.raise(
            {id, "Handrail fitting", "", {}, w.practice, std::nullopt, Priority::Routine, "", {}});
        actions.changeStatus(declined, ActionStatus::Declined, "Council will do it");

        MeetingService meetings(w.asChair());
        Meeting m = meetingOn(day(2026, 7, 14), w.chair);  // summer time: +01:00
        m.title = "Riverside MDT";
        meeting = meetings.schedule(m);
        meetings.invite(meeting, w.vcfse, w.navigator);
        meetings.invite(meeting, w.practice, {});
        meetings.addItem(meeting, id, "new referral");
        meetings.open(meeting);
        auto item = meetings.agenda(meeting).front();
        Outcome outcome;
        outcome.discussion = "Two falls since June";
        outcome.decision = "Falls clinic, benefits check";
        outcome.voice.residentAttended = true;  // with her daughter, and agreed the plan
        outcome.voice.carerAttended = true;
        outcome.voice.agreedPlan = true;
        outcome.actions.push_back({{},
                                   "Falls clinic referral",
                                   "",
                                   w.gp,
                                   {},
                                   day(2026, 12, 1),
                                   Priority::Urgent,
                                   {},
                                   {}});
        meetings.recordOutcome(item.id, outcome);
        meetings.close(meeting);
    }

    CaseTransfer exported() { return ExchangeService(w.asChair()).exportCase(id, "test.json"); }
    std::string bundle() { return integration::caseBundleJson(exported(), fixedNow()); }
};

/// An empty store of another organisation that receives bundles.
struct Receiver {
    TempDir dir;
    FixedClock clock{fixedNow()};
    SeededIdSource ids{9001};
    std::unique_ptr<storage::SqlCipherStore> store = storage::SqlCipherStore::create(
        dir.file("receiver.nmdt"), Passphrase("correct horse battery staple"));
    ServiceContext context(Role role = Role::Clinician) {
        return ServiceContext{*store, clock, ids,
                              Actor{ProfessionalId("receiver"), "Receiving Clinician", role,
                                    OrganisationId("elsewhere")}};
    }
    ImportResult import(const std::string& json) {
        return ExchangeService(context()).importCase(integration::readCaseBundle(json).record);
    }
    std::size_t changes() const { return store->changeLog({0, std::nullopt, 100000}).size(); }
};

template <class F>
std::string fhirRefusal(F&& f) {
    try {
        f();
    } catch (const FhirError& e) {
        return e.what();
    }
    return "(not refused)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fhir_exchange)

BOOST_AUTO_TEST_CASE(case_meeting_and_audit_bundles_pass_two_npm_validators,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    RichCase rich;
    std::string caseFile = rich.w.dir.file("case.json");
    std::string meetingFile = rich.w.dir.file("meeting.json");
    std::string auditFile = rich.w.dir.file("audit.json");
    writeText(caseFile, rich.bundle());
    ExchangeService exchange(rich.w.asChair());
    writeText(meetingFile, integration::meetingOutcomesBundleJson(
                               exchange.exportMeetingOutcomes(rich.meeting, "m.json"), fixedNow()));
    ExchangeService admin(rich.w.asAdministrator());
    writeText(auditFile,
              integration::auditEventBundleJson(admin.exportAudit({}, "audit.json"), fixedNow()));

    auto run = validate({caseFile, meetingFile, auditFile});
    BOOST_TEST(run.exitCode == 0, run.output);
    BOOST_TEST(run.output.find("case.json: valid FHIR R4") != std::string::npos);
    BOOST_TEST(run.output.find("meeting.json: valid FHIR R4") != std::string::npos);
    BOOST_TEST(run.output.find("audit.json: valid FHIR R4") != std::string::npos);

    // The validators do refuse a broken bundle: this test can fail.
    auto broken = parse(rich.bundle());
    firstOf(broken, "Task")->set("status", "bogus");
    firstOf(broken, "Consent")->getObject("provision")->set("type", "maybe");
    std::string brokenFile = rich.w.dir.file("broken.json");
    writeText(brokenFile, stringify(broken));
    auto refused = validate({brokenFile});
    BOOST_TEST(refused.exitCode == 1);
    BOOST_TEST(refused.output.find("bogus") != std::string::npos, refused.output);
    BOOST_TEST(refused.output.find("maybe") != std::string::npos, refused.output);
}

BOOST_AUTO_TEST_CASE(case_bundle_carries_the_mapped_resources) {
    RichCase rich;
    std::string json = rich.bundle();
    auto b = parse(json);
    BOOST_TEST(b->getValue<std::string>("type") == "collection");
    auto patient = firstOf(b, "Patient");
    auto practice = patient->getArray("generalPractitioner")->getObject(0);
    BOOST_TEST(practice->getValue<std::string>("display") == "Riverside Surgery");
    auto identifier = patient->getArray("identifier")->getObject(0);
    BOOST_TEST(identifier->getValue<std::string>("system") == "https://fhir.nhs.uk/Id/nhs-number");
    BOOST_TEST(identifier->getValue<std::string>("value") == rich.nhs);
    BOOST_TEST(countOf(b, "CarePlan") == 2u);
    BOOST_TEST(countOf(b, "Goal") == 3u);  // the draft copies the agreed goal and adds one
    BOOST_TEST(countOf(b, "Task") == 3u);
    BOOST_TEST(countOf(b, "Consent") == 2u);
    BOOST_TEST(countOf(b, "CareTeam") == 1u);
    BOOST_TEST(countOf(b, "Encounter") == 1u);
    auto encounter = firstOf(b, "Encounter");
    auto type = encounter->getArray("type")->getObject(0)->getArray("coding")->getObject(0);
    BOOST_TEST(type->getValue<std::string>("code") == "384682003");
    BOOST_TEST(type->getValue<std::string>("system") == "http://snomed.info/sct");
    // Meeting at 13:00 UK time in July is 13:00+01:00.
    BOOST_TEST(encounter->getObject("period")->getValue<std::string>("start") ==
               "2026-07-14T13:00:00+01:00");

    bool sawDeclined = false, sawOwnerAndDue = false;
    auto entries = b->getArray("entry");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto r = entries->getObject(static_cast<unsigned>(i))->getObject("resource");
        if (r->getValue<std::string>("resourceType") != "Task")
            continue;
        if (r->getValue<std::string>("status") == "rejected") {
            sawDeclined = true;
            auto business = r->getObject("businessStatus")->getArray("coding")->getObject(0);
            BOOST_TEST(business->getValue<std::string>("code") == "declined");
            BOOST_TEST(r->getObject("statusReason")->getValue<std::string>("text") ==
                       "Council will do it");
        }
        if (r->getValue<std::string>("description") == "Benefits check") {
            sawOwnerAndDue = true;
            BOOST_TEST(r->getValue<std::string>("status") == "accepted");
            BOOST_TEST(r->getValue<std::string>("priority") == "urgent");
            BOOST_TEST(
                r->getObject("restriction")->getObject("period")->getValue<std::string>("end") ==
                "2026-11-30");
            BOOST_TEST(r->getObject("owner")->getValue<std::string>("display") == "Gwen Pritchard");
            BOOST_TEST(r->getArray("note")->size() == 1u);  // the private note stays here
        }
    }
    BOOST_TEST(sawDeclined);
    BOOST_TEST(sawOwnerAndDue);
    BOOST_TEST(json.find("son takes her money") == std::string::npos);

    // Exporting is recorded in the audit trail.
    AuditQuery q;
    q.kind = AuditEventKind::ExportFhir;
    auto exports = rich.w.store->auditTrail(q);
    BOOST_REQUIRE(!exports.empty());
    BOOST_TEST(exports.back().subject == "case:" + rich.id.str());
}

BOOST_AUTO_TEST_CASE(import_into_another_store_round_trips_and_never_duplicates) {
    RichCase rich;
    std::string first = rich.bundle();
    Receiver receiver;
    auto result = receiver.import(first);
    BOOST_TEST(!result.matchedExisting);
    BOOST_TEST(result.created > 20u);
    BOOST_TEST(receiver.store->caseCount() == 1u);

    auto c = receiver.store->caseByNhsNumber(rich.nhs);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->resident.familyName == "Llewellyn-Ó Briain");
    BOOST_TEST(c->resident.communicationNeeds == "Hard of hearing: face her when speaking");
    BOOST_TEST((c->resident.sex == Sex::Female));  // FHIR gender, both ways
    BOOST_TEST(c->keyWorker.str() == rich.w.navigator.str());
    // The referral's urgency and triage travel as ServiceRequest priority and extensions.
    BOOST_TEST((c->urgency == Urgency::Urgent));
    BOOST_TEST((c->triage == Triage::AcceptedForMdt));
    BOOST_TEST(c->triageNote == "Falls clinic first");
    BOOST_TEST(c->triagedBy.str() == rich.w.chair.str());
    BOOST_TEST(c->triagedOn.has_value());
    BOOST_TEST(c->resident.registeredPractice.str() == rich.w.practice.str());
    auto consents = receiver.store->consents(c->id);
    BOOST_REQUIRE(consents.size() == 2u);
    BOOST_TEST((std::count_if(consents.begin(), consents.end(), [](const Consent& k) {
                    return k.method == ConsentMethod::ByPhone;
                }) == 1));
    BOOST_TEST(receiver.store->careTeam(c->id).size() == 2u);
    BOOST_TEST(receiver.store->contacts(c->id).front().isNextOfKin);
    BOOST_TEST(receiver.store->contacts(c->id).front().isCarer);
    auto plans = receiver.store->carePlans(c->id);
    BOOST_REQUIRE(plans.size() == 2u);
    BOOST_TEST((plans.back().status == PlanStatus::Agreed));
    BOOST_TEST(plans.back().contingencyPlan == "If I fall, ring Carys first");
    BOOST_TEST(receiver.store->needs(plans.back().id).size() == 2u);
    auto action = receiver.store->action(rich.withNotes);
    BOOST_REQUIRE(action);
    BOOST_TEST((action->status == ActionStatus::Accepted));
    BOOST_TEST(receiver.store->notes(rich.withNotes).size() == 1u);
    BOOST_TEST(receiver.store->professional(rich.w.navigator)->name == "Gwen Pritchard");
    auto discussed = receiver.store->agendaItemsForCase(c->id).front();
    BOOST_TEST(discussed.decision == "Falls clinic, benefits check");
    BOOST_TEST((discussed.voice == ResidentVoice{true, true, true, false}));
    auto meeting = receiver.store->meeting(rich.meeting);
    BOOST_REQUIRE(meeting);
    BOOST_TEST(meeting->startTime == "13:00");

    // Exporting again from the receiver gives the same resources back.
    auto again = ExchangeService(receiver.context()).exportCase(c->id, "again.json");
    auto a = parse(first), b = parse(integration::caseBundleJson(again, fixedNow()));
    auto resources = [](const Object::Ptr& bundle) {
        std::map<std::string, std::string> out;
        auto entries = bundle->getArray("entry");
        for (std::size_t i = 0; i < entries->size(); ++i) {
            auto e = entries->getObject(static_cast<unsigned>(i));
            out[e->getValue<std::string>("fullUrl")] = stringify(e->getObject("resource"));
        }
        return out;
    };
    BOOST_TEST((resources(a) == resources(b)));

    // The same bundle again changes nothing and duplicates no one.
    std::size_t before = receiver.changes();
    auto second = receiver.import(first);
    BOOST_TEST(second.matchedExisting);
    BOOST_TEST(second.created == 0u);
    BOOST_TEST(second.updated == 0u);
    BOOST_TEST(receiver.changes() == before);
    BOOST_TEST(receiver.store->caseCount() == 1u);
}

BOOST_AUTO_TEST_CASE(a_person_already_here_is_matched_on_nhs_number_and_updated) {
    RichCase rich;
    Receiver receiver;
    // The receiver referred the same person on its own, under another case id.
    CaseService local(receiver.context());
    CaseId here = local.refer(
        {resident("Sian", "Llewellyn", rich.nhs), {}, {}, "Known to us", day(2026, 10, 1), {}});
    BOOST_TEST(here.str() != rich.id.str());

    auto result = receiver.import(rich.bundle());
    BOOST_TEST(result.matchedExisting);
    BOOST_TEST(result.caseId.str() == here.str());
    BOOST_TEST(receiver.store->caseCount() == 1u);
    BOOST_TEST(receiver.store->caseById(here)->resident.familyName == "Llewellyn-Ó Briain");
    BOOST_TEST(receiver.store->action(rich.withNotes)->caseId.str() == here.str());
    BOOST_TEST(receiver.store->carePlans(here).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_bare_patient_from_another_system_erases_nothing_here) {
    Receiver receiver;
    CaseService local(receiver.context());
    Resident r = resident("Sian", "Llewellyn", testNhsNumber(79));
    r.phone = "07700 900999";
    r.address = "1 Station Road";
    CaseId here = local.refer({r, {}, {}, "Falls at home", day(2026, 10, 1), {}});
    // Another system sends only who the person is, with a corrected family name.
    std::string bare = R"({"resourceType": "Bundle", "type": "collection",
        "timestamp": "2026-11-20T10:00:00Z", "entry": [{"fullUrl": "urn:uuid:5b4e28ba-2fa1-41d2-883f-0016d3cca427",
        "resource": {"resourceType": "Patient", "id": "5b4e28ba-2fa1-41d2-883f-0016d3cca427",
        "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": ")" +
                       testNhsNumber(79) + R"("}],
        "name": [{"family": "Llewellyn-Jones", "given": ["Sian"]}], "birthDate": "1948-03-14"}}]})";
    auto result = receiver.import(bare);
    BOOST_TEST(result.matchedExisting);
    BOOST_TEST(receiver.store->caseCount() == 1u);
    auto c = *receiver.store->caseById(here);
    BOOST_TEST(c.resident.familyName == "Llewellyn-Jones");
    BOOST_TEST(c.resident.phone == "07700 900999");
    BOOST_TEST(c.resident.address == "1 Station Road");
    BOOST_TEST(c.referralReason == "Falls at home");
    BOOST_TEST(toIsoDate(c.referralDate) == "2026-10-01");
}

BOOST_AUTO_TEST_CASE(bad_bundles_are_refused_with_a_reason_and_nothing_is_written) {
    RichCase rich;
    const std::string good = rich.bundle();
    Receiver receiver;
    const std::size_t before = receiver.changes();
    auto importing = [&](const std::string& json) { return [&, json] { receiver.import(json); }; };

    // An invalid NHS number (check digit wrong).
    auto badNhs = parse(good);
    firstOf(badNhs, "Patient")
        ->getArray("identifier")
        ->getObject(0)
        ->set("value", std::string("4123456879"));
    auto problems = problemsOf(importing(stringify(badNhs)));
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST((problems.front().code == ErrorCode::NhsNumberChecksum));

    // A registered practice that is not a GP practice (the voluntary group the consent names).
    auto notAPractice = parse(good);
    auto consentActor =
        firstOf(notAPractice, "Consent")->getObject("provision")->getArray("actor")->getObject(0);
    firstOf(notAPractice, "Patient")
        ->getArray("generalPractitioner")
        ->getObject(0)
        ->set("reference",
              consentActor->getObject("reference")->getValue<std::string>("reference"));
    problems = problemsOf(importing(stringify(notAPractice)));
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST((problems.front().code == ErrorCode::ReferenceMismatch));
    // A consent obtained in a way this product does not know.
    auto badMethod = parse(good);
    auto methodExtension = firstOf(badMethod, "Consent")->getArray("extension")->getObject(0);
    methodExtension->set("valueCode", std::string("telepathy"));
    BOOST_TEST(fhirRefusal(importing(stringify(badMethod))).find("consent method 'telepathy'") !=
               std::string::npos);

    // A gender outside FHIR's four.
    auto badGender = parse(good);
    firstOf(badGender, "Patient")->set("gender", std::string("f"));
    BOOST_TEST(fhirRefusal(importing(stringify(badGender))).find("gender \"f\"") !=
               std::string::npos);

    // Unknown codes.
    auto badStatus = parse(good);
    firstOf(badStatus, "Task")->set("status", "bogus");
    firstOf(badStatus, "Task")->remove("businessStatus");
    BOOST_TEST(fhirRefusal(importing(stringify(badStatus))).find("status 'bogus'") !=
               std::string::npos);
    auto badDomain = parse(good);
    firstOf(badDomain, "Goal")
        ->getArray("category")
        ->getObject(0)
        ->getArray("coding")
        ->getObject(0)
        ->set("code", std::string("astrology"));
    BOOST_TEST(fhirRefusal(importing(stringify(badDomain))).find("unknown need domain") !=
               std::string::npos);

    // A reference to a resource that is not in the bundle.
    auto missing = parse(good);
    auto entries = missing->getArray("entry");
    for (std::size_t i = entries->size(); i-- > 0;)
        if (entries->getObject(static_cast<unsigned>(i))
                ->getObject("resource")
                ->getValue<std::string>("resourceType") == "Goal")
            entries->remove(static_cast<unsigned>(i));
    BOOST_TEST(fhirRefusal(importing(stringify(missing))).find("which is not in the bundle") !=
               std::string::npos);

    // Text far beyond what anyone could type into the same field.
    auto runaway = parse(good);
    firstOf(runaway, "Task")->set("description", std::string(30000, 'x'));
    problems = problemsOf(importing(stringify(runaway)));
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST((problems.front().code == ErrorCode::TextTooLong));
    BOOST_TEST(problems.front().field == "action.title");

    // A 50 MB payload is refused before it is parsed.
    std::string huge = good;
    huge.insert(huge.size() - 1, ",\"padding\":\"" + std::string(50u * 1024u * 1024u, 'x') + "\"");
    BOOST_TEST(fhirRefusal(importing(huge)).find("50 MB") != std::string::npos);

    // Not JSON, not a Bundle, two people in one bundle, no NHS number.
    BOOST_TEST(fhirRefusal(importing(good.substr(0, good.size() / 2))).find("not valid JSON") !=
               std::string::npos);
    BOOST_TEST(fhirRefusal(importing(R"({"resourceType":"Patient"})")).find("not a FHIR Bundle") !=
               std::string::npos);
    auto twoPeople = parse(good);
    auto other = parse(stringify(twoPeople->getArray("entry")->getObject(0)));
    other->set("fullUrl", std::string("urn:uuid:11111111-2222-4333-8444-555555555555"));
    other->getObject("resource")->set("id", std::string("11111111-2222-4333-8444-555555555555"));
    twoPeople->getArray("entry")->add(other);
    BOOST_TEST(fhirRefusal(importing(stringify(twoPeople))).find("2 Patients") !=
               std::string::npos);
    auto anonymous = parse(good);
    firstOf(anonymous, "Patient")->remove("identifier");
    BOOST_TEST(fhirRefusal(importing(stringify(anonymous))).find("no NHS number") !=
               std::string::npos);

    BOOST_TEST(receiver.changes() == before);
    BOOST_TEST(receiver.store->caseCount() == 0u);
}

BOOST_AUTO_TEST_CASE(damaged_bundles_are_refused_in_words_never_crash) {
    // Every member of a real bundle, in turn, replaced by each kind of wrong value: the
    // reader either takes the bundle or refuses it with a FhirError, never anything else.
    RichCase rich;
    const std::string good = rich.bundle();
    std::vector<std::vector<std::string>> paths;  // keys and indexes, as text
    std::function<void(const Poco::Dynamic::Var&, std::vector<std::string>)> walk =
        [&](const Poco::Dynamic::Var& v, std::vector<std::string> path) {
            if (!path.empty())
                paths.push_back(path);
            if (v.type() == typeid(Object::Ptr)) {
                auto o = v.extract<Object::Ptr>();
                for (const auto& [key, value] : *o) {
                    auto next = path;
                    next.push_back(key);
                    walk(value, next);
                }
            } else if (v.type() == typeid(Array::Ptr)) {
                auto a = v.extract<Array::Ptr>();
                for (std::size_t i = 0; i < a->size(); ++i) {
                    auto next = path;
                    next.push_back("#" + std::to_string(i));
                    walk(a->get(static_cast<unsigned>(i)), next);
                }
            }
        };
    walk(Poco::JSON::Parser().parse(good), {});
    BOOST_REQUIRE(paths.size() > 200u);
    const std::vector<Poco::Dynamic::Var> wrong{
        Poco::Dynamic::Var(42), Poco::Dynamic::Var("x"), Poco::Dynamic::Var(Array::Ptr(new Array)),
        Poco::Dynamic::Var(Object::Ptr(new Object)), Poco::Dynamic::Var()};
    std::size_t refused = 0, taken = 0;
    for (std::size_t i = 0; i < paths.size() * wrong.size(); ++i) {
        const auto& path = paths[i / wrong.size()];
        auto bundle = parse(good);
        // Walk to the parent of the last step and replace the value there.
        Poco::Dynamic::Var parent = bundle;
        for (std::size_t step = 0; step + 1 < path.size(); ++step) {
            const auto& k = path[step];
            parent = k[0] == '#' ? parent.extract<Array::Ptr>()->get(
                                       static_cast<unsigned>(std::stoul(k.substr(1))))
                                 : parent.extract<Object::Ptr>()->get(k);
        }
        const auto& last = path.back();
        const auto& value = wrong[i % wrong.size()];
        if (last[0] == '#') {
            Array::Ptr list = parent.extract<Array::Ptr>();
            list->set(static_cast<unsigned>(std::stoul(last.substr(1))), value);
        } else {
            Object::Ptr object = parent.extract<Object::Ptr>();
            object->set(last, value);
        }
        try {
            integration::readCaseBundle(stringify(bundle));
            ++taken;
        } catch (const FhirError&) {
            ++refused;
        } catch (const std::exception& e) {
            std::string where;
            for (const auto& k : path)
                where += "/" + k;
            BOOST_FAIL("not a FhirError at " + where + ": " + e.what());
        }
    }
    BOOST_TEST(refused > 50u);
    BOOST_TEST(taken > 0u);
}

BOOST_AUTO_TEST_CASE(an_id_that_belongs_to_another_person_here_is_refused_whole) {
    RichCase rich;
    Receiver receiver;
    CaseService local(receiver.context());
    CaseId someoneElse = local.refer({resident("Other", "Person", testNhsNumber(78)),
                                      {},
                                      {},
                                      "Unrelated",
                                      day(2026, 10, 1),
                                      {}});
    auto clash = parse(rich.bundle());
    firstOf(clash, "ServiceRequest")->set("id", someoneElse.str());
    // Keep the entry's address in step with the id it now has.
    auto entries = clash->getArray("entry");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto e = entries->getObject(static_cast<unsigned>(i));
        if (e->getObject("resource")->getValue<std::string>("resourceType") == "ServiceRequest")
            e->set("fullUrl", "urn:uuid:" + someoneElse.str());
    }
    std::size_t before = receiver.changes();
    auto problems = problemsOf([&] { receiver.import(stringify(clash)); });
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST((problems.front().code == ErrorCode::ReferenceMismatch));
    BOOST_TEST(receiver.changes() == before);
    BOOST_TEST(receiver.store->caseCount() == 1u);
}

BOOST_AUTO_TEST_CASE(only_chairs_clinicians_and_administrators_exchange_records) {
    RichCase rich;
    for (Role role : {Role::Navigator, Role::PracticeStaff, Role::VcfseWorker}) {
        auto ctx = rich.w.as(rich.w.navigator, role, rich.w.vcfse);
        auto problems = problemsOf([&] { ExchangeService(ctx).exportCase(rich.id, "nope.json"); });
        BOOST_REQUIRE(!problems.empty());
        BOOST_TEST((problems.front().code == ErrorCode::NotPermitted));
    }
    auto chairAudit = problemsOf([&] { ExchangeService(rich.w.asChair()).exportAudit({}, "x"); });
    BOOST_REQUIRE(!chairAudit.empty());
    BOOST_TEST((chairAudit.front().code == ErrorCode::NotPermitted));
}

BOOST_AUTO_TEST_CASE(meeting_times_carry_the_uk_offset_and_read_back_as_uk_time) {
    CaseTransfer t;
    t.theCase.id = CaseId("0f8fad5b-d9cb-469f-a165-70867728950e");
    t.theCase.resident = resident("Ada", "Winter", testNhsNumber(90));
    t.theCase.referralDate = day(2026, 1, 5);
    for (auto [date, id] : {std::pair{day(2026, 1, 20), "1b4e28ba-2fa1-41d2-883f-0016d3cca427"},
                            std::pair{day(2026, 6, 16), "2b4e28ba-2fa1-41d2-883f-0016d3cca427"},
                            std::pair{day(2026, 10, 25), "3b4e28ba-2fa1-41d2-883f-0016d3cca427"}}) {
        Discussion d;
        d.meeting.id = MeetingId(std::string(id));
        d.meeting.title = "MDT";
        d.meeting.date = date;
        d.meeting.startTime = "09:30";
        d.meeting.status = MeetingStatus::Closed;
        d.item.id = AgendaItemId(std::string(id).substr(0, 35) + "8");
        d.item.meetingId = d.meeting.id;
        d.item.caseId = t.theCase.id;
        d.item.orderKey = "m";
        d.item.discussed = true;
        t.discussions.push_back(d);
    }
    std::string json = integration::caseBundleJson(t, fixedNow());
    BOOST_TEST(json.find("2026-01-20T09:30:00Z") != std::string::npos);
    BOOST_TEST(json.find("2026-06-16T09:30:00+01:00") != std::string::npos);
    BOOST_TEST(json.find("2026-10-25T09:30:00Z") != std::string::npos);  // BST ended at 01:00 UTC
    auto back = integration::readCaseBundle(json).record;
    BOOST_REQUIRE(back.discussions.size() == 3u);
    for (const auto& d : back.discussions)
        BOOST_TEST(d.meeting.startTime == "09:30");
    BOOST_TEST(toIsoDate(back.discussions[1].meeting.date) == "2026-06-16");
}

BOOST_AUTO_TEST_CASE(audit_events_carry_the_hash_chain) {
    RichCase rich;
    auto trail = rich.w.store->auditTrail({});
    auto audit = ExchangeService(rich.w.asAdministrator()).exportAudit({}, "audit.json");
    auto b = parse(integration::auditEventBundleJson(audit, fixedNow()));
    BOOST_TEST(b->getArray("entry")->size() == trail.size());
    auto last = b->getArray("entry")
                    ->getObject(static_cast<unsigned>(trail.size() - 1))
                    ->getObject("resource");
    std::string hash;
    auto extensions = last->getArray("extension");
    for (std::size_t i = 0; i < extensions->size(); ++i) {
        auto e = extensions->getObject(static_cast<unsigned>(i));
        if (e->getValue<std::string>("url").ends_with("/audit-hash"))
            hash = e->getValue<std::string>("valueString");
    }
    BOOST_TEST(hash == trail.back().hash);
}

BOOST_AUTO_TEST_CASE(the_outcome_measure_report_is_valid_and_never_holds_a_small_count,
                     *boost::unit_test::precondition(OnlyWhere{kBuildMachineToolsReachable,
                                                               kNeedsBuildMachineTools})) {
    World w;
    CaseService cases(w.asChair());
    OutcomeService outcomes(w.asChair());
    for (int n = 1; n <= 7; ++n) {
        Resident r = resident("Given", "Family" + std::to_string(n), testNhsNumber(n));
        r.sex = n == 7 ? Sex::Male : Sex::Female;
        r.registeredPractice = w.practice;
        CaseId id = cases.refer({r, w.gp, w.practice, "reason", day(2026, 6, 1), w.navigator});
        cases.triage(id, Triage::AcceptedForMdt, "");
        WellbeingScore s;
        s.caseId = id;
        s.recordedOn = day(2026, 6, 1);
        s.occasion = WellbeingOccasion::Referral;
        s.lifeSatisfaction = 3;
        outcomes.recordWellbeing(s);
        s.recordedOn = day(2026, 10, 1);
        s.occasion = WellbeingOccasion::Review;
        s.lifeSatisfaction = 6;
        outcomes.recordWellbeing(s);
    }
    OutcomeReportService reports(w.asNavigator());
    const auto measures = reports.exportMeasures(reports.build(), "icb.json");
    const std::string json = integration::outcomeMeasureReportJson(measures, fixedNow());

    auto r = parse(json);
    BOOST_TEST(r->getValue<std::string>("resourceType") == "MeasureReport");
    auto groups = r->getArray("group");
    BOOST_REQUIRE(groups->size() == measures.measures.size());
    auto change = groups->getObject(1);  // life satisfaction change
    BOOST_TEST(change->getArray("population")->getObject(0)->getValue<int>("count") == 7);
    BOOST_TEST(change->getObject("measureScore")->getValue<double>("value") == 3.0);
    // Every count in the document is 0 or at least 5; the one man, and the women with him
    // (so he cannot be found by subtraction), are masked.
    std::size_t masked = 0;
    std::function<void(const Poco::Dynamic::Var&)> walk = [&](const Poco::Dynamic::Var& v) {
        if (v.type() == typeid(Object::Ptr)) {
            auto o = v.extract<Object::Ptr>();
            if (o->has("count")) {
                const int count = o->getValue<int>("count");
                BOOST_TEST((count == 0 || count >= 5),
                           "a count of " << count << " left the desktop");
            }
            if (o->has("_count"))
                ++masked;
            for (const auto& [key, child] : *o)
                walk(child);
        } else if (v.type() == typeid(Array::Ptr)) {
            for (const auto& child : *v.extract<Array::Ptr>())
                walk(child);
        }
    };
    walk(Poco::Dynamic::Var(r));
    BOOST_TEST(masked > 0u);
    BOOST_TEST(json.find("\"masked\"") != std::string::npos);
    // Who sent it, by ODS code; and the export is in the audit trail.
    BOOST_TEST(json.find("Y00001") != std::string::npos);
    auto trail = w.store->auditTrail({});
    BOOST_TEST(std::any_of(trail.begin(), trail.end(), [](const AuditEntry& e) {
        return e.kind == AuditEventKind::ExportFhir && e.subject == "outcome-report";
    }));

    const std::string file = w.dir.file("outcomes.json");
    writeText(file, json);
    auto run = validate({file});
    BOOST_TEST(run.exitCode == 0, run.output);
    BOOST_TEST(run.output.find("outcomes.json: valid FHIR R4 (MeasureReport)") != std::string::npos,
               run.output);
}

BOOST_AUTO_TEST_SUITE_END()
