#include <boost/test/unit_test.hpp>

#include <random>

#include "model/change_set.h"
#include "model/entity_mapping.h"

using namespace nmdt;

BOOST_AUTO_TEST_SUITE(change_encoding)

BOOST_AUTO_TEST_CASE(round_trips_any_text_exactly) {
    FieldList fields{
        {"name", std::string("O'Brien; DROP TABLE cases;--")},
        {"emoji", std::string("\xF0\x9F\x98\x80 \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7")},
        {"colons", std::string("3:abc5:x")},
        {"empty", std::string("")},
        {"nul", std::string("a\0b", 3)},
        {"n", std::monostate{}},
        {"i", std::int64_t{-9007199254740993}}};
    BOOST_TEST((decodeFields(encodeFields(fields)) == fields));
}

BOOST_AUTO_TEST_CASE(round_trips_random_byte_strings) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        FieldList fields;
        int n = static_cast<int>(rng() % 6);
        for (int i = 0; i < n; ++i) {
            std::string value(rng() % 40, '\0');
            for (auto& c : value)
                c = static_cast<char>(rng() % 256);
            fields.push_back({"f" + std::to_string(i), value});
        }
        BOOST_TEST((decodeFields(encodeFields(fields)) == fields));
    }
}

BOOST_AUTO_TEST_CASE(refuses_truncated_or_altered_data) {
    std::string good = encodeFields({{"title", std::string("Housing referral")}});
    for (std::size_t cut = 1; cut < good.size(); ++cut)
        BOOST_CHECK_THROW(decodeFields(good.substr(0, cut)), MalformedChangeData);
    BOOST_CHECK_THROW(decodeFields("5:titlex3:abc"), MalformedChangeData);
    BOOST_CHECK_THROW(decodeFields("5:titlei3:1x3"), MalformedChangeData);
    BOOST_CHECK_THROW(decodeFields("99999999999:x"), MalformedChangeData);
    BOOST_CHECK_THROW(decodeFields("0:s1:a"), MalformedChangeData);
}

BOOST_AUTO_TEST_CASE(every_mapped_field_is_in_the_schema_and_round_trips) {
    Action a;
    a.id = ActionId("a1");
    a.caseId = CaseId("c1");
    a.title = "Book benefits review";
    a.dueDate = parseIsoDate("2026-12-01");
    a.status = ActionStatus::OnHold;
    a.priority = Priority::Urgent;
    a.createdAt = fromMillis(1700000000000);
    auto fields = toFields(a);
    auto schema = entityFieldNames(EntityKind::Action);
    BOOST_TEST(fields.size() == schema.size());
    for (std::size_t i = 0; i < fields.size(); ++i)
        BOOST_TEST(fields[i].name == schema[i]);
    Action back = fromRow<Action>("a1", Record(fields));
    BOOST_TEST((toFields(back) == fields));
    BOOST_TEST((back.status == ActionStatus::OnHold));
}

BOOST_AUTO_TEST_CASE(changed_fields_lists_only_differences) {
    Case before;
    before.resident.givenName = "Siân";
    Case after = before;
    after.resident.familyName = "Jones";
    auto diff = changedFields(toFields(before), toFields(after));
    BOOST_REQUIRE(diff.size() == 1u);
    BOOST_TEST(diff[0].name == "family_name");
}

BOOST_AUTO_TEST_CASE(update_with_no_fields_is_dropped) {
    ChangeSet cs("noop");
    cs.update(EntityKind::Case, "c1", {});
    BOOST_TEST(cs.empty());
}

BOOST_AUTO_TEST_SUITE_END()
