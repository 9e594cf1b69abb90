#!/bin/sh
# Lays out the files both packages install, as they land on the host, from the distribution in
# DIST_DIR (bin/, lib/) and the package sources:
#
#   package-tree.sh DIST_DIR INSTALLER_SRC DOCS_DIR OUT_DIR VERSION
#
#   usr/share/sockwarden/bin/sockwarden      the launcher (/usr/bin/sockwarden links to it)
#   usr/share/sockwarden/lib/*.jar           the thin jar and its libraries
#   usr/share/sockwarden/libexec/            cds-archive.sh, class-archive.sh (run at install)
#   etc/sockwarden/agent.yaml, rules.d/      configuration
#   lib/systemd/system/sockwarden.service    the unit (the .rpm moves it to /usr/lib)
#   usr/share/man/man1/sockwarden.1.gz, usr/share/doc/sockwarden/
#
# The build's class-data archive and JNA library (lib/sockwarden.jsa, lib/native/) are left out:
# they fit only the directory and machine they were made on. Modes are set here; owners are
# root in both packages. OUT_DIR/changelog.gz is the .deb's changelog (a native package), outside the tree.
set -eu
dist=$1
src=$2
docs=$3
out=$4
version=$5
tree=$out/tree

rm -rf -- "$out"
umask 022
mkdir -p "$tree/usr/share/sockwarden/bin" "$tree/usr/share/sockwarden/lib" \
  "$tree/usr/share/sockwarden/libexec" "$tree/etc/sockwarden/rules.d" "$tree/lib/systemd/system" \
  "$tree/usr/share/man/man1" "$tree/usr/share/doc/sockwarden"

install -m 0755 "$dist/bin/sockwarden" "$tree/usr/share/sockwarden/bin/sockwarden"
for jar in "$dist"/lib/*.jar; do
  install -m 0644 "$jar" "$tree/usr/share/sockwarden/lib/"
done
install -m 0755 "$src/build/cds-archive.sh" "$src/package/class-archive.sh" "$tree/usr/share/sockwarden/libexec/"
install -m 0644 "$src/package/agent.yaml" "$tree/etc/sockwarden/agent.yaml"
install -m 0644 "$src/package/sockwarden.service" "$tree/lib/systemd/system/sockwarden.service"
gzip -9n <"$src/package/sockwarden.1" >"$tree/usr/share/man/man1/sockwarden.1.gz"
install -m 0644 "$src/package/copyright" "$tree/usr/share/doc/sockwarden/copyright"
for doc in configuration.md rules.md json-schema.md; do
  [ -f "$docs/$doc" ] && gzip -9n <"$docs/$doc" >"$tree/usr/share/doc/sockwarden/$doc.gz"
done
sed "s/@VERSION@/$version/" "$src/package/changelog" | gzip -9n >"$out/changelog.gz"
chmod 0644 "$tree/usr/share/man/man1/sockwarden.1.gz" "$tree"/usr/share/doc/sockwarden/* "$out/changelog.gz"
