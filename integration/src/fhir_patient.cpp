#include "integration/fhir_patient.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace nmdt::integration {

namespace {
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}
}  // namespace

std::string patientResourceJson(const Case& c) {
    const Resident& r = c.resident;
    auto patient = object();
    patient->set("resourceType", "Patient");
    patient->set("id", c.id.str());

    auto meta = object();
    Array::Ptr profiles = new Array;
    profiles->add(kUkCorePatientProfile);
    meta->set("profile", profiles);
    patient->set("meta", meta);

    auto identifier = object();
    identifier->set("system", kNhsNumberSystem);
    identifier->set("value", r.nhsNumber);
    Array::Ptr identifiers = new Array;
    identifiers->add(identifier);
    patient->set("identifier", identifiers);

    auto name = object();
    name->set("use", "official");
    name->set("family", r.familyName);
    Array::Ptr given = new Array;
    given->add(r.givenName);
    name->set("given", given);
    Array::Ptr names = new Array;
    names->add(name);
    patient->set("name", names);

    if (r.dateOfBirth.ok())
        patient->set("birthDate", toIsoDate(r.dateOfBirth));
    if (!r.phone.empty()) {
        auto phone = object();
        phone->set("system", "phone");
        phone->set("value", r.phone);
        Array::Ptr telecom = new Array;
        telecom->add(phone);
        patient->set("telecom", telecom);
    }
    if (!r.address.empty() || !r.postcode.empty()) {
        auto address = object();
        address->set("use", "home");
        if (!r.address.empty())
            address->set("text", r.address);
        if (!r.postcode.empty())
            address->set("postalCode", r.postcode);
        Array::Ptr addresses = new Array;
        addresses->add(address);
        patient->set("address", addresses);
    }
    if (!r.preferredLanguage.empty()) {
        auto language = object();
        language->set("text", r.preferredLanguage);
        auto communication = object();
        communication->set("language", language);
        communication->set("preferred", true);
        Array::Ptr communications = new Array;
        communications->add(communication);
        patient->set("communication", communications);
    }
    std::ostringstream out;
    patient->stringify(out, 2);
    return out.str();
}

}  // namespace nmdt::integration
