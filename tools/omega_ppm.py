# SPDX-License-Identifier: GPL-2.0
"""Small image helpers for omega_vgpu tests (python3 standard library only).

An image is a tuple (width, height, data) where data is a bytes object of
width * height * 3 bytes, RGB, rows top to bottom.  QEMU's QMP screendump
writes binary PPM (P6, maxval 255), which read_ppm() parses.

    from omega_ppm import read_ppm, pixel, count_color, write_png
    img = read_ppm("out/quad.ppm")
    assert pixel(img, 10, 10) == (255, 0, 0)
    n = count_color(img, (255, 0, 0), (0, 0, 640, 400))
"""

import struct
import zlib


def _ppm_tokens(buf, count):
    """Return (tokens, offset after the single whitespace ending the header)."""
    tokens = []
    i = 0
    n = len(buf)
    while len(tokens) < count:
        while i < n and buf[i:i + 1].isspace():
            i += 1
        if i < n and buf[i:i + 1] == b"#":
            while i < n and buf[i:i + 1] not in (b"\n", b"\r"):
                i += 1
            continue
        start = i
        while i < n and not buf[i:i + 1].isspace():
            i += 1
        if start == i:
            raise ValueError("truncated PPM header")
        tokens.append(buf[start:i])
    return tokens, i + 1


def parse_ppm(buf):
    """Parse P6 PPM bytes into (width, height, rgb bytes)."""
    tokens, off = _ppm_tokens(buf, 4)
    if tokens[0] != b"P6":
        raise ValueError("not a binary PPM (P6): %r" % tokens[0])
    width, height, maxval = (int(t) for t in tokens[1:4])
    if maxval != 255:
        raise ValueError("unsupported PPM maxval %d" % maxval)
    size = width * height * 3
    data = bytes(buf[off:off + size])
    if len(data) != size:
        raise ValueError("PPM data truncated: %d of %d bytes" % (len(data), size))
    return width, height, data


def read_ppm(path):
    """Read a binary PPM file into (width, height, rgb bytes)."""
    with open(path, "rb") as f:
        return parse_ppm(f.read())


def pixel(img, x, y):
    """RGB tuple of the pixel at (x, y)."""
    width, height, data = img
    if not (0 <= x < width and 0 <= y < height):
        raise IndexError("pixel (%d,%d) outside %dx%d" % (x, y, width, height))
    i = (y * width + x) * 3
    return data[i], data[i + 1], data[i + 2]


def _clip_rect(img, rect):
    width, height, _ = img
    if rect is None:
        return 0, 0, width, height
    x, y, w, h = rect
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def count_color(img, rgb, rect=None):
    """Count pixels equal to rgb inside rect = (x, y, w, h) (default: all)."""
    width, _, data = img
    x, y, w, h = _clip_rect(img, rect)
    want = bytes(rgb) * w
    if w == 0:
        return 0
    count = 0
    for row in range(y, y + h):
        start = (row * width + x) * 3
        line = data[start:start + w * 3]
        if line == want:
            count += w
            continue
        for i in range(0, w * 3, 3):
            if line[i:i + 3] == want[:3]:
                count += 1
    return count


def colors_in_rect(img, rect=None):
    """Dictionary {rgb tuple: pixel count} for rect = (x, y, w, h)."""
    width, _, data = img
    x, y, w, h = _clip_rect(img, rect)
    hist = {}
    for row in range(y, y + h):
        start = (row * width + x) * 3
        line = data[start:start + w * 3]
        for i in range(0, w * 3, 3):
            key = (line[i], line[i + 1], line[i + 2])
            hist[key] = hist.get(key, 0) + 1
    return hist


def rect_is_color(img, rgb, rect=None):
    """True when every pixel of rect is exactly rgb."""
    _, _, w, h = _clip_rect(img, rect)
    return w * h > 0 and count_color(img, rgb, rect) == w * h


def _png_chunk(kind, payload):
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_bytes(width, height, data):
    """Encode RGB bytes as an 8-bit truecolour PNG."""
    if len(data) != width * height * 3:
        raise ValueError("RGB data is %d bytes, expected %d" %
                         (len(data), width * height * 3))
    stride = width * 3
    raw = bytearray()
    for row in range(height):
        raw.append(0)  # filter type None
        raw += data[row * stride:(row + 1) * stride]
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) +
            _png_chunk(b"IDAT", zlib.compress(bytes(raw), 6)) +
            _png_chunk(b"IEND", b""))


def write_png(path, width, height, data):
    """Write RGB bytes to path as PNG."""
    with open(path, "wb") as f:
        f.write(png_bytes(width, height, data))


def ppm_to_png(ppm_path, png_path):
    """Convert a PPM file to PNG; return the image tuple."""
    img = read_ppm(ppm_path)
    write_png(png_path, *img)
    return img


def read_png(path):
    """Read an 8-bit RGB, non-interlaced PNG as written by write_png()."""
    with open(path, "rb") as f:
        buf = f.read()
    if buf[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    off, idat, width, height = 8, b"", 0, 0
    while off < len(buf):
        (length,) = struct.unpack(">I", buf[off:off + 4])
        kind = buf[off + 4:off + 8]
        payload = buf[off + 8:off + 8 + length]
        off += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", payload)
            if (depth, ctype, lace) != (8, 2, 0):
                raise ValueError("only 8-bit RGB non-interlaced PNG supported")
        elif kind == b"IDAT":
            idat += payload
    raw = zlib.decompress(idat)
    stride = width * 3
    out = bytearray()
    prev = bytearray(stride)
    pos = 0
    for _ in range(height):
        ftype = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        out += line
        prev = line
    return width, height, bytes(out)
