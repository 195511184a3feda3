#include "meeting_reports.h"

#include <wx/intl.h>

#include "../formatting.h"
#include "../identity_text.h"
#include "../wording.h"
#include "../wx_text.h"
#include "model/nhs_number.h"

namespace nmdt::gui {

namespace {
std::string t(const wxString& s) {
    return fromWx(s);
}

/// "Took part with a carer; agreed the plan; given a copy" (or that they did not).
std::string residentPartText(const ResidentVoice& v) {
    std::string text =
        v.residentAttended
            ? (v.carerAttended ? t(_("Took part, with a carer or family")) : t(_("Took part")))
            : (v.carerAttended ? t(_("Not present; a carer or family took part"))
                               : t(_("Not present")));
    text += "; " + (v.agreedPlan ? t(_("agreed the plan")) : t(_("plan not agreed with them")));
    if (v.copyGiven)
        text += "; " + t(_("given a copy"));
    return text;
}

std::string firstLetter(const std::string& name) {
    wxString w = toWx(name).Trim(false);
    return w.empty() ? std::string() : fromWx(w.Left(1).Upper());
}

std::string meetingLine(const Meeting& m) {
    std::string line = fromWx(formatDate(m.date)) + " " + m.startTime;
    if (!m.place.empty())
        line += ", " + m.place;
    return line;
}

std::string attendanceText(Attendance a) {
    switch (a) {
        case Attendance::NeedsAction:
            return t(_("Invited"));
        case Attendance::Accepted:
            return t(_("Accepted"));
        case Attendance::Declined:
            return t(_("Declined"));
        case Attendance::Tentative:
            return t(_("Tentative"));
        case Attendance::Attended:
            return t(_("Attended"));
        case Attendance::Absent:
            return t(_("Absent"));
    }
    return {};
}

ReportBlock participantsTable(const Meeting& m, const MeetingReader& meetings,
                              const DirectoryNames& names) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : meetings.participants(m.id))
        rows.push_back({names.organisation(p.organisationId), names.professional(p.professionalId),
                        attendanceText(p.attendance)});
    return ReportBlock::table({t(_("Organisation")), t(_("Person")), t(_("Attendance"))}, {4, 3, 2},
                              rows, t(_("No one invited yet.")));
}

/// Initials and NHS number of the resident on an agenda item.
std::pair<std::string, std::string> identifiers(const CaseReader& cases, const CaseId& id) {
    auto c = cases.caseById(id);
    if (!c)
        return {"?", ""};
    // Isolated, so Arabic or Hebrew initials never reverse the number beside them.
    return {isolated(initialsOf(c->resident)), nhsNumberText(c->resident.nhsNumber)};
}
}  // namespace

std::string initialsOf(const Resident& r) {
    std::string out;
    for (const std::string& part : {r.givenName, r.familyName}) {
        std::string letter = firstLetter(part);
        if (!letter.empty())
            out += letter + ".";
    }
    return out;
}

std::string agendaReasonText(const std::string& reason) {
    if (reason == "open-actions")
        return t(_("Open actions"));
    if (reason == "overdue-actions")
        return t(_("Overdue actions"));
    if (reason == "review-due")
        return t(_("Review due"));
    if (reason == "new-referral")
        return t(_("New referral"));
    if (reason == "added-by-chair")
        return t(_("Added by the chair"));
    return reason;
}

Report agendaReport(const Meeting& m, const MeetingSources& sources, const std::string& printedBy,
                    Timestamp printedAt) {
    DirectoryNames names(sources.directory);
    Report report;
    // Each MDT's own name ("Frailty MDT agenda"), the neighbourhood's for the rest.
    report.title = t(wxString::Format(
        _("%s agenda"), m.title.empty() ? wxString(_("Neighbourhood MDT")) : toWx(m.title)));
    report.subtitle = meetingLine(m);
    report.footer =
        t(wxString::Format(_("Printed %s by %s. Confidential: residents are identified by initials "
                             "and NHS number only."),
                           formatDateTime(printedAt), toWx(printedBy)));
    auto& b = report.blocks;
    b.push_back(ReportBlock::fieldList(
        {{t(_("Date and time")), fromWx(formatDate(m.date)) + " " + m.startTime},
         {t(_("Place")), m.place},
         {t(_("Online")), m.link},
         {t(_("Chair")), names.professionalWithOrganisation(m.chair)}}));
    b.push_back(ReportBlock::heading(t(_("Invited"))));
    b.push_back(participantsTable(m, sources.meetings, names));
    std::vector<std::vector<std::string>> rows;
    int number = 0, minutes = 0;
    for (const auto& item : sources.meetings.agenda(m.id)) {
        if (item.removed)
            continue;
        auto [initials, nhs] = identifiers(sources.cases, item.caseId);
        std::string notes = item.forInformationOnly ? t(_("For information")) : std::string();
        if (item.carriedForward)
            notes += std::string(notes.empty() ? "" : "; ") + t(_("Carried forward"));
        rows.push_back({std::to_string(++number), initials, nhs, agendaReasonText(item.reason),
                        std::to_string(item.minutesAllotted), notes});
        minutes += item.minutesAllotted;
    }
    b.push_back(
        ReportBlock::heading(t(wxString::Format(_("Cases (%d, %d minutes)"), number, minutes))));
    b.push_back(ReportBlock::table(
        {"#", t(_("Resident")), t(_("NHS number")), t(_("Reason")), t(_("Min")), t(_("Notes"))},
        {1, 2, 3, 4, 1, 3}, rows, t(_("No cases on the agenda yet."))));
    return report;
}

Report minutesReport(const Meeting& m, const MeetingSources& sources, const std::string& printedBy,
                     Timestamp printedAt) {
    DirectoryNames names(sources.directory);
    Report report;
    report.title = t(wxString::Format(
        _("%s minutes"), m.title.empty() ? wxString(_("Neighbourhood MDT")) : toWx(m.title)));
    report.subtitle =
        meetingLine(m) +
        (m.status == MeetingStatus::Closed ? "" : " " + t(_("(DRAFT: meeting not closed)")));
    report.footer = t(wxString::Format(_("Printed %s by %s. Confidential."),
                                       formatDateTime(printedAt), toWx(printedBy)));
    auto& b = report.blocks;
    b.push_back(ReportBlock::fieldList(
        {{t(_("Chair")), names.professionalWithOrganisation(m.chair)},
         {t(_("Started")), m.openedAt ? fromWx(formatDateTime(*m.openedAt)) : ""},
         {t(_("Closed")), m.closedAt ? fromWx(formatDateTime(*m.closedAt)) : ""}}));
    b.push_back(ReportBlock::heading(t(_("Attendance"))));
    b.push_back(participantsTable(m, sources.meetings, names));
    ActionQuery raisedHere;
    raisedHere.meetingId = m.id;
    raisedHere.limit = 10000;
    auto actions = sources.actions.actions(raisedHere);
    // Each resident discussed gets a section whose heading, record and actions start on
    // one page; those listed but not discussed share one compact table at the end.
    int number = 0;
    std::vector<std::vector<std::string>> notDiscussed;
    for (const auto& item : sources.meetings.agenda(m.id)) {
        if (item.removed)
            continue;
        auto [initials, nhs] = identifiers(sources.cases, item.caseId);
        ++number;
        std::vector<std::vector<std::string>> rows;
        for (const auto& a : actions)
            if (a.caseId == item.caseId)
                rows.push_back({a.title,
                                a.owner.empty() ? names.organisation(a.ownerOrganisation)
                                                : names.professionalWithOrganisation(a.owner),
                                a.dueDate ? fromWx(formatDate(*a.dueDate)) : t(_("No due date")),
                                fromWx(describe(a.priority))});
        if (!item.discussed && rows.empty()) {
            notDiscussed.push_back(
                {std::to_string(number), initials, nhs, agendaReasonText(item.reason)});
            continue;
        }
        b.push_back(ReportBlock::heading(
            leftToRightLine(std::to_string(number) + ". " + initials + "  " + nhs)));
        std::vector<std::pair<std::string, std::string>> fields = {
            {t(_("Reason")), agendaReasonText(item.reason)},
            {t(_("Discussion")), item.discussed ? item.discussion : t(_("Not discussed"))},
            {t(_("Decision")), item.decision}};
        if (!item.planChanges.empty())
            fields.push_back({t(_("Care plan changes")), item.planChanges});
        // Said only where the chair recorded it (nothing ticked reads as not recorded).
        if (item.voice != ResidentVoice())
            fields.push_back({t(_("Resident's part")), residentPartText(item.voice)});
        if (rows.empty())
            fields.push_back({t(_("Actions arising")), t(_("None"))});
        b.push_back(ReportBlock::fieldList(std::move(fields)));
        if (!rows.empty()) {
            b.back().keepWithNext = true;
            b.push_back(ReportBlock::table(
                {t(_("Action arising")), t(_("Owner")), t(_("Due")), t(_("Priority"))},
                {5, 4, 2, 2}, rows, {}));
        }
    }
    if (!notDiscussed.empty()) {
        b.push_back(ReportBlock::heading(
            t(wxString::Format(_("Listed but not discussed (%zu)"), notDiscussed.size()))));
        b.push_back(ReportBlock::table({"#", t(_("Resident")), t(_("NHS number")), t(_("Reason"))},
                                       {1, 2, 3, 4}, notDiscussed, {}));
    }
    return report;
}

}  // namespace nmdt::gui
