#define BOOST_TEST_MODULE nmdt_model_tests
#include <boost/test/unit_test.hpp>
