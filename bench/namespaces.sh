#!/usr/bin/env bash
# The warm cost of scanning every network namespace: 50 idle namespaces (each held by a
# `unshare -n sleep` process this script starts), then, in one JVM after warm-up rounds, a
# host-only scan against a scan of all namespaces and a scan of exactly the 50, interleaved.
# Cost per idle namespace = (median t_all - median t_host) / namespaces scanned. The issue's bar:
# at most 10 ms per idle namespace, warm. Also the peak RSS of that JVM, and a whole cold
# `sockwarden scan --all-namespaces` process (wall time and peak RSS) against a plain `scan`.
#
#   sudo bench/namespaces.sh [NAMESPACES [RUNS]]      default: 50 namespaces, 11 runs
#
# Needs root (entering a namespace with setns needs CAP_SYS_ADMIN), unshare and GNU time. Nothing
# is left behind: the sleep processes are stopped by their PIDs and the temporary directory is
# removed on exit, whatever happens; the namespaces go with their processes. Host settings are only
# read.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-50}
runs=${2:-11}
[ "$(id -u)" = 0 ] || { echo "bench: needs root (setns into other namespaces)" >&2; exit 2; }
for tool in /usr/bin/time unshare; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done
"$top/sockwarden" --version >/dev/null
lib="$top/installer/target/dist/lib"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
javac -d "$work/classes" -cp "$lib/*" "$top/bench/NamespacesBench.java"
cp="$work/classes:$lib/*"
# The launcher's JVM flags.
jvm=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmn8m -Xss512k -XX:-UsePerfData)

cold() { # cold wall time (s) and peak RSS (MB) of a whole sockwarden process, median of 5
  local times=() kbs=()
  for _ in 1 2 3 4 5; do
    rc=0
    /usr/bin/time -f "%e %M" -o "$work/t" "$top/installer/target/dist/bin/sockwarden" "$@" \
      --format json --state-dir "$work/cold-state" --config "$work/agent.yaml" \
      --rules-dir "$work/rules.d" >/dev/null 2>"$work/err" || rc=$?
    # 0 compliant, 3 findings; anything else is a failed run, not a measurement.
    [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "bench: sockwarden $* exited $rc:" >&2; cat "$work/err" >&2; exit 1; }
    read -r s kb < <(tail -1 "$work/t")
    times+=("$s"); kbs+=("$kb")
  done
  printf '%s s, %d MB' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" \
    "$(( $(printf '%s\n' "${kbs[@]}" | sort -n | sed -n 3p) / 1024 ))"
}
mkdir -p "$work/rules.d"
: > "$work/agent.yaml"
chmod 600 "$work/agent.yaml"

echo "== before: $(ls /proc | grep -c '^[0-9]') processes; cold, no namespace of ours yet"
echo "scan:                  $(cold scan --allow-incomplete)"
echo "scan --all-namespaces: $(cold scan --all-namespaces --allow-incomplete)"

host=$(readlink /proc/self/ns/net)
for _ in $(seq "$count"); do
  unshare -n -- sleep 3600 &
  pids+=($!)
done
inodes=()
for p in "${pids[@]}"; do
  for _ in $(seq 100); do
    link=$(readlink "/proc/$p/ns/net" 2>/dev/null || true)
    [ -n "$link" ] && [ "$link" != "$host" ] && break
    sleep 0.05
  done
  [ "$link" != "$host" ] || { echo "bench: pid $p did not enter a namespace" >&2; exit 1; }
  inodes+=("$(echo "$link" | tr -dc 0-9)")
done
echo "== $count idle namespaces held by pids ${pids[0]}..${pids[-1]}; $(ls /proc | grep -c '^[0-9]') processes"

echo "== warm, one JVM (launcher flags), 5 warm-up rounds, $runs measured"
mkdir -p "$work/state"
java "${jvm[@]}" -cp "$cp" NamespacesBench measure "$runs" 5 "$work/state" "${inodes[@]}"

echo "== cold, whole process, median of 5"
echo "scan:                  $(cold scan --allow-incomplete)"
echo "scan --all-namespaces: $(cold scan --all-namespaces --allow-incomplete)"
