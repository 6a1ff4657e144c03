# Sourced by bin/demo, bin/test and .ci/run: installs the Debian packages the demo and the tests need, so a
# newcomer's machine ends up as CI's does. One list per purpose, each entry COMMAND:PACKAGE (COMMAND is looked up
# on the PATH, or tested as a file when it is an absolute path).
#
# ns_install_missing WHO ENTRY...  installs the packages whose command is missing, with apt-get, as root.
#   Returns 0 when nothing is missing afterwards; else 1, having said on stderr which packages are missing, why
#   they could not be installed (not root, no apt-get, apt-get failed) and the command that installs them.
# ns_prepare_images WHO            builds the sandbox and scenario store images (a no-op when they exist).

# The image builds: debootstrap makes the sandbox base image, zstd keeps built images in the local cache.
NS_IMAGE_DEPS=(debootstrap:debootstrap zstd:zstd)
# bin/demo: the image builds, and git for the example repository it hands over.
NS_DEMO_DEPS=("${NS_IMAGE_DEPS[@]}" git:git curl:curl)
# bin/test and .ci/run: the image builds, curl (bin/startup-bench), Graphviz (nightshift serve draws pipeline
# graphs), headless Chromium (the web page test), OpenSSH's server (ssh:// remotes are tested against a real one)
# and RabbitMQ's server (message broker tests).
NS_TEST_DEPS=("${NS_DEMO_DEPS[@]}" dot:graphviz chromium:chromium /usr/sbin/sshd:openssh-server
  rabbitmq-server:rabbitmq-server)

ns_deps_log() { echo "$1: $2" >&2; }

ns_has_command() {
  case "$1" in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] ;;
  esac
}

ns_missing_packages() { # prints the packages of the entries whose command is missing, space-separated
  local entry missing=()
  for entry in "$@"; do
    ns_has_command "${entry%%:*}" || missing+=("${entry#*:}")
  done
  echo "${missing[*]}"
}

ns_install_missing() {
  local who=$1 missing log
  shift
  missing=$(ns_missing_packages "$@")
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" != 0 ]; then
    ns_deps_log "$who" "missing packages: $missing. Installing them needs root; run"
    ns_deps_log "$who" "  sudo apt-get install -y $missing"
    ns_deps_log "$who" "  (or run $who as root, which installs them)."
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    ns_deps_log "$who" "missing packages: $missing, and this machine has no apt-get to install them with;"
    ns_deps_log "$who" "  install them with its package manager and run $who again."
    return 1
  fi
  log=${NS_APT_LOG:-/tmp/nightshift-apt.log}
  ns_deps_log "$who" "installing $missing with apt-get (one time; log: $log)..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >"$log" 2>&1; then
    ns_deps_log "$who" "apt-get install $missing failed; last lines of $log:"
    tail -n 20 "$log" >&2
    ns_deps_log "$who" "fix the cause and run $who again."
    return 1
  fi
  missing=$(ns_missing_packages "$@")
  if [ -n "$missing" ]; then
    ns_deps_log "$who" "apt-get installed $missing but their commands are still not found; check the PATH."
    return 1
  fi
  return 0
}

ns_prepare_images() {
  local who=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  if ! "$root/sandbox-images/build.sh"; then
    ns_deps_log "$who" "building the sandbox image failed: sandbox-images/build.sh printed the cause above."
    return 1
  fi
  if ! "$root/scenario-store/build.sh"; then
    ns_deps_log "$who" "building the scenario store image failed: scenario-store/build.sh printed the cause above."
    return 1
  fi
}
