#!/usr/bin/env bash
# WebDAV benchmark (TESTING.md §4): W1 (breadth-first PROPFIND Depth:1 walk), W2 (GET every `source` over
# keep-alive), W3 (PROPFIND Depth:1 of one 5,000-entry directory x50 over keep-alive) and W5 (PROPFIND + GET of
# `callers/` for 1,000 constructs) against `mache serve` and the peers, each peer serving the same tree
# materialized on disk: nginx + dav-ext (nginx-extras), lighttpd mod_webdav, Apache mod_dav, rclone serve webdav.
# Servers alternate within each run; prints per-run figures, medians, ratios mache/nginx, server CPU seconds and
# peak RSS.
#
# Usage: bench/dav.sh [RUNS] [SOURCE_DIR]     (default: 3 runs over a generated synthetic Java corpus)
# Env:   PEERS="nginx lighttpd apache rclone" to choose peers; W2_MAX (5000) files read in W2;
#        WORKLOADS="W1 W2 W3 W5" to run only some of them (the others print as -);
#        WARMUP=N (0) untimed passes of those workloads before the RUNS timed ones (for the JIT of a JVM server).
#        MACHE_SERVE_ARGS="--no-access-log" extra flags for `mache serve` (nginx runs with access_log off).
# Needs: curl python3 nginx-extras lighttpd apache2 rclone; ./mache with `index`, `serve` and `materialize`.
set -euo pipefail
cd "$(dirname "$0")/.."
MACHE=${MACHE:-./mache}   # the command under test (a checkout's launcher by default)
RUNS=${1:-3}
SRC=${2:-}
PEERS=${PEERS:-nginx lighttpd apache rclone}
W2_MAX=${W2_MAX:-5000}
WORKLOADS=${WORKLOADS:-W1 W2 W3 W5}
for w in $WORKLOADS; do case $w in W1|W2|W3|W5) ;; *) echo "unknown workload $w (W1 W2 W3 W5)" >&2; exit 1 ;; esac; done
runs() { [[ " $WORKLOADS " == *" $1 "* ]]; }
WARMUP=${WARMUP:-0}
OUT=$(mktemp -d /tmp/mache-davbench.XXXXXX)
chmod 755 "$OUT"   # peers that drop privileges (Apache's www-data children) read the tree from here
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$OUT"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "needs $1: apt-get install $2" >&2; exit 1; }; }
need curl curl; need python3 python3
for p in $PEERS; do
  case $p in
    nginx) need nginx nginx-extras ;;
    lighttpd) need lighttpd lighttpd ;;
    apache) need apache2 apache2 ;;
    rclone) need rclone rclone ;;
  esac
done

# ------------------------------------------------------------------ corpus
if [ -z "$SRC" ]; then
  SRC=$OUT/synthetic
  echo "generating the synthetic corpus in $SRC"
  python3 - "$SRC" <<'PY'
import os, sys
root = sys.argv[1]
# 30 packages x 10 classes x 5 methods, calling across packages, plus one class with 5,000 small methods (a
# 5,000-entry methods/ directory): deterministic, about 60,000 tree entries.
for p in range(30):
    d = os.path.join(root, "src", "pkg%03d" % p)
    os.makedirs(d, exist_ok=True)
    for c in range(10):
        with open(os.path.join(d, "C%02d.java" % c), "w") as f:
            f.write("package pkg%03d;\n\nimport pkg%03d.C%02d;\n\npublic class C%02d {\n" % (p, (p + 1) % 30, c, c))
            for m in range(5):
                f.write("    /** m%d of C%02d. */\n    public int m%d(int x) {\n        return new C%02d().m%d(x + %d);\n    }\n\n"
                        % (m, c, m, c, (m + 1) % 5, m))
            f.write("}\n")
d = os.path.join(root, "src", "wide")
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, "Wide.java"), "w") as f:
    f.write("package wide;\n\npublic class Wide {\n")
    for m in range(5000):
        f.write("    int w%04d(int x) { return x + %d; }\n" % (m, m))
    f.write("}\n")
PY
fi

$MACHE --version >/dev/null   # builds if needed, outside the timings
DB=$OUT/db
TREE=$OUT/tree
$MACHE index "$SRC" --db "$DB" > /dev/null
$MACHE materialize "$TREE" --db "$DB"
WIDE=$(cd "$TREE" && find . -type d -name methods -printf '%P\n' | while read -r d; do
  n=$(ls "$TREE/$d" | wc -l); echo "$n $d"; done | sort -n | awk 'END {print $2}')
echo "tree: $(find "$TREE" | wc -l) entries; widest directory: /$WIDE ($(ls "$TREE/$WIDE" | wc -l) entries)"

# ------------------------------------------------------------------ servers
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() {  # PORT PID: until the port answers; fails at once if the server died
  for _ in $(seq 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    kill -0 "$2" 2>/dev/null || { echo "server for port $1 exited:" >&2; tail -5 "$OUT"/*/error.log "$OUT"/*.log >&2 2>/dev/null; exit 1; }
    sleep 0.1
  done
  echo "server on $1 did not start" >&2; exit 1
}
declare -A PORT PID

start_mache() {
  PORT[mache]=$(port)
  $MACHE serve --db "$DB" --dav-port "${PORT[mache]}" --no-nfs ${MACHE_SERVE_ARGS:-} > "$OUT/mache.log" 2>&1 &
  PID[mache]=$!; PIDS+=($!)
  wait_up "${PORT[mache]}" "${PID[mache]}"
}

start_nginx() {
  PORT[nginx]=$(port); mkdir -p "$OUT/nginx"
  cat > "$OUT/nginx/nginx.conf" <<CONF
load_module /usr/share/nginx/modules/ngx_http_dav_ext_module.so;
daemon off; worker_processes auto; pid $OUT/nginx/pid; error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path $OUT/nginx; default_type text/plain;
  server {
    listen 127.0.0.1:${PORT[nginx]};
    location / { root $TREE; dav_ext_methods PROPFIND OPTIONS; autoindex on; }
  }
}
CONF
  nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" &
  PID[nginx]=$!; PIDS+=($!)
  wait_up "${PORT[nginx]}" "${PID[nginx]}"
}

start_lighttpd() {
  PORT[lighttpd]=$(port); mkdir -p "$OUT/lighttpd"
  cat > "$OUT/lighttpd/lighttpd.conf" <<CONF
server.modules = ("mod_webdav")
server.document-root = "$TREE"
server.bind = "127.0.0.1"
server.port = ${PORT[lighttpd]}
server.errorlog = "$OUT/lighttpd/error.log"
webdav.activate = "enable"
webdav.is-readonly = "enable"
CONF
  lighttpd -D -f "$OUT/lighttpd/lighttpd.conf" &
  PID[lighttpd]=$!; PIDS+=($!)
  wait_up "${PORT[lighttpd]}" "${PID[lighttpd]}"
}

start_apache() {
  PORT[apache]=$(port); mkdir -p "$OUT/apache"
  # Apache refuses to serve as root: its children run as www-data, which must read the tree and write the lock DB
  if [ "$(id -u)" = 0 ]; then APACHE_USER=www-data; APACHE_GROUP=www-data; chmod 1777 "$OUT/apache"
  else APACHE_USER=$(id -un); APACHE_GROUP=$(id -gn); fi
  M=/usr/lib/apache2/modules
  cat > "$OUT/apache/httpd.conf" <<CONF
ServerRoot "$OUT/apache"
ServerName 127.0.0.1
Listen 127.0.0.1:${PORT[apache]}
PidFile "$OUT/apache/pid"
ErrorLog "$OUT/apache/error.log"
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule dav_module $M/mod_dav.so
LoadModule dav_fs_module $M/mod_dav_fs.so
LoadModule dav_lock_module $M/mod_dav_lock.so
LoadModule mime_module $M/mod_mime.so
TypesConfig /etc/mime.types
User $APACHE_USER
Group $APACHE_GROUP
DavLockDB "$OUT/apache/davlock"
KeepAliveTimeout 30
MaxKeepAliveRequests 0
DocumentRoot "$TREE"
<Directory "$TREE">
  DAV On
  Require all granted
</Directory>
CONF
  APACHE_RUN_DIR=$OUT/apache apache2 -f "$OUT/apache/httpd.conf" -DFOREGROUND &
  PID[apache]=$!; PIDS+=($!)
  wait_up "${PORT[apache]}" "${PID[apache]}"
}

start_rclone() {
  PORT[rclone]=$(port)
  RCLONE_CONFIG=$OUT/rclone.conf rclone serve webdav "$TREE" --addr "127.0.0.1:${PORT[rclone]}" --read-only --copy-links \
    > "$OUT/rclone.log" 2>&1 &
  PID[rclone]=$!; PIDS+=($!)
  wait_up "${PORT[rclone]}" "${PID[rclone]}"
}

# CPU seconds (user+sys) of a server and its children; peak RSS (KiB) of its largest process
cpu_of() { local t=0; for p in $1 $(pgrep -P "$1" || true); do
  t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "scale=2; $t / $(getconf CLK_TCK)" | bc; }
rss_of() { local m=0; for p in $1 $(pgrep -P "$1" || true); do
  r=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); [ "$r" -gt "$m" ] && m=$r; done; echo $m; }

# ------------------------------------------------------------------ workloads
BODY='<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getlastmodified/><D:displayname/></D:prop></D:propfind>'
now() { date +%s.%N; }

cat > "$OUT/walk.py" <<'PY'
# W1 / W5 client: one keep-alive connection, breadth-first PROPFIND Depth:1 (and GETs for W5)
import http.client, re, sys, collections
port, mode, arg = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = sys.argv[4].encode()
c = http.client.HTTPConnection("127.0.0.1", port)
href = re.compile(rb"<(?:[A-Za-z0-9]+:)?href>([^<]*)</(?:[A-Za-z0-9]+:)?href>")
def propfind(path):
    c.request("PROPFIND", path, body=body, headers={"Depth": "1", "Content-Type": "application/xml"})
    r = c.getresponse(); data = r.read()
    if r.status != 207: sys.exit("PROPFIND %s -> %d" % (path, r.status))
    out = []
    for h in href.findall(data):
        h = h.decode()
        if "://" in h: h = "/" + h.split("://", 1)[1].split("/", 1)[1]
        if h.rstrip("/") != path.rstrip("/"): out.append(h)
    return out
if mode == "walk":
    seen, q = 0, collections.deque(["/"])
    while q:
        for h in propfind(q.popleft()):
            seen += 1
            if h.endswith("/"): q.append(h)
    print(seen)
else:  # refs: for each construct directory listed in the file arg, PROPFIND callers/ then GET every entry
    n = 0
    for line in open(arg):
        d = line.strip()
        for h in propfind(d + "callers/"):
            c.request("GET", h); r = c.getresponse(); r.read(); n += 1
    print(n)
PY

# URL lists for W2 (every `source`, up to W2_MAX) and W5 (1,000 construct directories), W3 (50 PROPFINDs)
( cd "$TREE" && find . -type f -name source -printf '%P\n' | sort | awk -v n="$W2_MAX" 'NR <= n' ) > "$OUT/sources"
( cd "$TREE" && find . -mindepth 2 -type d -name callers -printf '%h\n' | sed 's|^\./||' | sort | awk 'NR <= 1000' ) > "$OUT/constructs"
enc() { python3 -c 'import sys, urllib.parse
for l in sys.stdin: print(urllib.parse.quote(l.rstrip("\n"), safe="/"))'; }
enc < "$OUT/sources" > "$OUT/sources.enc"
sed 's|^|/|; s|$|/|' "$OUT/constructs" | enc > "$OUT/constructs.enc"
WIDE_ENC=$(echo "/$WIDE/" | enc)

w2_cfg() { sed "s|.*|url = \"http://127.0.0.1:$1/&\"\noutput = /dev/null|" "$OUT/sources.enc" > "$OUT/w2.$1.cfg"; }
w3_cfg() { for i in $(seq 50); do [ "$i" -gt 1 ] && echo next  # `next` separates requests; a trailing one is an error
  printf 'url = "http://127.0.0.1:%s%s"\nrequest = "PROPFIND"\nheader = "Depth: 1"\nheader = "Content-Type: application/xml"\ndata = @%s\noutput = /dev/null\n' "$1" "$WIDE_ENC" "$OUT/body.xml"; done > "$OUT/w3.$1.cfg"; }
printf '%s' "$BODY" > "$OUT/body.xml"

SERVERS="mache $PEERS"
for s in $SERVERS; do "start_$s"; w2_cfg "${PORT[$s]}"; w3_cfg "${PORT[$s]}"; done
echo "servers: $(for s in $SERVERS; do printf '%s:%s ' "$s" "${PORT[$s]}"; done)"

for s in $SERVERS; do : > "$OUT/$s.W1"; : > "$OUT/$s.W2"; : > "$OUT/$s.W3"; : > "$OUT/$s.W5"; done
last() { if [ -s "$OUT/$1" ]; then printf '%.2fs' "$(tail -1 "$OUT/$1")"; else echo -; fi; }
for i in $(seq $((WARMUP + RUNS))); do
  # warm-up passes are timed into .warm files, which no median reads
  if [ "$i" -le "$WARMUP" ]; then x=.warm; label="warm-up $i"; else x=; label="run $((i - WARMUP))"; fi
  for s in $SERVERS; do
    p=${PORT[$s]}
    n1=-; n5=-; c0=$(cpu_of "${PID[$s]}")
    if runs W1; then t0=$(now); n1=$(python3 "$OUT/walk.py" "$p" walk - "$BODY"); t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/$s.W1$x"; fi
    if runs W2; then t0=$(now); curl -s -K "$OUT/w2.$p.cfg"; t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/$s.W2$x"; fi
    if runs W3; then t0=$(now); curl -s -K "$OUT/w3.$p.cfg"; t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/$s.W3$x"; fi
    if runs W5; then t0=$(now); n5=$(python3 "$OUT/walk.py" "$p" refs "$OUT/constructs.enc" "$BODY"); t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/$s.W5$x"; fi
    printf '%s %-8s W1 %6s (%s entries)  W2 %6s  W3 %6s  W5 %6s (%s GETs)  server cpu %ss\n' "$label" "$s" \
      "$(last "$s.W1$x")" "$n1" "$(last "$s.W2$x")" "$(last "$s.W3$x")" "$(last "$s.W5$x")" "$n5" \
      "$(echo "$(cpu_of "${PID[$s]}") - $c0" | bc)"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "medians over $RUNS runs after $WARMUP warm-up passes (seconds; ratio = server / nginx where nginx ran):"
printf '%-9s %8s %8s %8s %8s %9s %10s\n' server W1 W2 W3 W5 cpu_s peak_rss_KiB
for s in $SERVERS; do
  printf '%-9s %8s %8s %8s %8s %9s %10s\n' "$s" "$(median < "$OUT/$s.W1")" "$(median < "$OUT/$s.W2")" \
    "$(median < "$OUT/$s.W3")" "$(median < "$OUT/$s.W5")" "$(cpu_of "${PID[$s]}")" "$(rss_of "${PID[$s]}")"
done
if [ -n "${PORT[nginx]:-}" ]; then
  echo
  for w in $WORKLOADS; do
    n=$(median < "$OUT/nginx.$w")
    printf '%s ratio vs nginx:' "$w"
    for s in $SERVERS; do printf ' %s %.2f' "$s" "$(echo "scale=4; $(median < "$OUT/$s.$w") / $n" | bc)"; done
    echo
  done
  echo "targets: W3 mache/nginx <= 1.5 (and faster than apache, rclone); W2 mache/nginx <= 1.3"
fi
