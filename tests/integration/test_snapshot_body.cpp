// The sealed body of a snapshot chunk: what is written reads back record for record, stamp
// for stamp; anything out of shape or with another header is refused with a reason.
#include <boost/test/unit_test.hpp>

#include "sync/snapshot_body.h"

using namespace nmdt;
using namespace nmdt::integration;

namespace {

SnapshotHeader header() {
    return {"northvale", "site-a", "org-vcfse", "snap-1", "k1", 42, 3, false};
}

std::vector<SyncEntry> records() {
    ChangeLogEntry by;
    by.siteId = "site-a";
    by.hlc = {1700000000000, 2};
    by.userId = "pro-1";
    by.userName = "Sam Navigator";
    by.role = "navigator";
    by.organisationId = "org-vcfse";
    by.intent = "snapshot";
    by.op = ChangeOp::Create;
    SyncEntry c;
    c.change = by;
    c.change.kind = EntityKind::Case;
    c.change.entityId = "case-1";
    c.change.fields = {{"given_name", std::string("Edith")},
                       {"review_at_next_meeting", std::int64_t(1)},
                       {"closed_date", FieldValue()},
                       {"phone", std::string("spaces in it, and \"quotes\": 0117")}};
    setStamp(c.fieldStamps, "given_name", {{1600000000000, 0}, "site-b"});
    setStamp(c.fieldStamps, "review_at_next_meeting", {{1600000000000, 0}, "site-b"});
    setStamp(c.fieldStamps, "closed_date", {{1650000000000, 7}, "site-a"});
    setStamp(c.fieldStamps, "phone", {{1650000000000, 7}, "site-c"});
    SyncEntry a = c;
    a.change.kind = EntityKind::Action;
    a.change.entityId = "action-1";
    a.change.fields = {{"case_id", std::string("case-1")}};
    a.fieldStamps = {{"case_id", {{1600000000001, 0}, "site-b"}}};
    return {c, a};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snapshot_body)

BOOST_AUTO_TEST_CASE(records_read_back_as_written) {
    auto written = records();
    auto read = decodeSnapshotBody(encodeSnapshotBody(header(), written), header(), "chunk");
    BOOST_REQUIRE(read.size() == written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        BOOST_TEST(read[i].change.entityId == written[i].change.entityId);
        BOOST_TEST((read[i].change.kind == written[i].change.kind));
        BOOST_TEST((read[i].change.fields == written[i].change.fields));
        BOOST_TEST((read[i].change.hlc == written[i].change.hlc));
        BOOST_TEST(read[i].change.userName == "Sam Navigator");
        BOOST_TEST(read[i].change.siteId == "site-a");
        for (const auto& s : written[i].fieldStamps) {
            auto back = findStamp(read[i].fieldStamps, s.field);
            BOOST_REQUIRE(back);
            BOOST_TEST((*back == s.stamp));
        }
        BOOST_TEST(read[i].fieldStamps.size() == written[i].fieldStamps.size());
    }
    BOOST_TEST(decodeSnapshotBody(encodeSnapshotBody(header(), {}), header(), "chunk").empty());
}

BOOST_AUTO_TEST_CASE(a_body_out_of_shape_or_under_another_header_is_refused) {
    const auto body = encodeSnapshotBody(header(), records());
    auto kindOf = [&](const std::string& text, const SnapshotHeader& expected) {
        try {
            decodeSnapshotBody(text, expected, "chunk 3");
        } catch (const SyncError& e) {
            BOOST_TEST(std::string(e.what()).find("chunk 3") != std::string::npos);
            return e.kind();
        }
        BOOST_FAIL("read without complaint");
        return SyncError::Kind::Network;
    };
    BOOST_TEST((kindOf(body.substr(0, body.size() / 2), header()) == SyncError::Kind::Malformed));
    BOOST_TEST((kindOf("{\"entries\": []}", header()) == SyncError::Kind::Malformed));
    auto other = header();
    other.chunk = 4;
    BOOST_TEST((kindOf(body, other) == SyncError::Kind::Tampered));
    other = header();
    other.last = true;
    BOOST_TEST((kindOf(body, other) == SyncError::Kind::Tampered));
    // A record stamped with a site the table does not hold.
    auto bad = records();
    auto broken = encodeSnapshotBody(header(), bad);
    auto at = broken.find(".2");
    BOOST_REQUIRE(at != std::string::npos);
    broken[at + 1] = '9';
    BOOST_TEST((kindOf(broken, header()) == SyncError::Kind::Malformed));
}

BOOST_AUTO_TEST_SUITE_END()
