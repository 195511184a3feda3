#include "packed_stamps.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "model/store_error.h"
#include "rollback_watch.h"

namespace nmdt::storage {

namespace {

constexpr unsigned char kPackedFormat = 1;

void rolledBack(void* names) {
    static_cast<PackedNames*>(names)->forget();
}

void putVarint(std::vector<unsigned char>& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<unsigned char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<unsigned char>(v));
}

[[noreturn]] void corrupt(const std::string& what) {
    throw StoreError(StoreErrorCode::Corrupt, "entity stamps: " + what);
}

/// Reads varints from a packed blob, refusing to run past its end.
class VarintReader {
  public:
    VarintReader(const unsigned char* data, std::size_t size) : p_(data), end_(data + size) {}
    std::uint64_t next() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_)
                corrupt("packed stamps end early");
            const unsigned char b = *p_++;
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        corrupt("packed number too long");
    }
    bool atEnd() const { return p_ == end_; }

  private:
    const unsigned char* p_;
    const unsigned char* end_;
};

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace

void PackedNames::attach(SQLite::Database& db) {
    watchRollbacks(db.getHandle(), &rolledBack, this);
}

void PackedNames::forget() {
    numbers_.clear();
    names_.clear();
}

std::int64_t PackedNames::numberFor(SQLite::Database& db, const std::string& name) {
    if (auto found = numbers_.find(name); found != numbers_.end())
        return found->second;
    SQLite::Statement insert(db, "INSERT OR IGNORE INTO packed_names (name) VALUES (?)");
    insert.bind(1, name);
    insert.exec();
    SQLite::Statement read(db, "SELECT number FROM packed_names WHERE name = ?");
    read.bind(1, name);
    if (!read.executeStep())
        corrupt("a name could not be numbered");
    const std::int64_t number = read.getColumn(0).getInt64();
    numbers_.emplace(name, number);
    names_.emplace(number, name);
    return number;
}

const std::string& PackedNames::nameOf(SQLite::Database& db, std::int64_t number) {
    if (auto found = names_.find(number); found != names_.end())
        return found->second;
    SQLite::Statement read(db, "SELECT name FROM packed_names WHERE number = ?");
    read.bind(1, number);
    if (!read.executeStep())
        corrupt("unknown name number " + std::to_string(number));
    std::string name = read.getColumn(0).getString();
    numbers_.emplace(name, number);
    return names_.emplace(number, std::move(name)).first->second;
}

std::vector<unsigned char> packStamps(SQLite::Database& db, PackedNames& names,
                                      const FieldStamps& stamps) {
    std::vector<const SiteStamp*> distinct;
    std::vector<std::size_t> which;
    which.reserve(stamps.size());
    for (const auto& f : stamps) {
        auto at = std::find_if(distinct.begin(), distinct.end(),
                               [&](const SiteStamp* s) { return *s == f.stamp; });
        which.push_back(static_cast<std::size_t>(at - distinct.begin()));
        if (at == distinct.end())
            distinct.push_back(&f.stamp);
    }
    std::vector<unsigned char> out;
    out.reserve(8 + distinct.size() * 12 + stamps.size() * 2);
    out.push_back(kPackedFormat);
    putVarint(out, distinct.size());
    for (const SiteStamp* s : distinct) {
        putVarint(out, zigzag(s->hlc.wallMs));
        putVarint(out, s->hlc.counter);
        putVarint(out, static_cast<std::uint64_t>(names.numberFor(db, s->site)));
    }
    putVarint(out, stamps.size());
    for (std::size_t i = 0; i < stamps.size(); ++i) {
        putVarint(out, static_cast<std::uint64_t>(names.numberFor(db, stamps[i].field)));
        putVarint(out, which[i]);
    }
    return out;
}

FieldStamps unpackStamps(SQLite::Database& db, PackedNames& names, const SQLite::Column& column) {
    if (column.isText()) {
        try {
            return decodeStamps(column.getString());
        } catch (const MalformedChangeData& bad) {
            corrupt(bad.what());
        }
    }
    if (!column.isBlob())
        corrupt("neither packed nor text");
    const auto* data = static_cast<const unsigned char*>(column.getBlob());
    const auto size = static_cast<std::size_t>(column.getBytes());
    if (size == 0 || data[0] != kPackedFormat)
        corrupt("unknown packing");
    VarintReader in(data + 1, size - 1);
    const std::uint64_t distinctCount = in.next();
    if (distinctCount > size)
        corrupt("more stamps than bytes");
    std::vector<SiteStamp> distinct;
    distinct.reserve(static_cast<std::size_t>(distinctCount));
    for (std::uint64_t i = 0; i < distinctCount; ++i) {
        SiteStamp s;
        s.hlc.wallMs = unzigzag(in.next());
        const std::uint64_t counter = in.next();
        if (counter > UINT32_MAX)
            corrupt("counter out of range");
        s.hlc.counter = static_cast<std::uint32_t>(counter);
        s.site = names.nameOf(db, static_cast<std::int64_t>(in.next()));
        distinct.push_back(std::move(s));
    }
    const std::uint64_t fieldCount = in.next();
    if (fieldCount > size)
        corrupt("more fields than bytes");
    FieldStamps out;
    out.reserve(static_cast<std::size_t>(fieldCount));
    for (std::uint64_t i = 0; i < fieldCount; ++i) {
        const std::string& field = names.nameOf(db, static_cast<std::int64_t>(in.next()));
        const std::uint64_t index = in.next();
        if (index >= distinct.size())
            corrupt("a field names a stamp that is not there");
        out.push_back({field, distinct[static_cast<std::size_t>(index)]});
    }
    if (!in.atEnd())
        corrupt("bytes after the last field");
    return out;
}

}  // namespace nmdt::storage
