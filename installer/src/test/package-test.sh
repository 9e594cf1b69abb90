#!/bin/sh
# Checks of the built packages themselves:
#   1. lintian on the .deb: no errors;
#   2. rpmlint on the .rpm: no errors (filters in src/rpm/sockwarden.rpmlintrc);
#   3. systemd-analyze security --offline=true on the unit: exposure at most 3.0;
#   4. the .rpm installed into a scratch root (rpm --root DIR --initdb; rpm -i --nodeps): its
#      files, configuration flags and version;
#   5. the .deb installed on this machine for real: dpkg -i, systemd-analyze verify of the
#      installed unit (nothing on stderr), `sockwarden scan`, the unit's own ExecStart with
#      --once, an upgrade that keeps a changed agent.yaml and the state, dpkg --remove (state
#      survives), dpkg --purge (everything gone).
#
#   package-test.sh TARGET_DIR
#
# Step 5 changes this machine only while it runs: it purges the package on every exit path (a
# trap), and it does not run when sockwarden is already installed, or /etc/sockwarden,
# /var/lib/sockwarden, /var/cache/sockwarden or /usr/share/sockwarden exist, since purging would
# delete what someone else made. A check whose tool or precondition is missing is skipped and
# says so; SOCKWARDEN_REQUIRE_PACKAGING=1 (set by .ci/run) turns every skip into a failure.
set -u
target=$(CDPATH= cd -- "$1" && pwd -P)
require=${SOCKWARDEN_REQUIRE_PACKAGING:-0}
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
t=$(mktemp -d)
installed=
pass=0
fail=0
skipped=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
skip() {
  if [ "$require" = 1 ]; then
    bad "$* (SOCKWARDEN_REQUIRE_PACKAGING=1)"
  else
    skipped=$((skipped + 1))
    echo "SKIPPED: $*" >&2
  fi
}
have() { command -v "$1" >/dev/null 2>&1; }
now() { date +%s%N; }
took() { echo "package-test: $1 took $(((($(now) - $2) / 1000000))) ms"; }

dirs="/etc/sockwarden /var/lib/sockwarden /var/cache/sockwarden /usr/share/sockwarden"
cleanup() {
  if [ -n "$installed" ]; then
    timeout 120 dpkg --purge sockwarden >"$t/cleanup.log" 2>&1 || cat "$t/cleanup.log" >&2
    # Only what this test made: none of these existed when it started.
    rm -rf $dirs
    rm -f /var/lib/systemd/deb-systemd-helper-masked/sockwarden.service
    [ -L /etc/systemd/system/sockwarden.service ] && rm -f /etc/systemd/system/sockwarden.service
  fi
  rm -rf "$t"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

deb=$(ls "$target"/sockwarden_*_all.deb 2>/dev/null | head -n 1)
rpm=$(ls "$target"/sockwarden-*-1.noarch.rpm 2>/dev/null | head -n 1)
unit=$target/package/tree/lib/systemd/system/sockwarden.service
[ -n "$deb" ] || { bad "no .deb in $target"; exit 1; }
all=$(now)

# 1. lintian
if have lintian; then
  start=$(now)
  if timeout 300 lintian --fail-on error --display-level '>=warning' --tag-display-limit 0 \
    "$deb" >"$t/lintian.out" 2>"$t/lintian.err"; then
    ok
  else
    bad "lintian reports errors"
  fi
  grep -v 'running with root privileges' "$t/lintian.err" >&2
  sed 's/^/lintian: /' "$t/lintian.out"
  took lintian "$start"
else
  skip "lintian not found (Debian package: lintian)"
fi

# 2. rpmlint
if [ -z "$rpm" ]; then
  skip "no .rpm was built (rpmbuild missing?)"
elif have rpmlint; then
  start=$(now)
  # rpmlint exits 64 on errors, 66 when badness is over its threshold; warnings exit 0.
  if timeout 300 rpmlint -r "$here/rpm/sockwarden.rpmlintrc" "$rpm" >"$t/rpmlint.out" 2>&1; then
    ok
  else
    bad "rpmlint reports errors"
  fi
  grep -E ': E: |errors, ' "$t/rpmlint.out" | sed 's/^/rpmlint: /'
  took rpmlint "$start"
else
  skip "rpmlint not found (Debian package: rpmlint)"
fi

# 3. exposure score of the unit's sandbox
if have systemd-analyze; then
  start=$(now)
  timeout 60 systemd-analyze security --offline=true --no-pager "$unit" >"$t/security.out" 2>&1
  score=$(sed -n 's/.*Overall exposure level for sockwarden.service: \([0-9.]*\).*/\1/p' "$t/security.out")
  if [ -z "$score" ]; then
    cat "$t/security.out" >&2
    bad "systemd-analyze security printed no exposure level"
  elif awk -v s="$score" 'BEGIN { exit !(s <= 3.0) }'; then
    ok
  else
    grep '✗' "$t/security.out" >&2
    bad "exposure level $score is above 3.0"
  fi
  echo "package-test: systemd-analyze security: exposure level ${score:-?}"
  took "systemd-analyze security" "$start"
else
  skip "systemd-analyze not found (Debian package: systemd)"
fi

# 4. the .rpm in a scratch root
if [ -n "$rpm" ] && have rpm; then
  start=$(now)
  r=$t/rpmroot
  mkdir -p "$r"
  # The scratch root has no shell and no Java, so the scriptlets cannot run there.
  if rpm --root "$r" --initdb >"$t/rpm.log" 2>&1 && rpm -i --nodeps --noscripts --notriggers --root "$r" "$rpm" \
    >>"$t/rpm.log" 2>&1; then
    ok
  else
    cat "$t/rpm.log" >&2
    bad "rpm -i into a scratch root failed"
  fi
  [ "$(readlink "$r/usr/bin/sockwarden")" = ../share/sockwarden/bin/sockwarden ] &&
    [ -x "$r/usr/share/sockwarden/bin/sockwarden" ] && ok || bad "rpm: /usr/bin/sockwarden links to the launcher"
  jars=$(ls "$r"/usr/share/sockwarden/lib/*.jar 2>/dev/null | wc -l)
  debjars=$(dpkg-deb -c "$deb" 2>/dev/null | grep -c '/usr/share/sockwarden/lib/.*\.jar$')
  [ "$jars" -gt 10 ] && { ! have dpkg-deb || [ "$jars" -eq "$debjars" ]; } &&
    ok || bad "rpm: $jars jars in /usr/share/sockwarden/lib (the .deb has $debjars)"
  [ ! -e "$r/usr/share/sockwarden/lib/sockwarden.jsa" ] && [ ! -e "$r/usr/share/sockwarden/lib/native" ] &&
    ok || bad "rpm: no build-machine class-data archive or native library shipped"
  [ -x "$r/usr/share/sockwarden/libexec/class-archive.sh" ] && [ -d "$r/etc/sockwarden/rules.d" ] &&
    cmp -s "$r/usr/lib/systemd/system/sockwarden.service" "$unit" &&
    cmp -s "$r/etc/sockwarden/agent.yaml" "$here/package/agent.yaml" &&
    [ -f "$r/usr/share/man/man1/sockwarden.1.gz" ] && [ -f "$r/usr/share/doc/sockwarden/copyright" ] &&
    ok || bad "rpm: the unit, configuration, rules.d, man page and copyright landed"
  flags=$(rpm --root "$r" -q --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' sockwarden | sed -n 's| /etc/sockwarden/agent.yaml$||p')
  case $flags in
    *c*n* | *n*c*) ok ;;
    *) bad "rpm: /etc/sockwarden/agent.yaml is %config(noreplace) (flags '$flags')" ;;
  esac
  rpmver=$(rpm --root "$r" -q --qf '%{VERSION}' sockwarden)
  debver=$(dpkg-deb -f "$deb" Version 2>/dev/null || echo "$rpmver")
  [ "$rpmver" = "$debver" ] && ok || bad "rpm version $rpmver differs from the .deb's $debver"
  rpm -qp --scripts "$rpm" 2>/dev/null | grep -q 'class-archive.sh make' && ok || bad "rpm: scriptlets make the class-data archive"
  rpm -e --noscripts --notriggers --root "$r" sockwarden >>"$t/rpm.log" 2>&1 && [ ! -e "$r/usr/share/sockwarden" ] &&
    ok || bad "rpm -e from the scratch root leaves nothing of the package"
  took "rpm scratch root" "$start"
elif [ -n "$rpm" ]; then
  skip "rpm not found (Debian package: rpm)"
fi

# 5. the .deb on this machine
install_cycle() {
  [ "$(id -u)" -eq 0 ] || { skip "installing the .deb needs root"; return; }
  have dpkg || { skip "dpkg not found"; return; }
  if dpkg -s sockwarden >/dev/null 2>&1; then
    skip "sockwarden is already installed on this machine; not touching it"
    return
  fi
  for d in $dirs /etc/systemd/system/sockwarden.service /var/lib/systemd/deb-systemd-helper-masked/sockwarden.service; do
    if [ -e "$d" ] || [ -L "$d" ]; then
      skip "$d exists: the install test would delete it; not running"
      return
    fi
  done
  start=$(now)
  export DEBIAN_FRONTEND=noninteractive
  installed=yes
  step=$(now)
  if ! timeout 300 dpkg -i "$deb" >"$t/install.log" 2>&1; then
    cat "$t/install.log" >&2
    bad "dpkg -i failed"
    return
  fi
  ok
  took "dpkg -i (with the class-data archive)" "$step"
  grep '^sockwarden:' "$t/install.log" | sed 's/^/postinst: /'

  # What landed, and what the postinst made.
  [ "$(readlink -f /usr/bin/sockwarden)" = /usr/share/sockwarden/bin/sockwarden ] &&
    ok || bad "/usr/bin/sockwarden resolves to the launcher"
  dpkg-query -W -f='${Conffiles}\n' sockwarden | grep -q '^ /etc/sockwarden/agent.yaml ' &&
    ok || bad "/etc/sockwarden/agent.yaml is a conffile"
  [ "$(stat -c '%U %a' /var/lib/sockwarden)" = "root 700" ] && [ "$(stat -c '%U %a' /var/cache/sockwarden)" = "root 700" ] &&
    [ -d /etc/sockwarden/rules.d ] && ok || bad "state and cache directories root-owned 0700, rules.d present"
  java=$(readlink -f "$(command -v java)")
  [ -s /usr/share/sockwarden/lib/sockwarden.jsa ] &&
    [ "$(cat /usr/share/sockwarden/lib/sockwarden.jsa.id 2>/dev/null)" = "$java /usr/share/sockwarden" ] &&
    [ ! -e /var/cache/sockwarden/cds-training ] &&
    ok || bad "the postinst made the class-data archive for $java and /usr/share/sockwarden, and cleaned up"
  [ -z "$(find /usr/share/sockwarden /etc/sockwarden /var/lib/sockwarden /var/cache/sockwarden ! -type l -perm /022)" ] &&
    ok || bad "nothing installed or made is writable by group or others"

  # The installed unit, as systemd would load it.
  if have systemd-analyze; then
    step=$(now)
    timeout 60 systemd-analyze verify /lib/systemd/system/sockwarden.service >"$t/verify.out" 2>"$t/verify.err"
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s "$t/verify.err" ]; then ok; else
      cat "$t/verify.err" >&2
      bad "systemd-analyze verify: exit $rc, or warnings on stderr"
    fi
    took "systemd-analyze verify" "$step"
  else
    skip "systemd-analyze not found: the installed unit is not verified"
  fi

  # The installed command uses the archive the postinst made.
  SOCKWARDEN_JAVA_OPTS="-Xshare:on -Xlog:class+load=info" timeout 60 sockwarden --version >"$t/cds.out" 2>&1
  grep -q 'io.sockwarden.agent.Main source: shared objects file' "$t/cds.out" &&
    ok || bad "sockwarden loads its own classes from the installed class-data archive"

  step=$(now)
  timeout 120 sockwarden scan >"$t/scan.out" 2>"$t/scan.err"
  rc=$?
  { [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; } && [ -s "$t/scan.out" ] && ! grep -q '^sockwarden: not using' "$t/scan.err" &&
    ok || { cat "$t/scan.err" >&2; bad "sockwarden scan as installed: exit $rc"; }
  took "sockwarden scan" "$step"

  # The unit's own command line and environment, once.
  exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/sockwarden.service)
  env_vars=$(sed -n 's/^Environment=//p' /lib/systemd/system/sockwarden.service)
  step=$(now)
  # shellcheck disable=SC2086 # the unit's words, as systemd splits them (no quotes there)
  (unset JOURNAL_STREAM; exec env $env_vars timeout 180 $exec_start --once) >"$t/run.out" 2>"$t/run.err"
  rc=$?
  if { [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; } && ls /var/lib/sockwarden/reports/*.json >/dev/null 2>&1; then ok; else
    tail -n 20 "$t/run.err" >&2
    bad "'$exec_start --once' as the unit runs it: exit $rc, reports: $(ls /var/lib/sockwarden/reports 2>&1 | head -n 3)"
  fi
  took "ExecStart --once" "$step"

  # Upgrade to a newer version: a changed agent.yaml and the state are kept, the archive remade.
  version=$(dpkg-deb -f "$deb" Version)
  mkdir "$t/up"
  dpkg-deb -R "$deb" "$t/up" &&
    sed -i "s/^Version: .*/Version: $version+1/" "$t/up/DEBIAN/control" &&
    dpkg-deb --root-owner-group -b "$t/up" "$t/up.deb" >/dev/null || bad "repacking a newer .deb"
  echo "# changed by the administrator" >>/etc/sockwarden/agent.yaml
  state=$(cd /var/lib/sockwarden && find . | LC_ALL=C sort)
  step=$(now)
  if timeout 300 dpkg -i "$t/up.deb" >"$t/upgrade.log" 2>&1; then ok; else
    cat "$t/upgrade.log" >&2
    bad "upgrade with dpkg -i failed"
  fi
  took "dpkg -i (upgrade)" "$step"
  [ "$(dpkg-query -W -f='${Version}' sockwarden)" = "$version+1" ] &&
    grep -q '^# changed by the administrator' /etc/sockwarden/agent.yaml &&
    [ "$(cd /var/lib/sockwarden && find . | LC_ALL=C sort)" = "$state" ] &&
    [ -s /usr/share/sockwarden/lib/sockwarden.jsa.id ] &&
    ok || bad "upgrade: new version, the administrator's agent.yaml, the state and the archive"

  # Remove: the program goes, configuration and state stay.
  step=$(now)
  timeout 120 dpkg --remove sockwarden >"$t/remove.log" 2>&1 && ok || { cat "$t/remove.log" >&2; bad "dpkg --remove failed"; }
  took "dpkg --remove" "$step"
  ! grep -q 'not empty so not removed' "$t/remove.log" && [ ! -e /usr/share/sockwarden ] && [ ! -e /usr/bin/sockwarden ] &&
    ok || { cat "$t/remove.log" >&2; bad "remove: /usr/share/sockwarden (with the archive the postinst made) is gone"; }
  [ -f /etc/sockwarden/agent.yaml ] && [ "$(cd /var/lib/sockwarden && find . | LC_ALL=C sort)" = "$state" ] &&
    [ -n "$state" ] && ok || bad "remove: agent.yaml and the state directory survive unchanged"

  # Purge: nothing is left.
  step=$(now)
  timeout 120 dpkg --purge sockwarden >"$t/purge.log" 2>&1 && ok || { cat "$t/purge.log" >&2; bad "dpkg --purge failed"; }
  took "dpkg --purge" "$step"
  left=
  for d in $dirs /etc/systemd/system/sockwarden.service /var/lib/systemd/deb-systemd-helper-masked/sockwarden.service; do
    if [ -e "$d" ] || [ -L "$d" ]; then left="$left $d"; fi
  done
  [ -z "$left" ] && ! dpkg -s sockwarden >/dev/null 2>&1 && ok || bad "purge left:$left"
  installed=
  took "install cycle" "$start"
}
install_cycle

took "all package checks" "$all"
echo "packages: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
