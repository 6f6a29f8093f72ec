#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that a screendump shows fillpattern's four quadrants exactly.

  check_quadrants.py IMAGE.ppm [WIDTH HEIGHT]

Every pixel of each quadrant must have the expected colour; prints a
per-quadrant report and exits 0 only if all four match.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import omega_ppm  # noqa: E402

QUADRANTS = (
    ("top-left", (255, 0, 0), 0, 0),
    ("top-right", (0, 255, 0), 1, 0),
    ("bottom-left", (0, 0, 255), 0, 1),
    ("bottom-right", (255, 255, 255), 1, 1),
)


def check(img, want_w=None, want_h=None):
    w, h, _ = img
    ok = True
    if want_w is not None and (w, h) != (want_w, want_h):
        print("size %dx%d, expected %dx%d" % (w, h, want_w, want_h))
        ok = False
    hw, hh = w // 2, h // 2
    for name, rgb, qx, qy in QUADRANTS:
        rect = (qx * hw, qy * hh, (w - hw) if qx else hw, (h - hh) if qy else hh)
        total = rect[2] * rect[3]
        got = omega_ppm.count_color(img, rgb, rect)
        if got != total or total == 0:
            hist = sorted(omega_ppm.colors_in_rect(img, rect).items(), key=lambda kv: -kv[1])
            print("%s: %d of %d pixels are #%02x%02x%02x; most common: %s" % (
                name, got, total, rgb[0], rgb[1], rgb[2],
                ", ".join("#%02x%02x%02x x%d" % (c + (n,)) for c, n in hist[:3])))
            ok = False
        else:
            print("%s: all %d pixels #%02x%02x%02x" % (name, total, *rgb))
    return ok


def main(argv):
    if len(argv) not in (2, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    img = omega_ppm.read_ppm(argv[1])
    if len(argv) == 4:
        return 0 if check(img, int(argv[2]), int(argv[3])) else 1
    return 0 if check(img) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
