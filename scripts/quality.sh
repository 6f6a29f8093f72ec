#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Quality gates, as a make-check suite: checkpatch --strict, W=1 and sparse
# builds on both kernels, kernel-doc, module metadata, and the uapi header
# compiling standalone in C and C++.  Each gate is one PASS/FAIL line; the
# offending output goes to $OMEGA_RESULTS.
#
# checkpatch.pl and kernel-doc come from Debian's linux-source-6.12, whose
# scripts/ directory is extracted once into the cache.

set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$SRCDIR"
RES=${OMEGA_RESULTS:-$SRCDIR/results/quality}
mkdir -p "$RES"
CACHE=${OMEGA_CACHE:-$HOME/.cache/omega_vgpu}
KVERS=("${OMEGA_KVER_61:?}" "${OMEGA_KVER_612:?}")

kernel_scripts() {
	local tarball dir
	tarball=$(ls /usr/src/linux-source-6.12.tar.xz)
	dir=$CACHE/kernel-scripts/$(stat -c %Y "$tarball")
	if [ ! -e "$dir/.done" ]; then
		mkdir -p "$dir"
		tar -C "$dir" --strip-components=1 -xJf "$tarball" \
			--wildcards '*/scripts/*' >&2
		touch "$dir/.done"
	fi
	echo "$dir"
}

# gate <name> <log> <command...>: PASS when the command succeeds and logs
# nothing that looks like a finding.
report() {
	local name=$1 log=$2 rc=$3
	if [ "$rc" = 0 ]; then
		echo "PASS: quality/$name"
	else
		echo "FAIL: quality/$name see $log: $(grep -m1 -E 'warning|error|WARNING|ERROR|CHECK' "$log" || tail -1 "$log")"
	fi
}

KS=$(kernel_scripts)
DRIVER_SOURCES=$(ls omega_vgpu_*.c omega_vgpu_*.h)
UAPI=$(ls include/uapi/drm/*.h 2>/dev/null || true)

# checkpatch: "total: 0 errors, 0 warnings, 0 checks" for every file.
log=$RES/checkpatch.log
"$KS/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore FILE_PATH_CHANGES -f $DRIVER_SOURCES $UAPI >"$log" 2>&1 || true
if grep -qE ': (ERROR|WARNING|CHECK):' "$log"; then rc=1; else rc=0; fi
report checkpatch "$log" $rc

# kernel-doc on everything with kernel-doc comments.
log=$RES/kernel-doc.log
rc=0
"$KS/scripts/kernel-doc" -none -Wall $DRIVER_SOURCES $UAPI >"$log" 2>&1 || rc=1
[ -s "$log" ] && rc=1
report kernel-doc "$log" $rc

for kver in "${KVERS[@]}"; do
	short=${kver%%-*}
	short=${short%.*}
	kdir=/lib/modules/$kver/build
	dir=quality-$short

	# W=1: a fresh build, so every file is compiled and any warning shows.
	log=$RES/w1-$short.log
	rm -rf "out/$dir"
	rc=0
	make -s module-kver KVER="$dir" KDIR="$kdir" W=1 >"$log" 2>&1 || rc=1
	grep -qE 'warning:|error:' "$log" && rc=1
	report "w1-$short" "$log" $rc

	# sparse over every file (C=2 checks files that are already built).
	log=$RES/sparse-$short.log
	rc=0
	make -s module-kver KVER="$dir" KDIR="$kdir" C=2 >"$log" 2>&1 || rc=1
	grep -qE 'warning:|error:' "$log" && rc=1
	report "sparse-$short" "$log" $rc

	# Module metadata a packager and modprobe rely on.
	log=$RES/modinfo-$short.log
	modinfo "out/$dir/omega_vgpu.ko" >"$log" 2>&1 || true
	rc=0
	for field in '^description: +.+' '^author: +.+' '^license: +GPL' \
		     '^version: +1\.' '^alias: +virtio:d00000010v\*' \
		     '^parm: +fbdev:.+\(bool\)' '^parm: +cmd_timeout_ms:.+' \
		     '^parm: +client_mem_mb:.+'; do
		grep -qE "$field" "$log" || { echo "missing: $field" >>"$log"; rc=1; }
	done
	report "modinfo-$short" "$log" $rc
	rm -rf "out/$dir"
done

# The uapi header must stand alone in C and C++ (userspace includes it
# without the kernel's headers in the way).
for h in $UAPI; do
	base=$(basename "$h" .h)
	log=$RES/uapi-$base.log
	rc=0
	printf '#include <%s>\nint main(void) { return 0; }\n' "drm/$base.h" >"$RES/uapi-$base.c"
	{
		gcc -std=c11 -Wall -Wextra -Werror -I include/uapi \
			$(pkg-config --cflags libdrm) -c "$RES/uapi-$base.c" -o /dev/null &&
		g++ -std=c++11 -Wall -Wextra -Werror -I include/uapi \
			$(pkg-config --cflags libdrm) -x c++ -c "$RES/uapi-$base.c" -o /dev/null
	} >"$log" 2>&1 || rc=1
	report "uapi-$base" "$log" $rc
done
