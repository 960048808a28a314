#!/usr/bin/env python3
"""Writes scripts/link-order.txt: the functions the release binary runs when it starts and in common
use, in the order first seen, for the linker to place together (`make link-order`); and
scripts/text-layout.ld, which gathers the small functions an order by name cannot place.

Each run is under valgrind's callgrind in a 100x30 pseudo-terminal, against the bench's loopback
forge: `--version`, a 161-post thread to its first screen, the same thread read whole (A, G, k,
C-e), a cached 2,000-post thread offline and online, and the demo forge's start view with two
views opened. A function that none of these runs is left where the linker puts it.

The linker gives a section the place of the first name in the order that it defines. Two kinds of
function escape that: those without a name (the compiler's merged and outlined helpers, in sections
`.text..L*`), and local helpers one name stands for in many objects (`objectdestroyTm`,
`block_copy_helper`, value witnesses of standard types). Ordered by name, such a helper would also
pull forward every library that keeps its own copy inside one big unsplit `.text` (the standard
library's regex parser, half a megabyte, for a copy of `Optional`'s destroy). The layout script puts
all of them, about 110 KB, in an output section of their own before `.text`, and the order leaves
them out.

After the functions come the zero-initialised data (.bss) that the first screens touch, then the
marker `csystem_hot_bss_end`: the program maps the data up to the marker writable at start, rather
than all of it (a megabyte, 250 pages, of which a hundred scattered ones are used). Those runs are
under valgrind's lackey, which traces every load and store; an address inside .bss is mapped to
the symbol there. (A Swift object file keeps its zero-initialised data in one section, which the
first of its names in the order places.)

    link-order.py ANVIL ANVIL_BENCH
"""
import atexit
import bisect
import fcntl
import importlib.util
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ANVIL, ANVIL_BENCH = sys.argv[1], sys.argv[2]
OUTPUT = os.path.join(HERE, "link-order.txt")
LAYOUT = os.path.join(HERE, "text-layout.ld")

spec = importlib.util.spec_from_file_location("bench", os.path.join(HERE, "bench.py"))
sys.argv = ["bench.py", ANVIL, ANVIL_BENCH]
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

WORK = tempfile.mkdtemp(prefix="anvil-link-order-")
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
ENV = dict(bench.ENV, XDG_STATE_HOME=f"{WORK}/state", XDG_CACHE_HOME=f"{WORK}/cache", HOME=WORK)
# valgrind cannot read the DWARF of a Swift binary this size: it runs a copy without it.
BINARY = os.path.join(WORK, "anvil")
subprocess.run(["strip", "--strip-debug", "-o", BINARY, ANVIL], check=True)


def run(name, args, steps, tool=None):
    """Runs the binary under callgrind (or the valgrind command `tool`) with `steps` (("wait",
    bytes), ("quiet", seconds) or ("key", bytes)); returns the path of its profile."""
    profile = os.path.join(WORK, f"{name}.callgrind")
    command = (tool or ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}"]) + [
        BINARY, *args]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execvpe(command[0], command, ENV)
    seen = b""

    def read(timeout):
        """Whatever arrives within `timeout`: "data", "nothing", or "closed"."""
        nonlocal seen
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return "nothing"
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            return "closed"
        seen += data
        return "data" if data else "closed"

    for kind, value in steps:
        if kind == "wait":
            deadline = time.monotonic() + 300
            while value not in seen and time.monotonic() < deadline and read(1) != "closed":
                pass
            if value not in seen:
                raise SystemExit(f"{name}: {value!r} never showed")
        elif kind == "quiet":
            while read(value) == "data":
                pass
        else:
            os.write(fd, value)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        read(0.5)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return profile


def bss_symbols():
    """The binary's zero-initialised data: (start, size, name) in address order, and its bounds."""
    listing = subprocess.run(["nm", "-S", "-n", "--defined-only", BINARY], capture_output=True, text=True, check=True)
    symbols, bounds = [], {}
    for parts in (line.split() for line in listing.stdout.splitlines()):
        if len(parts) == 4 and parts[2] in "bB":
            symbols.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
        elif len(parts) == 3 and parts[2] in ("__bss_start", "_end"):
            bounds[parts[2]] = int(parts[0], 16)
    return symbols, bounds["__bss_start"], bounds["_end"]


def hot_data(name, args, steps):
    """The .bss symbols a run touches, in address order: lackey's trace of every access (tens of
    millions of lines) is read through a pipe, keeping the addresses between the bounds."""
    symbols, low, high = bss_symbols()
    fifo = os.path.join(WORK, f"{name}.lackey")
    os.mkfifo(fifo)
    # lackey writes an address as 8 hex digits (more above 4 GB, where the data of a binary linked
    # without PIE is not): the lines worth parsing start with one of the 64 KB blocks it spans.
    if high >= 1 << 32:
        raise SystemExit("the zero-initialised data is above 4 GB: link without PIE")
    blocks = b"|".join(b"%04x" % block for block in range(low >> 16, (high >> 16) + 1))
    pattern = re.compile(rb"[LSM] ((?:" + blocks + rb")[0-9a-f]{4}),\d+")
    touched = set()

    def collect():
        with open(fifo, "rb") as trace:
            rest = b""
            while chunk := trace.read(1 << 20):
                text = rest + chunk
                cut = text.rfind(b"\n") + 1
                rest = text[cut:]
                for match in pattern.finditer(text, 0, cut):
                    address = int(match.group(1), 16)
                    if low <= address < high:
                        touched.add(address)

    reader = threading.Thread(target=collect)
    reader.start()
    run(name, args, steps, tool=["valgrind", "--tool=lackey", "--trace-mem=yes", f"--log-file={fifo}"])
    reader.join()
    starts = [start for start, _, _ in symbols]
    found = []
    for address in sorted(touched):
        index = bisect.bisect_right(starts, address) - 1
        if index >= 0:
            start, size, symbol = symbols[index]
            if start <= address < start + max(size, 1) and (not found or found[-1] != symbol):
                found.append(symbol)
    return found


def functions(profile, defined):
    """The binary's functions that `profile` saw run (called or calling), in the file's order."""
    names, found = {}, []
    with open(profile, errors="replace") as lines:
        for line in lines:
            match = re.match(r"^c?fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not match:
                continue
            if match.group(2):
                names[match.group(1)] = match.group(2)
            name = names.get(match.group(1))
            if name in defined:
                found.append(name)
    return found


def main():
    listing = subprocess.run(["nm", "--defined-only", BINARY], capture_output=True, text=True, check=True)
    copies = {}
    for parts in (line.split() for line in listing.stdout.splitlines()):
        if len(parts) == 3 and parts[1] in "tTwW":
            copies[parts[2]] = copies.get(parts[2], 0) + 1
    defined = set(copies)
    server = bench.Server([161, 2000])
    try:
        small, cached = server.url(161), server.url(2000)
        subprocess.run([BINARY, "sync", "--depth", "0", cached], env=ENV, check=True, capture_output=True)
        first_screen = [("wait", b"Post 0 "), ("quiet", 2)]
        profiles = [
            run("version", ["--version"], []),
            run("first-screen", ["--no-cache", small], first_screen + [("key", b"Q")]),
            run("offline", ["--offline", cached], first_screen + [("key", b"Q")]),
            run("read-whole", ["--no-cache", small], first_screen + [
                ("key", b"A"), ("quiet", 4), ("key", b"G"), ("quiet", 2), *[("key", b"k")] * 10,
                ("quiet", 1), ("key", b"\x05"), ("quiet", 1), ("key", b"Q")]),
            run("cached", [cached], first_screen + [("quiet", 1), ("key", b"A"), ("quiet", 5), ("key", b"Q")]),
            run("demo", ["--demo"], [("quiet", 4), ("key", b"j"), ("quiet", 1), ("key", b"\r"), ("quiet", 3),
                                     ("key", b"j"), ("key", b"\r"), ("quiet", 3), ("key", b"q"), ("quiet", 1),
                                     ("key", b"Q")]),
        ]
        data = hot_data("first-screen-data", ["--no-cache", small], first_screen + [("key", b"Q")])
        data += hot_data("offline-data", ["--offline", cached], first_screen + [("key", b"Q")])
    finally:
        server.stop()
    order, shared, placed = [], [], set()
    for profile in profiles:
        for name in functions(profile, defined):
            if name not in placed:
                placed.add(name)
                (shared if copies[name] > 1 else order).append(name)
    hot = [name for name in dict.fromkeys(data) if name != "csystem_hot_bss_end"]
    order += hot + ["csystem_hot_bss_end"]
    with open(OUTPUT, "w") as out:
        out.write("\n".join(order) + "\n")
    with open(LAYOUT, "w") as out:
        out.write(layout(shared))
    print(f"{OUTPUT}: {len(order) - len(hot) - 1} functions, {len(hot)} data; {LAYOUT}: {len(shared)} shared names")


def layout(shared):
    """The linker script (added to lld's own by INSERT) that gathers the unnamed helpers and the
    sections of `shared` names. A `$` in a section name is matched by `?`."""
    patterns = ["*(.text..L*)"] + [f"*(.text.{name.replace('$', '?')})" for name in sorted(shared)]
    return ("/* Made by scripts/link-order.py (`make link-order`): see there. */\n"
            "SECTIONS {\n  .text.helpers : {\n"
            + "".join(f"    {pattern}\n" for pattern in patterns)
            + "  }\n} INSERT BEFORE .text;\n")


if __name__ == "__main__":
    main()
