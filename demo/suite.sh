#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo pipeline as a test (issue #9), for scripts/check.sh: per kernel,
# scripts/demo.sh headless with two outputs (modetest's SMPTE pattern on head
# 0, its tiles pattern on head 1, the ARGB cursor moving over head 0, kmscube
# on Mesa's software rasterizer), then demo/demo_images.py's checks of every
# screenshot: SMPTE colours at the bar centres, head 1 different, the arrow's
# pixels at the pointer (and the pattern intact under it, the pointer
# positions seen by QEMU, the hotspot its VNC server reports), kmscube frames
# with many colours that change from frame to frame, and a frame rate.
#
# Prints, per kernel:
#   PASS: <kver>/demo.<check>
#   FAIL: <kver>/demo.<check> <why>
#   SKIP: <kver>/demo <why>
# Exit status 0 if nothing failed.
#
# Environment:
#   OMEGA_KVER_61, OMEGA_KVER_612  kernel versions (default: newest installed)
#   OMEGA_RESULTS                  results root (default <repo>/results);
#                                  each run's files go to $OMEGA_RESULTS/demo/<kver>/
#   OMEGA_DEMO_OUTPUTS             outputs (default 2)

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCDIR=$(cd "$HERE/.." && pwd)
RESULTS=${OMEGA_RESULTS:-$SRCDIR/results}/demo
OUTPUTS=${OMEGA_DEMO_OUTPUTS:-2}
failed=0

newest() {
	ls -d /lib/modules/"$1".*-amd64/build 2>/dev/null | cut -d/ -f4 | sort -V | tail -n 1
}
KVER_61=${OMEGA_KVER_61:-$(newest 6.1)}
KVER_612=${OMEGA_KVER_612:-$(newest 6.12)}

run_kernel() {
	local series=$1 kver=$2 out rc=0 t0 line
	if [ -z "$kver" ] || [ ! -d "/lib/modules/$kver" ]; then
		echo "SKIP: ${kver:-$series}/demo no $series kernel installed"
		return
	fi
	if [ ! -f "$SRCDIR/out/$kver/omega_vgpu.ko" ]; then
		echo "FAIL: $kver/demo.module out/$kver/omega_vgpu.ko missing (make module-all)"
		failed=1
		return
	fi
	out=$RESULTS/$kver
	mkdir -p "$out"
	t0=$(date +%s)
	DEMO_SKIP_SETUP=1 DEMO_SKIP_BUILD=1 DEMO_KERNEL=$series DEMO_KVER=$kver \
		DEMO_OUTPUTS=$OUTPUTS DEMO_XRES=1280 DEMO_YRES=800 DEMO_OUT=$out/run \
		"$SRCDIR/scripts/demo.sh" > "$out/demo.log" 2>&1 || rc=$?
	echo "demo: $kver took $(($(date +%s) - t0)) s, $(grep 'demo: kmscube:' "$out/demo.log")" >&2
	if [ ! -f "$out/run/checks.txt" ]; then
		echo "FAIL: $kver/demo.run scripts/demo.sh stopped early (status $rc), see $out/demo.log"
		failed=1
		return
	fi
	while IFS= read -r line; do
		case "$line" in
		PASS:\ *) echo "PASS: $kver/demo.${line#PASS: }" ;;
		FAIL:\ *) echo "FAIL: $kver/demo.${line#FAIL: }"; failed=1 ;;
		esac
	done < "$out/run/checks.txt"
	# A step that failed outside the checks (a guest timeout, a splat).
	if [ "$rc" != 0 ] && ! grep -q '^FAIL:' "$out/run/checks.txt"; then
		echo "FAIL: $kver/demo.run scripts/demo.sh status $rc, see $out/demo.log"
		failed=1
	fi
}

main() {
	mkdir -p "$RESULTS"
	if ! make -s -C "$HERE" > "$RESULTS/build.log" 2>&1; then
		echo "FAIL: demo.build $(grep -m 1 error "$RESULTS/build.log")"
		return 1
	fi
	echo "PASS: demo.build"
	run_kernel 6.1 "$KVER_61"
	run_kernel 6.12 "$KVER_612"
	return $failed
}

main "$@"
