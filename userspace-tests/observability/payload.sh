#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of the observability suite (busybox sh).  Prints sections that
# check.py reads: the trace of a modetest modeset, every debugfs file, and
# what the fault knob did.

D=/sys/kernel/debug/dri/0
T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null

conn=$(modetest -M omega_vgpu -c | awk '$3 == "connected" { print $1; exit }')
crtc=$(modetest -M omega_vgpu -p | awk '/^CRTCs:/ { getline; getline; print $1; exit }')

# 1. Trace a modeset
echo 0 > $T/tracing_on
echo > $T/trace
echo 1 > $T/events/omega_vgpu/enable
echo 0 > $T/events/omega_vgpu/omega_vgpu_vblank/enable
echo 1 > $T/tracing_on
sleep 30 | modetest -M omega_vgpu -s "$conn@$crtc:${XRES}x${YRES}" > /tmp/modetest.log 2>&1 &
sleep 4
echo 0 > $T/tracing_on
echo "=== trace"
grep omega_vgpu_ $T/trace
echo "=== end"

# 2. debugfs while modetest holds its mode
for f in device resources stats inflight history fault; do
	echo "=== debugfs/$f"
	cat $D/$f
	echo "=== end"
done
killall modetest 2>/dev/null
sleep 1

# 3. The fault knob: a device error reaches the caller, the log and the counters
echo "=== stats-before"
cat $D/stats
echo "=== end"
echo "RESOURCE_CREATE_2D 1" > $D/fault
echo "=== fault-armed"
cat $D/fault
echo "=== end"
echo "=== faulted"
fault_addfb
echo "=== end"
echo "=== recovered"
fault_addfb
echo "=== end"
echo "=== stats-after"
cat $D/stats
echo "=== end"
echo "=== fault-after"
cat $D/fault
echo "=== end"
echo "=== dmesg"
dmesg | grep omega_vgpu
echo "=== end"
exit 0
