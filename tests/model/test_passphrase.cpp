#include <boost/test/unit_test.hpp>

#include "model/passphrase.h"

using namespace nmdt;
using V = PassphraseVerdict;

BOOST_AUTO_TEST_SUITE(passphrase)

BOOST_AUTO_TEST_CASE(judges_new_passphrases) {
    BOOST_TEST((assessPassphrase("short1!") == V::TooShort));
    BOOST_TEST((assessPassphrase("aaaaaaaaaaaaaaaa") == V::TooRepetitive));
    BOOST_TEST((assessPassphrase("Password1234") == V::TooCommon));
    BOOST_TEST((assessPassphrase("riversidesurg") == V::TooSimple));
    BOOST_TEST((assessPassphrase("Riverside-2026x") == V::Acceptable));
    BOOST_TEST((assessPassphrase("kettle on the stove, always") == V::Acceptable));
}

BOOST_AUTO_TEST_CASE(the_ncsc_deny_list_is_checked_in_any_case) {
    // Long enough and mixed enough, but seen in breaches (NCSC's top 100,000 from Have I
    // Been Pwned): refused whatever the case.
    BOOST_TEST((assessPassphrase("qwerty123456") == V::TooCommon));
    BOOST_TEST((assessPassphrase("QWERTY123456") == V::TooCommon));
    BOOST_TEST((assessPassphrase("1q2w3e4r5t6y") == V::TooCommon));
    BOOST_TEST((assessPassphrase("Correct Horse Battery Staple") == V::TooCommon));
    BOOST_TEST((assessPassphrase("qwerty1234567x") != V::TooCommon));
}

BOOST_AUTO_TEST_CASE(throttle_slows_repeated_failures) {
    UnlockThrottle t;
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(t.delayBeforeNextAttempt().count() == 0);
        t.recordFailure();
    }
    BOOST_TEST(t.delayBeforeNextAttempt().count() == 1000);
    t.recordFailure();
    BOOST_TEST(t.delayBeforeNextAttempt().count() == 2000);
    for (int i = 0; i < 20; ++i)
        t.recordFailure();
    BOOST_TEST(t.delayBeforeNextAttempt().count() == 60000);
    t.recordSuccess();
    BOOST_TEST(t.delayBeforeNextAttempt().count() == 0);
}

BOOST_AUTO_TEST_CASE(wipe_clears_the_secret) {
    Passphrase p("a secret phrase");
    p.wipe();
    BOOST_TEST(p.empty());
}

BOOST_AUTO_TEST_SUITE_END()
