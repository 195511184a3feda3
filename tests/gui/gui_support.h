#pragma once
// Helpers for driving real windows: wait for events, save what the user sees.

#include <wx/window.h>

#include <string>

namespace nmdt::test {

/// Lets pending events run (after a simulated action or a Show()).
void settle(int rounds = 5);
/// Saves the window's client area as a PNG under NMDT_TEST_ARTIFACTS (default
/// ./test-artifacts); returns the path.
std::string screenshot(wxWindow* window, const std::string& name);

}  // namespace nmdt::test
