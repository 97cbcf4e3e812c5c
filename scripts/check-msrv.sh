#!/usr/bin/env bash
# The rust-version in Cargo.toml (and the README's "Rust X or newer") must be
# what the locked dependencies really need: the highest rust-version that any
# package in Cargo.lock declares. A lower one promises a toolchain that cannot
# build us (rusqlite 0.43 needs 1.89); a higher one turns away toolchains that can.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo metadata --locked --format-version 1 | python3 -c '
import json, re, sys

def key(v):
    return tuple(int(x) for x in (v.split(".") + ["0", "0"])[:3])

meta = json.load(sys.stdin)
ours = set(meta["workspace_members"])
deps = [(p["rust_version"], p["name"]) for p in meta["packages"]
        if p["id"] not in ours and p.get("rust_version")]
needed, by = max(deps, key=lambda d: key(d[0]))
toml = open("Cargo.toml", encoding="utf-8").read()
m = re.search(r"^rust-version\s*=\s*\"([0-9.]+)\"", toml, re.M)
if not m:
    sys.exit(f"check-msrv: Cargo.toml has no rust-version; {by} needs {needed}")
declared = m.group(1)
if key(declared) != key(needed):
    sys.exit(f"check-msrv: Cargo.toml says rust-version {declared}, "
             f"but the locked dependencies need {needed} ({by})")
if f"Rust {declared} or newer" not in open("README.md", encoding="utf-8").read():
    sys.exit(f"check-msrv: README.md does not say \"Rust {declared} or newer\"")
print(f"check-msrv: rust-version {declared} is what the locked dependencies need ({by})")
'
