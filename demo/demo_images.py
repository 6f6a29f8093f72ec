#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""demo_images: host-side image work of `make demo` (python3 standard library only).

  demo_images.py compose DIR           cursor-raw-N.ppm + VNC cursor -> cursor-N.png
  demo_images.py contact DIR OUT.png NAME...   contact sheet of DIR/NAME.ppm frames
  demo_images.py check DIR --xres W --yres H --outputs N [--kmscube]

compose: QEMU's screendump leaves the virtio-gpu cursor out (QEMU keeps it
apart for its display frontends; its VNC server does not draw it into the
framebuffer either, even for a client without cursor encodings).  So the
cursor image and hotspot come from what QEMU's VNC server sent
(DIR/vnc-cursor.jsonl, demo/vnc_client.py), and its position from the guest
program's "CURSOR:" lines (DIR/payload-modetest.log), cross-checked with QEMU's
virtio_gpu_update_cursor trace (DIR/qemu-trace.log): the image is blended at
pointer - hotspot onto each raw screendump.

check: prints PASS:/FAIL: lines about the screenshots and exits 1 if one
failed:
  modetest        SMPTE bar colours at the centres of modetest's bars (head 0)
  modetest-N      head N shows a different picture than head 0, many colours
  cursor-N        the arrow's fill colour sits at the pointer, nowhere else,
                  and the picture under it is still modetest's pattern
  kmscube         frames have many colours, and consecutive frames differ;
                  kmscube reported a frame rate
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import omega_ppm  # noqa: E402

# modetest's SMPTE pattern (libdrm tests/util/pattern.c), RGB.
SMPTE_TOP = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0),
             (192, 0, 192), (192, 0, 0), (0, 0, 192)]
SMPTE_MIDDLE = [(0, 0, 192), (19, 19, 19), (192, 0, 192), (19, 19, 19),
                (0, 192, 192), (19, 19, 19), (192, 192, 192)]
SMPTE_BOTTOM = [(0, 33, 76), (255, 255, 255), (50, 0, 106), (19, 19, 19)]

# omega_demo_cursor's arrow.
ARROW_FILL = (255, 128, 0)
ARROW_OUTLINE = (0, 0, 0)

CURSOR_RE = re.compile(r"CURSOR: shot=(\d+) name=(\S+) plane=(-?\d+),(-?\d+) "
                       r"hot=(\d+),(\d+) pointer=(-?\d+),(-?\d+) size=(\d+)x(\d+)")
TRACE_RE = re.compile(r"virtio_gpu_update_cursor scanout (\d+), x (-?\d+), y (-?\d+), "
                      r"(\w+), res (0x[0-9a-f]+|\d+)")
FPS_RE = re.compile(r"Rendered (\d+) frames in ([0-9.]+) sec \(([0-9.]+) fps\)")


def load(path):
    return omega_ppm.read_ppm(path) if path.endswith(".ppm") else omega_ppm.read_png(path)


def smpte_points(w, h, span=1):
    """(name, x, y, rgb) of the bar centres of modetest's SMPTE pattern on a
    head w pixels wide, the pattern spanning `span` such heads side by side
    (modetest draws one framebuffer for all the heads it sets)."""
    if span > 1:
        return [p for p in smpte_points(w * span, h) if p[1] < w]
    pts = []
    for i, rgb in enumerate(SMPTE_TOP):
        pts.append(("top bar %d" % i, (2 * i + 1) * w // 14, h // 3, rgb))
    for i, rgb in enumerate(SMPTE_MIDDLE):
        pts.append(("middle bar %d" % i, (2 * i + 1) * w // 14, h * 13 // 18, rgb))
    for i, rgb in enumerate(SMPTE_BOTTOM):
        pts.append(("bottom bar %d" % i, (2 * i + 1) * w * 5 // 56, h * 8 // 9, rgb))
    return pts


def smpte_mismatches(img, span=1):
    w, h, _ = img
    bad = []
    for name, x, y, rgb in smpte_points(w, h, span):
        got = omega_ppm.pixel(img, x, y)
        if got != rgb:
            bad.append("%s at (%d,%d) is %02x%02x%02x, want %02x%02x%02x" %
                       ((name, x, y) + got + rgb))
    return bad


def distinct_colours(img):
    data = img[2]
    return len({data[i:i + 3] for i in range(0, len(data), 3)})


# ---------------------------------------------------------------- compose

def payload_log(out, step):
    """The payload output of a step's guest (payload-STEP.log, else payload.log)."""
    for name in ("payload-%s.log" % step, "payload.log"):
        path = os.path.join(out, name)
        if os.path.exists(path):
            return path
    return None


def cursor_lines(out):
    path = payload_log(out, "modetest")
    if path is None:
        return []
    with open(path, errors="replace") as f:
        return [m.groups() for m in map(CURSOR_RE.search, f) if m]


def vnc_cursors(out):
    """Cursor images QEMU's VNC server sent, in order, with their pixels."""
    found = []
    path = os.path.join(out, "vnc-cursor.jsonl")
    if not os.path.exists(path):
        return found
    with open(path) as f:
        for line in f:
            c = json.loads(line)
            c["pixels"] = [int(c["argb"][i:i + 8], 16) for i in range(0, len(c["argb"]), 8)]
            found.append(c)
    return found


def cursor_at(cursors, when):
    """The cursor QEMU had defined at host time `when` (None if none yet).

    Hiding the cursor makes QEMU define it once more, with hotspot 0,0, so
    the last definition of a run is not necessarily the one a shot showed."""
    current = None
    for c in cursors:
        if c["t"] <= when:
            current = c
    return current


def trace_pointers(out):
    path = os.path.join(out, "qemu-trace.log")
    if not os.path.exists(path):
        return []
    with open(path, errors="replace") as f:
        return [(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                for m in map(TRACE_RE.search, f) if m]


def blend(img, cur, left, top):
    """Alpha-blend cursor cur (dict from vnc_cursor) onto img at (left, top)."""
    w, h, data = img
    data = bytearray(data)
    for cy in range(cur["h"]):
        for cx in range(cur["w"]):
            v = cur["pixels"][cy * cur["w"] + cx]
            a = v >> 24
            x, y = left + cx, top + cy
            if not a or not (0 <= x < w and 0 <= y < h):
                continue
            i = (y * w + x) * 3
            for k, shift in enumerate((16, 8, 0)):
                c = v >> shift & 0xff
                data[i + k] = (c * a + data[i + k] * (255 - a)) // 255
    return w, h, bytes(data)


def compose(out):
    """Write cursor-N.png for every CURSOR: line; return result lines."""
    results = []
    shots = cursor_lines(out)
    cursors = vnc_cursors(out)
    pointers = trace_pointers(out)
    if not shots:
        return ["FAIL: cursor.shots the cursor program printed no CURSOR: line"]
    for shot, name, _, _, hx, hy, px, py, _, _ in shots:
        hx, hy, px, py = int(hx), int(hy), int(px), int(py)
        tag = "cursor-%s" % shot
        raw = os.path.join(out, name + ".ppm")
        if not os.path.exists(raw):
            results.append("FAIL: %s.screendump %s missing" % (tag, raw))
            continue
        cur = cursor_at(cursors, os.path.getmtime(raw))
        if cur is None or not any(v >> 24 for v in cur["pixels"]):
            results.append("FAIL: %s.vnc QEMU's VNC server had sent no visible cursor"
                           " image when the screendump was taken" % tag)
            continue
        if (cur["hot_x"], cur["hot_y"]) != (hx, hy):
            results.append("FAIL: %s.hotspot VNC says %d,%d, the program set %d,%d" %
                           (tag, cur["hot_x"], cur["hot_y"], hx, hy))
        else:
            results.append("PASS: %s.vnc %dx%d cursor image, hotspot %d,%d" %
                           (tag, cur["w"], cur["h"], hx, hy))
        if (0, px, py) not in pointers:
            results.append("FAIL: %s.device QEMU never got pointer %d,%d on scanout 0"
                           " (qemu-trace.log)" % (tag, px, py))
        else:
            results.append("PASS: %s.device QEMU got pointer %d,%d" % (tag, px, py))
        img = blend(omega_ppm.read_ppm(raw), cur, px - cur["hot_x"], py - cur["hot_y"])
        omega_ppm.write_png(os.path.join(out, tag + ".png"), *img)
    return results


# ---------------------------------------------------------------- contact sheet

def contact_sheet(out, dest, names, cols=3, scale=4, gap=4):
    frames = [omega_ppm.read_ppm(os.path.join(out, n + ".ppm")) for n in names]
    fw, fh = frames[0][0] // scale, frames[0][1] // scale
    rows = (len(frames) + cols - 1) // cols
    sw, sh = cols * fw + (cols + 1) * gap, rows * fh + (rows + 1) * gap
    sheet = bytearray(bytes((40, 40, 40)) * (sw * sh))
    for n, (w, _, data) in enumerate(frames):
        x0 = gap + (n % cols) * (fw + gap)
        y0 = gap + (n // cols) * (fh + gap)
        for y in range(fh):
            src = data[y * scale * w * 3:(y * scale * w + fw * scale) * 3]
            line = bytearray(fw * 3)
            for k in range(3):
                line[k::3] = src[k::3 * scale]
            at = ((y0 + y) * sw + x0) * 3
            sheet[at:at + fw * 3] = line
    omega_ppm.write_png(dest, sw, sh, bytes(sheet))
    return sw, sh


# ---------------------------------------------------------------- check

def check_modetest(out, w, h, outputs):
    res = []
    path = os.path.join(out, "modetest.png")
    if not os.path.exists(path):
        return ["FAIL: modetest.screenshot %s missing" % path]
    head0 = load(path)
    if head0[:2] != (w, h):
        res.append("FAIL: modetest.size %dx%d, want %dx%d" % (head0[0], head0[1], w, h))
        return res
    bad = smpte_mismatches(head0, outputs)
    res.append("FAIL: modetest.smpte " + "; ".join(bad[:3]) if bad else
               "PASS: modetest.smpte %d bar centres have modetest's SMPTE colours" %
               len(smpte_points(w, h, outputs)))
    for head in range(1, outputs):
        name = "modetest-%d" % head
        path = os.path.join(out, name + ".png")
        if not os.path.exists(path):
            res.append("FAIL: %s.screenshot %s missing" % (name, path))
            continue
        img = load(path)
        n = distinct_colours(img)
        if img[:2] != (w, h):
            res.append("FAIL: %s.size %dx%d, want %dx%d" % (name, img[0], img[1], w, h))
        elif img[2] == head0[2] or not smpte_mismatches(img):
            res.append("FAIL: %s.different head %d shows head 0's SMPTE picture" %
                       (name, head))
        elif n < 8:
            res.append("FAIL: %s.pattern only %d colours" % (name, n))
        else:
            res.append("PASS: %s.different another pattern than head 0, %d colours" %
                       (name, n))
    return res


def check_cursor(out, w, h):
    res = []
    shots = cursor_lines(out)
    if not shots:
        return ["FAIL: cursor.shots no CURSOR: line in payload.log"]
    base = os.path.join(out, "modetest.ppm")
    base = omega_ppm.read_ppm(base) if os.path.exists(base) else None
    seen = set()
    for shot, name, plx, ply, _, _, px, py, cw, ch in shots:
        tag = "cursor-%s" % shot
        path = os.path.join(out, tag + ".png")
        if not os.path.exists(path):
            res.append("FAIL: %s.screenshot %s missing" % (tag, path))
            continue
        img = load(path)
        rect = (int(plx), int(ply), int(cw), int(ch))
        inside = omega_ppm.count_color(img, ARROW_FILL, rect)
        outline = omega_ppm.count_color(img, ARROW_OUTLINE, rect)
        total = omega_ppm.count_color(img, ARROW_FILL)
        seen.add((px, py))
        if inside < 200 or outline < 50:
            res.append("FAIL: %s.arrow %d fill and %d outline pixels at pointer %s,%s" %
                       (tag, inside, outline, px, py))
        elif total != inside:
            res.append("FAIL: %s.arrow %d fill pixels outside the cursor's %dx%d at %s,%s" %
                       (tag, total - inside, rect[2], rect[3], plx, ply))
        else:
            res.append("PASS: %s.arrow %d fill pixels at pointer %s,%s" %
                       (tag, inside, px, py))
        raw = omega_ppm.read_ppm(os.path.join(out, name + ".ppm"))
        if base is not None and raw != base:
            res.append("FAIL: %s.pattern the screen under the cursor is no longer "
                       "modetest's picture" % tag)
        elif omega_ppm.count_color(raw, ARROW_FILL):
            res.append("FAIL: %s.pattern the raw screendump has arrow pixels "
                       "(QEMU drew the cursor?)" % tag)
        else:
            res.append("PASS: %s.pattern modetest's picture is intact under the cursor" % tag)
    if len(seen) < 2:
        res.append("FAIL: cursor.moves the pointer never moved")
    return res


def check_kmscube(out, w, h):
    res = []
    frames = sorted((n for n in os.listdir(out) if re.match(r"^kmscube-\d+\.ppm$", n)),
                    key=lambda n: int(n[8:-4]))
    if len(frames) < 2:
        return ["FAIL: kmscube.frames %d screenshots, want 2 or more" % len(frames)]
    prev = None
    for name in frames:
        img = omega_ppm.read_ppm(os.path.join(out, name))
        tag = name[:-4]
        n = distinct_colours(img)
        if img[:2] != (w, h):
            res.append("FAIL: %s.size %dx%d, want %dx%d" % (tag, img[0], img[1], w, h))
        elif n < 500:
            res.append("FAIL: %s.colours only %d distinct colours (no shaded cube)" %
                       (tag, n))
        elif prev is not None and img[2] == prev[2]:
            res.append("FAIL: %s.moves identical to the previous frame" % tag)
        else:
            res.append("PASS: %s.cube %d distinct colours%s" %
                       (tag, n, "" if prev is None else ", differs from the previous frame"))
        prev = img
    fps = kmscube_fps(out)
    res.append("PASS: kmscube.fps %s" % fps if fps else
               "FAIL: kmscube.fps kmscube printed no \"Rendered N frames\" line")
    return res


def kmscube_fps(out):
    path = payload_log(out, "kmscube")
    if path is None:
        return None
    last = None
    with open(path, errors="replace") as f:
        for m in map(FPS_RE.search, f):
            last = m or last
    # kmscube prints a running total every 2 s; the last line is the whole run.
    if last is None:
        return None
    return "%.1f fps (%s frames in %.1f s)" % (float(last.group(3)), last.group(1),
                                              float(last.group(2)))


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compose")
    c.add_argument("dir")
    c = sub.add_parser("contact")
    c.add_argument("dir")
    c.add_argument("dest")
    c.add_argument("names", nargs="+")
    c = sub.add_parser("fps")
    c.add_argument("dir")
    c = sub.add_parser("check")
    c.add_argument("dir")
    c.add_argument("--xres", type=int, required=True)
    c.add_argument("--yres", type=int, required=True)
    c.add_argument("--outputs", type=int, default=1)
    c.add_argument("--steps", default="modetest,cursor,kmscube")
    args = p.parse_args()

    if args.cmd == "compose":
        lines = compose(args.dir)
    elif args.cmd == "contact":
        w, h = contact_sheet(args.dir, args.dest, args.names)
        print("%s %dx%d" % (args.dest, w, h))
        return 0
    elif args.cmd == "fps":
        fps = kmscube_fps(args.dir)
        print(fps or "n/a")
        return 0 if fps else 1
    else:
        steps = args.steps.split(",")
        lines = []
        if "modetest" in steps:
            lines += check_modetest(args.dir, args.xres, args.yres, args.outputs)
        if "cursor" in steps:
            lines += check_cursor(args.dir, args.xres, args.yres)
        if "kmscube" in steps:
            lines += check_kmscube(args.dir, args.xres, args.yres)
    for line in lines:
        print(line)
    return 1 if any(line.startswith("FAIL:") for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
