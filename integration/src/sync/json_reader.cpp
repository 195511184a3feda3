#include "json_reader.h"

#include <limits>

namespace nmdt::integration {

void JsonReader::fail(const std::string& what) const {
    throw JsonReadError(what + " at byte " + std::to_string(at_));
}

void JsonReader::notWhole(const std::string& what) const {
    throw JsonNotWholeError(what + " at byte " + std::to_string(at_));
}

void JsonReader::skipWhitespace() {
    while (at_ < text_.size()) {
        const char c = text_[at_];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++at_;
    }
}

char JsonReader::next() {
    skipWhitespace();
    if (at_ >= text_.size())
        fail("the text ends early");
    return text_[at_];
}

void JsonReader::expect(char c) {
    if (next() != c)
        fail(std::string("expected '") + c + "'");
    ++at_;
}

JsonReader::Type JsonReader::peek() {
    switch (next()) {
        case '{':
            return Type::Object;
        case '[':
            return Type::Array;
        case '"':
            return Type::String;
        case 't':
        case 'f':
            return Type::Boolean;
        case 'n':
            return Type::Null;
        default: {
            const char c = text_[at_];
            if (c == '-' || (c >= '0' && c <= '9'))
                return Type::Number;
            fail("expected a value");
        }
    }
}

void JsonReader::beginObject() {
    expect('{');
    if (firstInside_.size() >= kMaxDepth)
        fail("nesting too deep");
    firstInside_.push_back(true);
}

void JsonReader::beginArray() {
    expect('[');
    if (firstInside_.size() >= kMaxDepth)
        fail("nesting too deep");
    firstInside_.push_back(true);
}

bool JsonReader::separator(char close) {
    if (firstInside_.empty())
        fail("no object or array is open");
    const char c = next();
    if (c == close) {
        ++at_;
        firstInside_.pop_back();
        return false;
    }
    if (firstInside_.back()) {
        firstInside_.back() = false;
        return true;
    }
    if (c != ',')
        fail(std::string("expected ',' or '") + close + "'");
    ++at_;
    return true;
}

bool JsonReader::nextMember(std::string& name) {
    if (!separator('}'))
        return false;
    if (next() != '"')
        fail("expected a member's name");
    name.clear();
    readStringInto(name);
    expect(':');
    return true;
}

bool JsonReader::nextElement() {
    if (!separator(']'))
        return false;
    next();  // a value must follow a ','
    return true;
}

std::string JsonReader::readString() {
    if (next() != '"')
        fail("expected text");
    std::string out;
    readStringInto(out);
    return out;
}

void JsonReader::readStringInto(std::string& out) {
    ++at_;  // the opening quote
    std::size_t run = at_;
    while (at_ < text_.size()) {
        const auto c = static_cast<unsigned char>(text_[at_]);
        if (c == '"') {
            out.append(text_.substr(run, at_ - run));
            ++at_;
            return;
        }
        if (c == '\\') {
            out.append(text_.substr(run, at_ - run));
            ++at_;
            appendEscape(out);
            run = at_;
        } else if (c < 0x20) {
            fail("a control character inside text");
        } else {
            ++at_;
        }
    }
    fail("text without its closing quote");
}

unsigned JsonReader::readHex4() {
    if (text_.size() - at_ < 4)
        fail("a \\u escape ends early");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = text_[at_++];
        value <<= 4;
        if (c >= '0' && c <= '9')
            value |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= static_cast<unsigned>(c - 'A' + 10);
        else
            fail("a \\u escape that is not hexadecimal");
    }
    return value;
}

void JsonReader::appendEscape(std::string& out) {
    if (at_ >= text_.size())
        fail("an escape ends early");
    const char c = text_[at_++];
    switch (c) {
        case '"':
        case '\\':
        case '/':
            out += c;
            return;
        case 'b':
            out += '\b';
            return;
        case 'f':
            out += '\f';
            return;
        case 'n':
            out += '\n';
            return;
        case 'r':
            out += '\r';
            return;
        case 't':
            out += '\t';
            return;
        case 'u':
            break;
        default:
            fail("an unknown escape");
    }
    unsigned code = readHex4();
    if (code >= 0xdc00 && code <= 0xdfff)
        fail("a lone low surrogate");
    if (code >= 0xd800 && code <= 0xdbff) {
        if (text_.substr(at_, 2) != "\\u")
            fail("a high surrogate without its pair");
        at_ += 2;
        const unsigned low = readHex4();
        if (low < 0xdc00 || low > 0xdfff)
            fail("a high surrogate without its pair");
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
    }
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xc0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xe0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    }
}

std::int64_t JsonReader::readInt() {
    if (peek() != Type::Number)
        fail("expected a whole number");
    const std::size_t start = at_;
    const bool negative = text_[at_] == '-';
    if (negative)
        ++at_;
    if (at_ >= text_.size() || text_[at_] < '0' || text_[at_] > '9')
        fail("a number without digits");
    if (text_[at_] == '0' && at_ + 1 < text_.size() && text_[at_ + 1] >= '0' &&
        text_[at_ + 1] <= '9')
        fail("a number with a leading zero");
    // Accumulated as a negative value: its range reaches one further than the positive.
    std::int64_t value = 0;
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
        const int digit = text_[at_] - '0';
        if (value < (kMin + digit) / 10) {
            at_ = start;
            notWhole("a number too large");
        }
        value = value * 10 - digit;
        ++at_;
    }
    if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E')) {
        at_ = start;
        skipNumber();  // broken JSON is a broken text, not a number of the wrong kind
        at_ = start;
        notWhole("a number that is not whole");
    }
    if (negative)
        return value;
    if (value == kMin) {
        at_ = start;
        notWhole("a number too large");
    }
    return -value;
}

void JsonReader::readWord(std::string_view word) {
    if (text_.substr(at_, word.size()) != word)
        fail("expected " + std::string(word));
    at_ += word.size();
}

bool JsonReader::readBool() {
    const char c = next();
    if (c == 't') {
        readWord("true");
        return true;
    }
    if (c == 'f') {
        readWord("false");
        return false;
    }
    fail("expected true or false");
}

void JsonReader::readNull() {
    next();
    readWord("null");
}

void JsonReader::skipNumber() {
    auto digits = [&] {
        const std::size_t start = at_;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9')
            ++at_;
        if (at_ == start)
            fail("a number without digits");
        return at_ - start;
    };
    if (text_[at_] == '-')
        ++at_;
    const std::size_t first = at_;
    if (digits() > 1 && text_[first] == '0')
        fail("a number with a leading zero");
    if (at_ < text_.size() && text_[at_] == '.') {
        ++at_;
        digits();
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
        ++at_;
        if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-'))
            ++at_;
        digits();
    }
}

void JsonReader::skip(int depth) {
    if (depth > kMaxDepth)
        fail("nesting too deep");
    std::string ignored;
    switch (peek()) {
        case Type::Object:
            ++at_;
            if (next() == '}') {
                ++at_;
                return;
            }
            for (;;) {
                if (next() != '"')
                    fail("expected a member's name");
                ignored.clear();
                readStringInto(ignored);
                expect(':');
                skip(depth + 1);
                if (next() != ',')
                    return expect('}');
                ++at_;
            }
        case Type::Array:
            ++at_;
            if (next() == ']') {
                ++at_;
                return;
            }
            for (;;) {
                skip(depth + 1);
                if (next() != ',')
                    return expect(']');
                ++at_;
            }
        case Type::String:
            readStringInto(ignored);
            return;
        case Type::Number:
            skipNumber();
            return;
        case Type::Boolean:
            readBool();
            return;
        case Type::Null:
            readNull();
            return;
    }
}

void JsonReader::skipValue() {
    skip(static_cast<int>(firstInside_.size()));
}

void JsonReader::finish() {
    skipWhitespace();
    if (at_ != text_.size())
        fail("text after the value");
    if (!firstInside_.empty())
        fail("an object or array left open");
}

}  // namespace nmdt::integration
