#include "report_renderer.h"

#include <wx/graphics.h>
#include <wx/intl.h>

#include <algorithm>

#include "../wx_text.h"

namespace nmdt::gui {

ReportBlock ReportBlock::heading(std::string text) {
    ReportBlock b;
    b.kind = Kind::Heading;
    b.text = std::move(text);
    return b;
}
ReportBlock ReportBlock::paragraph(std::string text) {
    ReportBlock b;
    b.kind = Kind::Paragraph;
    b.text = std::move(text);
    return b;
}
ReportBlock ReportBlock::fieldList(std::vector<std::pair<std::string, std::string>> fields) {
    ReportBlock b;
    b.kind = Kind::Fields;
    b.fields = std::move(fields);
    return b;
}
ReportBlock ReportBlock::table(std::vector<std::string> columns, std::vector<int> weights,
                               std::vector<std::vector<std::string>> rows, std::string emptyText) {
    ReportBlock b;
    b.kind = Kind::Table;
    b.columns = std::move(columns);
    b.columnWeights = std::move(weights);
    b.rows = std::move(rows);
    b.emptyText = std::move(emptyText);
    return b;
}

namespace {

const wxColour kNhsBlue(0, 94, 184);
const wxColour kPaleGrey(232, 237, 238);
const wxColour kMidGrey(174, 183, 189);

/// The cursor and fonts of one pass over a report: where the next thing goes, on which
/// page, and whether that page is the one being drawn.
class Pass {
  public:
    Pass(wxDC& dc, const Report& report, const PageGeometry& g, int pageToDraw, int totalPages,
         LayoutCache& cache)
        : dc_(dc),
          report_(report),
          g_(g),
          pageToDraw_(pageToDraw),
          totalPages_(totalPages),
          cache_(cache) {
        // Fonts are given in points; the DC turns points into its own pixels at its PPI,
        // while our logical unit is already one point, so scale by 72 / PPI.
        const double scale = 72.0 / std::max(1, dc.GetPPI().y) * report.textScale;
        s_ = report.textScale;
        auto font = [scale](double points, bool bold, bool italic = false) {
            return wxFont(
                wxFontInfo(points * scale).Family(wxFONTFAMILY_SWISS).Bold(bold).Italic(italic));
        };
        body_ = font(9.5, false);
        bold_ = font(9.5, true);
        italic_ = font(9.5, false, true);
        small_ = font(8, false);
        heading_ = font(12, true);
        title_ = font(14, true);
        bannerName_ = font(12, true);
        left_ = g.margin;
        width_ = g.width - 2 * g.margin;
        layOutHeader();
        bodyBottom_ = g.height - g.margin - 18 * s_;
        y_ = bodyTop_;
        beginPage();
    }

    int page() const { return page_; }

    /// Draws `b`; `next` is the block after it, which a heading must not be parted from.
    /// Keeps a run of blocks that belong together (a heading, the blocks marked
    /// keepWithNext after it, and the start of the block they lead to) on one page when
    /// the run fits on a page at all.
    void keepRun(const std::vector<ReportBlock>& blocks, std::size_t from) {
        double h = 0;
        std::size_t i = from;
        for (; i + 1 < blocks.size() && leadsOn(blocks[i]); ++i)
            h += fullHeight(blocks[i]);
        h += firstUnitHeight(blocks[i]);
        if (h <= bodyBottom_ - bodyTop_)
            keep(h);
    }
    static bool leadsOn(const ReportBlock& b) {
        return b.keepWithNext || b.kind == ReportBlock::Kind::Heading;
    }

    void block(const ReportBlock& b, const ReportBlock* next) {
        switch (b.kind) {
            case ReportBlock::Kind::Heading:
                heading(b, next);
                break;
            case ReportBlock::Kind::Paragraph:
                paragraph(b.text);
                break;
            case ReportBlock::Kind::Fields:
                fields(b);
                break;
            case ReportBlock::Kind::Table:
                table(b);
                break;
        }
    }

  private:
    bool drawing() const { return page_ == pageToDraw_; }

    void use(const wxFont& font, const wxColour& colour = *wxBLACK) {
        dc_.SetFont(font);
        dc_.SetTextForeground(colour);
        // A wxGCDC over a cairo surface only draws text reliably with the font also set
        // on its graphics context.
        if (auto* gc = dc_.GetGraphicsContext())
            gc->SetFont(font, colour);
    }

    /// A stable name for one of this pass's fonts, for the cache.
    const char* slot(const wxFont& font) const {
        if (&font == &bold_)
            return "bold";
        if (&font == &italic_)
            return "italic";
        if (&font == &small_)
            return "small";
        if (&font == &heading_)
            return "heading";
        if (&font == &title_)
            return "title";
        if (&font == &bannerName_)
            return "banner";
        return "body";
    }

    double lineHeight(const wxFont& font) {
        auto [it, fresh] = cache_.lineHeights.try_emplace(slot(font), 0.0);
        if (fresh) {
            use(font);
            wxCoord w = 0, h = 0;
            dc_.GetTextExtent("Ag", &w, &h);
            it->second = h * 1.15;
        }
        return it->second;
    }

    double textWidth(const wxString& s) {
        wxCoord w = 0, h = 0;
        dc_.GetTextExtent(s, &w, &h);
        return w;
    }

    void text(const wxString& s, double x, double y) {
        if (drawing())
            dc_.DrawText(s, static_cast<wxCoord>(x), static_cast<wxCoord>(y));
    }

    /// Breaks UTF-8 text into lines no wider than `width` in `font`; honours newlines and
    /// breaks over-long words between characters. Never drops text.
    std::vector<wxString> wrap(const std::string& utf8, double width, const wxFont& font) {
        std::string key = std::string(slot(font)) + "|" +
                          std::to_string(static_cast<long>(width * 16)) + "|" + utf8;
        if (auto hit = cache_.wrapped.find(key); hit != cache_.wrapped.end())
            return hit->second;
        return cache_.wrapped[key] = measureLines(utf8, width, font);
    }

    std::vector<wxString> measureLines(const std::string& utf8, double width, const wxFont& font) {
        use(font);
        std::vector<wxString> lines;
        wxString all = toWx(utf8);
        for (const wxString& paragraph : wxSplit(all, '\n', '\0')) {
            wxString line;
            for (const wxString& word : wxSplit(paragraph, ' ', '\0')) {
                wxString candidate = line.empty() ? word : line + " " + word;
                if (textWidth(candidate) <= width) {
                    line = candidate;
                    continue;
                }
                if (!line.empty())
                    lines.push_back(line);
                line = word;
                while (textWidth(line) > width &&
                       line.length() > 1) {  // a word wider than the column
                    std::size_t fit = line.length() - 1;
                    while (fit > 1 && textWidth(line.Left(fit)) > width)
                        --fit;
                    lines.push_back(line.Left(fit));
                    line = line.Mid(fit);
                }
            }
            lines.push_back(line);
        }
        return lines;
    }

    /// Decides where the title, subtitle and banner go: on one line each when they fit,
    /// otherwise the subtitle under the title and the date of birth and NHS number under
    /// the name, together or each on its own line (large print), so that nothing is ever drawn over
    /// anything else.
    void layOutHeader() {
        // Measured once, in the measuring pass: measuring switches the DC's font and colour,
        // so nothing may be measured for the first time while a page header is drawn.
        if (!cache_.header) {
            LayoutCache::Header h;
            for (const wxFont* font : {&small_, &bold_, &bannerName_})
                lineHeight(*font);
            use(title_);
            const double titleWidth = textWidth(toWx(report_.title));
            use(small_);
            h.subtitleBelow = titleWidth + 12 + textWidth(toWx(report_.subtitle)) > width_;
            if (report_.banner) {
                const auto& b = *report_.banner;
                use(bannerName_);
                const double nameWidth = textWidth(toWx(b.name));
                use(bold_);
                const double detailsWidth = textWidth(bornText(b)) + 24 + textWidth(nhsText(b));
                h.bannerLines = 8 + nameWidth + 24 + detailsWidth + 8 <= width_ ? 1
                                : 8 + detailsWidth + 8 <= width_                ? 2
                                                                                : 3;
            }
            cache_.header = h;
        }
        subtitleBelow_ = cache_.header->subtitleBelow;
        bannerLines_ = cache_.header->bannerLines;
        const double titleBlock = 20 * s_ + (subtitleBelow_ ? lineHeight(small_) : 0);
        bannerTop_ = g_.margin + titleBlock;
        if (!report_.banner) {
            bodyTop_ = g_.margin + std::max(28 * s_, titleBlock + 8 * s_);
            return;
        }
        bannerHeight_ = 34 * s_ + (bannerLines_ - 1) * (lineHeight(bold_) + 2 * s_);
        bodyTop_ = bannerTop_ + bannerHeight_ + 12 * s_;
    }
    static wxString bornText(const IdentityBanner& b) {
        return _("Born") + " " + toWx(b.dateOfBirth);
    }
    static wxString nhsText(const IdentityBanner& b) {
        return _("NHS No.") + " " + toWx(b.nhsNumber);
    }

    void beginPage() {
        if (!drawing())
            return;
        const double top = g_.margin;
        use(title_, kNhsBlue);
        text(toWx(report_.title), left_, top);
        use(small_);
        double sw = textWidth(toWx(report_.subtitle));
        if (subtitleBelow_)
            text(toWx(report_.subtitle), left_, top + 20 * s_);
        else
            text(toWx(report_.subtitle), left_ + width_ - sw, top + 4 * s_);
        if (report_.banner) {
            const double bannerTop = bannerTop_;
            dc_.SetPen(wxPen(kNhsBlue));
            dc_.SetBrush(wxBrush(kNhsBlue));
            dc_.DrawRectangle(static_cast<wxCoord>(left_), static_cast<wxCoord>(bannerTop),
                              static_cast<wxCoord>(width_), static_cast<wxCoord>(bannerHeight_));
            const auto& b = *report_.banner;
            use(bannerName_, *wxWHITE);
            text(toWx(b.name), left_ + 8, bannerTop + 9 * s_);
            use(bold_, *wxWHITE);
            wxString born = bornText(b);
            wxString nhs = nhsText(b);
            // NHS number at the right edge, date of birth just left of it: never overlapping,
            // however long the name (on a line of their own when the name leaves no room).
            const double secondLine = bannerTop + 9 * s_ + lineHeight(bannerName_) + 2 * s_;
            if (bannerLines_ == 3) {
                text(born, left_ + 8, secondLine);
                text(nhs, left_ + 8, secondLine + lineHeight(bold_) + 2 * s_);
            } else {
                const double detailsTop = bannerLines_ == 2 ? secondLine : bannerTop + 11 * s_;
                const double nhsX = left_ + width_ - 8 - textWidth(nhs);
                text(nhs, nhsX, detailsTop);
                text(born, bannerLines_ == 2 ? left_ + 8 : nhsX - 24 - textWidth(born), detailsTop);
            }
        }
        const double footerTop = bodyBottom_ + 6;
        dc_.SetPen(wxPen(kMidGrey));
        dc_.DrawLine(static_cast<wxCoord>(left_), static_cast<wxCoord>(footerTop),
                     static_cast<wxCoord>(left_ + width_), static_cast<wxCoord>(footerTop));
        use(small_);
        text(toWx(report_.footer), left_, footerTop + 3);
        wxString pageText =
            wxString::Format(_("Page %d of %d"), page_, std::max(totalPages_, page_));
        text(pageText, left_ + width_ - textWidth(pageText), footerTop + 3);
    }

    void newPage() {
        ++page_;
        y_ = bodyTop_;
        beginPage();
    }

    /// Starts a new page unless `height` still fits (or the page is empty anyway).
    void keep(double height) {
        if (y_ + height > bodyBottom_ && y_ > bodyTop_)
            newPage();
    }

    /// Height of the smallest piece of `b` that may start a page: a line, a field, or a
    /// table's header with its first row.
    double firstUnitHeight(const ReportBlock& b) {
        double lh = lineHeight(body_);
        switch (b.kind) {
            case ReportBlock::Kind::Heading:
                return lineHeight(heading_) + 8;
            case ReportBlock::Kind::Paragraph:
                return lh;
            case ReportBlock::Kind::Fields: {
                if (b.fields.empty())
                    return 0;
                auto lines = wrap(b.fields.front().second, width_ * 0.7, body_).size();
                return static_cast<double>(lines) * lh + 3;
            }
            case ReportBlock::Kind::Table: {
                auto widths = columnWidths(b);
                double header =
                    static_cast<double>(tallest(wrapRow(b.columns, widths, bold_))) * lh + 6;
                double first =
                    b.rows.empty()
                        ? lh + 6
                        : static_cast<double>(tallest(wrapRow(b.rows.front(), widths, body_))) *
                                  lh +
                              6;
                return std::min(header + first, bodyBottom_ - bodyTop_ - lineHeight(heading_) - 8);
            }
        }
        return lh;
    }

    /// The height `b` takes when drawn whole (tables: without repeated headers).
    double fullHeight(const ReportBlock& b) {
        double lh = lineHeight(body_);
        switch (b.kind) {
            case ReportBlock::Kind::Heading:
                return lineHeight(heading_) + 8;
            case ReportBlock::Kind::Paragraph:
                return static_cast<double>(wrap(b.text, width_, body_).size()) * lh + 6;
            case ReportBlock::Kind::Fields: {
                const double labelWidth = width_ * 0.3;
                double h = 6;
                for (const auto& [label, value] : b.fields)
                    h +=
                        static_cast<double>(std::max(
                            wrap(label, labelWidth - 6, bold_).size(),
                            wrap(value.empty() ? "—" : value, width_ - labelWidth, body_).size())) *
                            lh +
                        3;
                return h;
            }
            case ReportBlock::Kind::Table: {
                auto widths = columnWidths(b);
                double h =
                    static_cast<double>(tallest(wrapRow(b.columns, widths, bold_))) * lh + 14;
                if (b.rows.empty())
                    return h + lh + 6;
                for (const auto& row : b.rows)
                    h += static_cast<double>(tallest(wrapRow(row, widths, body_))) * lh + 6;
                return h;
            }
        }
        return lh;
    }

    void heading(const ReportBlock& b, const ReportBlock* next) {
        double h = lineHeight(heading_);
        // Never strand a heading at the foot of a page: it moves with the start of its block.
        keep(h + 8 + (next ? firstUnitHeight(*next) : 0));
        use(heading_, kNhsBlue);
        text(toWx(b.text), left_, y_);
        y_ += h + 2;
        if (drawing()) {
            dc_.SetPen(wxPen(kNhsBlue));
            dc_.DrawLine(static_cast<wxCoord>(left_), static_cast<wxCoord>(y_),
                         static_cast<wxCoord>(left_ + width_), static_cast<wxCoord>(y_));
        }
        y_ += 6;
    }

    void paragraph(const std::string& s) {
        double lh = lineHeight(body_);
        for (const auto& line : wrap(s, width_, body_)) {
            keep(lh);
            use(body_);
            text(line, left_, y_);
            y_ += lh;
        }
        y_ += 6;
    }

    void fields(const ReportBlock& b) {
        double lh = lineHeight(body_);
        const double labelWidth = width_ * 0.3;
        for (const auto& [label, value] : b.fields) {
            auto labelLines = wrap(label, labelWidth - 6, bold_);
            auto valueLines = wrap(value.empty() ? "—" : value, width_ - labelWidth, body_);
            double h = static_cast<double>(std::max(labelLines.size(), valueLines.size())) * lh + 3;
            keep(h);  // a label and its value stay together
            use(bold_);
            for (std::size_t i = 0; i < labelLines.size(); ++i)
                text(labelLines[i], left_, y_ + static_cast<double>(i) * lh);
            use(body_);
            for (std::size_t i = 0; i < valueLines.size(); ++i)
                text(valueLines[i], left_ + labelWidth, y_ + static_cast<double>(i) * lh);
            y_ += h;
        }
        y_ += 6;
    }

    std::vector<double> columnWidths(const ReportBlock& b) {
        std::vector<int> weights = b.columnWeights;
        weights.resize(b.columns.size(), 1);
        double total = 0;
        for (int w : weights)
            total += w;
        std::vector<double> widths;
        for (int w : weights)
            widths.push_back(width_ * w / total);
        return widths;
    }

    using Cells = std::vector<std::vector<wxString>>;

    Cells wrapRow(const std::vector<std::string>& cells, const std::vector<double>& widths,
                  const wxFont& font) {
        Cells out;
        for (std::size_t c = 0; c < widths.size(); ++c)
            out.push_back(wrap(c < cells.size() ? cells[c] : std::string(), widths[c] - 8, font));
        return out;
    }

    static std::size_t tallest(const Cells& cells) {
        std::size_t n = 1;
        for (const auto& c : cells)
            n = std::max(n, c.size());
        return n;
    }

    void drawRow(const Cells& cells, const std::vector<double>& widths, std::size_t fromLine,
                 std::size_t lines, const wxFont& font, bool shaded) {
        double lh = lineHeight(body_);
        double h = static_cast<double>(lines) * lh + 6;
        if (drawing()) {
            dc_.SetPen(shaded ? wxPen(kPaleGrey) : *wxTRANSPARENT_PEN);
            dc_.SetBrush(shaded ? wxBrush(kPaleGrey) : *wxTRANSPARENT_BRUSH);
            if (shaded)
                dc_.DrawRectangle(static_cast<wxCoord>(left_), static_cast<wxCoord>(y_),
                                  static_cast<wxCoord>(width_), static_cast<wxCoord>(h));
            dc_.SetPen(wxPen(kMidGrey));
            dc_.DrawLine(static_cast<wxCoord>(left_), static_cast<wxCoord>(y_ + h),
                         static_cast<wxCoord>(left_ + width_), static_cast<wxCoord>(y_ + h));
        }
        use(font);
        double x = left_;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            for (std::size_t i = fromLine; i < std::min(cells[c].size(), fromLine + lines); ++i)
                text(cells[c][i], x + 4, y_ + 3 + static_cast<double>(i - fromLine) * lh);
            x += widths[c];
        }
        y_ += h;
    }

    void table(const ReportBlock& b) {
        auto widths = columnWidths(b);
        double lh = lineHeight(body_);
        Cells header = wrapRow(b.columns, widths, bold_);
        double headerHeight = static_cast<double>(tallest(header)) * lh + 6;
        auto drawHeader = [&] { drawRow(header, widths, 0, tallest(header), bold_, true); };

        if (b.rows.empty()) {
            keep(headerHeight + lh + 6);
            drawHeader();
            use(italic_);
            text(toWx(b.emptyText), left_ + 4, y_ + 3);
            y_ += lh + 12;
            return;
        }
        bool first = true;
        for (const auto& row : b.rows) {
            Cells cells = wrapRow(row, widths, body_);
            std::size_t lines = tallest(cells);
            double h = static_cast<double>(lines) * lh + 6;
            double pageRoom = bodyBottom_ - bodyTop_ - headerHeight;
            if (first) {
                keep(headerHeight + std::min(h, pageRoom));
                drawHeader();
                first = false;
            } else if (y_ + h > bodyBottom_) {
                newPage();  // rows are never split; the header repeats on the new page
                drawHeader();
            }
            if (h <= pageRoom) {
                drawRow(cells, widths, 0, lines, body_, false);
                continue;
            }
            // Only a row taller than a whole page is continued over pages, line by line.
            std::size_t done = 0;
            while (done < lines) {
                auto fit = static_cast<std::size_t>(std::max(1.0, (bodyBottom_ - y_ - 6) / lh));
                std::size_t n = std::min(fit, lines - done);
                drawRow(cells, widths, done, n, body_, false);
                done += n;
                if (done < lines) {
                    newPage();
                    drawHeader();
                }
            }
        }
        y_ += 8;
    }

    wxDC& dc_;
    const Report& report_;
    const PageGeometry& g_;
    int pageToDraw_;
    int totalPages_;
    LayoutCache& cache_;
    int page_ = 1;
    double left_ = 0, width_ = 0, bodyTop_ = 0, bodyBottom_ = 0, y_ = 0;
    wxFont body_, bold_, italic_, small_, heading_, title_, bannerName_;
    double s_ = 1.0;  // the report's text scale, applied to the fixed parts of the page too
    bool subtitleBelow_ = false;  // the subtitle has a line of its own under the title
    int bannerLines_ = 1;         // 2: date of birth and NHS number under the name; 3: each alone
    double bannerTop_ = 0;
    double bannerHeight_ = 0;
};

}  // namespace

ReportRenderer::ReportRenderer(const Report& report, PageGeometry geometry)
    : report_(report), geometry_(geometry) {}

int ReportRenderer::run(wxDC& dc, int pageToDraw) {
    Pass pass(dc, report_, geometry_, pageToDraw, pages_, cache_);
    const auto& blocks = report_.blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (Pass::leadsOn(blocks[i]) && (i == 0 || !Pass::leadsOn(blocks[i - 1])))
            pass.keepRun(blocks, i);
        pass.block(blocks[i], i + 1 < blocks.size() ? &blocks[i + 1] : nullptr);
    }
    return pass.page();
}

int ReportRenderer::paginate(wxDC& dc) {
    pages_ = run(dc, 0);
    return pages_;
}

void ReportRenderer::drawPage(wxDC& dc, int page) {
    if (pages_ == 0)
        paginate(dc);
    run(dc, page);
}

}  // namespace nmdt::gui
