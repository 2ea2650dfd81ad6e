#!/usr/bin/env python3
"""The folder tree is the map: every file in a core room includes only its own
room and the rooms below it (core/CMakeLists.txt links them in that order),
core never includes a front end (app/, ui/), and every source file of core,
ui/ and app/ is listed in its CMakeLists.txt (no GLOB: a file left out would silently not be
built, or be built only by accident through a test).

    tests/scripts/tst_layers.py SOURCE_DIR
"""
import os
import re
import sys

# room -> rooms it may include (besides itself). writer/ and mp4/ are one
# target (the MP4 writer implements writer/'s interface, and the factory in
# writer/ makes MP4 writers).
ALLOWED = {
    "base": {"io"},
    "io": {"base"},
    "parsers": {"base", "io"},
    "writer": {"base", "io", "mp4"},
    "mp4": {"base", "io", "writer"},
    "source": {"base", "io"},
    "record": {"base", "io", "source", "writer", "mp4"},
    "recovery": {"base", "io", "parsers", "writer", "mp4"},
    "app": {"base", "io", "parsers", "writer", "mp4", "source", "record", "recovery"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(root):
    core = os.path.join(root, "core")
    problems = []
    listed = open(os.path.join(core, "CMakeLists.txt")).read()
    if re.search(r"file\s*\(\s*GLOB", listed, re.I):
        problems.append("core/CMakeLists.txt uses GLOB: list the sources")
    for dirpath, _, names in os.walk(core):
        rel = os.path.relpath(dirpath, core)
        for name in sorted(names):
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.join(rel, name) if rel != "." else name
            if rel == ".":
                problems.append("core/%s is in no room: put it in one of %s" % (path, ", ".join(sorted(ALLOWED))))
                continue
            own = rel.split(os.sep)[0]
            if own not in ALLOWED:
                problems.append("core/%s: unknown room %s (add it to core/CMakeLists.txt and this test)" % (path, own))
                continue
            if not re.search(r"(^|\s)%s(\s|$)" % re.escape(path.replace(os.sep, "/")), listed):
                problems.append("core/%s is not listed in core/CMakeLists.txt" % path)
            text = open(os.path.join(dirpath, name), encoding="utf-8").read()
            for inc in INCLUDE.findall(text):
                parts = inc.split("/")
                if parts[0] in ("app", "ui"):
                    problems.append("core/%s includes the front end %s" % (path, inc))
                elif parts[0] == "core" and len(parts) > 2:
                    target = parts[1]
                    if target != own and target not in ALLOWED[own]:
                        problems.append("core/%s (room %s) includes %s: %s may use only %s" % (
                            path, own, inc, own, ", ".join(sorted(ALLOWED[own] | {own}))))
                elif parts[0] == "core":
                    problems.append("core/%s includes %s, which is in no room" % (path, inc))
    # The front ends list their sources by name too.
    for front in ("ui", "app"):
        base = os.path.join(root, front)
        cmake = open(os.path.join(base, "CMakeLists.txt")).read()
        if re.search(r"file\s*\(\s*GLOB", cmake, re.I):
            problems.append("%s/CMakeLists.txt uses GLOB: list the sources" % front)
        for dirpath, _, names in os.walk(base):
            for name in sorted(names):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), base).replace(os.sep, "/")
                if not re.search(r"(^|\s)%s(\s|\)|$)" % re.escape(path), cmake):
                    problems.append("%s/%s is not listed in %s/CMakeLists.txt" % (front, path, front))
    for p in problems:
        print("tst_layers: " + p)
    print("tst_layers: %d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")))
