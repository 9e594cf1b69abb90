#!/usr/bin/env bash
# Cold start of `sockwarden scan` on this host: wall time and peak RSS of the whole process, median
# of N runs (default 11), each a new JVM started by the distribution's launcher with its own JVM
# flags. The first run after a build creates the class-data sharing archive and is reported
# separately; the median is over the runs that use it, as every later invocation on a host does.
#
#   bench/scan-startup.sh [RUNS] [extra sockwarden scan arguments...]
#
# Needs GNU time (Debian package "time").
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-11}
shift || true
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$top/sockwarden" --version >/dev/null          # build if needed
launcher="$top/installer/target/dist/bin/sockwarden"
rm -rf "$top/installer/target/dist/cds"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
args=(scan --config "$empty/none.yaml" --rules-dir "$empty" "$@")
touch "$empty/none.yaml"

measure() {
  /usr/bin/time -f "%e %M" -o "$empty/t" "$launcher" "${args[@]}" >/dev/null 2>"$empty/err" || {
    rc=$?; [ "$rc" -eq 3 ] || { cat "$empty/err" >&2; exit 1; }; }
  cat "$empty/t"
}

read -r first_s first_kb < <(measure)
walls=(); rss=()
for _ in $(seq "$runs"); do
  read -r s kb < <(measure)
  walls+=("$s"); rss+=("$kb")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "sockwarden scan, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "first run (creates the CDS archive): ${first_s} s, $((first_kb / 1024)) MB peak RSS"
echo "median of ${runs} cold runs:           $(median "${walls[@]}") s, $(( $(median "${rss[@]}") / 1024 )) MB peak RSS"
echo "min/max wall: $(printf '%s\n' "${walls[@]}" | sort -n | head -1) .. $(printf '%s\n' "${walls[@]}" | sort -n | tail -1) s"
