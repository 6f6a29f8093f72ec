#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of packaging/suite.sh (busybox sh).  The guest has loaded no
# module (omega-vm --driver none); /lib/modules/$(uname -r) holds Debian's
# modules plus the DKMS-installed omega_vgpu, and /etc/modprobe.d has
# packaging/omega_vgpu.conf.
#
#   autoload: a coldplug like udev's (every device's modalias through
#             modprobe, blacklist applied) binds omega_vgpu to the GPU and
#             does not load virtio_gpu
#   switch:   with both modules loaded, sysfs unbind/bind moves the device
#             to virtio_gpu and back, twice; card0 is the bound driver's each
#             time and modetest finds a connected connector on it
#
# Prints PASS:/FAIL: lines (autoload, switch) and the evidence.

set -eu
# shellcheck disable=SC3040 # busybox sh has pipefail
set -o pipefail

kver=$(uname -r)
mkdir -p /sbin
ln -sf /usr/bin/kmod /sbin/modprobe
ln -sf /usr/bin/kmod /sbin/depmod
echo /sbin/modprobe >/proc/sys/kernel/modprobe
# kmod's tools, by path: busybox sh runs its own applets (which have other
# options and blacklist rules) for bare command names.
modprobe() { /sbin/modprobe "$@"; }
modinfo() { /sbin/modinfo "$@"; }

loaded() { grep -q "^$1 " /proc/modules; }

# The virtio device whose id is 16 (GPU), or nothing.
gpu_dev() {
	for d in /sys/bus/virtio/devices/*; do
		[ -e "$d/device" ] || continue
		if [ "$(cat "$d/device")" = 0x0010 ]; then
			basename "$d"
			return 0
		fi
	done
	return 0
}

# The driver bound to a sysfs device directory, or "none".
driver_of() {
	if [ -e "$1/driver" ]; then
		basename "$(readlink -f "$1/driver")"
	else
		echo none
	fi
}

# wait_for <tenths of a second> <shell test...>
wait_for() {
	n=$1
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

# card_is <driver>: the GPU is bound to <driver> and card0 (the only card)
# is there.  card0's parent is the virtio device for omega_vgpu but the PCI
# device for virtio_gpu, so the DRM driver name is checked with modetest.
card_is() {
	[ -e /sys/class/drm/card0 ] && [ ! -e /sys/class/drm/card1 ] &&
		[ "$(driver_of "/sys/bus/virtio/devices/$dev")" = "$1" ]
}
no_card() { [ ! -e /sys/class/drm/card0 ]; }

# ---------------------------------------------------------------- autoload
why=
for m in omega_vgpu virtio_gpu; do
	if loaded $m; then why="$why $m-loaded-before-coldplug"; fi
done
echo "modprobe config:"
modprobe -c | grep -E 'virtio_gpu|omega_vgpu' | grep -v '^alias' || true
echo "omega_vgpu resolves to: $(modinfo -n omega_vgpu)"
case "$(modinfo -n omega_vgpu)" in
"/lib/modules/$kver/updates/dkms/omega_vgpu.ko"*) ;;
*) why="$why omega_vgpu-not-from-updates/dkms" ;;
esac

# Coldplug, in udev's order: PCI devices first (virtio_pci is a module on
# 6.1), then the virtio devices they create.  A blacklisted module's aliases
# are ignored by any alias lookup; -b (blacklist names too) is what udev's
# libkmod call does as well.  Aliases nothing claims fail quietly (-q); the
# assertions below decide.
# shellcheck disable=SC2046 # one argument per modalias
modprobe -q -b -a $(cat /sys/bus/pci/devices/*/modalias) || true
# shellcheck disable=SC2016 # expanded by the inner sh
wait_for 50 sh -c '[ -n "$(ls /sys/bus/virtio/devices 2>/dev/null)" ]' || why="$why no-virtio-devices"
dev=$(gpu_dev)
[ -n "$dev" ] || why="$why no-virtio-gpu-device"
if [ -n "$dev" ]; then
	alias=$(cat "/sys/bus/virtio/devices/$dev/modalias")
	echo "GPU device $dev, modalias $alias"
	# Both modules claim the alias: without the snippet (-C: an empty
	# config directory) modprobe would load both; with it, only omega_vgpu.
	mkdir -p /tmp/empty.d
	echo "dry run without /etc/modprobe.d:"
	modprobe -C /tmp/empty.d -n -v -a "$alias" | tee /tmp/dry-all || true
	echo "dry run with /etc/modprobe.d/omega_vgpu.conf:"
	modprobe -n -v -a "$alias" | tee /tmp/dry-bl || true
	grep -q 'virtio-gpu.ko\|virtio_gpu.ko' /tmp/dry-all || why="$why alias-does-not-match-virtio_gpu"
	grep -q 'omega_vgpu.ko' /tmp/dry-all || why="$why alias-does-not-match-omega_vgpu"
	if grep -q 'virtio-gpu.ko\|virtio_gpu.ko' /tmp/dry-bl; then why="$why blacklist-not-applied"; fi

	# shellcheck disable=SC2046
	modprobe -q -b -a $(cat /sys/bus/virtio/devices/*/modalias) || true
	wait_for 100 card_is omega_vgpu || why="$why card0-not-omega_vgpu($(driver_of "/sys/bus/virtio/devices/$dev"))"
	echo "after coldplug: $dev -> $(driver_of "/sys/bus/virtio/devices/$dev")"
	[ "$(driver_of "/sys/bus/virtio/devices/$dev")" = omega_vgpu ] || why="$why device-not-bound-to-omega_vgpu"
	if loaded virtio_gpu; then why="$why virtio_gpu-loaded"; fi
	loaded omega_vgpu || why="$why omega_vgpu-not-loaded"
	modetest -M omega_vgpu -c >/tmp/mt 2>&1 && grep -qw connected /tmp/mt || why="$why modetest-M-omega_vgpu"
fi
lsmod
if [ -z "$why" ]; then
	echo "PASS: autoload"
else
	echo "FAIL: autoload$why"
fi

# ---------------------------------------------------------------- switch
swhy=
if [ -z "$dev" ] || [ "$(driver_of "/sys/bus/virtio/devices/$dev")" != omega_vgpu ]; then
	swhy=" autoload-did-not-bind-omega_vgpu"
else
	# By name: the blacklist does not apply.  The device is taken, so
	# virtio_gpu loads without binding.
	modprobe virtio_gpu || swhy="$swhy modprobe-virtio_gpu"
	sleep 0.5
	[ "$(driver_of "/sys/bus/virtio/devices/$dev")" = omega_vgpu ] ||
		swhy="$swhy loading-virtio_gpu-took-the-device"
	from=omega_vgpu
	for to in virtio_gpu omega_vgpu virtio_gpu omega_vgpu; do
		[ -z "$swhy" ] || break
		echo "$dev: $from -> $to"
		echo "$dev" >"/sys/bus/virtio/drivers/$from/unbind" || swhy="$swhy unbind-$from"
		wait_for 50 no_card || swhy="$swhy card0-stays-after-unbind-$from"
		[ "$(driver_of "/sys/bus/virtio/devices/$dev")" = none ] || swhy="$swhy still-bound-after-unbind-$from"
		echo "$dev" >"/sys/bus/virtio/drivers/$to/bind" || swhy="$swhy bind-$to"
		wait_for 100 card_is "$to" || swhy="$swhy card0-not-$to($(driver_of "/sys/bus/virtio/devices/$dev"))"
		if modetest -M "$to" -c >/tmp/mt 2>&1 && grep -qw connected /tmp/mt; then
			echo "  $dev -> $(driver_of "/sys/bus/virtio/devices/$dev"), card0 parent" \
				"$(basename "$(readlink -f /sys/class/drm/card0/device)"), modetest -M $to: connected"
		else
			cat /tmp/mt
			swhy="$swhy modetest-M-$to"
		fi
		from=$to
	done
	# Both stay loaded; only the bound one is in use.
	loaded virtio_gpu && loaded omega_vgpu || swhy="$swhy a-module-went-away"
fi
if [ -z "$swhy" ]; then
	echo "PASS: switch"
else
	echo "FAIL: switch$swhy"
fi
