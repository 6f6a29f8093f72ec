# SPDX-License-Identifier: GPL-2.0
#
# Guest payload: unload and reload the DRM driver LOOPS times in one boot;
# each time /dev/dri/card0 must go and come back, and a dumb buffer +
# modeset (pattern -D) must work.  suite.sh prepends DRV=<driver name>
# and LOOPS=<n>.  The harness fails the run on any kernel splat.
#
# Resource balance: when debugfs has dri/<minor>/resources (omega_vgpu),
# its "total: N" after all clients closed must equal the count right after
# the driver loaded (in-kernel clients such as fbdev may own some).

export OMEGA_DRIVER_NAME="$DRV"
: "${LOOPS:=10}"
ko=$(grep -E "^(omega_vgpu|virtio-gpu)\.ko" /modules/load.list | tail -n 1)
echo "NOTE: module $DRV from /modules/$ko"
bad_unload=0 bad_load=0 bad_use=0 bad_res=0 res_seen=0

res_total()
{
	f=$(ls /sys/kernel/debug/dri/*/resources 2> /dev/null | head -n 1)
	[ -n "$f" ] || return 1
	sed -n 's/^total: *//p' "$f"
}

wait_card()
{
	# $1 = 1: wait for card0 to appear, 0: to disappear
	i=0
	while [ $i -lt 100 ]; do
		if [ -e /dev/dri/card0 ]; then
			[ "$1" = 1 ] && return 0
		else
			[ "$1" = 0 ] && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

n=1
while [ $n -le "$LOOPS" ]; do
	if ! rmmod "$DRV"; then
		echo "NOTE: loop $n: rmmod $DRV failed"
		bad_unload=$((bad_unload + 1))
		break
	fi
	if ! wait_card 0; then
		echo "NOTE: loop $n: /dev/dri/card0 still there after rmmod"
		bad_unload=$((bad_unload + 1))
	fi
	if ! insmod "/modules/$ko"; then
		echo "NOTE: loop $n: insmod failed"
		bad_load=$((bad_load + 1))
		break
	fi
	if ! wait_card 1; then
		echo "NOTE: loop $n: /dev/dri/card0 did not come back"
		bad_load=$((bad_load + 1))
		break
	fi
	base=$(res_total)
	if ! pattern -D -n "loadunload-$n" -c 102030,405060 > /tmp/lu.txt; then
		echo "NOTE: loop $n: dumb buffer + modeset failed:"
		sed 's/^/NOTE:   /' /tmp/lu.txt
		bad_use=$((bad_use + 1))
	fi
	after=$(res_total)
	if [ -n "$base" ] && [ -n "$after" ]; then
		res_seen=$((res_seen + 1))
		[ $n = 1 ] && echo "NOTE: resources: $base at load (in-kernel clients), $after after the test client closed"
		if [ "$after" != "$base" ]; then
			echo "NOTE: loop $n: resources total $after after the client closed, $base at load"
			f=$(ls /sys/kernel/debug/dri/*/resources | head -n 1)
			sed 's/^/NOTE:   /' "$f"
			bad_res=$((bad_res + 1))
		fi
	fi
	n=$((n + 1))
done
done_loops=$((n - 1))
echo "NOTE: $done_loops of $LOOPS unload/reload loops ran"

report()
{
	if [ "$2" = 0 ]; then
		echo "PASS: loadunload.$1"
	else
		echo "FAIL: loadunload.$1 $3"
	fi
}
report rmmod $bad_unload "$bad_unload failure(s) in $done_loops of $LOOPS loops"
report insmod_card0 $bad_load "$bad_load failure(s) in $done_loops of $LOOPS loops"
report dumb_modeset $bad_use "$bad_use failure(s) in $done_loops of $LOOPS loops"
if [ $res_seen = 0 ]; then
	echo "SKIP: loadunload.resource_balance no dri/*/resources file in debugfs"
else
	report resource_balance $bad_res "$bad_res of $res_seen loops left host resources behind"
fi
[ $done_loops = "$LOOPS" ] || echo "FAIL: loadunload.loops only $done_loops of $LOOPS loops ran"
[ $((bad_unload + bad_load + bad_use + bad_res)) = 0 ] && [ $done_loops = "$LOOPS" ]
