#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of the DMA suite: show that the configuration took effect,
# push pixels through it, and hit the per-client buffer limit.
# CFG (iommu, bounce or debug) is prepended by suite.sh.

D=/sys/kernel/debug/dri/0
echo "=== device"
cat $D/device
echo "=== cmdline"
cat /proc/cmdline
echo "=== iommu"
ls /sys/class/iommu/
dmesg | grep -E "DMAR: IOMMU enabled|software IO TLB" | sed 's/^\[[ 0-9.]*\] //'
echo "=== end"
conn=$(modetest -M omega_vgpu -c | awk '$3 == "connected" { print $1; exit }')
crtc=$(modetest -M omega_vgpu -p | awk '/^CRTCs:/ { getline; getline; print $1; exit }')
sleep 20 | modetest -M omega_vgpu -s "$conn@$crtc:1280x800" > /tmp/modetest.log 2>&1 &
sleep 4
omega-screendump smpte
killall modetest 2>/dev/null
sleep 1
echo 64 > /sys/module/omega_vgpu/parameters/client_mem_mb
client_limit 64
echo "=== dmesg-dma"
dmesg | grep -iE "DMA-API|dma_debug|over its buffer memory" | sed 's/^\[[ 0-9.]*\] //'
echo "=== end"
exit 0
