#!/usr/bin/env bash
# Indexing benchmark: `mache index` (full, then unchanged re-index) against universal-ctags on the JDK corpus,
# alternating in one run; prints medians, the ratio, and mache's peak RSS. Usage: bench/index.sh [RUNS] [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
RUNS=${1:-3}
CORPUS=${2:-bench/corpus/jdk}
if [ ! -d "$CORPUS" ]; then
  echo "unpacking the JDK sources into $CORPUS"
  mkdir -p "$CORPUS" && unzip -q "$JAVA_HOME/lib/src.zip" -d "$CORPUS"
fi
command -v ctags >/dev/null || { echo "needs universal-ctags: apt-get install universal-ctags" >&2; exit 1; }
./mache --version >/dev/null   # builds if needed, outside the timings
WARM=$(mktemp -d); ./mache index mache-ipc/src --db "$WARM/db" >/dev/null; rm -rf "$WARM"   # and trains the AOT cache
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
: > "$OUT/full"; : > "$OUT/again"; : > "$OUT/ctags"; : > "$OUT/rss"; : > "$OUT/ls"
for i in $(seq "$RUNS"); do
  rm -f "$OUT/db" "$OUT/db-wal" "$OUT/db-shm"
  t0=$(now); /usr/bin/time -f '%M' -o "$OUT/rss1" ./mache index "$CORPUS" --db "$OUT/db" > "$OUT/summary"; t1=$(now)
  echo "$t1 - $t0" | bc >> "$OUT/full"; cat "$OUT/rss1" >> "$OUT/rss"
  t0=$(now); ./mache index "$CORPUS" --db "$OUT/db" > /dev/null; t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/again"
  t0=$(now); ./mache ls / --db "$OUT/db" > /dev/null; t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/ls"
  t0=$(now); ctags -R --languages=Java --fields=+n -f "$OUT/tags" "$CORPUS"; t1=$(now); echo "$t1 - $t0" | bc >> "$OUT/ctags"
  echo "run $i: mache $(tail -1 "$OUT/full")s (rss $(cat "$OUT/rss1") KiB), re-index $(tail -1 "$OUT/again")s, ls / $(tail -1 "$OUT/ls")s, ctags $(tail -1 "$OUT/ctags")s"
done
echo "last summary: $(cat "$OUT/summary")"
full=$(median < "$OUT/full"); ct=$(median < "$OUT/ctags")
echo "median full index: mache ${full}s, ctags ${ct}s, ratio mache/ctags $(echo "scale=2; $full / $ct" | bc)"
echo "median re-index (unchanged): $(median < "$OUT/again")s; median 'mache ls /': $(median < "$OUT/ls")s"
echo "peak RSS (max over runs): $(sort -n "$OUT/rss" | tail -1) KiB"
