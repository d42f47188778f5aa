"""Runs the moto server on 127.0.0.1 for one test process or one sandbox session.

Prints `ready <port>` once the server answers, then serves until its standard input
closes: the parent holds the other end, so moto stops when the parent exits, however
it exits (a panic, Ctrl-C, kill -9).
"""
import os
import sys
import time
import urllib.request

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
os.environ.setdefault("MOTO_ACCOUNT_ID", "123456789012")

from moto.server import ThreadedMotoServer  # noqa: E402  (env must be set first)


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    # start() returns before the socket answers on some versions: wait until it does.
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1).read()
            break
        except Exception:  # noqa: BLE001 - any failure means "not yet"
            time.sleep(0.05)
    print(f"ready {port}", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
