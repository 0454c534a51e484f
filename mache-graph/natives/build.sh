#!/usr/bin/env bash
# Compiles the tree-sitter core and mache's grammars with gcc -O2 (the core also with -fvisibility=hidden
# -fno-semantic-interposition, and profile-guided: see PGO below) from the C sources in their npm packages, for
# mache-graph's jar (see README.md next to this script). Run by Maven in generate-resources:
#
#   build.sh <resource-dir> <queries-dir> <status-file> [<stale-dir>]
#
# writes <resource-dir>/natives/<os>-<arch>/libtree-sitter[-<grammar>].so + natives.properties, copies each
# grammar package's queries/*.scm to <queries-dir>/<grammar>/ (reference material for the language specs), and
# writes one line to <status-file>: "compiled ..." or "fallback: <reason>". <stale-dir> (target/classes/natives) is
# deleted first, so that natives of an earlier build cannot outlive a fallback build.
#
# Never fails the build: when gcc, npm or tar is missing, the download or a compile fails, it prints a WARNING and
# leaves the natives out; mache then falls back to bonede's prebuilt jars at run time (with a WARNING).
#
# npm tarballs are fetched with `npm pack --ignore-scripts` and unpacked with tar: no install scripts ever run.
# Downloads and compiled libraries are cached OUTSIDE target/ (so `mvn clean` does not recompile) in
# ${MACHE_NATIVES_CACHE:-$HOME/.cache/mache/natives-build}/<key>/, the key hashing the versions below, the flags,
# the gcc version and the machine. A lock file serialises concurrent builds sharing the cache.
#
# ABI pairing: jtreesitter 0.25.6 was generated from tree-sitter 0.25's api.h (TREE_SITTER_LANGUAGE_VERSION 15,
# TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION 13) and calls 143 ts_* functions, all exported by the 0.25.0 core
# built here; the core's own range is read from its api.h into natives.properties, and each grammar's
# LANGUAGE_VERSION (14 or 15; kotlin 0.3.8 is 14) is checked against it before compiling.
set -uo pipefail

TREE_SITTER_VERSION=0.25.0
# grammar name (tree-sitter's, as in the tree_sitter_<name> symbol) | npm package@version | source dir in the package
GRAMMARS=(
  "java|tree-sitter-java@0.23.5|src"
  "go|tree-sitter-go@0.25.0|src"
  "python|tree-sitter-python@0.25.0|src"
  "javascript|tree-sitter-javascript@0.25.0|src"
  "typescript|tree-sitter-typescript@0.23.2|typescript/src"
  "tsx|tree-sitter-typescript@0.23.2|tsx/src"
  "rust|tree-sitter-rust@0.24.0|src"
  "c|tree-sitter-c@0.24.1|src"
  "cpp|tree-sitter-cpp@0.23.4|src"
  "c_sharp|tree-sitter-c-sharp@0.23.5|src"
  "ruby|tree-sitter-ruby@0.23.1|src"
  "kotlin|tree-sitter-kotlin@0.3.8|src"
)
OPT=-O2
# The core is one translation unit (lib.c includes the rest): -fno-semantic-interposition lets gcc inline and call
# directly the API functions it uses itself (ts_node_*, ts_tree_cursor_*, ...) instead of through the PLT, and
# -fvisibility=hidden makes the internal ones (ts_subtree_*, ts_stack_*, ...) local; api.h's and alloc.h's
# "visibility default" keep the ts_* API (all 143 functions jtreesitter calls) and the ts_current_* allocator pointers
# exported. 12-14% less CPU for parsing plus querying Java than plain -O2 (natives/README.md, "Speed"); -O3, -fno-plt
# and -O3 grammars gained nothing.
CORE_CFLAGS=("$OPT" -fvisibility=hidden -fno-semantic-interposition -fPIC -shared -std=c11 -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE)
GRAMMAR_CFLAGS=("$OPT" -fPIC -shared)
# Profile-guided core (MACHE_NATIVES_PGO=0 to turn off): the core is compiled once more with -fprofile-generate, runs
# tsbench.c (parse + mache's Java queries) over mache's own Java sources with the Java grammar, and is compiled a
# third time with the profile; -fprofile-partial-training keeps what the training never ran (other grammars' external
# scanners, tree editing, ...) optimised as without a profile. Another ~20% less CPU than the flags above alone
# (natives/README.md, "Speed"). The grammars are not profiled (no measurable gain). Any failure keeps the plain core.
PGO=${MACHE_NATIVES_PGO:-1}
[[ $PGO == 0 || $PGO == false ]] && PGO=0 || PGO=1
PGO_CFLAGS=(-fprofile-use -fprofile-partial-training -Wno-missing-profile)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JOBS=${MACHE_NATIVES_JOBS:-2}

say() { echo "[mache natives] $*"; }

if [[ $# -lt 3 || $# -gt 4 ]]; then
  echo "usage: $0 <resource-dir> <queries-dir> <status-file> [<stale-dir>]" >&2
  exit 2
fi
RESOURCES=$1
QUERIES=$2
STATUS=$3
mkdir -p "$(dirname "$STATUS")"
rm -rf "$RESOURCES/natives" "$QUERIES" ${4:+"$4"}

fallback() {
  say "WARNING: $1"
  say "WARNING: the jar gets no compiled tree-sitter natives; mache falls back to bonede's prebuilt libraries (at least 2.4x slower parsing)"
  echo "fallback: $1" > "$STATUS"
  exit 0
}

[[ ${MACHE_NATIVES_SKIP:-} == 1 || ${MACHE_NATIVES_SKIP:-} == true ]] && fallback "MACHE_NATIVES_SKIP is set"
[[ $(uname -s) == Linux ]] || fallback "compiled natives are built on Linux only, not $(uname -s)"
case $(uname -m) in
  x86_64 | amd64) ARCH=x86_64 ;;
  aarch64 | arm64) ARCH=aarch64 ;;
  *) ARCH=$(uname -m) ;;
esac
PLATFORM=linux-$ARCH
for tool in gcc npm tar sha256sum flock; do
  command -v "$tool" > /dev/null || fallback "$tool is not installed"
done

GCC_VERSION=$(gcc -dumpfullversion 2> /dev/null || gcc -dumpversion)
KEY=$( {
  echo "tree-sitter@$TREE_SITTER_VERSION"
  printf '%s\n' "${GRAMMARS[@]}"
  echo "core: ${CORE_CFLAGS[*]}"
  echo "grammar: ${GRAMMAR_CFLAGS[*]}"
  ((PGO)) && echo "pgo: ${PGO_CFLAGS[*]}, tsbench.c $(sha256sum < "$HERE/tsbench.c" | cut -c1-16), java grammar, mache's sources"
  gcc --version | head -n 1
  echo "$PLATFORM"
} | sha256sum | cut -c1-16)
CACHE=${MACHE_NATIVES_CACHE:-$HOME/.cache/mache/natives-build}
NPM_CACHE=$CACHE/npm
SRC=$CACHE/src
OUT=$CACHE/$KEY
mkdir -p "$NPM_CACHE" "$SRC" "$OUT/logs" || fallback "cannot create the natives cache $CACHE"

# one build at a time per cache (other checkouts may build mache-graph concurrently)
exec 9> "$CACHE/.lock"
if ! flock -n 9; then
  say "another build holds $CACHE/.lock; waiting for it"
  flock 9
fi

# fetch <pkg@version> -> prints the unpacked package dir
fetch() {
  local spec=$1 name=${1%@*} version=${1##*@}
  local dir=$SRC/$name-$version tgz=$NPM_CACHE/$name-$version.tgz
  if [[ ! -f $dir/.unpacked ]]; then
    if [[ ! -f $tgz ]]; then
      say "downloading $spec (npm pack --ignore-scripts)" >&2
      local tmp
      tmp=$(mktemp -d "$NPM_CACHE/.pack.XXXXXX")
      if ! (cd "$tmp" && npm pack "$spec" --ignore-scripts --silent --fetch-retries=2 --fetch-timeout=60000 > /dev/null 2> "$tmp/npm.log") \
        || [[ ! -f $tmp/$name-$version.tgz ]]; then
        sed 's/^/    /' "$tmp/npm.log" >&2
        rm -rf "$tmp"
        return 1
      fi
      mv "$tmp/$name-$version.tgz" "$tgz"
      rm -rf "$tmp"
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    tar -xzf "$tgz" -C "$dir" --no-same-owner --strip-components=1 || return 1
    touch "$dir/.unpacked"
  fi
  echo "$dir"
}

# compile <output.so> <log> <gcc args...>: into a temporary file, moved into place only on success
compile() {
  local target=$1 log=$2
  shift 2
  if nice -n 10 gcc "$@" -o "$target.tmp" > "$log" 2>&1; then
    mv "$target.tmp" "$target"
  else
    rm -f "$target.tmp"
    return 1
  fi
}

CORE_DIR=$(fetch "tree-sitter@$TREE_SITTER_VERSION") || fallback "cannot download npm package tree-sitter@$TREE_SITTER_VERSION"
CORE_LIB=$CORE_DIR/vendor/tree-sitter/lib
API_H=$CORE_LIB/include/tree_sitter/api.h
[[ -f $CORE_LIB/src/lib.c && -f $API_H ]] || fallback "tree-sitter@$TREE_SITTER_VERSION has no vendor/tree-sitter/lib/src/lib.c"
CORE_ABI_MAX=$(awk '/#define TREE_SITTER_LANGUAGE_VERSION /{print $3}' "$API_H")
CORE_ABI_MIN=$(awk '/#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION /{print $3}' "$API_H")

say "build $KEY: gcc $GCC_VERSION $OPT, tree-sitter $TREE_SITTER_VERSION (ABI $CORE_ABI_MIN..$CORE_ABI_MAX), ${#GRAMMARS[@]} grammars, cache $OUT"
if [[ -f $OUT/libtree-sitter.so ]]; then
  say "cached   libtree-sitter.so"
else
  say "compiling libtree-sitter.so (tree-sitter $TREE_SITTER_VERSION lib.c)"
  rm -f "$OUT/core-pgo.txt"  # a fresh plain core is profiled again below
  compile "$OUT/libtree-sitter.so" "$OUT/logs/core.log" "${CORE_CFLAGS[@]}" \
    -I"$CORE_LIB/include" -I"$CORE_LIB/src" "$CORE_LIB/src/lib.c" -Wl,-soname,libtree-sitter.so \
    || { sed 's/^/    /' "$OUT/logs/core.log"; fallback "compiling the tree-sitter core failed (log: $OUT/logs/core.log)"; }
fi

# fetch every grammar package (sequentially: npm is chatty and the network is the bottleneck), then compile the
# missing ones in parallel
declare -A PKG_DIR ABI
TODO=()
for entry in "${GRAMMARS[@]}"; do
  IFS='|' read -r name spec sub <<< "$entry"
  dir=$(fetch "$spec") || { say "WARNING: cannot download $spec; grammar $name left out"; continue; }
  PKG_DIR[$name]=$dir
  parser=$dir/$sub/parser.c
  [[ -f $parser ]] || { say "WARNING: $spec has no $sub/parser.c; grammar $name left out"; continue; }
  ABI[$name]=$(awk '/#define LANGUAGE_VERSION /{print $3; exit}' "$parser")
  if ((ABI[$name] < CORE_ABI_MIN || ABI[$name] > CORE_ABI_MAX)); then
    say "WARNING: $spec has ABI ${ABI[$name]}, outside the core's $CORE_ABI_MIN..$CORE_ABI_MAX; grammar $name left out"
    continue
  fi
  lib=libtree-sitter-${name//_/-}.so
  if [[ -f $OUT/$lib ]]; then
    say "cached   $lib ($spec, ABI ${ABI[$name]})"
  else
    TODO+=("$name|$spec|$dir/$sub|$lib")
  fi
done

compile_grammar() {
  local name spec src lib
  IFS='|' read -r name spec src lib <<< "$1"
  local sources=("$src/parser.c")
  [[ -f $src/scanner.c ]] && sources+=("$src/scanner.c")
  local started=$SECONDS
  say "compiling $lib ($spec: ${sources[*]##*/})"
  if compile "$OUT/$lib" "$OUT/logs/$name.log" "${GRAMMAR_CFLAGS[@]}" -I"$src" "${sources[@]}"; then
    say "compiled  $lib in $((SECONDS - started)) s"
  else
    sed 's/^/    /' "$OUT/logs/$name.log"
    say "WARNING: compiling $lib failed (log: $OUT/logs/$name.log); grammar $name left out"
  fi
}
running=0
for job in "${TODO[@]}"; do
  if ((running >= JOBS)); then
    wait -n
    running=$((running - 1))
  fi
  compile_grammar "$job" &
  running=$((running + 1))
done
wait

# pgo_core: the profile-guided core in $OUT/libtree-sitter.so, or a reason on stdout and status 1 (the plain core stays)
pgo_core() {
  local dir=$OUT/pgo
  local lib=$dir/libtree-sitter.so
  rm -rf "$dir" && mkdir -p "$dir/profile" || { echo "cannot create $dir"; return 1; }
  [[ -f $OUT/libtree-sitter-java.so ]] || { echo "the Java grammar was not compiled"; return 1; }
  local train=()
  mapfile -t train < <(find "$REPO" -path "$REPO/bench" -prune -o -path '*/target' -prune \
    -o -path '*/src/main/java/*.java' -type f -print | LC_ALL=C sort)
  ((${#train[@]} >= 50)) || { echo "only ${#train[@]} training files (mache's src/main/java) under $REPO"; return 1; }
  local queries=$REPO/mache-graph/src/main/resources/queries/java
  cat "$queries/tags.scm" "$queries/context.scm" "$queries/locals.scm" > "$dir/java.scm" 2> /dev/null \
    || { echo "mache's Java queries are missing under $queries"; return 1; }
  local core_src=(-I"$CORE_LIB/include" -I"$CORE_LIB/src" "$CORE_LIB/src/lib.c" -Wl,-soname,libtree-sitter.so)
  compile "$lib" "$OUT/logs/core-pgo-generate.log" "${CORE_CFLAGS[@]}" -fprofile-generate -fprofile-update=single \
    -fprofile-dir="$dir/profile" "${core_src[@]}" || { echo "the instrumented compile failed ($OUT/logs/core-pgo-generate.log)"; return 1; }
  compile "$dir/tsbench" "$OUT/logs/tsbench.log" -O2 "$HERE/tsbench.c" -ldl \
    || { echo "compiling tsbench.c failed ($OUT/logs/tsbench.log)"; return 1; }
  printf '%s\n' "${train[@]}" | nice -n 10 "$dir/tsbench" "$lib" "$OUT/libtree-sitter-java.so" java "$dir/java.scm" 3 \
    > "$OUT/logs/core-pgo-train.log" 2>&1 || { echo "the training run failed ($OUT/logs/core-pgo-train.log)"; return 1; }
  # (gcc names the .gcda after the object's absolute path, under or mangled into the profile dir)
  [[ -n $(find "$dir/profile" -name '*.gcda' -print -quit) ]] || { echo "the training run wrote no profile"; return 1; }
  compile "$lib" "$OUT/logs/core-pgo-use.log" "${CORE_CFLAGS[@]}" "${PGO_CFLAGS[@]}" -fprofile-dir="$dir/profile" \
    "${core_src[@]}" || { echo "the profile-guided compile failed ($OUT/logs/core-pgo-use.log)"; return 1; }
  mv "$lib" "$OUT/libtree-sitter.so" || { echo "cannot move $lib into place"; return 1; }
  echo "trained on ${#train[@]} Java files of mache's sources with the java grammar"
}
if ((PGO)); then
  if [[ -f $OUT/core-pgo.txt ]]; then
    say "cached   libtree-sitter.so profile-guided: $(cat "$OUT/core-pgo.txt")"
  else
    say "compiling libtree-sitter.so profile-guided (instrumented, trained with tsbench.c, recompiled)"
    started=$SECONDS
    if reason=$(pgo_core); then
      echo "$reason" > "$OUT/core-pgo.txt"
      say "compiled  libtree-sitter.so profile-guided in $((SECONDS - started)) s: $reason"
    else
      say "WARNING: no profile-guided core ($reason); the plain ${CORE_CFLAGS[*]} core is used"
      echo "none: $reason" > "$OUT/core-pgo.txt"
    fi
    rm -rf "$OUT/pgo"
  fi
fi

# assemble the jar resources from the cache
OPTIMIZATION=$OPT
((PGO)) && [[ $(cat "$OUT/core-pgo.txt" 2> /dev/null) == trained* ]] && OPTIMIZATION="$OPT, profile-guided core"
DEST=$RESOURCES/natives/$PLATFORM
mkdir -p "$DEST"
cp "$OUT/libtree-sitter.so" "$DEST/"
{
  echo "# tree-sitter natives compiled by mache-graph/natives/build.sh"
  echo "tree-sitter.version=$TREE_SITTER_VERSION"
  echo "language-version=$CORE_ABI_MAX"
  echo "min-compatible-language-version=$CORE_ABI_MIN"
  echo "compiler=gcc"
  echo "gcc.version=$GCC_VERSION"
  echo "optimization=$OPTIMIZATION"
  echo "core.cflags=${CORE_CFLAGS[*]}"
  echo "grammar.cflags=${GRAMMAR_CFLAGS[*]}"
  if ((PGO)); then
    echo "core.pgo=$(cat "$OUT/core-pgo.txt" 2> /dev/null || echo "none: no record")"
    [[ $(cat "$OUT/core-pgo.txt" 2> /dev/null) == trained* ]] && echo "core.pgo.cflags=${PGO_CFLAGS[*]}"
  else
    echo "core.pgo=none: MACHE_NATIVES_PGO=0"
  fi
  echo "build.key=$KEY"
} > "$DEST/natives.properties"
built=()
missing=()
for entry in "${GRAMMARS[@]}"; do
  IFS='|' read -r name spec sub <<< "$entry"
  lib=libtree-sitter-${name//_/-}.so
  if [[ -f $OUT/$lib ]]; then
    cp "$OUT/$lib" "$DEST/"
    echo "grammar.$name=$spec" >> "$DEST/natives.properties"
    echo "grammar.$name.abi=${ABI[$name]:-?}" >> "$DEST/natives.properties"
    built+=("$name")
  else
    missing+=("$name")
  fi
  dir=${PKG_DIR[$name]:-}
  if [[ -n $dir && -d $dir/queries ]]; then
    mkdir -p "$QUERIES/$name"
    cp "$dir"/queries/*.scm "$QUERIES/$name/" 2> /dev/null
  fi
done

if ((${#missing[@]} > 0)); then
  say "WARNING: grammars not compiled (bonede's prebuilt ones are used for them): ${missing[*]}"
  echo "compiled core, fallback for ${missing[*]}" > "$STATUS"
else
  echo "compiled gcc $GCC_VERSION $OPTIMIZATION$( ((PGO)) || echo " (MACHE_NATIVES_PGO=0)"), tree-sitter $TREE_SITTER_VERSION, ${#built[@]} grammars" > "$STATUS"
fi
say "natives for $PLATFORM: libtree-sitter.so + ${#built[@]} grammars -> $DEST (cached in $OUT)"
