#!/usr/bin/env bash
# bench/live.sh [EDITS] [FILES] [fresh|restart]: how long a saved edit takes to show over NFS and WebDAV.
#
# Generates a Java repository of FILES files (default 400: 20 packages x 20 classes, each calling the next), serves
# it with `./mache serve` (first index done before measuring), then saves EDITS edits (default 10), each adding a
# method to another class, and times from the save (the file written and closed) until the new method is listed
# by nfs-ls (libnfs-utils) and by a curl PROPFIND. Each probe is a real client process (~10-30 ms each), so the
# figures include one probe interval. Prints every edit, then median and max per protocol; the first edit is
# reported apart from the rest too (a cold first edit was the question). "fresh" (default): serve builds a new store
# (its first index, in batches); "restart": `mache index` builds it first, so serve starts on an unchanged store and
# its first edit is the first parse and update of that process.
#
# Needs: nfs-ls (libnfs-utils), curl. Leaves nothing running. MACHE_SERVE_ARGS adds flags (e.g. --poll).
set -euo pipefail

edits="${1:-10}"
files="${2:-400}"
mode="${3:-fresh}"
[[ "$mode" == fresh || "$mode" == restart ]] || { echo "live.sh: mode is fresh or restart, not $mode" >&2; exit 2; }
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d /tmp/mache-live.XXXXXX)"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for tool in nfs-ls curl; do
  command -v "$tool" >/dev/null || { echo "live.sh: needs $tool (apt-get install libnfs-utils curl)" >&2; exit 1; }
done

src="$work/src"
per=20
for ((i = 0; i < files; i++)); do
  pkg=$((i / per))
  next=$(((i + 1) % files))
  mkdir -p "$src/p$pkg"
  cat > "$src/p$pkg/C$i.java" <<EOF
package p$pkg;

public class C$i {
    private int count;

    public int m$i(int x) {
        return new p$((next / per)).C$next().m$next(x + count);
    }

    public int size() {
        return count;
    }
}
EOF
done

log="$work/serve.log"
if [[ "$mode" == restart ]]; then
  "$root/mache" index "$src" --db "$work/live.db" > "$work/index.log" 2>&1 || { cat "$work/index.log" >&2; exit 1; }
fi
# the server logs how long each re-index took (LiveUpdates at info), to tell indexing from the rest of the latency
export JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:-} -Dorg.slf4j.simpleLogger.log.dev.mache.cli.LiveUpdates=info"
# shellcheck disable=SC2086
"$root/mache" serve "$src" --db "$work/live.db" ${MACHE_SERVE_ARGS:-} > "$log" 2>&1 &
server=$!
for ((t = 0; t < 1200; t++)); do
  grep -q 'Ctrl-C stops.' "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "live.sh: serve exited" >&2; exit 1; }
  sleep 0.25
done
grep -q 'Ctrl-C stops.' "$log" || { cat "$log" >&2; echo "live.sh: serve did not finish its first index" >&2; exit 1; }
port="$(sed -n 's/.*nfsport=\([0-9]*\).*/\1/p' "$log" | head -1)"
dav="$(sed -n 's/^WebDAV: \(http[^ ]*\)$/\1/p' "$log" | head -1)"
dav="${dav%/}"
grep -m1 ' files (' "$log" || true

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

nfs_ms=()
dav_ms=()
for ((e = 1; e <= edits; e++)); do
  k=$(((e * 37) % files))
  pkg=$((k / per))
  file="$src/p$pkg/C$k.java"
  method="added$e"
  dir="java/p$pkg/classes/C$k/methods"
  # the edit: a new method before the class's closing brace, written in one go as an editor's save does
  body="$(sed '$d' "$file")"
  t0=$(now_ms)
  printf '%s\n\n    public int %s() {\n        return %d;\n    }\n}\n' "$body" "$method" "$e" > "$file.tmp"
  mv "$file.tmp" "$file"
  nfs_seen=""
  dav_seen=""
  while [[ -z "$nfs_seen" || -z "$dav_seen" ]]; do
    # (outputs are captured whole: grep -q closing a pipe early would fail the probe under pipefail)
    if [[ -z "$nfs_seen" ]]; then
      listing="$(nfs-ls "nfs://127.0.0.1/$dir?version=3&nfsport=$port&mountport=$port" 2>/dev/null || true)"
      [[ "$listing" == *" $method()"* ]] && nfs_seen=$(( $(now_ms) - t0 ))
    fi
    if [[ -z "$dav_seen" ]]; then
      listing="$(curl -s -X PROPFIND -H 'Depth: 1' "$dav/$dir/" 2>/dev/null || true)"
      [[ "$listing" == *"/$method()/</D:href>"* ]] && dav_seen=$(( $(now_ms) - t0 ))
    fi
    if (( $(now_ms) - t0 > 180000 )); then
      echo "live.sh: edit $e ($method in $file) not visible after 180 s" >&2
      tail -20 "$log" >&2
      exit 1
    fi
  done
  nfs_ms+=("$nfs_seen")
  dav_ms+=("$dav_seen")
  printf 'edit %2d  %-28s NFS %6d ms  WebDAV %6d ms\n' "$e" "p$pkg/C$k.java" "$nfs_seen" "$dav_seen"
done

stats() { # median and max of the arguments
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "median %d ms, max %d ms (n=%d)", m, a[NR], NR}'
}
echo "NFS:    $(stats "${nfs_ms[@]}");  first edit ${nfs_ms[0]} ms"
echo "WebDAV: $(stats "${dav_ms[@]}");  first edit ${dav_ms[0]} ms"
if (( edits > 1 )); then
  echo "without the first edit: NFS $(stats "${nfs_ms[@]:1}"), WebDAV $(stats "${dav_ms[@]:1}")"
fi
grep -E 'changed path|re-index' "$log" | tail -n "$edits" | sed 's/^/  serve: /' || true
