#include "json_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace nmdt::integration {

namespace {

void appendString(std::string& out, const std::string& s) {
    out += '"';
    std::size_t run = 0;  // start of the stretch that needs no escaping
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s, run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xf];
            }
        }
    }
    out.append(s, run, std::string::npos);
    out += '"';
}

}  // namespace

void appendJson(std::string& out, const Poco::Dynamic::Var& value) {
    using Poco::JSON::Array;
    using Poco::JSON::Object;
    if (value.isEmpty()) {
        out += "null";
    } else if (value.type() == typeid(Object::Ptr)) {
        const auto& object = value.extract<Object::Ptr>();
        out += '{';
        bool first = true;
        for (const auto& [name, member] : *object) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, name);
            out += ':';
            appendJson(out, member);
        }
        out += '}';
    } else if (value.type() == typeid(Array::Ptr)) {
        const auto& array = value.extract<Array::Ptr>();
        out += '[';
        bool first = true;
        for (const auto& element : *array) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, element);
        }
        out += ']';
    } else if (value.type() == typeid(std::string)) {
        appendString(out, value.extract<std::string>());
    } else if (value.type() == typeid(bool)) {
        out += value.extract<bool>() ? "true" : "false";
    } else if (value.isInteger() && !value.isBoolean()) {
        out += value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                                : std::to_string(value.convert<Poco::UInt64>());
    } else {
        std::ostringstream other;
        Poco::JSON::Stringifier::stringify(value, other);
        out += other.str();
    }
}

}  // namespace nmdt::integration
