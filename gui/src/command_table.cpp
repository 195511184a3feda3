#include "command_table.h"

#include <wx/intl.h>

namespace nmdt::gui {

const std::vector<Command>& mainWindowCommands() {
    static const std::vector<Command> commands{
        {wxID_OPEN, _("&File"), _("&Open Store..."), "Ctrl+O", _("Open another encrypted store")},
        {wxID_PRINT, _("&File"), _("&Print Care Plan..."), "Ctrl+P",
         _("Print the selected resident's current care plan")},
        {wxID_PREVIEW, _("&File"), _("Print Pre&view"), "Ctrl+Shift+P",
         _("See the printed care plan before printing")},
        {ID_SAVE_PLAN_PDF, _("&File"), _("&Save Care Plan as PDF..."), "Ctrl+Shift+S",
         _("Save the selected resident's current care plan as a PDF file")},
        {wxID_EXIT, _("&File"), _("E&xit"), "Ctrl+Q", _("Close Neighbourhood MDT")},
        {ID_FIND_RESIDENT, _("&Edit"), _("&Find Resident"), "Ctrl+F",
         _("Find a resident by name or NHS number")},
        {ID_SHOW_ALL_CASES, _("&View"), _("&All Cases"), "Escape",
         _("Clear the search and list every case")},
        {wxID_ABOUT, _("&Help"), _("&About Neighbourhood MDT"), "", _("Version and licence")},
    };
    return commands;
}

}  // namespace nmdt::gui
