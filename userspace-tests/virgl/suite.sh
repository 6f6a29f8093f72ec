#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# virgl suite for scripts/check.sh: build virgl_test (and the compile-time
# ABI check against Linux's virtgpu_drm.h), boot one guest per kernel with
# QEMU's virtio-gpu-gl-pci running guest.sh (every virgl ioctl, fences,
# kmscube on Mesa's virgl driver), check the cube screendump, and compare
# kmscube's frame rate with Linux's virtio-gpu driver in the same run.
#
# Prints PASS:/FAIL:/SKIP: <kernel>/<name> [why] lines; exits 1 on any FAIL.
# SKIPs everything with the reason when virgl cannot run on this host
# (qemu-system-gui or libvirglrenderer1 missing, or no GL display).
#
# Environment:
#   OMEGA_KVER_61        6.1 kernel version (default: the harness's choice)
#   OMEGA_KVER_612       6.12 kernel version (default: the harness's choice)
#   OMEGA_RESULTS        directory for logs and screendumps
#                        (default: <repo>/results/virgl)
#   OMEGA_VIRGL_KERNELS  kernels to run (default "6.1 6.12 debug"; debug is
#                        the sanitizer kernel of scripts/debug-kernel.sh)
#   OMEGA_VIRGL_COMPARE  1 (default): also run kmscube on Linux's driver

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VM="$ROOT/tools/omega-vm"
RESULTS=${OMEGA_RESULTS:-$ROOT/results/virgl}
KERNELS=${OMEGA_VIRGL_KERNELS:-6.1 6.12 debug}
COMPARE=${OMEGA_VIRGL_COMPARE:-1}
LIB=/usr/lib/x86_64-linux-gnu
failed=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1 $2"; failed=1; }
skip() { echo "SKIP: $1 $2"; }

mkdir -p "$RESULTS"
if ! make -C "$HERE" > "$RESULTS/build.log" 2>&1; then
	fail "virgl/build" "make failed (see $RESULTS/build.log)"
	exit 1
fi
pass "virgl/build"
pass "virgl/abi_check"	# build/abi_check compiled: the asserts held

why=
dpkg-query -W -f='${Status}' qemu-system-gui 2>/dev/null | grep -q "ok installed" ||
	why="qemu-system-gui not installed (scripts/setup.sh)"
dpkg-query -W -f='${Status}' libvirglrenderer1 2>/dev/null | grep -q "ok installed" ||
	why="libvirglrenderer1 not installed (scripts/setup.sh)"
[ -e "$LIB/dri/virtio_gpu_dri.so" ] || why="Mesa's virgl driver (libgl1-mesa-dri) missing"
if [ -z "$why" ] && ! SDL_VIDEODRIVER=offscreen timeout 20 qemu-system-x86_64 \
	-machine q35 -accel tcg -display sdl,gl=on -vga none \
	-device virtio-gpu-gl-pci -S -monitor none -serial none \
	-nodefaults -daemonize -pidfile "$RESULTS/probe.pid" > "$RESULTS/probe.log" 2>&1; then
	why="QEMU cannot start virtio-gpu-gl-pci with an SDL GL display (see $RESULTS/probe.log)"
fi
[ -s "$RESULTS/probe.pid" ] && kill "$(cat "$RESULTS/probe.pid")" 2>/dev/null
rm -f "$RESULTS/probe.pid"
if [ -n "$why" ]; then
	skip "virgl/all" "$why"
	exit 0
fi

mesa=(--bin /usr/bin/kmscube --mem 2048)
for f in "$LIB/dri/virtio_gpu_dri.so" "$LIB/libEGL_mesa.so.0" \
	/usr/share/glvnd/egl_vendor.d/50_mesa.json; do
	mesa+=(--file "$f:$f")
done

fps_of() { sed -n 's/^INFO: kmscube fps: \([0-9.]*\)$/\1/p' "$1" 2>/dev/null | tail -n 1; }

for k in $KERNELS; do
	out="$RESULTS/$k"
	rm -rf "$out"
	mkdir -p "$out"
	case "$k" in
	6.1) kver=${OMEGA_KVER_61:-} ;;
	6.12) kver=${OMEGA_KVER_612:-} ;;
	*) kver= ;;
	esac
	kargs=(--kernel "$k")
	[ -n "$kver" ] && kargs=(--kver "$kver")
	# vgem, loaded after omega_vgpu (card0 stays the driver under test):
	# its fences let virgl_test hold an ARL in-flight slot on purpose.
	kv=${kver:-$(ls -d /lib/modules/"$k".*-amd64 2>/dev/null | sort -V | tail -n 1)}
	vgem=$(ls /lib/modules/"${kv##*/}"/kernel/drivers/gpu/drm/vgem/vgem.ko* 2>/dev/null | head -n 1)
	if [ "$k" = debug ]; then
		# The debug kernel (KASAN, lockdep, kmemleak): its splats fail the
		# run through the harness.  Built and cached by debug-kernel.sh.
		if ! dbuild=$("$ROOT/scripts/debug-kernel.sh" --print-build-dir \
			2> "$out/debug-kernel.log") ||
			! make -s -C "$ROOT" module-kver KVER=debug KDIR="$dbuild" \
			> "$out/debug-build.log" 2>&1; then
			fail "debug/virgl.kernel" "debug kernel or module build failed (see $out)"
			continue
		fi
		vgem=$dbuild/drivers/gpu/drm/vgem/vgem.ko
		kargs=(--kernel debug)
	fi
	extra=()
	[ -n "$vgem" ] && extra=(--module "$vgem")
	# OMEGA_PACED_FLIPS=0 runs kmscube with host-paced flip events.
	{ [ -z "${OMEGA_PACED_FLIPS:-}" ] || echo "OMEGA_PACED_FLIPS=$OMEGA_PACED_FLIPS"
	  cat "$HERE/guest.sh"; } > "$out/guest-payload.sh"
	"$VM" --out "$out" "${kargs[@]}" --driver omega --gpu gl --xres 1280 \
		--yres 800 --bin "$HERE/build/virgl_test" \
		--bin "$HERE/build/virgl_readback" "${mesa[@]}" "${extra[@]}" \
		--payload "$out/guest-payload.sh" --timeout 300 > "$out/harness.log" 2>&1
	status=$?

	log="$out/payload.log"
	nfail=0
	if [ -f "$log" ]; then
		sed -n -e "s#^PASS: #PASS: $k/#p" -e "s#^SKIP: #SKIP: $k/#p" \
			-e "s#^FAIL: #FAIL: $k/#p" -e "s#^INFO: #INFO: $k/#p" "$log"
		nfail=$(grep -c '^FAIL: ' "$log")
	fi
	[ "$nfail" = 0 ] || failed=1
	case "$status" in
	0) pass "$k/virgl.guest" ;;
	124) fail "$k/virgl.guest" "timeout (see $out/console.log)" ;;
	125) fail "$k/virgl.guest" "kernel splat (see $out/harness.log)" ;;
	*) fail "$k/virgl.guest" "exit status $status, $nfail failed check(s) (see $out/harness.log)" ;;
	esac

	# The guest sends its read-back frames base64-encoded (guest.sh).
	for i in 0 1; do
		sed -n "/^BEGIN-PPM virgl-kmscube-$i\$/,/^END-PPM\$/p" "$log" 2>/dev/null |
			sed '1d;$d' | base64 -d > "$out/virgl-kmscube-$i.ppm" 2>/dev/null ||
			rm -f "$out/virgl-kmscube-$i.ppm"
		[ -s "$out/virgl-kmscube-$i.ppm" ] || rm -f "$out/virgl-kmscube-$i.ppm"
	done
	if [ ! -f "$out/virgl-kmscube-1.ppm" ]; then
		fail "$k/virgl.kmscube.screendump" "no screendump virgl-kmscube-1.ppm"
	else
		res=$(python3 "$HERE/check_cube.py" "$out/virgl-kmscube-1.ppm" 2>&1 | tail -n 1)
		if [ "${res#ok:}" != "$res" ]; then
			pass "$k/virgl.kmscube.screendump"
			python3 -c "import sys; sys.path.insert(0, '$ROOT/tools'); import omega_ppm; omega_ppm.ppm_to_png(sys.argv[1], sys.argv[2])" \
				"$out/virgl-kmscube-1.ppm" "$out/virgl-kmscube-1.png" 2>/dev/null
		else
			fail "$k/virgl.kmscube.screendump" "$res"
		fi
	fi

	# Frame rates under the sanitizers say nothing: compare on stock kernels.
	[ "$COMPARE" = 1 ] && [ "$k" != debug ] || continue
	ref="$out/virtio_gpu"
	mkdir -p "$ref"
	"$VM" --out "$ref" "${kargs[@]}" --driver virtio_gpu --gpu gl \
		--xres 1280 --yres 800 "${mesa[@]}" --payload "$HERE/guest.sh" \
		--timeout 300 > "$ref/harness.log" 2>&1
	ours=$(fps_of "$log")
	theirs=$(fps_of "$ref/payload.log")
	echo "INFO: $k/virgl.kmscube.fps omega_vgpu ${ours:-n/a} virtio_gpu ${theirs:-n/a}"
done

exit $failed
