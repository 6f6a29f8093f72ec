#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py RESULTS_DIR - summarise a bench/run.sh session.

Reads RESULTS_DIR/raw/<kernel>-<mode>-<driver>-<run>/ (payload.log from the
guest, copycount.log from the QEMU preload counter, trace.log from QEMU's
virtio_gpu_cmd_res_* trace events), adds the host-side metrics, reads the
kmscube-on-virgl runs from raw/<kernel>-<mode>-<driver>-<run>-gl/payload.log
(or why they were skipped from virgl.txt), and writes
  metrics.txt  every metric of every run, one line each:
               METRIC kernel=K mode=M driver=D run=N workload=W metric=X value=V unit=U
  summary.txt  min/median/max per driver and the ratio ours/theirs (also on stdout)
  results.md   the same as a Markdown table, with the target checks
  plot.png     ratio ours/theirs of the medians, one bar per metric
"""

import math
import os
import re
import statistics
import struct
import sys
import zlib

OURS, THEIRS = "omega", "virtio_gpu"
KV_RE = re.compile(r"(\w+)=(\S+)")
TRACE_RE = re.compile(r"^\d+@(\d+)\.(\d+):(virtio_gpu_cmd_\w+) (.*)$")
MARK_W, MARK_H0, MARK_VIS = 1024, 64, 100

# Metrics shown in the summary, in order: (workload, metric, higher is better)
SHOWN = [
    ("flip_atomic", "rate", True), ("flip_atomic", "lat_p99", False),
    ("flip_atomic", "cpu_per_update", False),
    ("flip_async", "rate", True), ("flip_async", "lat_p99", False),
    ("flip_async", "cpu_per_update", False),
    ("flip_draw", "rate", True), ("flip_draw", "lat_p50", False),
    ("flip_draw", "lat_p99", False), ("flip_draw", "cpu_per_update", False),
    ("flip_draw_async", "rate", True), ("flip_draw_async", "lat_p50", False),
    ("flip_draw_async", "lat_p99", False), ("flip_draw_async", "cpu_per_update", False),
    ("damage_atomic_1x64", "rate", True), ("damage_atomic_1x64", "host_bytes_ratio", False),
    ("damage_atomic_1x64", "cpu_per_update", False),
    ("damage_atomic_16x32", "rate", True), ("damage_atomic_16x32", "host_bytes_ratio", False),
    ("damage_atomic_16x32", "cpu_per_update", False),
    ("dirtyfb_1x64", "rate", True), ("dirtyfb_1x64", "host_bytes_ratio", False),
    ("dirtyfb_1x64", "cpu_per_update", False),
    ("dirtyfb_16x32", "rate", True), ("dirtyfb_16x32", "host_bytes_per_update", False),
    ("dirtyfb_16x32", "host_bytes_ratio", False), ("dirtyfb_16x32", "cpu_per_update", False),
    ("cursor_move", "rate", True), ("cursor_move", "cpu_per_update", False),
    ("cursor_image", "rate", True), ("cursor_image", "cpu_per_update", False),
    ("commit_blocking", "rate", True), ("commit_blocking", "lat_p99", False),
    ("commit_blocking", "cpu_per_update", False),
    ("paced", "event_rate", None), ("paced", "rate_vs_refresh", None),
    ("paced", "missed_frames", False), ("paced", "spacing_dev_p99", False),
    ("paced", "cpu_per_update", False),
    ("visible", "host_visible_p50", False), ("visible", "host_visible_p99", False),
    ("kmscube_virgl", "fps", True), ("kmscube_virgl", "cpu_per_frame", False),
    ("kmscube_virgl_unpaced", "fps", True), ("kmscube_virgl_unpaced", "cpu_per_frame", False),
]
# Linux's driver has no vblank to pace flip events with: omega_vgpu's
# unpaced kmscube run is compared with its only (plain) run.
THEIRS_AS = {"kmscube_virgl_unpaced": "kmscube_virgl"}
VIRGL_TARGET = 0.9


def parse_guest(path):
    metrics, phases, vis = [], [], []
    if not os.path.exists(path):
        return metrics, phases, vis
    with open(path, errors="replace") as f:
        for line in f:
            words = line.split()
            if not words or words[0] not in ("METRIC", "PHASE", "VIS"):
                continue
            kv = dict(KV_RE.findall(line))
            if words[0] == "METRIC":
                metrics.append(kv)
            elif words[0] == "PHASE":
                phases.append(kv)
            else:
                vis.append(kv)
    return metrics, phases, vis


def parse_copycount(path):
    marks = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                w = line.split()
                if len(w) == 5 and w[0] == "MARK":
                    marks[int(w[1])] = (int(w[2]), int(w[3]))
    return marks


def parse_trace(path):
    """Per marker code: host time (us) of the marker, and counters of the
    commands seen since the trace began."""
    marks, flushes = {}, []
    xfers = nflush = flush_bytes = 0
    if not os.path.exists(path):
        return marks, flushes
    with open(path, errors="replace") as f:
        for line in f:
            m = TRACE_RE.match(line.strip())
            if not m:
                continue
            t_us = int(m.group(1)) * 1000000 + int(m.group(2))
            ev, rest = m.group(3), m.group(4)
            kv = dict(re.findall(r"(\w+) (0x[0-9a-f]+|-?\d+)", rest))
            if ev == "virtio_gpu_cmd_res_xfer_toh_2d":
                xfers += 1
            elif ev == "virtio_gpu_cmd_res_flush":
                nflush += 1
                flush_bytes += 4 * int(kv.get("w", 0)) * int(kv.get("h", 0))
                flushes.append(t_us)
            elif ev == "virtio_gpu_cmd_res_create_2d":
                if int(kv.get("w", 0)) == MARK_W and int(kv.get("h", 0)) > MARK_H0:
                    code = int(kv["h"]) - MARK_H0
                    marks[code] = (t_us, xfers, nflush, flush_bytes)
    return marks, flushes


def pct(values, p):
    v = sorted(values)
    return v[int(p / 100.0 * (len(v) - 1) + 0.5)] if v else None


def host_metrics(phases, cc, tr, vis):
    """METRIC dicts computed on the host side for one run."""
    out = []

    def add(w, m, v, u):
        out.append({"workload": w, "metric": m, "value": "%.6g" % v, "unit": u})

    tmarks, flushes = tr
    for ph in phases:
        s, e, n = int(ph["start"]), int(ph["end"]), int(ph["updates"])
        dmg = float(ph["damaged_bytes"])
        w = ph["workload"]
        if s in cc and e in cc and n:
            b = (cc[e][0] - cc[s][0]) / n
            add(w, "host_bytes_per_update", b, "bytes")
            add(w, "host_copies_per_update", (cc[e][1] - cc[s][1]) / n, "count")
            if dmg:
                add(w, "host_bytes_ratio", b / dmg, "ratio")
        if s in tmarks and e in tmarks and n:
            add(w, "host_xfer_cmds_per_update", (tmarks[e][1] - tmarks[s][1]) / n, "count")
            add(w, "host_flush_bytes_per_update", (tmarks[e][3] - tmarks[s][3]) / n, "bytes")
    # Commit to host-visible: guest and host clocks are aligned on the
    # markers (offset = least host-minus-guest time over all markers, so the
    # marker's own queueing delay is not counted); the frame is visible at the
    # first RESOURCE_FLUSH the host handles after the commit.
    pairs = []
    for v in vis:
        code = int(v["mark"])
        if code in tmarks:
            pairs.append((tmarks[code][0], int(v["t_mark_ns"]) / 1000.0,
                          int(v["t_commit_ns"]) / 1000.0))
    if pairs:
        offset = min(th - tg for th, tg, _ in pairs)
        lats = []
        for th, _, tc in pairs:
            after = [f for f in flushes if f >= th]
            if after:
                lats.append((after[0] - offset - tc) / 1000.0)
        if lats:
            add("visible", "host_visible_p50", pct(lats, 50), "ms")
            add("visible", "host_visible_p99", pct(lats, 99), "ms")
            add("visible", "host_visible_max", max(lats), "ms")
    return out


def load(results):
    rows = []
    raw = os.path.join(results, "raw")
    for name in sorted(os.listdir(raw)):
        m = re.match(r"^(.+)-(\d+x\d+)-(omega|virtio_gpu)-(\d+)(-gl)?$", name)
        if not m:
            continue
        ctx = {"kernel": m.group(1), "mode": m.group(2), "driver": m.group(3),
               "run": m.group(4)}
        d = os.path.join(raw, name)
        metrics, phases, vis = parse_guest(os.path.join(d, "payload.log"))
        metrics += host_metrics(phases, parse_copycount(os.path.join(d, "copycount.log")),
                                parse_trace(os.path.join(d, "trace.log")), vis)
        for mt in metrics:
            r = dict(ctx)
            r.update(mt)
            rows.append(r)
    return rows


def fnum(v):
    if v is None:
        return "-"
    if abs(v) >= 1000:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v


def summarise(rows):
    """{(kernel, mode): {(w, m): {driver: [values], 'unit': u}}}"""
    groups = {}
    for r in rows:
        key = (r["kernel"], r["mode"])
        wm = (r["workload"], r["metric"])
        g = groups.setdefault(key, {}).setdefault(wm, {"unit": r["unit"]})
        if r["value"] == "n/a":
            g.setdefault(r["driver"], [])
            g.setdefault("na_" + r["driver"], True)
            continue
        g.setdefault(r["driver"], []).append(float(r["value"]))
    for per_key in groups.values():
        for (w, m), g in per_key.items():
            src = per_key.get((THEIRS_AS.get(w), m))
            if src and THEIRS not in g:
                for k in (THEIRS, "na_" + THEIRS):
                    if k in src:
                        g[k] = src[k]
    return groups


def stats(vals):
    if not vals:
        return None
    return (min(vals), statistics.median(vals), max(vals))


def cell(g, drv):
    s = stats(g.get(drv, []))
    if s is None:
        return "n/a" if g.get("na_" + drv) else "-"
    if len(g[drv]) == 1:
        return fnum(s[1])
    return "%s [%s..%s]" % (fnum(s[1]), fnum(s[0]), fnum(s[2]))


def ratio(g):
    a, b = stats(g.get(OURS, [])), stats(g.get(THEIRS, []))
    if a is None or b is None or b[1] <= 0 or a[1] < 0:
        return None     # e.g. a latency estimate below its resolution
    return a[1] / b[1]


def med(groups, key, w, m, drv):
    g = groups.get(key, {}).get((w, m))
    s = stats(g.get(drv, [])) if g else None
    return s[1] if s else None


def virgl_status(results):
    """(mode, skip reason or None) from virgl.txt; (None, None) if absent."""
    path = os.path.join(results, "virgl.txt")
    if not os.path.exists(path):
        return None, None
    mode, why = "1280x800", None
    with open(path) as f:
        for line in f:
            if line.startswith("skipped:"):
                why = line[len("skipped:"):].strip()
            elif line.startswith("mode:"):
                mode = line[len("mode:"):].strip()
    return mode, why


def virgl_target(groups, key, skipped):
    """The kmscube-on-virgl target row: paced and unpaced ratios of fps."""
    name = "kmscube on virgl fps ours/theirs >= %.1f (paced; unpaced)" % VIRGL_TARGET
    if skipped:
        return (name, "skipped: " + skipped, None)
    theirs = med(groups, key, "kmscube_virgl", "fps", THEIRS)
    parts, ok = [], True
    for label, w in (("paced", "kmscube_virgl"), ("unpaced", "kmscube_virgl_unpaced")):
        ours = med(groups, key, w, "fps", OURS)
        v = None if ours is None or theirs in (None, 0) else ours / theirs
        met = v is not None and v >= VIRGL_TARGET
        ok = ok and met
        parts.append("%s %s (%s)" % (label, fnum(v), "yes" if met else "no"))
    return (name, "; ".join(parts), ok)


def targets(groups, key, virgl=(None, None)):
    """(target, value, met) rows for one kernel/mode; the value is a number,
    None or a text, met True, False or None (not applicable)."""
    out = []
    res = key[1]
    wls = {w for w, _ in groups.get(key, {})}
    has_gl = any(w.startswith("kmscube_virgl") for w in wls)
    if has_gl and all(w.startswith("kmscube_virgl") for w in wls):
        return [virgl_target(groups, key, None)]

    def r(w, m, drv_ours=OURS, w_theirs=None):
        a = med(groups, key, w, m, drv_ours)
        b = med(groups, key, w_theirs or w, m, THEIRS)
        return None if a is None or b in (None, 0) else a / b

    fl = med(groups, key, "flip_async", "rate", OURS)
    ours_flip = "flip_async" if fl is not None else "flip_atomic"
    v = r(ours_flip, "rate", w_theirs="flip_atomic")
    out.append(("pre-drawn flips: %s rate / theirs flip_atomic >= 1.5" % ours_flip, v,
                v is not None and v >= 1.5))
    # Our flip_draw events are vblank-paced by design; the low-latency path
    # is async flips (events once the host has the frame), as above.
    fd = med(groups, key, "flip_draw_async", "lat_p99", OURS)
    ours_draw = "flip_draw_async" if fd is not None else "flip_draw"
    v = r(ours_draw, "lat_p99", w_theirs="flip_draw")
    out.append(("commit-to-event p99: %s / theirs flip_draw <= 1.0" % ours_draw, v,
                v is not None and v <= 1.0))
    for w in ("damage_atomic_16x32", "dirtyfb_16x32"):
        v = med(groups, key, w, "host_bytes_ratio", OURS)
        out.append(("%s: host bytes / damaged bytes <= 1.25" % w, v,
                    v is not None and v <= 1.25))
    v = r("dirtyfb_16x32", "rate")
    out.append(("dirtyfb_16x32 rate ours/theirs >= 2", v, v is not None and v >= 2))
    worst, worst_w = None, None
    for (w, m) in groups.get(key, {}):
        if m != "cpu_per_update" or w == "flip_async":
            continue
        v = r(w, m)
        if v is not None and (worst is None or v > worst):
            worst, worst_w = v, w
    out.append(("guest CPU per update ours/theirs <= 0.7, worst (%s)" % worst_w, worst,
                worst is not None and worst <= 0.7))
    if res == "1920x1080":
        rr = med(groups, key, "paced", "rate_vs_refresh", OURS)
        mf = med(groups, key, "paced", "missed_frames", OURS)
        sd = med(groups, key, "paced", "spacing_dev_p99", OURS)
        ok = rr is not None and 0.99 <= rr <= 1.01 and mf == 0 and sd is not None and sd <= 10
        out.append(("paced 1920x1080: rate/refresh, missed, spacing dev p99 %% (%s, %s, %s)" %
                    (fnum(rr), fnum(mf), fnum(sd)), rr, ok))
        v = med(groups, key, "visible", "host_visible_p99", OURS)
        out.append(("commit-to-host-visible p99 < 10 ms (ms)", v, v is not None and v < 10))
    if has_gl or (virgl[0] is not None and virgl[0] == res):
        out.append(virgl_target(groups, key, None if has_gl else virgl[1]))
    return out


def verdict(ok, md):
    if ok is None:
        return "skipped" if md else "SKIP"
    if md:
        return "yes" if ok else "**no**"
    return "MET " if ok else "MISS"


# ------------------------------------------------------------------ PNG plot

FONT = {  # 3x5 glyphs, rows top to bottom, 3 bits each
    "0": "75557", "A": "25755", "B": "65656", "C": "74447", "D": "65556", "E": "74647",
    "F": "74644", "G": "74557", "H": "55755", "I": "72227", "J": "11157", "K": "55655",
    "L": "44447", "M": "57755", "N": "75555", "O": "75557", "P": "75744", "Q": "75573",
    "R": "75765", "S": "74717", "T": "72222", "U": "55557", "V": "55552", "W": "55775",
    "X": "55255", "Y": "55222", "Z": "71247", "1": "26227", "2": "71747", "3": "71717",
    "4": "55711", "5": "74717", "6": "74757", "7": "71111", "8": "75757", "9": "75717",
    ".": "00002", "_": "00007", "-": "00700", "/": "11244", " ": "00000", "x": "05250",
    ":": "02020", "=": "07070", "<": "12421", ">": "42124",
}


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = bytearray(b"\xff" * (w * h * 3))

    def rect(self, x0, y0, x1, y1, rgb):
        x0, x1 = max(0, min(x0, x1)), min(self.w, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.h, max(y0, y1))
        row = bytes(rgb) * (x1 - x0)
        for y in range(y0, y1):
            o = (y * self.w + x0) * 3
            self.px[o:o + len(row)] = row

    def text(self, x, y, s, rgb=(0, 0, 0), k=2):
        for ch in s:
            g = FONT.get(ch) or FONT.get(ch.upper()) or FONT[" "]
            for r, bits in enumerate(g):
                b = int(bits)
                for c in range(3):
                    if b & (4 >> c):
                        self.rect(x + c * k, y + r * k, x + (c + 1) * k, y + (r + 1) * k, rgb)
            x += 4 * k

    def png(self, path):
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))

        def chunk(t, d):
            c = struct.pack(">I", len(d)) + t + d
            return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
            f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)))
            f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
            f.write(chunk(b"IEND", b""))


def plot(groups, path):
    """Horizontal bars: log2 of ratio ours/theirs, oriented so right = ours better."""
    items = []
    for key in sorted(groups):
        for w, m, better in SHOWN:
            g = groups[key].get((w, m))
            rt = ratio(g) if g else None
            if rt is None or rt <= 0 or better is None:
                continue
            good = math.log2(rt) if better else -math.log2(rt)
            items.append(("%s %s %s %s" % (key[0], key[1], w, m), rt, good))
    row, left, mid, scale = 14, 416, 800, 55
    c = Canvas(1140, 60 + row * max(1, len(items)))
    c.text(10, 8, "OMEGA/VIRTIO_GPU MEDIAN RATIO  (RIGHT OF LINE = OMEGA BETTER, LOG2 SCALE)")
    c.rect(mid, 26, mid + 1, c.h - 4, (0, 0, 0))
    for k in range(-4, 5):
        c.rect(mid + k * scale, 26, mid + k * scale + 1, 30, (0, 0, 0))
    for i, (label, rt, good) in enumerate(items):
        y = 34 + i * row
        c.text(8, y, label[:50].upper())
        g = max(-5.0, min(5.0, good))
        col = (40, 150, 60) if good >= 0 else (200, 60, 50)
        c.rect(mid, y, mid + int(g * scale), y + 10, col)
        c.text(left, y, ("X%.3g" % rt).upper())
    c.png(path)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip())
        return 2
    results = argv[1]
    rows = load(results)
    with open(os.path.join(results, "metrics.txt"), "w") as f:
        for r in rows:
            f.write("METRIC kernel=%s mode=%s driver=%s run=%s workload=%s metric=%s "
                    "value=%s unit=%s\n" % (r["kernel"], r["mode"], r["driver"], r["run"],
                                            r["workload"], r["metric"], r["value"], r["unit"]))
    groups = summarise(rows)
    session = ""
    sp = os.path.join(results, "session.txt")
    if os.path.exists(sp):
        with open(sp) as f:
            session = f.read()
    txt, md = [], ["# omega_vgpu vs Linux virtio-gpu", "", "```", session.strip(), "```", ""]
    virgl = virgl_status(results)
    if virgl[1]:
        txt += ["kmscube on virgl: skipped: %s" % virgl[1], ""]
        md += ["kmscube on virgl: skipped: %s" % virgl[1], ""]
    for key in sorted(groups):
        runs = {d: len({r["run"] for r in rows if (r["kernel"], r["mode"], r["driver"]) ==
                        (key[0], key[1], d)}) for d in (OURS, THEIRS)}
        title = "kernel %s, %s (runs: omega %d, virtio_gpu %d)" % (key[0], key[1],
                                                                   runs[OURS], runs[THEIRS])
        txt.append("== " + title)
        txt.append("%-22s %-22s %-26s %-26s %s" % ("workload", "metric", "omega med [min..max]",
                                                   "virtio_gpu med [min..max]", "ours/theirs"))
        md += ["## " + title, "",
               "| workload | metric | unit | omega median [min..max] | "
               "virtio_gpu median [min..max] | ours/theirs |",
               "|---|---|---|---|---|---|"]
        for w, m, _ in SHOWN:
            g = groups[key].get((w, m))
            if not g:
                continue
            rt = ratio(g)
            rts = "%.2f" % rt if rt is not None else "-"
            txt.append("%-22s %-22s %-26s %-26s %s" % (w, m + " (" + g["unit"] + ")",
                                                       cell(g, OURS), cell(g, THEIRS), rts))
            md.append("| %s | %s | %s | %s | %s | %s |" % (w, m, g["unit"], cell(g, OURS),
                                                          cell(g, THEIRS), rts))
        notes = ["%s: the virtio_gpu column is its %s run" % (w, THEIRS_AS[w])
                 for w in THEIRS_AS if any(wm[0] == w for wm in groups[key])]
        if notes:
            md += ["", "(" + "; ".join(notes) + ".)"]
        md += ["", "Targets:", "", "| target | value | met |", "|---|---|---|"]
        txt.append("-- targets")
        for name, v, ok in targets(groups, key, virgl):
            vs = v if isinstance(v, str) else fnum(v)
            txt.append("  [%s] %s: %s" % (verdict(ok, False), name, vs))
            md.append("| %s | %s | %s |" % (name, vs, verdict(ok, True)))
        md.append("")
        txt.append("")
    md.append("Full per-run figures: metrics.txt. Plot: plot.png.")
    with open(os.path.join(results, "summary.txt"), "w") as f:
        f.write("\n".join(txt) + "\n")
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    plot(groups, os.path.join(results, "plot.png"))
    sys.stdout.write("\n".join(txt) + "\n")
    print("report: %s/{summary.txt,results.md,metrics.txt,plot.png}" % results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
