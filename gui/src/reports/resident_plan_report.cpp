#include "resident_plan_report.h"

#include <wx/intl.h>

#include "../formatting.h"
#include "../wx_text.h"

namespace nmdt::gui {

namespace {
std::string t(const wxString& s) {
    return fromWx(s);
}

std::string longDate(const std::optional<Date>& d) {
    return d && d->ok() ? fromWx(formatLongDate(*d)) : std::string();
}

/// How a goal is going, as the resident would say it.
std::string progressInPlainWords(const Goal& g) {
    std::string text;
    switch (g.progress) {
        case GoalProgress::NotStarted:
            text = t(_("Not started yet"));
            break;
        case GoalProgress::InProgress:
            text = t(_("Working on it"));
            break;
        case GoalProgress::Achieved:
            text = t(_("Done"));
            break;
        case GoalProgress::NotAchieved:
            text = t(_("Not done; we will talk about it"));
            break;
    }
    return g.progressNote.empty() ? text : text + ": " + g.progressNote;
}

/// "Gwen Pritchard, Age Well Together, 0113 496 0000".
std::string contactLine(const ProfessionalId& id, const DirectoryNames& names) {
    std::string line = names.professional(id);
    if (auto org = names.organisationOf(id); !org.empty())
        line += ", " + org;
    if (auto phone = names.phoneOf(id); !phone.empty())
        line += ", " + phone;
    return line;
}
}  // namespace

Report residentPlanReport(const CaseRecord& r, const CarePlanDocument& doc,
                          const DirectoryNames& names, const PrintContext& context,
                          ResidentCopyOptions options) {
    const CarePlan& plan = doc.plan;
    const Case& c = r.theCase;
    Report report;
    report.textScale = options.largePrint ? 16.0 / 9.5 : 1.0;
    report.title = t(_("My care and support plan"));
    report.subtitle = t(wxString::Format(_("Agreed with me on %s"), toWx(longDate(plan.agreedOn))));
    report.banner = bannerFor(c, context.today);
    report.footer = t(wxString::Format(_("Printed on %s by %s"), toWx(longDate(context.today)),
                                       toWx(context.printedBy)));
    auto& b = report.blocks;

    b.push_back(ReportBlock::heading(t(_("What matters to me"))));
    b.push_back(ReportBlock::paragraph(plan.whatMattersToMe.empty()
                                           ? t(_("We have not written this down yet."))
                                           : "\u201C" + plan.whatMattersToMe + "\u201D"));
    if (!plan.aboutMe.empty()) {
        b.push_back(ReportBlock::heading(t(_("About me"))));
        b.push_back(ReportBlock::paragraph(plan.aboutMe));
    }

    std::vector<std::vector<std::string>> goals;
    for (const auto& g : doc.goals)
        goals.push_back({g.description, longDate(g.targetDate), progressInPlainWords(g)});
    b.push_back(ReportBlock::heading(t(_("What I want to achieve"))));
    b.push_back(ReportBlock::table({t(_("My goal")), t(_("By when")), t(_("How it is going"))},
                                   {5, 3, 3}, goals, t(_("No goals written down yet."))));

    std::vector<std::vector<std::string>> support;
    for (const auto& n : doc.needs)
        support.push_back({needDomainName(n.domain),
                           n.plannedSupport.empty() ? n.description : n.plannedSupport});
    b.push_back(ReportBlock::heading(t(_("The help I will get"))));
    b.push_back(ReportBlock::table({t(_("Part of my life")), t(_("What will happen"))}, {2, 5},
                                   support, t(_("Nothing written down yet."))));

    if (doc.sectionsWithheld)
        b.push_back(ReportBlock::paragraph(
            t(_("Some parts of your plan are kept by your health team; your key worker can "
                "give you a copy with them."))));

    std::vector<std::vector<std::string>> steps;
    for (const auto& a : r.actions) {
        if (!isOpen(a.status))
            continue;
        std::string who =
            a.owner.empty() ? names.organisation(a.ownerOrganisation) : names.professional(a.owner);
        steps.push_back({a.title, who, longDate(a.dueDate)});
    }
    b.push_back(ReportBlock::heading(t(_("Who is doing what next"))));
    b.push_back(ReportBlock::table({t(_("What")), t(_("Who")), t(_("By when"))}, {5, 3, 3}, steps,
                                   t(_("Nothing planned at the moment."))));

    b.push_back(ReportBlock::heading(t(_("If things get worse"))));
    b.push_back(ReportBlock::paragraph(plan.contingencyPlan.empty()
                                           ? t(_("Call your key worker, or your GP practice."))
                                           : plan.contingencyPlan));

    std::vector<std::pair<std::string, std::string>> contacts;
    if (!c.keyWorker.empty())
        contacts.push_back({t(_("My key worker")), contactLine(c.keyWorker, names)});
    for (const auto& m : r.careTeam)
        if (m.active && m.professionalId != c.keyWorker)
            contacts.push_back({m.teamRole.empty() ? t(_("Also helping me")) : m.teamRole,
                                contactLine(m.professionalId, names)});
    for (const auto& person : r.contacts)
        if (person.isCarer || person.isNextOfKin)
            contacts.push_back(
                {person.isCarer ? t(_("My carer")) : t(_("My next of kin")),
                 person.name + (person.phone.empty() ? std::string() : ", " + person.phone)});
    b.push_back(ReportBlock::heading(t(_("People I can contact"))));
    if (contacts.empty())
        b.push_back(ReportBlock::paragraph(t(_("Ask your GP practice who to contact."))));
    else
        b.push_back(ReportBlock::fieldList(contacts));

    b.push_back(ReportBlock::heading(t(_("When we will look at this plan again"))));
    b.push_back(ReportBlock::paragraph(
        plan.reviewDate ? longDate(plan.reviewDate)
                        : t(_("We will agree a date with you at your next meeting."))));
    b.push_back(ReportBlock::paragraph(
        t(_("This plan is about you. If anything in it is wrong, or you want to change it, "
            "tell your key worker."))));
    return report;
}

}  // namespace nmdt::gui
