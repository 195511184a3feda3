// One unambiguous date form everywhere: the date fields show and read "05-Oct-2025",
// whatever the computer's locale, and never guess the order of a typed date.
#include <boost/test/unit_test.hpp>

#include <wx/dateevt.h>
#include <wx/frame.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "gui_support.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::DateField;

BOOST_AUTO_TEST_SUITE(date_entry)

BOOST_AUTO_TEST_CASE(typed_dates_are_read_day_first_or_refused) {
    using nmdt::gui::parseDisplayDate;
    auto iso = [](const char* typed) {
        auto d = parseDisplayDate(typed);
        return d ? toIsoDate(*d) : std::string("refused");
    };
    BOOST_TEST(iso("05-Oct-2025") == "2025-10-05");
    BOOST_TEST(iso("5 oct 2025") == "2025-10-05");
    BOOST_TEST(iso("5 October 2025") == "2025-10-05");
    BOOST_TEST(iso("05/10/2025") == "2025-10-05");  // day first, as written in the UK
    BOOST_TEST(iso("2025-10-05") == "2025-10-05");
    BOOST_TEST(iso(" 29-Feb-2028 ") == "2028-02-29");
    BOOST_TEST(iso("29-Feb-2027") == "refused");
    BOOST_TEST(iso("13/13/2025") == "refused");
    BOOST_TEST(iso("5/10/25") == "refused");  // which century?
    BOOST_TEST(iso("Octember 5 2025") == "refused");
    BOOST_TEST(iso("") == "refused");
}

BOOST_AUTO_TEST_CASE(the_field_shows_the_display_form_and_marks_what_it_cannot_read) {
    auto* frame = new wxFrame(nullptr, wxID_ANY, "date");
    auto* field = new DateField(frame, wxID_ANY, nmdt::gui::toWxDate(day(2025, 10, 5)));
    int changes = 0;
    field->Bind(wxEVT_DATE_CHANGED, [&changes](wxDateEvent&) { ++changes; });
    frame->Show();
    settle();
    BOOST_TEST(field->text()->GetValue().utf8_string() == "05-Oct-2025");

    field->text()->ChangeValue("1/12/2026");
    field->commitTyping();
    BOOST_TEST(toIsoDate(nmdt::gui::fromWxDate(field->GetValue())) == "2026-12-01");
    BOOST_TEST(field->text()->GetValue().utf8_string() == "01-Dec-2026");
    BOOST_TEST(changes == 1);

    // Something unreadable stays as typed, marked, and the date stays what it was.
    field->text()->ChangeValue("31-Feb-2026");
    field->commitTyping();
    BOOST_TEST(field->hasTypingError());
    BOOST_TEST(field->text()->GetValue().utf8_string() == "31-Feb-2026");
    BOOST_TEST(toIsoDate(nmdt::gui::fromWxDate(field->GetValue())) == "2026-12-01");
    BOOST_TEST(changes == 1);
    screenshot(frame, "date-field-error");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
