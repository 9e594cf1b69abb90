#!/bin/sh
# Builds the Windows installer with wixl (msitools) from the distribution and the bundled JRE:
#
#   msi-package.sh DIST JRE_UNPACKED WXS_DIR DOCS COPYRIGHT MAVEN_VERSION MSI_VERSION OUT_FILE
#
# wixl-heat lists lib\ and jre\ as components; wixl builds the MSI (-a x64); msibuild then adds the
# two tables wixl 0.101 cannot declare: Environment (bin\ on the system PATH, removed on
# uninstall) and LockPermissions (%ProgramData%\Sockwarden: Administrators and SYSTEM full
# control, Users read; the ACL replaces the inherited one).
#
# Policy: a machine without wixl builds no MSI and says so (SKIPPED, on standard error), unless
# SOCKWARDEN_REQUIRE_PACKAGING=1 (set by .ci/run) makes that an error, as for the .rpm.
set -eu
dist=$1
jreroot=$2
wxsdir=$3
docs=$4
copyright=$5
mvnversion=$6
version=$7
out=$(cd "$(dirname "$8")" && pwd)/$(basename "$8")

missing=""
for tool in wixl wixl-heat msibuild msiinfo; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ "${SOCKWARDEN_REQUIRE_PACKAGING:-0}" = 1 ]; then
    echo "msi-package: not found:$missing (Debian packages: wixl msitools), and SOCKWARDEN_REQUIRE_PACKAGING=1" >&2
    exit 1
  fi
  echo "msi-package: SKIPPED: not found:$missing (Debian packages: wixl msitools); no .msi built" >&2
  exit 0
fi
jre=$(ls -d "$jreroot"/*/jre 2>/dev/null | head -1)
[ -z "$jre" ] || jre=$(cd "$jre" && pwd)
[ -n "$jre" ] && [ -f "$jre/bin/java.exe" ] || { echo "msi-package: no Windows JRE under $jreroot" >&2; exit 1; }
[ -f "$dist/lib/sockwarden-agent-$mvnversion.jar" ] || { echo "msi-package: no $dist/lib/sockwarden-agent-$mvnversion.jar" >&2; exit 1; }

work=$(dirname "$out")/msi
rm -rf -- "$work" "$out"
mkdir -p "$work/package/bin" "$work/package/doc" "$work/lib"
cp "$dist/bin/sockwarden.cmd" "$work/package/bin/"
cp "$copyright" "$work/package/doc/copyright.txt"
for d in windows configuration metrics; do cp "$docs/$d.md" "$work/package/doc/"; done
# Only the jars: the dist's class-data archive and native files are Linux ones.
cp "$dist"/lib/*.jar "$work/lib/"

(cd "$work" && find lib -type f | LC_ALL=C sort |
  wixl-heat -p lib/ --directory-ref LIBDIR --component-group CG.lib --var var.LibDir --win64) >"$work/lib.wxs"
# java.exe is the service component's key file (sockwarden.wxs), not one of heat's.
(cd "$(dirname "$jre")" && find jre -type f | LC_ALL=C sort |
  wixl-heat -p jre/ -x jre/bin/java.exe --directory-ref JREDIR --component-group CG.jre --var var.JreDir --win64) >"$work/jre.wxs"
# java.exe's component (sockwarden.wxs) goes into heat's jre\bin: give that directory a known id.
sed -i 's|<Directory Id="dir[0-9A-F]*" Name="bin">|<Directory Id="JREBINDIR" Name="bin">|' "$work/jre.wxs"
[ "$(grep -c 'Id="JREBINDIR"' "$work/jre.wxs")" = 1 ] || { echo "msi-package: jre\\bin not found once in heat's list" >&2; exit 1; }

# wixl takes relative Source paths only: build inside $work, with the JRE linked in.
cp "$wxsdir/sockwarden.wxs" "$work/"
ln -s "$jre" "$work/jre"
(cd "$work" && wixl -a x64 -o "$out" \
  -D Version="$version" -D MavenVersion="$mvnversion" -D Win64=yes \
  -D LibDir=lib -D JreDir=jre -D PackageDir=package \
  sockwarden.wxs lib.wxs jre.wxs) 2>"$work/wixl.log" || {
  cat "$work/wixl.log" >&2
  echo "msi-package: wixl failed" >&2
  exit 1
}

# Environment: "=-*PATH" sets a system variable at install and removes the part on uninstall;
# "[~];" appends to the existing value. LockPermissions: 268435456 is GENERIC_ALL,
# -1610612736 is GENERIC_READ | GENERIC_EXECUTE.
msibuild "$out" -q "CREATE TABLE \`Environment\` (\`Environment\` CHAR(72) NOT NULL, \`Name\` CHAR(255) NOT NULL LOCALIZABLE, \`Value\` CHAR(255) LOCALIZABLE, \`Component_\` CHAR(72) NOT NULL PRIMARY KEY \`Environment\`)" \
  -q "INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('E.path', '=-*PATH', '[~];[BINDIR]', 'C.launcher')" \
  -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)" \
  -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)" \
  -q "CREATE TABLE \`LockPermissions\` (\`LockObject\` CHAR(72) NOT NULL, \`Table\` CHAR(32) NOT NULL, \`Domain\` CHAR(255), \`User\` CHAR(255) NOT NULL, \`Permission\` LONG PRIMARY KEY \`LockObject\`, \`Table\`, \`Domain\`, \`User\`)" \
  -q "INSERT INTO \`LockPermissions\` (\`LockObject\`, \`Table\`, \`User\`, \`Permission\`) VALUES ('DATADIR', 'CreateFolder', 'Administrators', 268435456)" \
  -q "INSERT INTO \`LockPermissions\` (\`LockObject\`, \`Table\`, \`User\`, \`Permission\`) VALUES ('DATADIR', 'CreateFolder', 'SYSTEM', 268435456)" \
  -q "INSERT INTO \`LockPermissions\` (\`LockObject\`, \`Table\`, \`User\`, \`Permission\`) VALUES ('DATADIR', 'CreateFolder', 'Users', -1610612736)" || {
  echo "msi-package: msibuild could not add the Environment and LockPermissions tables" >&2
  exit 1
}
rm -rf -- "$work"
echo "msi-package: $out ($(du -k "$out" | cut -f1) KiB)"
