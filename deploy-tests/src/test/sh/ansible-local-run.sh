#!/bin/sh
# Runs the Ansible role's Linux tasks for real against "localhost" (-c local), inside a private
# mount namespace whose root is an overlay of this machine's root with a throw-away tmpfs upper
# layer, and a new network namespace: the .deb is installed, configured, used to change a kernel
# setting and roll it back, and purged there; nothing reaches the real root or the host's network
# settings.
#
#   ansible-local-run.sh REPO PACKAGE_DIR VERSION SCRATCH
#
# Prints each step's PLAY RECAP and "STEP <name> ok" markers; exits non-zero on the first failure.
# Needs root (mount, chroot), util-linux unshare, and overlayfs.
set -eu
repo=$1 packages=$2 version=$3 scratch=$4
mkdir -p "$scratch"
exec unshare -m -n --propagation private sh -eu -s "$repo" "$packages" "$version" "$scratch" <<'INNER'
repo=$1 packages=$2 version=$3 o=$4
# This network namespace's own problem for remediate.yml to fix (below the policy of 1024 the
# play lays down).
ip link set lo up
sysctl -q -w net.core.somaxconn=128
mount -t tmpfs -o size=2g tmpfs "$o"
mkdir "$o/upper" "$o/work" "$o/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$o/upper,workdir=$o/work" "$o/root"
mount --rbind /proc "$o/root/proc"
mount --rbind /dev "$o/root/dev"
mount --rbind /sys "$o/root/sys"
mount -t tmpfs tmpfs "$o/root/tmp"
mount -t tmpfs tmpfs "$o/root/run"
# The checkout and the packages at the same paths inside (the overlay does not show other mounts,
# and /tmp inside is a fresh tmpfs: a checkout under /tmp would be missing).
for d in "$repo" "$packages"; do
  mkdir -p "$o/root$d"
  mount --bind "$d" "$o/root$d"
done
# Other processes may install or remove packages on the real root while this runs (the lower
# layer is live): the plays work on a private copy of the package database, from a root without
# sockwarden.
mkdir "$o/dpkg"
cp -a /var/lib/dpkg/. "$o/dpkg/"
mount --bind "$o/dpkg" "$o/root/var/lib/dpkg"
if chroot "$o/root" dpkg-query -W -f '${Status}' sockwarden 2>/dev/null | grep -q installed; then
  chroot "$o/root" dpkg --purge sockwarden > /dev/null
fi
# The package's sources as the play sees them (the lower layer holds the same files).
cat > "$o/root/tmp/vars.yml" <<VARS
sockwarden_package_dir: $packages
sockwarden_version: "$version"
sockwarden_service_start: false
sockwarden_config_overrides:
  schedule: {every: 5m}
  policy: {somaxconn-min: 1024}
sockwarden_rules:
  50-site.drl: |
    package site;

    import io.sockwarden.model.*;

    rule "tcp_tw_reuse must be 1 on our proxies"
      @id("SITE-TW-REUSE")
      @severity("info")
      @platform("linux")
    when
      \$s : Sysctl(key == "net.ipv4.tcp_tw_reuse", value != "1")
    then
      insert(new FindingDraft("tcp_tw_reuse is " + \$s.value(), "Our proxies open many outgoing"
          + " connections to few backends.").evidence(\$s));
    end
VARS
play() {
  chroot "$o/root" env ANSIBLE_NOCOLOR=1 ANSIBLE_CONFIG="$repo/deploy/ansible/ansible.cfg" \
    HOME=/root ANSIBLE_LOCAL_TEMP=/tmp/ansible-local ANSIBLE_REMOTE_TEMP=/tmp/ansible-remote \
    ansible-playbook -c local -i localhost, -e @/tmp/vars.yml "$@" > "$o/play.log" 2>&1 \
    || { cat "$o/play.log"; exit 1; }
  sed -n '/PLAY RECAP/,$p' "$o/play.log"
}
# The same, for a play that must fail.
play_fails() {
  if chroot "$o/root" env ANSIBLE_NOCOLOR=1 ANSIBLE_CONFIG="$repo/deploy/ansible/ansible.cfg" \
    HOME=/root ANSIBLE_LOCAL_TEMP=/tmp/ansible-local ANSIBLE_REMOTE_TEMP=/tmp/ansible-remote \
    ansible-playbook -c local -i localhost, -e @/tmp/vars.yml "$@" > "$o/play.log" 2>&1; then
    cat "$o/play.log"; echo "FAILED: the play succeeded"; exit 1
  fi
  sed -n '/PLAY RECAP/,$p' "$o/play.log"
}
in_root() { chroot "$o/root" "$@"; }
check() { "$@" || { cat "$o/play.log"; echo "FAILED: $*"; exit 1; }; }

play "$repo/deploy/ansible/playbooks/site.yml"
grep -q 'changed=[1-9]' "$o/play.log" || { echo "first run changed nothing"; exit 1; }
in_root dpkg-query -W -f '${Status} ${Version}\n' sockwarden
in_root stat -c '%a %U %n' /etc/sockwarden/agent.yaml /etc/sockwarden/rules.d/50-site.drl
check grep -q 'every: 5m' "$o/root/etc/sockwarden/agent.yaml"
check grep -q 'somaxconn-min: 1024' "$o/root/etc/sockwarden/agent.yaml"
check test -L "$o/root/etc/systemd/system/multi-user.target.wants/sockwarden.service"
in_root sockwarden rules list | grep SITE-TW-REUSE
echo "STEP install ok"

play "$repo/deploy/ansible/playbooks/site.yml"
grep -q 'changed=0 ' "$o/play.log" || { cat "$o/play.log"; echo "second run was not idempotent"; exit 1; }
echo "STEP idempotent ok"

play "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=plan
check grep -q 'changed=0 .*failed=0' "$o/play.log"
check grep -q 'net.core.somaxconn' "$o/play.log"
echo "STEP plan ok"

only='{"sockwarden_only": ["LNX-SOMAXCONN-LOW"]}'
play "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=apply -e "$only"
check grep -q 'changed=1 ' "$o/play.log"
check test "$(cat /proc/sys/net/core/somaxconn)" = 1024
check grep -q 'net.core.somaxconn = 1024' "$o/root/etc/sysctl.d/90-sockwarden.conf"
play "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=apply -e "$only"
grep -q 'changed=0 .*failed=0' "$o/play.log" || { cat "$o/play.log"; echo "second apply changed"; exit 1; }
echo "STEP apply ok"

play "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=rollback
check grep -q 'changed=1 ' "$o/play.log"
check test "$(cat /proc/sys/net/core/somaxconn)" = 128
check test ! -e "$o/root/etc/sysctl.d/90-sockwarden.conf"
echo "STEP rollback ok"

# An exit code that is not success becomes a failed host, with its meaning.
play_fails "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=apply \
  -e '{"sockwarden_only": ["NO-SUCH-RULE"]}'
check grep -q 'sockwarden apply on localhost exited 2: usage or configuration error' "$o/play.log"
echo "STEP failure mapped ok"

play "$repo/deploy/ansible/playbooks/remove.yml"
if in_root dpkg-query -W -f '${Status}\n' sockwarden 2>/dev/null | grep -q installed; then
  echo "still installed after remove.yml"; exit 1
fi
check test ! -e "$o/root/etc/sockwarden"
check test ! -e "$o/root/usr/bin/sockwarden"
echo "STEP remove ok"
INNER
