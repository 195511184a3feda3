#include "recovery_key_report.h"

#include <wx/intl.h>

#include "../formatting.h"
#include "../wx_text.h"

namespace nmdt::gui {

Report recoveryKeyReport(const RecoveryKeySheet& sheet) {
    auto t = [](const wxString& s) { return fromWx(s); };
    Report report;
    report.title = t(_("Neighbourhood MDT: store recovery key"));
    report.subtitle = sheet.store;
    report.footer = t(wxString::Format(_("Printed %s by %s"), formatDateTime(sheet.printedAt),
                                       toWx(sheet.madeBy)));
    report.blocks.push_back(ReportBlock::heading(t(_("Recovery key"))));
    report.blocks.push_back(ReportBlock::heading(sheet.key));
    report.blocks.push_back(ReportBlock::fieldList({
        {t(_("Opens the store")), sheet.store},
        {t(_("Made by")), sheet.madeBy},
        {t(_("Made on")), t(formatDateTime(sheet.printedAt))},
    }));
    report.blocks.push_back(ReportBlock::heading(t(_("Keeping it"))));
    report.blocks.push_back(ReportBlock::paragraph(
        t(_("Keep this sheet locked away, apart from the computer, as you would a safe's spare "
            "key. Anyone holding it and a copy of the store can read every record in it. It is "
            "not kept anywhere else: Neighbourhood MDT showed it once."))));
    report.blocks.push_back(ReportBlock::heading(t(_("Using it"))));
    report.blocks.push_back(ReportBlock::paragraph(
        t(_("Only when every administrator has forgotten their passphrase. In the sign-in "
            "window choose \"Use the Recovery Key...\", type the key (capitals, spaces and "
            "dashes do not matter), an administrator's name and their new passphrase. The key "
            "then stops working and a new one is shown: print it and destroy this sheet."))));
    report.blocks.push_back(ReportBlock::paragraph(
        t(_("If the key is lost or seen by someone who should not have it, an administrator "
            "makes a new one at once from View > People; this one then opens nothing."))));
    return report;
}

}  // namespace nmdt::gui
