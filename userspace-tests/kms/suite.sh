#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KMS feature tests (issue #5) for scripts/check.sh: one guest boot per
# kernel (6.1, 6.12 and the debug kernel) runs every test of
# userspace-tests/kms (payload.sh) with two outputs, QEMU's VNC server on a unix socket (driven by rfb_helper.py for
# the resize and read for the cursor image) and QEMU's cursor trace; then
# kms_check.py checks screendumps, trace and VNC log on the host.
#
# Prints, per kernel:
#   PASS: <kver>/<name>
#   FAIL: <kver>/<name> <why>
#   SKIP: <kver>/<name> <why>
# Exit status 0 if nothing failed.
#
# Environment:
#   OMEGA_KVER_61, OMEGA_KVER_612  kernel versions (default: newest installed)
#   OMEGA_RESULTS                  results root (default <repo>/results);
#                                  files go to $OMEGA_RESULTS/kms/<kver>/
#   OMEGA_KMS_TIMEOUT              guest timeout in seconds (default 400)
#   OMEGA_KMS_DEBUG                0: not on the debug kernel (default 1)

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCDIR=$(cd "$HERE/../.." && pwd)
RESULTS=${OMEGA_RESULTS:-$SRCDIR/results}/kms
TIMEOUT=${OMEGA_KMS_TIMEOUT:-400}
PROGS="kms_cursor kms_multihead kms_hotplug kms_vblank kms_damage kms_prime kms_lease"
failed=0

newest() {
	ls -d /lib/modules/"$1".*-amd64 2>/dev/null | sed 's|.*/||' | sort -V | tail -n 1
}
KVER_61=${OMEGA_KVER_61:-$(newest 6.1)}
KVER_612=${OMEGA_KVER_612:-$(newest 6.12)}

note() { echo "kms: $*" >&2; }

# Result lines of a run, prefixed with the kernel; FAIL sets the status.
report() {
	local kver=$1 line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		PASS:\ *|FAIL:\ *|SKIP:\ *)
			echo "${line%%: *}: $kver/${line#*: }"
			[ "${line%%:*}" = FAIL ] && failed=1
			;;
		esac
	done
}

vgem_ko() {
	ls /lib/modules/"$1"/kernel/drivers/gpu/drm/vgem/vgem.ko* 2>/dev/null | head -n 1
}

run_kernel() {
	local kver=$1 out=$RESULTS/$1 rc=0 vgem helper bins=() p why sock
	local ko=$SRCDIR/out/$kver/omega_vgpu.ko kargs=(--kver "$1") dbuild

	rm -rf "$out"
	mkdir -p "$out"
	if [ "$kver" = debug ]; then
		# The debug kernel (KASAN, lockdep, kmemleak, DMA-API and dma-buf
		# debugging): its splats fail the run through the harness.
		if ! dbuild=$("$SRCDIR/scripts/debug-kernel.sh" --print-build-dir \
			2> "$out/debug-kernel.log") ||
			! make -s -C "$SRCDIR" module-kver KVER=debug KDIR="$dbuild" \
			> "$out/debug-build.log" 2>&1; then
			echo "FAIL: debug/kms.module debug kernel or module build failed (see $out)"
			failed=1
			return
		fi
		vgem=$dbuild/drivers/gpu/drm/vgem/vgem.ko
		[ -f "$vgem" ] || vgem=
		kargs=(--kernel debug)
	elif [ -z "$kver" ] || [ ! -d "/lib/modules/$kver" ]; then
		echo "SKIP: ${kver:-?}/kms no such kernel installed"
		return
	elif [ ! -f "$ko" ]; then
		echo "FAIL: $kver/kms.module $ko missing (make module-all)"
		failed=1
		return
	else
		vgem=$(vgem_ko "$kver")
	fi
	for p in $PROGS; do
		bins+=(--bin "$HERE/build/$p")
	done
	# AF_UNIX paths end at 108 bytes and the results tree can be deeper
	# than that (a CI clone, the dma suite's nested runs): the socket lives
	# in a short private directory instead.
	sock=$(mktemp -d /tmp/omkms.XXXXXX)/vnc.sock
	# The VNC client waits for QEMU's socket and ends when QEMU does; it is
	# restarted until the run is over, because omega-vm boots a second QEMU
	# (same socket path) when the kernel fails before /init.
	: > "$out/rfb_helper.log"
	(
		while [ ! -e "$out/vnc.stop" ]; do
			python3 "$HERE/rfb_helper.py" --socket "$sock" --dir "$out" \
				--log "$out/vnc.jsonl" --wait 120 2>> "$out/rfb_helper.log"
			sleep 0.5
		done
	) &
	helper=$!
	note "booting $kver"
	"$SRCDIR/tools/omega-vm" --out "$out" "${kargs[@]}" --driver omega \
		--outputs 2 --xres 1280 --yres 800 --timeout "$TIMEOUT" \
		${vgem:+--module "$vgem"} "${bins[@]}" \
		--payload "$HERE/payload.sh" -q \
		--qemu-arg=-vnc --qemu-arg="unix:$sock" \
		--qemu-arg=-trace \
		--qemu-arg="enable=virtio_gpu_update_cursor,file=$out/qemu-trace.log" \
		> "$out/omega-vm.log" 2>&1 || rc=$?
	sleep 1
	touch "$out/vnc.stop"
	pkill -f "rfb_helper.py --socket $sock" 2> /dev/null || true
	wait "$helper" 2> /dev/null
	rm -rf "${sock%/vnc.sock}"
	[ -n "$vgem" ] || echo "FAIL: $kver/prime.vgem_module no vgem.ko for $kver"
	[ -n "$vgem" ] || failed=1

	[ -s "$out/payload.log" ] && report "$kver" < "$out/payload.log"
	python3 "$HERE/kms_check.py" "$out" > "$out/host-check.log" 2>&1
	report "$kver" < "$out/host-check.log"
	# The harness's own last words say why a run produced nothing.
	why=$(grep -v '^ ' "$out/omega-vm.log" 2> /dev/null | tail -n 1)
	if [ ! -s "$out/payload.log" ] && { [ "$rc" = 0 ] || [ "$rc" = 1 ]; }; then
		echo "FAIL: $kver/kms.boot no payload output (omega-vm status $rc: $why)"
		failed=1
		rc=-1
	fi
	case $rc in
	-1) ;;
	0|1) echo "PASS: $kver/kms.boot" ;;
	124) echo "FAIL: $kver/kms.boot guest timed out after ${TIMEOUT}s"; failed=1 ;;
	125) echo "FAIL: $kver/kms.boot kernel splat, see $out/console.log"; failed=1 ;;
	*) echo "FAIL: $kver/kms.boot omega-vm status $rc: $why"; failed=1 ;;
	esac
	# A payload that stopped early leaves programs without any result line.
	for p in $PROGS; do
		grep -q "^=== $p" "$out/payload.log" ||
			{ echo "FAIL: $kver/${p#kms_}.ran never started"; failed=1; }
	done
}

main() {
	mkdir -p "$RESULTS"
	if ! make -C "$HERE" > "$RESULTS/build.log" 2>&1; then
		echo "FAIL: kms.build $(grep -m 1 error "$RESULTS/build.log")"
		return 1
	fi
	echo "PASS: kms.build"
	run_kernel "$KVER_61"
	run_kernel "$KVER_612"
	[ "${OMEGA_KMS_DEBUG:-1}" = 0 ] || run_kernel debug
	return $failed
}

main "$@"
