#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""vnc_client: the demo's RFB (VNC) client, run on the host next to tools/omega-vm.

  vnc_client.py --socket PATH --dir DIR cursor   [--wait SEC]
  vnc_client.py --socket PATH --dir DIR framebuffer --grab REGEX [--wait SEC]

QEMU's screendump does not draw the virtio-gpu cursor: QEMU keeps it apart
and hands it to its display frontends.  This client gets it from QEMU's VNC
server (`-vnc unix:PATH`).

cursor: announces the cursor pseudo-encodings (AlphaCursor -314, then
RichCursor -239) and never asks for pixels.  Every cursor image QEMU defines
is appended to DIR/vnc-cursor.jsonl as one JSON object:
  {"enc": -314, "hot_x": .., "hot_y": .., "w": .., "h": ..,
   "argb": "aarrggbb..." (w*h pixels, rows top to bottom), "t": ..}

framebuffer: announces no cursor encoding (so that a server able to draw
the cursor into the picture would have to) and, whenever a file DIR/NAME.ppm
matching REGEX appears (a guest `omega-screendump NAME`), asks for a full
framebuffer update and saves it as DIR/NAME-vnc.png.
"""

import argparse
import json
import os
import re
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import omega_ppm  # noqa: E402

ENC_RAW = 0
ENC_DESKTOP_SIZE = -223
ENC_RICH_CURSOR = -239
ENC_ALPHA_CURSOR = -314


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.w = self.h = 0

    def fill(self, timeout):
        """Read what the server sent within timeout; False on end of stream."""
        sock = self.sock
        sock.settimeout(timeout)
        try:
            chunk = sock.recv(1 << 20)
        except socket.timeout:
            return True
        if not chunk:
            return False
        self.buf += chunk
        return True

    def need(self, n):
        while len(self.buf) < n:
            if not self.fill(None):
                raise EOFError("VNC server closed the connection")
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def handshake(self, encodings):
        if not self.need(12).startswith(b"RFB "):
            raise ValueError("not an RFB server")
        self.sock.sendall(b"RFB 003.008\n")
        types = self.need(self.need(1)[0])
        if 1 not in types:
            raise ValueError("server offers no 'None' security: %r" % list(types))
        self.sock.sendall(b"\x01")
        if struct.unpack(">I", self.need(4))[0] != 0:
            raise ValueError("security handshake failed")
        self.sock.sendall(b"\x01")  # ClientInit: shared
        self.w, self.h = struct.unpack(">HH", self.need(4))
        self.need(16)
        self.need(struct.unpack(">I", self.need(4))[0])
        # 32 bpp, depth 24, little endian, true colour, 0x00RRGGBB.
        pf = struct.pack(">BBBBHHHBBBxxx", 32, 24, 0, 1, 255, 255, 255, 16, 8, 0)
        self.sock.sendall(struct.pack(">Bxxx", 0) + pf)
        self.sock.sendall(struct.pack(">BxH", 2, len(encodings)) +
                          b"".join(struct.pack(">i", e) for e in encodings))

    def request(self, incremental=False):
        self.sock.sendall(struct.pack(">BBHHHH", 3, 1 if incremental else 0, 0, 0,
                                      self.w, self.h))

    def message(self, on_rect):
        """Read one server message; rectangles go to on_rect(x, y, w, h, enc)."""
        kind = self.need(1)[0]
        if kind == 0:
            for _ in range(struct.unpack(">xH", self.need(3))[0]):
                on_rect(*struct.unpack(">HHHHi", self.need(12)))
            return True
        if kind == 1:
            self.need(6 * struct.unpack(">xHH", self.need(5))[1])
        elif kind == 3:
            self.need(3)
            self.need(struct.unpack(">I", self.need(4))[0])
        elif kind not in (2, 150):
            raise ValueError("unexpected server message %d" % kind)
        return False


def run_cursor(cl, out):
    log = open(os.path.join(out, "vnc-cursor.jsonl"), "a")

    def on_rect(x, y, w, h, enc):
        if enc == ENC_ALPHA_CURSOR:
            if struct.unpack(">i", cl.need(4))[0] != ENC_RAW:
                raise ValueError("alpha cursor not in raw encoding")
            px = struct.unpack("<%dI" % (w * h), cl.need(w * h * 4))
        elif enc == ENC_RICH_CURSOR:
            data = cl.need(w * h * 4)
            mask = cl.need((w + 7) // 8 * h)
            px = []
            for i in range(w * h):
                v = struct.unpack_from("<I", data, i * 4)[0] & 0xffffff
                bit = mask[(i // w) * ((w + 7) // 8) + (i % w) // 8] >> (7 - i % 8) & 1
                px.append(v | (0xff000000 if bit else 0))
        elif enc == ENC_DESKTOP_SIZE:
            cl.w, cl.h = w, h
            return
        elif enc == ENC_RAW:
            cl.need(w * h * 4)
            return
        else:
            raise ValueError("unexpected encoding %d" % enc)
        log.write(json.dumps({"enc": enc, "hot_x": x, "hot_y": y, "w": w, "h": h,
                              "argb": "".join("%08x" % v for v in px),
                              "t": round(time.time(), 3)}) + "\n")
        log.flush()

    cl.handshake([ENC_RAW, ENC_ALPHA_CURSOR, ENC_RICH_CURSOR, ENC_DESKTOP_SIZE])
    while True:
        cl.message(on_rect)


def run_framebuffer(cl, out, grab):
    pat = re.compile(r"^(%s)\.ppm$" % grab)
    done = set()
    fb = bytearray()

    def on_rect(x, y, w, h, enc):
        if enc == ENC_DESKTOP_SIZE:
            cl.w, cl.h = w, h
            return
        if enc != ENC_RAW:
            raise ValueError("unexpected encoding %d" % enc)
        data = cl.need(w * h * 4)
        rgb = bytearray(w * 3)
        for row in range(h):
            line = data[row * w * 4:(row + 1) * w * 4]
            rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
            at = ((y + row) * cl.w + x) * 3
            fb[at:at + w * 3] = rgb

    cl.handshake([ENC_RAW, ENC_DESKTOP_SIZE])
    while True:
        names = sorted(n for n in os.listdir(out) if pat.match(n) and n not in done)
        for name in names:
            done.add(name)
            fb[:] = bytes(cl.w * cl.h * 3)
            cl.request()
            while not cl.message(on_rect):
                pass
            png = os.path.join(out, name[:-4] + "-vnc.png")
            omega_ppm.write_png(png, cl.w, cl.h, bytes(fb))
        if not cl.buf and not cl.fill(0.1):
            return
        while cl.buf:
            cl.message(on_rect)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--socket", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--wait", type=float, default=120, help="seconds to wait for the socket")
    p.add_argument("--grab", default=r"cursor-\d+", help="screendump names to grab")
    p.add_argument("mode", choices=("cursor", "framebuffer"))
    args = p.parse_args()
    deadline = time.time() + args.wait
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            sock.connect(args.socket)
            break
        except OSError:
            if time.time() > deadline:
                print("vnc_client: no VNC server at %s" % args.socket, file=sys.stderr)
                return 1
            time.sleep(0.2)
    cl = Client(sock)
    try:
        if args.mode == "cursor":
            run_cursor(cl, args.dir)
        else:
            run_framebuffer(cl, args.dir, args.grab)
    except EOFError:
        pass
    except (ValueError, OSError) as e:
        print("vnc_client: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
