#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check_cube.py PPM: the screendump shows kmscube's cube.

kmscube draws a shaded, multi-coloured cube centred on a uniform (grey)
background: the centre square holds many colours, a corner one colour.
Prints "ok: ..." or "bad: ..." as the last line; exit status 0 or 1.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
import omega_ppm  # noqa: E402


def main(path):
    img = omega_ppm.read_ppm(path)
    w, h, _ = img
    side = min(w, h) // 3
    centre = omega_ppm.colors_in_rect(img, (w // 2 - side // 2, h // 2 - side // 2, side, side))
    lit = sum(n for rgb, n in centre.items() if max(rgb) > 40)
    corner = omega_ppm.colors_in_rect(img, (0, 0, 32, 32))
    bg = max(corner.values())
    if len(centre) < 50 or lit < side * side // 4:
        print("bad: centre has %d colours, %d lit pixels of %d" % (len(centre), lit, side * side))
        return 1
    if bg < 32 * 32 * 9 // 10:
        print("bad: corner not a uniform background (%d of 1024 alike)" % bg)
        return 1
    print("ok: %dx%d, centre %d colours, %d lit pixels" % (w, h, len(centre), lit))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
