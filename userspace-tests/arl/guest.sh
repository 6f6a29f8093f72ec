# SPDX-License-Identifier: GPL-2.0
#
# Guest payload of the ARL test (run by tools/omega-vm with sh): cgroup2,
# the cgroups arl_test expects, device nodes an unprivileged uid can open,
# then the test itself.  arl_test prints the PASS/FAIL/SKIP lines.

mount -t cgroup2 none /sys/fs/cgroup || { echo "FAIL: arl.cgroup2 cannot mount cgroup2"; exit 1; }
cd /sys/fs/cgroup || exit 1
for cg in granted granted/child sibling ungranted noquery budget inflight render fill; do
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
arl_test > /tmp/arl.out 2>&1
st=$?
cat /tmp/arl.out

# omega-arl smoke test (the console is back on the CRTC now).
crtc=$(sed -n 's/^INFO: arl mode .* crtc //p' /tmp/arl.out)
tool() # NAME EXPECT(ok|fail) CMD...
{
	name=$1 want=$2
	shift 2
	if "$@" > /tmp/tool.out 2>&1; then got=ok; else got=fail; fi
	if [ "$got" = "$want" ]; then
		echo "PASS: arl.tool.$name"
	else
		echo "FAIL: arl.tool.$name expected $want, got $got: $(tr '\n' ' ' < /tmp/tool.out)"
		st=1
	fi
}
in_tool_cg() { sh -c 'echo $$ > /sys/fs/cgroup/tool/cgroup.procs && exec "$@"' sh "$@"; }
if command -v omega-arl > /dev/null && [ -n "$crtc" ]; then
	mkdir -p /sys/fs/cgroup/tool
	tool grant ok omega-arl grant /sys/fs/cgroup/tool present,query "$crtc" 0,0,64,64 2 1000000
	tool list ok sh -c 'omega-arl list | grep -q "viewport 0,0,64,64 inflight 0/2"'
	tool query ok in_tool_cg sh -c 'omega-arl query | grep -q "rights present query"'
	tool present ok in_tool_cg omega-arl present pattern 0,0,64,64
	tool present_outside fail in_tool_cg omega-arl present pattern 32,32,64,64
	tool revoke ok omega-arl revoke /sys/fs/cgroup/tool
	tool present_revoked fail in_tool_cg omega-arl present pattern 0,0,64,64
	mkdir -p /sys/fs/cgroup/toolr
	tool grant_render ok omega-arl grant /sys/fs/cgroup/toolr render,query "$crtc" 0,0,64,64
	tool list_render ok sh -c 'omega-arl list | grep -q "rights query render crtc"'
	tool present_render_only fail sh -c 'echo $$ > /sys/fs/cgroup/toolr/cgroup.procs && exec omega-arl present pattern 0,0,64,64'
	tool revoke_render ok omega-arl revoke /sys/fs/cgroup/toolr
else
	echo "SKIP: arl.tool omega-arl not in the guest or no CRTC id"
fi
dmesg | grep 'arl:' | tail -n 20
cat /sys/kernel/debug/dri/0/omega_vgpu_arl 2>/dev/null | head -n 20
exit $st
