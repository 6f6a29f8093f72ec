#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make coverage: line coverage of the driver on the debug kernel (gcov).
#   1. the KUnit suites (kunit/coverage.sh) cover the pure helpers;
#   2. the driver module, built with GCOV_PROFILE, runs the userspace tests,
#      the debugfs files, the fault knob and a suspend/resume cycle.
# A line counts as covered when either run executed it.  Prints one line per
# source file and a total.

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$SRCDIR"
RES=${OMEGA_RESULTS:-$SRCDIR/results}/coverage
mkdir -p "$RES"
rm -rf "$RES"/gcov "$RES"/kunit
mkdir -p "$RES/gcov"

BUILD=$(scripts/debug-kernel.sh --print-build-dir)

# 1. KUnit
OMEGA_RESULTS=$RES kunit/coverage.sh > "$RES/kunit.txt" ||
	echo "coverage: KUnit coverage run reported a problem (see $RES/kunit.txt)" >&2

# 2. The driver module under a userspace workload
make -s module-kver KVER=debug KDIR="$BUILD" >/dev/null
make -s -C userspace-tests >/dev/null
make -s -C userspace-tests/kms >/dev/null
make -s -C userspace-tests/arl >/dev/null
make -s -C tools/omega-arl >/dev/null
bins=(--bin tools/omega-arl/omega-arl --file userspace-tests/arl/guest.sh:/arl-guest.sh)
for b in userspace-tests/build/* userspace-tests/kms/build/* userspace-tests/arl/build/*; do
	[ -x "$b" ] && bins+=(--bin "$b")
done
rc=0
tools/omega-vm --out "$RES/vm" --kernel debug --driver omega --mem 2048 \
	--timeout 900 -q "${bins[@]}" --payload scripts/coverage-payload.sh || rc=$?
if [ "$rc" != 0 ]; then
	echo "coverage: the driver run failed (exit $rc, see $RES/vm/console.log)" >&2
	exit 1
fi
sed -n '/OMEGA_GCOV_BEGIN/,/OMEGA_GCOV_END/p' "$RES/vm/payload.log" |
	sed -e '1d' -e '$d' | tr -d '\r' | base64 -d | gzip -d |
	tar -xf - -C out/debug
(cd "$RES/gcov" && for g in "$SRCDIR"/out/debug/*.gcda; do
	gcov -p -o "$SRCDIR/out/debug" "$g" >/dev/null 2>&1 || true
done)

python3 - "$RES/gcov" "$RES/kunit/gcov" <<'PY'
import glob, os, sys

lines = {}
for d in sys.argv[1:]:
    for path in glob.glob(os.path.join(d, '*.gcov')):
        src = os.path.basename(path[:-len('.gcov')].replace('#', '/'))
        if not (src.startswith('omega_vgpu_') and src.endswith('.c')) \
                or src.endswith('_test.c') or src == 'omega_vgpu_kunit_mod.c':
            continue
        with open(path, encoding='utf-8', errors='replace') as f:
            for row in f:
                count, _, rest = row.partition(':')
                num = rest.partition(':')[0].strip()
                count = count.strip()
                if count == '-' or not num.isdigit():
                    continue
                key = (src, int(num))
                lines[key] = lines.get(key, False) or count not in ('#####', '=====')
if not lines:
    sys.exit('coverage: no gcov data')
tot = hit = 0
for f in sorted({k[0] for k in lines}):
    t = sum(1 for k in lines if k[0] == f)
    h = sum(1 for k, v in lines.items() if k[0] == f and v)
    tot += t
    hit += h
    print(f'COVERAGE: {f:28s} {100.0 * h / t:6.2f}% of {t} lines')
print(f'COVERAGE: {"total":28s} {100.0 * hit / tot:6.2f}% of {tot} lines')
PY
