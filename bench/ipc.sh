#!/bin/sh
# ops/s and p50/p99 of get_node, list_children (5,000 entries) and read_content: in-process vs daemon over JSON vs
# daemon over Cap'n Proto. Usage: bench/ipc.sh [rounds [STORE.db DIR_ID NODE_ID FILE_ID]]
# (an in-memory graph with a 5,000-entry directory unless a store built by `mache index` is given)
set -eu
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PATH="$JAVA_HOME/bin:$PATH"
# one reactor run: sibling modules resolve to their target/ directories, nothing needs installing in ~/.m2
./mvnw -B -q test-compile dependency:build-classpath -pl mache-ipc -am -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null
CP="mache-ipc/target/test-classes:mache-ipc/target/classes:$(cat mache-ipc/target/bench.cp)"
[ $# -eq 0 ] && set -- 1
exec java --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  dev.mache.ipc.IpcMeasurement "$@"
