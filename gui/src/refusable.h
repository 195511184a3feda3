#pragma once
// Running a command the model or the store may refuse, and wording the refusal, in one
// place: buttons show the words, tests assert on them.

#include <wx/string.h>

#include "model/error.h"
#include "model/passphrase.h"
#include "model/store_error.h"
#include "wording.h"

namespace nmdt::gui {

/// Runs `command`; if it is refused, puts the reason in words in `problem` and returns false.
template <class F>
bool runRefusable(F&& command, wxString& problem) {
    try {
        command();
        return true;
    } catch (const DomainError& e) {
        problem = describe(e);
    } catch (const StoreError& e) {
        problem = describe(e.code());
    } catch (const PassphraseRejected& e) {
        problem = describe(e.verdict());
    }
    return false;
}

}  // namespace nmdt::gui
