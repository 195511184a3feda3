// The sealed body of an envelope: what is written reads back entry for entry, in any member
// order and spacing JSON allows; a body out of shape, under another header or carrying
// another site's change is refused with a reason, never half read.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <limits>
#include <sstream>

#include "sync/envelope_codec.h"

using namespace nmdt;
using namespace nmdt::integration;

namespace {

EnvelopeHeader header() {
    return {"northvale", "site-a", 10, 12, 1, "k1", {"org-gp", "org-vcfse"}};
}

std::vector<SyncEntry> entries() {
    SyncEntry c;
    auto& e = c.change;
    e.kind = EntityKind::Case;
    e.entityId = "case-1";
    e.op = ChangeOp::Update;
    e.hlc = {1700000000000, 4294967295u};
    e.siteId = "site-a";
    e.fields = {{"closed_date", FieldValue()},
                {"given_name", std::string("Zoë \"Edie\" O'Brien\n日本 😀")},
                {"review_at_next_meeting", std::int64_t(-1234567890123456)}};
    // In name order, as they are read.
    setStamp(c.base, "closed_date", {{1650000000000, 7}, "site-a"});
    setStamp(c.base, "given_name", {{1600000000000, 0}, "site-b"});
    e.intent = "record-decision";
    e.userId = "pro-1";
    e.userName = "Sam Navigator";
    e.role = "navigator";
    e.organisationId = "org-vcfse";
    SyncEntry a = c;
    a.change.kind = EntityKind::Action;
    a.change.entityId = "action-1";
    a.change.op = ChangeOp::Create;
    a.change.fields = {{"case_id", std::string("case-1")}};
    a.base = {};
    // A snapshot entry carries every field's stamp.
    a.fieldStamps = {{"case_id", {{1600000000001, 0}, "site-c"}}};
    return {c, a};
}

void requireSame(const std::vector<SyncEntry>& read, const std::vector<SyncEntry>& written) {
    BOOST_REQUIRE(read.size() == written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        const auto& r = read[i].change;
        const auto& w = written[i].change;
        BOOST_TEST((r.kind == w.kind));
        BOOST_TEST(r.entityId == w.entityId);
        BOOST_TEST((r.op == w.op));
        BOOST_TEST((r.hlc == w.hlc));
        BOOST_TEST(r.siteId == w.siteId);
        BOOST_TEST((r.fields == w.fields));
        BOOST_TEST((read[i].base == written[i].base));
        BOOST_TEST((read[i].fieldStamps == written[i].fieldStamps));
        BOOST_TEST(r.intent == w.intent);
        BOOST_TEST(r.userId == w.userId);
        BOOST_TEST(r.userName == w.userName);
        BOOST_TEST(r.role == w.role);
        BOOST_TEST(r.organisationId == w.organisationId);
    }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "the body holds " << from);
    return text.replace(at, from.size(), to);
}

struct Refusal {
    SyncError::Kind kind;
    std::string message;
};

Refusal refusalOf(const std::string& body, const EnvelopeHeader& expected = header()) {
    try {
        decodeBody(body, expected, "envelope 7");
    } catch (const SyncError& e) {
        BOOST_TEST(std::string(e.what()).find("envelope 7") != std::string::npos);
        return {e.kind(), e.what()};
    }
    BOOST_FAIL("read without complaint: " << body.substr(0, 200));
    return {};
}

bool malformed(const std::string& body, const std::string& saying) {
    const auto r = refusalOf(body);
    BOOST_TEST(r.message.find(saying) != std::string::npos, r.message << " says " << saying);
    return r.kind == SyncError::Kind::Malformed;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(envelope_body)

BOOST_AUTO_TEST_CASE(entries_read_back_as_written) {
    const auto written = entries();
    requireSame(decodeBody(encodeBody(header(), written), header(), "envelope"), written);
    BOOST_TEST(decodeBody(encodeBody(header(), {}), header(), "envelope").empty());
    // Whole numbers to the ends of 64 bits (Poco's parser read the lowest but one as the
    // lowest).
    auto extremes = written;
    extremes[0].change.fields = {{"a", std::numeric_limits<std::int64_t>::min()},
                                 {"b", std::int64_t(-9223372036854775807LL)},
                                 {"c", std::numeric_limits<std::int64_t>::max()}};
    requireSame(decodeBody(encodeBody(header(), extremes), header(), "envelope"), extremes);
}

BOOST_AUTO_TEST_CASE(any_member_order_spacing_or_unknown_member_reads_the_same) {
    const auto body = encodeBody(header(), entries());
    // Another writer's layout: indented, header first, members this reader does not know.
    auto parsed = parseObject(body, "body");
    std::ostringstream headerText, entriesText;
    Poco::JSON::Stringifier::stringify(parsed->getObject("header"), headerText, 4);
    Poco::JSON::Stringifier::stringify(parsed->getArray("entries"), entriesText, 2);
    const std::string other =
        "\n{ \"header\" :\n" + headerText.str() +
        ",\n \"later\": [1.5e3, {\"x\": null}, true],\n \"entries\":" + entriesText.str() + "\n}\n";
    requireSame(decodeBody(other, header(), "envelope"), entries());
    // An entry member this version does not know is passed over.
    const auto withNew = replaced(body, "\"intent\":", "\"priority\":{\"level\":[3]},\"intent\":");
    requireSame(decodeBody(withNew, header(), "envelope"), entries());
}

BOOST_AUTO_TEST_CASE(fields_are_in_name_order_and_a_repeated_one_is_read_last_kept) {
    const auto body = encodeBody(header(), entries());
    const auto repeated = replaced(body, "\"closed_date\":null,",
                                   "\"zeta\":1,\"closed_date\":null,\"zeta\":2,\"alpha\":\"a\",");
    const auto read = decodeBody(repeated, header(), "envelope");
    const auto& fields = read[0].change.fields;
    BOOST_REQUIRE(fields.size() == 5);
    BOOST_TEST(fields[0].name == "alpha");
    BOOST_TEST(fields[1].name == "closed_date");
    BOOST_TEST(fields.back().name == "zeta");
    BOOST_TEST((fields.back().value == FieldValue(std::int64_t(2))));
}

BOOST_AUTO_TEST_CASE(another_header_or_another_sites_change_is_tampering) {
    const auto body = encodeBody(header(), entries());
    for (auto change : std::initializer_list<void (*)(EnvelopeHeader&)>{
             [](EnvelopeHeader& h) { h.team = "other"; },
             [](EnvelopeHeader& h) { h.site = "site-b"; },
             [](EnvelopeHeader& h) { h.fromSequence = 9; },
             [](EnvelopeHeader& h) { h.throughSequence = 13; },
             [](EnvelopeHeader& h) { h.part = 0; }, [](EnvelopeHeader& h) { h.keyId = "k2"; },
             [](EnvelopeHeader& h) { h.audience.pop_back(); }}) {
        auto expected = header();
        change(expected);
        BOOST_TEST(static_cast<int>(refusalOf(body, expected).kind) ==
                   static_cast<int>(SyncError::Kind::Tampered));
    }
    const auto otherSite =
        replaced(body, "\"site\":\"site-a\",\"user\"", "\"site\":\"site-b\",\"user\"");
    BOOST_TEST(static_cast<int>(refusalOf(otherSite).kind) ==
               static_cast<int>(SyncError::Kind::Tampered));
}

BOOST_AUTO_TEST_CASE(a_body_out_of_shape_is_malformed_and_says_why) {
    const auto body = encodeBody(header(), entries());
    BOOST_TEST(malformed("[]", "not valid JSON"));
    BOOST_TEST(malformed(body + "x", "not valid JSON"));
    BOOST_TEST(
        malformed(replaced(body, "\"header\":", "\"heading\":"), "sealed header is missing"));
    BOOST_TEST(malformed(replaced(body, "\"entries\":[", "\"entries\":{\"x\":["), "no entries"));
    BOOST_TEST(malformed(replaced(body, "\"keyId\":\"k1\",", ""), "has no \"keyId\""));
    BOOST_TEST(malformed(replaced(body, "\"from\":10", "\"from\":\"10\""),
                         "\"from\" is missing or not a whole number"));
    BOOST_TEST(malformed(replaced(body, "\"from\":10", "\"from\":12"), "impossible"));
    BOOST_TEST(
        malformed(replaced(body, "\"audience\":[\"org-gp\"", "\"audience\":[1"), "non-text"));
    BOOST_TEST(malformed(replaced(body, "\"kind\":\"case\"", "\"kind\":\"casket\""),
                         "unknown kind \"casket\""));
    BOOST_TEST(malformed(replaced(body, "\"kind\":\"case\"", "\"kind\":\"case_finding_list\""),
                         "never leaves its desktop"));
    BOOST_TEST(
        malformed(replaced(body, "\"op\":\"update\"", "\"op\":\"delete\""), "unknown operation"));
    BOOST_TEST(
        malformed(replaced(body, "\"counter\":4294967295", "\"counter\":4294967296"), "bad clock"));
    BOOST_TEST(malformed(replaced(body, "\"intent\":\"record-decision\",", ""),
                         "entry 0 has no \"intent\""));
    BOOST_TEST(malformed(replaced(body, "\"fields\":{", "\"fields\":[],\"x\":{"), "no fields"));
    BOOST_TEST(malformed(replaced(body, "\"closed_date\":null", "\"closed_date\":1.5"),
                         "neither text, a whole number nor null"));
    BOOST_TEST(malformed(replaced(body, "\"closed_date\":null", "\"closed_date\":true"),
                         "neither text, a whole number nor null"));
    BOOST_TEST(malformed(replaced(body, ",7,\"site-a\"]", ",7]"), "base stamp is out of shape"));
    BOOST_TEST(malformed(replaced(body, ",7,\"site-a\"]", ",-7,\"site-a\"]"), "out of range"));
    BOOST_TEST(malformed(replaced(body, "\"base\":{", "\"base\":[{"), "out of shape"));
}

BOOST_AUTO_TEST_CASE(every_cut_of_a_body_is_refused_as_malformed) {
    const auto body = encodeBody(header(), entries());
    std::size_t refused = 0;
    for (std::size_t cut = 0; cut < body.size(); ++cut) {
        const auto text = body.substr(0, cut);
        try {
            decodeBody(text, header(), "envelope 7");
            BOOST_FAIL("a cut at " << cut << " was read");
        } catch (const SyncError& e) {
            if (e.kind() != SyncError::Kind::Malformed)
                BOOST_FAIL("a cut at " << cut << " was refused as " << e.what());
            ++refused;
        }
    }
    BOOST_TEST(refused == body.size());
}

BOOST_AUTO_TEST_SUITE_END()
