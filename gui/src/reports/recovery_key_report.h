#pragma once
// The one-page sheet an administrator prints to keep a store's recovery key on paper.

#include <string>

#include "model/calendar.h"
#include "printing/report.h"

namespace nmdt::gui {

/// What the sheet names besides the key: the store it opens and who was signed in.
struct RecoveryKeySheet {
    std::string key;     // 48 characters in groups of eight
    std::string store;   // the store's file, as this desktop knows it
    std::string madeBy;  // who was signed in when the key was made
    Timestamp printedAt{};
};

/// The key large and alone on its line, what it opens, and how to keep and use it.
Report recoveryKeyReport(const RecoveryKeySheet& sheet);

}  // namespace nmdt::gui
