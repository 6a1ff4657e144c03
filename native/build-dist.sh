#!/usr/bin/env bash
# Builds the self-contained distribution (issue 9): a jlink'd Java runtime, the Quarkus fast-jar, two JDK AOT
# caches trained on short representative runs (one for the CLI commands, one for `serve`) and a launcher.
# Called by `mvn -Pdist package` (exec-maven-plugin) after quarkus:build; can also be run by hand:
#   native/build-dist.sh <version> [<target dir>]
# JAVA_HOME must be a JDK 25+ whose runtime image is linkable (Temurin 25 is; JEP 493) or that ships jmods/.
# Output: <target>/nightshift-<version>-linux-x64.tar.gz (top directory nightshift-<version>/).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
version=${1:?usage: build-dist.sh <version> [<target dir>]}
target=$(readlink -f "${2:-$root/target}")
jdk=${JAVA_HOME:?build-dist.sh: set JAVA_HOME to a JDK 25 or later}
app="$target/quarkus-app"
name="nightshift-$version"
stage="$target/dist/$name"
tarball="$target/$name-linux-x64.tar.gz"

log() { echo "build-dist: $*" >&2; }
fail() { echo "build-dist: error: $*" >&2; exit 1; }

[ -f "$app/quarkus-run.jar" ] || fail "$app/quarkus-run.jar is missing: run 'mvn package' first (the dist profile does)"
[ -x "$jdk/bin/jlink" ] || fail "$jdk has no bin/jlink: JAVA_HOME must point at a full JDK, not a JRE"
major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
[ -n "$major" ] && [ "$major" -ge 25 ] || fail "$jdk is Java ${major:-?}; the AOT cache needs JDK 25 or later"

# Modules: java.base plus what jdeps reports for the application and its libraries (native/modules.txt explains
# each one). Checked by DistributionIT, which runs validate, run and serve on this runtime with no other Java.
modules=$(grep -v '^\s*#' "$here/modules.txt" | awk '{print $1}' | grep . | paste -sd, -)

rm -rf "$target/dist" "$tarball"
mkdir -p "$stage/bin" "$stage/lib"
log "jlink: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$stage/runtime"

log "application and examples"
cp -a "$app" "$stage/lib/quarkus-app"
mkdir -p "$stage/examples"
cp -a "$root/agent-spec/pipelines/." "$stage/examples/"
cp "$here/dist/nightshift" "$stage/bin/nightshift"
chmod 755 "$stage/bin/nightshift"
cp "$here/dist/README.txt" "$stage/README.txt"
echo "$version" > "$stage/VERSION"

# Training runs use the packaged launcher, so the JVM flags and class path are exactly those of production;
# NIGHTSHIFT_AOT_OUTPUT makes the launcher record instead of use the cache.
train="$target/dist/training"
rm -rf "$train"
mkdir -p "$train"
cp "$stage/examples/hello.dot" "$train/"
log "AOT training (CLI): validate + run --simulate"
(cd "$train" && NIGHTSHIFT_AOT_OUTPUT="$stage/lib/cli.aot" "$stage/bin/nightshift" \
  run --simulate --sandbox local hello.dot >training-cli.log 2>&1) \
  || { cat "$train/training-cli.log" >&2; fail "the CLI training run failed"; }
[ -f "$stage/lib/cli.aot" ] || { cat "$train/training-cli.log" >&2; fail "no CLI AOT cache was written"; }

log "AOT training (serve): start, answer GET /q/health and GET /pipelines, stop"
port=$("$jdk/bin/java" "$here/dist/FreePort.java")
(cd "$train" && mkdir -p agent-spec && cp -a "$stage/examples" agent-spec/pipelines \
  && exec env NIGHTSHIFT_AOT_OUTPUT="$stage/lib/serve.aot" "$stage/bin/nightshift" serve --port "$port" \
  >training-serve.log 2>&1) &
server=$!
ok=
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/q/health" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
if [ -n "$ok" ]; then
  curl -fsS "http://127.0.0.1:$port/pipelines" >/dev/null || true
  curl -fsS "http://127.0.0.1:$port/q/health" >/dev/null || true
fi
kill -TERM "$server" 2>/dev/null || true
wait "$server" || true
[ -n "$ok" ] || { cat "$train/training-serve.log" >&2; fail "serve did not answer during training"; }
[ -f "$stage/lib/serve.aot" ] || { cat "$train/training-serve.log" >&2; fail "no serve AOT cache was written"; }

log "archive $tarball"
tar -C "$target/dist" -czf "$tarball" "$name"
log "done: $(du -h "$tarball" | cut -f1) $tarball"
