#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-tests of the guest harness (tools/omega-vm).  Suite protocol: prints
# PASS:/FAIL:/SKIP: lines on stdout, exits non-zero if anything failed.
#
# Environment (set by scripts/check.sh; defaults for a manual run):
#   OMEGA_KVER_61, OMEGA_KVER_612   kernel versions to boot
#   OMEGA_RESULTS                   where guest logs and screendumps go

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VM=$SRCDIR/tools/omega-vm
HERE=$SRCDIR/tools/selftest
RESULTS=${OMEGA_RESULTS:-$SRCDIR/results/selftest}
newest_kver() { # newest_kver 6.1 -> e.g. 6.1.0-56-amd64 (empty if none)
	local d
	d=$(ls -d /lib/modules/"$1".*-amd64 2>/dev/null | sort -V | tail -1)
	[ -n "$d" ] && basename "$d"
	return 0
}
KVER_61=${OMEGA_KVER_61:-$(newest_kver 6.1)}
KVER_612=${OMEGA_KVER_612:-$(newest_kver 6.12)}
mkdir -p "$RESULTS"

failed=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 $2"; failed=1; }
skip() { echo "SKIP: $1 $2"; }

# kver_args <kver>: --kernel/--kver arguments for omega-vm.
kver_args() {
	if [ -n "$1" ]; then
		echo "--kver $1"
	else
		echo "--kernel 6.1"
	fi
}

# vm <name> <omega-vm args...>: run a guest, output in $RESULTS/<name>/,
# sets $rc and $elapsed.
vm() {
	local name=$1 start
	shift
	start=$(date +%s)
	rc=0
	"$VM" --out "$RESULTS/$name" -q "$@" >"$RESULTS/$name.out" 2>&1 || rc=$?
	elapsed=$(($(date +%s) - start))
	echo "  [$name: exit $rc, ${elapsed}s]" >&2
}

# --- host-side tests of the helpers (no guest) ---
"$HERE/host_tests.py" || failed=1

# --- fillpattern, built for the host (and so for the Debian guest) ---
FILL=$SRCDIR/out/selftest/fillpattern
mkdir -p "$(dirname "$FILL")"
if ! gcc -O2 -Wall -Wextra -Werror -o "$FILL" "$HERE/fillpattern.c" \
	$(pkg-config --cflags --libs libdrm) 2>"$RESULTS/fillpattern-build.log"; then
	fail selftest-fillpattern-build "see $RESULTS/fillpattern-build.log"
	FILL=
fi

payload() { # payload <name> <script text>: writes $RESULTS/<name>.sh
	printf '%s\n' "$2" >"$RESULTS/$1.sh"
	echo "$RESULTS/$1.sh"
}

k61=$(kver_args "$KVER_61")

# --- (d) exit status propagates; host channel answers ---
p=$(payload exit-status '
omega-host qmp "{\"execute\":\"query-status\"}" > /tmp/qmp.out || echo "qmp failed"
grep -q "\"running\": true" /tmp/qmp.out && echo "HOST-QMP-OK"
omega-host qmp "{\"execute\":\"no-such-command\"}" >/dev/null 2>&1 || echo "HOST-QMP-ERR-OK"
t0=$(cut -d" " -f1 /proc/uptime)
omega-host sleep-host 1500 && echo "HOST-SLEEP-OK $t0 $(cut -d" " -f1 /proc/uptime)"
exit 3')
vm exit-status $k61 --driver none --payload "$p" --timeout 120
if [ "$rc" = 3 ]; then pass selftest-exit-status; else fail selftest-exit-status "expected exit 3, got $rc"; fi
log=$RESULTS/exit-status/payload.log
if grep -q HOST-QMP-OK "$log" 2>/dev/null && grep -q HOST-QMP-ERR-OK "$log"; then
	pass selftest-host-qmp
else
	fail selftest-host-qmp "no QMP answer (or error not reported) in $log"
fi
if awk '/HOST-SLEEP-OK/ { exit !($3 - $2 >= 1.4) } END { if (!NR) exit 1 }' \
	<(grep HOST-SLEEP-OK "$log" 2>/dev/null); then
	pass selftest-host-sleep
else
	fail selftest-host-sleep "sleep-host 1500 did not block >= 1.4 s (see $log)"
fi

# --- --outputs 2: the harness enables the second head (through VNC) ---
p=$(payload outputs-2 '
n=$(modetest -M virtio_gpu -c | awk "/^[0-9]+\t/ && \$3 == \"connected\"" | wc -l)
echo "connected connectors: $n"
[ "$n" = 2 ]')
vm outputs-2 $k61 --driver virtio_gpu --outputs 2 --payload "$p" --timeout 120
if [ "$rc" = 0 ]; then
	pass selftest-outputs-2
else
	fail selftest-outputs-2 "expected 2 connected connectors (exit $rc, see $RESULTS/outputs-2/payload.log)"
fi

# --- (e) QEMU failing at start: status 2, QEMU's reason, one retry ---
p=$(payload qemu-start 'echo "PAYLOAD-RAN"')
vm qemu-start $k61 --driver none --payload "$p" --timeout 60 \
	--qemu-arg=-vnc --qemu-arg="unix:/nonexistent-omega-selftest/vnc.sock"
retries=$(grep -c 'booting once more' "$RESULTS/qemu-start.out" || true)
if [ "$rc" = 2 ] && [ "$retries" = 1 ] &&
	grep -q 'QEMU exited at start.*Failed to bind socket' "$RESULTS/qemu-start.out" &&
	! grep -q 'PAYLOAD-RAN' "$RESULTS/qemu-start.out"; then
	pass selftest-qemu-start-failure
else
	fail selftest-qemu-start-failure "exit $rc, $retries retries (see $RESULTS/qemu-start.out)"
fi

# --- (f) deep paths: sockets must not depend on where the clone lives ---
# AF_UNIX paths end at 108 bytes; CI clones and nested suites go deeper.
deep=$RESULTS/deep/$(printf 'd%.0s' $(seq 1 100))
mkdir -p "$deep/tmp"
p=$(payload deep 'echo "PAYLOAD-RAN"')
TMPDIR=$deep/tmp vm deep/$(basename "$deep")/run $k61 --driver none --payload "$p" \
	--timeout 60 --outputs 2
if [ "$rc" = 0 ] && grep -q 'PAYLOAD-RAN' "$deep/run/payload.log"; then
	pass selftest-deep-paths
else
	fail selftest-deep-paths "exit $rc (see $deep/run.out)"
fi

# --- (a) a kernel splat fails the run even though the payload passed ---
p=$(payload splat '
echo "WARNING: CPU: 0 PID: 1 at fake_splat_for_selftest" > /dev/kmsg
echo "WARNING: printed by a program, not the kernel"
exit 0')
vm splat $k61 --driver none --payload "$p" --timeout 120
if [ "$rc" = 125 ] && grep -q fake_splat_for_selftest "$RESULTS/splat.out"; then
	pass selftest-splat-detected
else
	fail selftest-splat-detected "expected exit 125 naming the splat, got $rc"
fi

# --- (b) a hanging payload is killed at the timeout ---
p=$(payload hang 'echo hanging; sleep 1000')
vm hang $k61 --driver none --payload "$p" --timeout 25
if [ "$rc" = 124 ] && [ "$elapsed" -le 32 ] && grep -q TIMEOUT "$RESULTS/hang.out"; then
	pass selftest-timeout
else
	fail selftest-timeout "expected exit 124 within 25+7 s, got $rc after ${elapsed}s"
fi

# --- (c) screendump of a known pattern, per kernel and driver ---
# The payload also checks that only the intended driver is in the guest.
screendump_test() { # <kernel label> <kver> <driver>
	local label=$1 kver=$2 driver=$3 name want other
	name=screendump-$driver-$label
	if [ -z "$FILL" ]; then
		fail "selftest-$name" "fillpattern did not build"
		return
	fi
	if [ "$driver" = omega ]; then
		want=omega_vgpu other=virtio_gpu
		if [ ! -f "$SRCDIR/out/$kver/omega_vgpu.ko" ]; then
			skip "selftest-$name" "out/$kver/omega_vgpu.ko not built"
			return
		fi
	else
		want=virtio_gpu other=omega_vgpu
	fi
	p=$(payload "$name" "
grep -q '^$want ' /proc/modules || { echo 'ISOLATION: $want not loaded'; exit 10; }
if grep -q '^$other ' /proc/modules || ls /modules | grep -q '^${other/_/.}\\.ko'; then
	echo 'ISOLATION: $other present in the guest'; exit 11
fi
fillpattern -- omega-screendump quad")
	vm "$name" $(kver_args "$kver") --driver "$driver" --bin "$FILL" \
		--payload "$p" --timeout 180 --xres 1024 --yres 768
	if [ "$rc" != 0 ]; then
		fail "selftest-$name" "guest exit $rc (see $RESULTS/$name/)"
	elif "$HERE/check_quadrants.py" "$RESULTS/$name/quad.ppm" 1024 768 \
		>"$RESULTS/$name.check" 2>&1; then
		pass "selftest-$name"
	else
		fail "selftest-$name" "$(tr '\n' ';' <"$RESULTS/$name.check")"
	fi
}

screendump_test 6.1 "$KVER_61" virtio_gpu
if [ -n "$KVER_612" ]; then
	screendump_test 6.12 "$KVER_612" virtio_gpu
else
	skip selftest-screendump-virtio_gpu-6.12 "OMEGA_KVER_612 not set"
fi
screendump_test 6.1 "$KVER_61" omega
if [ -n "$KVER_612" ]; then
	screendump_test 6.12 "$KVER_612" omega
fi

exit "$failed"
