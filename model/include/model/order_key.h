#pragma once
// Sortable text keys for ordered lists (the agenda): an item can be placed between two
// others without renumbering, so concurrent reorders on two desktops merge cleanly.

#include <string>
#include <string_view>

namespace nmdt {

/// A key that sorts strictly between `before` and `after` (byte order). Either may be
/// empty, meaning "no bound". Requires before < after when both are given.
std::string orderKeyBetween(std::string_view before, std::string_view after);

}  // namespace nmdt
