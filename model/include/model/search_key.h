#pragma once
// Folding of names for prefix search: case-insensitive across Latin scripts, so that
// "ŁUKASZ", "łukasz" and "Łukasz" find each other.

#include <string>
#include <string_view>

namespace nmdt {

/// Lower-cases ASCII, Latin-1 and Latin Extended-A letters in UTF-8 text; other
/// characters (Arabic, Chinese, ...) pass through unchanged.
std::string foldForSearch(std::string_view text);

/// The smallest string greater than every string that starts with `prefix`.
std::string prefixUpperBound(std::string_view prefix);

}  // namespace nmdt
