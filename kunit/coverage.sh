#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Line coverage of the driver code exercised by the KUnit suites.
#
#   kunit/coverage.sh            run kunit/suite.sh with gcov, then report
#   kunit/coverage.sh --no-run   report on the last OMEGA_KUNIT_GCOV=1 run
#
# omega_vgpu_kunit.ko is built with GCOV_PROFILE := y against the debug
# kernel (CONFIG_GCOV_KERNEL=y).  With omega_gcov=1 on the kernel command
# line, kunit/payload.sh copies the module's .gcda files out of
# /sys/kernel/debug/gcov and prints them base64-encoded between
# OMEGA_GCOV_BEGIN/END; this script unpacks them next to the .gcno files
# and runs gcov.  Prints one line per driver source file:
#
#   COVERAGE: omega_vgpu_damage.c 97.30% of 74 lines
#
# and writes gcov's annotated sources (*.gcov) to $OMEGA_RESULTS/kunit/gcov/.
# The tests #include the driver files, so gcc may inline a function into
# every caller; the never-called out-of-line copy then leaves its opening
# and closing lines at 0 although the body ran (look for ##### there).

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${OMEGA_RESULTS:-$SRCDIR/results}/kunit
BUILD=$RESULTS/build
OUT=$RESULTS/gcov

run=1
case "${1:-}" in
"") ;;
--no-run) run=0 ;;
*) echo "usage: $0 [--no-run]" >&2; exit 2 ;;
esac

mkdir -p "$RESULTS"
if [ $run -eq 1 ]; then
	# The suite's verdict is not the point here; report coverage anyway.
	OMEGA_KUNIT_GCOV=1 "$SRCDIR/kunit/suite.sh" > "$RESULTS/coverage-run.txt" ||
		echo "coverage: kunit/suite.sh reported failures (see $RESULTS/coverage-run.txt)" >&2
fi

# Prefer the harness' payload-only log (no kernel messages interleaved).
log=$RESULTS/vm/payload.log
[ -s "$log" ] && grep -q OMEGA_GCOV_BEGIN "$log" || log=$RESULTS/console.log
if ! grep -q OMEGA_GCOV_BEGIN "$log" 2>/dev/null; then
	echo "coverage: no gcov dump in $log (run with OMEGA_KUNIT_GCOV=1)" >&2
	exit 1
fi

rm -rf "$OUT"
mkdir -p "$OUT"
sed -n '/OMEGA_GCOV_BEGIN/,/OMEGA_GCOV_END/p' "$log" |
	sed -e '1d' -e '$d' -e 's/^\[[ 0-9.]*\] //' | tr -d '\r' |
	base64 -d | gzip -d | tar -xf - -C "$BUILD"

cd "$OUT"
for gcda in "$BUILD"/*.gcda; do
	[ -e "$gcda" ] || { echo "coverage: no .gcda files" >&2; exit 1; }
	gcov -p -o "$BUILD" "$gcda" > /dev/null 2>&1 ||
		echo "coverage: gcov failed on $gcda" >&2
done

# gcov -p names outputs after the source path with '/' as '#'.  Count the
# lines of each driver source over all test objects that include it.
python3 - "$SRCDIR" <<'EOF'
import glob
import os
import sys

srcdir = sys.argv[1]
lines = {}      # (file, line) -> executed?
for path in glob.glob('*.gcov'):
    src = os.path.basename(path[:-len('.gcov')].replace('#', '/'))
    if not (src.startswith('omega_vgpu_') and src.endswith('.c')) \
            or src.endswith('_test.c') or src == 'omega_vgpu_kunit_mod.c':
        continue
    with open(path, encoding='utf-8', errors='replace') as f:
        for row in f:
            count, _, rest = row.partition(':')
            num, _, _ = rest.partition(':')
            count = count.strip()
            if count == '-' or not num.strip().isdigit():
                continue
            key = (src, int(num))
            hit = count not in ('#####', '=====')
            lines[key] = lines.get(key, False) or hit
files = sorted({f for f, _ in lines})
if not files:
    print('coverage: gcov produced no driver sources', file=sys.stderr)
    sys.exit(1)
for f in files:
    total = sum(1 for k in lines if k[0] == f)
    hit = sum(1 for k, v in lines.items() if k[0] == f and v)
    print(f'COVERAGE: {f} {100.0 * hit / total:.2f}% of {total} lines')
EOF
echo "coverage: annotated sources in $OUT" >&2
