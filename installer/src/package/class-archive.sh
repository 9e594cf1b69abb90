#!/bin/sh
# Makes or removes the class-data archive of an installed package; called by the package's
# maintainer scripts (postinst, prerm; %posttrans, %preun) and the JDK triggers.
#
#   class-archive.sh make     run libexec/cds-archive.sh on this installation (see there)
#   class-archive.sh remove   delete what `make` made
#
# The archive (lib/sockwarden.jsa and its .id) fits only the JDK that made it and this
# directory, so it cannot ship in the package; bin/sockwarden uses it while both still match.
# The training scan works in /var/cache/sockwarden/cds-training, a root-owned directory, and is
# bounded in time. Failing to make the archive never fails the package operation: commands then
# start about a second slower and the first `scan` makes a per-user archive instead.
set -u
here=/usr/share/sockwarden
cache=/var/cache/sockwarden
work=$cache/cds-training

remove() {
  rm -rf -- "$here/lib/sockwarden.jsa" "$here/lib/sockwarden.jsa.id" "$here/lib/native" "$work"
}

case ${1:-} in
  make)
    remove
    java=$(command -v java) || {
      echo "sockwarden: no java on PATH; no class-data archive made" >&2
      exit 0
    }
    # The cache directory must be the service's: owned by root, mode 0700.
    [ -d "$cache" ] || (umask 077 && mkdir -p -- "$cache")
    if out=$(umask 022 && timeout 300 sh "$here/libexec/cds-archive.sh" "$here" "$java" "$work" 2>&1); then
      echo "sockwarden: class-data archive made: ${out##*cds-archive: }" >&2
    else
      remove
      printf '%s\n' "$out" | tail -n 5 >&2
      echo "sockwarden: could not make the class-data archive; commands start about a second slower" >&2
    fi
    rm -rf -- "$work"
    ;;
  remove) remove ;;
  *)
    echo "usage: class-archive.sh make|remove" >&2
    exit 2
    ;;
esac
exit 0
