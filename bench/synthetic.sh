#!/usr/bin/env bash
# Generates the deterministic `synthetic` corpus of TESTING.md §4: a Java tree of 50 packages × 40 methods that call
# each other (callers/ and callees/ are non-empty), plus one class with 5,000 fields (a 5,000-entry directory,
# java/big/classes/Big/fields). Usage: bench/synthetic.sh [OUTDIR] (default bench/corpus/synthetic).
set -euo pipefail
OUT=${1:-$(dirname "$0")/corpus/synthetic}
rm -rf "$OUT"
mkdir -p "$OUT"
for p in $(seq 0 49); do
  dir="$OUT/src/p$p"
  mkdir -p "$dir"
  {
    echo "package p$p;"
    echo
    echo "import java.util.List;"
    echo
    echo "/** Synthetic class $p. */"
    echo "public class C$p {"
    for m in $(seq 0 39); do
      next=$(( (m + 1) % 40 )); other=$(( (p + 1) % 50 ))
      echo "    /** Method $m of class $p. */"
      echo "    public static int m${p}_$m(int x) {"
      echo "        int y = x * $m + $p;"
      echo "        if (y > 1000) {"
      echo "            return m${p}_$next(y - 1000) + p$other.C$other.m${other}_$m(y % 7);"
      echo "        }"
      echo "        return y;"
      echo "    }"
      echo
    done
    echo "}"
  } > "$dir/C$p.java"
done
mkdir -p "$OUT/src/big"
{
  echo "package big;"
  echo
  echo "public class Big {"
  for f in $(seq 0 4999); do echo "    public static final int K$f = $f;"; done
  echo "}"
} > "$OUT/src/big/Big.java"
echo "synthetic corpus: $(find "$OUT" -name '*.java' | wc -l) files in $OUT"
