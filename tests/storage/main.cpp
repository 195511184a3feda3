#define BOOST_TEST_MODULE nmdt_storage_tests
#include <boost/test/unit_test.hpp>
