// Base64 as envelopes carry it: RFC 4648's test vectors both ways, and refusals of
// anything an encoder of ours would never write.
#include <boost/test/unit_test.hpp>

#include "model/sync_ports.h"
#include "sync/sync_crypto.h"

using namespace nmdt;
using namespace nmdt::integration;

BOOST_AUTO_TEST_SUITE(base64)

BOOST_AUTO_TEST_CASE(the_rfc_4648_vectors_encode_and_decode) {
    const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        BOOST_TEST(toBase64(plain) == encoded);
        BOOST_TEST(fromBase64(encoded, "vector") == plain);
    }
    std::string every;
    for (int i = 0; i < 256; ++i)
        every += static_cast<char>(i);
    for (std::size_t n = 0; n <= every.size(); n += 7)
        BOOST_TEST(fromBase64(toBase64(every.substr(0, n)), "bytes") == every.substr(0, n));
    BOOST_TEST(toBase64("\xfb\xff") == "+/8=");
}

BOOST_AUTO_TEST_CASE(anything_out_of_shape_is_refused_as_malformed) {
    auto malformed = [](const SyncError& e) { return e.kind() == SyncError::Kind::Malformed; };
    for (const char* bad : {"Zg=", "Zg", "Z===", "====", "Zm9v\n", "Zm 9",
                            "Zh==", "Zm9=", "Zm9vYg=a", "Zg==Zg==", "Zm-v", "Zm_v"})
        BOOST_CHECK_EXCEPTION(fromBase64(bad, "field"), SyncError, malformed);
}

BOOST_AUTO_TEST_SUITE_END()
