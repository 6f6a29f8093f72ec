#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of kunit/suite.sh (busybox sh).  The KUnit suites run while
# omega_vgpu_kunit.ko loads (the harness loads it, or this script does when
# it finds it unloaded).  Afterwards: optionally dump gcov data to the
# console, unload the module, and ask kmemleak for leaks.
# Exit status: 0, or 1 when kmemleak reports anything or the module is missing.

dbg=/sys/kernel/debug
grep -q " $dbg debugfs" /proc/mounts || mount -t debugfs debugfs $dbg

if [ ! -d /sys/module/omega_vgpu_kunit ]; then
	ko=$(find / -xdev -name omega_vgpu_kunit.ko 2>/dev/null | head -n 1)
	if [ -z "$ko" ] || ! insmod "$ko"; then
		echo "OMEGA_KUNIT: cannot load omega_vgpu_kunit.ko"
		exit 1
	fi
fi
echo "OMEGA_KUNIT: suites done"

# gcov: debugfs files report size 0, so copy them before archiving.
if grep -q 'omega_gcov=1' /proc/cmdline && [ -d $dbg/gcov ]; then
	mkdir -p /tmp/gcov
	find $dbg/gcov -name 'omega_vgpu*.gcda' | while read -r f; do
		cat "$f" > "/tmp/gcov/$(basename "$f")"
	done
	echo "OMEGA_GCOV_BEGIN"
	(cd /tmp/gcov && tar -cf - . | gzip | base64)
	echo "OMEGA_GCOV_END"
fi

rmmod omega_vgpu_kunit || echo "OMEGA_KUNIT: rmmod failed"

if [ -w $dbg/kmemleak ]; then
	# an object is reported once it stayed unreferenced across scans
	echo scan > $dbg/kmemleak
	sleep 6
	echo scan > $dbg/kmemleak
	leaks=$(cat $dbg/kmemleak)
	if [ -n "$leaks" ]; then
		echo "$leaks"
		echo "OMEGA_KMEMLEAK: leaks found"
		exit 1
	fi
	echo "OMEGA_KMEMLEAK: clean"
else
	echo "OMEGA_KMEMLEAK: unavailable"
fi
exit 0
