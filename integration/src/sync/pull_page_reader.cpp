#include "pull_page_reader.h"

#include <optional>

#include "sync_crypto.h"
#include "sync_json_members.h"

namespace nmdt::integration {

namespace {

constexpr const char* kAnswer = "the hub's answer";

/// One envelope of the page and, when it names one, the index of its hub certificate (the
/// page lists those after the envelopes).
struct PageEntry {
    SealedEnvelope envelope;
    std::optional<std::int64_t> hubCertificate;
};

std::string base64Member(JsonReader& json, const char* member, const std::string& what) {
    return fromBase64(textMember(json, member, what), what + "'s " + member);
}

PageEntry readEnvelope(JsonReader& json, const std::string& what) {
    if (json.peek() != JsonReader::Type::Object)
        throw malformedMessage(what, "it is not an object");
    RequiredMembers sealedParts{"nonce", "ciphertext", "tag", "signer", "signature"};
    RequiredMembers hubStamps{"sequence", "hubTime"};
    HeaderMembers header;
    PageEntry entry;
    auto& e = entry.envelope;
    bool leftOut = false;
    json.beginObject();
    std::string name;
    while (json.nextMember(name)) {
        if (header.read(json, name, what))
            continue;
        if (name == "nonce") {
            e.nonce = base64Member(json, "nonce", what);
        } else if (name == "ciphertext") {
            e.ciphertext = base64Member(json, "ciphertext", what);
        } else if (name == "tag") {
            e.tag = base64Member(json, "tag", what);
        } else if (name == "signer") {
            e.signerCertificate = textMember(json, "signer", what);
        } else if (name == "signature") {
            e.signature = base64Member(json, "signature", what);
        } else if (name == "sequence") {
            e.hubSequence = wholeMember(json, "sequence", what);
        } else if (name == "hubTime") {
            e.hubTimeMs = wholeMember(json, "hubTime", what);
        } else if (name == "hubReceipt") {
            e.hubReceipt =
                fromBase64(textMember(json, "hubReceipt", what), what + "'s hub receipt");
        } else if (name == "hubCertificate") {
            entry.hubCertificate = wholeMember(json, "hubCertificate", what);
        } else if (name == "leftOut") {
            if (json.peek() != JsonReader::Type::Boolean)
                throw malformedMessage(what, "\"leftOut\" is not true or false");
            leftOut = json.readBool();
        } else {
            json.skipValue();
        }
        sealedParts.saw(name);
        hubStamps.saw(name);
    }
    e.header = header.header(what, what);
    if (leftOut) {
        // The reader's own envelope: header and hub stamps, nothing sealed.
        hubStamps.require(what, what);
        SealedEnvelope own;
        own.header = std::move(e.header);
        own.hubSequence = e.hubSequence;
        own.hubTimeMs = e.hubTimeMs;
        own.leftOut = true;
        return {std::move(own), std::nullopt};
    }
    sealedParts.require(what, what);
    if (e.nonce.size() != kNonceBytes || e.tag.size() != kTagBytes)
        throw malformedMessage(what, "its nonce or tag has the wrong length");
    if (hubStamps.has("sequence") && !hubStamps.has("hubTime"))
        throw malformedMessage(what, "\"hubTime\" is missing or not a whole number");
    return entry;
}

}  // namespace

PullPage readPullPage(const std::string& text) {
    JsonReader json(text);
    PullPage page;
    std::optional<std::vector<PageEntry>> entries;
    std::vector<std::string> certificates;
    bool hasNext = false;
    json.beginObject();
    std::string name;
    while (json.nextMember(name)) {
        if (name == "next") {
            page.next = wholeMember(json, "next", kAnswer);
            hasNext = true;
        } else if (name == "more") {
            if (json.peek() != JsonReader::Type::Boolean)
                throw malformedMessage(kAnswer, "\"more\" is not true or false");
            page.more = json.readBool();
        } else if (name == "envelopes") {
            if (json.peek() != JsonReader::Type::Array)
                throw SyncError(SyncError::Kind::Malformed, "the hub's answer has no envelopes");
            entries.emplace();
            json.beginArray();
            while (json.nextElement())
                entries->push_back(readEnvelope(
                    json, "envelope " + std::to_string(entries->size()) + " of the hub's answer"));
        } else if (name == "hubCertificates") {
            if (json.peek() != JsonReader::Type::Array)
                throw malformedMessage(kAnswer, "\"hubCertificates\" is not a list");
            certificates.clear();
            json.beginArray();
            while (json.nextElement())
                certificates.push_back(textMember(json, "hubCertificates", kAnswer));
        } else {
            json.skipValue();
        }
    }
    json.finish();
    if (!hasNext)
        throw malformedMessage(kAnswer, "\"next\" is missing or not a whole number");
    if (!entries)
        throw SyncError(SyncError::Kind::Malformed, "the hub's answer has no envelopes");
    page.envelopes.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto& entry = (*entries)[i];
        if (entry.hubCertificate) {
            const auto at = *entry.hubCertificate;
            if (at < 0 || static_cast<std::size_t>(at) >= certificates.size())
                throw SyncError(SyncError::Kind::Malformed,
                                "envelope " + std::to_string(i) +
                                    " of the hub's answer names a hub certificate the answer "
                                    "does not hold");
            entry.envelope.hubCertificate = certificates[static_cast<std::size_t>(at)];
        }
        page.envelopes.push_back(std::move(entry.envelope));
    }
    return page;
}

}  // namespace nmdt::integration
