#!/usr/bin/env bash
# NFS benchmark (TESTING.md §4): workloads W1-W5 with libnfs clients against `mache serve` and against nfs-ganesha
# (FSAL_VFS) serving the same projection materialized on disk. The two servers alternate within one run; the script
# prints per-run times, medians, ratios mache/ganesha, and each server's peak RSS and CPU seconds.
#
# Usage: bench/nfs.sh [RUNS] [CORPUS_DIR]          (defaults: 3, bench/corpus/jdk unpacked from the JDK's src.zip)
# Environment:
#   WORKLOADS="W1 W2 W3 W4 W5"   which workloads to run
#   W2_FILES=2000                how many `source` files W2 reads (one nfs-cat each)
#   W5_CONSTRUCTS=1000           how many callers/ directories W5 visits
#   DB=FILE                      an existing index (skips `mache index`)
#   MATERIALIZED=DIR             an existing on-disk copy of the projection (skips `mache materialize`)
#   MACHE_NFS_PORT=P             an NFS server already serving the projection on 127.0.0.1:P (skips `mache serve`)
# Needs: libnfs-utils, nfs-ganesha, nfs-ganesha-vfs, rpcbind (apt-get install -y --no-install-recommends ...), bc;
# libnfs-dev and cc when the tree is deeper than nfs-ls -R goes (16 levels).
# Relies on `./mache index DIR --db DB`, `./mache materialize DB OUTDIR` and `./mache serve DIR --db DB --nfs-port P
# --no-webdav` (which prints the libnfs URL with nfsport=P).
set -euo pipefail   # (so no `| head` below: an early-closing reader would fail the pipeline with SIGPIPE)
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CORPUS=${2:-bench/corpus/jdk}
WORKLOADS=${WORKLOADS:-"W1 W2 W3 W4 W5"}
W2_FILES=${W2_FILES:-2000}
W5_CONSTRUCTS=${W5_CONSTRUCTS:-1000}
# ganesha's ports: free ones, so two runs on one machine never talk to each other's server
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
GANESHA_NFS_PORT=${GANESHA_NFS_PORT:-$(free_port)}
GANESHA_MNT_PORT=${GANESHA_MNT_PORT:-$(free_port)}

for tool in nfs-ls nfs-cat bc python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install libnfs-utils bc)" >&2; exit 1; }
done
command -v ganesha.nfsd >/dev/null || { echo "needs nfs-ganesha: apt-get install nfs-ganesha nfs-ganesha-vfs rpcbind" >&2; exit 1; }

OUT=$(mktemp -d /tmp/mache-nfs-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so a Ctrl-C or a timeout still runs the cleanup above
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
# the process that really serves: the deepest descendant of a launcher script (./mache may exec java or not)
leaf() { local p=$1 c; while c=$(pgrep -P "$p" | awk 'NR == 1') && [ -n "$c" ]; do p=$c; done; echo "$p"; }
peak_rss() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# ---- the tree: index, materialize, serve
if [ -z "${MATERIALIZED:-}" ] || [ -z "${MACHE_NFS_PORT:-}" ]; then
  if [ ! -d "$CORPUS" ]; then
    echo "unpacking the JDK sources into $CORPUS"
    mkdir -p "$CORPUS" && unzip -q /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip -d "$CORPUS"
  fi
  if [ -z "${DB:-}" ]; then
    DB=$OUT/mache.db
    echo "indexing $CORPUS"
    ./mache index "$CORPUS" --db "$DB" > /dev/null
  fi
fi
if [ -z "${MATERIALIZED:-}" ]; then
  MATERIALIZED=$OUT/tree
  echo "materializing the projection into $MATERIALIZED"
  ./mache materialize "$MATERIALIZED" --db "$DB" > /dev/null
fi
MATERIALIZED=$(realpath "$MATERIALIZED")
ENTRIES=$(find "$MATERIALIZED" -mindepth 1 | wc -l)

MACHE_PID=
if [ -z "${MACHE_NFS_PORT:-}" ]; then
  ./mache serve "$CORPUS" --db "$DB" --nfs-port 0 --no-webdav > "$OUT/mache.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 600); do
    MACHE_NFS_PORT=$(grep -o 'nfsport=[0-9]*' "$OUT/mache.log" | awk -F= 'NR == 1 {print $2}' || true)
    [ -n "$MACHE_NFS_PORT" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$OUT/mache.log" >&2; echo "mache serve exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$MACHE_NFS_PORT" ] || { echo "mache serve printed no nfsport" >&2; exit 1; }
  MACHE_PID=$(leaf "${PIDS[-1]}")
fi

# ganesha needs an rpcbind; reuse one that is running
if ! (exec 3<>/dev/tcp/127.0.0.1/111) 2>/dev/null; then
  rpcbind -f -w & PIDS+=($!)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/111) 2>/dev/null && break; sleep 0.1; done
fi
cat > "$OUT/ganesha.conf" <<CONF
NFS_CORE_PARAM { Protocols = 3; NFS_Port = $GANESHA_NFS_PORT; MNT_Port = $GANESHA_MNT_PORT; Bind_addr = 127.0.0.1;
  Enable_NLM = false; Enable_RQUOTA = false; Enable_UDP = false; }
NFS_KRB5 { Active_krb5 = false; }
EXPORT { Export_Id = 1; Path = $MATERIALIZED; Pseudo = /x; Access_Type = RO; Squash = No_Root_Squash; Protocols = 3;
  Transports = TCP; SecType = sys; FSAL { Name = VFS; } }
CONF
ganesha.nfsd -F -f "$OUT/ganesha.conf" -L "$OUT/ganesha.log" -p "$OUT/ganesha.pid" & PIDS+=($!)
GANESHA_PID=${PIDS[-1]}

# URL of a path of the tree on one server: mache serves it at /, ganesha at its Path
url() { # server path
  case $1 in
    mache) echo "nfs://127.0.0.1/$2?version=3&nfsport=$MACHE_NFS_PORT&mountport=$MACHE_NFS_PORT" ;;
    ganesha) echo "nfs://127.0.0.1$MATERIALIZED/$2?version=3&nfsport=$GANESHA_NFS_PORT&mountport=$GANESHA_MNT_PORT" ;;
  esac
}
for _ in $(seq 300); do nfs-ls "$(url ganesha "")" > /dev/null 2>&1 && break; sleep 0.2; done
nfs-ls "$(url ganesha "")" > /dev/null || { tail -20 "$OUT/ganesha.log" >&2; echo "ganesha does not answer" >&2; exit 1; }

# ---- workloads (each checks its own output, so a fast wrong answer is not a win)
(cd "$MATERIALIZED" && find . -type f -name source | sed 's|^\./||' | sort | awk -v n="$W2_FILES" 'NR <= n') > "$OUT/sources"
(cd "$MATERIALIZED" && find . -type d -name callers | sed 's|^\./||' | sort | awk -v n="$W5_CONSTRUCTS" 'NR <= n') > "$OUT/callers"
# the directory with the most entries: count each path's parent (one find, no process per directory)
BIGDIR=$(cd "$MATERIALIZED" && find . -mindepth 1 | sed 's|/[^/]*$||' | sort | uniq -c | sort -rn | awk 'NR == 1')
BIGDIR=${BIGDIR#"${BIGDIR%%[! ]*}"}
BIGDIR_ENTRIES=${BIGDIR%% *}; BIGDIR=${BIGDIR#* }; BIGDIR=${BIGDIR#./}; [ "$BIGDIR" = "." ] && BIGDIR=
echo "tree: $ENTRIES entries; W2 reads $(wc -l < "$OUT/sources") source files; W3 lists '$BIGDIR' ($BIGDIR_ENTRIES entries) 50x;" \
  "W5 visits $(wc -l < "$OUT/callers") callers/ directories"

# W1/W4 list with `nfs-ls -R`, which gives up below 16 levels ("Recursion detected!"); deeper trees (the JDK's
# projection nests nested classes in lambdas in methods...) are listed with bench/nfs-walk.c, the same libnfs calls
# without the limit
DEPTH=$(cd "$MATERIALIZED" && find . -mindepth 1 | awk -F/ '{ if (NF - 1 > d) d = NF - 1 } END { print d + 0 }')
if [ "$DEPTH" -le 16 ]; then
  LIST_TREE=(nfs-ls -R)
else
  [ -f /usr/include/nfsc/libnfs.h ] || { echo "tree depth $DEPTH > 16 needs libnfs-dev to build bench/nfs-walk.c" >&2; exit 1; }
  cc -O2 -o "$OUT/nfs-walk" bench/nfs-walk.c -lnfs
  LIST_TREE=("$OUT/nfs-walk")
fi
echo "tree depth $DEPTH: W1/W4 list with ${LIST_TREE[*]}"

expect_lines() { # expected actual what
  [ "$1" = "$2" ] || { echo "wrong answer from $3: $2 lines, expected $1" >&2; exit 1; }
}
W1() { expect_lines "$ENTRIES" "$("${LIST_TREE[@]}" "$(url "$1" "")" | wc -l)" "$1 W1"; }
W2() {
  local f
  while IFS= read -r f; do nfs-cat "$(url "$1" "$f")" > /dev/null; done < "$OUT/sources"
}
W3() {
  local i
  for i in $(seq 50); do expect_lines "$BIGDIR_ENTRIES" "$(nfs-ls "$(url "$1" "$BIGDIR")" | wc -l)" "$1 W3"; done
}
W4() {
  local i pids=()
  for i in 1 2 3 4; do W1 "$1" & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i"; done
}
# W5: list each callers/ directory, then read what each link points at (resolved from the link text: libnfs mounts a
# file's parent directory and refuses links that climb above it, as every callers/ link does)
W5() {
  local d link target
  while IFS= read -r d; do
    nfs-ls "$(url "$1" "$d")" > /dev/null
    for link in "$MATERIALIZED/$d"/*; do
      [ -L "$link" ] || continue
      target=$(realpath -m --relative-to="$MATERIALIZED" "$(dirname "$link")/$(readlink "$link")")
      nfs-cat "$(url "$1" "$target")" > /dev/null
    done
  done < "$OUT/callers"
}

# one untimed pass of every workload on each server: the JIT and the page cache start warm on both sides. Each step
# is reported as it ends: under load a pass takes minutes, and a silent one looks like a hang.
echo "warming up"
for w in $WORKLOADS; do
  line="  warm-up $w:"
  for server in mache ganesha; do
    t0=$(now); "$w" "$server"; t1=$(now)
    line="$line $server $(printf '%.1f' "$(echo "$t1 - $t0" | bc)")s"
  done
  echo "$line (load $(cut -d' ' -f1 /proc/loadavg))"
done

for i in $(seq "$RUNS"); do
  line="run $i:"
  for w in $WORKLOADS; do
    for server in mache ganesha; do
      t0=$(now); "$w" "$server"; t1=$(now)
      echo "$t1 - $t0" | bc >> "$OUT/$w.$server"
      line="$line $w $server $(printf '%.2f' "$(tail -1 "$OUT/$w.$server")")s"
    done
  done
  echo "$line"
done

echo "workload  mache(s)  ganesha(s)  mache/ganesha   (medians of $RUNS runs)"
for w in $WORKLOADS; do
  m=$(median < "$OUT/$w.mache"); g=$(median < "$OUT/$w.ganesha")
  printf '%-8s  %8.2f  %10.2f  %13.2f\n' "$w" "$m" "$g" "$(echo "scale=4; $m / $g" | bc)"
done
GANESHA_REAL=$(cat "$OUT/ganesha.pid" 2>/dev/null || echo "$GANESHA_PID")
if [ -n "$MACHE_PID" ]; then
  echo "mache:   peak RSS $(peak_rss "$MACHE_PID") KiB, CPU $(cpu_seconds "$MACHE_PID") s"
else
  echo "mache:   served by an external process on port $MACHE_NFS_PORT (RSS not measured)"
fi
echo "ganesha: peak RSS $(peak_rss "$GANESHA_REAL") KiB, CPU $(cpu_seconds "$GANESHA_REAL") s"
