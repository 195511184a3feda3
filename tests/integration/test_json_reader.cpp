// The one-pass JSON reader: every value and escape the writer produces reads back; anything
// that is not strict JSON is refused with where it went wrong, never half read.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <limits>

#include "sync/json_reader.h"
#include "sync/json_writer.h"

using namespace nmdt::integration;
using Type = JsonReader::Type;

namespace {

/// Reads `text` as one value of any shape, to the end.
void readWhole(const std::string& text) {
    JsonReader r(text);
    r.skipValue();
    r.finish();
}

bool refused(const std::string& text) {
    try {
        readWhole(text);
    } catch (const JsonReadError&) {
        return true;
    }
    return false;
}

std::string stringOf(const std::string& json) {
    JsonReader r(json);
    auto s = r.readString();
    r.finish();
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_reader)

BOOST_AUTO_TEST_CASE(objects_and_arrays_are_read_member_by_member) {
    JsonReader r(R"( { "a" : [1, -2, "x", null, true, false, {"n": {}}], "b": [] } )");
    BOOST_TEST((r.peek() == Type::Object));
    r.beginObject();
    std::string name;
    BOOST_TEST(r.nextMember(name));
    BOOST_TEST(name == "a");
    r.beginArray();
    BOOST_TEST(r.nextElement());
    BOOST_TEST(r.readInt() == 1);
    BOOST_TEST(r.nextElement());
    BOOST_TEST(r.readInt() == -2);
    BOOST_TEST(r.nextElement());
    BOOST_TEST(r.readString() == "x");
    BOOST_TEST(r.nextElement());
    BOOST_TEST((r.peek() == Type::Null));
    r.readNull();
    BOOST_TEST(r.nextElement());
    BOOST_TEST(r.readBool());
    BOOST_TEST(r.nextElement());
    BOOST_TEST(!r.readBool());
    BOOST_TEST(r.nextElement());
    r.skipValue();
    BOOST_TEST(!r.nextElement());
    BOOST_TEST(r.nextMember(name));
    BOOST_TEST(name == "b");
    r.beginArray();
    BOOST_TEST(!r.nextElement());
    BOOST_TEST(!r.nextMember(name));
    r.finish();
}

BOOST_AUTO_TEST_CASE(text_reads_back_byte_for_byte_through_the_writer) {
    const std::string samples[] = {
        "",
        "plain",
        "quotes \" and \\ backslashes / slashes",
        "lines\nand\ttabs\r\b\f",
        std::string("control \x01\x1f and a nul ") + '\0' + " inside",
        "Zoë O'Brien-Ńowak, 日本, 😀",
        "\xff\xfe bytes that are not UTF-8 are kept as they are",
    };
    for (const auto& s : samples) {
        std::string json;
        appendJson(json, s);
        BOOST_TEST(stringOf(json) == s);
    }
    BOOST_TEST(stringOf(R"("\u00e9\u65e5\ud83d\ude00\u0041")") == "é日😀A");
    BOOST_TEST(stringOf(R"("\/")") == "/");
}

BOOST_AUTO_TEST_CASE(broken_text_is_refused) {
    for (const char* bad :
         {R"("no end)", R"("\x")", R"("\u12")", R"("\u12g4")", R"("\ud83d")", R"("\ud83dx")",
          R"("\ud83d\u0041")", R"("\ude00")", "\"tab\tinside\"", "\"line\ninside\""})
        BOOST_TEST(refused(bad), bad);
}

BOOST_AUTO_TEST_CASE(whole_numbers_to_the_limits_of_64_bits_and_no_further) {
    auto intOf = [](const std::string& json) {
        JsonReader r(json);
        auto v = r.readInt();
        r.finish();
        return v;
    };
    BOOST_TEST(intOf("0") == 0);
    BOOST_TEST(intOf("-0") == 0);
    BOOST_TEST(intOf("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(intOf("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
    // Numbers JSON allows, but not whole or not within 64 bits, are told apart from broken
    // text (a member of the wrong kind, not an answer cut short).
    for (const char* notWhole :
         {"9223372036854775808", "-9223372036854775809", "1.5", "1e3", "1E+2", "-0.5"})
        BOOST_CHECK_THROW(intOf(notWhole), JsonNotWholeError);
    for (const char* broken : {"01", "-", "+1", "0x10", "1.", "1.e3", "-x"}) {
        try {
            intOf(broken);
            BOOST_FAIL(broken << " was read");
        } catch (const JsonNotWholeError&) {
            BOOST_FAIL(broken << " was taken for a number");
        } catch (const JsonReadError&) {
        }
    }
    // Skipped numbers may have fractions and exponents, as JSON allows.
    for (const char* fine : {"1.5", "-0.25e-3", "1E+2", "123456789012345678901234567890"})
        BOOST_TEST(!refused(fine), fine);
    for (const char* bad : {"01", "1.", ".5", "1e", "-", "--1", "1.e3"})
        BOOST_TEST(refused(bad), bad);
}

BOOST_AUTO_TEST_CASE(what_is_not_strict_json_is_refused) {
    for (const char* bad : {"", "   ", "{", "}", "[1,]", "[,1]", R"({"a":1,})", R"({,"a":1})",
                            R"({"a" 1})", R"({a:1})", "[1 2]", "tru", "nul", "True", "[1]]",
                            "{} {}", R"({"a":1}x)", "'text'", "[1,,2]"})
        BOOST_TEST(refused(bad), bad);
    // The same faults met member by member rather than skipped.
    auto membersOf = [](const std::string& json) {
        JsonReader r(json);
        r.beginObject();
        std::string name;
        while (r.nextMember(name))
            r.skipValue();
        r.finish();
    };
    BOOST_CHECK_NO_THROW(membersOf(R"({"a":1,"b":[2]})"));
    for (const char* bad : {R"({"a":1,})", R"({"a":1 "b":2})", R"({"a":1}})", R"({"a":1)"})
        BOOST_CHECK_THROW(membersOf(bad), JsonReadError);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_without_exhausting_the_stack) {
    BOOST_TEST(!refused(std::string(60, '[') + std::string(60, ']')));
    BOOST_TEST(refused(std::string(100000, '[') + std::string(100000, ']')));
    BOOST_TEST(refused(std::string(100000, '[')));
    const auto deep = std::string(100, '[') + std::string(100, ']');
    JsonReader r(deep);
    BOOST_CHECK_THROW(
        {
            for (int i = 0; i < 100; ++i)
                r.beginArray();
        },
        JsonReadError);
}

BOOST_AUTO_TEST_CASE(every_cut_of_a_document_is_refused_and_says_where) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("text", std::string("a \"quoted\" word, é and \x01"));
    o->set("number", Poco::Int64(-1234567890123));
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    a->add(true);
    a->add(Poco::Dynamic::Var());
    a->add(std::string("\xf0\x9f\x98\x80"));
    o->set("list", a);
    std::string json;
    appendJson(json, o);
    BOOST_TEST(!refused(json));
    for (std::size_t cut = 0; cut < json.size(); ++cut) {
        try {
            readWhole(json.substr(0, cut));
            BOOST_FAIL("a cut at " << cut << " was read: " << json.substr(0, cut));
        } catch (const JsonReadError& e) {
            BOOST_TEST(std::string(e.what()).find("at byte") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
