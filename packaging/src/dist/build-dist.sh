#!/usr/bin/env bash
# Builds mache's distributions from packaging/target (run by Maven in `package`, after the jar and target/lib/):
#
#   build-dist.sh <version> <target-dir> <dist-src-dir> <jdk-home>
#
#   <target>/dist/mache-<version>/             the unpacked distribution (also the .deb's /opt/mache):
#       bin/mache                              POSIX sh launcher, always on runtime/ below
#       lib/*.jar                              mache.jar and its runtime dependencies
#       natives/tree-sitter/<sha256-24>/*.so   the gcc-compiled tree-sitter natives from mache-graph's jar, laid out as
#                                              its extractor does, so they are used in place (read-only)
#       natives/sqlite/libsqlitejdbc.so        the SQLite JDBC driver's library for this platform
#       runtime/                               a jlink'd Java runtime (with a class-data sharing archive)
#       share/systemd/mache@.service, share/mache.conf.sample
#   <target>/mache-<version>-linux-<arch>.tar.gz
#   <target>/mache_<debian-version>_<debian-arch>.deb   (dpkg-deb; /opt/mache, /usr/bin/mache, the unit, a config)
#
# MACHE_DIST_SKIP=true skips everything (the ./mache launcher's quick rebuilds). The jlink'd runtime is kept in
# <target>/dist/runtime-<key> and reused while the JDK and the module list stay the same.
set -euo pipefail

say() { echo "[mache dist] $*"; }
die() { echo "[mache dist] ERROR: $*" >&2; exit 1; }

[[ $# -eq 4 ]] || die "usage: $0 <version> <target-dir> <dist-src-dir> <jdk-home>"
VERSION=$1
TARGET=$(cd "$2" && pwd -P)
SRC=$(cd "$3" && pwd -P)
JDK=$4

if [[ ${MACHE_DIST_SKIP:-} == true || ${MACHE_DIST_SKIP:-} == 1 ]]; then
  say "skipped (mache.dist.skip)"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) ARCH=x86_64 DEB_ARCH=amd64 SQLITE_PLATFORM=Linux/x86_64 ;;
  Linux/aarch64 | Linux/arm64) ARCH=aarch64 DEB_ARCH=arm64 SQLITE_PLATFORM=Linux/aarch64 ;;
  *) die "distributions are built on Linux x86_64 or aarch64, not $(uname -s) $(uname -m)" ;;
esac
for tool in tar gzip unzip sha256sum dpkg-deb; do
  command -v "$tool" > /dev/null || die "$tool is not installed (needed to build the distributions)"
done
[[ -x $JDK/bin/jlink ]] || die "$JDK/bin/jlink is missing: build with a full JDK 25"
[[ -f $TARGET/mache.jar ]] || die "$TARGET/mache.jar is missing (run after the jar is packaged)"

# The runtime's modules. Computed with `jdeps --multi-release 25 --ignore-missing-deps --print-module-deps` over
# mache.jar and target/lib/*.jar, minus java.desktop, which only Jetty's optional leak preventers and
# IntrospectorCleaner use (it would add 20 MB and X11/ALSA libraries); plus jdk.management (the JVM's CPU and
# memory figures) and java.xml (mache-vfs; java.sql requires it too). RuntimeModulesIT checks that mache's own
# jars need nothing outside this list.
MODULES=java.base,java.compiler,java.management,java.naming,java.rmi,java.security.jgss,java.sql,java.xml,jdk.security.auth,jdk.unsupported,jdk.management
JLINK_OPTS=(--strip-debug --no-man-pages --no-header-files --generate-cds-archive)

DIST=$TARGET/dist
NAME=mache-$VERSION
STAGE=$DIST/$NAME
mkdir -p "$DIST"
rm -rf "$STAGE" "$DIST/deb"
mkdir -p "$STAGE/bin" "$STAGE/lib" "$STAGE/natives" "$STAGE/share/systemd"
started=$SECONDS

# --- the Java runtime, reused while the JDK and the options are the same
KEY=$({ cat "$JDK/release"; echo "$MODULES"; echo "${JLINK_OPTS[*]}"; } | sha256sum | cut -c1-16)
RUNTIME=$DIST/runtime-$KEY
if [[ ! -x $RUNTIME/bin/java ]]; then
  rm -rf "$DIST"/runtime-*
  say "jlink: $MODULES"
  "$JDK/bin/jlink" --add-modules "$MODULES" "${JLINK_OPTS[@]}" --output "$RUNTIME.tmp" > /dev/null
  mv "$RUNTIME.tmp" "$RUNTIME"
else
  say "runtime: reusing $RUNTIME"
fi
cp -al "$RUNTIME" "$STAGE/runtime"

# --- launcher, jars, service files
install -m 0755 "$SRC/bin/mache" "$STAGE/bin/mache"
cp "$TARGET/mache.jar" "$STAGE/lib/"
cp "$TARGET"/lib/*.jar "$STAGE/lib/"
install -m 0644 "$SRC/systemd/mache@.service" "$STAGE/share/systemd/"
install -m 0644 "$SRC/mache.conf.sample" "$STAGE/share/"

# --- natives: tree-sitter's from mache-graph's jar, each in <sha256 prefix>/ as dev.mache.graph.lang.natives.Extractor
# lays them out (it then finds them with the right content and writes nothing)
GRAPH_JAR=$(compgen -G "$TARGET/lib/mache-graph-*.jar" | head -n 1 || true)
[[ -n $GRAPH_JAR ]] || die "no mache-graph jar in $TARGET/lib"
UNPACK=$DIST/unpack
rm -rf "$UNPACK" && mkdir -p "$UNPACK"
unzip -q -o "$GRAPH_JAR" "natives/linux-$ARCH/*.so" -d "$UNPACK" 2> /dev/null || true
count=0
for so in "$UNPACK/natives/linux-$ARCH"/*.so; do
  [[ -f $so ]] || continue
  dir=$STAGE/natives/tree-sitter/$(sha256sum "$so" | cut -c1-24)
  mkdir -p "$dir"
  install -m 0644 "$so" "$dir/"
  count=$((count + 1))
done
if ((count == 0)); then
  say "WARNING: $(basename "$GRAPH_JAR") has no compiled tree-sitter natives (built without gcc/npm): the"
  say "WARNING: distribution falls back to bonede's prebuilt ones, extracted into the user's cache at run time"
fi
SQLITE_JAR=$(compgen -G "$TARGET/lib/sqlite-jdbc-*.jar" | head -n 1 || true)
[[ -n $SQLITE_JAR ]] || die "no sqlite-jdbc jar in $TARGET/lib"
mkdir -p "$STAGE/natives/sqlite"
unzip -p "$SQLITE_JAR" "org/sqlite/native/$SQLITE_PLATFORM/libsqlitejdbc.so" > "$STAGE/natives/sqlite/libsqlitejdbc.so"
[[ -s $STAGE/natives/sqlite/libsqlitejdbc.so ]] || die "$(basename "$SQLITE_JAR") has no $SQLITE_PLATFORM library"
rm -rf "$UNPACK"

# --- the tarball
TARBALL=$TARGET/$NAME-linux-$ARCH.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$DIST" -cf - "$NAME" | gzip -6 > "$TARBALL.tmp"
mv "$TARBALL.tmp" "$TARBALL"
say "$(basename "$TARBALL"): $(du -k "$TARBALL" | cut -f1) KiB ($count tree-sitter natives)"

# --- the Debian package
# Debian version: 0.1.0-SNAPSHOT -> 0.1.0~snapshot (a pre-release sorts before 0.1.0; '-' would start a revision)
DEB_VERSION=$(echo "$VERSION" | tr '[:upper:]' '[:lower:]' | tr '-' '~')
DEB=$DIST/deb
mkdir -p "$DEB/opt" "$DEB/usr/bin" "$DEB/lib/systemd/system" "$DEB/etc/mache" "$DEB/usr/share/doc/mache" "$DEB/DEBIAN"
cp -al "$STAGE" "$DEB/opt/mache"
ln -s /opt/mache/bin/mache "$DEB/usr/bin/mache"
install -m 0644 "$SRC/systemd/mache@.service" "$DEB/lib/systemd/system/"
install -m 0644 "$SRC/mache.conf.sample" "$DEB/etc/mache/example.conf"
install -m 0644 "$SRC/debian/copyright" "$DEB/usr/share/doc/mache/"
# the oldest glibc every bundled library accepts (the tree-sitter natives are compiled on the build machine)
GLIBC=$(find "$DEB/opt/mache" -name '*.so' -exec objdump -T {} + 2> /dev/null \
  | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -k3,3n -u | tail -n 1 || true)
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@ARCH@/$DEB_ARCH/" \
  -e "s/@DEPENDS@/libc6${GLIBC:+ (>= $GLIBC)}/" \
  -e "s/@SIZE@/$(du -sk --apparent-size "$DEB" | cut -f1)/" "$SRC/debian/control" > "$DEB/DEBIAN/control"
install -m 0644 "$SRC/debian/conffiles" "$DEB/DEBIAN/"
install -m 0755 "$SRC/debian/postinst" "$SRC/debian/postrm" "$DEB/DEBIAN/"
DEB_FILE=$TARGET/mache_${DEB_VERSION}_$DEB_ARCH.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$DEB" "$DEB_FILE.tmp" > /dev/null
mv "$DEB_FILE.tmp" "$DEB_FILE"
rm -rf "$DEB"
say "$(basename "$DEB_FILE"): $(du -k "$DEB_FILE" | cut -f1) KiB (Depends: libc6${GLIBC:+ (>= $GLIBC)})"
say "distributions built in $((SECONDS - started)) s"
