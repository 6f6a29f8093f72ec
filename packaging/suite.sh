#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make package-test (a make-check suite): omega_vgpu as a distribution would
# ship it, on Debian's 6.1 and 6.12 kernels.
#
#   packaging/dkms-<kver>        dkms add/build/install from a copy of the
#                                sources; the module's vermagic is the
#                                kernel's, version is dkms.conf's, signed by
#                                the DKMS key; dkms remove takes it away
#   packaging/install-<kver>     make install INSTALL_MOD_PATH=<tmp>
#   packaging/headers_install    make headers_install INSTALL_HDR_PATH=<tmp>;
#                                C and C++ programs build against the copy
#   packaging/autoload-<kver>    guest whose /lib/modules holds Debian's
#                                modules + the DKMS-installed omega_vgpu and
#                                /etc/modprobe.d/omega_vgpu.conf: a udev-like
#                                coldplug binds omega_vgpu, not virtio_gpu
#   packaging/switch-<kver>      same guest: sysfs unbind/bind moves the
#                                device omega_vgpu -> virtio_gpu -> omega_vgpu
#                                (twice), card0 reports the driver each time
#
# Nothing is written outside a temporary directory: dkms runs with its
# source, dkms and install trees there (--sourcetree, --dkmstree,
# --installtree, --no-depmod) and its signing key there, so the host's
# /usr/src, /var/lib/dkms and /lib/modules are never touched.  The suite
# checks that afterwards.
#
# Environment: OMEGA_KVER_61, OMEGA_KVER_612 (default: newest installed),
# OMEGA_RESULTS, OMEGA_PACKAGING_GUEST=0 (skip the guest tests: make dkms-test).

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$SRCDIR"
RES=${OMEGA_RESULTS:-$SRCDIR/results/packaging}
mkdir -p "$RES"
GUEST=${OMEGA_PACKAGING_GUEST:-1}

newest_kver() {
	local d
	# shellcheck disable=SC2012 # kernel versions have no odd characters
	d=$(ls -d /lib/modules/"$1".*-amd64/build 2>/dev/null | sort -V | tail -1)
	[ -z "$d" ] || basename "$(dirname "$d")"
}
KVER_61=${OMEGA_KVER_61:-$(newest_kver 6.1)}
KVER_612=${OMEGA_KVER_612:-$(newest_kver 6.12)}
KVERS=()
for k in "$KVER_61" "$KVER_612"; do
	[ -n "$k" ] && KVERS+=("$k")
done

pass() { echo "PASS: packaging/$1"; }
fail() { echo "FAIL: packaging/$1 $2"; }

VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
# The release in Kbuild's modinfo version string must be dkms.conf's.
KBUILD_VERSION=$(sed -n "s/.*-DOMEGA_VGPU_VERSION='\"\([0-9.]*\).*/\1/p" Kbuild)
if [ -n "$VERSION" ] && [ "$VERSION" = "$KBUILD_VERSION" ]; then
	pass version-consistent
else
	fail version-consistent "dkms.conf says '$VERSION', Kbuild says '$KBUILD_VERSION'"
fi

if ! command -v dkms >/dev/null; then
	fail dkms-missing "dkms is not installed (scripts/setup.sh installs it)"
	exit 0
fi

WORK=$(mktemp -d /tmp/omega-packaging.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# State of the host's trees, to prove afterwards that nothing leaked there.
host_state() {
	{
		ls -d /usr/src/omega_vgpu-* /var/lib/dkms/omega_vgpu 2>/dev/null || true
		find /lib/modules -name 'omega_vgpu.ko*' 2>/dev/null || true
	} | sort
}
host_before=$(host_state)

# Reference vermagic: a stock module of the same kernel.
stock_vermagic() {
	local f
	f=$(find "/lib/modules/$1/kernel/drivers/gpu/drm/virtio" -name 'virtio-gpu.ko*' | head -1)
	modinfo -F vermagic "$f"
}

# ---------------------------------------------------------------- DKMS
make -s dkms-src DKMS_SOURCE_TREE="$WORK/src" >"$RES/dkms-src.log" 2>&1
export mok_signing_key=$WORK/mok.key mok_certificate=$WORK/mok.pub
TREES=(--sourcetree "$WORK/src" --dkmstree "$WORK/dkms" --installtree "$WORK/root/lib/modules")
mkdir -p "$WORK/dkms"
for kver in "${KVERS[@]}"; do
	mkdir -p "$WORK/root/lib/modules/$kver"
done

# A source copy must not carry git metadata: the version then comes from
# dkms.conf/Kbuild alone (no "+g<commit>").
[ ! -e "$WORK/src/omega_vgpu-$VERSION/.git" ] || fail dkms-src ".git in the DKMS source copy"

dkms_ok=1
if ! dkms add -m omega_vgpu -v "$VERSION" "${TREES[@]}" >"$RES/dkms-add.log" 2>&1; then
	fail dkms-add "see $RES/dkms-add.log"
	dkms_ok=0
fi

for kver in "${KVERS[@]}"; do
	log=$RES/dkms-$kver.log
	[ "$dkms_ok" = 1 ] || { fail "dkms-$kver" "dkms add failed"; continue; }
	if ! dkms build -m omega_vgpu -v "$VERSION" -k "$kver" "${TREES[@]}" >"$log" 2>&1; then
		fail "dkms-$kver" "dkms build failed: see $log and $WORK/dkms/omega_vgpu/$VERSION/build/make.log"
		continue
	fi
	if ! dkms install -m omega_vgpu -v "$VERSION" -k "$kver" --no-depmod "${TREES[@]}" >>"$log" 2>&1; then
		fail "dkms-$kver" "dkms install failed: see $log"
		continue
	fi
	ko=$(find "$WORK/root/lib/modules/$kver/updates/dkms" -name 'omega_vgpu.ko*' 2>/dev/null | head -1)
	if [ -z "$ko" ]; then
		fail "dkms-$kver" "no omega_vgpu.ko* under <installtree>/$kver/updates/dkms"
		continue
	fi
	modinfo "$ko" >"$RES/modinfo-dkms-$kver.txt" 2>&1 || true
	want=$(stock_vermagic "$kver")
	got=$(modinfo -F vermagic "$ko")
	why=
	[ -n "$want" ] && [ "$got" = "$want" ] || why="vermagic '$got', kernel's '$want'"
	[ "$(modinfo -F version "$ko")" = "$VERSION" ] ||
		why="$why version '$(modinfo -F version "$ko")' is not '$VERSION'"
	modinfo -F alias "$ko" | grep -qx 'virtio:d00000010v\*' || why="$why no virtio:d00000010v* alias"
	[ "$(modinfo -F signer "$ko")" = "DKMS module signing key" ] || why="$why not signed by the DKMS key"
	dkms status -m omega_vgpu -v "$VERSION" -k "$kver" "${TREES[@]}" 2>/dev/null |
		grep -q ': installed' || why="$why dkms status does not say installed"
	if [ -z "$why" ]; then
		pass "dkms-$kver"
		echo "dkms-$kver: $ko vermagic '$got'" >>"$RES/summary.txt"
	else
		fail "dkms-$kver" "$why"
	fi
done

# The guests get a copy of the install tree; then dkms removes its own.
cp -a "$WORK/root" "$WORK/guest-root"
if [ "$dkms_ok" = 1 ]; then
	dkms remove -m omega_vgpu -v "$VERSION" --all "${TREES[@]}" >"$RES/dkms-remove.log" 2>&1 || true
	left=$(find "$WORK/root" -name 'omega_vgpu.ko*'; ls "$WORK/dkms/omega_vgpu" 2>/dev/null || true)
	if [ -z "$left" ]; then
		pass dkms-remove
	else
		fail dkms-remove "left behind: $(echo "$left" | tr '\n' ' ')"
	fi
fi

# ---------------------------------------------------------------- make install
for kver in "${KVERS[@]}"; do
	log=$RES/install-$kver.log
	dest=$WORK/mi-$kver
	if ! make -C "$SRCDIR" install KVER="$kver" KDIR="/lib/modules/$kver/build" \
		INSTALL_MOD_PATH="$dest" >"$log" 2>&1; then
		fail "install-$kver" "make install failed: see $log"
		continue
	fi
	ko=$(find "$dest/lib/modules/$kver/updates" -name 'omega_vgpu.ko*' 2>/dev/null | head -1)
	others=$(find "$dest" -type f ! -name 'omega_vgpu.ko*' ! -name 'modules.*' | head -3)
	if [ -z "$ko" ]; then
		fail "install-$kver" "no omega_vgpu.ko* under INSTALL_MOD_PATH/lib/modules/$kver/updates"
	elif [ "$(modinfo -F vermagic "$ko")" != "$(stock_vermagic "$kver")" ]; then
		fail "install-$kver" "vermagic '$(modinfo -F vermagic "$ko")'"
	elif [ -n "$others" ]; then
		fail "install-$kver" "unexpected files installed: $others"
	elif grep -qi 'error' "$log"; then
		fail "install-$kver" "errors in $log: $(grep -i -m1 error "$log")"
	else
		pass "install-$kver"
	fi
done

# ---------------------------------------------------------------- headers_install
hdr=$WORK/hdr
log=$RES/headers_install.log
if ! make -s -C "$SRCDIR" headers_install INSTALL_HDR_PATH="$hdr" >"$log" 2>&1; then
	fail headers_install "make headers_install failed: see $log"
elif ! cmp -s "$hdr/drm/omega_vgpu_drm.h" include/uapi/drm/omega_vgpu_drm.h; then
	fail headers_install "$hdr/drm/omega_vgpu_drm.h missing or not the uapi header"
elif [ "$(stat -c %a "$hdr/drm/omega_vgpu_drm.h")" != 644 ]; then
	fail headers_install "mode $(stat -c %a "$hdr/drm/omega_vgpu_drm.h"), not 644"
else
	# A program that uses every ioctl number and argument struct the
	# installed header defines, built as C and as C++ against the copy
	# (and libdrm's drm.h, which the header includes as "drm.h").
	ioctls=$(sed -n 's/^#define \(DRM_IOCTL_OMEGA_VGPU_[A-Z0-9_]*\).*/\1/p' "$hdr/drm/omega_vgpu_drm.h")
	structs=$(sed -n 's/^struct \(drm_omega_vgpu_[a-z0-9_]*\) {.*/\1/p' "$hdr/drm/omega_vgpu_drm.h")
	n_ioctls=$(echo "$ioctls" | grep -c . || true)
	prog=$WORK/uapi-user.c
	{
		echo '#include <stdio.h>'
		echo '#include <drm/omega_vgpu_drm.h>'
		echo 'static const unsigned long ioctls[] = {'
		for i in $ioctls; do echo "	$i,"; done
		echo '};'
		echo 'int main(void)'
		echo '{'
		for s in $structs; do echo "	struct $s v_$s = {0}; (void)v_$s;"; done
		# shellcheck disable=SC2028 # the \n is for the C source
		echo '	printf("%u ioctls\n", (unsigned int)(sizeof(ioctls) / sizeof(ioctls[0])));'
		echo '	return 0;'
		echo '}'
	} >"$prog"
	cp "$prog" "$WORK/uapi-user.cpp"
	cflags="-I$hdr $(pkg-config --cflags libdrm) -Wall -Wextra -Werror"
	why=
	# shellcheck disable=SC2086 # word splitting of the flags is intended
	gcc -std=c11 -pedantic $cflags -o "$WORK/uapi-c" "$prog" >>"$log" 2>&1 || why="C build failed"
	# shellcheck disable=SC2086
	g++ -std=c++11 -Wno-missing-field-initializers $cflags -o "$WORK/uapi-cxx" \
		"$WORK/uapi-user.cpp" >>"$log" 2>&1 || why="$why C++ build failed"
	if [ -z "$why" ]; then
		for b in uapi-c uapi-cxx; do
			out=$("$WORK/$b")
			[ "$out" = "$n_ioctls ioctls" ] || why="$why $b printed '$out', want '$n_ioctls ioctls'"
		done
	fi
	[ "$n_ioctls" -gt 0 ] || why="$why no DRM_IOCTL_OMEGA_VGPU_* in the header"
	if [ -z "$why" ]; then
		pass headers_install
	else
		fail headers_install "$why (see $log)"
	fi
fi

# ---------------------------------------------------------------- guests
# A guest module tree: Debian's modules that the virtio-gpu device and both
# drivers need (same paths, same compression), the DKMS-installed
# omega_vgpu, depmod'ed like a package installation does.
guest_tree() { # guest_tree <kver> <root>
	local kver=$1 root=$2 mdir=/lib/modules/$1 name p dst
	for name in virtio_pci virtio-gpu $(modinfo -F depends "$(find "$root$mdir/updates" -name 'omega_vgpu.ko*' | head -1)" | tr ',' ' '); do
		modprobe -S "$kver" --show-depends "$name" 2>/dev/null | awk '$1 == "insmod" { print $2 }'
	done | sort -u | while read -r p; do
		dst=$root$p
		mkdir -p "$(dirname "$dst")"
		cp "$p" "$dst"
	done
	cp "$mdir"/modules.order "$mdir"/modules.builtin "$mdir"/modules.builtin.modinfo "$root$mdir/"
	depmod -b "$root" "$kver"
}

if [ "$GUEST" != 1 ]; then
	echo "SKIP: packaging/guest OMEGA_PACKAGING_GUEST=$GUEST"
else
	for kver in "${KVERS[@]}"; do
		root=$WORK/guest-$kver
		mkdir -p "$root/lib/modules"
		if [ ! -d "$WORK/guest-root/lib/modules/$kver/updates" ]; then
			fail "autoload-$kver" "no DKMS-installed module to put in the guest"
			fail "switch-$kver" "no DKMS-installed module to put in the guest"
			continue
		fi
		cp -a "$WORK/guest-root/lib/modules/$kver" "$root/lib/modules/"
		if ! guest_tree "$kver" "$root" >"$RES/guest-tree-$kver.log" 2>&1; then
			fail "autoload-$kver" "building the guest module tree failed: see $RES/guest-tree-$kver.log"
			continue
		fi
		out=$RES/guest-$kver
		set +e
		tools/omega-vm --out "$out" --kver "$kver" --driver none -q --timeout 300 \
			--file "$root/lib/modules/$kver:/lib/modules/$kver" \
			--file "$SRCDIR/packaging/omega_vgpu.conf:/etc/modprobe.d/omega_vgpu.conf" \
			--payload packaging/guest-bind.sh 2>"$out.stderr"
		rc=$?
		set -e
		# The payload's own PASS/FAIL lines, named per kernel.
		sed -n 's/^\(PASS\|FAIL\|SKIP\): \([a-z]*\)/\1: packaging\/\2-'"$kver"'/p' \
			"$out/payload.log" 2>/dev/null || true
		for t in autoload switch; do
			if ! grep -q "^\(PASS\|FAIL\|SKIP\): $t" "$out/payload.log" 2>/dev/null; then
				fail "$t-$kver" "guest did not report (omega-vm status $rc, see $out/console.log)"
			fi
		done
		if [ "$rc" != 0 ] && ! grep -q '^FAIL: ' "$out/payload.log" 2>/dev/null; then
			fail "guest-$kver" "omega-vm status $rc (125: kernel splat; see $out.stderr)"
		fi
	done
fi

# ---------------------------------------------------------------- host untouched
host_after=$(host_state)
if [ "$host_before" = "$host_after" ]; then
	pass host-untouched
else
	fail host-untouched "omega_vgpu appeared in the host's trees: $(diff <(echo "$host_before") <(echo "$host_after") | grep '^>' | tr '\n' ' ')"
fi
