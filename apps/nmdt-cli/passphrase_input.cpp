#include "passphrase_input.h"

#include <fstream>
#include <iostream>
#include <map>
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
        // A passphrase others can read is no secret: refused before it is used.
        if (console::othersMayRead(*file))
            throw std::runtime_error("the passphrase file " + *file +
                                     " can be read by other people on this computer; make it "
                                     "yours only (chmod 600) and try again");
        std::ifstream in(pathFromUtf8(*file));
        if (!in)
            throw std::runtime_error("cannot read the passphrase file " + *file);
        std::string line;
        std::getline(in, line);
        return Passphrase(stripNewline(line));
    }
    // Read once, then gone from the environment (nothing this program starts inherits it);
    // a command that opens its store twice gets the same passphrase the second time.
    static std::map<std::string, Passphrase> fromEnvironment;
    if (auto taken = fromEnvironment.find(envName); taken != fromEnvironment.end())
        return taken->second;
    if (auto env = console::environment(envName)) {
        Passphrase p(*env);
        console::forgetEnvironment(envName);
        fromEnvironment[envName] = p;
        return p;
    }
    if (auto typed = console::promptHidden(prompt))
        return Passphrase(stripNewline(*typed));
    throw std::runtime_error(std::string("no passphrase: give --passphrase-file, set ") + envName +
                             ", or run from a terminal");
}

}  // namespace nmdt::cli
