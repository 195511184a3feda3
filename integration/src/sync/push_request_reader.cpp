#include "push_request_reader.h"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <optional>

#include "envelope_codec.h"

namespace nmdt::integration {

namespace {

SyncError malformedPush(const std::string& detail) {
    return SyncError(SyncError::Kind::Malformed, "the push request is malformed: " + detail);
}

/// Keeps the top level's scalars, and hands each object of "envelopes" to a small tree of
/// its own that becomes a SealedEnvelope (and is dropped) the moment the object closes.
class PushHandler : public Poco::JSON::Handler {
  public:
    PushHandler(PushRequest& out, std::size_t maxEnvelopes, std::size_t maxEnvelopeBytes)
        : out_(out), maxEnvelopes_(maxEnvelopes), maxEnvelopeBytes_(maxEnvelopeBytes) {}

    void reset() override {}

    void startObject() override {
        if (envelope_) {
            envelope_->startObject();
        } else if (inEnvelopes()) {
            if (out_.envelopes.size() >= maxEnvelopes_)
                throw SyncError(SyncError::Kind::TooLarge, "the push request has more than " +
                                                               std::to_string(maxEnvelopes_) +
                                                               " envelopes");
            envelope_ = new Poco::JSON::ParseHandler;
            envelope_->startObject();
            envelopeDepth_ = depth_ + 1;
        }
        ++depth_;
    }

    void endObject() override {
        --depth_;
        if (!envelope_)
            return;
        envelope_->endObject();
        if (depth_ + 1 != envelopeDepth_)
            return;
        auto json = envelope_->asVar().extract<Poco::JSON::Object::Ptr>();
        envelope_ = nullptr;
        const std::string what =
            "envelope " + std::to_string(out_.envelopes.size()) + " of the push";
        if (json->has("ciphertext") && json->get("ciphertext").isString()) {
            // Base64 is four characters for three bytes: refuse before decoding.
            const auto text = json->getValue<std::string>("ciphertext");
            if (text.size() / 4 * 3 > maxEnvelopeBytes_ + 3)
                throw SyncError(SyncError::Kind::TooLarge,
                                what + " is larger than the hub accepts (" +
                                    std::to_string(maxEnvelopeBytes_) + " bytes)");
        }
        out_.envelopes.push_back(envelopeFromJson(json, what));
    }

    void startArray() override {
        if (envelope_)
            envelope_->startArray();
        else if (depth_ == 1 && key_ == "envelopes")
            envelopesOpen_ = true, envelopesSeen_ = true, envelopesDepth_ = depth_ + 1;
        ++depth_;
    }

    void endArray() override {
        --depth_;
        if (envelope_)
            envelope_->endArray();
        else if (envelopesOpen_ && depth_ + 1 == envelopesDepth_)
            envelopesOpen_ = false;
    }

    void key(const std::string& k) override {
        if (envelope_)
            envelope_->key(k);
        else if (depth_ == 1)
            key_ = k;
    }

    void null() override {
        if (envelope_)
            envelope_->null();
        else
            scalar(std::nullopt);
    }
    void value(int v) override { number(v); }
    void value(unsigned v) override { number(v); }
    void value(Poco::Int64 v) override { number(v); }
    void value(Poco::UInt64 v) override {
        if (envelope_)
            envelope_->value(v);
        else
            scalar(std::nullopt);  // past any sequence a push can hold
    }
    void value(const std::string& v) override {
        if (envelope_) {
            envelope_->value(v);
        } else if (depth_ == 1) {
            if (key_ == "team")
                out_.team = v;
            else if (key_ == "site")
                out_.site = v;
        } else {
            scalar(std::nullopt);
        }
    }
    void value(double d) override {
        if (envelope_)
            envelope_->value(d);
        else
            scalar(std::nullopt);
    }
    void value(bool b) override {
        if (envelope_)
            envelope_->value(b);
        else
            scalar(std::nullopt);
    }

    bool sawEnvelopes() const { return envelopesSeen_; }

  private:
    bool inEnvelopes() const { return envelopesOpen_ && depth_ == envelopesDepth_; }

    template <typename Number>
    void number(Number v) {
        if (envelope_) {
            envelope_->value(v);
            return;
        }
        scalar(static_cast<std::int64_t>(v));
    }

    void scalar(std::optional<std::int64_t> v) {
        if (inEnvelopes())
            throw malformedPush("its envelopes list holds something that is not an envelope");
        if (depth_ != 1)
            return;
        if (key_ == "from")
            out_.from = v.value_or(-1);
        else if (key_ == "through")
            out_.through = v.value_or(-1);
    }

    PushRequest& out_;
    const std::size_t maxEnvelopes_;
    const std::size_t maxEnvelopeBytes_;
    int depth_ = 0;
    std::string key_;
    bool envelopesOpen_ = false;
    bool envelopesSeen_ = false;
    int envelopesDepth_ = 0;
    Poco::SharedPtr<Poco::JSON::ParseHandler> envelope_;
    int envelopeDepth_ = 0;
};

}  // namespace

PushRequest readPushRequest(const std::string& body, std::size_t maxEnvelopes,
                            std::size_t maxEnvelopeBytes) {
    PushRequest out;
    Poco::SharedPtr<PushHandler> handler = new PushHandler(out, maxEnvelopes, maxEnvelopeBytes);
    try {
        Poco::JSON::Parser parser(handler);
        parser.parse(body);
    } catch (const SyncError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw malformedPush("it is not valid JSON (" + e.displayText() + ")");
    }
    if (!handler->sawEnvelopes())
        throw malformedPush("it has no envelopes list");
    return out;
}

}  // namespace nmdt::integration
