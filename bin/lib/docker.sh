# Sourced by bin/ and .ci/ scripts: makes sure a Docker engine is reachable.
# ns_ensure_docker installs docker.io (Debian/Ubuntu, as root) when no engine is installed, starts dockerd in
# the background when it is not running, and waits up to NS_DOCKER_WAIT seconds (default 60) for it to answer.
# Returns 0 when `docker info` works, 1 otherwise, with a message on stderr saying what to do.

ns_docker_log() { echo "nightshift: $*" >&2; }

ns_docker_ready() { docker info >/dev/null 2>&1; }

ns_ensure_docker() {
  local wait_s=${NS_DOCKER_WAIT:-60} log=${NS_DOCKERD_LOG:-/var/log/dockerd.log} waited=0
  if ns_docker_ready; then return 0; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      ns_docker_log "no Docker engine installed, and this script can only install one as root with apt-get."
      ns_docker_log "  Install Docker (https://docs.docker.com/engine/install/) or run with --sandbox local."
      return 1
    fi
    ns_docker_log "installing docker.io with apt-get (one time)..."
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } >&2; then
      ns_docker_log "apt-get install docker.io failed; see the output above."
      return 1
    fi
  fi
  if ! command -v docker >/dev/null 2>&1; then
    ns_docker_log "dockerd is installed but the docker client is not on the PATH; install docker.io or docker-ce-cli."
    return 1
  fi
  if pgrep -x dockerd >/dev/null 2>&1; then
    local why
    why=$(docker info 2>&1 >/dev/null | grep -i -m 1 "permission denied")
    if [ -n "$why" ]; then
      ns_docker_log "dockerd is running but this user may not use it: $why"
      ns_docker_log "  add the user to the docker group (usermod -aG docker $(id -un); log in again) or run as root."
      return 1
    fi
  else
    if [ "$(id -u)" != 0 ]; then
      ns_docker_log "dockerd is not running and starting it needs root: run 'sudo dockerd &' (or start the docker"
      ns_docker_log "  service), or run with --sandbox local."
      return 1
    fi
    ns_docker_log "starting dockerd in the background (log: $log)..."
    nohup dockerd >"$log" 2>&1 </dev/null &
  fi
  while ! ns_docker_ready; do
    if [ "$waited" -ge "$wait_s" ]; then
      ns_docker_log "dockerd did not answer within ${wait_s}s; last lines of $log:"
      tail -n 20 "$log" >&2 2>/dev/null
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  ns_docker_log "Docker engine ready after ${waited}s ($(docker version --format '{{.Server.Version}}' 2>/dev/null))."
  return 0
}
