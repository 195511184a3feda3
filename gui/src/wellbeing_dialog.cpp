#include "wellbeing_dialog.h"

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "dialog_checks.h"
#include "formatting.h"
#include "identity_text.h"
#include "labelled.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {

/// The questions as the ONS asks them.
wxString questionText(std::size_t question) {
    switch (question) {
        case 0:
            return _("Overall, how satisfied are you with your life nowadays?");
        case 1:
            return _(
                "Overall, to what extent do you feel that the things you do in your life "
                "are worthwhile?");
        case 2:
            return _("Overall, how happy did you feel yesterday?");
        default:
            break;
    }
    return _(
        "On a scale where 0 is \"not at all anxious\" and 10 is \"completely anxious\", "
        "overall, how anxious did you feel yesterday?");
}

std::optional<int> answerOf(const wxTextCtrl* text) {
    long value = 0;
    wxString typed = text->GetValue();
    typed.Trim().Trim(false);
    if (typed.empty() || !typed.ToLong(&value) || value < kWellbeingMin || value > kWellbeingMax)
        return std::nullopt;
    return static_cast<int>(value);
}

}  // namespace

wxString wellbeingQuestionName(std::size_t question) {
    static const std::array<wxString, 4> names{_("Life satisfaction"), _("Worthwhile"),
                                               _("Happiness"), _("Anxiety")};
    return names.at(question);
}

WellbeingDialog::WellbeingDialog(wxWindow* parent, const Resident& resident,
                                 const std::vector<WellbeingScore>& earlier, Date today)
    : wxDialog(parent, wxID_ANY,
               wxString::Format(_("Wellbeing (ONS4): %s"),
                                toWx(residentName(resident.familyName, resident.givenName)))) {
    SetName("WellbeingDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // Who it is for, in the dialog itself: a title bar is easy to miss (wrong-patient, H45).
    identity_ =
        new wxStaticText(this, wxID_ANY,
                         toWx(leftToRightLine(residentLabel(resident))) + "    " +
                             wxString::Format(_("born %s"), formatDate(resident.dateOfBirth)));
    identity_->SetName(_("Resident"));
    identity_->SetFont(identity_->GetFont().Bold().Larger());
    sizer->Add(identity_, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));

    history_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(620, 120)),
                              wxLC_REPORT | wxLC_SINGLE_SEL);
    history_->SetName(_("Earlier scores"));
    history_->AppendColumn(_("Date"));
    history_->AppendColumn(_("When"));
    for (std::size_t q = 0; q < 4; ++q)
        history_->AppendColumn(wellbeingQuestionName(q), wxLIST_FORMAT_RIGHT);
    bool baselineHeld = false;
    for (const auto& s : earlier) {
        long row = history_->InsertItem(history_->GetItemCount(), formatDate(s.recordedOn));
        const bool atReferral = s.occasion == WellbeingOccasion::Referral;
        baselineHeld = baselineHeld || atReferral;
        history_->SetItem(row, 1, atReferral ? _("At referral") : _("Review"));
        const std::array<int, 4> values{s.lifeSatisfaction, s.worthwhile, s.happiness, s.anxiety};
        for (int q = 0; q < 4; ++q)
            history_->SetItem(row, q + 2, wxString::Format("%d", values[q]));
    }
    for (int c = 0; c < 6; ++c)
        history_->SetColumnWidth(c, wxLIST_AUTOSIZE_USEHEADER);
    sizer->Add(new wxStaticText(
                   this, wxID_ANY,
                   earlier.empty() ? _("No score recorded yet.") : _("Scores recorded before:")),
               0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    sizer->Add(history_, 0, wxEXPAND | wxALL, FromDIP(12));

    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(0);
    occasion_ = new wxChoice(this, wxID_ANY);
    occasion_->Append(_("At referral (the baseline)"));
    occasion_->Append(_("Review"));
    occasion_->SetSelection(baselineHeld ? 1 : 0);
    grid->Add(labelFor(this, _("&When:"), occasion_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(occasion_);
    date_ = new DateField(this, wxID_ANY, toWxDate(today));
    grid->Add(labelFor(this, _("&Date asked:"), date_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(date_);
    const std::array<wxString, 4> mnemonics{_("&1 "), _("&2 "), _("&3 "), _("&4 ")};
    for (std::size_t q = 0; q < 4; ++q) {
        auto* answer =
            new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(60, -1)));
        answer->SetName(wellbeingQuestionName(q));
        answer->SetHint(_("0-10"));
        answer->SetMaxLength(2);
        auto* label = labelFor(this, mnemonics[q] + questionText(q), answer);
        label->Wrap(FromDIP(520));
        grid->Add(label, 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(answer);
        answers_[q] = answer;
    }
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Read each question as written; the answer is 0 (not at all) "
                                  "to 10 (completely).")),
               0, wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));
    problems_ = problemText(this);
    sizer->Add(problems_, 0, wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    date_->guardOk(this);
    closeOnlyWhen(this, [this] { return validate(); });
    answers_[0]->SetFocus();
}

bool WellbeingDialog::validate() {
    wxString missing;
    for (std::size_t q = 0; q < 4; ++q)
        if (!answerOf(answers_[q]))
            missing += (missing.empty() ? "" : ", ") + wellbeingQuestionName(q);
    if (missing.empty()) {
        problems_->SetLabel({});
        return true;
    }
    problems_->SetLabel(
        wxString::Format(_("Answer each question with a whole number from 0 to 10: %s."), missing));
    Layout();
    Fit();
    for (auto* a : answers_)
        if (!answerOf(a)) {
            a->SetFocus();
            break;
        }
    return false;
}

wxString WellbeingDialog::identity() const {
    return identity_->GetLabel();
}

wxString WellbeingDialog::problems() const {
    return problems_->GetLabel();
}

WellbeingScore WellbeingDialog::score() const {
    WellbeingScore s;
    s.occasion =
        occasion_->GetSelection() == 0 ? WellbeingOccasion::Referral : WellbeingOccasion::Review;
    s.recordedOn = fromWxDate(date_->GetValue());
    int* values[] = {&s.lifeSatisfaction, &s.worthwhile, &s.happiness, &s.anxiety};
    for (std::size_t q = 0; q < 4; ++q)
        *values[q] = answerOf(answers_[q]).value_or(-1);
    return s;
}

}  // namespace nmdt::gui
