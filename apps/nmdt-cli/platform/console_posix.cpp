#include "console.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "model/utf8_path.h"

namespace nmdt::cli::console {

std::vector<std::string> arguments(int argc, char** argv) {
    return std::vector<std::string>(argv + 1, argv + argc);
}

std::optional<std::string> environment(const char* name) {
    if (const char* value = std::getenv(name); value && *value)
        return std::string(value);
    return std::nullopt;
}

void forgetEnvironment(const char* name) {
    if (char* value = std::getenv(name)) {
        volatile char* p = value;
        for (; *p; ++p)
            *p = 'x';
    }
    ::unsetenv(name);
}

bool othersMayRead(const std::string& utf8Path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto status = fs::status(pathFromUtf8(utf8Path), ec);
    if (ec)
        return false;  // reading it will say what is wrong
    const auto others = fs::perms::group_read | fs::perms::group_write | fs::perms::others_read |
                        fs::perms::others_write;
    return (status.permissions() & others) != fs::perms::none;
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
