#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DMA isolation suite (issue #13).  The display suites (userspace-tests and
# userspace-tests/kms: patterns, flips, modetest, cursor, damage) run again
# with the GPU
#   iommu:  behind an emulated Intel IOMMU (iommu_platform=on, intel_iommu=on)
#   bounce: with VIRTIO_F_ACCESS_PLATFORM and swiotlb=force, so every DMA is
#           bounced as in a confidential guest
# and their result names get the configuration as prefix.  A probe guest per
# configuration checks the configuration took effect, the SMPTE pattern and
# the per-client buffer limit; on the debug kernel the same probe runs with
# CONFIG_DMA_API_DEBUG, whose reports fail the run as kernel splats.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RES=${OMEGA_RESULTS:-$ROOT/results/dma}
mkdir -p "$RES"
make -s -C "$HERE" build/client_limit

declare -A CFG_ARGS=(
	[iommu]="--iommu --machine q35"
	[bounce]="--gpu-opt iommu_platform=on,disable-legacy=on --append swiotlb=force"
)
status=0

probe() # CFG KERNEL-ARGS...
{
	local cfg=$1 name=$2 out rc=0 sec
	shift 2
	out=$RES/probe-${name//\//-}
	mkdir -p "$out"
	{ echo "CFG=$cfg"; cat "$HERE/probe.sh"; } > "$out/payload-in.sh"
	"$ROOT/tools/omega-vm" --out "$out" "$@" --driver omega --timeout 400 -q \
		--bin "$HERE/build/client_limit" --payload "$out/payload-in.sh" \
		> "$out/omega-vm.log" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		echo "FAIL: $name/probe.guest exit $rc (see $out/console.log)"
		status=1
		return
	fi
	echo "PASS: $name/probe.guest"
	sed -n 's/^\(PASS\|FAIL\|SKIP\): /\1: '"${name//\//\\/}"'\//p' "$out/payload.log"
	grep -q '^FAIL: ' "$out/payload.log" && status=1
	sec=$(sed -n '/^=== device/,/^=== end/p' "$out/payload.log")
	if grep -q 'access_platform=1' <<<"$sec"; then
		echo "PASS: $name/probe.access_platform"
	else
		echo "FAIL: $name/probe.access_platform the device did not offer VIRTIO_F_ACCESS_PLATFORM"
		status=1
	fi
	case $cfg in
	iommu) grep -q 'DMAR: IOMMU enabled' <<<"$sec" && grep -q dmar <<<"$sec" ;;
	bounce) grep -q 'swiotlb=force' <<<"$sec" ;;
	esac && echo "PASS: $name/probe.configured" ||
		{ echo "FAIL: $name/probe.configured $cfg not in effect"; status=1; }
	if python3 "$ROOT/userspace-tests/check_ppm.py" smpte "$out/smpte.ppm" \
		--size 1280x800 > "$out/smpte.txt" 2>&1; then
		echo "PASS: $name/probe.smpte_pixels"
	else
		echo "FAIL: $name/probe.smpte_pixels $(cat "$out/smpte.txt")"
		status=1
	fi
}

for cfg in iommu bounce; do
	for kver in "${OMEGA_KVER_61:-}" "${OMEGA_KVER_612:-}"; do
		[ -n "$kver" ] && [ -d "/lib/modules/$kver" ] || continue
		short=${kver%%-*}
		short=${short%.*}
		# shellcheck disable=SC2086
		probe "$cfg" "$cfg/$short" --kver "$kver" ${CFG_ARGS[$cfg]}
	done
	for suite in userspace-tests/suite.sh userspace-tests/kms/suite.sh; do
		out=$RES/$cfg/$(basename "$(dirname "$suite")")
		mkdir -p "$out"
		rc=0
		OMEGA_VM_ARGS="${CFG_ARGS[$cfg]}" OMEGA_RESULTS=$out OMEGA_KMS_DEBUG=0 \
			"$ROOT/$suite" > "$out/stdout.txt" 2>&1 || rc=$?
		sed -n 's/^\(PASS\|FAIL\|SKIP\): /\1: '"$cfg"'\//p' "$out/stdout.txt"
		if [ "$rc" != 0 ]; then
			grep -q '^FAIL: ' "$out/stdout.txt" ||
				echo "FAIL: $cfg/$suite exited $rc (see $out/stdout.txt)"
			status=1
		fi
	done
done

# The debug kernel: DMA-API debugging watches every mapping of the probe.
if build=$("$ROOT/scripts/debug-kernel.sh" --print-build-dir 2>"$RES/debug-kernel.log"); then
	if make -s -C "$ROOT" module-kver KVER=debug KDIR="$build" > "$RES/debug-build.log" 2>&1; then
		probe iommu "debug/iommu" --kernel debug --mem 2048 ${CFG_ARGS[iommu]}
		probe bounce "debug/bounce" --kernel debug --mem 2048 ${CFG_ARGS[bounce]}
	else
		echo "FAIL: debug/build see $RES/debug-build.log"
		status=1
	fi
else
	echo "FAIL: debug/kernel see $RES/debug-kernel.log"
	status=1
fi
exit $status
