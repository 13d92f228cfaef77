#!/usr/bin/env python3
"""Writes the in-repo subset of the Wycheproof vectors used by src/crypto/wycheproof_test.cc.

Keeps every invalid vector (the ones a verifier must reject) and, of the valid ones, the first 2
per (group, flag) combination, so every kind of edge case is represented; the file structure is
unchanged except that redundant encodings of Ed25519 public keys (DER, PEM, JWK) are dropped.
The full files are read from the shared data directory when it exists.

usage: make_subset.py <wycheproof testvectors_v1 dir> <output dir>
"""
import json
import os
import sys

FILES = ["xchacha20_poly1305_test.json", "chacha20_poly1305_test.json", "ed25519_test.json"]


def main(src, dst):
    for name in FILES:
        with open(os.path.join(src, name)) as f:
            data = json.load(f)
        kept = 0
        for group in data["testGroups"]:
            tests, seen = [], {}
            for t in group["tests"]:
                key = tuple(sorted(t["flags"]))
                if t["result"] != "valid" or seen.get(key, 0) < 2:
                    tests.append(t)
                    if t["result"] == "valid":
                        seen[key] = seen.get(key, 0) + 1
            group["tests"] = tests
            for redundant in ("publicKeyDer", "publicKeyPem", "publicKeyJwk"):
                group.pop(redundant, None)  # same key as publicKey.pk, in other encodings
            kept += len(tests)
        data["numberOfTests"] = kept
        out = os.path.join(dst, name.replace("_test.json", "_subset.json"))
        with open(out, "w") as f:
            json.dump(data, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")
        print(out, kept)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
