# Sourced by mache's scripts: selects JDK 25 (JAVA_HOME if it is 25+, else Temurin 25), or fails clearly.
_mache_java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -Eq '"(2[5-9]|[3-9][0-9])[".]'; }
if [ -n "${JAVA_HOME:-}" ] && _mache_java_ok "$JAVA_HOME"; then
  :
elif _mache_java_ok /usr/lib/jvm/temurin-25-jdk-amd64; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
else
  echo "mache needs JDK 25: install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 or set JAVA_HOME to a JDK 25+" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
