#!/bin/sh
# Builds anvil_VERSION_ARCH.deb from the release binary with dpkg-deb (no network). The run-time
# dependencies are read off the binary: each shared library it needs, mapped to the Debian package
# that holds it, at least at the version installed here.
#   deb.sh BINARY
set -eu
cd "$(dirname "$0")/.."
binary=${1:?deb.sh BINARY}
version=$(sed -n 's/.*static let release = "\(.*\)".*/\1/p' Sources/anvil/AnvilCommand.swift)
[ -n "$version" ] || { echo "deb.sh: cannot read the version from Sources/anvil/AnvilCommand.swift" >&2; exit 1; }
arch=$(dpkg --print-architecture)
stage=.build/deb/anvil
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"

DESTDIR=$stage PREFIX=/usr ZSHCOMPDIR=/usr/share/zsh/vendor-completions sh scripts/install.sh install "$binary"
rm -f "$stage/usr/share/anvil/installed"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/anvil"
gzip -9n "$stage/usr/share/man/man1/anvil.1"

doc=$stage/usr/share/doc/anvil
install -d -m 755 "$doc"
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: anvil

Files: *
Copyright: 2026 The Anvil developers
License: no-license-granted
 The Anvil developers have not yet chosen a licence for Anvil; no rights are granted
 beyond those of the law.
COPYRIGHT
{
    echo "anvil ($version-1) unstable; urgency=medium"
    echo
    echo "  * Release $version, built from $(git describe --always --dirty --tags 2>/dev/null || echo unknown)."
    echo
    echo " -- The Anvil developers <anvil@example.org>  $(date -R)"
} | gzip -9n > "$doc/changelog.Debian.gz"
chmod 644 "$doc/copyright" "$doc/changelog.Debian.gz"

# The package that ships shared library $1 (a soname), with the version installed here.
package_of() {
    path=$(ldconfig -p | awk -v lib="$1" '$1 == lib { print $NF; exit }')
    [ -n "$path" ] || { echo "deb.sh: library $1 not found" >&2; exit 1; }
    owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null \
        || dpkg -S "/usr$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null) \
        || { echo "deb.sh: no package ships $path" >&2; exit 1; }
    name=${owner%%:*}
    installed=$(dpkg-query -W -f='${Version}' "$name")
    upstream=${installed#*:}
    echo "$name (>= ${upstream%%-*})"
}
# OpenSSL is not among them: the binary loads it on its first https connection, by the soname
# it names inside.
ssl=$(grep -aoE 'libssl\.so\.[0-9][0-9.]*' "$stage/usr/bin/anvil" | head -1)
[ -n "$ssl" ] || { echo "deb.sh: the binary names no libssl" >&2; exit 1; }
depends=$({ objdump -p "$stage/usr/bin/anvil" | awk '$1 == "NEEDED" { print $2 }'; echo "$ssl"; } | while read -r lib; do
    package_of "$lib"
done | sort -u | paste -sd, - | sed 's/,/, /g')

cat > "$stage/DEBIAN/control" <<CONTROL
Package: anvil
Version: $version-1
Architecture: $arch
Maintainer: The Anvil developers <anvil@example.org>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: devel
Priority: optional
Description: terminal browser for software forges
 Anvil talks to a software forge over its REST API and shows projects,
 tickets, wiki pages, user profiles, forums and long threaded discussions in
 a full-screen terminal interface driven entirely from the keyboard. Apache
 Allura, the forge behind SourceForge, is its backend.
CONTROL
find "$stage" -type d -exec chmod 755 {} +
output="anvil_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$output" >/dev/null
echo "$output"
