// The Crypto port on OpenSSL, against published test vectors (FIPS 180-4, RFC 4231,
// RFC 7914, the PBKDF2-HMAC-SHA512 vectors of RFC 6070's form, and GCM's test case 16).
#include <boost/test/unit_test.hpp>

#include "crypto/openssl_crypto.h"

using namespace nmdt;

namespace {
const Crypto& c() {
    return crypto::openSsl();
}
std::string hex(std::string_view s) {
    return *fromHex(s);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(crypto_port)

BOOST_AUTO_TEST_CASE(sha256_matches_the_fips_vectors) {
    BOOST_TEST(sha256Hex(c(), "") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(sha256Hex(c(), "abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(sha256Hex(c(), "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BOOST_TEST(sha256Hex(c(), std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc_4231) {
    BOOST_TEST(toHex(c().hmacSha256(std::string(20, '\x0b'), "Hi There")) ==
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    BOOST_TEST(toHex(c().hmacSha256("Jefe", "what do ya want for nothing?")) ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(scrypt_matches_rfc_7914) {
    KdfParams tiny{KdfAlgorithm::Scrypt, 16, 1, 1};
    BOOST_TEST(toHex(c().deriveKey("", "", tiny, 64).reveal()) ==
               "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
               "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    KdfParams p16{KdfAlgorithm::Scrypt, 1024, 8, 16};
    BOOST_TEST(toHex(c().deriveKey("password", "NaCl", p16, 64).reveal()) ==
               "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
               "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
}

BOOST_AUTO_TEST_CASE(pbkdf2_sha512_matches_the_published_vector) {
    KdfParams one{KdfAlgorithm::Pbkdf2Sha512, 1, 0, 0};
    BOOST_TEST(toHex(c().deriveKey("password", "salt", one, 64).reveal()) ==
               "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
               "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
}

BOOST_AUTO_TEST_CASE(aes_gcm_opens_test_case_16_and_refuses_any_change) {
    SecretBytes key(hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"));
    std::string plain = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
        "49a6b525b16aedf5aa0de657ba637b39");
    std::string aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    std::string sealed = hex(
        "cafebabefacedbaddecaf888"
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10"
        "56828838c5f61e6393ba7a0abcc9f662"
        "76fc6ece0f4e1768cddf8853bb2d551b");
    auto opened = c().unseal(key, sealed, aad);
    BOOST_REQUIRE(opened);
    BOOST_TEST(opened->reveal() == plain);

    std::string flipped = sealed;
    flipped[20] = static_cast<char>(flipped[20] ^ 1);
    BOOST_TEST(!c().unseal(key, flipped, aad));
    BOOST_TEST(!c().unseal(key, sealed, aad + "x"));
    SecretBytes other(std::string(32, '\x01'));
    BOOST_TEST(!c().unseal(other, sealed, aad));
    BOOST_TEST(!c().unseal(key, sealed.substr(0, 20), aad));
}

BOOST_AUTO_TEST_CASE(sealing_uses_a_fresh_nonce_and_round_trips) {
    SecretBytes key(c().randomBytes(32));
    auto a = c().seal(key, "the data key", "slot 1");
    auto b = c().seal(key, "the data key", "slot 1");
    BOOST_TEST(a != b);
    BOOST_TEST(c().unseal(key, a, "slot 1")->reveal() == "the data key");
    BOOST_TEST(!c().unseal(key, a, "slot 2"));
    BOOST_TEST(c().randomBytes(32) != c().randomBytes(32));
}

BOOST_AUTO_TEST_CASE(hex_and_comparison_helpers) {
    BOOST_TEST(toHex("\x01\xab") == "01ab");
    BOOST_TEST(*fromHex("01AB") == "\x01\xab");
    BOOST_TEST(!fromHex("abc"));
    BOOST_TEST(!fromHex("zz"));
    BOOST_TEST(constantTimeEqual("abc", "abc"));
    BOOST_TEST(!constantTimeEqual("abc", "abd"));
    BOOST_TEST(!constantTimeEqual("abc", "ab"));
}

BOOST_AUTO_TEST_SUITE_END()
