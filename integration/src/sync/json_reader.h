#pragma once
// Reads JSON text in one pass, straight into the caller's values, without building a tree:
// with fifty desktops syncing at once, Poco's parser (a Dynamic::Var and a map node for
// every value of every envelope body) was the desktops' largest cost beside the store.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nmdt::integration {

/// Text that is not the JSON the caller asked for; says what and at which byte.
class JsonReadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A number that is valid JSON but not a whole number within 64 bits.
class JsonNotWholeError : public JsonReadError {
  public:
    using JsonReadError::JsonReadError;
};

/// A strict reader of one JSON value (RFC 8259) in document order. Strings are returned
/// as their bytes with escapes resolved (\u escapes as UTF-8; a lone surrogate is an
/// error); numbers are read only as whole numbers that fit in 64 bits. Every method throws
/// JsonReadError at anything unexpected, including text left after the value.
class JsonReader {
  public:
    enum class Type { Object, Array, String, Number, Boolean, Null };

    /// Reads `text` where it lies: it must outlive the reader.
    explicit JsonReader(std::string_view text) : text_(text) {}
    explicit JsonReader(const char* text) : text_(text) {}
    JsonReader(std::string&&) = delete;  // a temporary would be gone before it is read

    /// What the next value is, without reading it.
    Type peek();

    /// Reads '{'; then nextMember until it returns false.
    void beginObject();
    /// Reads the next member's name and its ':' into `name`; false (having read '}') at the
    /// object's end.
    bool nextMember(std::string& name);
    /// Reads '['; then nextElement until it returns false.
    void beginArray();
    /// True when another element follows; false (having read ']') at the array's end.
    bool nextElement();

    std::string readString();
    /// Throws JsonNotWholeError for a number with a fraction or exponent, or out of range.
    std::int64_t readInt();
    bool readBool();
    void readNull();
    /// Reads any one value, however nested (up to a depth no sender needs).
    void skipValue();
    /// Throws unless only whitespace is left.
    void finish();

  private:
    static constexpr int kMaxDepth = 64;

    void skipWhitespace();
    char next();  // the next character past whitespace, not consumed; throws at the end
    void expect(char c);
    /// Before an element or member: the ',' that separates it from the one before, if any;
    /// false when `close` ends the container instead (it is read).
    bool separator(char close);
    void readStringInto(std::string& out);
    void appendEscape(std::string& out);
    unsigned readHex4();
    void skipNumber();
    void skip(int depth);
    void readWord(std::string_view word);
    [[noreturn]] void fail(const std::string& what) const;
    [[noreturn]] void notWhole(const std::string& what) const;

    std::string_view text_;
    std::size_t at_ = 0;
    // For each open object or array: whether nothing has been read in it yet.
    std::vector<bool> firstInside_;
};

}  // namespace nmdt::integration
