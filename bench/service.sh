#!/usr/bin/env bash
# The service's budgets: steady RSS over 100 cycles with no growth, idle CPU between cycles at a
# 15 s interval, and the warm cycle time on this (idle) host and at 150k TIME_WAIT sockets (in a
# network namespace of its own, against `ss -tan state time-wait | wc -l` there).
#
#   bench/service.sh [CYCLES]        default 100
#
# Nothing on the host changes: state, reports and metrics go to a temporary directory; the
# TIME_WAIT load is made inside `unshare -n`. Needs iproute2 and unshare.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cycles=${1:-100}
"$top/sockwarden" --version >/dev/null
lib="$top/installer/target/dist/lib"
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$lib/*" "$top/bench/ServiceBench.java" "$top/bench/CensusBench.java"
cp="$work/classes:$lib/*"
# The launcher's JVM flags.
jvm=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmn8m -Xss512k -XX:-UsePerfData)
ns() { if [ "$(id -u)" = 0 ]; then unshare -n -- "$@"; else unshare -Urn -- "$@"; fi; }

echo "== $cycles cycles back to back on this host (one JVM, launcher flags)"
mkdir -p "$work/state"
java "${jvm[@]}" -cp "$cp" ServiceBench cycles "$cycles" "$work/state"

echo "== idle CPU between cycles of \`sockwarden run\` every 15 s"
mkdir -p "$work/run"
printf 'schedule: {every: 15s, splay: 0s}\n' > "$work/run/agent.yaml"
chmod 600 "$work/run/agent.yaml"
"$top/installer/target/dist/bin/sockwarden" run --config "$work/run/agent.yaml" \
  --rules-dir "$work/run/rules.d" --state-dir "$work/run/state" > "$work/run/log" 2>&1 &
pid=$!
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
for _ in $(seq 150); do grep -q 'scan:' "$work/run/log" && break; sleep 0.2; done
idle_total=0; idle_ticks=0
for round in 1 2 3; do
  n=$(grep -c 'scan:' "$work/run/log")
  for _ in $(seq 200); do [ "$(grep -c 'scan:' "$work/run/log")" -gt "$n" ] && break; sleep 0.1; done
  sleep 1; a=$(ticks); sleep 12; b=$(ticks)
  idle_ticks=$((idle_ticks + b - a)); idle_total=$((idle_total + 12))
done
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
kill -TERM "$pid"; wait "$pid" || true; pid=""
awk -v t="$idle_ticks" -v s="$idle_total" -v hz="$hz" -v r="$rss_kb" 'BEGIN {
  printf "idle: %d ticks (1/%d s) in %d s between cycles = %.3f %% of a core; RSS %d MB\n",
         t, hz, s, 100 * t / hz / s, r / 1024 }'

echo "== warm cycle at 150k TIME_WAIT (network namespace)"
ns bash -s "$cp" "$work" "${jvm[@]}" <<'INNER'
set -euo pipefail
cp=$1; work=$2; shift 2; jvm=("$@")
ip link set lo up
echo 0 > /proc/sys/net/ipv4/tcp_tw_reuse
echo 400000 > /proc/sys/net/ipv4/tcp_max_tw_buckets
java "${jvm[@]}" -cp "$cp" CensusBench generate 150000 32 >/dev/null
echo "TIME_WAIT: $(ss -Htan state time-wait | wc -l)"
ss_times=()
for _ in 1 2 3 4 5; do
  s=$(date +%s%N); ss -tan state time-wait | wc -l >/dev/null; e=$(date +%s%N)
  ss_times+=($(( (e - s) / 1000000 )))
done
echo "ss -tan state time-wait | wc -l: median $(printf '%s\n' "${ss_times[@]}" | sort -n | sed -n 3p) ms"
mkdir -p "$work/ns-state"
java "${jvm[@]}" -cp "$cp" ServiceBench cycles 10 "$work/ns-state"
INNER
