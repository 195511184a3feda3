#!/usr/bin/env bash
# Builds the Windows release's third-party libraries from Debian's *source* packages with
# MinGW-w64, static, into one prefix kept outside the work tree and keyed by what it was built
# from (this script, the source versions and the compiler), so a warm build reuses it and a
# changed input rebuilds it. The sha256 of every source file is recorded in the prefix.
# Prints the prefix on its last line.
#
#   scripts/windows/build-deps.sh            # build or reuse
#   NMDT_WINDOWS_DEPS=/some/cache scripts/windows/build-deps.sh
#
# Done so far (issue 11): OpenSSL, SQLCipher 3.4.1 (the same format as the Linux stores),
# SQLiteCpp, Poco (Foundation, Util, Net, NetSSL, Crypto, JSON). Still to come: wxWidgets
# (base, core, adv, html) and the cairo stack for PDF output. Consumers of this prefix add
# include/mingw-shims to their include path (see Poco below).
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
openssl_v="$(source_version openssl)"
sqlcipher_v="$(source_version sqlcipher)"
sqlitecpp_v="$(source_version sqlitecpp)"
poco_v="$(source_version poco)"
compiler="$(x86_64-w64-mingw32-g++-posix --version | head -1)"
key="$( { cat "$0" "$root/cmake/mingw-w64-x86_64.cmake"
          echo "$openssl_v $sqlcipher_v $sqlitecpp_v $poco_v $compiler"; } |
        sha256sum | cut -c1-16)"
cache="${NMDT_WINDOWS_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/neighbourhood-mdt/windows-deps}"
prefix="$cache/$key"
if [ -f "$prefix/.complete" ]; then
  echo "build-deps: reusing $prefix"
  echo "$prefix"
  exit 0
fi
echo "build-deps: building into $prefix (openssl $openssl_v, sqlcipher $sqlcipher_v," \
     "sqlitecpp $sqlitecpp_v, poco $poco_v; $compiler)"
rm -rf "$prefix"
mkdir -p "$prefix" "$cache/sources"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
jobs="$(nproc)"

fetch() {  # fetch PACKAGE VERSION: the source files, their sha256 recorded
  (cd "$cache/sources" && apt-get source --download-only -qq "$1=$2" >/dev/null 2>&1 || true)
  local upstream="${2%-*}"
  upstream="${upstream#*:}"
  local orig
  orig="$(ls "$cache/sources/$1_${upstream}.orig.tar."* | head -1)"
  [ -f "$orig" ] || { echo "build-deps: no source for $1 $2" >&2; exit 1; }
  # The mirror sometimes lacks a .dsc or .debian.tar while the upstream tarball downloads:
  # record whatever arrived, the tarball that is built always among it.
  (cd "$cache/sources" &&
    for f in "$1_${2#*:}"* "$1_${upstream}".orig.tar.*; do
      [ -f "$f" ] && sha256sum "$f"
    done | sort -u) >>"$prefix/SOURCES.sha256"
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
fetch openssl "$openssl_v"
(cd "$work/openssl" &&
  ./Configure mingw64 --cross-compile-prefix=x86_64-w64-mingw32- no-shared no-tests \
    --prefix="$prefix" --libdir=lib >/dev/null &&
  make -j"$jobs" build_libs >/dev/null && make install_sw >/dev/null)

# SQLCipher 3.4.1: the amalgamation is generated natively, then compiled with MinGW, with the
# options Debian builds its libsqlcipher with (debian/rules), so both platforms' stores have
# the same features.
fetch sqlcipher "$sqlcipher_v"
sqlite_flags=(-DSQLITE_HAS_CODEC -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA
              -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1
              -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1
              -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_MAX_SCHEMA_RETRY=25)
(cd "$work/sqlcipher" &&
  ./configure --enable-tempstore=yes --disable-tcl CFLAGS="${sqlite_flags[*]}" \
    LDFLAGS=-lcrypto >/dev/null &&
  make sqlite3.c >/dev/null &&
  x86_64-w64-mingw32-gcc-posix -O2 -fno-strict-aliasing -c sqlite3.c -o sqlite3.o \
    -I"$prefix/include" "${sqlite_flags[@]}" -DSQLCIPHER_CRYPTO_OPENSSL \
    -DSQLITE_TEMP_STORE=2 -DSQLITE_THREADSAFE=1 &&
  x86_64-w64-mingw32-ar rcs libsqlcipher.a sqlite3.o &&
  mkdir -p "$prefix/include/sqlcipher" &&
  cp sqlite3.h sqlite3ext.h "$prefix/include/sqlcipher/" &&
  cp libsqlcipher.a "$prefix/lib/")

# SQLiteCpp over that SQLCipher (never an SQLite of its own). It is compiled against the
# sqlite3.h it ships (3.40): SQLCipher 3.4.1's own header declares sqlite3_value as a typedef
# of struct Mem, which conflicts with SQLiteCpp's forward declaration. Debian's Linux build
# pairs the same newer header with SQLCipher 3.4.1 at run time; the C API it calls is there.
fetch sqlitecpp "$sqlitecpp_v"
cmake -S "$work/sqlitecpp" -B "$work/sqlitecpp-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" -DNMDT_WINDOWS_PREFIX="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DSQLITECPP_INTERNAL_SQLITE=OFF -DSQLITECPP_RUN_CPPLINT=OFF -DSQLITECPP_RUN_CPPCHECK=OFF \
  -DSQLITECPP_BUILD_TESTS=OFF -DSQLITECPP_BUILD_EXAMPLES=OFF \
  -DSQLite3_INCLUDE_DIR="$work/sqlitecpp/sqlite3" \
  -DSQLite3_LIBRARY="$prefix/lib/libsqlcipher.a" >/dev/null
cmake --build "$work/sqlitecpp-build" -j "$jobs" >/dev/null
cmake --install "$work/sqlitecpp-build" >/dev/null

# Poco: only what the application uses (Foundation, Util, Net, NetSSL over OpenSSL, Crypto,
# JSON). Poco includes <Winsock2.h> and <Iphlpapi.h> with capitals where MinGW's headers are
# lower case, so a folder of shims stands in for them, installed with the prefix because
# Poco's own headers include them too; MinGW's iphlpapi.h also pulls in wincrypt.h, whose
# TIMESTAMP_REQUEST macro collides with Poco's ICMP enum. windmc is the message compiler that
# Poco's Windows event log channel needs.
fetch poco "$poco_v"
shims="$prefix/include/mingw-shims"
mkdir -p "$shims"
printf '#include <winsock2.h>\n' >"$shims/Winsock2.h"
printf '#include <iphlpapi.h>\n#undef TIMESTAMP_REQUEST\n' >"$shims/Iphlpapi.h"
poco_off=()
for m in XML DATA DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC MONGODB REDIS PDF ZIP \
         SEVENZIP PAGECOMPILER PAGECOMPILER_FILE2PAGE ENCODINGS ENCODINGS_COMPILER ACTIVERECORD \
         ACTIVERECORD_COMPILER JWT APACHECONNECTOR CPPPARSER POCODOC TESTS NETSSL_WIN PROMETHEUS; do
  poco_off+=("-DENABLE_$m=OFF")
done
cmake -S "$work/poco" -B "$work/poco-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" -DNMDT_WINDOWS_PREFIX="$prefix" \
  -DCMAKE_MC_COMPILER="$(command -v x86_64-w64-mingw32-windmc)" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=OFF \
  -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=TRUE \
  -DCMAKE_CXX_FLAGS="-I$shims" -DCMAKE_C_FLAGS="-I$shims" "${poco_off[@]}" \
  -DENABLE_FOUNDATION=ON -DENABLE_UTIL=ON -DENABLE_NET=ON -DENABLE_NETSSL=ON \
  -DENABLE_CRYPTO=ON -DENABLE_JSON=ON >/dev/null
cmake --build "$work/poco-build" -j "$jobs" >/dev/null
cmake --install "$work/poco-build" >/dev/null

touch "$prefix/.complete"
echo "build-deps: done; sources recorded in $prefix/SOURCES.sha256"
echo "$prefix"
