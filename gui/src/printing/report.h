#pragma once
// A printable report as blocks of text and tables: what the care plan, agenda and minutes
// printouts are made of. Free of any drawing code so builders and tests stay simple.

#include <optional>
#include <string>
#include <vector>

namespace nmdt::gui {

/// The identity banner every page of a person's record carries (wrong-patient hazard).
struct IdentityBanner {
    std::string name;         // "Wójcik, Łucja"
    std::string dateOfBirth;  // "14-Mar-1948"
    std::string nhsNumber;    // "943 476 5919"
};

/// One piece of a report's body.
struct ReportBlock {
    enum class Kind { Heading, Paragraph, Fields, Table };
    Kind kind = Kind::Paragraph;
    std::string text;                                         // heading or paragraph
    std::vector<std::pair<std::string, std::string>> fields;  // label, value
    std::vector<std::string> columns;                         // table headings
    std::vector<int> columnWeights;                           // relative widths
    std::vector<std::vector<std::string>> rows;               // table cells
    std::string emptyText;                                    // shown when a table has no rows
    bool keepWithNext = false;  // starts on the same page as the block after it

    static ReportBlock heading(std::string text);
    static ReportBlock paragraph(std::string text);
    static ReportBlock fieldList(std::vector<std::pair<std::string, std::string>> fields);
    static ReportBlock table(std::vector<std::string> columns, std::vector<int> weights,
                             std::vector<std::vector<std::string>> rows, std::string emptyText);
};

/// A whole report: what goes at the top and bottom of every page, and the body.
struct Report {
    std::string title;
    std::string subtitle;  // e.g. "Version 3, agreed 12-Oct-2026"
    std::optional<IdentityBanner> banner;
    std::string footer;  // e.g. "Printed 23-Nov-2026 09:00 by Julie Clarke"
    std::vector<ReportBlock> blocks;
    /// Multiplies every font and the banner: 1 for staff printouts, larger for the
    /// large-print copy a resident asks for (body text at 16 points, as RNIB advises).
    double textScale = 1.0;
};

}  // namespace nmdt::gui
