# Sourced by the bin/ scripts: sets NS_JAVA_HOME to a JDK 21 or later.
# Looks at JAVA_HOME first, then at the JDKs under /usr/lib/jvm (newest first), then at `java` on the PATH.

ns_java_major() { # prints the feature version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ns_find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    major=$(ns_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      NS_JAVA_HOME="$home"
      return 0
    fi
  done
  {
    echo "nightshift: no JDK 21 or later found."
    echo "  Looked at: JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, and java on the PATH."
    echo "  Install one (for example: apt-get install -y openjdk-21-jdk-headless, or a Temurin JDK)"
    echo "  and run again, or point JAVA_HOME at it."
  } >&2
  return 1
}
