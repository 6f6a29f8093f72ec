#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Observability suite (issue #6): in one guest per kernel, trace a modetest
# modeset and check the decoded command sequence and its responses, read
# every debugfs file and check its content, and provoke a device error with
# the fault knob (errno to the caller, log line, counters).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RES=${OMEGA_RESULTS:-$ROOT/results/observability}
XRES=1280
YRES=800
mkdir -p "$RES"

make -s -C "$HERE" build/fault_addfb

newest() {
	ls -d /lib/modules/"$1".*-amd64 2>/dev/null | sed 's|.*/||' | sort -V | tail -n 1
}

status=0
for kver in "${OMEGA_KVER_61:-$(newest 6.1)}" "${OMEGA_KVER_612:-$(newest 6.12)}"; do
	[ -n "$kver" ] && [ -d "/lib/modules/$kver" ] || continue
	short=${kver%%-*}
	short=${short%.*}
	out=$RES/$short
	payload=$RES/payload-$short.sh
	{ echo "XRES=$XRES YRES=$YRES"; cat "$HERE/payload.sh"; } > "$payload"
	rc=0
	"$ROOT/tools/omega-vm" --out "$out" --kver "$kver" --driver omega \
		--xres $XRES --yres $YRES --timeout 300 -q \
		--bin "$HERE/build/fault_addfb" --payload "$payload" || rc=$?
	if [ "$rc" != 0 ]; then
		echo "FAIL: $short/guest exit $rc (see $out/console.log)"
		status=1
		continue
	fi
	echo "PASS: $short/guest"
	python3 "$HERE/check.py" "$short/" "$out/payload.log" $XRES $YRES | tee "$out/results.txt"
	grep -q '^FAIL' "$out/results.txt" && status=1
done
exit $status
