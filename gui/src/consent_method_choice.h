#pragma once
// The one list of how consent was obtained, for every dialog that asks it.

#include <wx/choice.h>

#include "model/case_record.h"

namespace nmdt::gui {

/// A choice of ways consent is obtained, "In person" chosen.
wxChoice* makeConsentMethodChoice(wxWindow* parent);
/// What the choice holds (in person when nothing is chosen).
ConsentMethod consentMethodOf(const wxChoice* choice);

}  // namespace nmdt::gui
