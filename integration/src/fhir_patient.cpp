#include "integration/fhir_patient.h"

#include <sstream>

#include "fhir/fhir_resources.h"

namespace nmdt::integration {

std::string patientResourceJson(const Case& c) {
    std::ostringstream out;
    fhir::patientResource(c, {})->stringify(out, 2);
    return out.str();
}

}  // namespace nmdt::integration
