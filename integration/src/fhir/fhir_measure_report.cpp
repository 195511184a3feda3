// The outcome measures as a FHIR R4 MeasureReport (type "summary") for the ICB.
#include <cmath>
#include <sstream>

#include "fhir_support.h"
#include "integration/fhir_exchange.h"

namespace nmdt::integration {

namespace {
using namespace fhir;

const std::string kUcum = "http://unitsofmeasure.org";
const std::string kPopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";
const std::string kDataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

/// The UCUM code for a measure's unit.
std::string ucumOf(const std::string& unit) {
    if (unit == "%")
        return "%";
    if (unit == "points")
        return "{score}";
    return "/a";  // per resident per year
}

/// The initial population: the residents behind the figure, or "masked" when suppressed.
Array::Ptr population(const std::optional<std::size_t>& residents) {
    auto p = object();
    p->set("code", codeable(kPopulationSystem, "initial-population", "Initial Population"));
    if (residents) {
        p->set("count", static_cast<int>(*residents));
    } else {
        auto masked = object();
        masked->set("url", kDataAbsentReason);
        masked->set("valueCode", "masked");
        auto extensions = array();
        extensions->add(masked);
        auto count = object();
        count->set("extension", extensions);
        p->set("_count", count);
    }
    auto out = array();
    out->add(p);
    return out;
}

void setScore(Object::Ptr target, const std::optional<double>& score, const std::string& unit) {
    if (!score)
        return;
    auto q = object();
    q->set("value", std::round(*score * 100.0) / 100.0);
    q->set("unit", unit);
    q->set("system", kUcum);
    q->set("code", ucumOf(unit));
    target->set("measureScore", q);
}

std::string stratifierCode(OutcomeBreakdown breakdown) {
    return std::string(codeOf(breakdown));
}

}  // namespace

std::string outcomeMeasureReportJson(const OutcomeMeasures& m, Timestamp now) {
    auto r = object();
    r->set("resourceType", "MeasureReport");
    r->set("id", derivedId("measure-report", m.reporterOdsCode + "@" + instant(now)));
    r->set("status", "complete");
    r->set("type", "summary");
    r->set("measure", kBase + "/Measure/neighbourhood-mdt-outcomes");
    r->set("date", instant(now));
    if (!m.reporterName.empty() || !m.reporterOdsCode.empty()) {
        auto reporter = object();
        if (!m.reporterOdsCode.empty()) {
            auto id = object();
            id->set("system", kOdsSystem);
            id->set("value", m.reporterOdsCode);
            reporter->set("identifier", id);
        }
        if (!m.reporterName.empty())
            reporter->set("display", m.reporterName);
        r->set("reporter", reporter);
    }
    auto period = object();
    period->set("start", toIsoDate(m.periodStart.ok() ? m.periodStart : m.asOf));
    period->set("end", toIsoDate(m.asOf));
    r->set("period", period);

    auto groups = array();
    for (const auto& measure : m.measures) {
        auto g = object();
        g->set("code", codeable(codeSystem("outcome-measure"), measure.code, measure.description));
        g->set("population", population(measure.residents));
        setScore(g, measure.score, measure.unit);
        auto stratifiers = array();
        for (const auto& [breakdown, strata] : measure.strata) {
            if (strata.empty())
                continue;
            auto s = object();
            auto codes = array();
            codes->add(codeable(codeSystem("outcome-breakdown"), stratifierCode(breakdown)));
            s->set("code", codes);
            auto list = array();
            for (const auto& stratum : strata) {
                auto one = object();
                one->set("value", breakdown == OutcomeBreakdown::Practice && stratum.code != "none"
                                      ? codeable(kOdsSystem, stratum.code, stratum.name)
                                      : textConcept(stratum.code));
                one->set("population", population(stratum.residents));
                setScore(one, stratum.score, measure.unit);
                list->add(one);
            }
            s->set("stratum", list);
            stratifiers->add(s);
        }
        if (stratifiers->size())
            g->set("stratifier", stratifiers);
        groups->add(g);
    }
    r->set("group", groups);
    std::ostringstream out;
    r->stringify(out, 1);
    return out.str();
}

}  // namespace nmdt::integration
