#include "passphrase_input.h"

#include <fstream>
#include <iostream>
#include <stdexcept>

#include "model/utf8_path.h"
#include "platform/console.h"

namespace nmdt::cli {

namespace {
std::string stripNewline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

}  // namespace

Passphrase readPassphrase(const std::optional<std::string>& file, const char* envName,
                          const char* prompt) {
    if (file) {
        std::ifstream in(pathFromUtf8(*file));
        if (!in)
            throw std::runtime_error("cannot read the passphrase file " + *file);
        std::string line;
        std::getline(in, line);
        return Passphrase(stripNewline(line));
    }
    if (auto env = console::environment(envName))
        return Passphrase(*env);
    if (auto typed = console::promptHidden(prompt))
        return Passphrase(stripNewline(*typed));
    throw std::runtime_error(std::string("no passphrase: give --passphrase-file, set ") + envName +
                             ", or run from a terminal");
}

}  // namespace nmdt::cli
