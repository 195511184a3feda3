#include "envelope_codec.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "json_writer.h"
#include "sync_crypto.h"

namespace nmdt::integration {

namespace {
using Poco::JSON::Array;
using Poco::JSON::Object;

SyncError malformed(const std::string& what, const std::string& detail) {
    return SyncError(SyncError::Kind::Malformed, what + " is malformed: " + detail);
}

Object::Ptr headerToJson(const EnvelopeHeader& h) {
    Object::Ptr o = new Object;
    o->set("team", h.team);
    o->set("site", h.site);
    o->set("from", h.fromSequence);
    o->set("through", h.throughSequence);
    o->set("part", h.part);
    o->set("keyId", h.keyId);
    Array::Ptr audience = new Array;
    for (const auto& a : h.audience)
        audience->add(a);
    o->set("audience", audience);
    return o;
}

EnvelopeHeader headerFromJson(const Object::Ptr& o, const std::string& what) {
    EnvelopeHeader h;
    h.team = requireString(o, "team", what);
    h.site = requireString(o, "site", what);
    h.fromSequence = requireInt(o, "from", what);
    h.throughSequence = requireInt(o, "through", what);
    h.part = static_cast<int>(requireInt(o, "part", what));
    h.keyId = requireString(o, "keyId", what);
    auto audience = o->getArray("audience");
    if (!audience)
        throw malformed(what, "no audience");
    for (unsigned i = 0; i < audience->size(); ++i) {
        if (!audience->get(i).isString())
            throw malformed(what, "audience holds a non-text member");
        h.audience.push_back(audience->getElement<std::string>(i));
    }
    requirePossibleRange(h, what);
    return h;
}

Poco::Dynamic::Var valueToJson(const FieldValue& v) {
    if (auto i = std::get_if<std::int64_t>(&v))
        return Poco::Int64(*i);
    if (auto s = std::get_if<std::string>(&v))
        return *s;
    return Poco::Dynamic::Var();
}

Object::Ptr stampsToJson(const FieldStamps& stamps) {
    Object::Ptr o = new Object;
    for (const auto& s : stamps) {
        Array::Ptr a = new Array;
        a->add(Poco::Int64(s.stamp.hlc.wallMs));
        a->add(Poco::Int64(s.stamp.hlc.counter));
        a->add(s.stamp.site);
        o->set(s.field, a);
    }
    return o;
}

}  // namespace

void requirePossibleRange(const EnvelopeHeader& h, const std::string& what) {
    if (h.fromSequence < 0 || h.throughSequence <= h.fromSequence || h.part < 0)
        throw malformed(what, "its sequence range is impossible");
}

Object::Ptr parseObject(const std::string& text, const std::string& what) {
    try {
        Poco::JSON::Parser parser;
        auto result = parser.parse(text);
        auto o = result.extract<Object::Ptr>();
        if (!o)
            throw malformed(what, "it is not a JSON object");
        return o;
    } catch (const SyncError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw malformed(what, "it is not valid JSON (" + e.displayText() + ")");
    } catch (const std::exception&) {
        throw malformed(what, "it is not a JSON object");
    }
}

std::string stringify(const Object::Ptr& json) {
    std::string out;
    appendJson(out, json);
    return out;
}

std::string requireString(const Object::Ptr& o, const std::string& name, const std::string& what) {
    if (!o->has(name) || !o->get(name).isString())
        throw malformed(what, "\"" + name + "\" is missing or not text");
    return o->getValue<std::string>(name);
}

std::int64_t requireInt(const Object::Ptr& o, const std::string& name, const std::string& what) {
    if (!o->has(name) || !o->get(name).isInteger())
        throw malformed(what, "\"" + name + "\" is missing or not a whole number");
    return o->getValue<Poco::Int64>(name);
}

namespace {
Array::Ptr entriesToJson(const std::vector<SyncEntry>& entries) {
    Array::Ptr list = new Array;
    for (const auto& entry : entries) {
        const auto& e = entry.change;
        Object::Ptr o = new Object;
        o->set("kind", std::string(entityKindName(e.kind)));
        o->set("id", e.entityId);
        o->set("op", std::string(e.op == ChangeOp::Create ? "create" : "update"));
        o->set("wall", Poco::Int64(e.hlc.wallMs));
        o->set("counter", Poco::Int64(e.hlc.counter));
        o->set("site", e.siteId);
        Object::Ptr fields = new Object;
        for (const auto& f : e.fields)
            fields->set(f.name, valueToJson(f.value));
        o->set("fields", fields);
        o->set("base", stampsToJson(entry.base));
        if (entry.isSnapshot())
            o->set("stamps", stampsToJson(entry.fieldStamps));
        o->set("intent", e.intent);
        o->set("user", e.userId);
        o->set("userName", e.userName);
        o->set("role", e.role);
        o->set("organisation", e.organisationId);
        list->add(o);
    }
    return list;
}

Object::Ptr snapshotHeaderToJson(const SnapshotHeader& h) {
    Object::Ptr o = new Object;
    o->set("team", h.team);
    o->set("site", h.site);
    o->set("organisation", h.organisation);
    o->set("id", h.id);
    o->set("cursor", Poco::Int64(h.cursor));
    o->set("chunk", h.chunk);
    o->set("last", h.last);
    o->set("keyId", h.keyId);
    return o;
}

SnapshotHeader snapshotHeaderFromJson(const Object::Ptr& o, const std::string& what) {
    SnapshotHeader h;
    h.team = requireString(o, "team", what);
    h.site = requireString(o, "site", what);
    h.organisation = requireString(o, "organisation", what);
    h.id = requireString(o, "id", what);
    h.cursor = requireInt(o, "cursor", what);
    h.chunk = static_cast<int>(requireInt(o, "chunk", what));
    if (!o->has("last") || !o->get("last").isBoolean())
        throw malformed(what, "\"last\" is missing or not true or false");
    h.last = o->getValue<bool>("last");
    h.keyId = requireString(o, "keyId", what);
    if (h.cursor < 0 || h.chunk < 0 || h.id.empty() || h.organisation.empty())
        throw malformed(what, "its snapshot header is impossible");
    return h;
}
}  // namespace

std::string encodeBody(const EnvelopeHeader& header, const std::vector<SyncEntry>& entries) {
    Object::Ptr body = new Object;
    body->set("header", headerToJson(header));
    body->set("entries", entriesToJson(entries));
    return stringify(body);
}

namespace {
/// The sealed parts an envelope and a snapshot chunk share, as they travel.
template <class Sealed>
void sealedToJson(Object& o, const Sealed& s) {
    o.set("nonce", toBase64(s.nonce));
    o.set("ciphertext", toBase64(s.ciphertext));
    o.set("tag", toBase64(s.tag));
    o.set("signer", s.signerCertificate);
    o.set("signature", toBase64(s.signature));
}

template <class Sealed>
void sealedFromJson(const Object::Ptr& o, const std::string& what, Sealed& s) {
    s.nonce = fromBase64(requireString(o, "nonce", what), what + "'s nonce");
    s.ciphertext = fromBase64(requireString(o, "ciphertext", what), what + "'s ciphertext");
    s.tag = fromBase64(requireString(o, "tag", what), what + "'s tag");
    s.signerCertificate = requireString(o, "signer", what);
    s.signature = fromBase64(requireString(o, "signature", what), what + "'s signature");
    if (s.nonce.size() != kNonceBytes || s.tag.size() != kTagBytes)
        throw malformed(what, "its nonce or tag has the wrong length");
}
}  // namespace

Object::Ptr snapshotChunkToJson(const SealedSnapshotChunk& c) {
    Object::Ptr o = snapshotHeaderToJson(c.header);
    sealedToJson(*o, c);
    return o;
}

SealedSnapshotChunk snapshotChunkFromJson(const Object::Ptr& o, const std::string& what) {
    if (!o)
        throw malformed(what, "it is not an object");
    SealedSnapshotChunk c;
    c.header = snapshotHeaderFromJson(o, what);
    sealedFromJson(o, what, c);
    return c;
}

Object::Ptr envelopeToJson(const SealedEnvelope& e) {
    Object::Ptr o = headerToJson(e.header);
    sealedToJson(*o, e);
    if (e.hubSequence) {
        o->set("sequence", Poco::Int64(e.hubSequence));
        o->set("hubTime", Poco::Int64(e.hubTimeMs));
    }
    if (!e.hubReceipt.empty())
        o->set("hubReceipt", toBase64(e.hubReceipt));
    return o;
}

Object::Ptr leftOutEnvelopeToJson(const SealedEnvelope& e) {
    Object::Ptr o = headerToJson(e.header);
    o->set("leftOut", true);
    o->set("sequence", Poco::Int64(e.hubSequence));
    o->set("hubTime", Poco::Int64(e.hubTimeMs));
    return o;
}

SealedEnvelope envelopeFromJson(const Object::Ptr& o, const std::string& what) {
    if (!o)
        throw malformed(what, "it is not an object");
    SealedEnvelope e;
    e.header = headerFromJson(o, what);
    sealedFromJson(o, what, e);
    if (o->has("sequence")) {
        e.hubSequence = requireInt(o, "sequence", what);
        e.hubTimeMs = requireInt(o, "hubTime", what);
    }
    if (o->has("hubReceipt"))
        e.hubReceipt = fromBase64(requireString(o, "hubReceipt", what), what + "'s hub receipt");
    return e;
}

}  // namespace nmdt::integration
