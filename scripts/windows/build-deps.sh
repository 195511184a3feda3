#!/usr/bin/env bash
# Builds the Windows release's third-party libraries from Debian's *source* packages with
# MinGW-w64, static, into one prefix kept outside the work tree. The prefix is keyed by the
# compiler and toolchain file; inside it each library carries a stamp keyed by its own recipe
# (the function below), its source version and the keys of the libraries it is built on, so a
# warm build reuses everything and a changed recipe rebuilds only that library and those above
# it. The sha256 of every source file built is recorded in SOURCES.sha256. Prints the prefix on
# its last line.
#
#   scripts/windows/build-deps.sh            # build or reuse
#   NMDT_WINDOWS_DEPS=/some/cache scripts/windows/build-deps.sh
#
# Libraries: OpenSSL, SQLCipher 3.4.1 (the same file format as the Linux stores), SQLiteCpp,
# Poco (Foundation, Util, Net, NetSSL, Crypto, JSON), libpng, pixman, cairo (PDF output) and
# wxWidgets (base, core, adv, html). Consumers add include/mingw-shims to their include path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

packages=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-tools
          libz-mingw-w64-dev dpkg-dev cmake ninja-build tcl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

# Source packages need a deb-src entry mirroring the system's own Debian entries.
src_list=/etc/apt/sources.list.d/neighbourhood-mdt-debian-src.sources
if ! apt-cache showsrc sqlcipher 2>/dev/null | grep -q '^Package: sqlcipher'; then
  if [ ! -f "$src_list" ]; then
    echo "build-deps: adding deb-src entries ($src_list)"
    sed -n '/^Types: deb$/,/^$/p' /etc/apt/sources.list.d/debian.sources |
      sed 's/^Types: deb$/Types: deb-src/' | "${sudo_cmd[@]}" tee "$src_list" >/dev/null
  fi
  missing+=(__update__)
fi
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  real=()
  for p in "${missing[@]}"; do [ "$p" != __update__ ] && real+=("$p"); done
  [ ${#real[@]} -gt 0 ] && "${sudo_cmd[@]}" apt-get install -y -qq "${real[@]}"
fi

source_version() {  # the newest version of a source package Debian offers now
  apt-cache showsrc "$1" | awk '/^Version:/ {print $2}' | sort -V | tail -1
}
compiler="$(x86_64-w64-mingw32-g++-posix --version | head -1)"
toolchain="$root/cmake/mingw-w64-x86_64.cmake"
prefix_key="$( { echo "$compiler"; cat "$toolchain"; } | sha256sum | cut -c1-16)"
cache="${NMDT_WINDOWS_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/neighbourhood-mdt/windows-deps}"
prefix="$cache/mingw-$prefix_key"
mkdir -p "$prefix/.stamps" "$cache/sources"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
jobs="$(nproc)"
# pkg-config must see only this prefix and MinGW's own zlib, never the build machine's.
export PKG_CONFIG=pkg-config
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig:/usr/x86_64-w64-mingw32/lib/pkgconfig"
unset PKG_CONFIG_PATH
autotools_host=(--host=x86_64-w64-mingw32 --prefix="$prefix" --disable-shared --enable-static)
export CC=x86_64-w64-mingw32-gcc-posix CXX=x86_64-w64-mingw32-g++-posix
native_cc=(env -u CC -u CXX)

fetch() {  # fetch PACKAGE VERSION: the source unpacked in $work/PACKAGE, sha256 recorded
  (cd "$cache/sources" && apt-get source --download-only -qq "$1=$2" >/dev/null 2>&1 || true)
  local upstream="${2%-*}"
  upstream="${upstream#*:}"
  local orig
  orig="$(ls "$cache/sources/$1_${upstream}.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -1)"
  [ -f "$orig" ] || { echo "build-deps: no source for $1 $2" >&2; exit 1; }
  # The mirror sometimes lacks a .dsc or .debian.tar while the upstream tarball downloads:
  # record whatever arrived, the tarball that is built always among it.
  local sums
  sums="$(cd "$cache/sources" &&
    for f in "$1_${2#*:}"* "$1_${upstream}".orig.tar.*; do
      [ -f "$f" ] && sha256sum "$f"
    done | sort -u)"
  { grep -v "  $1_" "$prefix/SOURCES.sha256" 2>/dev/null || true; echo "$sums"; } |
    sort -u -k2 >"$prefix/SOURCES.sha256.new"
  mv "$prefix/SOURCES.sha256.new" "$prefix/SOURCES.sha256"
  # With its .dsc, unpack as Debian does, patches (security fixes among them) applied;
  # without one, the upstream tarball.
  local dsc="$cache/sources/$1_${2#*:}.dsc"
  if [ -f "$dsc" ] && dpkg-source --no-check -x "$dsc" "$work/$1" >/dev/null 2>&1; then
    return
  fi
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1"
  tar -xf "$orig" -C "$work/$1" --strip-components=1
}

# OpenSSL: libcrypto and libssl, no tests, no DLLs.
build_openssl() {
  fetch openssl "$1"
  (cd "$work/openssl" &&
    "${native_cc[@]}" ./Configure mingw64 --cross-compile-prefix=x86_64-w64-mingw32- no-shared \
      no-tests --prefix="$prefix" --libdir=lib >/dev/null &&
    "${native_cc[@]}" make -j"$jobs" build_libs >/dev/null && make install_sw >/dev/null)
}

# SQLCipher 3.4.1: the amalgamation is generated natively, then compiled with MinGW, with the
# options Debian builds its libsqlcipher with (debian/rules), so both platforms' stores have
# the same features.
build_sqlcipher() {
  fetch sqlcipher "$1"
  local flags=(-DSQLITE_HAS_CODEC -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA
               -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1
               -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1
               -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_MAX_SCHEMA_RETRY=25)
  (cd "$work/sqlcipher" &&
    "${native_cc[@]}" ./configure --enable-tempstore=yes --disable-tcl CFLAGS="${flags[*]}" \
      LDFLAGS=-lcrypto >/dev/null &&
    "${native_cc[@]}" make sqlite3.c >/dev/null &&
    x86_64-w64-mingw32-gcc-posix -O2 -fno-strict-aliasing -c sqlite3.c -o sqlite3.o \
      -I"$prefix/include" "${flags[@]}" -DSQLCIPHER_CRYPTO_OPENSSL \
      -DSQLITE_TEMP_STORE=2 -DSQLITE_THREADSAFE=1 &&
    x86_64-w64-mingw32-ar rcs libsqlcipher.a sqlite3.o &&
    mkdir -p "$prefix/include/sqlcipher" &&
    cp sqlite3.h sqlite3ext.h "$prefix/include/sqlcipher/" &&
    cp libsqlcipher.a "$prefix/lib/")
}

# SQLiteCpp over that SQLCipher (never an SQLite of its own). It is compiled against the
# sqlite3.h it ships (3.40): SQLCipher 3.4.1's own header declares sqlite3_value as a typedef
# of struct Mem, which conflicts with SQLiteCpp's forward declaration. Debian's Linux build
# pairs the same newer header with SQLCipher 3.4.1 at run time; the C API it calls is there.
build_sqlitecpp() {
  fetch sqlitecpp "$1"
  cmake -S "$work/sqlitecpp" -B "$work/sqlitecpp-build" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DNMDT_WINDOWS_PREFIX="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DSQLITECPP_INTERNAL_SQLITE=OFF -DSQLITECPP_RUN_CPPLINT=OFF -DSQLITECPP_RUN_CPPCHECK=OFF \
    -DSQLITECPP_BUILD_TESTS=OFF -DSQLITECPP_BUILD_EXAMPLES=OFF \
    -DSQLite3_INCLUDE_DIR="$work/sqlitecpp/sqlite3" \
    -DSQLite3_LIBRARY="$prefix/lib/libsqlcipher.a" >/dev/null
  cmake --build "$work/sqlitecpp-build" -j "$jobs" >/dev/null
  cmake --install "$work/sqlitecpp-build" >/dev/null
}

# Poco: only what the application uses (Foundation, Util, Net, NetSSL over OpenSSL, Crypto,
# JSON). Poco includes <Winsock2.h> and <Iphlpapi.h> with capitals where MinGW's headers are
# lower case, so a folder of shims stands in for them, installed with the prefix because
# Poco's own headers include them too; MinGW's iphlpapi.h also pulls in wincrypt.h, whose
# TIMESTAMP_REQUEST macro collides with Poco's ICMP enum. windmc is the message compiler that
# Poco's Windows event log channel needs.
build_poco() {
  fetch poco "$1"
  local shims="$prefix/include/mingw-shims"
  mkdir -p "$shims"
  printf '#include <winsock2.h>\n' >"$shims/Winsock2.h"
  printf '#include <iphlpapi.h>\n#undef TIMESTAMP_REQUEST\n' >"$shims/Iphlpapi.h"
  local off=()
  for m in XML DATA DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC MONGODB REDIS PDF ZIP \
           SEVENZIP PAGECOMPILER PAGECOMPILER_FILE2PAGE ENCODINGS ENCODINGS_COMPILER \
           ACTIVERECORD ACTIVERECORD_COMPILER JWT APACHECONNECTOR CPPPARSER POCODOC TESTS \
           NETSSL_WIN PROMETHEUS; do
    off+=("-DENABLE_$m=OFF")
  done
  cmake -S "$work/poco" -B "$work/poco-build" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DNMDT_WINDOWS_PREFIX="$prefix" \
    -DCMAKE_MC_COMPILER="$(command -v x86_64-w64-mingw32-windmc)" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=OFF \
    -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=TRUE \
    -DCMAKE_CXX_FLAGS="-I$shims" -DCMAKE_C_FLAGS="-I$shims" "${off[@]}" \
    -DENABLE_FOUNDATION=ON -DENABLE_UTIL=ON -DENABLE_NET=ON -DENABLE_NETSSL=ON \
    -DENABLE_CRYPTO=ON -DENABLE_JSON=ON >/dev/null
  cmake --build "$work/poco-build" -j "$jobs" >/dev/null
  cmake --install "$work/poco-build" >/dev/null
  # Util is built without XML (no XML configuration files), but its CMake package still asks
  # for PocoXML, which is not there.
  sed -i '/find_dependency(PocoXML)/d' "$prefix/cmake/PocoUtilConfig.cmake"
}

# libpng over MinGW's zlib: cairo's PNG support and wxWidgets' images need it (Debian's
# wxWidgets tarball has its bundled copy removed).
build_libpng() {
  fetch libpng1.6 "$1"
  (cd "$work/libpng1.6" &&
    ./configure "${autotools_host[@]}" CPPFLAGS=-I/usr/x86_64-w64-mingw32/include \
      LDFLAGS=-L/usr/x86_64-w64-mingw32/lib >/dev/null &&
    make -j"$jobs" libpng16.la >/dev/null &&
    make install-libLTLIBRARIES install-pkgincludeHEADERS install-nodist_pkgincludeHEADERS \
      install-pkgconfigDATA install-header-links install-library-links >/dev/null)
}

# pixman: cairo's rasteriser. Only the library, not its tests and demos.
build_pixman() {
  fetch pixman "$1"
  (cd "$work/pixman" &&
    ./configure "${autotools_host[@]}" --disable-gtk --disable-libpng --disable-openmp \
      >/dev/null &&
    make -j"$jobs" -C pixman >/dev/null && make -C pixman install >/dev/null &&
    make install-pkgconfigDATA >/dev/null)
}

# cairo: the PDF surface that care plans, agendas and minutes are drawn on, with Windows (GDI)
# fonts; no PostScript, SVG, FreeType/fontconfig or X.
build_cairo() {
  fetch cairo "$1"
  # Debian's patches touch build files; the generated ones in the tarball still match them
  # for this configuration, so mark those newer rather than need autotools to remake them.
  (cd "$work/cairo" && find . -name aclocal.m4 -exec touch {} + && sleep 1 &&
    touch configure config.h.in 2>/dev/null; find . -name Makefile.in -exec touch {} +)
  (cd "$work/cairo" &&
    ./configure "${autotools_host[@]}" --enable-win32 --enable-win32-font --enable-pdf \
      --enable-png --disable-ps --disable-svg --disable-script --disable-ft --disable-fc \
      --disable-xlib --disable-xcb --disable-xlib-xrender --disable-quartz --disable-gobject \
      --disable-trace --disable-interpreter --disable-full-testing --disable-gtk-doc \
      --disable-valgrind --disable-symbol-lookup png_REQUIRES=libpng16 \
      CPPFLAGS="-I/usr/x86_64-w64-mingw32/include -DCAIRO_WIN32_STATIC_BUILD" \
      LDFLAGS=-L/usr/x86_64-w64-mingw32/lib >/dev/null &&
    make -j"$jobs" -C src libcairo.la >/dev/null && make -C src install >/dev/null)
  # A static cairo on Windows must be told so by every consumer, or its functions are
  # declared dllimport.
  # and its static link needs the GDI libraries and (for its fortified string calls) libssp,
  # which its .pc file leaves out.
  sed -i -e 's/^Cflags: \(.*\)$/Cflags: \1 -DCAIRO_WIN32_STATIC_BUILD/' \
    -e 's/^Libs.private: \(.*\)$/Libs.private: \1 -lgdi32 -lmsimg32 -lssp/' \
    "$prefix/lib/pkgconfig/cairo.pc"
}

# wxWidgets: the Windows-native port, static, with only the libraries the desktop uses
# (base, core, adv, html) and cairo for drawing PDFs through a wxGraphicsContext. Compiled as
# C++14: its cairo code says "using namespace std" before including windows.h, whose COM
# headers' byte then collides with C++17's std::byte.
build_wxwidgets() {
  fetch wxwidgets3.2 "$1"
  mkdir -p "$work/wx-build" "$work/bin"
  # wx's configure ignores an unprefixed pkg-config when cross-compiling (and so would not
  # find cairo): a host-named one that reads only this prefix.
  printf '#!/bin/sh\nexec pkg-config "$@"\n' >"$work/bin/x86_64-w64-mingw32-pkg-config"
  chmod +x "$work/bin/x86_64-w64-mingw32-pkg-config"
  (cd "$work/wx-build" && export PATH="$work/bin:$PATH" &&
    export PKG_CONFIG="$work/bin/x86_64-w64-mingw32-pkg-config" &&
    "$work/wxwidgets3.2/configure" --host=x86_64-w64-mingw32 --prefix="$prefix" \
      --disable-shared --with-msw --with-cairo \
      --with-zlib=sys --with-libpng=sys --without-libjpeg --without-libtiff --without-expat \
      --disable-svg --without-opengl --without-libnotify --disable-xrc \
      --disable-aui --disable-ribbon --disable-propgrid --disable-richtext --disable-stc \
      --disable-webview --disable-mediactrl --disable-sound --disable-sockets \
      --disable-debug_info --disable-precomp-headers --disable-tests \
      CPPFLAGS="-I$prefix/include -I/usr/x86_64-w64-mingw32/include" \
      LDFLAGS="-L$prefix/lib -L/usr/x86_64-w64-mingw32/lib" \
      CAIRO_CFLAGS="$(pkg-config --cflags cairo)" CXXFLAGS="-O2 -std=gnu++14" \
      CAIRO_LIBS="$(pkg-config --static --libs cairo)" >"$work/wx-configure.log" 2>&1 &&
    if grep -q "Cairo library is too old" "$work/wx-configure.log"; then
      echo "build-deps: wxWidgets did not find cairo" >&2
      exit 1
    fi &&
    make -j"$jobs" >/dev/null && make install >/dev/null)
}

# wxWidgets on Windows reaches cairo through a shim (src/common/cairo.cpp) that loads
# libcairo-2.dll at run time and defines every cairo function itself, which collides with the
# static cairo linked into the programs. The shim's object is replaced by one saying cairo is
# there: no DLL to find, one cairo in the process.
build_wx_static_cairo() {
  local lib="$prefix/lib/libwx_mswu_core-3.2-x86_64-w64-mingw32.a"
  printf '%s\n' '// Cairo is linked statically into every program: nothing to load.' \
    'bool wxCairoInit() { return true; }' >"$work/corelib_cairo.cpp"
  x86_64-w64-mingw32-g++-posix -O2 -c "$work/corelib_cairo.cpp" -o "$work/corelib_cairo.o"
  x86_64-w64-mingw32-ar d "$lib" corelib_cairo.o
  (cd "$work" && x86_64-w64-mingw32-ar rs "$lib" corelib_cairo.o)
}

# Each library: its recipe, version and what it is built on make its key. A library whose
# stamp matches is kept; otherwise it is rebuilt, and so is everything built on it.
declare -A keys=()
stage() {  # stage NAME SOURCE-PACKAGE DEPENDENCY...
  local name="$1" package="$2"
  shift 2
  local version
  version="$(source_version "$package")"
  [ -n "$version" ] || { echo "build-deps: Debian offers no source for $package" >&2; exit 1; }
  local deps=""
  for d in "$@"; do deps+="${keys[$d]} "; done
  local key
  key="$( { declare -f "build_$name" fetch; echo "$version $deps $prefix_key"; } |
          sha256sum | cut -c1-16)"
  keys[$name]="$key"
  if [ "$(cat "$prefix/.stamps/$name" 2>/dev/null)" = "$key" ]; then
    return
  fi
  echo "build-deps: building $name $version into $prefix"
  local started=$SECONDS
  rm -f "$prefix/.stamps/$name"
  "build_$name" "$version"
  echo "$key" >"$prefix/.stamps/$name"
  echo "build-deps: $name built in $((SECONDS - started)) s"
}

stage openssl openssl
stage sqlcipher sqlcipher openssl
stage sqlitecpp sqlitecpp sqlcipher
stage poco poco openssl
stage libpng libpng1.6
stage pixman pixman
stage cairo cairo libpng pixman
stage wxwidgets wxwidgets3.2 libpng cairo
stage wx_static_cairo wxwidgets3.2 wxwidgets
echo "build-deps: ready; sources recorded in $prefix/SOURCES.sha256"
echo "$prefix"
