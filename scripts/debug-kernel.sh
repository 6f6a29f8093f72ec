#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the omega_vgpu debug kernel: Debian's linux-source-6.12
# configured as allnoconfig + kunit/debug-kernel.config + olddefconfig, with
# KASAN, lockdep, kmemleak, KUnit and gcov.  The result lives outside the
# tree under ${OMEGA_CACHE:-$HOME/.cache/omega_vgpu}/debug-kernel/<key>/,
# where <key> is the source package version plus the fragment's sha256, so
# a new source package or an edited fragment gets a fresh build.
#
#   scripts/debug-kernel.sh                    build if needed, report
#   scripts/debug-kernel.sh --print-build-dir  build if needed, then print
#                                              only the build directory
#
# The build directory holds arch/x86/boot/bzImage, Module.symvers and
# everything `make -C <build-dir> M=<dir> modules` needs.  A build counts
# as complete only once the stamp file, written last, exists.
#
# Environment: OMEGA_CACHE (cache root), OMEGA_JOBS (make -j, default 2).

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FRAGMENT=$SRCDIR/kunit/debug-kernel.config
SRC_PKG=linux-source-6.12
TARBALL=/usr/src/linux-source-6.12.tar.xz
CACHE=${OMEGA_CACHE:-$HOME/.cache/omega_vgpu}
JOBS=${OMEGA_JOBS:-2}
STAMP_NAME=.omega-debug-kernel-complete

print_dir=0
case "${1:-}" in
"") ;;
--print-build-dir) print_dir=1 ;;
-h|--help)
	sed -n '3,19p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
*)
	echo "usage: $0 [--print-build-dir]" >&2
	exit 2
	;;
esac

# Everything but the final path goes to stderr.
log() { echo "debug-kernel: $*" >&2; }
die() { log "error: $*"; exit 1; }

ensure_packages() {
	local pkgs=("$SRC_PKG" bc flex bison libelf-dev libssl-dev dwarves
		    cpio gcc make xz-utils)
	local missing=() p
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing ${missing[*]}"
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
		--no-install-recommends "${missing[@]}" >&2
}

# Print every fragment line that the final .config does not reproduce.
fragment_mismatches() {
	local config=$1 line sym
	while IFS= read -r line; do
		case "$line" in
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			if grep -q "^$sym=" "$config"; then
				echo "$line (got: $(grep "^$sym=" "$config"))"
			fi
			;;
		CONFIG_*=*)
			sym=${line%%=*}
			if ! grep -qxF -- "$line" "$config"; then
				echo "$line (got: $(grep "^$sym=" "$config" ||
					echo "not set"))"
			fi
			;;
		esac
	done < "$FRAGMENT"
}

configure() {
	local src=$1 build=$2 bad
	log "configuring: allnoconfig + $(basename "$FRAGMENT") + olddefconfig"
	{
		make -s -C "$src" O="$build" ARCH=x86_64 allnoconfig &&
		"$src"/scripts/kconfig/merge_config.sh -m -O "$build" \
			"$build/.config" "$FRAGMENT" &&
		make -s -C "$src" O="$build" ARCH=x86_64 olddefconfig
	} > "$build/../config.log" 2>&1 ||
		{ tail -n 20 "$build/../config.log" >&2; return 1; }
	bad=$(fragment_mismatches "$build/.config")
	if [ -n "$bad" ]; then
		log "fragment options that did not take:"
		printf '  %s\n' "$bad" >&2
		return 1
	fi
	log "all fragment options took"
}

build_kernel() {
	local key_dir=$1 src=$1/src build=$1/build start end
	mkdir -p "$key_dir"
	if [ ! -f "$src/Makefile" ]; then
		log "extracting $TARBALL"
		rm -rf "$src" "$key_dir/src.tmp"
		mkdir -p "$key_dir/src.tmp"
		tar -xJf "$TARBALL" -C "$key_dir/src.tmp" --strip-components=1
		mv "$key_dir/src.tmp" "$src"
	fi
	mkdir -p "$build"
	configure "$src" "$build" || die "configuration failed"
	log "building bzImage + modules with -j$JOBS (KASAN: expect a while)"
	start=$(date +%s)
	make -C "$src" O="$build" ARCH=x86_64 -j"$JOBS" bzImage modules \
		> "$key_dir/build.log" 2>&1 ||
		{ tail -n 40 "$key_dir/build.log" >&2;
		  die "kernel build failed, see $key_dir/build.log"; }
	end=$(date +%s)
	[ -f "$build/arch/x86/boot/bzImage" ] || die "no bzImage"
	[ -f "$build/Module.symvers" ] || die "no Module.symvers"
	echo "$((end - start))" > "$key_dir/build-seconds"
	log "build took $((end - start)) s"
	printf 'version=%s\nfragment_sha256=%s\nbuilt=%s\nseconds=%s\n' \
		"$version" "$frag_sha" "$(date -u +%FT%TZ)" "$((end - start))" \
		> "$build/$STAMP_NAME"
}

ensure_packages
[ -f "$TARBALL" ] || die "$TARBALL missing after installing $SRC_PKG"
[ -f "$FRAGMENT" ] || die "$FRAGMENT missing"

version=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
frag_sha=$(sha256sum "$FRAGMENT" | cut -d' ' -f1)
key="${version//[^A-Za-z0-9.+_-]/_}-${frag_sha:0:16}"
key_dir=$CACHE/debug-kernel/$key
build_dir=$key_dir/build

mkdir -p "$CACHE/debug-kernel"
# One builder at a time; later callers wait and then find the stamp.
exec 9> "$CACHE/debug-kernel/.lock"
if ! flock -n 9; then
	log "another build holds $CACHE/debug-kernel/.lock, waiting"
	flock 9
fi

if [ -f "$build_dir/$STAMP_NAME" ]; then
	log "up to date: $build_dir ($version, fragment ${frag_sha:0:16})"
else
	build_kernel "$key_dir"
fi

if [ "$print_dir" -eq 1 ]; then
	echo "$build_dir"
else
	log "kernel:  $build_dir/arch/x86/boot/bzImage"
	log "modules: make -C $build_dir M=<dir> modules"
fi
