#include "integration/fhir_exchange.h"

namespace nmdt::integration {

namespace {
/// FHIR R4 Bundles as the application's exchange format.
class FhirFormat : public ExchangeFormat {
  public:
    std::string name() const override { return "FHIR R4"; }
    std::string fileExtension() const override { return "json"; }
    std::string caseDocument(const CaseTransfer& record, Timestamp now) const override {
        return caseBundleJson(record, now);
    }
    std::string meetingDocument(const MeetingOutcomes& outcomes, Timestamp now) const override {
        return meetingOutcomesBundleJson(outcomes, now);
    }
    std::string auditDocument(const AuditTransfer& audit, Timestamp now) const override {
        return auditEventBundleJson(audit, now);
    }
    std::string outcomeDocument(const OutcomeMeasures& measures, Timestamp now) const override {
        return outcomeMeasureReportJson(measures, now);
    }
    ReceivedRecord readCase(std::string_view document) const override {
        auto received = readCaseBundle(document);
        return {std::move(received.record), std::move(received.ignoredResourceTypes)};
    }
};
}  // namespace

std::shared_ptr<const ExchangeFormat> makeFhirFormat() {
    return std::make_shared<FhirFormat>();
}

}  // namespace nmdt::integration
