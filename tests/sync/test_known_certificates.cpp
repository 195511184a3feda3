// Certificates read once and checked once per sealer or hub, and a desktop's own
// certificate, key and TLS context read once per process: what is remembered never stands
// in for a different certificate or key, and dates are judged at every use.
#include <boost/test/unit_test.hpp>

#include <Poco/Crypto/X509Certificate.h>

#include <fstream>
#include <iterator>

#include "desktop_identity.h"
#include "known_certificates.h"
#include "model/sync_ports.h"
#include "sync_fixture.h"
#include "test_support.h"
#include "tls_setup.h"

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

/// A desktop's three files, copied where a test may replace them as a renewal would.
struct DesktopFiles {
    TempDir dir;
    integration::SyncCredentials credentials;

    explicit DesktopFiles(const std::string& site) {
        credentials.caFile = dir.file("ca.pem");
        credentials.certificateFile = dir.file("desktop.pem");
        credentials.privateKeyFile = dir.file("desktop.key");
        write(credentials.caFile, contentsOf(TestPki::instance().ca()));
        become(site);
    }
    /// The certificate and key of `site` in place of the current ones.
    void become(const std::string& site) {
        write(credentials.certificateFile, contentsOf(TestPki::instance().cert(site)));
        write(credentials.privateKeyFile, contentsOf(TestPki::instance().key(site)));
    }
    static void write(const std::string& path, const std::string& text) {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    }
};

SyncError::Kind identityRefusalOf(const integration::SyncCredentials& credentials,
                                  std::string& message) {
    try {
        integration::desktopIdentityOf(credentials);
    } catch (const SyncError& e) {
        message = e.what();
        return e.kind();
    }
    BOOST_FAIL("the identity was read");
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

BOOST_AUTO_TEST_CASE(a_desktop_reads_its_own_certificate_and_key_once) {
    DesktopFiles files("site4");
    const auto first = integration::desktopIdentityOf(files.credentials);
    BOOST_TEST(first->certificate->issuedByCa);
    BOOST_TEST(first->certificate->organisation == TestPki::organisationOfSite(4).str());
    BOOST_TEST(integration::desktopIdentityOf(files.credentials).get() == first.get());
    // The partners' set is the one this desktop keeps (see knownCertificatesOf).
    BOOST_TEST(first->partners.get() ==
               integration::knownCertificatesOf(
                   contentsOf(files.credentials.caFile), first->certificatePem,
                   [] {
                       BOOST_FAIL("the CA was read again");
                       return Poco::Crypto::X509Certificate(TestPki::instance().ca());
                   })
                   .get());
    // The same files under other names are the same identity.
    DesktopFiles copy("site4");
    BOOST_TEST(integration::desktopIdentityOf(copy.credentials).get() == first.get());
}

BOOST_AUTO_TEST_CASE(a_renewed_certificate_and_key_are_read_anew) {
    DesktopFiles files("site5");
    const auto before = integration::desktopIdentityOf(files.credentials);
    files.become("site1");
    const auto after = integration::desktopIdentityOf(files.credentials);
    BOOST_TEST(after.get() != before.get());
    BOOST_TEST(after->certificate->organisation == TestPki::organisationOfSite(1).str());
    BOOST_TEST(after->certificatePem == contentsOf(TestPki::instance().cert("site1")));
    // Only the key replaced (a certificate reissued for a new key would replace both; this
    // must still not sign with the old key).
    DesktopFiles::write(files.credentials.privateKeyFile,
                        contentsOf(TestPki::instance().key("site5")));
    BOOST_TEST(integration::desktopIdentityOf(files.credentials).get() != after.get());
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_read_is_named) {
    DesktopFiles files("site3");
    std::string message;
    std::filesystem::remove(pathFromUtf8(files.credentials.privateKeyFile));
    BOOST_TEST(static_cast<int>(identityRefusalOf(files.credentials, message)) ==
               static_cast<int>(SyncError::Kind::NotEnrolled));
    BOOST_TEST(message.find(files.credentials.privateKeyFile) != std::string::npos);
    files.become("site3");
    DesktopFiles::write(files.credentials.certificateFile, "not a certificate");
    BOOST_TEST(static_cast<int>(identityRefusalOf(files.credentials, message)) ==
               static_cast<int>(SyncError::Kind::NotEnrolled));
    BOOST_TEST(message.find(files.credentials.certificateFile) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_desktop_keeps_its_tls_context_until_its_files_change) {
    DesktopFiles files("site0");
    const auto& c = files.credentials;
    const auto first =
        integration::makeClientContext(c.privateKeyFile, c.certificateFile, c.caFile);
    BOOST_TEST(
        integration::makeClientContext(c.privateKeyFile, c.certificateFile, c.caFile).get() ==
        first.get());
    files.become("site2");
    BOOST_TEST(
        integration::makeClientContext(c.privateKeyFile, c.certificateFile, c.caFile).get() !=
        first.get());
    // Files that cannot be read are not remembered: the error names the problem every time.
    std::filesystem::remove(pathFromUtf8(c.privateKeyFile));
    for (int attempt = 0; attempt < 2; ++attempt)
        BOOST_CHECK_THROW(
            integration::makeClientContext(c.privateKeyFile, c.certificateFile, c.caFile),
            SyncError);
}

BOOST_AUTO_TEST_SUITE_END()
