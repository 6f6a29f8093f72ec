#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, build omega_vgpu for Debian's 6.1 and
# 6.12 kernels, run every test suite in QEMU guests, and aggregate.
#
# Suite protocol: a suite is an executable listed in SUITES below.  It prints
# result lines on stdout:
#     PASS: <name>
#     FAIL: <name> <why>
#     SKIP: <name> <why>
# and gets OMEGA_KVER_61, OMEGA_KVER_612 (kernel versions) and OMEGA_RESULTS
# (its own results directory) in the environment.  A suite that exits
# non-zero without printing any FAIL counts as one FAIL named after it.
#
# All output is kept under results/check-<timestamp>/.  The last line printed
# is "N passed, N failed" (", N skipped" when there are skipped tests).
#
# Environment: OMEGA_SUITES="a/suite.sh b/suite.sh" runs only those suites;
# OMEGA_SUITE_TIMEOUT (seconds, default 3600) bounds each suite;
# OMEGA_SKIP_SETUP=1 skips scripts/setup.sh.

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$SRCDIR"

# In order.  Suites that do not exist (yet) are reported and not counted.
SUITES=(
	scripts/quality.sh
	tools/selftest/suite.sh
	userspace-tests/suite.sh
	userspace-tests/kms/suite.sh
	userspace-tests/arl/suite.sh
	userspace-tests/virgl/suite.sh
	userspace-tests/observability/suite.sh
	userspace-tests/dma/suite.sh
	userspace-tests/reliability/suite.sh
	kunit/suite.sh
	packaging/suite.sh
	demo/suite.sh
)
if [ -n "${OMEGA_SUITES:-}" ]; then
	read -r -a SUITES <<<"$OMEGA_SUITES"
fi
SUITE_TIMEOUT=${OMEGA_SUITE_TIMEOUT:-3600}

start_all=$(date +%s)
stamp=$(date +%Y%m%d-%H%M%S)
RESULTS=$SRCDIR/results/check-$stamp
mkdir -p "$RESULTS"
ln -sfn "check-$stamp" "$SRCDIR/results/check-latest"

pass_total=0
fail_total=0
skip_total=0
summary=()

banner() { echo; echo "=== $* ==="; }

# count <name> <stdout file> <exit status> <seconds>: add a suite's results.
count() {
	local name=$1 file=$2 rc=$3 secs=$4 p f s
	p=$(grep -c '^PASS: ' "$file" || true)
	f=$(grep -c '^FAIL: ' "$file" || true)
	s=$(grep -c '^SKIP: ' "$file" || true)
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL: $name exited with status $rc without reporting a failure" |
			tee -a "$file"
		f=1
	fi
	pass_total=$((pass_total + p))
	fail_total=$((fail_total + f))
	skip_total=$((skip_total + s))
	summary+=("$(printf '%-28s %3d passed, %3d failed, %3d skipped  (%ds, exit %s)' \
		"$name" "$p" "$f" "$s" "$secs" "$rc")")
}

# --- setup ---
if [ "${OMEGA_SKIP_SETUP:-0}" != 1 ]; then
	banner "setup"
	scripts/setup.sh 2>&1 | tee "$RESULTS/setup.log"
fi

newest_kver() { # newest_kver 6.1 -> newest installed kernel with headers
	local d
	d=$(ls -d /lib/modules/"$1".*-amd64/build 2>/dev/null | sort -V | tail -1)
	[ -z "$d" ] || basename "$(dirname "$d")"
}
OMEGA_KVER_61=$(newest_kver 6.1)
OMEGA_KVER_612=$(newest_kver 6.12)
export OMEGA_KVER_61 OMEGA_KVER_612
echo "kernels: 6.1=${OMEGA_KVER_61:-none} 6.12=${OMEGA_KVER_612:-none}"

# --- build: one result per kernel ---
banner "build (make module-all)"
build_out=$RESULTS/build.out
: >"$build_out"
t0=$(date +%s)
for kver in "$OMEGA_KVER_61" "$OMEGA_KVER_612"; do
	if [ -z "$kver" ]; then
		echo "FAIL: build-missing-kernel a 6.1 or 6.12 kernel with headers is not installed" |
			tee -a "$build_out"
		continue
	fi
	if make -C "$SRCDIR" module-kver KVER="$kver" KDIR="/lib/modules/$kver/build" \
		>"$RESULTS/build-$kver.log" 2>&1; then
		echo "PASS: build-$kver" | tee -a "$build_out"
	else
		tail -20 "$RESULTS/build-$kver.log"
		echo "FAIL: build-$kver see results/check-$stamp/build-$kver.log" | tee -a "$build_out"
	fi
	# Compiler warnings count as a failure of their own.
	if grep -q 'warning:' "$RESULTS/build-$kver.log"; then
		grep 'warning:' "$RESULTS/build-$kver.log" | head -10
		echo "FAIL: build-warnings-$kver compiler warnings in build-$kver.log" |
			tee -a "$build_out"
	fi
done
count build "$build_out" 0 $(($(date +%s) - t0))

# --- suites ---
for suite in "${SUITES[@]}"; do
	name=$(dirname "$suite" | tr '/' '-')
	if [ ! -x "$suite" ]; then
		echo "(suite $suite not present: not run)"
		summary+=("$(printf '%-28s not present' "$name")")
		continue
	fi
	banner "suite $suite"
	dir=$RESULTS/$name
	mkdir -p "$dir"
	t0=$(date +%s)
	set +e
	OMEGA_RESULTS=$dir timeout --kill-after=30 "$SUITE_TIMEOUT" "./$suite" \
		2> >(tee "$dir/stderr.log" >&2) | tee "$dir/stdout.log"
	rc=${PIPESTATUS[0]}
	set -e
	[ "$rc" != 124 ] || echo "FAIL: $name timed out after ${SUITE_TIMEOUT}s" | tee -a "$dir/stdout.log"
	count "$name" "$dir/stdout.log" "$rc" $(($(date +%s) - t0))
done

# --- summary ---
banner "summary (results/check-$stamp, $(($(date +%s) - start_all))s)"
printf '%s\n' "${summary[@]}" | tee "$RESULTS/summary.txt"
grep -h '^FAIL: ' "$build_out" "$RESULTS"/*/stdout.log 2>/dev/null | sed 's/^/  /' || true
last="$pass_total passed, $fail_total failed"
[ "$skip_total" = 0 ] || last="$last, $skip_total skipped"
echo "$last" >>"$RESULTS/summary.txt"
echo "$last"
[ "$fail_total" = 0 ]
