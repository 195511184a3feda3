#pragma once
// Translatable words for the model's codes: the model returns codes, the GUI words them.

#include <wx/string.h>

#include "model/action.h"
#include "model/case_record.h"
#include "model/error.h"
#include "model/organisation.h"
#include "model/passphrase.h"
#include "model/store_error.h"

namespace nmdt::gui {

wxString describe(StoreErrorCode code);
wxString describe(PassphraseVerdict verdict);
wxString describe(const DomainError& error);
/// The label of a model field name ("givenName" -> "Given name"); empty if unknown.
wxString describeField(const std::string& field);
wxString describe(ErrorCode code);
wxString describe(ActionStatus status);
wxString describe(Priority priority);
wxString describe(Triage outcome);
wxString describe(Urgency urgency);
wxString describe(ConsentMethod method);
wxString describe(Role role);
wxString describe(OrganisationKind kind);

}  // namespace nmdt::gui
