# Finds third-party libraries. SQLCipher must be the ONLY SQLite the process links:
# if plain libsqlite3 also ends up on the link line, `PRAGMA key` is silently ignored
# and the store is written in plaintext. So SQLiteCpp's SQLite::SQLite3 dependency is
# pointed at libsqlcipher before SQLiteCpp is found.

# Debian puts SQLCipher's header in /usr/include/sqlcipher, and so does the Windows prefix.
find_path(SQLCIPHER_PARENT_DIR NAMES sqlcipher/sqlite3.h REQUIRED)
set(SQLCIPHER_INCLUDE_DIR "${SQLCIPHER_PARENT_DIR}/sqlcipher")
find_library(SQLCIPHER_LIBRARY NAMES sqlcipher REQUIRED)
set(SQLite3_INCLUDE_DIR "${SQLCIPHER_INCLUDE_DIR}" CACHE PATH "SQLCipher headers" FORCE)
set(SQLite3_LIBRARY "${SQLCIPHER_LIBRARY}" CACHE FILEPATH "SQLCipher library" FORCE)
find_package(SQLiteCpp REQUIRED)
if(WIN32)
  # The Windows libraries are static (scripts/windows/build-deps.sh): SQLCipher's own
  # dependencies are not carried by SQLite::SQLite3, so they are added here. OpenSSL is
  # found first so the same static libcrypto serves SQLCipher and Poco.
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  find_package(OpenSSL REQUIRED)
  set_property(TARGET SQLite::SQLite3 APPEND PROPERTY INTERFACE_LINK_LIBRARIES
               OpenSSL::Crypto ws2_32 crypt32)
  # Poco includes <Winsock2.h> and <Iphlpapi.h>: case shims installed with the prefix.
  find_path(NMDT_MINGW_SHIMS NAMES Winsock2.h PATH_SUFFIXES include/mingw-shims REQUIRED)
  include_directories(SYSTEM ${NMDT_MINGW_SHIMS})
  # No DLLs beside the programs: the C and C++ runtimes and winpthread are linked in.
  add_link_options(-static -static-libgcc -static-libstdc++)
  # Paths are UTF-8 everywhere in the code; the Windows build's entry points and file
  # APIs are the wide ones (see platform/ helpers).
  add_compile_definitions(UNICODE _UNICODE WIN32_LEAN_AND_MEAN NOMINMAX _WIN32_WINNT=0x0A00)
  # ctest runs the Windows test programs under Wine on the build machine, through a script
  # that ends a program Wine keeps alive after its last line (scripts/windows/wine-test.sh).
  if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${PROJECT_SOURCE_DIR}/scripts/windows/wine-test.sh)
  endif()
endif()

if(NOT WIN32)
  find_package(OpenSSL 3 REQUIRED)  # libcrypto for the Crypto port (Windows finds it above)
  # libpq, for the hub's PostgreSQL log (an ICB's several instances); Linux hubs only.
  find_package(PostgreSQL REQUIRED)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto JSON)
find_package(Threads REQUIRED)

if(NMDT_BUILD_GUI)
  # Carried by one interface target that only the GUI layer links, so wx headers
  # never become visible to model/, storage/ or integration/.
  add_library(nmdt_wx INTERFACE)
  if(WIN32)
    # The static MSW build in the Windows prefix, read straight from its wx-config (CMake's
    # FindwxWidgets does not take it when cross-compiling).
    find_program(NMDT_WX_CONFIG wx-config PATHS ${NMDT_WINDOWS_PREFIX}/bin NO_DEFAULT_PATH
                 REQUIRED)
    execute_process(COMMAND sh ${NMDT_WX_CONFIG} --cxxflags OUTPUT_VARIABLE wx_cxxflags
                    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND sh ${NMDT_WX_CONFIG} --libs html,core,base OUTPUT_VARIABLE wx_libs
                    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    separate_arguments(wx_cxxflags UNIX_COMMAND "${wx_cxxflags}")
    separate_arguments(wx_libs UNIX_COMMAND "${wx_libs}")
    foreach(flag IN LISTS wx_cxxflags)
      if(flag MATCHES "^-I(.*)")
        target_include_directories(nmdt_wx SYSTEM INTERFACE "${CMAKE_MATCH_1}")
      elseif(flag MATCHES "^-D(.*)")
        target_compile_definitions(nmdt_wx INTERFACE "${CMAKE_MATCH_1}")
      else()
        target_compile_options(nmdt_wx INTERFACE "${flag}")
      endif()
    endforeach()
    # -mwindows belongs to the desktop program only (add_executable WIN32), not to the
    # console test programs that also link wx.
    list(REMOVE_ITEM wx_libs -mwindows -Wl,--subsystem,windows)
    target_link_libraries(nmdt_wx INTERFACE ${wx_libs})
  else()
    find_package(wxWidgets 3.2 REQUIRED COMPONENTS adv html core base)
    target_include_directories(nmdt_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
    target_compile_definitions(nmdt_wx INTERFACE ${wxWidgets_DEFINITIONS})
    target_compile_options(nmdt_wx INTERFACE ${wxWidgets_CXX_FLAGS})
    target_link_libraries(nmdt_wx INTERFACE ${wxWidgets_LIBRARIES})
  endif()
  find_package(PkgConfig REQUIRED)
  if(WIN32)
    # pkg-config must read the Windows prefix's cairo, never the build machine's.
    set(ENV{PKG_CONFIG_LIBDIR}
        "${NMDT_WINDOWS_PREFIX}/lib/pkgconfig:/usr/x86_64-w64-mingw32/lib/pkgconfig")
  endif()
  pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf)
  # cairo for the PDF writer: the shared library on Linux, the static one (with what it is
  # built on: pixman, libpng, zlib, GDI) on Windows.
  add_library(nmdt_cairo INTERFACE)
  if(WIN32)
    target_include_directories(nmdt_cairo SYSTEM INTERFACE ${CAIRO_STATIC_INCLUDE_DIRS})
    target_compile_options(nmdt_cairo INTERFACE ${CAIRO_STATIC_CFLAGS_OTHER})
    target_link_libraries(nmdt_cairo INTERFACE ${CAIRO_STATIC_LDFLAGS})
  else()
    target_link_libraries(nmdt_cairo INTERFACE PkgConfig::CAIRO)
  endif()
endif()
if(NMDT_BUILD_TESTS)
  if(WIN32)
    # Boost.Test header-only (boost/test/included) from the build machine's Boost headers,
    # reached through a folder holding only boost/ so no Linux system header is visible.
    set(NMDT_BOOST_HEADERS "${CMAKE_BINARY_DIR}/boost-headers")
    if(NOT EXISTS "${NMDT_BOOST_HEADERS}/boost")
      file(MAKE_DIRECTORY "${NMDT_BOOST_HEADERS}")
      file(CREATE_LINK /usr/include/boost "${NMDT_BOOST_HEADERS}/boost" SYMBOLIC)
    endif()
    add_library(nmdt_boost_test INTERFACE)
    target_include_directories(nmdt_boost_test SYSTEM INTERFACE "${NMDT_BOOST_HEADERS}")
  else()
    find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
    add_library(nmdt_boost_test INTERFACE)
    target_link_libraries(nmdt_boost_test INTERFACE Boost::unit_test_framework)
    target_compile_definitions(nmdt_boost_test INTERFACE BOOST_TEST_DYN_LINK)
  endif()
endif()
if(NMDT_BUILD_BENCHMARKS)
  find_package(benchmark QUIET)
endif()
