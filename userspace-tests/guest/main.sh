# SPDX-License-Identifier: GPL-2.0
#
# Guest payload: every userspace test in one boot.  suite.sh prepends
#   DRV=<expected drm driver name>, XRES/YRES, and guest/patterns.sh.
# The screendumps it asks for are checked on the host by check_ppm.py.
# A FAIL line anywhere in the output fails the suite; the exit status is
# only a summary.

export OMEGA_DRIVER_NAME="$DRV"
st=0

echo "=== drm_basics"
drm_basics || st=1
echo "=== dumb_errnos"
dumb_errnos || st=1

echo "=== pattern"
echo "$PATTERN_LIST" | while IFS='|' read -r name args check; do
	[ -n "$name" ] || continue
	if [ "$name" = pattern-argb ] && [ "$DRV" = virtio_gpu ]; then
		echo "SKIP: pattern.$name in-tree virtio_gpu primary has no ARGB8888"
		continue
	fi
	# shellcheck disable=SC2086
	pattern -n "$name" $args || echo "NOTE: pattern $name failed"
done

echo "=== flip"
flip -n 20 -e 5 -a "$FLIP_A" -b "$FLIP_B" || st=1

echo "=== modetest"
# Preferred mode of the first connected connector and a CRTC it can use.
modetest -M "$DRV" -c > /tmp/mt-c.txt 2>&1
conn=$(awk '$3 == "connected" { print $1; exit }' /tmp/mt-c.txt)
mode=$(awk -v c="$conn" '
	$1 == c && $3 == "connected" { inconn = 1; next }
	inconn && /^[0-9]/ { exit }
	inconn && /#[0-9]+ / && /preferred/ { print $2; exit }' /tmp/mt-c.txt)
modetest -M "$DRV" -p > /tmp/mt-p.txt 2>&1
crtc=$(awk '/^CRTCs:/ { on = 1; next } on && /^[0-9]/ { print $1; exit }' \
	/tmp/mt-p.txt)
echo "NOTE: modetest connector '$conn' crtc '$crtc' mode '$mode'"
if [ -z "$conn" ] || [ -z "$crtc" ] || [ -z "$mode" ]; then
	echo "FAIL: modetest.ids could not find connector/crtc/preferred mode"
	cat /tmp/mt-c.txt /tmp/mt-p.txt
	st=1
else
	echo "PASS: modetest.ids"
	# modetest -s waits for a key: feed it a fifo we hold open, close to end
	rm -f /tmp/mt.in
	mkfifo /tmp/mt.in
	modetest -M "$DRV" -s "$conn@$crtc:$mode" < /tmp/mt.in \
		> /tmp/mt-s.txt 2>&1 &
	mtpid=$!
	exec 3> /tmp/mt.in
	i=0
	while [ $i -lt 20 ] && ! grep -q "setting mode" /tmp/mt-s.txt; do
		sleep 0.5
		i=$((i + 1))
	done
	sleep 2
	if kill -0 $mtpid 2> /dev/null && grep -q "setting mode" /tmp/mt-s.txt
	then
		echo "PASS: modetest.running"
		omega-screendump modetest-smpte ||
			{ echo "FAIL: modetest.screendump failed"; st=1; }
	else
		echo "FAIL: modetest.running modetest exited or never set the mode"
		st=1
	fi
	exec 3>&-
	wait $mtpid
	echo "NOTE: modetest exit $?"
	sed 's/^/NOTE: modetest: /' /tmp/mt-s.txt
fi

echo "=== done status $st"
exit $st
