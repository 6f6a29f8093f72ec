#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side checks of one reliability guest run (userspace-tests/reliability).

  rel_check.py OUT_DIR SECTION...

For every section the payload ran: PASS/FAIL <prefix>.log_clean, FAIL when
the console log holds a kernel splat (tools/omega-vm's patterns) between
that section's "=== section NAME" marker and the next.  For every
"EXPECT-SAME: A B" line of the payload: the two screendumps must be
byte-identical.  Prints PASS:/FAIL: lines; exit status 1 on any FAIL.
"""

import importlib.machinery
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VM = os.path.join(HERE, "..", "..", "tools", "omega-vm")


def load_harness():
    loader = importlib.machinery.SourceFileLoader("omega_vm", VM)
    spec = importlib.util.spec_from_loader("omega_vm", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main(argv):
    out, sections = argv[1], argv[2:]
    harness = load_harness()
    with open(os.path.join(out, "console.log"), errors="replace") as f:
        console = f.read().splitlines()
    failed = False

    current = "boot"
    seen = {"boot"}
    splats = {}
    for line in console:
        m = re.search(r"^=== section (\S+)", line.strip())
        if m:
            current = m.group(1)
            seen.add(current)
            continue
        if harness.find_splats(line):
            splats.setdefault(current, []).append(line.strip())
    for name in ["boot"] + sections + ["end"]:
        if name not in seen:
            print("FAIL: %s.ran the payload never reached this section" % name)
            failed = True
        elif name in splats:
            print("FAIL: %s.log_clean %d splat line(s), first: %s" %
                  (name, len(splats[name]), splats[name][0]))
            failed = True
        else:
            print("PASS: %s.log_clean" % name)

    try:
        with open(os.path.join(out, "payload.log"), errors="replace") as f:
            payload = f.read().splitlines()
    except OSError:
        payload = []
    for line in payload:
        m = re.match(r"EXPECT-SAME: (\S+) (\S+)", line)
        if not m:
            continue
        a, b = (os.path.join(out, n + ".ppm") for n in m.groups())
        name = "screendump.%s_%s" % m.groups()
        if not (os.path.exists(a) and os.path.exists(b)):
            print("FAIL: %s screendump missing" % name)
            failed = True
            continue
        with open(a, "rb") as fa, open(b, "rb") as fb:
            da, db = fa.read(), fb.read()
        if da == db:
            print("PASS: %s identical (%d bytes)" % (name, len(da)))
        else:
            diff = sum(1 for x, y in zip(da, db) if x != y)
            print("FAIL: %s differ in %d bytes" % (name, diff))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
