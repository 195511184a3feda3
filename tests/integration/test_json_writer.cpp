// The JSON writer every sync request, answer and envelope body goes through: what Poco's
// parser reads back must be what was written, for every character a string can hold.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "sync/json_writer.h"

using namespace nmdt::integration;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {
std::string written(const Poco::Dynamic::Var& v) {
    std::string out;
    appendJson(out, v);
    return out;
}
Object::Ptr readBack(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Object::Ptr>();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(every_character_of_a_string_reads_back_as_written) {
    std::string every;
    for (int c = 1; c < 128; ++c)
        every += static_cast<char>(c);
    every += "Siân Ó Súilleabháin – ✓ 𝄞";
    Object::Ptr o = new Object;
    o->set("text", every);
    o->set("quote\"and\\slash", std::string("a/b"));
    o->set("empty", std::string());
    const auto text = written(o);
    auto back = readBack(text);
    BOOST_TEST(back->getValue<std::string>("text") == every);
    BOOST_TEST(back->getValue<std::string>("quote\"and\\slash") == "a/b");
    BOOST_TEST(back->getValue<std::string>("empty").empty());
    BOOST_TEST(text.find('\n') == std::string::npos);  // control characters are escaped
}

BOOST_AUTO_TEST_CASE(numbers_booleans_nulls_arrays_and_objects_read_back) {
    Object::Ptr inner = new Object;
    inner->set("n", Poco::Int64(-1764590000123456LL));
    inner->set("u", Poco::UInt64(18446744073709551615ULL));
    inner->set("i", 42);
    inner->set("yes", true);
    inner->set("no", false);
    inner->set("half", 0.5);
    inner->set("nothing", Poco::Dynamic::Var());
    Array::Ptr list = new Array;
    list->add(inner);
    list->add(std::string("x"));
    list->add(7);
    list->add(Array::Ptr(new Array));
    Object::Ptr o = new Object;
    o->set("list", list);
    o->set("object", Object::Ptr(new Object));
    auto back = readBack(written(o));
    auto l = back->getArray("list");
    BOOST_REQUIRE(l->size() == 4u);
    auto b = l->getObject(0);
    BOOST_TEST(b->getValue<Poco::Int64>("n") == -1764590000123456LL);
    BOOST_TEST(b->getValue<Poco::UInt64>("u") == 18446744073709551615ULL);
    BOOST_TEST(b->getValue<int>("i") == 42);
    BOOST_TEST(b->getValue<bool>("yes"));
    BOOST_TEST(!b->getValue<bool>("no"));
    BOOST_TEST(b->getValue<double>("half") == 0.5);
    BOOST_TEST(b->isNull("nothing"));
    BOOST_TEST(l->getElement<std::string>(1) == "x");
    BOOST_TEST(l->getElement<int>(2) == 7);
    BOOST_TEST(l->getArray(3)->size() == 0u);
    BOOST_TEST(back->getObject("object")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
