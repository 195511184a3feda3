#include "model/search_key.h"

namespace nmdt {

namespace {
char32_t lowerCodepoint(char32_t c) {
    if (c >= U'A' && c <= U'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x178)
        return 0xFF;
    return c;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}
}  // namespace

std::string foldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            out.push_back(static_cast<char>(lowerCodepoint(b0)));
            ++i;
        } else if ((b0 & 0xE0) == 0xC0 && i + 1 < text.size()) {
            char32_t c = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
            appendUtf8(out, lowerCodepoint(c));
            i += 2;
        } else {
            out.push_back(text[i]);  // longer sequences have no case we fold; copy bytes
            ++i;
        }
    }
    return out;
}

std::string prefixUpperBound(std::string_view prefix) {
    std::string upper(prefix);
    upper.push_back('\xFF');  // 0xFF never occurs in UTF-8, so it sorts after any continuation
    return upper;
}

}  // namespace nmdt
