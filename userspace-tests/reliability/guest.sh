# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of the omega_vgpu reliability tests (issue #10), run by
# tools/omega-vm.  suite.sh / stress.sh prepend the parameters:
#   SECTIONS     which sections to run, in this order
#   CONC_SECS FUZZ_SECS FUZZ_PROCS FUZZ_SEED NTH_MAX PROBE_FIRST PROBE_MAX
#   LOAD_CYCLES FLIP_CYCLES
# Each section prints "=== section NAME" first, so that the host can tell
# which section a kernel splat in the console log belongs to.  Result
# lines: PASS:/FAIL:/SKIP:, figures as INFO:, screendump pairs the host
# compares as EXPECT-SAME: A B.

D=/sys/kernel/debug/dri/0
FI=/sys/kernel/debug
st=0

fail() { echo "FAIL: $1 $2"; st=1; }
pass() { echo "PASS: $*"; }
run() { "$@" || st=1; }

res_total() { sed -n 's/^total: *//p' $D/resources 2> /dev/null; }
stat_count() { awk -v c="$1" '$1 == c { print $2 }' $D/stats; }
gpu_bdf() { basename "$(readlink -f /sys/class/drm/card0/device/..)"; }
virtio_dev() { basename "$(readlink -f /sys/class/drm/card0/device)"; }

wait_card() { # 1: until card0 exists, 0: until it is gone
	i=0
	while [ $i -lt 100 ]; do
		if [ -e /dev/dri/card0 ]; then [ "$1" = 1 ] && return 0
		else [ "$1" = 0 ] && return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_pid PID SECONDS: 0 when it ended in time (its status in $rc).
wait_pid() {
	i=0
	while kill -0 "$1" 2> /dev/null && [ $i -lt $(($2 * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$1" 2> /dev/null; then
		return 1
	fi
	wait "$1"
	rc=$?
	return 0
}

kmemleak_check() { # NAME
	if [ ! -w $FI/kmemleak ]; then
		fail "$1" "no kmemleak in this kernel"
		return
	fi
	echo scan > $FI/kmemleak
	sleep 5
	echo scan > $FI/kmemleak
	cat $FI/kmemleak > /tmp/kmemleak.txt
	n=$(grep -c 'unreferenced object' /tmp/kmemleak.txt)
	ours=$(awk '/unreferenced object/ { if (hit) c++; hit = 0 } /omega_vgpu/ { hit = 1 }
		END { if (hit) c++; print c + 0 }' /tmp/kmemleak.txt)
	if [ "$ours" != 0 ]; then
		sed 's/^/NOTE: kmemleak: /' /tmp/kmemleak.txt | head -n 60
		fail "$1" "$ours of $n kmemleak reports involve omega_vgpu"
	else
		pass "$1 kmemleak clean of omega_vgpu ($n other reports)"
	fi
	echo clear > $FI/kmemleak
}

setup() {
	mount -t cgroup2 none /sys/fs/cgroup 2> /dev/null
	ko=$(grep '^omega_vgpu\.ko' /modules/load.list | tail -n 1)
	[ -w $FI/kmemleak ] && echo clear > $FI/kmemleak
	if [ -d $FI/failslab ]; then
		# fail-nth only: no random failures, no stack dumps on the console.
		for a in failslab fail_page_alloc; do
			echo 0 > $FI/$a/probability
			echo 0 > $FI/$a/verbose
			echo N > $FI/$a/ignore-gfp-wait
		done
	fi
	echo "NOTE: kernel $(uname -r), module /modules/$ko, device $(gpu_bdf) ($(virtio_dev))"
}

sec_conc() {
	run rel_flip conc "$CONC_SECS"
}

sec_fuzz() {
	base=$(res_total)
	rel_fuzz "$FUZZ_SECS" "$FUZZ_SEED" "$FUZZ_PROCS" > /tmp/fuzz.txt
	r=$?
	cat /tmp/fuzz.txt
	[ $r = 0 ] || st=1
	n=$(awk '/^INFO: fuzz seed/ { s += $NF } END { print s + 0 }' /tmp/fuzz.txt)
	echo "INFO: fuzz total iterations $n"
	sleep 1
	after=$(res_total)
	if [ "$after" = "$base" ]; then
		pass "fuzz.resources total back to $base"
	else
		fail fuzz.resources "total $after after the fuzzers exited, $base before"
		sed 's/^/NOTE: /' $D/resources
	fi
	run rel_flip cycles 2
}

# A fresh device: unload and load the driver (the virtio reset drops every
# host resource, including any a failed test left behind).
reload_driver() {
	rmmod omega_vgpu && wait_card 0 && insmod /modules/$ko && wait_card 1 ||
		fail "$1" "could not reload the driver"
}

sec_fault_knob() {
	run rel_fault knob
	reload_driver fault.knob.reload
}

sec_fault_nth() {
	if [ ! -e /proc/self/fail-nth ]; then
		fail fault.nth "no /proc/self/fail-nth (CONFIG_FAULT_INJECTION is off)"
		return
	fi
	run rel_fault nth "$NTH_MAX"
}

sec_fault_probe() {
	if [ ! -e /proc/self/fail-nth ]; then
		fail fault.probe "no /proc/self/fail-nth (CONFIG_FAULT_INJECTION is off)"
		return
	fi
	run rel_fault bind "$(virtio_dev)" "$PROBE_FIRST" "$PROBE_MAX"
	wait_card 1 || fail fault.probe.card "card0 did not come back"
	run rel_flip cycles 2
	kmemleak_check fault.probe.kmemleak
}

sec_suspend() {
	rm -f /tmp/hold.ready /tmp/hold.go
	rel_flip hold /tmp/hold.ready /tmp/hold.go 120 > /tmp/hold.txt &
	hold=$!
	i=0
	while [ ! -e /tmp/hold.ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 1
	live=$(res_total)
	c0=$(stat_count RESOURCE_CREATE_2D)
	omega-screendump suspend-before > /dev/null || fail suspend.screendump "before"
	if [ -e /sys/power/pm_test ]; then
		how="pm_test devices + mem"
		echo devices > /sys/power/pm_test
		echo mem > /sys/power/state
		r=$?
		echo none > /sys/power/pm_test
	else
		# No CONFIG_PM_DEBUG: hibernate without swap.  Devices are frozen
		# and thawed (the driver's freeze/restore), then writing the image
		# fails for want of swap and the system carries on.
		how="hibernation freeze/thaw (no swap, image not written)"
		echo disk > /sys/power/state 2> /tmp/pm.err
		r=0
	fi
	sleep 2
	omega-screendump suspend-after > /dev/null || fail suspend.screendump "after"
	c1=$(stat_count RESOURCE_CREATE_2D)
	h=$(grep -c RESOURCE_CREATE_2D $D/history)
	echo "NOTE: history (last 64 commands) holds $h RESOURCE_CREATE_2D"
	echo "INFO: suspend via $how: status $r, $live resources, RESOURCE_CREATE_2D $c0 -> $c1"
	echo "EXPECT-SAME: suspend-before suspend-after"
	if [ "$r" != 0 ]; then
		fail suspend.enter "echo mem > /sys/power/state failed"
	elif [ -z "$c1" ] || [ $((c1 - ${c0:-0})) -lt "$live" ]; then
		fail suspend.recreate "RESOURCE_CREATE_2D went $c0 -> $c1 with $live live resources"
	else
		pass "suspend.recreate $((c1 - c0)) resources recreated ($live live)"
	fi
	[ "$(res_total)" = "$live" ] || fail suspend.resources "total $(res_total), $live before"
	touch /tmp/hold.go
	wait_pid $hold 30 || { fail suspend.client "display client hung"; kill $hold; }
	cat /tmp/hold.txt
	grep -q '^FAIL' /tmp/hold.txt && st=1
	dmesg | grep -i -E 'omega|PM: ' | tail -n 12 | sed 's/^/NOTE: dmesg: /'
}

sec_unload() {
	# rmmod refused while a client holds the device open.
	rm -f /tmp/hold.ready /tmp/hold.go
	rel_flip hold /tmp/hold.ready /tmp/hold.go 60 > /tmp/hold.txt &
	hold=$!
	i=0
	while [ ! -e /tmp/hold.ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	refs=$(cat /sys/module/omega_vgpu/refcnt)
	# delete_module() says EWOULDBLOCK (EAGAIN) for a module in use when
	# asked not to wait, as busybox's and kmod's rmmod do.
	if rmmod omega_vgpu 2> /tmp/rmmod.err; then
		fail unload.busy "rmmod succeeded while a client held the device"
		insmod /modules/$ko
	elif grep -q -i -E 'in use|busy|temporarily unavailable' /tmp/rmmod.err; then
		pass "unload.busy rmmod refused with refcnt $refs: $(cat /tmp/rmmod.err)"
	else
		fail unload.busy "rmmod failed but not for being in use: $(cat /tmp/rmmod.err)"
	fi
	touch /tmp/hold.go
	wait_pid $hold 30 || { fail unload.client "client hung"; kill $hold; }
	grep -q '^FAIL' /tmp/hold.txt && { cat /tmp/hold.txt; st=1; }

	base=$(res_total)
	n=0 bad=0
	while [ $n -lt "$LOAD_CYCLES" ]; do
		if ! rmmod omega_vgpu; then
			bad=$((bad + 1)); echo "NOTE: cycle $n: rmmod failed"; break
		fi
		wait_card 0 || { bad=$((bad + 1)); echo "NOTE: cycle $n: card0 stayed"; }
		if ! insmod /modules/$ko; then
			bad=$((bad + 1)); echo "NOTE: cycle $n: insmod failed"; break
		fi
		wait_card 1 || { bad=$((bad + 1)); echo "NOTE: cycle $n: no card0"; break; }
		n=$((n + 1))
	done
	if [ $bad = 0 ]; then
		pass "unload.cycles $n rmmod/insmod cycles"
	else
		fail unload.cycles "$bad problems in $n cycles"
	fi
	echo "INFO: unload load/unload cycles $n"
	sleep 1
	base=$(res_total)
	run rel_flip cycles "$FLIP_CYCLES"
	sleep 1
	after=$(res_total)
	if [ -n "$base" ] && [ "$after" = "$base" ]; then
		pass "unload.resources total back to $base after $FLIP_CYCLES cycles"
	else
		fail unload.resources "total $after after $FLIP_CYCLES cycles, $base before"
	fi
	kmemleak_check unload.kmemleak
}

sec_unplug() {
	bdf=$(gpu_bdf)
	if [ ! -e /sys/bus/pci/devices/$bdf/remove ]; then
		fail unplug.setup "no PCI device behind card0 ($bdf)"
		return
	fi
	rm -f /tmp/unplug.ready
	rel_flip unplug 60 /tmp/unplug.ready > /tmp/unplug.txt &
	cl=$!
	i=0
	while [ ! -e /tmp/unplug.ready ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e /tmp/unplug.ready ] || fail unplug.clients "clients never got going"
	echo 1 > /sys/bus/pci/devices/$bdf/remove &
	rm_pid=$!
	if wait_pid $rm_pid 30; then
		pass "unplug.remove PCI remove of $bdf returned"
	else
		fail unplug.remove "PCI remove of $bdf hung for 30 s"
	fi
	if wait_pid $cl 40; then
		[ "$rc" = 0 ] || st=1
	else
		fail unplug.clients "clients still running 40 s after the unplug"
		kill -9 $cl
	fi
	cat /tmp/unplug.txt
	[ -e /dev/dri/card0 ] && fail unplug.card "/dev/dri/card0 still there"
	if ls /sys/kernel/debug/dri/ 2> /dev/null | grep -q .; then
		fail unplug.debugfs "debugfs dri/ still has: $(ls /sys/kernel/debug/dri/ | tr '\n' ' ')"
	else
		pass "unplug.debugfs gone"
	fi
	echo 1 > /sys/bus/pci/rescan
	if wait_card 1; then
		pass "unplug.rescan card0 back after PCI rescan"
		run rel_flip cycles 2
	else
		fail unplug.rescan "no card0 after PCI rescan"
	fi
	kmemleak_check unplug.kmemleak
}

setup
for s in $SECTIONS; do
	echo "=== section $s"
	"sec_$s"
done
echo "=== section end"
dmesg | grep -i -E 'omega' | tail -n 20 | sed 's/^/NOTE: dmesg: /'
exit $st
