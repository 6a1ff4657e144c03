#!/usr/bin/env bash
# Whole-process engine benchmark (issue 21), run by `bin/bench whole` and after the JMH figures of `bin/bench`.
# Times `nightshift run X.dot --simulate` as a user starts it (a fresh JVM each run, the packaged app) on
#   chain10    start -> n1 -> ... -> n10 -> exit      (codergen boxes with a prompt)
#   chain1000  the same with 1,000 codergen nodes
#   fanout     start -> fan (component) -> 4 codergen branches -> join -> exit
# once with --sandbox local and once with the default sandbox setting (docker, started only when a stage needs it),
# and prints medians: the 10-node and 1,000-node wall times, the cost per node ((t1000 - t10) / 990), and the
# fan-out overhead (the parallel stage's duration minus its slowest branch's, read from events.jsonl).
# Each figure also comes with the CPU time the process used (user + sys, from /usr/bin/time when installed), which
# depends far less than the wall time on what else the machine is doing.
# Usage: bin/lib/whole-bench.sh [runs]   (default 5 runs of each small case and 3 of the 1,000-node chain)
# Environment: NS_BENCH_APP   the quarkus-run.jar or distribution launcher to time (default target/quarkus-app)
#              NS_BENCH_SANDBOXES  which sandbox settings to time (default "local default")
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
. "$root/bin/lib/jdk.sh"
ns_find_jdk || exit 2
runs=${1:-5}
big_runs=$(( runs < 3 ? runs : 3 ))
app=${NS_BENCH_APP:-$root/target/quarkus-app/quarkus-run.jar}
stale() {
  [ -f "$app" ] || return 0
  [ -z "${NS_BENCH_APP:-}" ] && [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$app" -type f -print -quit)" ]
}
if stale; then
  echo "bench: building the application (mvn package: first run or sources changed)..." >&2
  (cd "$root" && JAVA_HOME="$NS_JAVA_HOME" mvn -B -q -DskipTests package >&2)
fi
case "$app" in
  *.jar) launch=("$NS_JAVA_HOME/bin/java" -jar "$app") ;;
  *) launch=("$app") ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

chain() { # nodes file
  local n=$1 i
  {
    echo "digraph chain$n {"
    echo '  start [shape=Mdiamond]'
    echo '  exit [shape=Msquare]'
    for i in $(seq 1 "$n"); do echo "  n$i [shape=box, prompt=\"Do step $i of the goal\"]"; done
    printf '  start'
    for i in $(seq 1 "$n"); do printf ' -> n%d' "$i"; done
    echo ' -> exit'
    echo '}'
  } >"$2"
}
chain 10 "$work/chain10.dot"
chain 1000 "$work/chain1000.dot"
cat >"$work/fanout.dot" <<'EOF'
digraph fanout {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  fan [shape=component]
  a [shape=box, prompt="Branch A"]
  b [shape=box, prompt="Branch B"]
  c [shape=box, prompt="Branch C"]
  d [shape=box, prompt="Branch D"]
  join [shape=tripleoctagon]
  start -> fan
  fan -> a
  fan -> b
  fan -> c
  fan -> d
  a -> join
  b -> join
  c -> join
  d -> join
  join -> exit
}
EOF

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$work/cpu.txt")

# Runs one pipeline once; prints its wall time in ms and appends its CPU time in ms (user + sys) to $work/cpu.<dot>.
# The run directory stays in $work/last for inspection.
run_once() { # dot sandbox
  local args=(run "$work/$1" --simulate -q --logs-dir "$work/last")
  [ "$2" = local ] && args+=(--sandbox local)
  rm -rf "$work/last" "$work/cpu.txt"
  local t0 t1
  t0=$(date +%s%N)
  if ! (cd "$work" && "${timer[@]}" "${launch[@]}" "${args[@]}" >"$work/out.txt" 2>&1); then
    echo "bench: nightshift run $1 ($2 sandbox) failed:" >&2
    tail -n 20 "$work/out.txt" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  if [ -f "$work/cpu.txt" ]; then
    tail -n 1 "$work/cpu.txt" | awk '{ printf "%d\n", ($1 + $2) * 1000 }' >>"$work/cpu.$1"
  fi
  echo $(( (t1 - t0) / 1000000 ))
}

cpu_median() { # dot -> "median (all runs)" of the CPU times recorded since the last call, or n/a
  local f="$work/cpu.$1"
  if [ -s "$f" ]; then echo "$(median <"$f") ($(paste -sd' ' "$f"))"; else echo "n/a"; fi
  rm -f "$f"
}

# The parallel stage's own duration minus its slowest branch's: what fanning out and joining costs.
fanout_overhead() {
  awk '
    /"type":"stage_completed"/ && /"handler_type":"parallel"/ { match($0, /"duration_ms":[0-9]+/); stage = substr($0, RSTART + 14, RLENGTH - 14) }
    /"type":"parallel_branch_completed"/ { match($0, /"duration_ms":[0-9]+/); d = substr($0, RSTART + 14, RLENGTH - 14) + 0; if (d > slowest) slowest = d }
    END { print stage - slowest }' "$work/last/events.jsonl"
}

series() { # dot sandbox count -> "median (all runs)"
  local all=() i
  for i in $(seq 1 "$3"); do all+=("$(run_once "$1" "$2")"); done
  echo "$(printf '%s\n' "${all[@]}" | median) (${all[*]})"
}

echo "whole process: ${launch[*]} run X.dot --simulate; medians in ms (each run in parentheses)"
for sandbox in ${NS_BENCH_SANDBOXES:-local default}; do
  run_once chain10.dot "$sandbox" >/dev/null # warm the file cache and the docker client once
  rm -f "$work/cpu.chain10.dot"
  t10=$(series chain10.dot "$sandbox" "$runs")
  c10=$(cpu_median chain10.dot)
  t1000=$(series chain1000.dot "$sandbox" "$big_runs")
  c1000=$(cpu_median chain1000.dot)
  per_node=$(awk -v a="${t1000%% *}" -v b="${t10%% *}" 'BEGIN { printf "%.2f", (a - b) / 990 }')
  cpu_node=$(awk -v a="${c1000%% *}" -v b="${c10%% *}" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.2f", (a - b) / 990 }')
  fan_all=()
  fan_wall=()
  for i in $(seq 1 "$runs"); do
    fan_wall+=("$(run_once fanout.dot "$sandbox")")
    fan_all+=("$(fanout_overhead)")
  done
  fan=$(printf '%s\n' "${fan_all[@]}" | median)
  cfan=$(cpu_median fanout.dot)
  printf '%-8s sandbox  10 nodes: %s; CPU %s\n' "$sandbox" "$t10" "$c10"
  printf '%-8s sandbox  1000 nodes: %s; CPU %s\n' "$sandbox" "$t1000" "$c1000"
  printf '%-8s sandbox  per node: %s ms, CPU %s ms  (budget: under 1 ms; 10 nodes under 1000 ms)\n' "$sandbox" \
    "$per_node" "$cpu_node"
  printf '%-8s sandbox  fan-out overhead (4 branches): %s ms (%s); whole run %s ms  (budget: under 50 ms)\n' \
    "$sandbox" "$fan" "${fan_all[*]}" "$(printf '%s\n' "${fan_wall[@]}" | median)"
  printf '%-8s sandbox  fan-out run CPU: %s\n' "$sandbox" "$cfan"
done
echo "($(nproc) CPUs, load average $(uptime | sed 's/.*load average: //'); under load compare the CPU figures)"
