#!/bin/sh
# Tests of bin/sockwarden's choices: which class-data archive, which cache directory, what it
# refuses and says. Hermetic: a temporary installation with a stand-in `java` that records its
# arguments, so no JVM runs and nothing outside the temporary directory is touched. Cases that
# need files owned by another user run only as root.
#
#   launcher-test.sh LAUNCHER
set -u
launcher=$(readlink -f -- "$1")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# A JDK stand-in and an installation whose shipped archive fits it.
mkdir -p "$t/jdk/bin" "$t/jdk/lib" "$t/opt/bin" "$t/opt/lib/native" "$t/home"
cat >"$t/jdk/bin/java" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$FAKE_ARGS"
for a; do
  case $a in -XX:ArchiveClassesAtExit=*) echo archive >"${a#*=}" ;; esac
done
exit "${FAKE_RC:-0}"
EOF
chmod 755 "$t/jdk/bin/java"
touch -d '2000-01-01' "$t/jdk/lib/modules"
cp "$launcher" "$t/opt/bin/sockwarden"
chmod 755 "$t/opt/bin/sockwarden"
touch "$t/opt/lib/a.jar" "$t/opt/lib/native/libjnidispatch.so"
echo shipped >"$t/opt/lib/sockwarden.jsa"
printf '%s %s\n' "$t/jdk/bin/java" "$t/opt" >"$t/opt/lib/sockwarden.jsa.id"
chmod 755 "$t" "$t/opt" "$t/opt/lib"
chmod 644 "$t/opt/lib/sockwarden.jsa"

export JAVA="$t/jdk/bin/java" FAKE_ARGS="$t/args" HOME="$t/home"
unset XDG_CACHE_HOME SOCKWARDEN_CACHE_DIR SOCKWARDEN_CDS SOCKWARDEN_JAVA_OPTS JAVA_HOME || :

# run ARGS...: runs the launcher; its stderr in $t/err, the JVM's arguments in $t/args.
run() {
  rm -f "$t/args"
  "$t/opt/bin/sockwarden" "$@" 2>"$t/err"
}
has() { grep -qx -- "$1" "$t/args"; }
hasnt() { ! grep -q -- "$1" "$t/args"; }
said() { grep -q -- "$1" "$t/err"; }
quiet() { [ ! -s "$t/err" ]; }

run scan
{ has "-XX:SharedArchiveFile=$t/opt/lib/sockwarden.jsa" && quiet; } && ok || bad "a fitting shipped archive is used"
{ has "-Djna.boot.library.path=$t/opt/lib/native" && has "-Djna.tmpdir=$t/home/.cache/sockwarden/jna"; } &&
  ok || bad "JNA: shipped library, unpacking only into the cache directory"
[ "$(stat -c %a "$t/home/.cache/sockwarden")" = 700 ] && ok || bad "the default cache directory is created with mode 0700"
has "$t/opt/lib/a.jar" && has io.sockwarden.agent.Main && has scan && ok || bad "class path, main class and arguments"

# Collector: G1 with one thread for a command, the serial collector for the long-running agent.
{ has -XX:+UseG1GC && has -XX:ParallelGCThreads=1 && hasnt UseSerialGC; } && ok || bad "scan runs with G1"
run run --once
{ has -XX:+UseSerialGC && has -Xmn8m && hasnt UseG1GC; } && ok || bad "run runs with the serial collector"
SOCKWARDEN_JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" run scan
{ has -XX:+UseSerialGC && hasnt UseG1GC && has -Xmx64m; } &&
  ok || bad "a collector in SOCKWARDEN_JAVA_OPTS replaces the launcher's"
SOCKWARDEN_JAVA_OPTS=-XX:+UseParallelGC run run
{ has -XX:+UseParallelGC && hasnt UseSerialGC && hasnt Xmn8m; } &&
  ok || bad "a collector in SOCKWARDEN_JAVA_OPTS replaces the serial one of run"
SOCKWARDEN_JAVA_OPTS="-XX:+UseStringDeduplication -Xlog:gc" run scan
{ has -XX:+UseG1GC && has -XX:+UseStringDeduplication; } &&
  ok || bad "other options in SOCKWARDEN_JAVA_OPTS keep the launcher's collector"

# Native access is enabled from JDK 24 on, and when the JDK's version cannot be read.
run scan
has --enable-native-access=ALL-UNNAMED && ok || bad "a JDK without a release file: native access enabled"
echo 'JAVA_VERSION="17.0.15"' >"$t/jdk/release"
run scan
{ hasnt enable-native-access && has scan; } && ok || bad "JDK 17: no --enable-native-access"
printf 'IMPLEMENTOR="X"\nJAVA_VERSION="25.0.1"\n' >"$t/jdk/release"
run scan
has --enable-native-access=ALL-UNNAMED && ok || bad "JDK 25: native access enabled"
echo 'JAVA_VERSION="24"' >"$t/jdk/release"
run scan
has --enable-native-access=ALL-UNNAMED && ok || bad "JDK 24: native access enabled"
echo 'JAVA_VERSION="21.0.5"' >"$t/jdk/release"
run scan
hasnt enable-native-access && ok || bad "JDK 21: no --enable-native-access"
rm "$t/jdk/release"

chmod 664 "$t/opt/lib/sockwarden.jsa"
run scan
{ hasnt SharedArchiveFile && hasnt ArchiveClassesAtExit && said "writable by group or others"; } &&
  ok || bad "a group-writable shipped archive is refused, with a reason"
chmod 644 "$t/opt/lib/sockwarden.jsa"
chmod 777 "$t/opt/lib"
run scan
{ hasnt SharedArchiveFile && said "opt/lib is writable"; } && ok || bad "a shipped archive in a writable lib/ is refused"
chmod 755 "$t/opt/lib"

SOCKWARDEN_CDS=off run scan
hasnt SharedArchiveFile && hasnt ArchiveClassesAtExit && ok || bad "SOCKWARDEN_CDS=off uses no archive"

# The JDK was updated after the archive was made: per-user archive, made only by scan or facts.
touch "$t/jdk/lib/modules"
user=$t/home/.cache/sockwarden/sockwarden.jsa
run --version
{ hasnt SharedArchiveFile && hasnt ArchiveClassesAtExit && [ ! -e "$user" ]; } &&
  ok || bad "--version neither uses a stale archive nor makes one"
run scan --help
hasnt ArchiveClassesAtExit && ok || bad "scan --help makes no archive"
FAKE_RC=2 run scan --bogus
{ [ ! -e "$user" ] && [ -z "$(ls "$t/home/.cache/sockwarden" | grep '\.jsa\.')" ]; } &&
  ok || bad "a failed training run leaves no archive behind"
FAKE_RC=3 run scan
{ [ $? -eq 3 ] && grep -q '^-XX:ArchiveClassesAtExit=' "$t/args" && [ -s "$user" ] &&
  [ "$(cat "$user.id")" = "$t/jdk/bin/java $t/opt" ]; } && ok || bad "a scan makes the per-user archive"
run facts
has "-XX:SharedArchiveFile=$user" && ok || bad "the per-user archive is used next time"
chmod 666 "$user"
run facts
{ hasnt SharedArchiveFile && said "writable by group or others"; } && ok || bad "a writable per-user archive is refused"
chmod 644 "$user"

# Cache directories that must not be used.
mkdir -m 1777 "$t/public"
SOCKWARDEN_CACHE_DIR=$t/public/cache run scan
{ [ ! -e "$t/public/cache" ] && said "others can write to" && has "-Djna.nounpack=true" &&
  hasnt "jna.tmpdir"; } && ok || bad "no cache directory inside a world-writable directory"
mkdir -m 777 "$t/open"
SOCKWARDEN_CACHE_DIR=$t/open run scan
said "writable by group or others" && hasnt ArchiveClassesAtExit && ok || bad "a writable cache directory is refused"
XDG_CACHE_HOME=$t/xdg run --version
[ -d "$t/xdg/sockwarden" ] && has "-Djna.tmpdir=$t/xdg/sockwarden/jna" && ok || bad "XDG_CACHE_HOME is honoured"
# An installation whose path has a space: the archive and JNA options keep the path whole.
cp -a "$t/opt" "$t/my opt"
printf '%s %s\n' "$t/jdk/bin/java" "$t/my opt" >"$t/my opt/lib/sockwarden.jsa.id"
touch -d '2000-01-01' "$t/jdk/lib/modules"
rm -f "$t/args"
"$t/my opt/bin/sockwarden" scan 2>"$t/err"
{ has "-XX:SharedArchiveFile=$t/my opt/lib/sockwarden.jsa" &&
  has "-Djna.boot.library.path=$t/my opt/lib/native" && has io.sockwarden.agent.Main && quiet; } &&
  ok || bad "an installation path with a space"
rm -rf "$t/my opt"

mkdir -m 700 "$t/with space" "$t/with space/cache "
SOCKWARDEN_CACHE_DIR="$t/with space/cache " run scan
{ has "-Djna.tmpdir=$t/with space/cache /jna" && quiet; } && ok || bad "a cache directory with spaces in its path is used"
chmod 777 "$t/with space/cache "
SOCKWARDEN_CACHE_DIR="$t/with space/cache " run scan
{ hasnt jna.tmpdir && said "with space/cache  is writable by group or others"; } &&
  ok || bad "a writable cache directory with spaces in its path is refused"

# A cache directory that another command creates between the launcher's first look and its check
# (a stat that creates it once it has run) is still used.
mkdir -p "$t/racebin"
cat >"$t/racebin/stat" <<'EOF'
#!/bin/sh
rc=0
/usr/bin/env PATH="$REAL_PATH" stat "$@" || rc=$?
[ -d "$RACE_DIR" ] || mkdir -m 700 "$RACE_DIR"
exit "$rc"
EOF
chmod 755 "$t/racebin/stat"
REAL_PATH=$PATH RACE_DIR=$t/raced PATH="$t/racebin:$PATH" SOCKWARDEN_CACHE_DIR=$t/raced run scan
{ has "-Djna.tmpdir=$t/raced/jna" && quiet; } && ok || bad "a cache directory made meanwhile is used"

: >"$t/afile"
SOCKWARDEN_CACHE_DIR=$t/afile run scan
{ hasnt jna.tmpdir && said "not a directory"; } && ok || bad "a cache directory that is a file is refused"

if [ "$(id -u)" -ne 0 ]; then
  echo "launcher: SKIPPED the cases that need files of another user (not root)" >&2
fi
if [ "$(id -u)" -eq 0 ]; then
  mkdir -m 755 "$t/alien" && chown 4242 "$t/alien"
  SOCKWARDEN_CACHE_DIR=$t/alien/cache run scan
  { hasnt jna.tmpdir && said "belongs to uid 4242" && [ ! -e "$t/alien/cache" ]; } &&
    ok || bad "a cache directory inside a directory of another user is refused"
  chown 4242 "$t/opt/lib/sockwarden.jsa"
  touch -d '2000-01-01' "$t/jdk/lib/modules"
  run scan
  { hasnt SharedArchiveFile && said "owned by uid 4242"; } && ok || bad "a shipped archive of another user is refused"
  chown 0 "$t/opt/lib/sockwarden.jsa"
  mkdir -m 700 "$t/theirs" && chown 4242 "$t/theirs"
  SOCKWARDEN_CACHE_DIR=$t/theirs run scan
  said "owned by uid 4242" && hasnt "jna.tmpdir" && ok || bad "a cache directory of another user is refused"
fi

echo "launcher: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
