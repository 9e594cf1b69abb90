#!/usr/bin/env bash
# Cold start of `sockwarden scan` on this host: wall time and peak RSS of the whole process (the
# launcher and its JVM), median of N runs (default 11), each a new JVM started by the
# distribution's launcher with its own flags and class-data sharing archive.
#
#   bench/scan-startup.sh [RUNS] [extra sockwarden scan arguments...]
#
# Builds the distribution if needed, then runs `--version` first, as a user would right after a
# build, and only then the scans: start-up must not depend on which command ran first. The runs
# use an empty cache directory (no per-user archive from earlier runs), an empty configuration and
# rules directory, and a temporary state directory; they change nothing on the host. One extra run
# with -Xshare:on checks that the JVM maps the archive the launcher chose.
#
# Measure on a quiet machine: other builds make the numbers noisy. Holding the project's Maven
# lock while measuring is fine: a build started from here then does not wait for it.
#
# Needs GNU time (Debian package "time").
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-11}
shift || true
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# Already holding the Maven lock (flock ... bench/scan-startup.sh)? Then a build from here must not
# wait for it.
p=$$
while [ "$p" -gt 1 ]; do
  if tr '\0' ' ' </proc/$p/cmdline 2>/dev/null | grep -q sockwarden-maven.lock; then
    export SOCKWARDEN_MVN_LOCKED=1
    break
  fi
  p=$(awk '{print $4}' /proc/$p/stat 2>/dev/null || echo 1)
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/cache"
export SOCKWARDEN_CACHE_DIR="$work/cache"
touch "$work/none.yaml"
mkdir "$work/rules.d" "$work/state"
args=(scan --config "$work/none.yaml" --rules-dir "$work/rules.d" --state-dir "$work/state" "$@")

"$top/sockwarden" --version >/dev/null   # builds first if needed; the first command is --version
launcher="$top/installer/target/dist/bin/sockwarden"

measure() {
  /usr/bin/time -f "%e %M" -o "$work/t" "$launcher" "${args[@]}" >/dev/null 2>"$work/err" || {
    rc=$?; [ "$rc" -eq 3 ] || { cat "$work/err" >&2; exit 1; }; }
  if [ -s "$work/err" ]; then cat "$work/err" >&2; fi
  cat "$work/t"
}

read -r first_s first_kb < <(measure)
walls=(); rss=()
for _ in $(seq "$runs"); do
  read -r s kb < <(measure)
  walls+=("$s"); rss+=("$kb")
done
if SOCKWARDEN_JAVA_OPTS=-Xshare:on "$launcher" --version >/dev/null 2>"$work/err"; then
  archive="mapped"
else
  archive="NOT mapped ($(head -c 200 "$work/err" | tr '\n' ' '))"
fi
if [ -f "$work/cache/sockwarden.jsa" ]; then
  which="a per-user archive made by the first scan"
else
  which="the distribution's archive, lib/sockwarden.jsa"
fi
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "sockwarden scan, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "class-data archive: $which, $archive"
echo "first scan after --version: ${first_s} s, $((first_kb / 1024)) MB peak RSS"
echo "median of ${runs} cold scans:    $(median "${walls[@]}") s, $(( $(median "${rss[@]}") / 1024 )) MB peak RSS"
echo "wall min/max: $(printf '%s\n' "${walls[@]}" | sort -n | head -1) .. $(printf '%s\n' "${walls[@]}" | sort -n | tail -1) s;" \
  "RSS min/max: $(( $(printf '%s\n' "${rss[@]}" | sort -n | head -1) / 1024 )) .. $(( $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024 )) MB"
