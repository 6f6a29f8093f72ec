#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KUnit suite for scripts/check.sh.  Builds the debug kernel (cached, see
# scripts/debug-kernel.sh), builds omega_vgpu_kunit.ko and the driver
# against it, boots the kernel with the KUnit module, and prints one line
# per KUnit test case:
#
#   PASS: <suite>.<case>
#   FAIL: <suite>.<case> <why>
#   SKIP: <suite>.<case> <why>
#
# plus lines for the steps around them (omega_vgpu_kunit.build,
# .driver_build, .boot, .kmemleak, .splat).  Exit status 0 if nothing failed.
#
# Environment:
#   OMEGA_RESULTS       results root (default: <repo>/results); files go to
#                       $OMEGA_RESULTS/kunit/
#   OMEGA_KUNIT_DIRECT  1: boot QEMU directly instead of tools/omega-vm
#                       (automatic when the harness is missing)
#   OMEGA_KUNIT_GCOV    1: dump gcov data for kunit/coverage.sh
#   OMEGA_KUNIT_TIMEOUT guest timeout in seconds (default 600)

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${OMEGA_RESULTS:-$SRCDIR/results}/kunit
TIMEOUT=${OMEGA_KUNIT_TIMEOUT:-600}
GCOV=${OMEGA_KUNIT_GCOV:-0}
KO_NAME=omega_vgpu_kunit
failed=0

pass() { echo "PASS: $KO_NAME.$1"; }
fail() { echo "FAIL: $KO_NAME.$1 $2"; failed=1; }
note() { echo "kunit: $*" >&2; }

ensure_packages() {
	local missing=() p
	for p in qemu-system-x86 busybox-static cpio gzip python3 make gcc; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	note "installing ${missing[*]}"
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
		--no-install-recommends "${missing[@]}" >&2
}

# The suites the sources declare; each must show up in the log.
expected_suites() {
	sed -n 's/^[[:space:]]*\.name = "\(omega_vgpu_[a-z0-9_]*\)",$/\1/p' \
		"$SRCDIR"/kunit/*_test.c
}

# Build the KUnit module from a copy of kunit/ so the source tree stays
# clean and gcov's .gcno files land next to the objects in $RESULTS.
build_kunit_module() {
	local kdir=$1 bdir=$RESULTS/build
	rm -rf "$bdir"
	mkdir -p "$bdir"
	cp "$SRCDIR"/kunit/Kbuild "$SRCDIR"/kunit/*.c "$bdir"/
	make -C "$kdir" M="$bdir" OMEGA_SRC="$SRCDIR" modules \
		> "$RESULTS/build.log" 2>&1
}

# Boot without the harness: busybox initramfs, kunit/payload.sh as init's
# work, console to a file.  Returns the payload's status, 124 on timeout.
boot_direct() {
	local kdir=$1 ko=$2 console=$3 root=$RESULTS/initramfs rc
	rm -rf "$root"
	mkdir -p "$root"/{bin,proc,sys,dev,tmp}
	cp /bin/busybox "$root/bin/busybox"
	cp "$ko" "$root/$KO_NAME.ko"
	cp "$SRCDIR/kunit/payload.sh" "$root/payload.sh"
	cat > "$root/init" <<-'EOF'
	#!/bin/busybox sh
	/bin/busybox --install -s /bin
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev 2>/dev/null
	mount -t debugfs debugfs /sys/kernel/debug
	sh /payload.sh
	echo "OMEGA_PAYLOAD_EXIT=$?"
	poweroff -f
	EOF
	chmod +x "$root/init"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) \
		> "$RESULTS/initramfs.cpio.gz"
	local append="console=ttyS0 panic=-1 oops=panic"
	[ "$GCOV" = 1 ] && append+=" omega_gcov=1"
	rc=0
	timeout "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 2048 -smp 2 \
		-nographic -no-reboot -display none -vga none -net none \
		-serial "file:$console" -monitor none \
		-kernel "$kdir/arch/x86/boot/bzImage" \
		-initrd "$RESULTS/initramfs.cpio.gz" -append "$append" \
		> "$RESULTS/qemu.log" 2>&1 || rc=$?
	[ $rc -eq 124 ] && return 124
	rc=$(sed -n 's/^OMEGA_PAYLOAD_EXIT=\([0-9]*\).*/\1/p' "$console" | tail -n 1)
	return "${rc:-1}"
}

# Boot through the project harness.  Returns its status.
boot_harness() {
	local ko=$1 console=$2 out=$RESULTS/vm rc=0
	local extra=()
	[ "$GCOV" = 1 ] && extra+=(--append omega_gcov=1)
	rm -rf "$out"
	"$SRCDIR/tools/omega-vm" --out "$out" --kernel debug --driver none \
		--module "$ko" --payload "$SRCDIR/kunit/payload.sh" \
		--mem 2048 --timeout "$TIMEOUT" "${extra[@]}" \
		> "$RESULTS/omega-vm.log" 2>&1 || rc=$?
	if [ -f "$out/console.log" ]; then
		cp "$out/console.log" "$console"
	else
		cat "$RESULTS/omega-vm.log" > "$console"
	fi
	return $rc
}

# Kernel splats in a console log (the harness checks too; this is for
# direct boots).
find_splat() {
	grep -m 1 -E 'BUG:|WARNING:|Oops|Kernel panic|KASAN|UBSAN|possible recursive locking|circular locking|inconsistent lock state|INFO: task .* blocked|ODEBUG:|DMA-API: .*device driver|unreferenced object' \
		"$1" || true
}

main() {
	local kdir ko console=$RESULTS/console.log rc=0 splat

	mkdir -p "$RESULTS"
	ensure_packages

	if ! kdir=$("$SRCDIR/scripts/debug-kernel.sh" --print-build-dir \
		    2> "$RESULTS/debug-kernel.log"); then
		fail debug_kernel "see $RESULTS/debug-kernel.log"
		return 1
	fi

	if build_kunit_module "$kdir"; then
		pass build
	else
		fail build "$(grep -m 1 -E 'error|Error' "$RESULTS/build.log" ||
			      tail -n 1 "$RESULTS/build.log")"
		return 1
	fi
	ko=$RESULTS/build/$KO_NAME.ko

	if make -C "$SRCDIR" module-kver KVER=debug KDIR="$kdir" \
		> "$RESULTS/driver-build.log" 2>&1; then
		pass driver_build
	else
		fail driver_build "$(grep -m 1 -E 'error' "$RESULTS/driver-build.log" ||
				     echo "see $RESULTS/driver-build.log")"
	fi

	rm -f "$console"
	if [ "${OMEGA_KUNIT_DIRECT:-0}" != 1 ] && [ -x "$SRCDIR/tools/omega-vm" ]; then
		note "booting with tools/omega-vm"
		boot_harness "$ko" "$console" || rc=$?
	else
		note "booting QEMU directly"
		boot_direct "$kdir" "$ko" "$console" || rc=$?
	fi

	# shellcheck disable=SC2046
	python3 "$SRCDIR/kunit/ktap.py" "$console" \
		--expect $(expected_suites) || failed=1

	case $rc in
	0) pass boot ;;
	124) fail boot "guest timed out after ${TIMEOUT}s" ;;
	125) fail boot "harness found a kernel splat, see $console" ;;
	*) fail boot "payload exited $rc" ;;
	esac

	if grep -q 'OMEGA_KMEMLEAK: clean' "$console"; then
		pass kmemleak
	elif grep -q 'OMEGA_KMEMLEAK: leaks found' "$console"; then
		fail kmemleak "$(grep -m 1 'unreferenced object' "$console")"
	else
		fail kmemleak "no kmemleak report in $console"
	fi

	splat=$(find_splat "$console")
	if [ -z "$splat" ]; then
		pass splat
	else
		fail splat "${splat//$'\r'/}"
	fi
	return $failed
}

main "$@"
