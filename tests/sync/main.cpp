#define BOOST_TEST_MODULE nmdt_sync_tests
#include <boost/test/unit_test.hpp>
