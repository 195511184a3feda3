#include <boost/test/unit_test.hpp>

#include "model/nhs_number.h"

using namespace nmdt;

BOOST_AUTO_TEST_SUITE(nhs_number)

BOOST_AUTO_TEST_CASE(accepts_the_published_valid_examples) {
    BOOST_TEST(!NhsNumber::check("9434765919"));
    BOOST_TEST(!NhsNumber::check("9912003888"));
    BOOST_TEST(NhsNumber::parse("943 476 5919").digits() == "9434765919");
    BOOST_TEST(NhsNumber::parse("943-476-5919").formatted() == "943 476 5919");
}

BOOST_AUTO_TEST_CASE(refuses_a_wrong_check_digit) {
    BOOST_TEST((NhsNumber::check("4123456879") == ErrorCode::NhsNumberChecksum));
    BOOST_TEST((NhsNumber::check("9434765918") == ErrorCode::NhsNumberChecksum));
}

BOOST_AUTO_TEST_CASE(refuses_numbers_whose_check_digit_would_be_ten) {
    // 1000000010: weights give sum 10+..., find a nine-digit stem with c == 10.
    std::string stem;
    for (int n = 100000000; n < 100001000; ++n) {
        stem = std::to_string(n);
        if (!NhsNumber::checkDigit(stem))
            break;
    }
    BOOST_REQUIRE(!NhsNumber::checkDigit(stem));
    for (char d = '0'; d <= '9'; ++d)
        BOOST_TEST((NhsNumber::check(stem + d) == ErrorCode::NhsNumberChecksum));
}

BOOST_AUTO_TEST_CASE(refuses_repeated_digits_even_though_the_checksum_passes) {
    BOOST_TEST(NhsNumber::checkDigit("000000000").value() == 0);
    BOOST_TEST((NhsNumber::check("0000000000") == ErrorCode::NhsNumberRepeatedDigits));
    BOOST_TEST((NhsNumber::check("1111111111") == ErrorCode::NhsNumberRepeatedDigits));
}

BOOST_AUTO_TEST_CASE(refuses_malformed_text_with_a_format_code) {
    for (const char* bad : {"", "943476591", "94347659190", "94347659l9", "9434 765919",
                            "943 4765919", "943-476 5919", " 9434765919", "٩٤٣٤٧٦٥٩١٩"})
        BOOST_TEST((NhsNumber::check(bad) == ErrorCode::NhsNumberFormat), bad);
}

BOOST_AUTO_TEST_CASE(parse_throws_a_domain_error_naming_the_field) {
    try {
        NhsNumber::parse("4123456879");
        BOOST_FAIL("expected a DomainError");
    } catch (const DomainError& e) {
        BOOST_TEST(e.problems().size() == 1u);
        BOOST_TEST(e.problems()[0].field == "nhsNumber");
        BOOST_TEST(e.has(ErrorCode::NhsNumberChecksum));
    }
}

BOOST_AUTO_TEST_CASE(recognises_the_test_range) {
    BOOST_TEST(!NhsNumber::parse("9434765919").isTestNumber());
    auto check = NhsNumber::checkDigit("999000001");
    BOOST_REQUIRE(check);
    BOOST_TEST(NhsNumber::parse("999000001" + std::to_string(*check)).isTestNumber());
}

BOOST_AUTO_TEST_SUITE_END()
