#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/coverage.sh (busybox sh): drive the driver through
# its userspace-visible paths, unload it, and dump its gcov data.

dbg=/sys/kernel/debug
D=$dbg/dri/0
mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null
echo 1 > /sys/kernel/tracing/events/omega_vgpu/enable

for t in drm_basics dumb_errnos kms_damage kms_vblank kms_cursor kms_lease; do
	echo "=== $t"
	$t > /tmp/$t.log 2>&1
	echo "$t exit $?"
done
echo "=== arl"
sh /arl-guest.sh > /tmp/arl.log 2>&1
echo "arl exit $?"
echo "=== flip"
flip -n 20 -e 0 > /tmp/flip.log 2>&1
echo "flip exit $?"
for f in device resources stats inflight history fault omega_vgpu_arl; do
	cat $D/$f > /dev/null
done
echo "RESOURCE_CREATE_2D 1" > $D/fault
dumb_errnos > /dev/null 2>&1
echo "none" > $D/fault
echo devices > /sys/power/pm_test && echo mem > /sys/power/state
cat /sys/kernel/tracing/trace > /dev/null
echo 0 > /sys/kernel/tracing/events/omega_vgpu/enable

rmmod omega_vgpu || echo "COVERAGE: rmmod failed"
mkdir -p /tmp/gcov
find $dbg/gcov -name 'omega_vgpu*.gcda' | while read -r f; do
	cat "$f" > "/tmp/gcov/$(basename "$f")"
done
echo "OMEGA_GCOV_BEGIN"
(cd /tmp/gcov && tar -cf - . | gzip | base64)
echo "OMEGA_GCOV_END"
exit 0
