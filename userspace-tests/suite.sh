#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Userspace test suite for scripts/check.sh.
#
# For each kernel (6.1, 6.12): build the test programs, boot one guest that
# runs them all (guest/main.sh), check its screendumps pixel by pixel on the
# host (check_ppm.py), then boot a second guest that unloads and reloads the
# driver (guest/loadunload.sh).
#
# Prints PASS:/FAIL:/SKIP: <kernel>/<name> [why] lines; exits 1 on any FAIL.
#
# Environment:
#   OMEGA_TEST_DRIVER  omega (default) or virtio_gpu (Linux's own driver)
#   OMEGA_KVER_61      6.1 kernel version (default: the harness's choice)
#   OMEGA_KVER_612     6.12 kernel version (default: the harness's choice)
#   OMEGA_RESULTS      directory for logs and screendumps
#                      (default: <repo>/results/userspace-tests)
#   OMEGA_UT_KERNELS   kernels to run (default "6.1 6.12")
#   OMEGA_UT_LOOPS     load/unload loops (default 10)
#   OMEGA_UT_GROUPS    guest groups to run (default "main loadunload")

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
VM="$ROOT/tools/omega-vm"
CHECK="$HERE/check_ppm.py"
RESULTS=${OMEGA_RESULTS:-$ROOT/results/userspace-tests}
DRIVER=${OMEGA_TEST_DRIVER:-omega}
KERNELS=${OMEGA_UT_KERNELS:-6.1 6.12}
LOOPS=${OMEGA_UT_LOOPS:-10}
GROUPS_RUN=${OMEGA_UT_GROUPS:-main loadunload}
XRES=1280
YRES=800
failed=0

case "$DRIVER" in
omega) DRV=omega_vgpu ;;
virtio_gpu) DRV=virtio_gpu ;;
*) echo "FAIL: userspace/setup unknown OMEGA_TEST_DRIVER '$DRIVER'"; exit 1 ;;
esac

# shellcheck source=guest/patterns.sh
. "$HERE/guest/patterns.sh"

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 $2"; failed=1; }
skip() { echo "SKIP: $1 $2"; }

# Build the guest payload: variables, the shared pattern list, the script.
make_payload() # SCRIPT OUT
{
	{
		echo "DRV=$DRV"
		echo "XRES=$XRES"
		echo "YRES=$YRES"
		echo "LOOPS=$LOOPS"
		cat "$HERE/guest/patterns.sh" "$1"
	} > "$2"
}

# Boot one guest: boot KERNEL GROUP SCRIPT [omega-vm args...]
# Sets $status to the harness exit status.
boot()
{
	local k=$1 group=$2 script=$3 out kver_var kver
	shift 3
	out="$RESULTS/$k/$group"
	rm -rf "$out"
	mkdir -p "$out"
	make_payload "$script" "$out/payload.sh"
	case "$k" in
	6.1) kver=${OMEGA_KVER_61:-} ;;
	6.12) kver=${OMEGA_KVER_612:-} ;;
	*) kver= ;;
	esac
	kver_var=(--kernel "$k")
	[ -n "$kver" ] && kver_var=(--kver "$kver")
	"$VM" --out "$out" "${kver_var[@]}" --driver "$DRIVER" \
		--xres "$XRES" --yres "$YRES" --payload "$out/payload.sh" \
		--quiet "$@" > "$out/harness.log" 2>&1
	status=$?
}

# Relay the guest's result lines with the kernel prefix; fail the group
# when the guest timed out, splatted, or failed without saying why.
relay() # KERNEL GROUP
{
	local k=$1 group=$2 log="$RESULTS/$1/$2/payload.log" nfail
	if [ -f "$log" ]; then
		sed -n -e "s#^PASS: #PASS: $k/#p" -e "s#^SKIP: #SKIP: $k/#p" \
			-e "s#^FAIL: #FAIL: $k/#p" "$log"
		nfail=$(grep -c '^FAIL: ' "$log")
	else
		nfail=0
	fi
	[ "$nfail" = 0 ] || failed=1
	case "$status" in
	0) pass "$k/$group.guest" ;;
	124) fail "$k/$group.guest" "timeout (see $RESULTS/$k/$group/console.log)" ;;
	125) fail "$k/$group.guest" "kernel splat (see $RESULTS/$k/$group/harness.log)" ;;
	*)
		if [ "$nfail" = 0 ]; then
			fail "$k/$group.guest" "exit status $status without a FAIL line (see $RESULTS/$k/$group/harness.log)"
		else
			fail "$k/$group.guest" "exit status $status, $nfail failed check(s)"
		fi
		;;
	esac
}

# Pixel check of one screendump: pixels KERNEL NAME CHECK-ARGS...
pixels()
{
	local k=$1 name=$2 file="$RESULTS/$1/main/$2.ppm" out
	shift 2
	if [ ! -f "$file" ]; then
		fail "$k/pixels.$name" "no screendump $name.ppm"
		return
	fi
	out=$(python3 "$CHECK" "$@" "$file" 2>&1 | tail -n 1)
	if [ "${out#ok:}" != "$out" ]; then
		pass "$k/pixels.$name"
	else
		fail "$k/pixels.$name" "$out"
	fi
}

check_main_pixels() # KERNEL
{
	local k=$1 name args check v i colour
	while IFS='|' read -r name args check; do
		[ -n "$name" ] || continue
		if [ "$name" = pattern-argb ] && [ "$DRV" = virtio_gpu ]; then
			skip "$k/pixels.$name" "in-tree virtio_gpu primary has no ARGB8888"
			continue
		fi
		# shellcheck disable=SC2086
		pixels "$k" "$name" $check
	done <<< "$PATTERN_LIST"
	for v in atomic legacy; do
		for i in 05 10 15 20; do
			if [ $((10#$i % 2)) = 1 ]; then colour=$FLIP_B; else colour=$FLIP_A; fi
			pixels "$k" "flip-$v-$i-$colour" solid --colour "$colour" \
				--size "${XRES}x${YRES}"
		done
	done
	pixels "$k" modetest-smpte smpte --size "${XRES}x${YRES}"
}

mkdir -p "$RESULTS"
if ! make -C "$HERE" > "$RESULTS/build.log" 2>&1; then
	fail "userspace/build" "make failed (see $RESULTS/build.log)"
	exit 1
fi
pass "userspace/build"

bins=()
for b in drm_basics dumb_errnos pattern flip; do
	bins+=(--bin "$HERE/build/$b")
done

for k in $KERNELS; do
	for group in $GROUPS_RUN; do
		boot "$k" "$group" "$HERE/guest/$group.sh" "${bins[@]}" \
			--timeout 400
		relay "$k" "$group"
		[ "$group" = main ] && check_main_pixels "$k"
	done
done

exit $failed
