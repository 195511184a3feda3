#define BOOST_TEST_MODULE nmdt_integration_tests
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>

#include "integration/fhir_patient.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using Poco::JSON::Object;

BOOST_AUTO_TEST_SUITE(fhir_patient)

BOOST_AUTO_TEST_CASE(renders_a_uk_core_patient_that_parses_back) {
    Case c;
    c.id = CaseId("0f8fad5b-d9cb-469f-a165-70867728950e");
    c.resident = resident("Łucja \"Lucy\"", "Wójcik-O'Brien", "9434765919");
    c.resident.phone = "07700 900123";
    std::string json = integration::patientResourceJson(c);

    auto parsed = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
    BOOST_TEST(parsed->getValue<std::string>("resourceType") == "Patient");
    BOOST_TEST(
        looksLikeUuid(parsed->getValue<std::string>("id")));  // stable, derived from the case
    auto identifier = parsed->getArray("identifier")->getObject(0);
    BOOST_TEST(identifier->getValue<std::string>("system") == "https://fhir.nhs.uk/Id/nhs-number");
    BOOST_TEST(identifier->getValue<std::string>("value") == "9434765919");
    auto name = parsed->getArray("name")->getObject(0);
    BOOST_TEST(name->getValue<std::string>("family") == "Wójcik-O'Brien");
    BOOST_TEST(name->getArray("given")->getElement<std::string>(0) == "Łucja \"Lucy\"");
    BOOST_TEST(parsed->getValue<std::string>("birthDate") == "1948-03-14");
    BOOST_TEST(parsed->getArray("address")->getObject(0)->getValue<std::string>("postalCode") ==
               "RS1 2AB");
    BOOST_TEST(parsed->getObject("meta")->getArray("profile")->getElement<std::string>(0) ==
               "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient");
}

BOOST_AUTO_TEST_CASE(leaves_out_what_is_not_known) {
    Case c;
    c.id = CaseId("c1");
    c.resident.nhsNumber = "9912003888";
    c.resident.givenName = "A";
    c.resident.familyName = "B";
    auto parsed =
        Poco::JSON::Parser().parse(integration::patientResourceJson(c)).extract<Object::Ptr>();
    BOOST_TEST(!parsed->has("telecom"));
    BOOST_TEST(!parsed->has("address"));
    BOOST_TEST(!parsed->has("birthDate"));
    BOOST_TEST(!parsed->has("communication"));
}

BOOST_AUTO_TEST_SUITE_END()
