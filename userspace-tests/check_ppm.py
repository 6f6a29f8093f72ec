#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side pixel checks of guest screendumps (binary PPM, P6, maxval 255).

  check_ppm.py bars  FILE.ppm --colours RRGGBB,... [--orient v|h] [--size WxH]
  check_ppm.py solid FILE.ppm --colour RRGGBB [--size WxH]
  check_ppm.py smpte FILE.ppm [--size WxH]

bars/solid compare every pixel of the image.  Bar i holds the pixels whose
x (y for --orient h) satisfies coord * ncolours // size == i, the rule
pattern.c draws with.  smpte checks the seven top bars of libdrm's SMPTE
pattern (modetest's default) over the inner part of each bar.
Prints one line, "ok: ..." or "bad: ...", and exits 0 only when it is ok.
"""

import argparse
import sys

# libdrm tests/util/pattern.c, fill_smpte_rgb32(): top band, 7 bars, 75 %.
SMPTE_TOP = [0xc0c0c0, 0xc0c000, 0x00c0c0, 0x00c000,
             0xc000c0, 0xc00000, 0x0000c0]


def read_ppm(path):
    """Return (width, height, rgb bytes) of a binary P6 PPM."""
    with open(path, 'rb') as f:
        data = f.read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            while pos < len(data) and data[pos:pos + 1] != b'\n':
                pos += 1
            continue
        start = pos
        while pos < len(data) and not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1  # the single whitespace byte before the raster
    if fields[0] != b'P6' or int(fields[3]) != 255:
        raise ValueError('%s: not a P6 PPM with maxval 255' % path)
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos:pos + w * h * 3]
    if len(pixels) != w * h * 3:
        raise ValueError('%s: raster is %d bytes, expected %d' %
                         (path, len(pixels), w * h * 3))
    return w, h, pixels


def rgb(value):
    return bytes(((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff))


def pixel(pixels, w, x, y):
    i = (y * w + x) * 3
    return '%02x%02x%02x' % tuple(pixels[i:i + 3])


def check_size(w, h, size):
    if size and (w, h) != size:
        return 'image is %dx%d, expected %dx%d' % (w, h, size[0], size[1])
    return None


def first_diff(row, expected):
    for i in range(0, len(row), 3):
        if row[i:i + 3] != expected[i:i + 3]:
            return i // 3
    return None


def check_rows(w, h, pixels, expected_row):
    """Compare each row with expected_row(y); return a description or None."""
    bad_rows = 0
    first = None
    stride = w * 3
    for y in range(h):
        exp = expected_row(y)
        row = pixels[y * stride:(y + 1) * stride]
        if row != exp:
            bad_rows += 1
            if first is None:
                x = first_diff(row, exp)
                first = 'first at (%d,%d): got %s want %02x%02x%02x' % (
                    x, y, pixel(pixels, w, x, y), *exp[x * 3:x * 3 + 3])
    if bad_rows:
        return '%d of %d rows differ; %s' % (bad_rows, h, first)
    return None


def do_bars(args, w, h, pixels):
    colours = [int(c, 16) for c in args.colours.split(',')]
    n = len(colours)
    if args.orient == 'v':
        row = b''.join(rgb(colours[x * n // w]) for x in range(w))
        err = check_rows(w, h, pixels, lambda y: row)
    else:
        rows = [rgb(c) * w for c in colours]
        err = check_rows(w, h, pixels, lambda y: rows[y * n // h])
    return err, '%d %s bars, all %d pixels exact' % (
        n, 'vertical' if args.orient == 'v' else 'horizontal', w * h)


def do_solid(args, w, h, pixels):
    row = rgb(int(args.colour, 16)) * w
    err = check_rows(w, h, pixels, lambda y: row)
    return err, 'all %d pixels are %s' % (w * h, args.colour)


def do_smpte(args, w, h, pixels):
    bad = []
    y0, y1 = h // 9, h * 5 // 9
    for i, colour in enumerate(SMPTE_TOP):
        x0 = (i * w + 6) // 7   # first x with x * 7 // w == i
        x1 = ((i + 1) * w + 6) // 7
        inset = (x1 - x0) // 4
        want = rgb(colour)
        for y in range(y0, y1, max(1, (y1 - y0) // 16)):
            start = (y * w + x0 + inset) * 3
            end = (y * w + x1 - inset) * 3
            if pixels[start:end] != want * (x1 - x0 - 2 * inset):
                x = x0 + inset + first_diff(pixels[start:end],
                                            want * (x1 - x0 - 2 * inset))
                bad.append('bar %d at (%d,%d): got %s want %06x' %
                           (i, x, y, pixel(pixels, w, x, y), colour))
                break
    if bad:
        return '; '.join(bad), None
    return None, '7 SMPTE top bars match at their centres'


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('bars')
    p.add_argument('file')
    p.add_argument('--colours', required=True)
    p.add_argument('--orient', choices=('v', 'h'), default='v')
    p = sub.add_parser('solid')
    p.add_argument('file')
    p.add_argument('--colour', required=True)
    p = sub.add_parser('smpte')
    p.add_argument('file')
    for p in sub.choices.values():
        p.add_argument('--size')
    args = ap.parse_args()

    size = tuple(int(v) for v in args.size.split('x')) if args.size else None
    try:
        w, h, pixels = read_ppm(args.file)
    except (OSError, ValueError) as e:
        print('bad: %s' % e)
        return 1
    err = check_size(w, h, size)
    if not err:
        err, what = {'bars': do_bars, 'solid': do_solid,
                     'smpte': do_smpte}[args.cmd](args, w, h, pixels)
    if err:
        print('bad: %s' % err)
        return 1
    print('ok: %dx%d, %s' % (w, h, what))
    return 0


if __name__ == '__main__':
    sys.exit(main())
