// Certificates read once and checked once per sealer or hub: what is remembered never
// stands in for a different certificate, and dates are judged at every use.
#include <boost/test/unit_test.hpp>

#include <Poco/Crypto/X509Certificate.h>

#include <fstream>
#include <iterator>

#include "known_certificates.h"
#include "model/sync_ports.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;
using integration::KnownCertificates;

namespace {

std::string contentsOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

KnownCertificates checkedAgainstTheTeamCa() {
    return KnownCertificates(Poco::Crypto::X509Certificate(TestPki::instance().ca()));
}

SyncError::Kind refusalOf(const KnownCertificates& known, const std::string& pem,
                          std::optional<std::int64_t> atMs = std::nullopt) {
    try {
        known.trusted(pem, "the test message", atMs);
    } catch (const SyncError& e) {
        return e.kind();
    }
    BOOST_FAIL("the certificate was trusted");
    return SyncError::Kind::Malformed;
}

constexpr std::int64_t kYear2200Ms = 7258118400000;

}  // namespace

BOOST_AUTO_TEST_SUITE(known_certificates)

BOOST_AUTO_TEST_CASE(a_certificate_is_read_once_and_its_dates_judged_at_every_use) {
    const auto known = checkedAgainstTheTeamCa();
    const auto pem = contentsOf(TestPki::instance().cert("site0"));
    const auto first = known.trusted(pem, "envelope 1");
    BOOST_TEST(first->issuedByCa);
    BOOST_TEST(first->organisation == TestPki::organisationOfSite(0).str());
    BOOST_TEST(known.read(pem, "envelope 2").get() == first.get());
    // Remembered as issued by the CA, yet not in date two centuries on.
    BOOST_TEST(static_cast<int>(refusalOf(known, pem, kYear2200Ms)) ==
               static_cast<int>(SyncError::Kind::Untrusted));
    BOOST_CHECK_NO_THROW(known.trusted(pem, "envelope 3"));
}

BOOST_AUTO_TEST_CASE(a_certificate_from_another_ca_is_refused_every_time) {
    const auto known = checkedAgainstTheTeamCa();
    const auto intruder = contentsOf(TestPki::instance().intruderCert());
    for (int use = 0; use < 2; ++use)
        BOOST_TEST(static_cast<int>(refusalOf(known, intruder)) ==
                   static_cast<int>(SyncError::Kind::Untrusted));
    BOOST_TEST(!known.read(intruder, "the intruder's envelope")->issuedByCa);
}

BOOST_AUTO_TEST_CASE(a_different_certificate_is_never_taken_for_one_read_before) {
    const auto known = checkedAgainstTheTeamCa();
    const auto site0 = contentsOf(TestPki::instance().cert("site0"));
    const auto site1 = contentsOf(TestPki::instance().cert("site1"));
    const auto a = known.trusted(site0, "envelope 1");
    const auto b = known.trusted(site1, "envelope 2");
    BOOST_TEST(a->fingerprint != b->fingerprint);
    BOOST_TEST(a->subject != b->subject);
    // One character of the signature changed: it is read anew and no longer the CA's.
    auto altered = site0;
    const auto at = altered.rfind("-----END") - 10;
    altered[at] = altered[at] == 'A' ? 'B' : 'A';
    const auto kind = refusalOf(known, altered);
    BOOST_TEST((kind == SyncError::Kind::Untrusted || kind == SyncError::Kind::Malformed));
    BOOST_TEST(known.read(site0, "envelope 3").get() == a.get());
}

BOOST_AUTO_TEST_CASE(text_that_is_no_certificate_is_called_malformed) {
    const auto known = checkedAgainstTheTeamCa();
    BOOST_TEST(static_cast<int>(refusalOf(known, "not a certificate")) ==
               static_cast<int>(SyncError::Kind::Malformed));
    BOOST_TEST(static_cast<int>(refusalOf(known, "")) ==
               static_cast<int>(SyncError::Kind::Malformed));
}

BOOST_AUTO_TEST_CASE(each_desktop_keeps_what_it_checked_from_one_sync_to_the_next) {
    const auto ca = contentsOf(TestPki::instance().ca());
    const auto site2 = contentsOf(TestPki::instance().cert("site2"));
    const auto site3 = contentsOf(TestPki::instance().cert("site3"));
    int caReads = 0;
    auto loadCa = [&] {
        ++caReads;
        return Poco::Crypto::X509Certificate(TestPki::instance().ca());
    };
    const auto firstRun = integration::knownCertificatesOf(ca, site2, loadCa);
    const auto nextRun = integration::knownCertificatesOf(ca, site2, loadCa);
    BOOST_TEST(firstRun.get() == nextRun.get());
    BOOST_TEST(caReads == 1);
    // Another desktop in the same process (a test, a bench) keeps its own.
    const auto other = integration::knownCertificatesOf(ca, site3, loadCa);
    BOOST_TEST(other.get() != firstRun.get());
    // A CA replaced under the same desktop certificate is a different set.
    const auto replacedCa = integration::knownCertificatesOf(
        contentsOf(TestPki::instance().intruderCert()), site2, loadCa);
    BOOST_TEST(replacedCa.get() != firstRun.get());
    BOOST_TEST(caReads == 3);
}

BOOST_AUTO_TEST_SUITE_END()
