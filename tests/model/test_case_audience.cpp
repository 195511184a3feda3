// The consent rule shared by what a desktop sends and what a snapshot joiner accepts, and
// the checks a joiner makes of a snapshot's records before it writes any.
#include <boost/test/unit_test.hpp>

#include "model/case_audience.h"
#include "model/entity_mapping.h"
#include "test_support.h"

using namespace nmdt;
using nmdt::test::day;

namespace {

SyncEntry record(EntityKind kind, const std::string& id, FieldList fields) {
    SyncEntry e;
    e.change.kind = kind;
    e.change.entityId = id;
    e.change.op = ChangeOp::Create;
    e.change.fields = std::move(fields);
    for (const auto& f : e.change.fields)
        setStamp(e.fieldStamps, f.name, SiteStamp{{1000, 0}, "site-a"});
    return e;
}

SyncEntry caseRecord(const std::string& id, const std::string& referrer) {
    Case c;
    c.id = CaseId(id);
    c.referrerOrganisation = OrganisationId(referrer);
    return record(EntityKind::Case, id, toFields(c));
}

SyncEntry consentRecord(const std::string& id, const std::string& caseId, const std::string& org,
                        ConsentDecision decision, Date on) {
    Consent c;
    c.id = ConsentId(id);
    c.caseId = CaseId(caseId);
    c.organisationId = OrganisationId(org);
    c.decision = decision;
    c.recordedOn = on;
    return record(EntityKind::Consent, id, toFields(c));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(case_audience)

BOOST_AUTO_TEST_CASE(the_referrer_and_organisations_whose_latest_consent_permits_see_a_case) {
    Case c;
    c.referrerOrganisation = OrganisationId("org-practice");
    auto consent = [](const char* id, const char* org, ConsentDecision d, Date on) {
        Consent x;
        x.id = ConsentId(id);
        x.organisationId = OrganisationId(org);
        x.decision = d;
        x.recordedOn = on;
        return x;
    };
    auto audience =
        caseAudience(c, {consent("c1", "org-vcfse", ConsentDecision::Permit, day(2026, 11, 1)),
                         consent("c2", "org-vcfse", ConsentDecision::Deny, day(2026, 11, 3)),
                         consent("c3", "org-council", ConsentDecision::Deny, day(2026, 11, 1)),
                         consent("c4", "org-council", ConsentDecision::Permit, day(2026, 11, 2)),
                         consent("c5", "org-practice", ConsentDecision::Deny, day(2026, 11, 4))});
    BOOST_TEST((audience == std::vector<std::string>{"org-council", "org-practice"}));
}

BOOST_AUTO_TEST_CASE(a_snapshot_of_consented_cases_passes) {
    std::vector<SyncEntry> records{
        record(EntityKind::Organisation, "org-vcfse", {{"name", std::string("Age Well")}}),
        caseRecord("case-1", "org-vcfse"),
        caseRecord("case-2", "org-practice"),
        consentRecord("consent-1", "case-2", "org-vcfse", ConsentDecision::Permit,
                      day(2026, 11, 2)),
        record(EntityKind::CarePlan, "plan-1", {{"case_id", std::string("case-2")}}),
        record(EntityKind::Goal, "goal-1", {{"plan_id", std::string("plan-1")}}),
        record(EntityKind::Action, "action-1", {{"case_id", std::string("case-2")}}),
        record(EntityKind::ProgressNote, "note-1",
               {{"action_id", std::string("action-1")}, {"private", std::int64_t(0)}}),
        record(EntityKind::Action, "action-2", {{"case_id", FieldValue()}})};
    BOOST_TEST(refusalOfSnapshotRecords(records, "org-vcfse").empty());
}

BOOST_AUTO_TEST_CASE(what_a_joiner_refuses_in_a_snapshot) {
    auto refusal = [](std::vector<SyncEntry> records) {
        return refusalOfSnapshotRecords(records, "org-vcfse");
    };
    // A case its organisation has no consent for, or one whose consent was withdrawn.
    BOOST_TEST(refusal({caseRecord("case-2", "org-practice")}).find("no consent") !=
               std::string::npos);
    BOOST_TEST(
        refusal(
            {caseRecord("case-2", "org-practice"),
             consentRecord("c1", "case-2", "org-vcfse", ConsentDecision::Permit, day(2026, 11, 1)),
             consentRecord("c2", "case-2", "org-vcfse", ConsentDecision::Deny, day(2026, 11, 5))})
            .find("no consent") != std::string::npos);
    // Records of a case that is not beside them.
    BOOST_TEST(refusal({record(EntityKind::Contact, "k1", {{"case_id", std::string("case-9")}})})
                   .find("without the case") != std::string::npos);
    BOOST_TEST(refusal({record(EntityKind::Need, "n1", {{"plan_id", std::string("plan-9")}})})
                   .find("without its care plan") != std::string::npos);
    // A private note, wherever it comes from.
    BOOST_TEST(refusal({caseRecord("case-1", "org-vcfse"),
                        record(EntityKind::Action, "a1", {{"case_id", std::string("case-1")}}),
                        record(EntityKind::ProgressNote, "n1",
                               {{"action_id", std::string("a1")}, {"private", std::int64_t(1)}})})
                   .find("private note") != std::string::npos);
    // An update, or a record without its stamps, is not a current record.
    auto update = caseRecord("case-1", "org-vcfse");
    update.change.op = ChangeOp::Update;
    BOOST_TEST(!refusal({update}).empty());
    auto bare = caseRecord("case-1", "org-vcfse");
    bare.fieldStamps.clear();
    BOOST_TEST(!refusal({bare}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
