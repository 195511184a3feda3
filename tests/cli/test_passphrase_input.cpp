// Where the command line's passphrases come from, and that the environment does not keep
// them: once read, NMDT_PASSPHRASE is gone, and nothing the program starts inherits it.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "passphrase_input.h"
#include "platform/console.h"

using namespace nmdt;

namespace {
void setVariable(const char* name, const char* value) {
#ifdef _WIN32
    _putenv_s(name, value);
#else
    ::setenv(name, value, 1);
#endif
}
}  // namespace

BOOST_AUTO_TEST_SUITE(passphrase_input)

BOOST_AUTO_TEST_CASE(a_passphrase_from_the_environment_is_dropped_from_it_once_read) {
    const char* name = "NMDT_TEST_PASSPHRASE";
    setVariable(name, "kettle on the stove, always");
    BOOST_TEST_REQUIRE(std::getenv(name) != nullptr);
    Passphrase read = cli::readPassphrase(std::nullopt, name, "Passphrase");
    BOOST_TEST(std::string(read.reveal()) == "kettle on the stove, always");
    BOOST_TEST(std::getenv(name) == nullptr);
    BOOST_TEST(!cli::console::environment(name).has_value());
#ifndef _WIN32
    // A program it starts (an editor, a helper) does not inherit it.
    BOOST_TEST(std::system("test -z \"${NMDT_TEST_PASSPHRASE+set}\"") == 0);
#endif
    // A command that opens its store twice gets the same passphrase the second time.
    BOOST_TEST(std::string(cli::readPassphrase(std::nullopt, name, "Passphrase").reveal()) ==
               "kettle on the stove, always");
}

BOOST_AUTO_TEST_SUITE_END()
