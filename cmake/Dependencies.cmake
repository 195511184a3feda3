# Finds third-party libraries. SQLCipher must be the ONLY SQLite the process links:
# if plain libsqlite3 also ends up on the link line, `PRAGMA key` is silently ignored
# and the store is written in plaintext. So SQLiteCpp's SQLite::SQLite3 dependency is
# pointed at libsqlcipher before SQLiteCpp is found.

# Debian puts SQLCipher's header in /usr/include/sqlcipher; vcpkg in include/sqlcipher.
find_path(SQLCIPHER_PARENT_DIR NAMES sqlcipher/sqlite3.h REQUIRED)
set(SQLCIPHER_INCLUDE_DIR "${SQLCIPHER_PARENT_DIR}/sqlcipher")
find_library(SQLCIPHER_LIBRARY NAMES sqlcipher REQUIRED)
set(SQLite3_INCLUDE_DIR "${SQLCIPHER_INCLUDE_DIR}" CACHE PATH "SQLCipher headers" FORCE)
set(SQLite3_LIBRARY "${SQLCIPHER_LIBRARY}" CACHE FILEPATH "SQLCipher library" FORCE)
find_package(SQLiteCpp REQUIRED)

find_package(Poco REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto JSON)
find_package(Threads REQUIRED)

if(NMDT_BUILD_GUI)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS adv html core base)
  # Carried by one interface target that only the GUI layer links, so wx headers
  # never become visible to model/, storage/ or integration/.
  add_library(nmdt_wx INTERFACE)
  target_include_directories(nmdt_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
  target_compile_definitions(nmdt_wx INTERFACE ${wxWidgets_DEFINITIONS})
  target_compile_options(nmdt_wx INTERFACE ${wxWidgets_CXX_FLAGS})
  target_link_libraries(nmdt_wx INTERFACE ${wxWidgets_LIBRARIES})
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf)
endif()
if(NMDT_BUILD_TESTS)
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
if(NMDT_BUILD_BENCHMARKS)
  find_package(benchmark QUIET)
endif()
