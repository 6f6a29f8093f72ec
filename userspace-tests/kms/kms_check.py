#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kms_check: host-side checks of one guest run of userspace-tests/kms.

  kms_check.py DIR

DIR is tools/omega-vm's --out directory: payload.log (the guest's output),
NAME.ppm screendumps, qemu-trace.log (QEMU's virtio_gpu_update_cursor trace)
and vnc.jsonl (rfb_helper.py's log).  Prints PASS:/FAIL:/INFO: lines; exit
status 1 if anything failed.

Guest lines it checks:
  EXPECT-RECT: dump=NAME rect=X,Y,W,H colour=RRGGBB   every pixel has it
  EXPECT-SIZE: dump=NAME size=WxH                      the dump's size
  EXPECT-TEXT: dump=NAME rect=X,Y,W,H                  console text there
  CURSOR: step=S op=update|move scanout=N x=X y=Y hot=HX,HY argb=AARRGGBB

Cursor position convention (DRM's, see "hotspot properties" in
drivers/gpu/drm/drm_plane.c; qxl and vmwgfx do this): CRTC_X/Y (the legacy
MoveCursor x, y) is the top-left of the cursor image and the pointer is at
plane position + hotspot.  QEMU's cursor position is the pointer: its UIs
draw the image with the hotspot there.  So QEMU must receive
(x + hot_x, y + hot_y), and the image lands at (x, y).
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
import omega_ppm  # noqa: E402

failed = False


def result(ok, name, why=""):
    global failed
    if ok:
        print("PASS: %s" % name)
    else:
        failed = True
        print("FAIL: %s %s" % (name, why))


def fields(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


def load(directory, dump, cache):
    if dump not in cache:
        path = os.path.join(directory, dump + ".ppm")
        cache[dump] = omega_ppm.read_ppm(path) if os.path.exists(path) else None
    return cache[dump]


def rgb(hexstr):
    v = int(hexstr, 16)
    return ((v >> 16) & 255, (v >> 8) & 255, v & 255)


def check_screens(directory, lines):
    cache = {}
    per_dump = {}
    for line in lines:
        m = re.match(r"EXPECT-(RECT|SIZE): (.*)", line)
        if m:
            f = fields(m.group(2))
            per_dump.setdefault(f["dump"], []).append((m.group(1), f))
    for dump, wants in per_dump.items():
        img = load(directory, dump, cache)
        name = "screen.%s" % dump
        if img is None:
            result(False, name, "no %s.ppm" % dump)
            continue
        why = ""
        for kind, f in wants:
            if kind == "SIZE":
                size = "%dx%d" % (img[0], img[1])
                if size != f["size"]:
                    why = "size %s, want %s" % (size, f["size"])
                    break
                continue
            x, y, w, h = (int(v) for v in f["rect"].split(","))
            want = rgb(f["colour"])
            n = omega_ppm.count_color(img, want, (x, y, w, h))
            if n != w * h:
                seen = omega_ppm.colors_in_rect(img, (x, y, w, h))
                top = sorted(seen.items(), key=lambda kv: -kv[1])[:3]
                why = "rect %s: %d of %d pixels are #%s; seen %s" % (
                    f["rect"], n, w * h, f["colour"], top)
                break
        result(not why, name, why)


def check_text(directory, lines):
    for line in lines:
        m = re.match(r"EXPECT-TEXT: (.*)", line)
        if not m:
            continue
        f = fields(m.group(1))
        name = "fbdev.text"
        img = load(directory, f["dump"], {})
        if img is None:
            result(False, name, "no %s.ppm" % f["dump"])
            continue
        x, y, w, h = (int(v) for v in f["rect"].split(","))
        colours = omega_ppm.colors_in_rect(img, (x, y, w, h))
        bright = sum(n for c, n in colours.items() if max(c) >= 128)
        dark = sum(n for c, n in colours.items() if max(c) <= 40)
        total = w * h
        print("INFO: fbdev text area %s: %d bright, %d dark of %d pixels, %d colours"
              % (f["rect"], bright, dark, total, len(colours)))
        ok = bright >= 500 and dark >= total // 2 and bright <= total // 3
        result(ok, name, "want >= 500 bright pixels on a mostly black area: %d bright, %d dark"
               % (bright, dark))


def read_trace(directory):
    path = os.path.join(directory, "qemu-trace.log")
    events = []
    if not os.path.exists(path):
        return None
    pat = re.compile(r"virtio_gpu_update_cursor scanout (\d+), x (-?\d+), y (-?\d+), "
                     r"(\w+), res (0x[0-9a-f]+|\d+)")
    with open(path, errors="replace") as f:
        for line in f:
            m = pat.search(line)
            if m:
                events.append((int(m.group(1)), int(m.group(2)), int(m.group(3)),
                               m.group(4), int(m.group(5), 0)))
    return events


def read_vnc(directory):
    path = os.path.join(directory, "vnc.jsonl")
    if not os.path.exists(path):
        return None
    out = []
    with open(path) as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


def check_cursor(directory, lines):
    steps = [fields(line[len("CURSOR: "):]) for line in lines if line.startswith("CURSOR: ")]
    if not steps:
        return
    trace = read_trace(directory)
    vnc = read_vnc(directory)
    tpos = 0
    for s in steps:
        x, y = int(s["x"]), int(s["y"])
        hx, hy = (int(v) for v in s["hot"].split(","))
        want = (int(s["scanout"]), x + hx, y + hy, s["op"])
        name = "cursor.%s_host_position" % s["step"]
        if trace is None:
            result(False, name, "no qemu-trace.log")
        else:
            hit = None
            for i in range(tpos, len(trace)):
                if trace[i][:4] == want and (s["op"] == "move" or trace[i][4]):
                    hit = i
                    break
            if hit is not None:
                tpos = hit + 1
                result(True, name)
            else:
                plain = (int(s["scanout"]), x, y, s["op"])
                seen = [i for i in range(tpos, len(trace)) if trace[i][:4] == plain]
                if seen:
                    tpos = seen[0] + 1
                    why = ("QEMU got %s at %d,%d, the plane position without the hotspot: "
                           "its UIs draw the image at %d,%d instead of %d,%d"
                           % (s["op"], x, y, x - hx, y - hy, x, y))
                else:
                    why = "QEMU got no %s at %d,%d nor at %d,%d" % (s["op"], x + hx, y + hy, x, y)
                result(False, name, "want pointer %d,%d (plane %d,%d + hotspot %d,%d); %s"
                       % (x + hx, y + hy, x, y, hx, hy, why))
        if s["op"] != "update":
            continue
        name = "cursor.%s_host_image_hotspot" % s["step"]
        if vnc is None:
            result(False, name, "no vnc.jsonl")
            continue
        argb = s["argb"].lower()
        defs = [e for e in vnc if e.get("ev") == "cursor" and e["w"] == 64 and e["h"] == 64
                and e["colours"].get(argb) == 64 * 64]
        good = [e for e in defs if (e["hot_x"], e["hot_y"]) == (hx, hy)]
        if good:
            result(True, name)
        else:
            result(False, name, "VNC saw no 64x64 #%s cursor with hotspot %d,%d (saw %s)"
                   % (argb, hx, hy, [(e["hot_x"], e["hot_y"]) for e in defs]))
    # Does QEMU's screendump contain the cursor at all?  (7.2: no.)
    img = load(directory, "cursor-legacy", {})
    if img is not None and steps:
        c = rgb(steps[0]["argb"][2:])
        n = omega_ppm.count_color(img, c)
        print("INFO: cursor-legacy.ppm has %d pixels of the cursor colour: QEMU's screendump %s the cursor"
              % (n, "composites" if n else "does not composite"))


def check_resize(directory, lines):
    sizes = [re.match(r"EXPECT-SIZE: dump=(hotplug-\S+) size=(\d+)x(\d+)", l) for l in lines]
    sizes = [m for m in sizes if m]
    if not sizes:
        return
    vnc = read_vnc(directory) or []
    w, h = int(sizes[0].group(2)), int(sizes[0].group(3))
    sent = [e for e in vnc if e.get("ev") == "resize-sent" and (e["w"], e["h"]) == (w, h)]
    ds = [e for e in vnc if e.get("ev") == "desktop-size" and (e["w"], e["h"]) == (w, h)]
    result(bool(sent) and bool(ds), "hotplug.vnc_desktop_size",
           "SetDesktopSize sent: %s; VNC desktop became %dx%d: %s" % (bool(sent), w, h, bool(ds)))


def main():
    if len(sys.argv) != 2:
        print("usage: kms_check.py DIR", file=sys.stderr)
        return 2
    directory = sys.argv[1]
    try:
        with open(os.path.join(directory, "payload.log"), errors="replace") as f:
            lines = [l.rstrip("\r\n") for l in f]
    except OSError as e:
        print("FAIL: host.payload_log %s" % e)
        return 1
    check_screens(directory, lines)
    check_text(directory, lines)
    check_cursor(directory, lines)
    check_resize(directory, lines)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
