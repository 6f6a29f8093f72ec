#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host pixel check of the ARL test's screendump (arl-present.ppm).

  check_arl.py FILE.ppm

What arl_test draws, in screen coordinates: the background 202020
everywhere outside the viewport (200,150 400x300); inside, four quadrants
ff0000 00ff00 / 0000ff ffffff, with a ffff00 square at (250,200) 100x100
presented through the render node.  Every pixel of the image is compared.
Prints one line, "ok: ..." or "bad: ...", exits 0 only when ok.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
from omega_ppm import read_ppm  # noqa: E402

BG = (0x20, 0x20, 0x20)
VP = (200, 150, 400, 300)
QUAD = [(0xff, 0, 0), (0, 0xff, 0), (0, 0, 0xff), (0xff, 0xff, 0xff)]
SQ = (250, 200, 100, 100)
YELLOW = (0xff, 0xff, 0)


def inside(x, y, r):
    return r[0] <= x < r[0] + r[2] and r[1] <= y < r[1] + r[3]


def expected(x, y):
    if not inside(x, y, VP):
        return BG
    if inside(x, y, SQ):
        return YELLOW
    q = (2 if y - VP[1] >= VP[3] // 2 else 0) + \
        (1 if x - VP[0] >= VP[2] // 2 else 0)
    return QUAD[q]


def main():
    width, height, data = read_ppm(sys.argv[1])
    bad = 0
    first = None
    for y in range(height):
        for x in range(width):
            i = (y * width + x) * 3
            got = tuple(data[i:i + 3])
            want = expected(x, y)
            if got != want:
                bad += 1
                if first is None:
                    first = (x, y, got, want)
    if bad:
        x, y, got, want = first
        print("bad: %d of %dx%d pixels wrong, first (%d,%d) %02x%02x%02x want %02x%02x%02x"
              % ((bad, width, height, x, y) + got + want))
        return 1
    print("ok: %dx%d, viewport exact, outside untouched" % (width, height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
