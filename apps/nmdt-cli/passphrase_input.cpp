#include "passphrase_input.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace nmdt::cli {

namespace {
std::string stripNewline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

#ifdef _WIN32
std::optional<std::string> promptOnTerminal(const char* prompt) {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (in == INVALID_HANDLE_VALUE || !GetConsoleMode(in, &mode))
        return std::nullopt;
    SetConsoleMode(in, mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    std::fprintf(stderr, "%s: ", prompt);
    std::string line;
    std::getline(std::cin, line);
    std::fprintf(stderr, "\n");
    SetConsoleMode(in, mode);
    return line;
}
#else
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
#endif
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
