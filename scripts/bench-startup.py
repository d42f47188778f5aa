#!/usr/bin/env python3
"""Start-up benchmark: time from process start to the first painted wizard screen, and the
memory of the app with its WebKit processes, compared with a bare Tauri window.

usage: bench-startup.py APP [--bare BARE_APP] [--runs 8] [--warmup 1] [--settle 3]
                        [--env KEY=VALUE]... [--timeline]

Run it under X (`xvfb-run -a`). With --bare the runs alternate (app, bare, app, bare, ...)
so that a slow spell of the machine (another build, the page cache, a CPU frequency
change) falls on both sides instead of on whichever ran second; the first --warmup pairs
are run and dropped. "First paint" is when the app logs the `frontend_ready` call, which
the UI makes after two animation frames of its first screen; the time is measured here,
from just before the process is spawned to when that line is read. Memory is read
--settle seconds after first paint and summed over the app's process and all its
descendants (WebKitWebProcess, WebKitNetworkProcess): RSS from /proc/PID/status, PSS
from /proc/PID/smaps_rollup. Medians are reported, with the min for first paint.
--timeline prints, for each side's median run, when each log line arrived: where the
time before the first paint went.
"""
import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# /proc/PID/comm is cut at 15 characters; the app's own process is named by its role.
KINDS = (("WebKitWebProces", "WebKitWebProcess"), ("WebKitNetworkPr", "WebKitNetworkProcess"))


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def kib(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def kind(pid, root):
    if pid == root:
        return "app"
    try:
        with open(f"/proc/{pid}/comm") as f:
            name = f.read().strip()
    except OSError:
        return "?"
    return next((full for prefix, full in KINDS if name.startswith(prefix)), name)


def one_run(app, env, settle):
    """One start: (first paint s, {kind: (RSS KiB, PSS KiB)}, [(s, stderr line)])."""
    t0 = time.monotonic()
    proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first_paint = None
    deadline = t0 + 60
    lines = []
    # Raw reads, not readline(): a buffered reader can hold a line that select() no longer sees.
    fd, pending = proc.stderr.fileno(), b""
    while time.monotonic() < deadline and first_paint is None:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        now = time.monotonic() - t0
        *complete, pending = (pending + chunk).split(b"\n")
        for raw in complete:
            line = raw.decode(errors="replace")
            lines.append((now, line))
            if "first paint" in line and first_paint is None:
                first_paint = now
    if first_paint is None:
        proc.kill()
        sys.exit(f"{app}: no first paint within 60 s; its stderr:\n" + "\n".join(l for _, l in lines))
    time.sleep(settle)
    per = {}
    for p in descendants(proc.pid):
        name = kind(p, proc.pid)
        rss, pss = kib(f"/proc/{p}/status", "VmRSS"), kib(f"/proc/{p}/smaps_rollup", "Pss")
        r, s = per.get(name, (0, 0))
        per[name] = (r + rss, s + pss)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return first_paint, per, lines


def environment(extra_env):
    """A fresh HOME with one AWS profile, a fresh data dir; nothing from the caller's AWS_*."""
    home = tempfile.mkdtemp(prefix="bench-home-")
    os.makedirs(os.path.join(home, ".aws"))
    with open(os.path.join(home, ".aws", "config"), "w") as f:
        f.write("[profile bench]\nregion = us-east-1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=home, PRIVATE_DEPLOY_DATA_DIR=os.path.join(home, "data"), PRIVATE_DEPLOY_LOG="info")
    env.update(kv.split("=", 1) for kv in extra_env)
    return env


def mib(kib_value):
    return kib_value / 1024


class Side:
    def __init__(self, label, app, extra_env):
        self.label, self.app, self.env, self.results = label, app, environment(extra_env), []

    def run(self, settle, keep):
        result = one_run(self.app, self.env, settle)
        if keep:
            self.results.append(result)

    def paint(self):
        return statistics.median(r[0] for r in self.results)

    def memory(self, which, field):
        """Median over runs of the summed (which=None) or one kind's RSS (0) / PSS (1), MiB."""
        return statistics.median(
            mib(sum(v[field] for k, v in r[1].items() if which is None or k == which)) for r in self.results
        )

    def report(self, timeline):
        paints = [r[0] for r in self.results]
        kinds = sorted({k for r in self.results for k in r[1]}, key=lambda k: (k != "app", k))
        print(
            f"{self.label}: first paint median {self.paint():.3f} s (min {min(paints):.3f} s);"
            f" PSS median {self.memory(None, 1):.0f} MiB; RSS median {self.memory(None, 0):.0f} MiB"
        )
        print("  PSS median by process: " + ", ".join(f"{k} {self.memory(k, 1):.0f} MiB" for k in kinds))
        if timeline:
            # The run whose first paint is the median (the upper one of an even count).
            run = sorted(self.results, key=lambda r: r[0])[len(self.results) // 2]
            print(f"  timeline of a median run ({run[0]:.3f} s):")
            for at, line in run[2]:
                print(f"    {at:7.3f} s  {line[:160]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app")
    parser.add_argument("--bare", help="a bare Tauri window to compare with (runs alternate with the app's)")
    parser.add_argument("--runs", type=int, default=8, help="measured runs of each (default 8)")
    parser.add_argument("--warmup", type=int, default=1, help="runs of each made first and dropped (default 1)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after first paint before memory is read")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both apps (to compare WebKit settings)")
    parser.add_argument("--timeline", action="store_true", help="print when each log line of a median run arrived")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("DISPLAY is not set: run under xvfb-run -a")
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    if args.env:
        print("with " + " ".join(args.env))
    sides = [Side("private-deploy", args.app, args.env)]
    if args.bare:
        sides.append(Side("bare window", args.bare, args.env))
    print(f"{args.runs} runs of each after {args.warmup} dropped, alternating: " + ", ".join(s.label for s in sides))
    for i in range(args.warmup + args.runs):
        for side in sides:
            side.run(args.settle, keep=i >= args.warmup)
    for side in sides:
        side.report(args.timeline)
    if args.bare:
        app, bare = sides
        print(
            f"ratio to bare window (medians): first paint {app.paint() / bare.paint():.2f}x,"
            f" PSS {app.memory(None, 1) / bare.memory(None, 1):.2f}x"
            f" (app {app.memory('app', 1) / max(bare.memory('app', 1), 1e-9):.2f}x,"
            f" WebKitWebProcess {app.memory('WebKitWebProcess', 1) / max(bare.memory('WebKitWebProcess', 1), 1e-9):.2f}x,"
            f" WebKitNetworkProcess {app.memory('WebKitNetworkProcess', 1) / max(bare.memory('WebKitNetworkProcess', 1), 1e-9):.2f}x)"
        )


if __name__ == "__main__":
    main()
