#!/usr/bin/env python3
"""Merges a Python dict of key: (ru, kk) into assets/i18n/{ru,kk}.json (sorted, one key a line).
Used while writing translations; the JSON files are the data the program reads."""
import json, sys, runpy
path = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else ""
ns = runpy.run_path(path)
pairs = {}
for name in ("T", "FIELDS"):
    for k, v in ns.get(name, {}).items():
        pairs[("field." if name == "FIELDS" else "") + k] = v
for i, lang in enumerate(("ru", "kk")):
    f = f"assets/i18n/{prefix}{lang}.json"
    try:
        cur = json.load(open(f, encoding="utf-8"))
    except FileNotFoundError:
        cur = {}
    for k, v in pairs.items():
        cur[k] = v[i]
    with open(f, "w", encoding="utf-8") as out:
        json.dump(dict(sorted(cur.items())), out, ensure_ascii=False, indent=1)
        out.write("\n")
print(len(pairs), "keys")
