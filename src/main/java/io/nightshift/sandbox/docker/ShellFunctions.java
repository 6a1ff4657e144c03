package io.nightshift.sandbox.docker;

/**
 * Shell functions both ways of running commands use ({@link ResidentRunner#SCRIPT} and the engine exec's runner in
 * {@link ContainerExec}). Nothing in them forks ({@code read}, {@code kill} and {@code printf} are builtins), so
 * they work while a fork bomb holds the pids limit.
 */
final class ShellFunctions {

    /**
     * {@code counters} sets {@code pm} (forks refused at the pids limit) and {@code oom} (processes the kernel killed
     * at the memory limit) from the sandbox cgroup's event files, v2 or v1; 0 when unreadable.
     */
    static final String COUNTERS = """
            ev() { local k v; printf -v "$1" 0; [ -r "$3" ] || return 1
              while read -r k v; do [ "$k" = "$2" ] && printf -v "$1" %s "$v"; done < "$3"; return 0; }
            counters() { ev pm max /sys/fs/cgroup/pids.events || ev pm max /sys/fs/cgroup/pids/pids.events
              ev oom oom_kill /sys/fs/cgroup/memory.events || ev oom oom_kill /sys/fs/cgroup/memory/memory.oom_control; }
            """;

    /**
     * {@code sweep} kills every process of the sandbox that no running command owns, and sets {@code swept} to how
     * many: what the calling shell's command left (also in another process group or session) and every orphan
     * (whose parent was the container's init). It keeps init, the container's main process (the oldest child of
     * init), every process an engine exec started (their parent is outside the container: 0) and their
     * descendants, so concurrent commands and the resident runners live on. Processes are stopped before they are
     * killed, and the sweep repeats until nothing is left, so a process forking meanwhile is caught.
     */
    static final String SWEEP = """
            sweep() {
              local i p k l r main mst all; local -a v; local -A par; swept=0
              for ((i = 0; i < 60; i++)); do
                par=(); v=(); main=; mst=
                set +f; all=(/proc/[0-9]*); set -f
                for p in "${all[@]}"; do
                  p=${p#/proc/}
                  read -r l < "/proc/$p/stat" 2>/dev/null || continue
                  r=${l##*) }; set -- $r
                  [ "$1" = Z ] && continue
                  par[$p]=$2
                  if [ "$2" = 1 ] && { [ -z "$mst" ] || [ "${20}" -lt "$mst" ]; }; then main=$p; mst=${20}; fi
                done
                for p in "${!par[@]}"; do
                  [ "$p" = 1 ] || [ "$p" = "$main" ] || [ "$p" = $$ ] || [ "${par[$p]}" = 0 ] && continue
                  k=$p
                  while [ "$k" != $$ ] && [ "${par[$k]:-1}" != 0 ] && [ "${par[$k]:-1}" != 1 ]; do k=${par[$k]}; done
                  [ "$k" != $$ ] && [ "${par[$k]:-1}" = 0 ] && continue
                  v+=("$p")
                done
                [ ${#v[@]} -eq 0 ] && return
                swept=$((swept + ${#v[@]}))
                kill -STOP "${v[@]}" 2>/dev/null; kill -KILL "${v[@]}" 2>/dev/null
              done
            }
            """;

    private ShellFunctions() {
    }
}
