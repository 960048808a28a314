#!/usr/bin/env python3
"""Anvil's terminal benchmarks, each figure beside a peer's measured in the same run (issue 12).

Usage: bench.py ANVIL ANVIL_BENCH [--quick]

Runs alternate Anvil and the peer, so a drift in the machine's speed touches both; figures are
medians. Wall and CPU times are of whole processes: spawned in a 100x30 pseudo-terminal, timed
from the fork to the first screen, CPU from the kernel's accounting of the finished process (it
quits as soon as the screen is seen). Peak memory is VmHWM from /proc. Bytes are everything the
program writes to tmux per key (pipe-pane).
"""
import atexit, os, pty, re, select, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request, uuid
import email.utils, json, urllib.error

ANVIL = sys.argv[1] if len(sys.argv) > 1 else ".build/release/anvil"
ANVIL_BENCH = sys.argv[2] if len(sys.argv) > 2 else ".build/release/anvil-bench"
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 9
# Start-up wall times are a few milliseconds each, and a machine's wake-ups move single runs of
# both programs by a millisecond: their medians take more runs.
STARTS = RUNS if QUICK else max(RUNS * 2, 20)
WORK = tempfile.mkdtemp(prefix="anvil-bench-")
# The mboxes and caches of a run (tens of MB) go with it.
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
ENV = dict(os.environ, LANG="C.UTF-8", TERM="tmux-256color", XDG_CONFIG_HOME="/nonexistent",
           XDG_STATE_HOME=WORK + "/state", XDG_CACHE_HOME=WORK + "/cache", LESSHISTFILE="-",
           TIGRC_USER="/dev/null", HOME=WORK)
for key in ["LESS", "LESSOPEN", "NO_COLOR", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"]:
    ENV.pop(key, None)
COLS, ROWS = 100, 30
RESULTS = []


# MARK: processes in a pseudo-terminal

class Proc:
    """A program in a 100x30 pseudo-terminal, its output collected as it is read."""

    def __init__(self, args, cwd=None):
        self.start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            import fcntl, struct, termios
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            if cwd:
                os.chdir(cwd)
            os.execve(args[0], args, ENV)
        self.pid, self.fd, self.out, self.rusage = pid, fd, b"", None

    def read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return b""
        self.out += data
        return data

    def wait_for(self, needle, timeout=60.0, since=0):
        """Seconds from the start until `needle` (bytes) appears in the output after offset `since`."""
        deadline = time.monotonic() + timeout
        while needle not in self.out[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"did not see {needle!r}; the screen ends {self.out[-300:]!r}")
            self.read(left)
        return time.monotonic() - self.start

    def quiet(self, seconds):
        """Reads until nothing arrives for `seconds`; returns the time the last byte came."""
        last = time.monotonic()
        while self.read(seconds):
            last = time.monotonic()
        return last

    def hwm_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            return int(next(l for l in f if l.startswith("VmHWM")).split()[1])

    def send(self, data):
        os.write(self.fd, data)

    def finish(self, keys=b"q"):
        """Sends `keys` and reaps the process; returns its CPU seconds (user + system)."""
        try:
            self.send(keys)
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, status, usage = os.wait4(self.pid, os.WNOHANG)
            if done:
                self.rusage = usage
                break
            self.read(0.02)
        else:
            os.kill(self.pid, signal.SIGKILL)
            _, _, self.rusage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return self.rusage.ru_utime + self.rusage.ru_stime


def median(values):
    return statistics.median(values)


def report(measure, ours, peer_name, peer, unit, target, command, lower_is_better=True):
    """One row: figure, peer figure, ratio, whether the target holds. `target` is (limit, kind):
    kind "ratio" compares ours/peer, "abs" compares ours itself, "below" wants ours < peer."""
    ratio = ours / peer if peer else float("nan")
    limit, kind = target if target else (None, "none")
    if kind == "none":
        met, goal = True, "(none)"
    elif kind == "ratio":
        met = ratio <= limit
        goal = f"<= {limit:g}x"
    elif kind == "below":
        met = ours < peer
        goal = "< peer"
    else:
        met = ours <= limit
        goal = f"<= {limit:g} {unit}"
    RESULTS.append((measure, ours, peer_name, peer, unit, ratio, goal, met, command))
    peer_text = f"{peer_name} {peer:.1f} {unit}" if peer is not None else "-"
    verdict = "" if kind == "none" else ("met" if met else "NOT met")
    print(f"{measure:<58} anvil {ours:9.1f} {unit:<4} | {peer_text:<26} | ratio {ratio:5.2f} | "
          f"target {goal:<11} {verdict}", flush=True)


# MARK: the loopback forge and the data both programs read

class Server:
    """`anvil-bench serve`: the demo forge plus generated topics over loopback HTTP, each GET answered
    from memory after its first time (a forge's own work is not on the client's machine)."""

    def __init__(self, sizes):
        self.proc = subprocess.Popen([ANVIL_BENCH, "serve", *map(str, sizes)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.base = self.proc.stdout.readline().strip()
        self.threads = {}
        for _ in sizes:
            size, tid = self.proc.stdout.readline().split()
            self.threads[int(size)] = tid

    def url(self, size):
        return f"{self.base}/p/anvil-demo/discussion/general/thread/{self.threads[size]}/"

    def posts(self, size):
        """Every post of the topic, from the REST API in pages of 500."""
        posts, page = [], 0
        while True:
            rest = f"{self.base}/rest/p/anvil-demo/discussion/general/thread/{self.threads[size]}/?page={page}&limit=500"
            batch = json.load(urllib.request.urlopen(rest))["topic"]["posts"]
            posts += batch
            if len(batch) < 500:
                return posts
            page += 1

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def write_mbox(posts, path):
    """The thread as an mbox: one message a post, Message-ID from the slug, In-Reply-To and
    References from the slug's parents, so neomutt threads it as Anvil does."""
    with open(path, "w", encoding="utf-8") as f:
        for post in posts:
            slug = post["slug"]
            parts = slug.split("/")
            ancestors = ["/".join(parts[:i]) for i in range(1, len(parts))]
            stamp = time.mktime(time.strptime(post["timestamp"][:19].replace("T", " "), "%Y-%m-%d %H:%M:%S")) - time.timezone
            author = post["author"]
            body = post["text"].replace("\nFrom ", "\n>From ")
            f.write(f"From {author}@anvil.test {time.asctime(time.gmtime(stamp))}\n")
            f.write(f"From: {author} <{author}@anvil.test>\n")
            f.write(f"Subject: {post.get('subject') or 'thread'}\n")
            f.write(f"Date: {email.utils.formatdate(stamp)}\n")
            f.write(f"Message-ID: <{slug.replace('/', '.')}@anvil.test>\n")
            if ancestors:
                f.write(f"In-Reply-To: <{ancestors[-1].replace('/', '.')}@anvil.test>\n")
                f.write("References: " + " ".join(f"<{a.replace('/', '.')}@anvil.test>" for a in ancestors) + "\n")
            f.write("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n")
            f.write(body.rstrip("\n") + "\n\n")


def dump(url, everything=False):
    args = [ANVIL, "dump", "--width", str(COLS), url] + (["--all"] if everything else [])
    if not url.startswith("http"):
        args.insert(2, "--demo")
    out = subprocess.run(args, check=True, capture_output=True, env=ENV).stdout
    path = tempfile.mktemp(dir=WORK, suffix=".txt")
    with open(path, "wb") as f:
        f.write(out)
    return path, out


def neomutt(mbox):
    return ["/usr/bin/neomutt", "-n", "-F", "/dev/null", "-R", "-e",
            "set sort=threads; set folder=" + WORK + "; set spoolfile=" + mbox + "; set header_cache=; "
            "set mbox_type=mbox; set read_inc=0; set help=no; set mark_old=no", "-f", mbox]


def less(path):
    return ["/usr/bin/less", "-S", path]


# MARK: the measures

def first_screen(server, size, marker):
    url = server.url(size)
    text, _ = dump(url)
    anvil_wall, anvil_cpu, less_wall, less_cpu = [], [], [], []
    for _ in range(STARTS):
        p = Proc([ANVIL, "--no-cache", url])
        anvil_wall.append(p.wait_for(marker) * 1000)
        anvil_cpu.append(p.finish(b"Q") * 1000)
        p = Proc(less(text))
        less_wall.append(p.wait_for(marker) * 1000)
        less_cpu.append(p.finish() * 1000)
    cmd = f"anvil {url}  vs  less -S <its dump>"
    report(f"first screen, {size:,}-post thread over loopback, wall", median(anvil_wall), "less", median(less_wall),
           "ms", (2, "ratio"), cmd)
    report(f"first screen, {size:,}-post thread over loopback, CPU", median(anvil_cpu), "less", median(less_cpu),
           "ms", None, cmd)


def first_request(server, size):
    """From the fork to the first bytes of the first HTTP request on a listening socket."""
    times = []
    for _ in range(RUNS):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        url = server.url(size).replace(server.base, f"http://127.0.0.1:{port}")
        p = Proc([ANVIL, "--no-cache", url])
        # The terminal is read meanwhile, as a terminal does: a program whose output nobody reads
        # is not what a user runs.
        deadline = time.monotonic() + 10
        while listener not in select.select([listener, p.fd], [], [], max(0, deadline - time.monotonic()))[0]:
            if time.monotonic() > deadline:
                raise TimeoutError("no request came")
            p.read(0)
        listener.settimeout(10)
        conn, _ = listener.accept()
        conn.recv(4096)
        times.append((time.monotonic() - p.start) * 1000)
        conn.close()
        listener.close()
        p.finish(b"Q")
    report("process start to the first request on the wire", median(times), "-", None, "ms", (10, "abs"),
           f"anvil http://127.0.0.1:PORT/… against a bare listening socket")


def cold_start():
    repo = os.path.join(WORK, "repo")
    subprocess.run(["git", "init", "-q", repo], check=True)
    for i in range(30):
        subprocess.run(["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=b@anvil.test", "commit", "-q",
                        "--allow-empty", "-m", f"bench commit {i}"], check=True)
    anvil_cpu, tig_cpu, anvil_wall, tig_wall = [], [], [], []
    for _ in range(RUNS * 2):
        p = Proc([ANVIL, "--demo"])
        anvil_wall.append(p.wait_for(b"Tools") * 1000)
        anvil_cpu.append(p.finish(b"Q") * 1000)
        p = Proc(["/usr/bin/tig"], cwd=repo)
        tig_wall.append(p.wait_for(b"bench commit 29") * 1000)
        tig_cpu.append(p.finish() * 1000)
    report("cold start to the first frame, CPU (anvil --demo vs tig)", median(anvil_cpu), "tig", median(tig_cpu), "ms",
           (1, "ratio"), "anvil --demo  vs  tig (30-commit repository)")
    report("cold start to the first frame, wall", median(anvil_wall), "tig", median(tig_wall), "ms",
           None, "anvil --demo  vs  tig")


def load_all(server, size, mbox, runs):
    """`A` in the thread until 'Every post is loaded', then `G`; peak memory after it. neomutt
    opens the same posts as an mbox, threaded, until its index shows."""
    url = server.url(size)
    a_times, a_rss, n_times, n_rss, a_quit, n_quit = [], [], [], [], [], []
    done = f"Every post is loaded ({size})".encode()
    # One untimed run first: the forge keeps each page it has made, so the timed runs measure
    # Anvil, not the forge's work, which a real forge does on a machine of its own.
    warm = Proc([ANVIL, "--no-cache", url])
    warm.wait_for(b"Post 0 ")
    warm.send(b"A")
    warm.wait_for(done, timeout=120)
    warm.finish(b"Q")
    for _ in range(runs):
        p = Proc([ANVIL, "--no-cache", url])
        p.wait_for(b"Post 0 ")
        p.quiet(0.3)
        mark = len(p.out)
        sent = time.monotonic()
        p.send(b"A")
        p.wait_for(done, timeout=120, since=mark)
        a_times.append((time.monotonic() - sent) * 1000)
        p.send(b"G")
        p.quiet(0.5)
        a_rss.append(p.hwm_kib() / 1024)
        sent = time.monotonic()
        p.finish(b"Q")
        a_quit.append((time.monotonic() - sent) * 1000)
        p = Proc(neomutt(mbox))
        n_times.append(p.wait_for(f"Msgs:{size}".encode(), timeout=120) * 1000)
        p.quiet(0.5)
        n_rss.append(p.hwm_kib() / 1024)
        sent = time.monotonic()
        p.finish(b"q")
        n_quit.append((time.monotonic() - sent) * 1000)
    return median(a_times), median(a_rss), median(n_times), median(n_rss), median(a_quit), median(n_quit)


def key_to_frame(server, size, keys=120):
    """From writing a key to the first and the last byte of the frame it causes, mid-thread."""
    url = server.url(size)
    p = Proc([ANVIL, "--no-cache", url])
    p.wait_for(b"Post 0 ")
    p.send(b"A")
    p.wait_for(f"Every post is loaded ({size})".encode(), timeout=120)
    p.quiet(0.3)
    first, last = [], []
    for i in range(keys):
        sent = time.monotonic()
        p.send(b"j" if (i // 40) % 2 == 0 else b"k")
        p.read(5)
        first.append((time.monotonic() - sent) * 1000)
        last.append((p.quiet(0.02) - sent) * 1000)
    p.finish(b"Q")
    q = lambda v, f: sorted(v)[min(len(v) - 1, int((len(v) - 1) * f))]
    return median(first), q(first, 0.99), median(last), q(last, 0.99)


def tmux(sock, *args):
    return subprocess.run(["tmux", "-u", "-L", sock, *args], check=True, capture_output=True, text=True).stdout


def bytes_per_key(command, ready, key, keys, before=0, before_key=None):
    """Bytes the program writes per key in a 100x30 tmux pane; `before` keys go first, unrecorded."""
    sock = "anvil-bench-" + uuid.uuid4().hex[:8]
    record = tempfile.mktemp(dir=WORK)
    exports = " ".join(f"{k}='{ENV[k]}'" for k in ["LANG", "TERM", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                                    "XDG_CACHE_HOME", "LESSHISTFILE", "HOME"])
    tmux(sock, "-f", "/dev/null", "new-session", "-d", "-x", str(COLS), "-y", str(ROWS),
         f"env {exports} {command}; sleep 60")
    try:
        tmux(sock, "set-option", "-g", "status", "off")
        deadline = time.monotonic() + 60
        while ready not in tmux(sock, "capture-pane", "-p", "-t", "0"):
            if time.monotonic() > deadline:
                raise TimeoutError(command)
            time.sleep(0.05)
        time.sleep(0.5)
        for _ in range(before):
            tmux(sock, "send-keys", "-t", "0", before_key or key)
            time.sleep(0.02)
        time.sleep(0.5)
        tmux(sock, "pipe-pane", "-o", "-t", "0", f"cat >> {record}")
        time.sleep(0.2)
        for _ in range(keys):
            tmux(sock, "send-keys", "-t", "0", key)
            time.sleep(0.03)
        time.sleep(0.5)
        tmux(sock, "pipe-pane", "-t", "0")
        time.sleep(0.2)
        return (os.path.getsize(record) if os.path.exists(record) else 0) / keys
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def scrolling(mbox10k):
    thread = "p/anvil-demo/discussion/general/thread/b16a7d2000/"
    index = "p/nimbus/wiki/"  # 123 pages: a list that scrolls at 30 rows
    text, _ = dump(thread)
    ours = bytes_per_key(f"{ANVIL} --demo '{thread}'", "Roadmap", "C-e", 150)
    peer = bytes_per_key(f"less -S '{text}'", "Roadmap", "j", 150)
    report("bytes per one-line scroll, C-e in the 2,000-post thread", ours, "less -S", peer, "B", (1.1, "ratio"),
           f"anvil --demo {thread}, C-e x150  vs  less -S <dump>, j x150 (tmux pipe-pane)")
    text, _ = dump(index)
    # The cursor goes to the bottom row first (30 keys, unrecorded); each j then scrolls a line.
    ours = bytes_per_key(f"{ANVIL} --demo '{index}'", "Station Log", "j", 60, before=30)
    peer = bytes_per_key(f"less -S '{text}'", "Station Log", "j", 60, before=30)
    report("bytes per one-line scroll, j at the edge of a list", ours, "less -S", peer, "B", (1.1, "ratio"),
           f"anvil --demo {index}, j x30 then j x60 recorded  vs  less -S <dump> the same")
    ours = bytes_per_key(f"{ANVIL} --demo '{index}'", "Station Log", "j", 20)
    peer = bytes_per_key(" ".join(f"'{a}'" for a in neomutt(mbox10k)), "Msgs:10000", "j", 20)
    report("bytes per cursor move in a list (j, no scroll)", ours, "neomutt", peer, "B", (0, "below"),
           f"anvil --demo {index}, j x20  vs  neomutt index of the 10,000-post mbox, j x20")


def offline_warm_start(server, size, marker):
    """Issue 13: a cached thread opened with the forge out of reach (`--offline`), to its first
    full frame, beside less on the thread's dump; and what the cache holds for it."""
    url = server.url(size)
    text, _ = dump(url)
    subprocess.run([ANVIL, "sync", "--depth", "0", url], check=True, capture_output=True, env=ENV)
    anvil_wall, less_wall = [], []
    for _ in range(STARTS):
        p = Proc([ANVIL, "--offline", url])
        anvil_wall.append(p.wait_for(marker) * 1000)
        p.finish(b"Q")
        p = Proc(less(text))
        less_wall.append(p.wait_for(marker) * 1000)
        p.finish()
    cmd = f"anvil sync --depth 0 URL; anvil --offline URL  vs  less -S <its dump>"
    report(f"warm start offline, cached {size:,}-post thread, wall", median(anvil_wall), "less", median(less_wall),
           "ms", (2, "ratio"), cmd)
    report(f"warm start offline, cached {size:,}-post thread, wall (absolute)", median(anvil_wall), "-", None, "ms",
           (100, "abs"), cmd)


def sync_demo():
    """Issue 13: `anvil sync` of the whole demo forge's main project, and the cache's size after."""
    demo = subprocess.Popen([ANVIL, "demo-server", "--port", "0"], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        base = demo.stdout.readline().split()[-1].rsplit("/rest/", 1)[0]
        env = dict(ENV, XDG_CACHE_HOME=WORK + "/sync-cache", ANVIL_TOKEN="d3m0t0k3nf0ra4nv1l00")
        start = time.monotonic()
        subprocess.run([ANVIL, "sync", "--depth", "2", f"{base}/p/anvil-demo/"], check=True, capture_output=True,
                       env=env)
        seconds = time.monotonic() - start
        size = sum(os.path.getsize(os.path.join(WORK, "sync-cache/anvil", f))
                   for f in os.listdir(os.path.join(WORK, "sync-cache/anvil")))
        print(f"anvil sync --depth 2 of the demo's main project: {seconds:.1f} s, cache {size / 1048576:.1f} MiB",
              flush=True)
    finally:
        demo.terminate()
        demo.wait(timeout=10)


class HoldingProxy:
    """A loopback proxy to the bench forge. While held, every request waits unanswered: a frame
    that appears then needed no answer from the forge."""

    def __init__(self, target):
        import http.server, threading
        self.target, self.held, self.answered_while_held = target, threading.Event(), 0
        self.release = threading.Event()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if proxy.held.is_set():
                    proxy.release.wait(60)
                request = urllib.request.Request(proxy.target + self.path, headers={
                    k: v for k, v in self.headers.items() if k.lower() in ("authorization", "accept",
                                                                          "if-none-match", "if-modified-since")})
                try:
                    answer = urllib.request.urlopen(request)
                    status, headers, body = answer.status, answer.headers, answer.read()
                except urllib.error.HTTPError as error:
                    status, headers, body = error.code, error.headers, error.read()
                try:
                    self.send_response(status)
                    for key in ("Content-Type", "ETag", "Last-Modified"):
                        if headers.get(key):
                            self.send_header(key, headers[key])
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # Anvil quit while the request was held

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client gone while its request was held

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()


def revisit(server):
    """Issue 13: back and forth between two cached views (`:open` A, `:open` B, ...) with every
    request to the forge held: each first frame shows the view's content with no answer needed."""
    proxy = HoldingProxy(server.base)
    try:
        def summary(number):
            rest = f"{server.base}/rest/p/anvil-demo/bugs/{number}/"
            return json.load(urllib.request.urlopen(rest))["ticket"]["summary"]
        first, second = summary(12), summary(13)

        def marker(text, other):
            # The longest stretch of `text` that differs, place by place, from `other`: a screen
            # update writes those cells whatever the view before showed.
            best, run = "", ""
            for i, c in enumerate(text):
                run = run + c if i >= len(other) or other[i] != c else ""
                best = run if len(run) > len(best) else best
            return best.encode()

        marks = {12: marker(first, second), 13: marker(second, first)}
        urls = {n: f"{proxy.base}/p/anvil-demo/bugs/{n}/" for n in (12, 13)}
        p = Proc([ANVIL, urls[12]])
        p.wait_for(marks[12])
        p.send(f":open {urls[13]}\r".encode())
        p.wait_for(marks[13])
        time.sleep(0.5)
        p.quiet(0.3)
        proxy.held.set()
        times, seen = [], 0
        for i in range(10):
            n = 12 if i % 2 == 0 else 13
            mark = len(p.out)
            sent = time.monotonic()
            p.send(f":open {urls[n]}\r".encode())
            try:
                p.wait_for(marks[n], timeout=5, since=mark)
                seen += 1
                times.append((time.monotonic() - sent) * 1000)
            except TimeoutError:
                pass
        proxy.release.set()
        p.finish(b"Q")
        print(f"revisit, two cached tickets back and forth with every request held: {seen} of 10 first frames "
              f"showed the content (0 requests answered before them), key to frame median "
              f"{median(times) if times else float('nan'):.1f} ms", flush=True)
    finally:
        proxy.stop()


def main():
    print(f"binary: {ANVIL}; {RUNS} runs a figure, {STARTS} for start-up wall times, unless said; {COLS}x{ROWS}",
          flush=True)
    sizes = [161, 1000, 10_000]
    server = Server(sizes + [2000])
    try:
        mboxes = {}
        for size in sizes:
            mboxes[size] = os.path.join(WORK, f"thread-{size}.mbox")
            write_mbox(server.posts(size), mboxes[size])
        first_request(server, 10_000)
        first_screen(server, 10_000, b"Post 0 ")
        offline_warm_start(server, 2000, b"Post 0 ")
        revisit(server)
        sync_demo()
        cold_start()
        for size, runs in [(10_000, 3 if not QUICK else 1), (161, RUNS // 2 or 1)]:
            a_ms, a_rss, n_ms, n_rss, a_quit, n_quit = load_all(server, size, mboxes[size], runs)
            report(f"peak RSS, {size:,} posts loaded (A, G)", a_rss, "neomutt", n_rss, "MiB",
                   (0, "below") if size > 1000 else (15, "abs"),
                   f"anvil {server.url(size)}; A; G  vs  neomutt -f thread-{size}.mbox (sort=threads)")
            if size > 1000:
                report(f"A on {size:,} posts (key to 'Every post is loaded')", a_ms, "neomutt", n_ms, "ms",
                       (1, "ratio"), f"anvil …/thread/{server.threads[size]}/, A  vs  neomutt opening the mbox")
                report(f"quit with {size:,} posts loaded (key to exit)", a_quit, "neomutt", n_quit, "ms", None,
                       "anvil Q  vs  neomutt q, after the runs above")
        scrolling(mboxes[10_000])
        for size in sizes:
            m1, p1, m2, p2 = key_to_frame(server, size)
            print(f"key to frame (j/k), {size:>6,}-post thread, all loaded: first byte median {m1:.2f} ms, p99 {p1:.2f} ms;"
                  f" last byte median {m2:.2f} ms, p99 {p2:.2f} ms", flush=True)
    finally:
        server.stop()
    targets = [r for r in RESULTS if r[6] != "(none)"]
    print(f"targets met: {sum(1 for r in targets if r[7])} of {len(targets)}")


if __name__ == "__main__":
    main()
