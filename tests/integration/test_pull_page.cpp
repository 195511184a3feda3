// The hub's answer to a pull, read in one pass: a page written as the hub writes it reads
// back envelope for envelope; a page out of shape is refused naming what, a page cut short
// is never half read.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "sync/envelope_codec.h"
#include "sync/json_reader.h"
#include "sync/pull_page_reader.h"
#include "sync/sync_crypto.h"

using namespace nmdt;
using namespace nmdt::integration;

namespace {

SealedEnvelope sealed(int n) {
    SealedEnvelope e;
    e.header = {"northvale", "site-" + std::to_string(n), 10 * n, 10 * n + 3, 0, "k1", {"*"}};
    e.nonce = std::string(kNonceBytes, static_cast<char>(n));
    e.ciphertext = "ciphertext \x01\xff of envelope " + std::to_string(n);
    e.tag = std::string(kTagBytes, '\x7f');
    e.signerCertificate = "-----BEGIN CERTIFICATE-----\nsite " + std::to_string(n) + "\n";
    e.signature = "signature " + std::to_string(n);
    e.hubSequence = 100 + n;
    e.hubTimeMs = 1700000000000 + n;
    e.hubReceipt = "receipt " + std::to_string(n);
    return e;
}

/// As HubService::pull writes a page: envelopes, then the hub certificates they name.
std::string page(const std::vector<SealedEnvelope>& envelopes, const std::vector<int>& certificate,
                 const std::vector<std::string>& certificates, bool more) {
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (std::size_t i = 0; i < envelopes.size(); ++i) {
        if (envelopes[i].leftOut) {
            list->add(leftOutEnvelopeToJson(envelopes[i]));
            continue;
        }
        auto o = envelopeToJson(envelopes[i]);
        if (certificate[i] >= 0)
            o->set("hubCertificate", certificate[i]);
        list->add(o);
    }
    answer->set("envelopes", list);
    Poco::JSON::Array::Ptr certs = new Poco::JSON::Array;
    for (const auto& c : certificates)
        certs->add(c);
    answer->set("hubCertificates", certs);
    answer->set("next", Poco::Int64(envelopes.empty() ? 7 : envelopes.back().hubSequence));
    answer->set("more", more);
    return stringify(answer);
}

std::string standardPage() {
    auto own = sealed(2);
    own.leftOut = true;
    return page({sealed(1), own, sealed(3)}, {0, -1, 1}, {"hub cert A", "hub cert B"}, true);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "the page holds " << from);
    return text.replace(at, from.size(), to);
}

std::string refusalOf(const std::string& text) {
    try {
        readPullPage(text);
    } catch (const SyncError& e) {
        BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(SyncError::Kind::Malformed));
        return e.what();
    }
    BOOST_FAIL("read without complaint");
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pull_page)

BOOST_AUTO_TEST_CASE(a_page_reads_back_as_the_hub_wrote_it) {
    const auto read = readPullPage(standardPage());
    BOOST_TEST(read.more);
    BOOST_TEST(read.next == 103);
    BOOST_REQUIRE(read.envelopes.size() == 3);
    for (int i : {0, 2}) {
        const auto& r = read.envelopes[static_cast<std::size_t>(i)];
        const auto w = sealed(i + 1);
        BOOST_TEST(r.header.site == w.header.site);
        BOOST_TEST(r.header.fromSequence == w.header.fromSequence);
        BOOST_TEST(r.header.throughSequence == w.header.throughSequence);
        BOOST_TEST((r.header.audience == w.header.audience));
        BOOST_TEST(r.header.keyId == "k1");
        BOOST_TEST(r.nonce == w.nonce);
        BOOST_TEST(r.ciphertext == w.ciphertext);
        BOOST_TEST(r.tag == w.tag);
        BOOST_TEST(r.signerCertificate == w.signerCertificate);
        BOOST_TEST(r.signature == w.signature);
        BOOST_TEST(r.hubSequence == w.hubSequence);
        BOOST_TEST(r.hubTimeMs == w.hubTimeMs);
        BOOST_TEST(r.hubReceipt == w.hubReceipt);
        BOOST_TEST(!r.leftOut);
    }
    BOOST_TEST(read.envelopes[0].hubCertificate == "hub cert A");
    BOOST_TEST(read.envelopes[2].hubCertificate == "hub cert B");
    const auto& own = read.envelopes[1];
    BOOST_TEST(own.leftOut);
    BOOST_TEST(own.header.site == "site-2");
    BOOST_TEST(own.hubSequence == 102);
    BOOST_TEST(own.ciphertext.empty());
    // An empty page, the last.
    const auto empty = readPullPage(page({}, {}, {}, false));
    BOOST_TEST(empty.envelopes.empty());
    BOOST_TEST(!empty.more);
    BOOST_TEST(empty.next == 7);
}

BOOST_AUTO_TEST_CASE(a_page_out_of_shape_is_refused_naming_what) {
    const auto text = standardPage();
    BOOST_TEST(refusalOf(replaced(text, "\"next\":103", "\"nxt\":103")).find("\"next\"") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"envelopes\":[", "\"envelopes\":{\"x\":["))
                   .find("no envelopes") != std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"hubCertificate\":1", "\"hubCertificate\":2"))
                   .find("envelope 2 of the hub's answer names a hub certificate") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"keyId\":\"k1\",", "")).find("envelope 0") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"signer\":", "\"singer\":")).find("\"signer\"") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"nonce\":\"AQEBAQEBAQEBAQEB\"", "\"nonce\":\"AQEB\""))
                   .find("wrong length") != std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"nonce\":\"AQEB", "\"nonce\":\"*QEB")).find("nonce") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"hubTime\":1700000000002,", "")).find("hubTime") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"leftOut\":true", "\"leftOut\":1")).find("leftOut") !=
               std::string::npos);
    BOOST_TEST(refusalOf(replaced(text, "\"from\":10,", "\"from\":13,")).find("impossible") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_page_cut_short_is_never_half_read) {
    const auto text = standardPage();
    std::size_t refused = 0;
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
        try {
            readPullPage(text.substr(0, cut));
            BOOST_FAIL("a cut at " << cut << " was read");
        } catch (const JsonReadError&) {
            ++refused;
        } catch (const SyncError& e) {
            // A cut inside base64 text may leave whole JSON with a short nonce and no more.
            BOOST_FAIL("a cut at " << cut << " was refused as " << e.what());
        }
    }
    BOOST_TEST(refused == text.size());
}

BOOST_AUTO_TEST_SUITE_END()
