#include "console.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>

namespace nmdt::cli::console {

std::vector<std::string> arguments(int argc, char** argv) {
    return std::vector<std::string>(argv + 1, argv + argc);
}

std::optional<std::string> environment(const char* name) {
    if (const char* value = std::getenv(name); value && *value)
        return std::string(value);
    return std::nullopt;
}

std::optional<std::string> userName() {
    return environment("USER");
}

std::optional<std::string> promptHidden(const char* prompt) {
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

void useUtf8Output() {}  // terminals here are UTF-8 already

}  // namespace nmdt::cli::console
