#!/bin/sh
# Installs the programs `make bench` measures Anvil against (less, neomutt, tig) and drives them
# with (tmux, git), and the packages named as arguments, when they are missing.
set -eu
packages="less neomutt tig tmux git python3 $*"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
