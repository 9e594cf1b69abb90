#!/usr/bin/env bash
# End-to-end run of the Windows distribution (installer/target/*-windows.zip) through its
# bin\sockwarden.cmd on a real Windows JVM under Wine, in a Wine prefix of its own:
#   MaxUserPort not set, TcpTimedWaitDelay 240, the OS version of Windows Server 2003
#   -> scan (findings) -> plan -> apply --yes -> the registry has the new values
#   -> rollback --last -> MaxUserPort not set again, TcpTimedWaitDelay 240 -> history.
# Run after `./mvnw package` (it needs the zip and platform-windows/target/windows-jre). Skips,
# saying so, when Wine or either artefact is missing; fails instead with SOCKWARDEN_REQUIRE_WINE=1.
# Every Wine call is bounded; the prefix's wineserver is stopped and the temp dir removed at exit.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
zip=$(ls "$repo"/installer/target/sockwarden-*-windows.zip 2>/dev/null | head -1 || true)
jre=$(ls -d "$repo"/platform-windows/target/windows-jre/*/jre 2>/dev/null | head -1 || true)
missing=""
command -v wine >/dev/null || missing="wine is not installed;"
[ -n "$zip" ] || missing="$missing no Windows zip in installer/target;"
[ -n "$jre" ] || missing="$missing no Windows JRE in platform-windows/target/windows-jre;"
if [ -n "$missing" ]; then
  if [ "${SOCKWARDEN_REQUIRE_WINE:-}" = 1 ]; then
    echo "FAILED Windows CLI end-to-end: SOCKWARDEN_REQUIRE_WINE=1 but$missing" >&2
    exit 1
  fi
  echo "SKIPPED Windows CLI end-to-end:$missing" >&2
  exit 0
fi

tmp=$(mktemp -d)
export WINEPREFIX="$tmp/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" TMPDIR="$tmp"
cleanup() { timeout 30 wineserver -k >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT

winpath() { echo "Z:$(echo "$1" | tr '/' '\\')"; }
(cd "$tmp" && unzip -q "$zip")
dist=$(ls -d "$tmp"/sockwarden-*)
mkdir "$tmp/rules"
cp "$repo/platform-windows/src/test/wine/site-timewait.drl" "$tmp/rules/"
export JAVA_HOME; JAVA_HOME=$(winpath "$jre")
launcher="$(winpath "$dist")\\bin\\sockwarden.cmd"
rules=$(winpath "$tmp/rules")
key='HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
version='HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

fail() { echo "FAILED Windows CLI end-to-end: $*" >&2; exit 1; }
# Runs Wine's reg.exe; output in $tmp/reg.txt. Now and then Wine fails to start a program at all
# ("ShellExecuteEx failed"), which says nothing about the registry: that start is tried again, at
# most three times.
reg() {
  local try rc
  for try in 1 2 3; do
    rc=0
    timeout 60 wine reg "$@" </dev/null >"$tmp/reg.txt" 2>&1 || rc=$?
    grep -q 'ShellExecuteEx failed' "$tmp/reg.txt" || return "$rc"
    echo "reg $1: Wine could not start reg.exe (try $try of 3)" >&2
    sleep 2
  done
  return "$rc"
}
# Runs the launcher (stdin closed: wine cmd waits on an open one); output in $tmp/out.txt.
sw() {
  local want=$1; shift
  local start=$SECONDS rc=0
  timeout 150 wine cmd /c "$launcher" "$@" </dev/null >"$tmp/out.txt" 2>&1 || rc=$?
  echo "sockwarden $1: exit $rc in $((SECONDS - start)) s" >&2
  [ "$rc" = "$want" ] || { cat "$tmp/out.txt" >&2; fail "sockwarden $* exited $rc, expected $want"; }
}
expect() { grep -qF -- "$1" "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "output lacks: $1"; }; }
value() { reg query "$key" /v "$1" || true; grep -i "REG_DWORD" "$tmp/reg.txt" | tr -d '\r' | awk '{print $3}'; }

reg add "$key" /v TcpTimedWaitDelay /t REG_DWORD /d 240 /f || fail "reg add"
reg delete "$key" /v MaxUserPort /f || true
# Wine reports Windows 7; these make the collector see Windows Server 2003, where an unset
# MaxUserPort limits outgoing connections to ports 1025-5000.
reg add "$version" /v CurrentVersion /t REG_SZ /d 5.2 /f || fail "reg add"
reg add "$version" /v CurrentBuildNumber /t REG_SZ /d 3790 /f || fail "reg add"
reg add "$version" /v ProductName /t REG_SZ /d "Microsoft Windows Server 2003" /f || fail "reg add"

state='C:\sockwarden-state'
sw 3 scan --state-dir "$state" --rules-dir "$rules"
expect "WIN-MAXUSERPORT"
expect "SITE-TIMEWAIT-DELAY"
expect "windows 5.2.3790"
sw 0 plan --state-dir "$state" --rules-dir "$rules"
expect "registry    not set -> 65534  (reboot required)"
expect "registry    240 -> 60  (reboot required)"
sw 0 apply --yes --state-dir "$state" --rules-dir "$rules"
[ "$(value MaxUserPort)" = 0xfffe ] || fail "MaxUserPort after apply: $(cat "$tmp/reg.txt")"
[ "$(value TcpTimedWaitDelay)" = 0x3c ] || fail "TcpTimedWaitDelay after apply: $(cat "$tmp/reg.txt")"
sw 0 rollback --last --state-dir "$state"
[ -z "$(value MaxUserPort)" ] || fail "MaxUserPort after rollback: $(cat "$tmp/reg.txt")"
[ "$(value TcpTimedWaitDelay)" = 0xf0 ] || fail "TcpTimedWaitDelay after rollback: $(cat "$tmp/reg.txt")"
sw 0 history --state-dir "$state"
expect "rolled back"
echo "Windows CLI end-to-end under Wine: scan, plan, apply, rollback and history as expected" >&2
