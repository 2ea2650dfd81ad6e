#!/usr/bin/env python3
"""Summarises the logs of a long power-cut run (bench/powercut/run.sh or
tests/powercut/powercut.py --long N) as the table in docs/powercut.md.

    bench/powercut/summarize.py LOG...
"""
import re
import sys
from collections import defaultdict

LINE = re.compile(r"^(\S+)\s.*?\s(ok  |FAIL)\s+kept\s+([0-9.]+) of\s+([0-9.]+) s")


def main(paths):
    rows = defaultdict(lambda: {"cuts": 0, "failed": 0, "worst": 0.0, "kept": 0.0, "ref": 0.0})
    failures = []
    for path in paths:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            m = LINE.match(line)
            if not m:
                continue
            name, verdict, kept, ref = m.group(1), m.group(2).strip(), float(m.group(3)), float(m.group(4))
            config = name.split("/")[0]
            rest = name.split("/", 1)[1] if "/" in name else ""
            kind = "real time" if rest.startswith("realtime") else "recovery" if config.startswith("recover") else "operation"
            mode = "cache" if "cache" in rest else "strict"
            for key in ((config, kind, mode), ("all", "", "")):
                r = rows[key]
                r["cuts"] += 1
                r["kept"] += kept
                r["ref"] += ref
                if verdict == "FAIL":
                    r["failed"] += 1
                else:
                    r["worst"] = max(r["worst"], ref - kept)
            if verdict == "FAIL":
                detail = lines[i + 1].strip() if i + 1 < len(lines) else ""
                failures.append("%s: %s" % (name, detail))
    print("| recording | cut | disk model | cuts | failed | worst loss (s) | kept / SIGKILL keeps |")
    print("|---|---|---|---:|---:|---:|---:|")
    for key in sorted(k for k in rows if k[0] != "all"):
        r = rows[key]
        print("| %s | %s | %s | %d | %d | %.3f | %.1f / %.1f s |" % (key + (r["cuts"], r["failed"], r["worst"], r["kept"], r["ref"])))
    a = rows[("all", "", "")]
    print("| **all** | | | **%d** | **%d** | %.3f | %.1f / %.1f s |" % (a["cuts"], a["failed"], a["worst"], a["kept"], a["ref"]))
    for f in failures:
        print("- FAIL " + f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
