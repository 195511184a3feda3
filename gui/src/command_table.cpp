#include "command_table.h"

#include <wx/intl.h>

namespace nmdt::gui {

const std::vector<Command>& mainWindowCommands() {
    static const std::vector<Command> commands{
        {wxID_OPEN, _("&File"), _("&Open Store..."), "Ctrl+O", _("Open another encrypted store")},
        {wxID_PRINT, _("&File"), _("&Print Care Plan..."), "Ctrl+P",
         _("Print the selected resident's current care plan"), wxART_PRINT},
        {wxID_PREVIEW, _("&File"), _("Print Pre&view"), "Ctrl+Shift+P",
         _("See the printed care plan before printing")},
        {ID_SAVE_PLAN_PDF, _("&File"), _("&Save Care Plan as PDF..."), "Ctrl+Shift+S",
         _("Save the selected resident's current care plan as a PDF file"), wxART_FILE_SAVE_AS},
        {ID_BACKUP, _("&File"), _("&Back Up Now..."), "",
         _("Write an encrypted backup of the whole store")},
        {ID_LOCK, _("&File"), _("&Lock"), "Ctrl+L",
         _("Hide all patient data until the passphrase is entered")},
        {ID_LOCK_AFTER, _("&File"), _("Lock &After..."), "",
         _("How long the window may be idle before it locks")},
        {ID_CHANGE_PASSPHRASE, _("&File"), _("Change &Passphrase..."), "",
         _("Change the passphrase that unlocks this store")},
        {ID_AUDIT_TRAIL, _("&File"), _("A&udit Trail..."), "",
         _("Who viewed, changed, printed or exported what (administrators)")},
        {wxID_EXIT, _("&File"), _("E&xit"), "Ctrl+Q", _("Close Neighbourhood MDT")},
        {wxID_UNDO, _("&Edit"), _("&Undo"), "Ctrl+Z", _("Undo your last change"), wxART_UNDO},
        {ID_EDIT_CARE_PLAN, _("&Edit"), _("Edit &Care Plan..."), "Ctrl+E",
         _("Work on the selected resident's care plan draft, or see its versions"), wxART_EDIT},
        {ID_FIND_RESIDENT, _("&Edit"), _("&Find Resident"), "Ctrl+F",
         _("Find a resident by name or NHS number"), wxART_FIND},
        {ID_SHOW_ALL_CASES, _("&View"), _("&All Cases"), "Escape",
         _("Clear the search and list every case")},
        {ID_SHOW_RESIDENTS, _("&View"), _("&Residents"), "Ctrl+1",
         _("Find residents and see their records")},
        {ID_SHOW_ACTIONS, _("&View"), _("A&ctions"), "Ctrl+2",
         _("Work your actions and see what is overdue")},
        {ID_SHOW_MEETINGS, _("&View"), _("&Meetings"), "Ctrl+3",
         _("Plan, run and close MDT meetings")},
        {ID_CHANGE_STATUS, _("&Actions"), _("Change &Status..."), "Ctrl+T",
         _("Move the selected action to another status"), wxART_TICK_MARK},
        {ID_ADD_NOTE, _("&Actions"), _("Add Progress &Note..."), "Ctrl+N",
         _("Add a note to the selected action"), wxART_NEW},
        {ID_REASSIGN, _("&Actions"), _("&Reassign..."), "Ctrl+R",
         _("Give the selected action to someone else")},
        {ID_SYNC_NOW, _("&Sync"), _("Sync &Now"), "F5",
         _("Send this desktop's changes to partners and receive theirs"), wxART_REDO},
        {ID_SYNC_CONFLICTS, _("&Sync"), _("&Conflicts..."), "",
         _("Values two people changed at once: choose which to keep")},
        {ID_SYNC_DUPLICATES, _("&Sync"), _("Possible &Duplicate People..."), "",
         _("Records that share an NHS number: merge them once checked")},
        {ID_SYNC_STATUS, _("&Sync"), _("Sync &Status..."), "",
         _("When this desktop last synced, what is waiting and any problems")},
        {wxID_ABOUT, _("&Help"), _("&About Neighbourhood MDT"), "", _("Version and licence")},
    };
    return commands;
}

}  // namespace nmdt::gui
