#include "request_log.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <sstream>

namespace nmdt::integration {

namespace {
std::filesystem::path utf8Path(const std::string& path) {
    return std::filesystem::path(std::u8string(path.begin(), path.end()));
}
}  // namespace

RequestLog::RequestLog(const std::string& path) {
    if (path.empty())
        return;
    const auto p = utf8Path(path);
    out_.open(p, std::ios::app | std::ios::binary);
    std::error_code ignored;  // where modes mean nothing (Windows), the folder protects it
    std::filesystem::permissions(
        p, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ignored);
}

void RequestLog::write(const RequestRecord& r) {
    if (!out_.is_open())
        return;
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", Poco::DateTimeFormatter::format(Poco::DateTime(),
                                                     Poco::DateTimeFormat::ISO8601_FRAC_FORMAT));
    line.set("event", r.event);
    line.set("address", r.address);
    if (!r.fingerprint.empty()) {
        line.set("organisation", r.organisation);
        line.set("certificate", r.fingerprint.substr(0, 16));
    }
    if (!r.method.empty()) {
        line.set("method", r.method);
        line.set("path", r.path);
        line.set("status", r.status);
        line.set("requestBytes", Poco::UInt64(r.requestBytes));
        line.set("responseBytes", Poco::UInt64(r.responseBytes));
    }
    line.set("ms", Poco::Int64(r.milliseconds));
    std::ostringstream text;
    line.stringify(text);
    std::lock_guard lock(mutex_);
    out_ << text.str() << '\n';
    out_.flush();
}

}  // namespace nmdt::integration
