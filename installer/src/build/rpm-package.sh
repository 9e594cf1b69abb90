#!/bin/sh
# Builds the .rpm from the tree that package-tree.sh laid out, with rpmbuild:
#
#   rpm-package.sh SPEC PACKAGE_DIR VERSION OUT_FILE
#
# A machine without rpmbuild builds no .rpm and says so, unless SOCKWARDEN_REQUIRE_PACKAGING=1
# makes that an error.
set -eu
spec=$1
pkg=$(CDPATH= cd -- "$2" && pwd -P)
version=$3
out=$4

if ! command -v rpmbuild >/dev/null 2>&1; then
  if [ "${SOCKWARDEN_REQUIRE_PACKAGING:-0}" = 1 ]; then
    echo "rpm-package: rpmbuild not found and SOCKWARDEN_REQUIRE_PACKAGING=1" >&2
    exit 1
  fi
  echo "rpm-package: SKIPPED: rpmbuild not found (Debian package: rpm); no .rpm built" >&2
  exit 0
fi
top=$pkg/rpmbuild
rm -rf -- "$top" "$out"
mkdir -p "$top"
rpmbuild -bb --quiet \
  --define "_topdir $top" \
  --define "pkg_version $version" \
  --define "pkg_tree $pkg/tree" \
  --define "_build_id_links none" \
  "$spec" >"$top.log" 2>&1 || {
  cat "$top.log" >&2
  echo "rpm-package: rpmbuild failed" >&2
  exit 1
}
mv -- "$top"/RPMS/noarch/sockwarden-*.noarch.rpm "$out"
rm -rf -- "$top"
echo "rpm-package: $out"
