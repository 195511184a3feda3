#include "passphrase_input.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace nmdt::cli {

namespace {
std::string stripNewline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

std::optional<std::string> promptOnTerminal(const char* prompt) {
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return std::nullopt;
    termios old{};
    bool haveTermios = tcgetattr(fd, &old) == 0;
    if (haveTermios) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::string text = std::string(prompt) + ": ";
    (void)!write(fd, text.data(), text.size());
    std::string line;
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    (void)!write(fd, "\n", 1);
    if (haveTermios)
        tcsetattr(fd, TCSAFLUSH, &old);
    close(fd);
    return line;
}
}  // namespace

Passphrase readPassphrase(const std::optional<std::string>& file, const char* envName,
                          const char* prompt) {
    if (file) {
        std::ifstream in(*file);
        if (!in)
            throw std::runtime_error("cannot read the passphrase file " + *file);
        std::string line;
        std::getline(in, line);
        return Passphrase(stripNewline(line));
    }
    if (const char* env = std::getenv(envName); env && *env)
        return Passphrase(env);
    if (auto typed = promptOnTerminal(prompt))
        return Passphrase(stripNewline(*typed));
    throw std::runtime_error(std::string("no passphrase: give --passphrase-file, set ") + envName +
                             ", or run from a terminal");
}

}  // namespace nmdt::cli
