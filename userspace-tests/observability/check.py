#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host side of the observability suite: reads the guest's payload log and
prints PASS/FAIL lines for the trace, debugfs and fault-injection checks."""

import re
import sys

CMD = re.compile(r'(omega_vgpu_cmd_submit|omega_vgpu_cmd_response): (control|cursor) '
                 r'(\w+) res=(\d+) scanout=(-?\d+) rect=(\d+)x(\d+)\+(\d+)\+(\d+) '
                 r'fence=(\d+) resp=(\w+) status=(-?\d+)')
SEQUENCE = ['RESOURCE_CREATE_2D', 'RESOURCE_ATTACH_BACKING', 'SET_SCANOUT',
            'TRANSFER_TO_HOST_2D', 'RESOURCE_FLUSH']
STATS_KEYS = ['commands', 'errors', 'timeouts', 'queue_full_waits', 'transfers',
              'bytes_transferred', 'flushes', 'device_ERR_UNSPEC',
              'device_ERR_INVALID_RESOURCE_ID', 'device_ERR_INVALID_PARAMETER']


def sections(text):
    out, name, body = {}, None, []
    for line in text.splitlines():
        if line.startswith('=== '):
            if name and line == '=== end':
                out[name] = body
                name, body = None, []
            else:
                name, body = line[4:], []
        elif name:
            body.append(line)
    return out


def result(ok, name, why=''):
    print(('PASS: %s' % name) if ok else ('FAIL: %s %s' % (name, why)))
    return ok


def stats(lines):
    d = {}
    for line in lines:
        m = re.match(r'^(\w+): (\d+)$', line)
        if m:
            d[m.group(1)] = int(m.group(2))
    return d


def check_trace(prefix, lines, xres, yres):
    ev = []
    for line in lines:
        m = CMD.search(line)
        if m:
            ev.append({'ev': m.group(1), 'type': m.group(3), 'res': int(m.group(4)),
                       'scanout': int(m.group(5)),
                       'rect': tuple(int(m.group(i)) for i in range(6, 10)),
                       'fence': int(m.group(10)), 'resp': m.group(11),
                       'status': int(m.group(12))})
    subs = [e for e in ev if e['ev'] == 'omega_vgpu_cmd_submit']
    scan = [e for e in subs if e['type'] == 'SET_SCANOUT' and e['res'] and e['scanout'] == 0
            and e['rect'][:2] == (xres, yres)]
    if not result(bool(scan), prefix + 'trace.set_scanout',
                  'no SET_SCANOUT of a %dx%d resource on scanout 0 in %d events'
                  % (xres, yres, len(ev))):
        return
    res = scan[-1]['res']
    pos, at = [], -1
    for typ in SEQUENCE:
        idx = next((i for i, e in enumerate(ev) if i > at and e['ev'] == 'omega_vgpu_cmd_submit'
                    and e['type'] == typ and e['res'] == res), None)
        pos.append((typ, idx))
        if idx is None:
            break
        at = idx
    missing = [t for t, i in pos if i is None]
    result(not missing, prefix + 'trace.sequence',
           'resource %d: %s not submitted in order after %s'
           % (res, missing[:1], [t for t, i in pos if i is not None]))
    create = next((ev[i] for t, i in pos if t == 'RESOURCE_CREATE_2D' and i is not None), None)
    result(create is not None and create['rect'][:2] == (xres, yres),
           prefix + 'trace.create_size', 'CREATE_2D rect %s' % (create and create['rect'],))
    bad = []
    for typ, i in pos:
        if i is None:
            continue
        resp = next((e for e in ev[i + 1:] if e['ev'] == 'omega_vgpu_cmd_response'
                     and e['type'] == typ and e['res'] == res), None)
        if not resp or resp['resp'] != 'OK_NODATA' or resp['status'] != 0:
            bad.append('%s: %s' % (typ, resp and (resp['resp'], resp['status'])))
    result(not bad and not missing, prefix + 'trace.responses', '; '.join(bad) or 'sequence incomplete')
    flush = next((ev[i] for t, i in pos if t == 'RESOURCE_FLUSH' and i is not None), None)
    fence = flush['fence'] if flush else 0
    signalled = any(('omega_vgpu_fence_signal: fence=%d error=0' % fence) in l for l in lines)
    result(fence > 0 and signalled, prefix + 'trace.flush_fence',
           'flush fence %d signalled=%s' % (fence, signalled))


def check_debugfs(prefix, s, xres, yres):
    dev = s.get('debugfs/device', [])
    result('state: ready' in dev, prefix + 'debugfs.device_state', str(dev[:1]))
    line = next((l for l in dev if l.startswith('scanout 0:')), '')
    m = re.search(r'scanout 0: (\w+) resource=(\d+) mode=(\d+)x(\d+)@([\d.]+)Hz host=on,(\d+)x(\d+)', line)
    result(bool(m) and m.group(1) in ('enabled', 'flipping') and int(m.group(2)) > 0
           and (int(m.group(3)), int(m.group(4))) == (xres, yres),
           prefix + 'debugfs.device_scanout', repr(line))
    res = s.get('debugfs/resources', [])
    rows = [l.split('\t') for l in res[1:] if re.match(r'^\d+\t', l)]
    total = next((int(l.split()[1]) for l in res if l.startswith('total: ')), -1)
    shown = int(m.group(2)) if m else -1
    result(res[:1] == ['id\twidth\theight\tformat\tpages\towner'] and total == len(rows)
           and any(int(r[0]) == shown and (int(r[1]), int(r[2])) == (xres, yres) for r in rows),
           prefix + 'debugfs.resources', 'rows %s total %d shown %d' % (rows, total, shown))
    st = stats(s.get('debugfs/stats', []))
    missing = [k for k in STATS_KEYS if k not in st]
    per = [l for l in s.get('debugfs/stats', []) if l.startswith('RESOURCE_CREATE_2D\t')]
    result(not missing and st.get('commands', 0) > 0 and st.get('transfers', 0) > 0 and per,
           prefix + 'debugfs.stats', 'missing %s, per-command rows %s' % (missing, per))
    result(s.get('debugfs/inflight', [])[:1] == ['queue\tcommand\tage_us'],
           prefix + 'debugfs.inflight', str(s.get('debugfs/inflight')))
    hist = s.get('debugfs/history', [])
    result(len(hist) > 1 and hist[0].startswith('time_ns\tcommand') and
           any('\tSET_SCANOUT\t' in l and '\tOK_NODATA\t' in l for l in hist),
           prefix + 'debugfs.history', '%d lines' % len(hist))
    result(s.get('debugfs/fault') == ['none 0'], prefix + 'debugfs.fault',
           str(s.get('debugfs/fault')))


def check_fault(prefix, s):
    result(s.get('fault-armed') == ['RESOURCE_CREATE_2D 1'], prefix + 'fault.armed',
           str(s.get('fault-armed')))
    result(s.get('faulted') == ['ADDFB: 2'], prefix + 'fault.errno',
           'want ADDFB: 2 (ENOENT), got %s' % s.get('faulted'))
    result(s.get('recovered') == ['ADDFB: 0'], prefix + 'fault.recovered', str(s.get('recovered')))
    b, a = stats(s.get('stats-before', [])), stats(s.get('stats-after', []))
    d_dev = a.get('device_ERR_INVALID_RESOURCE_ID', -1) - b.get('device_ERR_INVALID_RESOURCE_ID', 0)
    d_err = a.get('errors', -1) - b.get('errors', 0)
    result(d_dev == 1 and d_err == 1, prefix + 'fault.counters',
           'device_ERR_INVALID_RESOURCE_ID +%d errors +%d' % (d_dev, d_err))
    log = s.get('dmesg', [])
    result(any('RESOURCE_CREATE_2D failed: ERR_INVALID_RESOURCE_ID (-2)' in l for l in log),
           prefix + 'fault.log', 'no log line in %d dmesg lines' % len(log))
    result(s.get('fault-after') == ['none 0'], prefix + 'fault.disarmed', str(s.get('fault-after')))


def main():
    prefix, log, xres, yres = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(log, errors='replace') as f:
        s = sections(f.read())
    check_trace(prefix, s.get('trace', []), xres, yres)
    check_debugfs(prefix, s, xres, yres)
    check_fault(prefix, s)


if __name__ == '__main__':
    main()
