#!/bin/sh
# Installs the release binary into a temporary folder and checks what a user gets: the binary runs
# with the Swift toolchain out of reach, finds its shipped themes beside its prefix, `--version`
# names the commit, the man page renders without warnings, the completions load in bash and zsh,
# and uninstall leaves the folder empty. Ends with the line "install: N passed, M failed".
#   test-install.sh BINARY
set -u
cd "$(dirname "$0")/.."
binary=${1:?test-install.sh BINARY}
work=$(mktemp -d "${TMPDIR:-/tmp}/anvil-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage=$work/stage
prefix=/usr/local
passed=0
failed=0

check() { # NAME COMMAND...: runs COMMAND, counts and reports the result.
    name=$1
    shift
    if out=$("$@" 2>&1); then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
        printf '%s\n' "$out" | sed 's/^/    /' | head -20
    fi
}

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
installed=$stage$prefix/bin/anvil

# Runs the installed binary with a clean environment; where a mount namespace can be had (root),
# the toolchain's folder is hidden behind an empty one, so nothing can be loaded from it.
run_installed() {
    if unshare -m true 2>/dev/null; then
        unshare -m sh -c 'mount -t tmpfs none "$1" && shift && exec "$@"' sh "$toolchain" \
            env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$installed" "$@"
    else
        env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$installed" "$@"
    fi
}

t_install() {
    DESTDIR=$stage PREFIX=$prefix sh scripts/install.sh install "$binary" || return 1
    for file in bin/anvil share/man/man1/anvil.1 share/anvil/themes/default.theme \
        share/anvil/themes/high-contrast.theme share/bash-completion/completions/anvil \
        share/zsh/site-functions/_anvil share/fish/vendor_completions.d/anvil.fish; do
        [ -f "$stage$prefix/$file" ] || { echo "missing $prefix/$file under DESTDIR"; return 1; }
    done
}

t_no_toolchain_libraries() {
    readelf -d "$installed" | grep -E 'RPATH|RUNPATH' && { echo "the binary has a library search path"; return 1; }
    ldd "$installed" | grep -E "not found|$toolchain" && return 1
    libs=$(objdump -p "$installed" | awk '$1 == "NEEDED" { print $2 }')
    for lib in $libs; do
        case $lib in
            libc.so.* | libm.so.* | libstdc++.so.* | libgcc_s.so.* | libncursesw.so.* | libtinfo.so.* | \
                libcmark-gfm*.so.* | libsqlite3.so.* | libssl.so.* | libcrypto.so.* | libz.so.* | ld-linux*) ;;
            *) echo "unexpected run-time library: $lib"; return 1 ;;
        esac
    done
}

# Each library the build found a static archive for (a linker script in .build/static-libs) is in
# the binary: its shared library is not among the ones the binary needs.
t_static_libraries() {
    needed=$(objdump -p "$installed" | awk '$1 == "NEEDED" { print $2 }')
    for script in .build/static-libs/lib*.so; do
        [ -f "$script" ] || continue
        name=$(basename "$script" .so)
        if printf '%s\n' "$needed" | grep -q "^$name\.so"; then
            echo "$name is linked shared, though its archive is in $script"
            return 1
        fi
    done
}

# The compiler's unnamed helpers and the many-copy local ones are linked together, before the
# ordered code (scripts/text-layout.ld): their own section, in the executable segment, ahead of .text.
t_helpers_gathered() {
    sections=$(readelf -SW "$installed" | sed -n 's/^ *\[ *\([0-9]*\)\] *\(\.text[.a-z]*\) .*/\1 \2/p')
    helpers=$(printf '%s\n' "$sections" | awk '$2 == ".text.helpers" { print $1 }')
    text=$(printf '%s\n' "$sections" | awk '$2 == ".text" { print $1 }')
    [ -n "$helpers" ] || { echo "no .text.helpers section"; return 1; }
    [ "$helpers" -lt "$text" ] || { echo ".text.helpers (section $helpers) comes after .text ($text)"; return 1; }
    size=$(readelf -SW "$installed" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 == ".text.helpers" { print $5 }')
    [ $((0x$size)) -ge 16384 ] || { echo ".text.helpers holds only $((0x$size)) bytes"; return 1; }
}

t_dump() {
    out=$(run_installed dump --demo --width 80 p/anvil-demo/wiki/Home/) || return 1
    printf '%s\n' "$out" | head -1 | grep -q '^demo › ' || { printf '%s\n' "$out" | head -3; return 1; }
    [ "$(printf '%s\n' "$out" | wc -l)" -gt 5 ] || return 1
}

t_themes_from_prefix() {
    out=$(run_installed themes) || return 1
    for name in default light mono high-contrast; do
        printf '%s\n' "$out" | grep -qx "$name	$stage$prefix/share/anvil/themes/$name.theme" \
            || { echo "theme $name not found in the prefix:"; printf '%s\n' "$out"; return 1; }
    done
}

t_opens_a_theme() {
    session=anvil-install-$$
    tmux -L "$session" -f /dev/null new-session -d -x 100 -y 30 \
        "env LANG=C.UTF-8 TERM=tmux-256color HOME=$work/home $installed --demo --theme high-contrast; sleep 5" \
        || return 1
    screen=""
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        sleep 0.25
        screen=$(tmux -L "$session" capture-pane -p 2>/dev/null)
        printf '%s\n' "$screen" | grep -q "Tools" && break
    done
    tmux -L "$session" send-keys Q
    sleep 0.3
    tmux -L "$session" kill-server 2>/dev/null
    printf '%s\n' "$screen" | grep -q "Tools" || { printf '%s\n' "$screen"; return 1; }
}

t_unknown_theme_fails() {
    out=$(run_installed --demo --theme no-such-theme 2>&1) && return 1
    printf '%s\n' "$out" | grep -q "high-contrast" || { printf '%s\n' "$out"; return 1; }
}

t_version() {
    expected=$(git describe --always --dirty --tags 2>/dev/null) || { echo "not a git checkout"; return 1; }
    out=$(run_installed --version) || return 1
    [ "$out" = "anvil $(sed -n 's/.*static let release = "\(.*\)".*/\1/p' Sources/anvil/AnvilCommand.swift) ($expected)" ] \
        || { echo "got '$out', git describe says '$expected'"; return 1; }
}

t_man_page() {
    warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$stage$prefix/share/man/man1/anvil.1" 2>&1 >/dev/null)
    [ -z "$warnings" ] || { printf '%s\n' "$warnings"; return 1; }
    MANWIDTH=80 man -E UTF-8 -l "$stage$prefix/share/man/man1/anvil.1" 2>/dev/null | grep -q "EXIT STATUS"
}

t_bash_completion() {
    bash -c '. "$1" && complete -p anvil' sh "$stage$prefix/share/bash-completion/completions/anvil" \
        | grep -q ' anvil$'
}

t_zsh_completion() {
    command -v zsh >/dev/null || { echo "zsh is not installed"; return 1; }
    zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -d "$2/zcompdump"; (( $+_comps[anvil] ))' \
        zsh "$stage$prefix/share/zsh/site-functions" "$work"
}

t_uninstall() {
    DESTDIR=$stage PREFIX=$prefix sh scripts/install.sh uninstall || return 1
    left=$(find "$stage" -mindepth 1)
    [ -z "$left" ] || { echo "left behind:"; printf '%s\n' "$left"; return 1; }
}

mkdir -p "$work/home" "$stage"
check "make install puts every file under DESTDIR/PREFIX" t_install
check "the binary needs no library from the Swift toolchain" t_no_toolchain_libraries
check "libraries with a static archive are linked in" t_static_libraries
check "the small helpers are linked together before the ordered code" t_helpers_gathered
check "the installed binary dumps a demo page" t_dump
check "themes are found in the prefix" t_themes_from_prefix
check "the installed binary opens a shipped theme" t_opens_a_theme
check "an unknown theme fails and lists the shipped ones" t_unknown_theme_fails
check "--version matches git describe" t_version
check "man -l renders the page without warnings" t_man_page
check "the bash completion loads" t_bash_completion
check "the zsh completion loads" t_zsh_completion
check "uninstall leaves the folder empty" t_uninstall
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
