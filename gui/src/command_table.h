#pragma once
// Every user command defined once (id, label, accelerator, help); menus and the
// accelerator table are built from this list.

#include <wx/artprov.h>
#include <wx/defs.h>
#include <wx/string.h>

#include <vector>

namespace nmdt::gui {

enum CommandId {
    ID_FIND_RESIDENT = wxID_HIGHEST + 1,
    ID_SHOW_ALL_CASES,
    ID_SAVE_PLAN_PDF,
    ID_SHOW_RESIDENTS,
    ID_SHOW_ACTIONS,
    ID_SHOW_MEETINGS,
    ID_EDIT_CARE_PLAN,
    ID_BACKUP,
    ID_LOCK,
    ID_LOCK_AFTER,
    ID_CHANGE_PASSPHRASE,
    ID_CHANGE_STATUS,
    ID_ADD_NOTE,
    ID_REASSIGN,
    ID_SYNC_NOW,
    ID_SYNC_CONFLICTS,
    ID_SYNC_DUPLICATES,
    ID_SYNC_STATUS,
    ID_SYNC_PUBLISH_SNAPSHOT,
    ID_AUDIT_TRAIL,
    ID_EXPORT_CASE,
    ID_IMPORT_CASE,
    ID_EXPORT_MEETING,
    ID_EXPORT_AUDIT,
    ID_RESTORE,
    ID_REPORTS,
    ID_REFER,
    ID_EDIT_DETAILS,
    ID_ADD_CONTACT,
    ID_RECORD_CONSENT,
    ID_RAISE_ACTION,
    ID_CLOSE_CASE,
    ID_REOPEN_CASE,
    ID_REPLAN_ACTION,
    ID_TRIAGE,
    ID_SET_KEY_WORKER,
    ID_RESIDENT_COPY,
    ID_RECORD_NHS_NUMBER,
    ID_MDT_SERIES,
    ID_PEOPLE,
    ID_SWITCH_USER,
    ID_CASE_FINDING,
    ID_TRACE_NHS_NUMBERS,
    ID_OUTCOMES,
    ID_RECORD_WELLBEING,
    ID_IMPORT_SERVICE_USE,
};

/// One command as the user meets it.
struct Command {
    int id;
    wxString menu;   // which top-level menu it belongs to
    wxString label;  // with & mnemonic
    wxString accelerator;
    wxString help;
    wxArtID toolbarIcon = {};  // set for the commands that also sit on the toolbar
};

/// All commands of the main window, in menu order.
const std::vector<Command>& mainWindowCommands();

}  // namespace nmdt::gui
