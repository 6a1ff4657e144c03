#!/usr/bin/env bash
# Builds the scenario store image, nightshift/scenario-store:<hash>, from this folder on top of the dev sandbox
# image (sandbox-images/build.sh builds that one first). The tag is a hash of the inputs (the base image's tag,
# Dockerfile, store.py); an existing tag is never rebuilt. The image is also tagged :current, which Nightshift runs.
#
# Environment: NS_FORCE_REBUILD=1 (rebuild even when the tag exists).
# Usage: scenario-store/build.sh [--print-tag]   (--print-tag: print the image tag and exit)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/bin/lib/docker.sh"

log() { echo "scenario-store: $*" >&2; }

base_tag=$("$root/sandbox-images/build.sh" --print-tag)
hash=$( { echo "$base_tag"; cat "$here/Dockerfile" "$here/store.py"; } | sha256sum | cut -c1-12)
tag="nightshift/scenario-store:$hash"

if [ "${1:-}" = "--print-tag" ]; then echo "$tag"; exit 0; fi

ns_ensure_docker || exit 1

if [ "${NS_FORCE_REBUILD:-}" != 1 ] && docker image inspect "$tag" >/dev/null 2>&1; then
  log "$tag exists; nothing to do"
else
  if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
    log "the base image $base_tag is missing; building it with sandbox-images/build.sh"
    "$root/sandbox-images/build.sh"
  fi
  started=$(date +%s)
  log "building $tag ..."
  docker build -q --build-arg "BASE_IMAGE=$base_tag" -t "$tag" "$here" >/dev/null
  log "built $tag in $(( $(date +%s) - started ))s"
fi
docker tag "$tag" nightshift/scenario-store:current
log "ready: $tag (also tagged nightshift/scenario-store:current)"
