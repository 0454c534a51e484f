#!/bin/sh
# Regenerates src/main/java/dev/mache/schemas/{Common,Binding,Daemon,Mache}.java from src/main/capnp/*.capnp with
# mache's own generator (a capnp plugin reading the CodeGeneratorRequest). Needs capnp (Debian: capnproto) and a
# compiled module: mvn -B -q package -pl schemas -DskipTests
set -eu
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
RUNTIME=$(find "${HOME}/.m2/repository/org/capnproto/runtime/0.1.16" -name 'runtime-0.1.16.jar' | head -1)
capnp compile -o- --src-prefix=src/main/capnp src/main/capnp/common.capnp src/main/capnp/binding.capnp \
  src/main/capnp/daemon.capnp src/main/capnp/mache.capnp \
  | "$JAVA" -cp "target/classes:${RUNTIME}" dev.mache.schemas.gen.JavaGenerator src/main/java
