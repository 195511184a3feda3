#pragma once
// Calendar dates and instants as the model uses them, with their ISO 8601 text forms.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nmdt {

using Date = std::chrono::year_month_day;
/// Milliseconds since the Unix epoch, UTC.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Parses "YYYY-MM-DD"; nullopt when malformed or not a real date (2023-02-30).
std::optional<Date> parseIsoDate(std::string_view text);
std::string toIsoDate(Date date);
Date addDays(Date date, int days);
/// Whole days from `from` to `to` (negative when `to` is earlier).
int daysBetween(Date from, Date to);

std::int64_t toMillis(Timestamp t);
Timestamp fromMillis(std::int64_t ms);
/// "2026-11-23T09:30:00Z"
std::string toIsoTimestamp(Timestamp t);
Date dateOf(Timestamp t);

/// What time it is, injected so rules about "today" and "overdue" can be tested.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
    Date today() const { return dateOf(now()); }
};

/// The computer's clock.
class SystemClock : public Clock {
  public:
    Timestamp now() const override;
};

/// A clock that stays where a test puts it.
class FixedClock : public Clock {
  public:
    explicit FixedClock(Timestamp t) : now_(t) {}
    Timestamp now() const override { return now_; }
    void set(Timestamp t) { now_ = t; }
    void advance(std::chrono::milliseconds d) { now_ += d; }

  private:
    Timestamp now_;
};

}  // namespace nmdt
