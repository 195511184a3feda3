#pragma once
// Helpers for driving real windows: wait for events, save what the user sees.

#include <wx/window.h>

class wxMenuBar;

#include <string>
#include <vector>

namespace nmdt::test {

/// Lets pending events run (after a simulated action or a Show()).
void settle(int rounds = 5);
/// Saves the window's client area as a PNG under NMDT_TEST_ARTIFACTS (default
/// ./test-artifacts); returns the path.
std::string screenshot(wxWindow* window, const std::string& name);

}  // namespace nmdt::test

namespace nmdt::test {
/// Runs a shell command and returns what it printed on standard output.
std::string commandOutput(const std::string& command);
/// The text of each page of a PDF, as pdftotext extracts it.
std::vector<std::string> pdfPages(const std::string& pdfPath);
/// Each Alt+key that two controls of `top` share ("Alt+c: Clear Decision; Close;"), one
/// to a line, or nothing; counting the mnemonics GTK gives stock buttons (Close, Cancel,
/// OK...). GTK only moves the focus between controls that share one: it presses neither.
/// With `menus`, each menu title's key counts too (a page of the main window).
std::string sharedMnemonics(wxWindow* top, wxMenuBar* menus = nullptr);
}  // namespace nmdt::test
