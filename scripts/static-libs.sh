#!/bin/sh
# Writes into folder $1 a linker script `lib<name>.so` for each library below whose static archives
# the compiler can find. The release build searches that folder first, so `-l<name>` links the
# archives: only the code Anvil calls goes in, next to Anvil's own. A library missing an archive
# stays shared.
set -eu
dir=$1
mkdir -p "$dir"

archive() {
    path=$(clang -print-file-name="lib$1.a" 2>/dev/null || true)
    case $path in /*) [ -f "$path" ] && echo "$path" ;; esac
}

# static NAME ARCHIVE...: -lNAME links these archives (a library and those it needs).
static() {
    name=$1
    shift
    paths=""
    for a in "$@"; do
        path=$(archive "$a") || path=""
        if [ -z "$path" ]; then
            rm -f "$dir/lib$name.so"
            return 0
        fi
        paths="$paths $path"
    done
    echo "INPUT($paths )" >"$dir/lib$name.so"
}

static stdc++ stdc++
static sqlite3 sqlite3
static ncursesw ncursesw tinfo
static cmark-gfm cmark-gfm
static cmark-gfm-extensions cmark-gfm-extensions cmark-gfm
static z z
