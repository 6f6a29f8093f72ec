# SPDX-License-Identifier: GPL-2.0
#
# bench/virgl-payload.sh - guest side of the kmscube-on-virgl rows of
# `make bench`: tools/omega-vm --gpu gl runs it with sh.  No arguments reach
# a payload, so bench/run.sh writes these settings in front of it:
#   VIRGL_FRAMES  frames per kmscube run (kmscube -c)        [300]
#   VIRGL_RUN     the run number; on omega_vgpu, odd runs measure the paced
#                 flips first, even runs the unpaced ones     [1]
#   VIRGL_WARMUP  frames of an unmeasured kmscube run first   [100]
#
# kmscube draws with Mesa's virgl driver (MESA_LOADER_DRIVER_OVERRIDE=
# virtio_gpu) on /dev/dri/card0.  On omega_vgpu it runs twice: with the
# default vblank-paced flip events (workload kmscube_virgl) and with
# paced_flips=0 (kmscube_virgl_unpaced: the event once the host has the
# frame).  On Linux's virtio-gpu it runs once (kmscube_virgl).  An unmeasured
# run comes first on both: the first kmscube of a boot is slower, and Linux's
# only run would otherwise always be one.  Per measured run:
#   METRIC workload=<w> metric=fps value=<v> unit=fps
#   METRIC workload=<w> metric=cpu_per_frame value=<v> unit=ms
# (value=n/a when the run failed or did not render with virgl), and
#   VIRGL workload=<w> status=ok frames=<n> secs=<t> busy_ticks=<start>..<end>
# fps is kmscube's own figure ("Rendered N frames in T sec (F fps)", the
# first frame not counted).  cpu_per_frame is the busy guest CPU time (all
# CPUs, /proc/stat minus idle and iowait) over those T seconds divided by N:
# a sampler records /proc/stat every 0.2 s, and the busy time at the start of
# kmscube's window (exit time minus T) is interpolated, so that Mesa's
# start-up (loading the driver, compiling shaders) is not counted.

FRAMES=${VIRGL_FRAMES:-300}
RUN=${VIRGL_RUN:-1}
WARMUP=${VIRGL_WARMUP:-100}
PARAM=/sys/module/omega_vgpu/parameters/paced_flips
st=0

echo "GUEST kernel=$(uname -r) cpus=$(grep -c ^processor /proc/cpuinfo)"

na() { # workload why
	echo "METRIC workload=$1 metric=fps value=n/a unit=fps"
	echo "METRIC workload=$1 metric=cpu_per_frame value=n/a unit=ms"
	echo "VIRGL workload=$1 status=failed why=$2"
	st=1
}

# Busy CPU time of all CPUs in USER_HZ (100 on x86) ticks, shell builtins only.
busy() {
	read -r _ us ni sy _ _ hi si sl _ < /proc/stat
	echo $((us + ni + sy + hi + si + sl))
}

cube() { # workload
	w=$1
	log=/tmp/$w.log
	kmscube -D /dev/dri/card0 -c "$FRAMES" < /tmp/kin > "$log" 2>&1
	kst=$?
	read -r up_end _ < /proc/uptime
	b_end=$(busy)
	renderer=$(sed -n 's/^ *renderer: "\(.*\)"$/\1/p' "$log" | head -n 1)
	# shellcheck disable=SC2046
	set -- $(sed -n 's/^Rendered \([0-9]*\) frames in \([0-9.]*\) sec (\([0-9.]*\) fps)$/\1 \2 \3/p' \
		"$log" | tail -n 1)
	echo "INFO: $w: kmscube exit $kst, renderer \"$renderer\", $*"
	case "$renderer" in
	virgl*) ;;
	*) na "$w" "renderer-not-virgl"; tail -n 5 "$log"; return ;;
	esac
	if [ "$kst" != 0 ] || [ $# != 3 ] || [ "$1" = 0 ]; then
		na "$w" "kmscube-exit-$kst"
		tail -n 5 "$log"
		return
	fi
	n=$1 secs=$2 fps=$3
	# Busy ticks at the start of kmscube's window, from the samples around it.
	b_start=$(awk -v t="$up_end" -v d="$secs" '
		BEGIN { t -= d }
		$1 <= t { t0 = $1; b0 = $2; before = 1; next }
		{ t1 = $1; b1 = $2; after = 1; exit }
		END {
			if (before && after && t1 > t0)
				printf "%.3f\n", b0 + (b1 - b0) * (t - t0) / (t1 - t0)
			else if (before)
				print b0
			else if (after)
				print b1
		}' /tmp/cpu.samples)
	echo "METRIC workload=$w metric=fps value=$fps unit=fps"
	if [ -n "$b_start" ]; then
		awk -v w="$w" -v b0="$b_start" -v b1="$b_end" -v n="$n" 'BEGIN {
			printf "METRIC workload=%s metric=cpu_per_frame value=%.4g unit=ms\n",
				w, (b1 - b0) * 10 / n }'
	else
		echo "METRIC workload=$w metric=cpu_per_frame value=n/a unit=ms"
	fi
	echo "VIRGL workload=$w status=ok frames=$n secs=$secs busy_ticks=${b_start:-?}..$b_end"
}

unpaced() {
	if [ ! -w "$PARAM" ]; then
		na kmscube_virgl_unpaced "no-writable-$PARAM"
		return
	fi
	old=$(cat "$PARAM")
	echo 0 > "$PARAM"
	cube kmscube_virgl_unpaced
	echo "$old" > "$PARAM"
}

command -v kmscube > /dev/null || { na kmscube_virgl "kmscube-not-in-guest"; exit 1; }
[ -e /dev/dri/card0 ] || { na kmscube_virgl "no-card0"; exit 1; }
export MESA_LOADER_DRIVER_OVERRIDE=virtio_gpu

# kmscube quits when stdin becomes readable: a fifo nobody writes to.
mkfifo /tmp/kin
sleep 100000 > /tmp/kin &
holder=$!

while :; do
	read -r up _ < /proc/uptime
	read -r _ us ni sy _ _ hi si sl _ < /proc/stat
	echo "$up $((us + ni + sy + hi + si + sl))"
	sleep 0.2
done > /tmp/cpu.samples &
sampler=$!

if [ "$WARMUP" -gt 0 ]; then
	kmscube -D /dev/dri/card0 -c "$WARMUP" < /tmp/kin > /tmp/warmup.log 2>&1
	echo "INFO: warm-up: exit $?, $(grep '^Rendered' /tmp/warmup.log | tail -n 1)"
fi
if [ -e /sys/module/omega_vgpu ]; then
	echo "INFO: omega_vgpu paced_flips=$(cat "$PARAM" 2>/dev/null)"
	if [ $((RUN % 2)) = 1 ]; then
		cube kmscube_virgl
		unpaced
	else
		unpaced
		cube kmscube_virgl
	fi
else
	cube kmscube_virgl
fi

kill "$sampler" "$holder" 2>/dev/null
exit $st
