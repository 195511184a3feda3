#pragma once
// Writes Poco JSON trees as compact text, fast: Poco's Stringifier wrote every character
// of a string through an ostream (escaping as it went), and envelopes are mostly long
// base64 strings that need no escaping at all.

#include <Poco/Dynamic/Var.h>

#include <string>

namespace nmdt::integration {

/// Appends `value` (an Object::Ptr, Array::Ptr, string, number, bool or empty) as JSON.
/// Types it does not know are written by Poco's own Stringifier.
void appendJson(std::string& out, const Poco::Dynamic::Var& value);

}  // namespace nmdt::integration
