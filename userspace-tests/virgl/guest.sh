# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of the virgl suite (run by tools/omega-vm with sh, QEMU's
# virtio-gpu-gl-pci): virgl_test through the render node, then kmscube on
# Mesa's virgl driver (MESA_LOADER_DRIVER_OVERRIDE=virtio_gpu) with a timed
# run and screendumps.  Prints PASS:/FAIL:/SKIP: and INFO: lines.

mount -t debugfs none /sys/kernel/debug 2>/dev/null
chmod 0666 /dev/dri/renderD128 2>/dev/null
# ARL containers for virgl_test's RENDER checks (it joins them itself).
if mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null ||
	grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts; then
	mkdir -p /sys/fs/cgroup/arl-render /sys/fs/cgroup/arl-norender
fi
st=0
# Absent in the reference run on Linux's driver (suite.sh ships it only
# for omega_vgpu).
if command -v virgl_test > /dev/null; then
	virgl_test || st=1
fi
grep -E '^(capsets|capset|contexts|submits|rejected)' \
	/sys/kernel/debug/dri/0/omega_vgpu_virgl 2>/dev/null | sed 's/^/INFO: debugfs /'

command -v kmscube > /dev/null || { echo "SKIP: virgl.kmscube kmscube not in the guest"; exit $st; }
export MESA_LOADER_DRIVER_OVERRIDE=virtio_gpu
# kmscube quits when stdin becomes readable: a fifo nobody writes to.
mkfifo /tmp/kin
sleep 600 > /tmp/kin &
holder=$!
# OMEGA_PACED_FLIPS=0 measures host-paced flips (events once the host has
# the frame, as Linux's driver does) instead of vblank-paced ones.
if [ -n "${OMEGA_PACED_FLIPS:-}" ] && [ -w /sys/module/omega_vgpu/parameters/paced_flips ]; then
	echo "$OMEGA_PACED_FLIPS" > /sys/module/omega_vgpu/parameters/paced_flips
fi
kmscube -D /dev/dri/card0 -c 300 < /tmp/kin > /tmp/kmscube.log 2>&1
kst=$?
renderer=$(sed -n 's/^ *renderer: "\(.*\)"$/\1/p' /tmp/kmscube.log)
fps=$(sed -n 's/^Rendered .*(\(.*\) fps)$/\1/p' /tmp/kmscube.log | tail -n 1)
echo "INFO: kmscube renderer: $renderer"
echo "INFO: kmscube fps: ${fps:-none}"
case "$renderer" in
virgl*) echo "PASS: virgl.kmscube.renderer" ;;
*) echo "FAIL: virgl.kmscube.renderer '$renderer' (not virgl)"; st=1 ;;
esac
if [ "$kst" = 0 ] && [ -n "$fps" ]; then
	echo "PASS: virgl.kmscube.frames"
else
	echo "FAIL: virgl.kmscube.frames exit $kst"; tail -n 5 /tmp/kmscube.log; st=1
fi
# A running cube for the screendumps.
kmscube -D /dev/dri/card0 < /tmp/kin > /tmp/kmscube2.log 2>&1 &
cube=$!
sleep 3
# QEMU 7.2 cannot screendump a GL scanout: read the frame back from the
# host through the driver and hand the file to the host side.
for i in 0 1; do
	if command -v virgl_readback > /dev/null; then
		virgl_readback "/tmp/virgl-kmscube-$i.ppm" || st=1
		echo "BEGIN-PPM virgl-kmscube-$i"
		base64 < "/tmp/virgl-kmscube-$i.ppm"
		echo "END-PPM"
	fi
	sleep 0.5
done
kill "$cube" "$holder" 2>/dev/null
exit $st
