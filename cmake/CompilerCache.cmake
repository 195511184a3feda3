# Compiles through ccache when it is installed, so a fresh clone (CI) rebuilds only what
# changed since any earlier build on this machine. The cache lives outside the work tree,
# shared by the Linux, MinGW and sanitizer trees; ccache keys each object by the compiler,
# its flags and the preprocessed source, so the trees never mix.
option(NMDT_CCACHE "Compile through ccache when it is installed" ON)

if(NMDT_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(NMDT_CCACHE_PROGRAM ccache)
  if(NMDT_CCACHE_PROGRAM)
    if(DEFINED ENV{CCACHE_DIR})
      set(nmdt_ccache_dir "$ENV{CCACHE_DIR}")
    elseif(DEFINED ENV{XDG_CACHE_HOME})
      set(nmdt_ccache_dir "$ENV{XDG_CACHE_HOME}/neighbourhood-mdt/ccache")
    else()
      set(nmdt_ccache_dir "$ENV{HOME}/.cache/neighbourhood-mdt/ccache")
    endif()
    # Paths below the source tree are hashed relative to it and the build directory is left
    # out of the hash, so a clone in another directory still hits the cache.
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env "CCACHE_DIR=${nmdt_ccache_dir}" "CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}"
        CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=8G ${NMDT_CCACHE_PROGRAM})
    message(STATUS "Compiler cache: ${NMDT_CCACHE_PROGRAM} in ${nmdt_ccache_dir}")
  endif()
endif()
