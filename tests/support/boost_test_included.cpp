// The Windows build's Boost.Test framework, compiled from Boost's headers into each test
// executable (Debian has no MinGW build of the library). The module name and the suites
// come from the executable's own files.
#include <boost/test/included/unit_test.hpp>
