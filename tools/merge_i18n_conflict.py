#!/usr/bin/env python3
"""Resolves a git merge conflict in assets/i18n/*.json, three ways: starting from the merge
base, each key takes the value of the side that changed it (on a key both changed, the
incoming side wins; a key one side removed stays removed), written sorted."""
import json, subprocess, sys
for f in sys.argv[1:]:
    def side(n):
        out = subprocess.run(["git", "show", f":{n}:{f}"], capture_output=True)
        return json.loads(out.stdout) if out.returncode == 0 else {}
    base, ours, theirs = side(1), side(2), side(3)
    merged = {}
    for key in sorted(set(base) | set(ours) | set(theirs)):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        value = t if t != b else o
        if value is not None:
            merged[key] = value
    with open(f, "w", encoding="utf-8") as out:
        json.dump(merged, out, ensure_ascii=False, indent=1)
        out.write("\n")
    subprocess.run(["git", "add", f], check=True)
    print(f, len(merged), "keys")
