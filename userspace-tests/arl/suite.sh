#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARL suite for scripts/check.sh: build arl_test, boot one guest per kernel
# running guest.sh (cgroup2, unprivileged containers, render node), relay
# its result lines and check its screendump pixel by pixel (check_arl.py).
#
# Prints PASS:/FAIL:/SKIP: <kernel>/<name> [why] lines; exits 1 on any FAIL.
#
# Environment:
#   OMEGA_KVER_61      6.1 kernel version (default: the harness's choice)
#   OMEGA_KVER_612     6.12 kernel version (default: the harness's choice)
#   OMEGA_RESULTS      directory for logs and screendumps
#                      (default: <repo>/results/arl)
#   OMEGA_ARL_KERNELS  kernels to run (default "6.1 6.12")

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VM="$ROOT/tools/omega-vm"
RESULTS=${OMEGA_RESULTS:-$ROOT/results/arl}
KERNELS=${OMEGA_ARL_KERNELS:-6.1 6.12}
failed=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 $2"; failed=1; }

mkdir -p "$RESULTS"
if ! { make -C "$HERE" && make -C "$ROOT/tools/omega-arl"; } \
	> "$RESULTS/build.log" 2>&1; then
	fail "arl/build" "make failed (see $RESULTS/build.log)"
	exit 1
fi
pass "arl/build"

for k in $KERNELS; do
	out="$RESULTS/$k"
	rm -rf "$out"
	mkdir -p "$out"
	case "$k" in
	6.1) kver=${OMEGA_KVER_61:-} ;;
	6.12) kver=${OMEGA_KVER_612:-} ;;
	*) kver= ;;
	esac
	kargs=(--kernel "$k")
	[ -n "$kver" ] && kargs=(--kver "$kver")
	"$VM" --out "$out" "${kargs[@]}" --driver omega --xres 1280 \
		--yres 800 --bin "$HERE/build/arl_test" \
		--bin "$ROOT/tools/omega-arl/omega-arl" \
		--payload "$HERE/guest.sh" --timeout 300 \
		> "$out/harness.log" 2>&1
	status=$?

	log="$out/payload.log"
	nfail=0
	if [ -f "$log" ]; then
		sed -n -e "s#^PASS: #PASS: $k/#p" -e "s#^SKIP: #SKIP: $k/#p" \
			-e "s#^FAIL: #FAIL: $k/#p" "$log"
		nfail=$(grep -c '^FAIL: ' "$log")
	fi
	[ "$nfail" = 0 ] || failed=1
	case "$status" in
	0) pass "$k/arl.guest" ;;
	124) fail "$k/arl.guest" "timeout (see $out/console.log)" ;;
	125) fail "$k/arl.guest" "kernel splat (see $out/harness.log)" ;;
	*) fail "$k/arl.guest" "exit status $status, $nfail failed check(s) (see $out/harness.log)" ;;
	esac

	if [ ! -f "$out/arl-present.ppm" ]; then
		fail "$k/arl.pixels.host" "no screendump arl-present.ppm"
	else
		res=$(python3 "$HERE/check_arl.py" "$out/arl-present.ppm" 2>&1 | tail -n 1)
		if [ "${res#ok:}" != "$res" ]; then
			pass "$k/arl.pixels.host"
		else
			fail "$k/arl.pixels.host" "$res"
		fi
	fi
done

exit $failed
