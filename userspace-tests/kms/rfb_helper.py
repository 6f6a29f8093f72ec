#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rfb_helper: a minimal RFB (VNC) client for the KMS tests, run on the host
next to tools/omega-vm.

  rfb_helper.py --socket PATH --dir DIR [--log FILE] [--wait SEC]

It connects to QEMU's VNC server (`-vnc unix:PATH`), announces the cursor
pseudo-encodings (AlphaCursor -314, RichCursor -239) and the desktop-size
ones (ExtendedDesktopSize -308, DesktopSize -223), and never asks for
framebuffer updates.  It logs, one JSON object a line:
  {"ev": "cursor", "enc": -314, "hot_x": .., "hot_y": .., "w": .., "h": ..,
   "colours": {"aarrggbb": count, ...}}    (cursor image QEMU defines)
  {"ev": "desktop-size", "w": .., "h": .., "reason": .., "status": ..}
  {"ev": "resize-sent", "w": .., "h": ..}

Resize requests come from the guest: when DIR/resize-WxH.ppm appears (the
guest ran `omega-screendump resize-WxH`), it sends SetDesktopSize(W, H).
"""

import argparse
import json
import os
import re
import socket
import struct
import sys
import threading
import time

ENC_RAW = 0
ENC_DESKTOP_SIZE = -223
ENC_EXT_DESKTOP_SIZE = -308
ENC_RICH_CURSOR = -239
ENC_ALPHA_CURSOR = -314
MSG_SET_ENCODINGS = 2
MSG_SET_DESKTOP_SIZE = 251


class Rfb:
    def __init__(self, sock, log):
        self.sock = sock
        self.log = log
        self.lock = threading.Lock()
        self.bpp = 4

    def need(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("VNC server closed the connection")
            buf += chunk
        return buf

    def send(self, data):
        with self.lock:
            self.sock.sendall(data)

    def emit(self, obj):
        obj["t"] = round(time.time(), 3)
        self.log.write(json.dumps(obj, sort_keys=True) + "\n")
        self.log.flush()

    def handshake(self):
        version = self.need(12)
        if not version.startswith(b"RFB "):
            raise ValueError("not an RFB server: %r" % version)
        self.send(b"RFB 003.008\n")
        count = self.need(1)[0]
        if count == 0:
            reason = self.need(struct.unpack(">I", self.need(4))[0])
            raise ValueError("server refused: %r" % reason)
        types = self.need(count)
        if 1 not in types:
            raise ValueError("no 'None' security type offered: %r" % list(types))
        self.send(b"\x01")
        if struct.unpack(">I", self.need(4))[0] != 0:
            raise ValueError("security handshake failed")
        self.send(b"\x01")  # ClientInit: shared
        w, h = struct.unpack(">HH", self.need(4))
        pf = self.need(16)
        self.bpp = pf[0] // 8
        name = self.need(struct.unpack(">I", self.need(4))[0])
        self.emit({"ev": "server-init", "w": w, "h": h, "bpp": pf[0],
                   "name": name.decode(errors="replace")})
        encs = [ENC_RAW, ENC_ALPHA_CURSOR, ENC_RICH_CURSOR, ENC_EXT_DESKTOP_SIZE,
                ENC_DESKTOP_SIZE]
        self.send(struct.pack(">BxH", MSG_SET_ENCODINGS, len(encs)) +
                  b"".join(struct.pack(">i", e) for e in encs))

    def set_desktop_size(self, w, h):
        msg = struct.pack(">BxHHBx", MSG_SET_DESKTOP_SIZE, w, h, 1)
        msg += struct.pack(">IHHHHI", 0, 0, 0, w, h, 0)
        self.send(msg)
        self.emit({"ev": "resize-sent", "w": w, "h": h})

    def cursor(self, enc, x, y, w, h):
        colours = {}
        if enc == ENC_ALPHA_CURSOR:
            sub = struct.unpack(">i", self.need(4))[0]
            if sub != ENC_RAW:
                raise ValueError("alpha cursor in encoding %d" % sub)
            data = self.need(w * h * 4)
            px = struct.unpack("<%dI" % (w * h), data)
        else:
            data = self.need(w * h * self.bpp)
            mask = self.need((w + 7) // 8 * h)
            px = []
            for i in range(w * h):
                v = int.from_bytes(data[i * self.bpp:(i + 1) * self.bpp], "little")
                bit = mask[(i // w) * ((w + 7) // 8) + (i % w) // 8] >> (7 - i % 8) & 1
                px.append(v | (0xff000000 if bit else 0))
        for v in px:
            key = "%08x" % v
            colours[key] = colours.get(key, 0) + 1
        hot = "%08x" % px[y * w + x] if 0 <= x < w and 0 <= y < h else None
        self.emit({"ev": "cursor", "enc": enc, "hot_x": x, "hot_y": y, "w": w,
                   "h": h, "colours": colours, "at_hotspot": hot})

    def update(self):
        nrects = struct.unpack(">xH", self.need(3))[0]
        for _ in range(nrects):
            x, y, w, h, enc = struct.unpack(">HHHHi", self.need(12))
            if enc in (ENC_ALPHA_CURSOR, ENC_RICH_CURSOR):
                self.cursor(enc, x, y, w, h)
            elif enc == ENC_EXT_DESKTOP_SIZE:
                n = self.need(4)[0]
                self.need(16 * n)
                self.emit({"ev": "desktop-size", "w": w, "h": h, "reason": x,
                           "status": y})
            elif enc == ENC_DESKTOP_SIZE:
                self.emit({"ev": "desktop-size", "w": w, "h": h, "reason": -1,
                           "status": 0})
            elif enc == ENC_RAW:
                self.need(w * h * self.bpp)
            else:
                raise ValueError("unexpected encoding %d" % enc)

    def run(self):
        while True:
            t = self.need(1)[0]
            if t == 0:
                self.update()
            elif t == 1:
                _, n = struct.unpack(">xHH", self.need(5))
                self.need(6 * n)
            elif t == 2:
                pass
            elif t == 3:
                self.need(3)
                self.need(struct.unpack(">I", self.need(4))[0])
            elif t == 150:
                pass
            else:
                raise ValueError("unexpected server message %d" % t)


def watch_triggers(rfb, directory, stop):
    done = set()
    pat = re.compile(r"^resize-(\d+)x(\d+)\.ppm$")
    while not stop.is_set():
        try:
            names = os.listdir(directory)
        except OSError:
            names = []
        for name in sorted(names):
            m = pat.match(name)
            if m and name not in done:
                done.add(name)
                rfb.set_desktop_size(int(m.group(1)), int(m.group(2)))
        stop.wait(0.1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--socket", required=True)
    p.add_argument("--dir", required=True, help="screendump directory to watch")
    p.add_argument("--log", default=None)
    p.add_argument("--wait", type=float, default=60, help="seconds to wait for the socket")
    args = p.parse_args()
    log = open(args.log or os.path.join(args.dir, "vnc.jsonl"), "a")
    deadline = time.time() + args.wait
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            sock.connect(args.socket)
            break
        except OSError:
            if time.time() > deadline:
                print("rfb_helper: no VNC server at %s" % args.socket, file=sys.stderr)
                return 1
            time.sleep(0.2)
    rfb = Rfb(sock, log)
    stop = threading.Event()
    try:
        rfb.handshake()
        threading.Thread(target=watch_triggers, args=(rfb, args.dir, stop),
                         daemon=True).start()
        rfb.run()
    except EOFError:
        pass
    except (ValueError, OSError) as e:
        rfb.emit({"ev": "error", "what": str(e)})
        print("rfb_helper: %s" % e, file=sys.stderr)
        return 1
    finally:
        stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
