#pragma once
// The hub's answer to a pull, read in one pass (json_reader.h): a page is most of what a
// desktop reads, and Poco's tree of it cost a tenth of a desktop's sync.

#include <string>

#include "model/sync_ports.h"

namespace nmdt::integration {

/// The page in `text`, checked as envelopeFromJson checks one envelope. Throws
/// SyncError(Malformed) naming what is out of shape, and JsonReadError when the text is
/// not JSON at all (an answer cut short).
PullPage readPullPage(const std::string& text);

}  // namespace nmdt::integration
