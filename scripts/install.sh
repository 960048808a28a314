#!/bin/sh
# Installs or uninstalls Anvil. Install records every file it wrote and every folder it had to
# create in DATADIR/anvil/installed; uninstall removes exactly those (folders only when empty).
#   install.sh install BINARY    install.sh uninstall
# Folders come from the environment (the Makefile sets them): DESTDIR, PREFIX, BINDIR, DATADIR,
# MANDIR, BASHCOMPDIR, ZSHCOMPDIR, FISHCOMPDIR.
set -eu
cd "$(dirname "$0")/.."
: "${DESTDIR:=}" "${PREFIX:=/usr/local}"
: "${BINDIR:=$PREFIX/bin}" "${DATADIR:=$PREFIX/share}"
: "${MANDIR:=$DATADIR/man}" "${BASHCOMPDIR:=$DATADIR/bash-completion/completions}"
: "${ZSHCOMPDIR:=$DATADIR/zsh/site-functions}" "${FISHCOMPDIR:=$DATADIR/fish/vendor_completions.d}"
themedir="$DATADIR/anvil/themes"

# Every installed file, one a line, as a path under DESTDIR.
files() {
    echo "$BINDIR/anvil"
    for theme in themes/*.theme; do echo "$themedir/$(basename "$theme")"; done
    echo "$MANDIR/man1/anvil.1"
    echo "$BASHCOMPDIR/anvil"
    echo "$ZSHCOMPDIR/_anvil"
    echo "$FISHCOMPDIR/anvil.fish"
}

manifest="$DATADIR/anvil/installed"

# Creates folder $1 (under DESTDIR) and prints "dir PATH" for each folder that did not exist,
# outermost first.
make_dir() {
    created=""
    dir=$1
    while [ ! -d "$DESTDIR$dir" ]; do
        created="dir $dir
$created"
        dir=$(dirname "$dir")
    done
    install -d -m 755 "$DESTDIR$1"
    printf '%s' "$created"
}

install_all() {
    binary=$1
    [ -x "$binary" ] || { echo "install.sh: no binary at $binary (run make release)" >&2; exit 1; }
    record=""
    for dir in "$BINDIR" "$themedir" "$MANDIR/man1" "$BASHCOMPDIR" "$ZSHCOMPDIR" "$FISHCOMPDIR"; do
        record="$record$(make_dir "$dir")
"
    done
    install -m 755 "$binary" "$DESTDIR$BINDIR/anvil"
    for theme in themes/*.theme; do install -m 644 "$theme" "$DESTDIR$themedir/"; done
    install -m 644 doc/anvil.1 "$DESTDIR$MANDIR/man1/anvil.1"
    for shell in bash zsh fish; do
        case $shell in
            bash) target="$BASHCOMPDIR/anvil" ;;
            zsh) target="$ZSHCOMPDIR/_anvil" ;;
            fish) target="$FISHCOMPDIR/anvil.fish" ;;
        esac
        # Completion files are sourced, not run: no "#!" line.
        "$binary" --generate-completion-script "$shell" | sed '1{/^#!/d;}' > "$DESTDIR$target"
        chmod 644 "$DESTDIR$target"
    done
    { printf '%s' "$record" | grep -v '^$' || true; files | sed 's/^/file /'; echo "file $manifest"; } \
        > "$DESTDIR$manifest"
    chmod 644 "$DESTDIR$manifest"
}

# Removes the recorded files, then the recorded folders, innermost first, where empty.
# Without a record (an install by an older version) it removes the files it would install.
uninstall_all() {
    if [ -f "$DESTDIR$manifest" ]; then
        record=$(cat "$DESTDIR$manifest")
    else
        record=$(files | sed 's/^/file /')
    fi
    printf '%s\n' "$record" | sed -n 's/^file //p' | while read -r file; do rm -f "$DESTDIR$file"; done
    printf '%s\n' "$record" | sed -n 's/^dir //p' | sort -r | while read -r dir; do
        rmdir "$DESTDIR$dir" 2>/dev/null || true
    done
}

case "${1:-}" in
    install) install_all "${2:?install.sh install BINARY}" ;;
    uninstall) uninstall_all ;;
    files) files ;;
    *) echo "usage: install.sh install BINARY | uninstall | files" >&2; exit 2 ;;
esac
