# SPDX-License-Identifier: GPL-2.0
#
# Guest payload: every userspace test in one boot.  suite.sh prepends
#   DRV=<expected drm driver name>, XRES/YRES, and guest/patterns.sh.
# The screendumps it asks for are checked on the host by check_ppm.py.
# A FAIL line anywhere in the output fails the suite; the exit status is
# only a summary.

export OMEGA_DRIVER_NAME="$DRV"
export OMEGA_EXPECT_MODE="${XRES}x${YRES}"
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
	# modetest -s holds the mode until a key comes: give it a silent stdin
	# (sleep) and kill it once the screendump is taken.  Its stdout is
	# block-buffered, so watch the planes' framebuffer ids in debugfs
	# change instead (opening the card here could steal DRM master).
	crtc_fb()
	{
		cat /sys/kernel/debug/dri/*/state 2> /dev/null |
			grep 'fb=' | tr -d ' \t\n'
	}
	fb0=$(crtc_fb)
	sleep 60 2> /dev/null | modetest -M "$DRV" -s "$conn@$crtc:$mode" \
		> /tmp/mt-s.txt 2>&1 &
	mtpid=$!
	i=0
	while [ $i -lt 40 ] && [ "$(crtc_fb)" = "$fb0" ]; do
		sleep 0.5
		i=$((i + 1))
	done
	fb1=$(crtc_fb)
	echo "NOTE: modetest: planes' framebuffers '$fb0' -> '$fb1'"
	sleep 1
	if kill -0 $mtpid 2> /dev/null && [ -n "$fb1" ] && [ "$fb1" != "$fb0" ]
	then
		echo "PASS: modetest.running"
		omega-screendump modetest-smpte ||
			{ echo "FAIL: modetest.screendump failed"; st=1; }
	else
		echo "FAIL: modetest.running modetest exited or its framebuffer never reached CRTC $crtc"
		st=1
	fi
	kill $mtpid 2> /dev/null
	wait $mtpid
	echo "NOTE: modetest exit $?"
	sed 's/^/NOTE: modetest: /' /tmp/mt-s.txt
fi

echo "=== done status $st"
exit $st
