#include "case_reports.h"

#include <algorithm>

#include <wx/intl.h>

#include "../formatting.h"
#include "../identity_text.h"
#include "../wording.h"
#include "../wx_text.h"
#include "model/nhs_number.h"

namespace nmdt::gui {

namespace {
/// "12 High Street, LS6 2AB", or just the one that is recorded.
std::string joinNonEmpty(const std::string& first, const std::string& second) {
    if (first.empty() || second.empty())
        return first + second;
    return first + ", " + second;
}

std::string t(const wxString& s) {
    return fromWx(s);
}

std::string dateText(const std::optional<Date>& d) {
    return d && d->ok() ? fromWx(formatDate(*d)) : std::string();
}

std::string ownerText(const Action& a, const DirectoryNames& names) {
    if (!a.owner.empty())
        return names.professionalWithOrganisation(a.owner);
    return names.organisation(a.ownerOrganisation);
}

std::string dueText(const Action& a, Date today) {
    if (!a.dueDate)
        return t(_("No due date"));
    std::string text = dateText(a.dueDate);
    if (a.isOverdue(today)) {
        int days = daysBetween(*a.dueDate, today);
        text += " " +
                t(wxString::Format(wxPLURAL("(OVERDUE %d day)", "(OVERDUE %d days)", days), days));
    }
    return text;
}

/// A review date, flagged when it has passed (an overdue review is a safety cue).
std::string reviewText(const std::optional<Date>& review, Date today) {
    std::string text = dateText(review);
    if (review && *review < today) {
        int days = daysBetween(*review, today);
        text +=
            " " +
            t(wxString::Format(
                wxPLURAL("(REVIEW OVERDUE by %d day)", "(REVIEW OVERDUE by %d days)", days), days));
    }
    return text;
}

/// A goal's target date, flagged when it has passed and the goal is still open.
std::string targetText(const Goal& g, Date today) {
    std::string text = dateText(g.targetDate);
    if (g.targetDate && *g.targetDate < today &&
        (g.progress == GoalProgress::NotStarted || g.progress == GoalProgress::InProgress))
        text += " " + t(_("(OVERDUE)"));
    return text;
}

ReportBlock actionsTable(const std::vector<Action>& actions, const DirectoryNames& names,
                         Date today, bool openOnly) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : actions) {
        if (openOnly && !isOpen(a.status))
            continue;
        rows.push_back({a.title + (a.detail.empty() ? "" : "\n" + a.detail), ownerText(a, names),
                        dueText(a, today),
                        std::string(codeOf(a.status)) +
                            (a.statusReason.empty() ? "" : ": " + a.statusReason)});
    }
    return ReportBlock::table({t(_("Action")), t(_("Who")), t(_("Due")), t(_("Status"))},
                              {5, 3, 2, 2}, rows, t(_("No actions.")));
}

ReportBlock careTeamTable(const CaseRecord& r, const DirectoryNames& names) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : r.careTeam)
        if (m.active)
            rows.push_back({names.professional(m.professionalId), m.teamRole,
                            names.organisationOf(m.professionalId)});
    for (const auto& c : r.contacts) {
        std::string role = c.relationship;
        if (c.isCarer)
            role += ", " + t(_("carer"));
        if (c.isNextOfKin)
            role += ", " + t(_("next of kin"));
        rows.push_back({c.name, role, c.phone});
    }
    return ReportBlock::table({t(_("Name")), t(_("Role")), t(_("Organisation or phone"))},
                              {4, 3, 4}, rows, t(_("No one recorded.")));
}

ReportBlock consentTable(const CaseRecord& r, const DirectoryNames& names) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.consents)
        rows.push_back({names.organisation(c.organisationId),
                        c.decision == ConsentDecision::Permit ? t(_("Agrees to share"))
                                                              : t(_("Does NOT agree to share")),
                        dateText(c.recordedOn) +
                            (c.recordedBy.empty() ? "" : ", " + names.professional(c.recordedBy)) +
                            " (" + t(describe(c.method)) + ")",
                        c.legalBasis});
    return ReportBlock::table(
        {t(_("Organisation")), t(_("Decision")), t(_("Recorded")), t(_("Legal basis"))},
        {4, 3, 3, 3}, rows, t(_("No consent recorded: share nothing until it is.")));
}
}  // namespace

std::string needDomainName(NeedDomain d) {
    switch (d) {
        case NeedDomain::PhysicalHealth:
            return t(_("Physical health"));
        case NeedDomain::MentalHealth:
            return t(_("Mental health"));
        case NeedDomain::Housing:
            return t(_("Housing"));
        case NeedDomain::MoneyAndDebt:
            return t(_("Money and debt"));
        case NeedDomain::Employment:
            return t(_("Employment"));
        case NeedDomain::SocialIsolation:
            return t(_("Social isolation"));
        case NeedDomain::CarersAndFamily:
            return t(_("Carers and family"));
        case NeedDomain::SubstanceUse:
            return t(_("Substance use"));
        case NeedDomain::Safety:
            return t(_("Safety"));
    }
    return {};
}

std::string goalProgressName(GoalProgress p) {
    switch (p) {
        case GoalProgress::NotStarted:
            return t(_("Not started"));
        case GoalProgress::InProgress:
            return t(_("In progress"));
        case GoalProgress::Achieved:
            return t(_("Achieved"));
        case GoalProgress::NotAchieved:
            return t(_("Not achieved"));
    }
    return {};
}

IdentityBanner bannerFor(const Case& c, Date today) {
    int age = daysBetween(c.resident.dateOfBirth, today) / 365;
    if (c.resident.dateOfBirth.ok()) {
        // Whole years, exact to the birthday.
        age = static_cast<int>(today.year()) - static_cast<int>(c.resident.dateOfBirth.year());
        if (Date{today.year(), c.resident.dateOfBirth.month(), c.resident.dateOfBirth.day()} >
            today)
            --age;
    }
    return {leftToRightLine(residentName(c.resident.familyName, c.resident.givenName)),
            dateText(c.resident.dateOfBirth) + " (" + std::to_string(age) + "y)",
            c.resident.identityProvisional() ? nhsNumberText({})
                                             : formatNhsNumber(c.resident.nhsNumber)};
}

Report carePlanReport(const CaseRecord& r, const CarePlanDocument& doc, const DirectoryNames& names,
                      const PrintContext& context) {
    const CarePlan& plan = doc.plan;
    Report report;
    report.title = t(_("Personalised care and support plan"));
    if (plan.status == PlanStatus::Draft)
        report.subtitle = t(wxString::Format(_("DRAFT version %d: not agreed"), plan.version));
    else
        report.subtitle = t(wxString::Format(_("Version %d, agreed %s by %s"), plan.version,
                                             toWx(dateText(plan.agreedOn)),
                                             toWx(names.professional(plan.agreedBy))));
    if (plan.status == PlanStatus::Superseded)
        report.subtitle += " " + t(_("(SUPERSEDED)"));
    report.banner = bannerFor(r.theCase, context.today);
    report.footer = t(wxString::Format(_("Printed %s by %s"), formatDateTime(context.printedAt),
                                       toWx(context.printedBy)));
    if (context.lastSynced)
        report.footer += t(wxString::Format(_(". Last synced with partners %s"),
                                            formatDateTime(*context.lastSynced)));
    else if (context.syncSetUp)
        report.footer += t(_(". NEVER synced: partners' changes missing"));
    else
        report.footer += t(_(". Not synced: partners' changes missing"));

    const Resident& p = r.theCase.resident;
    auto& b = report.blocks;
    b.push_back(ReportBlock::heading(t(_("About me"))));
    if (!plan.aboutMe.empty())
        b.push_back(ReportBlock::paragraph(plan.aboutMe));
    b.push_back(ReportBlock::fieldList(
        {{t(_("Address")), joinNonEmpty(p.address, p.postcode)},
         {t(_("Phone")), p.phone},
         {t(_("Preferred language")), p.preferredLanguage},
         {t(_("How to communicate with me")), p.communicationNeeds},
         {t(_("Key worker")), names.professionalWithOrganisation(r.theCase.keyWorker)}}));

    b.push_back(ReportBlock::heading(t(_("What matters to me"))));
    b.push_back(ReportBlock::paragraph(plan.whatMattersToMe.empty()
                                           ? t(_("Not recorded."))
                                           : "\u201C" + plan.whatMattersToMe + "\u201D"));

    std::vector<std::vector<std::string>> needRows;
    for (const auto& n : doc.needs)
        needRows.push_back({needDomainName(n.domain), n.description, n.plannedSupport});
    b.push_back(ReportBlock::heading(t(_("My needs and the support planned"))));
    b.push_back(ReportBlock::table({t(_("Area of my life")), t(_("Need")), t(_("Support planned"))},
                                   {2, 4, 4}, needRows, t(_("No needs recorded."))));
    if (doc.sectionsWithheld)
        b.push_back(ReportBlock::paragraph(
            t(_("Needs and goals about health, substance use and safety are not shown to "
                "voluntary-sector workers; ask the key worker if you need them."))));

    std::vector<std::vector<std::string>> goalRows;
    for (const auto& g : doc.goals)
        goalRows.push_back(
            {needDomainName(g.domain), g.description, targetText(g, context.today),
             goalProgressName(g.progress) + (g.progressNote.empty() ? "" : ": " + g.progressNote)});
    b.push_back(ReportBlock::heading(t(_("My goals, in my words"))));
    b.push_back(ReportBlock::table({t(_("Area")), t(_("Goal")), t(_("By")), t(_("Progress"))},
                                   {2, 5, 2, 3}, goalRows, t(_("No goals recorded."))));

    b.push_back(ReportBlock::heading(t(_("Planned actions"))));
    b.push_back(actionsTable(r.actions, names, context.today, true));

    b.push_back(ReportBlock::heading(t(_("If things go wrong: my contingency and crisis plan"))));
    b.push_back(ReportBlock::paragraph(plan.contingencyPlan.empty() ? t(_("Not recorded."))
                                                                    : plan.contingencyPlan));

    b.push_back(ReportBlock::heading(t(_("People involved in my care"))));
    b.push_back(careTeamTable(r, names));

    b.push_back(ReportBlock::heading(t(_("Consent for information sharing"))));
    b.push_back(consentTable(r, names));

    b.push_back(ReportBlock::heading(t(_("Review"))));
    b.push_back(ReportBlock::fieldList(
        {{t(_("Next review")), plan.status == PlanStatus::Agreed
                                   ? reviewText(plan.reviewDate, context.today)
                                   : dateText(plan.reviewDate)},
         {t(_("Plan version")), std::to_string(plan.version)}}));
    return report;
}

namespace {
/// The ONS4 score at referral, which the outcome reports measure change from, if held.
const WellbeingScore* baselineOf(const std::vector<WellbeingScore>& scores) {
    auto it = std::find_if(scores.begin(), scores.end(), [](const WellbeingScore& s) {
        return s.occasion == WellbeingOccasion::Referral;
    });
    return it == scores.end() ? nullptr : &*it;
}

/// Whether the baseline is held, near the top of the record where it is seen (the scores
/// themselves are further down).
std::string baselineText(const std::vector<WellbeingScore>& scores) {
    if (const auto* baseline = baselineOf(scores))
        return t(_("Recorded ")) + dateText(baseline->recordedOn);
    return t(_("Not recorded: Resident > Record Wellbeing (Ctrl+Shift+W)"));
}
}  // namespace

Report caseRecordReport(const CaseRecord& r, const DirectoryNames& names, Date today) {
    const Case& c = r.theCase;
    const Resident& p = c.resident;
    Report report;
    report.title = t(_("Case record"));
    report.banner = bannerFor(c, today);
    auto& b = report.blocks;
    b.push_back(ReportBlock::heading(t(_("Resident"))));
    if (p.identityProvisional())
        b.push_back(ReportBlock::paragraph(
            t(_("PROVISIONAL IDENTITY: no NHS number recorded yet. Check who this is with the "
                "resident at every contact; when the number is traced, record it (Resident > "
                "Record NHS Number)."))));
    b.push_back(ReportBlock::fieldList(
        {{t(_("Address")), joinNonEmpty(p.address, p.postcode)},
         {t(_("Registered GP practice")), p.registeredPractice.empty()
                                              ? t(_("Not known"))
                                              : names.organisation(p.registeredPractice)},
         {t(_("Phone")), p.phone},
         {t(_("Email")), p.email},
         {t(_("Preferred language")), p.preferredLanguage},
         {t(_("Communication needs")), p.communicationNeeds},
         {t(_("Case status")),
          c.status == CaseStatus::Open
              ? t(_("Open"))
              : t(_("Closed")) + ": " + c.closedReason + " (" + dateText(c.closedDate) + ")"}}));
    b.push_back(ReportBlock::heading(t(_("Referral"))));
    b.push_back(ReportBlock::fieldList(
        {{t(_("Referred by")), names.professionalWithOrganisation(c.referredBy)},
         {t(_("Date")), dateText(c.referralDate)},
         {t(_("Reason")), c.referralReason},
         {t(_("Urgency")), t(describe(c.urgency))},
         {t(_("Triage")), t(describe(c.triage)) +
                              (c.triagedBy.empty() ? std::string()
                                                   : " (" + names.professional(c.triagedBy) + ", " +
                                                         dateText(c.triagedOn) + ")") +
                              (c.triageNote.empty() ? std::string() : ": " + c.triageNote)},
         {t(_("MDT")), r.mdtSeries ? r.mdtSeries->name
                       : c.triage == Triage::AcceptedForMdt || c.triage == Triage::Pending
                           ? t(_("Whichever MDT meets first"))
                           : t(_("Not for the MDT"))},
         {t(_("Key worker")), names.professionalWithOrganisation(c.keyWorker)},
         {t(_("For review at next MDT")), c.reviewAtNextMeeting ? t(_("Yes")) : t(_("No"))},
         {t(_("Wellbeing at referral")), baselineText(r.wellbeing)}}));
    b.push_back(ReportBlock::heading(t(_("Consent for information sharing"))));
    b.push_back(consentTable(r, names));
    b.push_back(ReportBlock::heading(t(_("Care team, carers and next of kin"))));
    b.push_back(careTeamTable(r, names));

    b.push_back(ReportBlock::heading(t(_("Care plan"))));
    const CarePlan* agreed = nullptr;
    for (const auto& plan : r.plans)
        if (plan.status == PlanStatus::Agreed)
            agreed = &plan;
    std::vector<std::vector<std::string>> versions;
    for (const auto& plan : r.plans)
        versions.push_back({std::to_string(plan.version), std::string(codeOf(plan.status)),
                            dateText(plan.agreedOn),
                            plan.status == PlanStatus::Agreed ? reviewText(plan.reviewDate, today)
                                                              : dateText(plan.reviewDate)});
    if (agreed) {
        if (agreed->reviewDate && *agreed->reviewDate < today)
            b.push_back(ReportBlock::paragraph(t(_("Care plan review OVERDUE: due ")) +
                                               dateText(agreed->reviewDate) + "."));
        b.push_back(ReportBlock::paragraph(t(_("What matters to me: ")) + "\u201C" +
                                           agreed->whatMattersToMe + "\u201D"));
    }
    b.push_back(
        ReportBlock::table({t(_("Version")), t(_("Status")), t(_("Agreed")), t(_("Review"))},
                           {1, 2, 2, 2}, versions, t(_("No care plan yet."))));

    b.push_back(ReportBlock::heading(t(_("Wellbeing (ONS4, 0 to 10)"))));
    // Without the score at referral this resident's wellbeing cannot count in the outcome
    // reports, so the record asks for it.
    if (!baselineOf(r.wellbeing) && !r.wellbeing.empty())
        b.push_back(ReportBlock::paragraph(
            t(_("No score at referral: outcome reports measure change from it. Record it with "
                "Resident > Record Wellbeing (Ctrl+Shift+W)."))));
    std::vector<std::vector<std::string>> scores;
    for (auto s = r.wellbeing.rbegin(); s != r.wellbeing.rend(); ++s)
        scores.push_back(
            {dateText(s->recordedOn),
             s->occasion == WellbeingOccasion::Referral ? t(_("At referral")) : t(_("Review")),
             std::to_string(s->lifeSatisfaction), std::to_string(s->worthwhile),
             std::to_string(s->happiness), std::to_string(s->anxiety)});
    b.push_back(ReportBlock::table(
        {t(_("Recorded")), t(_("Occasion")), t(_("Life satisfaction")), t(_("Worthwhile")),
         t(_("Happiness")), t(_("Anxiety"))},
        {2, 2, 2, 2, 2, 2}, scores,
        t(_("No wellbeing score yet. Record the baseline at referral with Resident > Record "
            "Wellbeing (Ctrl+Shift+W): outcome reports measure change from it."))));

    b.push_back(ReportBlock::heading(t(_("Actions"))));
    b.push_back(actionsTable(r.actions, names, today, false));

    std::vector<std::vector<std::string>> timeline;
    for (const auto& d : r.discussions)
        timeline.push_back({dateText(d.meeting.date), d.item.discussion, d.item.decision});
    b.push_back(ReportBlock::heading(t(_("MDT discussions"))));
    b.push_back(ReportBlock::table({t(_("Meeting")), t(_("Discussion")), t(_("Decision"))},
                                   {2, 5, 4}, timeline, t(_("Not discussed at an MDT yet."))));
    return report;
}

std::string reportToHtml(const Report& report) {
    auto esc = [](const std::string& s) {
        std::string out;
        for (char ch : s) {
            switch (ch) {
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '&':
                    out += "&amp;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\n':
                    out += "<br>";
                    break;
                default:
                    out += ch;
            }
        }
        return out;
    };
    std::string html = "<html><body>";
    for (const auto& b : report.blocks) {
        switch (b.kind) {
            case ReportBlock::Kind::Heading:
                html += "<h3><font color=\"#005EB8\">" + esc(b.text) + "</font></h3>";
                break;
            case ReportBlock::Kind::Paragraph:
                html += "<p>" + esc(b.text) + "</p>";
                break;
            case ReportBlock::Kind::Fields:
                html += "<table cellspacing=\"0\" cellpadding=\"3\">";
                for (const auto& [label, value] : b.fields)
                    html += "<tr><td valign=\"top\" width=\"180\"><b>" + esc(label) +
                            "</b></td><td>" + esc(value.empty() ? "\u2014" : value) + "</td></tr>";
                html += "</table>";
                break;
            case ReportBlock::Kind::Table:
                html +=
                    "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"3\"><tr "
                    "bgcolor=\"#E8EDEE\">";
                for (const auto& col : b.columns)
                    html += "<th align=\"left\">" + esc(col) + "</th>";
                html += "</tr>";
                if (b.rows.empty())
                    html += "<tr><td colspan=\"" + std::to_string(b.columns.size()) + "\"><i>" +
                            esc(b.emptyText) + "</i></td></tr>";
                for (const auto& row : b.rows) {
                    html += "<tr>";
                    for (const auto& cell : row) {
                        bool alert = cell.find("OVERDUE") != std::string::npos;
                        html += "<td valign=\"top\">" +
                                std::string(alert ? "<font color=\"#D5281B\"><b>" : "") +
                                esc(cell) + (alert ? "</b></font>" : "") + "</td>";
                    }
                    html += "</tr>";
                }
                html += "</table>";
                break;
        }
    }
    return html + "</body></html>";
}

}  // namespace nmdt::gui
