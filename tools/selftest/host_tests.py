#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side self-tests of the harness helpers (no guest needed).

Prints PASS:/FAIL: lines (suite protocol) and exits 1 if any failed.
"""
import importlib.machinery
import importlib.util
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
sys.path.insert(0, TOOLS)
sys.path.insert(0, HERE)
import omega_ppm  # noqa: E402
import check_quadrants  # noqa: E402

failed = 0


def result(name, ok, why=""):
    global failed
    if ok:
        print("PASS: %s" % name)
    else:
        failed += 1
        print("FAIL: %s %s" % (name, why))


def quad_image(w, h, flip=None):
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
    data = bytearray()
    for y in range(h):
        for x in range(w):
            data += bytes(colors[(y >= h // 2) * 2 + (x >= w // 2)])
    if flip:
        i = (flip[1] * w + flip[0]) * 3
        data[i:i + 3] = b"\x01\x02\x03"
    return w, h, bytes(data)


def main():
    tmp = tempfile.mkdtemp(prefix="omega-selftest-")
    img = quad_image(64, 40)

    # PPM parsing, including a comment in the header as some writers emit.
    ppm = os.path.join(tmp, "q.ppm")
    with open(ppm, "wb") as f:
        f.write(b"P6\n# comment\n64 40\n255\n" + img[2])
    got = omega_ppm.read_ppm(ppm)
    result("selftest-ppm-read", got == img, "parsed image differs")
    result("selftest-ppm-pixel",
           omega_ppm.pixel(got, 63, 39) == (255, 255, 255) and
           omega_ppm.pixel(got, 0, 0) == (255, 0, 0), "wrong pixel values")
    result("selftest-ppm-count",
           omega_ppm.count_color(got, (0, 255, 0), (32, 0, 32, 20)) == 640 and
           omega_ppm.count_color(got, (0, 255, 0)) == 640 and
           omega_ppm.count_color(got, (0, 255, 0), (0, 0, 32, 20)) == 0,
           "wrong colour counts")

    png = os.path.join(tmp, "q.png")
    omega_ppm.write_png(png, *img)
    with open(png, "rb") as f:
        sig = f.read(8)
    result("selftest-png-roundtrip",
           sig == b"\x89PNG\r\n\x1a\n" and omega_ppm.read_png(png) == img,
           "PNG does not decode to the same pixels")

    # The quadrant checker must accept the exact pattern and reject one bad pixel.
    devnull = open(os.devnull, "w")
    saved, sys.stdout = sys.stdout, devnull
    try:
        good = check_quadrants.check(img, 64, 40)
        bad = check_quadrants.check(quad_image(64, 40, flip=(40, 30)), 64, 40)
        badsize = check_quadrants.check(img, 64, 41)
    finally:
        sys.stdout = saved
    result("selftest-quadrant-checker", good and not bad and not badsize,
           "good=%s bad=%s badsize=%s" % (good, bad, badsize))

    # Splat scanner of omega-vm.
    loader = importlib.machinery.SourceFileLoader("omega_vm", os.path.join(TOOLS, "omega-vm"))
    spec = importlib.util.spec_from_loader("omega_vm", loader)
    vm = importlib.util.module_from_spec(spec)
    loader.exec_module(vm)
    splat_log = "\n".join([
        "[    1.000000] virtio-pci 0000:00:02.0: enabling device",
        "PASS: something[    2.5] WARNING: CPU: 0 PID: 1 at fake",
        "[    3.000000] kmemleak: Kernel memory leak detector initialized",
        "[    4.000000] ======================================================",
        "[    4.000001] WARNING: possible circular locking dependency detected",
        "[    5.000000] INFO: task kworker blocked for more than 120 seconds.",
    ])
    hits = vm.find_splats(splat_log)
    result("selftest-splat-scanner",
           len(hits) == 3 and "fake" in hits[0] and "INFO: task" in hits[2],
           "hits=%r" % hits)
    clean = "\n".join([
        "[    0.1] kmemleak: Kernel memory leak detector initialized",
        "echo WARNING: from a user program is not a kernel message",
        "[    0.2] ACPI: INFO is not at the start",
    ])
    result("selftest-splat-no-false-positive", vm.find_splats(clean) == [],
           "hits=%r" % vm.find_splats(clean))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
