#!/usr/bin/env python3
"""Signs a Private Deploy invite (format version 2) with a vendor key, outside the app.

    python3 sign_invite.py INVITE.json PRIVATE_KEY.json > signed.json

INVITE.json is the invite without a signature; PRIVATE_KEY.json is the file that
`private-deploy vendor keygen` writes ({"key_id": ..., "ed25519_seed": base64}).
Needs the `cryptography` package. See docs/INVITE-SIGNING.md.
"""

import base64
import json
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def canonical(invite):
    """RFC 8785 (JCS) for what an invite holds: objects, strings, integers, booleans.

    Keys sorted by code point, no whitespace, strings as JSON escapes them. An invite has
    no floating-point number, the one case where plain json.dumps and RFC 8785 differ.
    """
    unsigned = {k: v for k, v in invite.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(invite, key_id, seed):
    key = Ed25519PrivateKey.from_private_bytes(seed)
    signature = key.sign(canonical(invite))
    signed = dict(invite)
    signed["signature"] = {"key_id": key_id, "ed25519": base64.b64encode(signature).decode("ascii")}
    return signed


def main(invite_path, key_path):
    with open(invite_path, encoding="utf-8") as f:
        invite = json.load(f)
    with open(key_path, encoding="utf-8") as f:
        key = json.load(f)
    seed = base64.b64decode(key["ed25519_seed"])
    json.dump(sign(invite, key["key_id"], seed), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
