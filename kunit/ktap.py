#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn KUnit's KTAP output in a console log into PASS/FAIL/SKIP lines.

    ktap.py CONSOLE_LOG [--expect SUITE ...]

One line per test case (suite.case) on stdout:
    PASS: omega_vgpu_wire.omega_vgpu_wire_hdr
    FAIL: omega_vgpu_wire.omega_vgpu_wire_mem_entries_addr_wrap <why>
    SKIP: <suite>.<case> <reason>
A parameterised case is one line; its failing parameters are named in the
reason.  A suite that started but never reported its result (the kernel
crashed or the run timed out) gives a FAIL for the suite and for every case
it had not finished; an --expect'ed suite that never started gives a FAIL.
Exit status: 0 when every line is PASS or SKIP, 1 otherwise.

KTAP as KUnit prints it: a suite's lines are indented 4 spaces, its cases'
parameter lines 8; "# Subtest: NAME" opens a (sub)test, "ok N NAME" or
"not ok N NAME [# SKIP reason]" closes it.  Console lines carry a printk
timestamp and may be interleaved with unrelated kernel messages.
"""
import argparse
import re
import sys

TIMESTAMP = re.compile(r'^(\[\s*\d+\.\d+\])\s?')
RESULT = re.compile(r'^(not ok|ok) (\d+)(?: ([^#]*?))?\s*(?:#\s*(SKIP|TODO)\b\s*(.*))?$')
SUBTEST = re.compile(r'^# Subtest: (.+)$')
SUMMARY = re.compile(r'^# (?:Totals|[\w.]+): pass:\d+ fail:\d+')
NOISE = re.compile(r'^(KTAP version \d+|TAP version \d+|1\.\.\d+|# module: .*|)$')
MAX_REASON = 300


def strip(line):
    """Split off the printk timestamp; keep indentation."""
    line = line.rstrip('\r\n')
    m = TIMESTAMP.match(line)
    if not m:
        return None, line
    return m.group(1), line[m.end():]


class Case:
    def __init__(self, name):
        self.name = name
        self.status = None      # 'PASS', 'FAIL', 'SKIP'
        self.reason = ''
        self.diag = []          # diagnostic lines seen while it ran
        self.failed_params = []


class Suite:
    def __init__(self, name):
        self.name = name
        self.cases = []         # in order of appearance
        self.done = False
        self.status = None
        self.current = None     # case whose lines we are inside


def parse(lines):
    suites = []
    suite = None
    diag_stamp = None
    for raw in lines:
        stamp, line = strip(raw)
        body = line.lstrip(' ')
        depth = (len(line) - len(body)) // 4

        m = SUBTEST.match(body)
        if m:
            if depth == 1:
                suite = Suite(m.group(1).strip())
                suites.append(suite)
            elif depth == 2 and suite:
                suite.current = Case(m.group(1).strip())
            continue

        m = RESULT.match(body)
        if m:
            ok = m.group(1) == 'ok'
            name = (m.group(3) or '').strip()
            skip = m.group(4) == 'SKIP'
            if depth == 0 and suite and name == suite.name:
                suite.done = True
                suite.status = 'SKIP' if skip else ('PASS' if ok else 'FAIL')
                suite.skip_reason = m.group(5) or ''
                suite = None
            elif depth == 1 and suite:
                case = suite.current
                if case is None or case.name != name:
                    case = Case(name)
                    if suite.current:
                        case.diag = suite.current.diag
                case.status = 'SKIP' if skip else ('PASS' if ok else 'FAIL')
                if skip:
                    case.reason = m.group(5) or ''
                suite.cases.append(case)
                suite.current = None
            elif depth == 2 and suite and suite.current and not ok and not skip:
                suite.current.failed_params.append(name)
            continue

        if suite is None or SUMMARY.match(body) or NOISE.match(body.strip()):
            continue
        # Diagnostics (assertion messages) are indented like the results;
        # a message's continuation lines are not, but share its timestamp.
        if depth >= 1 or (stamp and stamp == diag_stamp):
            if suite.current is None:
                suite.current = Case(None)
            suite.current.diag.append(body.lstrip('# ').strip())
            diag_stamp = stamp
    return suites


def reason_for(case):
    parts = []
    if case.failed_params:
        parts.append('failed params: ' + ', '.join(case.failed_params))
    prefix = f'{case.name}: '
    diag = [d[len(prefix):] if d.startswith(prefix) else d
            for d in case.diag if d]
    if diag:
        parts.append(' | '.join(diag))
    text = '; '.join(parts) or 'failed (no diagnostics)'
    if len(text) > MAX_REASON:
        text = text[:MAX_REASON - 3] + '...'
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('log')
    ap.add_argument('--expect', nargs='*', default=[],
                    help='suites that must appear')
    args = ap.parse_args()

    with open(args.log, encoding='utf-8', errors='replace') as f:
        suites = parse(f)

    out = []
    seen = set()
    for s in suites:
        seen.add(s.name)
        for c in s.cases:
            name = f'{s.name}.{c.name}'
            if c.status == 'FAIL':
                out.append(f'FAIL: {name} {reason_for(c)}')
            elif c.status == 'SKIP':
                out.append(f'SKIP: {name} {c.reason or "skipped"}')
            else:
                out.append(f'PASS: {name}')
        if not s.done:
            if s.current is not None and s.current.name:
                out.append(f'FAIL: {s.name}.{s.current.name} did not finish '
                           '(kernel crash, hang or timeout)')
            out.append(f'FAIL: {s.name} suite did not finish '
                       '(kernel crash, hang or timeout)')
        elif not s.cases:
            if s.status == 'SKIP':
                out.append(f'SKIP: {s.name} {s.skip_reason or "skipped"}')
            elif s.status == 'FAIL':
                out.append(f'FAIL: {s.name} suite failed (init error?)')
    for name in args.expect:
        if name not in seen:
            out.append(f'FAIL: {name} suite never ran')
    if not suites and not args.expect:
        out.append('FAIL: kunit no KTAP suites found in the log')

    for line in out:
        print(line)
    return 0 if all(not l.startswith('FAIL') for l in out) else 1


if __name__ == '__main__':
    sys.exit(main())
