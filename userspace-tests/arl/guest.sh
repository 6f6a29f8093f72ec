# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of the ARL test (run by tools/omega-vm with sh): cgroup2,
# the cgroups arl_test expects, device nodes an unprivileged uid can open,
# then the test itself.  arl_test prints the PASS/FAIL/SKIP lines.

mount -t cgroup2 none /sys/fs/cgroup || { echo "FAIL: arl.cgroup2 cannot mount cgroup2"; exit 1; }
cd /sys/fs/cgroup || exit 1
for cg in granted granted/child sibling ungranted noquery budget inflight fill; do
	mkdir -p "$cg" || { echo "FAIL: arl.cgroup2 mkdir $cg"; exit 1; }
done
n=0
while [ $n -lt 64 ]; do
	mkdir -p "fill/$n"
	n=$((n + 1))
done
cd /
chmod 0666 /dev/dri/card0 /dev/dri/renderD128 || echo "FAIL: arl.nodes no render node"
# The test's own pid stays in the root cgroup; children move themselves.
arl_test
st=$?
dmesg | grep 'arl:' | tail -n 20
cat /sys/kernel/debug/dri/0/omega_vgpu_arl 2>/dev/null | head -n 20
exit $st
