#!/usr/bin/env bash
# Builds the sandbox images with no container registry:
#   1. nightshift/sandbox-base:<hash>  a Debian bookworm minbase root filesystem (debootstrap), `docker import`ed
#   2. nightshift/sandbox-dev:<hash>   dev/Dockerfile on top of the base (bash, git, ripgrep, python3, gcc, ...)
# Each image is tagged by a hash of its inputs and also as :current; an existing tag is never rebuilt.
# With a cache directory (NS_IMAGE_CACHE, default ~/.cache/nightshift/images; empty string disables it) built
# images are saved as zstd tarballs and loaded from there next time.
#
# Environment: NS_DEBIAN_MIRROR (default: the machine's apt mirror, else http://deb.debian.org/debian),
#              NS_IMAGE_CACHE, NS_FORCE_REBUILD=1 (ignore existing tags and cache).
# Usage: sandbox-images/build.sh [--print-tag]   (--print-tag: print the dev image tag and exit)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/bin/lib/docker.sh"

suite=bookworm
variant=minbase
recipe_version=1   # bump when the base recipe below changes in a way the hash cannot see
cache=${NS_IMAGE_CACHE-$HOME/.cache/nightshift/images}

log() { echo "sandbox-images: $*" >&2; }

machine_mirror() {
  local url=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    url=$(awk '/^URIs:/ {u=$2} /^Suites:/ && / '"$suite"'( |$)/ {print u; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$url" ] && [ -f /etc/apt/sources.list ]; then
    url=$(awk '$1=="deb" && $3=="'"$suite"'" {print $2; exit}' /etc/apt/sources.list)
  fi
  echo "${url:-http://deb.debian.org/debian}"
}

short_hash() { sha256sum | cut -c1-12; }

base_hash=$(printf '%s\n' "$suite" "$variant" "$recipe_version" | short_hash)
base_tag="nightshift/sandbox-base:$base_hash"
dev_hash=$( { echo "$base_tag"; cat "$here/dev/Dockerfile"; } | short_hash)
dev_tag="nightshift/sandbox-dev:$dev_hash"

if [ "${1:-}" = "--print-tag" ]; then echo "$dev_tag"; exit 0; fi

ns_ensure_docker || exit 1

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

cache_file() { echo "$cache/$(echo "$1" | tr '/:' '__').tar.zst"; }

load_cached() { # loads $1 from the cache when present; returns 1 when not cached
  local f
  [ -n "$cache" ] || return 1
  f=$(cache_file "$1")
  [ -f "$f" ] || return 1
  log "loading $1 from $f"
  zstd -dc "$f" | docker load >/dev/null
}

save_cached() {
  local f
  [ -n "$cache" ] || return 0
  command -v zstd >/dev/null 2>&1 || { log "zstd not installed; not caching $1"; return 0; }
  mkdir -p "$cache"
  f=$(cache_file "$1")
  docker save "$1" | zstd -q -T0 -3 -o "$f.tmp" && mv "$f.tmp" "$f"
  log "cached $1 in $f ($(du -h "$f" | cut -f1))"
}

build_base() {
  local mirror rootfs started
  command -v debootstrap >/dev/null 2>&1 || {
    log "debootstrap is not installed: apt-get install -y debootstrap (as root) and run again."; exit 1; }
  [ "$(id -u)" = 0 ] || { log "building the base image needs root (debootstrap); run as root or load a cached image."; exit 1; }
  mirror=${NS_DEBIAN_MIRROR:-$(machine_mirror)}
  rootfs=$(mktemp -d /tmp/nightshift-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  started=$(date +%s)
  log "debootstrap --variant=$variant $suite from $mirror ..."
  debootstrap --variant="$variant" "$suite" "$rootfs" "$mirror" >/tmp/nightshift-debootstrap.log 2>&1 || {
    log "debootstrap failed; last lines of /tmp/nightshift-debootstrap.log:"; tail -n 20 /tmp/nightshift-debootstrap.log >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/* "$rootfs"/var/log/*.log
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$base_tag" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  log "built $base_tag in $(( $(date +%s) - started ))s"
}

build_dev() {
  local started
  started=$(date +%s)
  log "building $dev_tag from dev/Dockerfile ..."
  docker build -q --build-arg "BASE_IMAGE=$base_tag" -t "$dev_tag" "$here/dev" >/dev/null
  log "built $dev_tag in $(( $(date +%s) - started ))s"
}

ensure() { # ensure TAG BUILD_FUNCTION
  if [ "${NS_FORCE_REBUILD:-}" != 1 ]; then
    if have_image "$1"; then log "$1 exists; nothing to do"; return 0; fi
    if load_cached "$1"; then return 0; fi
  fi
  "$2"
  save_cached "$1"
}

ensure "$base_tag" build_base
ensure "$dev_tag" build_dev
docker tag "$base_tag" nightshift/sandbox-base:current
docker tag "$dev_tag" nightshift/sandbox-dev:current
log "ready: $dev_tag (also tagged nightshift/sandbox-dev:current)"
