#!/usr/bin/env python3
"""Resolves a git merge conflict in assets/i18n/*.json: the union of both sides' keys
(on a key both changed, the incoming side wins), written sorted."""
import json, subprocess, sys
for f in sys.argv[1:]:
    side = lambda n: json.loads(subprocess.run(["git", "show", f":{n}:{f}"], capture_output=True, check=True).stdout)
    merged = side(2)
    merged.update(side(3))
    with open(f, "w", encoding="utf-8") as out:
        json.dump(dict(sorted(merged.items())), out, ensure_ascii=False, indent=1)
        out.write("\n")
    subprocess.run(["git", "add", f], check=True)
    print(f, len(merged), "keys")
