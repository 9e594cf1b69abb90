#!/bin/sh
# Makes the distribution's class-data sharing archive, lib/sockwarden.jsa, and ships JNA's native
# library for this machine in lib/native/ so that it is never unpacked at run time.
#
#   cds-archive.sh DIST_DIR JAVA WORK_DIR
#
# A training `scan` of this host (read-only: empty configuration and rules directory, state
# directory under WORK_DIR) runs through the distribution's own launcher with
# -XX:DumpLoadedClassList; the JVM then dumps every class on that list, JDK classes included,
# into a static archive (-Xshare:dump). The launcher uses it only with the same JDK and the same
# installation directory, which lib/sockwarden.jsa.id records; elsewhere it falls back to a
# per-user archive (see bin/sockwarden).
set -eu
dist=$(CDPATH= cd -- "$1" && pwd -P)
java=$(readlink -f -- "$2")
work=$3
launcher=$dist/bin/sockwarden

rm -rf -- "$work"
mkdir -p -- "$work/rules.d" "$work/state" "$work/cache"
chmod 700 "$work/cache"
: >"$work/config.yaml"
rm -f -- "$dist/lib/sockwarden.jsa" "$dist/lib/sockwarden.jsa.id"
rm -rf -- "$dist/lib/native"

# JNA's native library for this machine, under the name JNA looks for in jna.boot.library.path.
case $(uname -s)-$(uname -m) in
  Linux-x86_64 | Linux-amd64) jna_dir=linux-x86-64 ;;
  Linux-aarch64 | Linux-arm64) jna_dir=linux-aarch64 ;;
  *) jna_dir= ;;
esac
if [ -n "$jna_dir" ]; then
  jartool=${java%/bin/java}/bin/jar
  [ -x "$jartool" ] || jna_dir=
fi
if [ -n "$jna_dir" ]; then
  for jar in "$dist"/lib/jna-[0-9]*.jar; do
    (cd "$work" && "$jartool" xf "$jar" "com/sun/jna/$jna_dir/libjnidispatch.so")
    if [ -f "$work/com/sun/jna/$jna_dir/libjnidispatch.so" ]; then
      mkdir -p "$dist/lib/native"
      cp "$work/com/sun/jna/$jna_dir/libjnidispatch.so" "$dist/lib/native/"
    fi
  done
fi

export JAVA="$java" SOCKWARDEN_CDS=off SOCKWARDEN_CACHE_DIR="$work/cache"
rc=0
SOCKWARDEN_JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes.lst" \
  "$launcher" scan --config "$work/config.yaml" --rules-dir "$work/rules.d" \
  --state-dir "$work/state" >"$work/scan.out" 2>"$work/scan.err" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
  cat "$work/scan.err" >&2
  echo "cds-archive: the training scan failed (exit $rc)" >&2
  exit 1
fi
SOCKWARDEN_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$work/classes.lst -XX:SharedArchiveFile=$dist/lib/sockwarden.jsa" \
  "$launcher" >"$work/dump.log" 2>&1 || {
  cat "$work/dump.log" >&2
  echo "cds-archive: dumping the archive failed" >&2
  exit 1
}
printf '%s %s\n' "$java" "$dist" >"$dist/lib/sockwarden.jsa.id"
echo "cds-archive: $(wc -l <"$work/classes.lst") classes from a training scan -> $dist/lib/sockwarden.jsa"
