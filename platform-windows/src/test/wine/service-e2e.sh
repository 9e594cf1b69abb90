#!/usr/bin/env bash
# The agent as a real Windows service, hosted by the bundled Temurin java.exe, under Wine, in a
# Wine prefix of its own:
#   zip unpacked to C:\Program Files\Sockwarden -> `sockwarden service install --manual`
#   -> `net start` -> RUNNING, a scheduled scan's report and the metrics textfile appear under
#   C:\ProgramData\Sockwarden -> `net stop` reaches the
#   handler, the service stops with exit code 0 and java.exe exits
#   -> a bad agent.yaml: `net start` fails, the log file names the key, the service's exit code is 2
#   -> `sockwarden service uninstall` -> not installed; configuration, state and logs kept.
# Then, when wixl built the MSI: `msiexec /i` -> the service is RUNNING (started by the MSI) with a
# report and metrics -> `net stop` -> `msiexec /x` -> the service and the program files are gone,
# agent.yaml, the state directory and the logs are kept.
# Run after `./mvnw package` (needs installer/target: the zip, and the MSI when wixl is installed).
# Skips, saying so, when Wine or an artefact is missing; fails instead with
# SOCKWARDEN_REQUIRE_WINE=1. Every Wine call is bounded; the prefix's wineserver (a persistent one:
# without it Wine kills services when the last ordinary Wine process exits) is stopped and the
# temp dir removed at exit.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
zip=$(ls "$repo"/installer/target/sockwarden-*-windows.zip 2>/dev/null | head -1 || true)
msi=$(ls "$repo"/installer/target/sockwarden-*.msi 2>/dev/null | head -1 || true)
jre=$(ls -d "$repo"/platform-windows/target/windows-jre/*/jre 2>/dev/null | head -1 || true)
missing=""
command -v wine >/dev/null || missing="wine is not installed;"
command -v wineserver >/dev/null || missing="$missing wineserver is not installed;"
[ -n "$zip" ] || missing="$missing no Windows zip in installer/target;"
[ -n "$jre" ] || missing="$missing no Windows JRE in platform-windows/target/windows-jre;"
if [ -n "$missing" ]; then
  if [ "${SOCKWARDEN_REQUIRE_WINE:-}" = 1 ]; then
    echo "FAILED Windows service end-to-end: SOCKWARDEN_REQUIRE_WINE=1 but$missing" >&2
    exit 1
  fi
  echo "SKIPPED Windows service end-to-end:$missing" >&2
  exit 0
fi

t0=$SECONDS
tmp=$(mktemp -d)
export WINEPREFIX="$tmp/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" TMPDIR="$tmp"
data="$WINEPREFIX/drive_c/ProgramData/Sockwarden"
pf="$WINEPREFIX/drive_c/Program Files/Sockwarden"
cleanup() { timeout 30 wineserver -k >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT

fail() {
  echo "FAILED Windows service end-to-end: $*" >&2
  for f in "$data"/logs/sockwarden*.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -40 "$f" >&2; }
  done
  # msiexec's verbose logs: the actions that did not succeed, then the end.
  for f in "$WINEPREFIX"/drive_c/msiexec-*.log; do
    [ -f "$f" ] || continue
    echo "--- $f: actions that did not return 1, then its end" >&2
    grep -a "Action ended" "$f" | grep -av "Return value 1\." | tail -20 >&2 || true
    tail -15 "$f" >&2 || true
  done
  exit 1
}
# Runs a Wine command, bounded; output in $tmp/out.txt (stdin closed: wine cmd waits on an open one).
w() {
  local want=$1; shift
  local rc=0 start=$SECONDS
  timeout 120 wine "$@" </dev/null >"$tmp/out.txt" 2>&1 || rc=$?
  tr -d '\r' <"$tmp/out.txt" >"$tmp/out2.txt"; mv "$tmp/out2.txt" "$tmp/out.txt"
  echo "  wine $*: exit $rc in $((SECONDS - start)) s" >&2
  [ "$want" = any ] || [ "$rc" = "$want" ] || { cat "$tmp/out.txt" >&2; fail "wine $* exited $rc, expected $want"; }
}
expect() { grep -qF -- "$1" "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "output lacks: $1"; }; }
# Waits (bounded) until a file exists under the prefix.
await_file() {
  local f=$1 limit=${2:-120} start=$SECONDS
  while [ ! -s "$f" ]; do
    [ $((SECONDS - start)) -lt "$limit" ] || fail "no $f after $limit s"
    sleep 1
  done
  echo "  $(basename "$f") after $((SECONDS - start)) s" >&2
}
await_log() {
  local text=$1 limit=${2:-60} start=$SECONDS
  until grep -qF -- "$text" "$data/logs/sockwarden.log" 2>/dev/null; do
    [ $((SECONDS - start)) -lt "$limit" ] || fail "the log lacks \"$text\" after $limit s"
    sleep 1
  done
}
status() { w "$1" cmd /c "$launcher" service status; }
# Waits (bounded) until `sockwarden service status` prints the state: Wine's `net start` returns
# while the service still reports start pending.
await_status() {
  local want=$1 limit=${2:-90} start=$SECONDS
  while true; do
    status 0
    grep -qF -- "Sockwarden: $want" "$tmp/out.txt" && break
    [ $((SECONDS - start)) -lt "$limit" ] || fail "not $want after $limit s: $(cat "$tmp/out.txt")"
    sleep 2
  done
  echo "  $want after $((SECONDS - start)) s" >&2
}

# The prefix, then a persistent wineserver for it.
timeout 120 wine cmd /c ver </dev/null >/dev/null 2>&1 || fail "cannot create a Wine prefix"
# Windows gives a starting service 30 s (ServicesPipeTimeout's default) to connect to the service
# control manager; Wine gives 10 s unless the value is set, and reads it as a string. A JVM
# starting under Wine on a busy two-core machine can take longer than 10 s, and StartService then
# fails with a timeout (msiexec exits 1627: 91 in the low byte). services.exe reads the value when
# it starts, after the wineserver restart below.
timeout 60 wine reg add 'HKLM\System\CurrentControlSet\Control' /v ServicesPipeTimeout /t REG_SZ /d 30000 /f \
  </dev/null >/dev/null 2>&1 || fail "cannot set ServicesPipeTimeout in the Wine prefix"
timeout 30 wineserver -k >/dev/null 2>&1 || true
timeout 30 wineserver -w || true
wineserver -p >/dev/null 2>&1
echo "  prefix ready after $((SECONDS - t0)) s" >&2

# ---- the zip, installed with `sockwarden service install` ----
mkdir -p "$pf"
(cd "$tmp" && unzip -q "$zip")
cp -r "$tmp"/sockwarden-*/. "$pf/"
ln -s "$jre" "$pf/jre"
launcher='C:\Program Files\Sockwarden\bin\sockwarden.cmd'
export JAVA_HOME='C:\Program Files\Sockwarden\jre'

status 1
expect "Sockwarden: not installed"
w 0 cmd /c "$launcher" service install --manual
expect 'installed the service Sockwarden: C:\Program Files\Sockwarden\jre\bin\java.exe'
expect '-jar C:\Program Files\Sockwarden\lib\sockwarden-agent-'
status 0
expect "Sockwarden: stopped"
w 1 cmd /c "$launcher" service install --manual
expect "(1073)"

w 0 net start Sockwarden
await_status "running, pid"
await_file "$data/state/reports/latest.json"
await_file "$data/metrics/sockwarden.prom"
grep -q '^sockwarden_scan_success 1' "$data/metrics/sockwarden.prom" || fail "metrics: $(head -20 "$data/metrics/sockwarden.prom")"
[ -s "$data/agent.yaml" ] || fail "the service wrote no default agent.yaml"
await_log "starting as the Sockwarden service"
await_log "started: every 900 s"

# PARAMCHANGE (reload) is covered by the unit tests against a fake service control manager: Wine's
# sc.exe has no `control` command to send it.

w 0 net stop Sockwarden
await_log "stop requested by the service control manager"
await_log "INFO  stopped"
status 0
expect "Sockwarden: stopped"
w 0 cmd /c tasklist
grep -qi 'java.exe' "$tmp/out.txt" && fail "java.exe still runs after net stop: $(cat "$tmp/out.txt")"

# A bad configuration: the start fails, visibly.
cp "$data/agent.yaml" "$tmp/agent.yaml.good"
printf 'schedule:\n  every: 3 fortnights\n' >"$data/agent.yaml"
w any net start Sockwarden
await_log "the service did not start"
grep -F "the service did not start" "$data/logs/sockwarden.log" | grep -qF "every" || fail "the start failure does not name the key"
status 0
expect "Sockwarden: stopped, last exit code 2"
cp "$tmp/agent.yaml.good" "$data/agent.yaml"

w 0 cmd /c "$launcher" service uninstall
expect "removed the service Sockwarden"
status 1
expect "Sockwarden: not installed"
[ -s "$data/agent.yaml" ] && [ -s "$data/state/reports/latest.json" ] && [ -s "$data/logs/sockwarden.log" ] \
  || fail "uninstall removed configuration, state or logs"
echo "  service from the zip: done after $((SECONDS - t0)) s" >&2
rm -rf "$pf"

# ---- the MSI ----
if [ -z "$msi" ]; then
  if [ "${SOCKWARDEN_REQUIRE_WINE:-}" = 1 ]; then
    fail "SOCKWARDEN_REQUIRE_WINE=1 but no MSI in installer/target (wixl missing at build time?)"
  fi
  echo "SKIPPED the MSI part: no installer/target/sockwarden-*.msi (wixl not installed at build time)" >&2
  echo "Windows service end-to-end under Wine (zip only): $((SECONDS - t0)) s" >&2
  exit 0
fi
winmsi="Z:$(echo "$msi" | tr '/' '\\')"
rm -rf "$data"
w 0 msiexec /i "$winmsi" /qn /l*v 'C:\msiexec-install.log'
echo "  msiexec /i done after $((SECONDS - t0)) s" >&2
launcher='C:\Program Files\Sockwarden\bin\sockwarden.cmd'
unset JAVA_HOME
[ -f "$pf/jre/bin/java.exe" ] && [ -d "$pf/jre/legal" ] && [ -f "$pf/bin/sockwarden.cmd" ] \
  || fail "the MSI did not install jre\\bin\\java.exe, jre\\legal and bin\\sockwarden.cmd"
ls "$pf"/lib/sockwarden-agent-*.jar >/dev/null || fail "the MSI did not install the agent jar"
w 0 reg query 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' /v PATH
expect 'C:\Program Files\Sockwarden\bin\'
await_status "running, pid"
await_file "$data/state/reports/latest.json"
await_file "$data/metrics/sockwarden.prom"
await_log "started: every 900 s"
[ -s "$data/agent.yaml" ] || fail "the service wrote no default agent.yaml"
echo "# kept by uninstall" >>"$data/agent.yaml"

w 0 net stop Sockwarden
await_log "stop requested by the service control manager"
status 0
expect "Sockwarden: stopped"
w 0 msiexec /x "$winmsi" /qn /l*v 'C:\msiexec-uninstall.log'
echo "  msiexec /x done after $((SECONDS - t0)) s" >&2
w any sc query Sockwarden
grep -qi 'RUNNING\|STOPPED' "$tmp/out.txt" && fail "the service is still installed: $(cat "$tmp/out.txt")"
# Every file goes; Wine's msiexec may leave empty folders (jre\legal holds only folders).
[ -z "$(find "$pf" -type f 2>/dev/null | head -1)" ] || fail "program files left: $(find "$pf" -type f | head)"
grep -q "# kept by uninstall" "$data/agent.yaml" || fail "uninstall removed or replaced agent.yaml"
[ -s "$data/state/reports/latest.json" ] && [ -s "$data/logs/sockwarden.log" ] || fail "uninstall removed the state directory or the logs"
w 0 reg query 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' /v PATH
grep -qF 'Sockwarden\bin' "$tmp/out.txt" && fail "uninstall left Sockwarden\\bin on the PATH"
echo "Windows service end-to-end under Wine (zip and MSI): $((SECONDS - t0)) s" >&2
