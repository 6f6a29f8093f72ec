#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Reliability tests (issue #10) for scripts/check.sh: one debug-kernel guest
# (KASAN, lockdep, kmemleak, fault injection; two outputs) runs guest.sh's
# sections: concurrency, fuzzing, device faults, allocation faults,
# suspend/resume, unload/reload, probe under allocation faults, hot-unplug.
# Then rel_check.py attributes any kernel splat to its section and compares
# the suspend screendumps.  stress.sh runs the same with long parameters.
#
# Hot-unplug is guest-side (PCI remove + rescan): QEMU 7.2 refuses
# device_del of virtio-gpu-pci ("does not support hotplugging"), see README.md.
#
# Prints PASS:/FAIL:/SKIP: rel/<name> lines; exit status 1 on any FAIL.
# Environment: OMEGA_RESULTS (results root; files go to $OMEGA_RESULTS/
# reliability/), REL_TIMEOUT (guest timeout, default 900), and every
# guest.sh parameter (REL_CONC_SECS, REL_FUZZ_SECS, ...; see defaults below).

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCDIR=$(cd "$HERE/../.." && pwd)
NAME=${REL_NAME:-reliability}
OUT=${OMEGA_RESULTS:-$SRCDIR/results}/$NAME
TIMEOUT=${REL_TIMEOUT:-900}
# fault_probe (allocation failures during probe) runs in make stress only:
# under it the core kernel's MSI teardown warns in remove_proc_entry
# (virtio-pci interrupt setup failing), which is not this driver's splat.
SECTIONS=${REL_SECTIONS:-conc fuzz fault_knob fault_nth suspend unload unplug}

# Short versions for make check (about 4 minutes on an idle machine).
CONC_SECS=${REL_CONC_SECS:-10}
FUZZ_SECS=${REL_FUZZ_SECS:-20}
FUZZ_PROCS=${REL_FUZZ_PROCS:-3}
FUZZ_SEED=${REL_FUZZ_SEED:-1}
NTH_MAX=${REL_NTH_MAX:-300}
# Every 10th of the last 1500 allocations of a bind (PROBE_FIRST <= 0:
# relative to the end, PROBE_MAX is then the stride).  From the start,
# on Linux 6.12 an early failure reaches a DRM
# core bug (drm_minor_alloc_release() puts an ERR_PTR kdev after
# drm_sysfs_minor_alloc() failed), which oopses in drm_dev_init().
PROBE_FIRST=${REL_PROBE_FIRST:--1500}
PROBE_MAX=${REL_PROBE_MAX:-10}
LOAD_CYCLES=${REL_LOAD_CYCLES:-20}
FLIP_CYCLES=${REL_FLIP_CYCLES:-200}

failed=0
report() {
	local line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		PASS:\ *|FAIL:\ *|SKIP:\ *)
			echo "${line%%: *}: rel/${line#*: }"
			[ "${line%%:*}" = FAIL ] && failed=1
			;;
		esac
	done
}

main() {
	local b=$HERE/build rc=0
	rm -rf "$OUT"
	mkdir -p "$OUT"
	if ! make -C "$HERE" > "$OUT/build.log" 2>&1; then
		echo "FAIL: rel/build $(grep -m 1 error "$OUT/build.log")"
		return 1
	fi
	echo "PASS: rel/build"
	{
		echo "SECTIONS=\"$SECTIONS\""
		echo "CONC_SECS=$CONC_SECS FUZZ_SECS=$FUZZ_SECS FUZZ_PROCS=$FUZZ_PROCS"
		echo "FUZZ_SEED=$FUZZ_SEED NTH_MAX=$NTH_MAX PROBE_FIRST=$PROBE_FIRST"
		echo "PROBE_MAX=$PROBE_MAX LOAD_CYCLES=$LOAD_CYCLES FLIP_CYCLES=$FLIP_CYCLES"
		cat "$HERE/guest.sh"
	} > "$OUT/payload.sh"
	if ! "$SRCDIR/scripts/debug-kernel.sh" --print-build-dir > /dev/null 2> "$OUT/debug-kernel.log" ||
	   ! make -C "$SRCDIR" module-kver KVER=debug \
		KDIR="$("$SRCDIR/scripts/debug-kernel.sh" --print-build-dir 2> /dev/null)" \
		> "$OUT/driver-build.log" 2>&1; then
		echo "FAIL: rel/driver_build see $OUT/driver-build.log"
		return 1
	fi
	echo "rel: booting the debug kernel, sections: $SECTIONS" >&2
	"$SRCDIR/tools/omega-vm" --out "$OUT" --kernel debug --outputs 2 --mem 2048 \
		--bin "$b/rel_flip" --bin "$b/rel_fault" --bin "$b/rel_fuzz" \
		--payload "$OUT/payload.sh" --timeout "$TIMEOUT" -q \
		> "$OUT/omega-vm.log" 2>&1 || rc=$?
	report < "$OUT/payload.log"
	# shellcheck disable=SC2086
	python3 "$HERE/rel_check.py" "$OUT" $SECTIONS > "$OUT/host-check.log" 2>&1
	report < "$OUT/host-check.log"
	grep -h '^INFO: ' "$OUT/payload.log" | sed 's/^/rel: /' >&2
	case $rc in
	0|1) echo "PASS: rel/boot" ;;
	124) echo "FAIL: rel/boot guest timed out after ${TIMEOUT}s"; failed=1 ;;
	125) echo "FAIL: rel/boot kernel splat, see $OUT/console.log"; failed=1 ;;
	*) echo "FAIL: rel/boot omega-vm status $rc, see $OUT/omega-vm.log"; failed=1 ;;
	esac
	return $failed
}

main "$@"
