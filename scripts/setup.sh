#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install (with apt) everything omega_vgpu's build, tests and demo need on
# Debian 12.  Idempotent: when everything is present it only says so.
# Runs apt-get update only when something is missing.
#
#   scripts/setup.sh          install what is missing
#   scripts/setup.sh --check  only report what is missing (exit 1 if anything)

set -euo pipefail

PACKAGES=(
	linux-image-amd64 linux-headers-amd64
	linux-source-6.12
	qemu-system-x86 busybox-static kmod libdrm-dev libdrm-tests
	cpio bc flex bison libelf-dev libssl-dev dwarves sparse xz-utils zstd
	gcc make pkg-config
	kmscube libgbm1 libegl-mesa0 libgl1-mesa-dri libgles2 libegl1
	qemu-system-gui libvirglrenderer1
	python3
	dkms
)

check_only=0
case "${1:-}" in
"") ;;
--check) check_only=1 ;;
*) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

say() { echo "setup: $*"; }

installed() { # installed <package>: true when dpkg has it fully installed
	[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

# An installed 6.12 image + matching headers pair, printed as the ABI
# version (e.g. 6.12.117+deb12), or nothing.
installed_612() {
	local pkg ver
	{ dpkg-query -W -f='${Package}\n' 'linux-image-6.12.*+deb12-amd64-unsigned' 2>/dev/null || true; } |
		sed -n 's/^linux-image-\(6\.12\..*+deb12\)-amd64-unsigned$/\1/p' | sort -V -r |
		while read -r ver; do
			pkg=linux-image-$ver-amd64-unsigned
			if installed "$pkg" && installed "linux-headers-$ver-amd64"; then
				echo "$ver"
				break
			fi
		done
}

# The newest 6.12 ABI version apt knows about.
newest_612() {
	apt-cache search --names-only '^linux-image-6\.12\..*\+deb12-amd64-unsigned$' |
		sed -n 's/^linux-image-\(6\.12\.[^ ]*+deb12\)-amd64-unsigned .*/\1/p' |
		sort -V | tail -1
}

missing=()
for p in "${PACKAGES[@]}"; do
	installed "$p" || missing+=("$p")
done
have_612=$(installed_612 || true)

if [ ${#missing[@]} -eq 0 ] && [ -n "$have_612" ]; then
	say "all packages present (6.12 kernel: $have_612-amd64)"
	exit 0
fi

[ ${#missing[@]} -eq 0 ] || say "missing: ${missing[*]}"
[ -n "$have_612" ] || say "missing: a 6.12 kernel image + headers pair"
if [ "$check_only" = 1 ]; then
	exit 1
fi

SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { say "not root and no sudo: install the above yourself"; exit 1; }
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive

say "apt-get update"
$SUDO apt-get update -qq

if [ -z "$have_612" ]; then
	ver=$(newest_612)
	if [ -z "$ver" ]; then
		say "apt knows no linux-image-6.12.*+deb12-amd64-unsigned (is bookworm-updates/security enabled?)"
		exit 1
	fi
	say "6.12 kernel: picking $ver-amd64"
	missing+=("linux-image-$ver-amd64-unsigned" "linux-headers-$ver-amd64")
fi

say "apt-get install ${missing[*]}"
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
say "done"
