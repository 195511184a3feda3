#pragma once
// A passphrase held in memory only as long as needed, wiped when it goes away, and the
// rules a new one must meet.

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nmdt {

/// A secret string that zeroes its memory on destruction and never prints itself.
class Passphrase {
  public:
    Passphrase() = default;
    explicit Passphrase(std::string text) : text_(std::move(text)) {}
    Passphrase(const Passphrase&) = default;
    Passphrase& operator=(const Passphrase&) = default;
    ~Passphrase() { wipe(); }

    std::string_view reveal() const { return text_; }
    bool empty() const { return text_.empty(); }
    void wipe();

  private:
    std::string text_;
};

enum class PassphraseVerdict { Acceptable, TooShort, TooCommon, TooRepetitive, TooSimple };

/// Judges a new passphrase: at least 12 characters, not a well-known password, not one
/// repeated character, and either 16+ characters or three kinds of character.
PassphraseVerdict assessPassphrase(std::string_view candidate);

/// Thrown when a new passphrase does not meet the rules; callers word the verdict.
class PassphraseRejected : public std::runtime_error {
  public:
    explicit PassphraseRejected(PassphraseVerdict verdict)
        : std::runtime_error("passphrase rejected"), verdict_(verdict) {}
    PassphraseVerdict verdict() const { return verdict_; }

  private:
    PassphraseVerdict verdict_;
};

/// Throws PassphraseRejected unless `candidate` meets the rules.
void requireAcceptable(const Passphrase& candidate);

/// Slows down repeated failed unlock attempts: no delay for the first three, then
/// doubling from one second up to a minute.
class UnlockThrottle {
  public:
    void recordFailure() { ++failures_; }
    void recordSuccess() { failures_ = 0; }
    int failures() const { return failures_; }
    std::chrono::milliseconds delayBeforeNextAttempt() const;

  private:
    int failures_ = 0;
};

}  // namespace nmdt
