#!/usr/bin/env bash
# Socket census at 10k, 100k and 300k TIME_WAIT sockets, side by side with
# `ss -tan state time-wait | wc -l`, each level in a fresh network namespace of its own (nothing on
# the host changes). TIME_WAIT sockets are spread over 32 destination addresses on loopback.
#
#   bench/census.sh [LEVELS...]      default: 10000 100000 300000
#
# Reports per level: ss wall time (median of 5), the in-process census time (netlink dump and
# aggregation, median of 5, JVM already started) and that JVM's peak RSS, and the wall time and
# peak RSS of a whole `sockwarden facts --format json` process. Needs GNU time, iproute2, unshare.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
levels=("$@"); [ ${#levels[@]} -gt 0 ] || levels=(10000 100000 300000)
for tool in /usr/bin/time ss ip unshare; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done
"$top/sockwarden" --version >/dev/null
lib="$top/installer/target/dist/lib"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$lib/*" "$top/bench/CensusBench.java"
cp="$work/classes:$lib/*"
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

ns() { if [ "$(id -u)" = 0 ]; then unshare -n -- "$@"; else unshare -Urn -- "$@"; fi; }

for n in "${levels[@]}"; do
  ns bash -s "$n" "$cp" "$top" "$work" "${jvm[@]}" <<'INNER'
set -euo pipefail
n=$1; cp=$2; top=$3; work=$4; shift 4; jvm=("$@")
ip link set lo up
echo 0 > /proc/sys/net/ipv4/tcp_tw_reuse
echo 400000 > /proc/sys/net/ipv4/tcp_max_tw_buckets
java "${jvm[@]}" -cp "$cp" CensusBench generate "$n" 32 >/dev/null
tw=$(ss -Htan state time-wait | wc -l)
ss_times=()
for _ in 1 2 3 4 5; do
  s=$(date +%s%N); ss -tan state time-wait | wc -l >/dev/null; e=$(date +%s%N)
  ss_times+=($(( (e - s) / 1000000 )))
done
ss_median=$(printf '%s\n' "${ss_times[@]}" | sort -n | sed -n 3p)
census=$(java "${jvm[@]}" -cp "$cp" CensusBench measure 5)
/usr/bin/time -f "%e %M" -o "$work/t" "$top/installer/target/dist/bin/sockwarden" facts --format json \
  --root "$work" >/dev/null
read -r facts_s facts_kb < "$work/t"
printf '%7d TIME_WAIT | ss: %4d ms | %s | sockwarden facts: %s s, %d MB\n' \
  "$tw" "$ss_median" "$census" "$facts_s" "$((facts_kb / 1024))"
INNER
done
