# Sourced by ./careledger and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME, then `java` on PATH, then the JVM folder /usr/lib/jvm (newest first).
careledger_java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
careledger_is_jdk21() { # $1 = a java home; true if it has javac and java >= 21
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v=$(careledger_java_major "$1/bin/java"); [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}
careledger_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && careledger_is_jdk21 "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    local home; home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if careledger_is_jdk21 "$home"; then export JAVA_HOME="$home"; return 0; fi
  fi
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    d=${d%/}
    if careledger_is_jdk21 "$d"; then export JAVA_HOME="$d"; return 0; fi
  done
  echo "careledger: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
  echo "careledger: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and set JAVA_HOME." >&2
  return 1
}
