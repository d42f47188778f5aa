#!/usr/bin/env python3
"""Start-up benchmark: time from process start to the first painted wizard screen, and the
memory of the app with its WebKit processes, over N runs (min and median).

usage: bench-startup.py APP [--bare BARE_APP] [--runs 5] [--settle 3] [--env KEY=VALUE]...

Run it under X (`xvfb-run -a`). "First paint" is when the app logs the `frontend_ready`
call, which the UI makes after two animation frames of its first screen; the time is
measured here, from just before the process is spawned to when that line is read.
Memory is summed over the app's process and all its descendants (WebKitWebProcess,
WebKitNetworkProcess): RSS from /proc/PID/status, PSS from /proc/PID/smaps_rollup.
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


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def one_run(app, env, settle):
    t0 = time.monotonic()
    proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first_paint = None
    deadline = t0 + 60
    buf = ""
    while time.monotonic() < deadline and first_paint is None:
        ready, _, _ = select.select([proc.stderr], [], [], 0.5)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        line = proc.stderr.readline()
        if not line:
            break
        buf += line
        if "first paint" in line:
            first_paint = time.monotonic() - t0
    if first_paint is None:
        proc.kill()
        sys.exit(f"{app}: no first paint within 60 s; its stderr:\n{buf}")
    time.sleep(settle)
    pids = descendants(proc.pid)
    per = {}
    for p in pids:
        name = comm(p)
        rss, pss = kib(f"/proc/{p}/status", "VmRSS"), kib(f"/proc/{p}/smaps_rollup", "Pss")
        r, s = per.get(name, (0, 0))
        per[name] = (r + rss, s + pss)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    total_rss = sum(r for r, _ in per.values()) / 1024
    total_pss = sum(s for _, s in per.values()) / 1024
    return first_paint, total_rss, total_pss, per


def bench(label, app, runs, settle, extra_env=()):
    home = tempfile.mkdtemp(prefix="bench-home-")
    os.makedirs(os.path.join(home, ".aws"))
    with open(os.path.join(home, ".aws", "config"), "w") as f:
        f.write("[profile bench]\nregion = us-east-1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(HOME=home, PRIVATE_DEPLOY_DATA_DIR=os.path.join(home, "data"), PRIVATE_DEPLOY_LOG="info")
    env.update(kv.split("=", 1) for kv in extra_env)
    results = [one_run(app, env, settle) for _ in range(runs)]
    paint = [r[0] for r in results]
    rss = [r[1] for r in results]
    pss = [r[2] for r in results]
    print(f"{label}: first paint min {min(paint):.3f} s, median {statistics.median(paint):.3f} s;"
          f" RSS min {min(rss):.0f} MiB, median {statistics.median(rss):.0f} MiB;"
          f" PSS min {min(pss):.0f} MiB, median {statistics.median(pss):.0f} MiB")
    last = results[-1][3]
    print("  last run by process: " + ", ".join(f"{n} {r / 1024:.0f}/{s / 1024:.0f} MiB RSS/PSS" for n, (r, s) in sorted(last.items())))
    return statistics.median(paint), statistics.median(pss)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app")
    parser.add_argument("--bare", help="a bare Tauri window to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after first paint before memory is read")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both apps (to compare WebKit settings)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("DISPLAY is not set: run under xvfb-run -a")
    if args.env:
        print("with " + " ".join(args.env))
    app = bench("private-deploy", args.app, args.runs, args.settle, args.env)
    if args.bare:
        bare = bench("bare window", args.bare, args.runs, args.settle, args.env)
        print(f"ratio to bare window (medians): first paint {app[0] / bare[0]:.2f}x, PSS {app[1] / bare[1]:.2f}x")


if __name__ == "__main__":
    main()
