#!/usr/bin/env bash
# Runs mache's whole test suite on a fresh machine: installs the test clients, selects JDK 25, builds, tests.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/jdk.sh
scripts/install-test-deps.sh
exec ./mvnw -B verify "$@"
