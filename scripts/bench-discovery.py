#!/usr/bin/env python3
"""Account-wide VPC discovery through a proxy that adds 100 ms to every request, side by side:
`private-deploy networks` against (a) the AWS CLI doing the same job (describe-regions, then
describe-vpcs for each of the same regions), (b) the floor, two sequential requests that the
emulator answers at once, and (c) the same-requests floor: the exact requests `networks`
sent, replayed as raw bytes in the same order (DescribeRegions, then every DescribeVpcs at
once), which adds the emulator's own time to answer them (moto answers one request at a time)
and leaves out only the command's process start and SDK set-up.

usage: bench-discovery.py SANDBOX_BIN APP_BIN [--runs 5] [--delay 0.1] [--no-aws-cli]
Needs the AWS CLI in the project venv (`make bench` installs it), unless --no-aws-cli.
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from delay_proxy import DelayProxy  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        fn()
        times.append(time.monotonic() - t0)
    return min(times), statistics.median(times)


def send_raw(port, request):
    """One recorded request on a new connection; returns when its whole response is read."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        response = http.client.HTTPResponse(sock)
        response.begin()
        response.read()
        return response.status


def replay(port, first, rest):
    """`first`, then all of `rest` at once, each on its own connection."""
    if send_raw(port, first) != 200:
        sys.exit("the replayed DescribeRegions failed")
    statuses = []
    threads = [threading.Thread(target=lambda r=r: statuses.append(send_raw(port, r))) for r in rest]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if statuses != [200] * len(rest):
        sys.exit(f"a replayed DescribeVpcs failed: {statuses}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sandbox")
    p.add_argument("app")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--delay", type=float, default=0.1)
    p.add_argument("--no-aws-cli", action="store_true", help="skip the AWS CLI loop (only ours against the floor)")
    args = p.parse_args()
    aws_cli = os.path.join(ROOT, ".venv", "bin", "aws")
    if not args.no_aws_cli and not os.path.exists(aws_cli):
        sys.exit(f"{aws_cli} is missing: .venv/bin/pip install awscli")

    sandbox = subprocess.Popen([args.sandbox, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    for line in sandbox.stdout:
        line = line.strip()
        if line == "ready":
            break
        key, _, value = line.partition("=")
        env[key] = value
    moto_port = int(env["AWS_ENDPOINT_URL"].rsplit(":", 1)[1])
    proxy = DelayProxy(moto_port, args.delay)
    env["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{proxy.port}"

    def ours():
        out = subprocess.run([args.app, "networks", "--json"], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    found = ours()  # warm-up; also the region list the CLI loop uses
    regions = found["regions"]
    before = proxy.requests
    ours()
    our_requests = proxy.requests - before
    recorded = proxy.recorded[-our_requests:]
    if b"Action=DescribeRegions" not in recorded[0] or any(b"Action=DescribeVpcs" not in r for r in recorded[1:]):
        sys.exit("networks did not send DescribeRegions, then only DescribeVpcs (each in one piece)")
    ours_min, ours_med = timed(ours, args.runs)

    def cli_loop():
        subprocess.run([aws_cli, "ec2", "describe-regions", "--output", "json"], env=env, capture_output=True, check=True)
        for region in regions:
            subprocess.run([aws_cli, "ec2", "describe-vpcs", "--region", region, "--output", "json"], env=env, capture_output=True, check=True)

    cli_min = None if args.no_aws_cli else timed(cli_loop, 1)[0]

    def floor():
        for _ in range(2):
            conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
            conn.request("GET", "/moto-api/")
            conn.getresponse().read()
            conn.close()

    floor_min, floor_med = timed(floor, args.runs)
    same_min, same_med = timed(lambda: replay(proxy.port, recorded[0], recorded[1:]), args.runs)
    sandbox.stdin.close()
    sandbox.wait(10)

    vpcs = len(found["vpcs"])
    print(f"{len(regions)} regions, {vpcs} VPCs, {args.delay * 1000:.0f} ms added per request")
    print(f"private-deploy networks: min {ours_min:.3f} s, median {ours_med:.3f} s ({our_requests} requests)")
    if cli_min is not None:
        print(f"AWS CLI loop (1 run):    {cli_min:.3f} s ({len(regions) + 1} invocations)")
    print(f"floor (2 sequential):    min {floor_min:.3f} s, median {floor_med:.3f} s")
    print(f"same-requests floor:     min {same_min:.3f} s, median {same_med:.3f} s ({len(recorded)} requests replayed)")
    if cli_min is not None:
        print(f"speed-up over the CLI loop: {cli_min / ours_med:.1f}x (median)")
    print(f"ratio to the floor: {ours_med / floor_med:.2f}x; to the same-requests floor: {ours_med / same_med:.2f}x (medians)")


if __name__ == "__main__":
    main()
