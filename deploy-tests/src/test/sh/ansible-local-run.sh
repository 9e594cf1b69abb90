#!/bin/sh
# Runs the Ansible role's Linux tasks for real against "localhost" (-c local), inside a private
# mount namespace whose root is an overlay of this machine's root with a throw-away tmpfs upper
# layer: the .deb is installed, configured and purged there, and nothing reaches the real root.
#
#   ansible-local-run.sh REPO PACKAGE_DIR VERSION SCRATCH
#
# Prints each step's PLAY RECAP and "STEP <name> ok" markers; exits non-zero on the first failure.
# Needs root (mount, chroot), util-linux unshare, and overlayfs.
set -eu
repo=$1 packages=$2 version=$3 scratch=$4
mkdir -p "$scratch"
exec unshare -m --propagation private sh -eu -s "$repo" "$packages" "$version" "$scratch" <<'INNER'
repo=$1 packages=$2 version=$3 o=$4
mount -t tmpfs -o size=2g tmpfs "$o"
mkdir "$o/upper" "$o/work" "$o/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$o/upper,workdir=$o/work" "$o/root"
mount --rbind /proc "$o/root/proc"
mount --rbind /dev "$o/root/dev"
mount --rbind /sys "$o/root/sys"
mount -t tmpfs tmpfs "$o/root/tmp"
mount -t tmpfs tmpfs "$o/root/run"
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
in_root() { chroot "$o/root" "$@"; }

play "$repo/deploy/ansible/playbooks/site.yml"
grep -q 'changed=[1-9]' "$o/play.log" || { echo "first run changed nothing"; exit 1; }
in_root dpkg-query -W -f '${Status} ${Version}\n' sockwarden
in_root stat -c '%a %U %n' /etc/sockwarden/agent.yaml /etc/sockwarden/rules.d/50-site.drl
grep -q 'every: 5m' "$o/root/etc/sockwarden/agent.yaml"
grep -q 'somaxconn-min: 1024' "$o/root/etc/sockwarden/agent.yaml"
test -L "$o/root/etc/systemd/system/multi-user.target.wants/sockwarden.service"
in_root sockwarden rules list | grep SITE-TW-REUSE
echo "STEP install ok"

play "$repo/deploy/ansible/playbooks/site.yml"
grep -q 'changed=0 ' "$o/play.log" || { cat "$o/play.log"; echo "second run was not idempotent"; exit 1; }
echo "STEP idempotent ok"

play "$repo/deploy/ansible/playbooks/remediate.yml" -e sockwarden_action=plan
echo "STEP plan ok"

play "$repo/deploy/ansible/playbooks/remove.yml"
if in_root dpkg-query -W -f '${Status}\n' sockwarden 2>/dev/null | grep -q installed; then
  echo "still installed after remove.yml"; exit 1
fi
test ! -e "$o/root/etc/sockwarden"
test ! -e "$o/root/usr/bin/sockwarden"
echo "STEP remove ok"
INNER
