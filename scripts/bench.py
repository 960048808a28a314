#!/usr/bin/env python3
"""Anvil benchmarks: start-up to first frame, bytes per one-line scroll against `less -S`,
and peak memory after opening the demo's largest wiki page. Prints a table of measured figures."""
import os, pty, select, signal, statistics, subprocess, sys, tempfile, time, uuid

ANVIL = sys.argv[1] if len(sys.argv) > 1 else ".build/release/anvil"
ENV = dict(os.environ, LANG="C.UTF-8", TERM="tmux-256color", XDG_CONFIG_HOME="/nonexistent",
           XDG_STATE_HOME=tempfile.mkdtemp(prefix="anvil-bench-"))
LARGE_PAGE = "p/anvil-demo/wiki/Field Manual/"
SCROLLS = 150


def spawn(args, cols=100, rows=30):
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(args[0], args, ENV)
    return pid, fd


def read_until(fd, needle, timeout=20.0):
    buf = b""
    deadline = time.monotonic() + timeout
    while needle not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"did not see {needle!r}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    return buf


def finish(pid, fd):
    try:
        os.write(fd, b"Q")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                select.select([fd], [], [], 0.05)
                os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)


def startup(runs=20):
    times = []
    for _ in range(runs):
        start = time.monotonic()
        pid, fd = spawn([ANVIL, "--demo"])
        read_until(fd, "Tools".encode())
        times.append((time.monotonic() - start) * 1000)
        finish(pid, fd)
    return statistics.median(times), min(times), max(times)


def peak_rss_kib():
    pid, fd = spawn([ANVIL, "--demo", LARGE_PAGE])
    read_until(fd, b"Field Manual")
    time.sleep(1.0)
    with open(f"/proc/{pid}/status") as f:
        hwm = next(line for line in f if line.startswith("VmHWM"))
    finish(pid, fd)
    return int(hwm.split()[1])


def tmux(sock, *args):
    return subprocess.run(["tmux", "-u", "-L", sock, *args], check=True, capture_output=True, text=True).stdout


def bytes_per_scroll(command, ready, keys=40, cols=100, rows=30, key="j"):
    sock = "anvil-bench-" + uuid.uuid4().hex[:8]
    record = tempfile.mktemp(prefix="anvil-bytes-")
    exports = " ".join(f"{k}='{v}'" for k, v in [("LANG", "C.UTF-8"), ("TERM", "tmux-256color"),
                                                  ("XDG_CONFIG_HOME", "/nonexistent"),
                                                  ("XDG_STATE_HOME", ENV["XDG_STATE_HOME"])])
    tmux(sock, "-f", "/dev/null", "new-session", "-d", "-x", str(cols), "-y", str(rows), f"env {exports} {command}; sleep 60")
    try:
        tmux(sock, "set-option", "-g", "status", "off")
        deadline = time.monotonic() + 20
        while ready not in tmux(sock, "capture-pane", "-p", "-t", "0"):
            if time.monotonic() > deadline:
                raise TimeoutError(command)
            time.sleep(0.05)
        time.sleep(0.5)
        tmux(sock, "pipe-pane", "-o", "-t", "0", f"cat >> {record}")
        time.sleep(0.2)
        for _ in range(keys):
            tmux(sock, "send-keys", "-t", "0", key)
            time.sleep(0.03)
        time.sleep(0.5)
        tmux(sock, "pipe-pane", "-t", "0")
        time.sleep(0.2)
        size = os.path.getsize(record) if os.path.exists(record) else 0
        return size / keys
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
        if os.path.exists(record):
            os.remove(record)


def dump_to_file(url):
    out = subprocess.run([ANVIL, "dump", "--demo", "--width", "100", url], check=True, capture_output=True, env=ENV).stdout
    path = tempfile.mktemp(prefix="anvil-dump-", suffix=".txt")
    with open(path, "wb") as f:
        f.write(out)
    return path


def main():
    print(f"binary: {ANVIL}")
    median, lo, hi = startup()
    print(f"start-up to first frame of the demo project view (20 runs): median {median:.1f} ms (min {lo:.1f}, max {hi:.1f})")
    print(f"peak RSS after opening '{LARGE_PAGE}': {peak_rss_kib() / 1024:.1f} MiB")
    thread = "p/anvil-demo/discussion/general/thread/b16a7d2000/"
    index = "p/nimbus/wiki/"  # 123 pages: an index that scrolls at 30 rows
    # One-line scroll: C-e in Anvil (the view moves a line, the cursor only when it would leave the
    # screen), j in less. "j" rows move Anvil's cursor instead: down the screen, then scrolling.
    # The index scrolls 96 lines before its end; stop short of it so neither program idles there.
    for label, url, ready, key, keys in [("wiki index", index, "Station Log", "C-e", 90),
                                         ("wiki index, cursor (j)", index, "Station Log", "j", 90),
                                         ("long wiki page", LARGE_PAGE, "Field Manual", "C-e", SCROLLS),
                                         ("2,000-post thread", thread, "Roadmap", "C-e", SCROLLS)]:
        text = dump_to_file(url)
        try:
            ours = bytes_per_scroll(f"{ANVIL} --demo '{url}'", ready, key=key, keys=keys)
            less = bytes_per_scroll(f"less -S '{text}'", ready, keys=keys)
        finally:
            os.remove(text)
        ratio = ours / less if less else float("inf")
        print(f"bytes per one-line scroll, {label}, 100x30, {keys} keys: anvil {ours:.1f} ({key}), "
              f"less -S {less:.1f} (j), ratio {ratio:.2f} (target 1.30)")

if __name__ == "__main__":
    main()
