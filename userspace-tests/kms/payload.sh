# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of userspace-tests/kms/suite.sh: every KMS feature test in
# one boot (two outputs, VNC server on the host side, vgem loaded).
# Result lines: PASS/FAIL/SKIP from the programs; EXPECT-*/CURSOR: lines are
# checked on the host by kms_check.py against the screendumps, QEMU's
# cursor trace and the VNC client's log.

st=0
run() {
	echo "=== $*"
	"$@" || st=1
}

echo "=== fbdev"
# The console first, while no client has taken the display.
if [ -e /dev/fb0 ] && grep -q omega /sys/class/graphics/fb0/name 2>/dev/null; then
	echo "PASS: fbdev.fb0 $(cat /sys/class/graphics/fb0/name)"
else
	echo "FAIL: fbdev.fb0 no omega_vgpu framebuffer device ($(cat /sys/class/graphics/fb0/name 2>&1))"
	st=1
fi
printf '\033[2J\033[H' > /dev/tty0
i=1
while [ $i -le 12 ]; do
	echo "OMEGA_VGPU FBDEV CONSOLE LINE $i: the quick brown fox 0123456789 #@%&" > /dev/tty0
	i=$((i + 1))
done
sleep 2
if omega-screendump fbdev > /dev/null; then
	echo "EXPECT-TEXT: dump=fbdev rect=0,0,640,220"
else
	echo "FAIL: fbdev.screendump screendump failed"
	st=1
fi

# The console's blinking cursor uploads one character cell (512 bytes) now
# and then; the damage test counts transferred bytes exactly.
echo 0 > /sys/class/graphics/fbcon/cursor_blink 2>/dev/null

run kms_multihead 2
case "$(uname -r)" in
6.1.*) run kms_cursor ;;
*) run kms_cursor --atomic ;;
esac
run kms_damage
run kms_vblank
run kms_prime
run kms_lease
# Last: it changes the size of head 0.
run kms_hotplug 1024 640

echo "=== dmesg (omega_vgpu)"
dmesg | grep -i -E 'omega|drm' | tail -n 30 | sed 's/^/INFO: dmesg: /'
echo "=== done status $st"
exit $st
