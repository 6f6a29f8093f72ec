// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for the omega_vgpu reliability tests (issue #10).
 *
 *   rel_fault knob
 *	Device errors through debugfs "fault" during buffer creation,
 *	modesets, flips, DIRTYFB and ARL presents: every caller gets a clean
 *	errno or a delivered event, the driver counts each error, nothing
 *	leaks (debugfs resources), and the device works afterwards.
 *   rel_fault nth MAX
 *	Allocation failures (failslab + fail_page_alloc through the task's
 *	/proc/thread-self/fail-nth): for each operation (dumb create, ADDFB2,
 *	modeset, flip, DIRTYFB, cursor, ARL present) fail its 1st, 2nd, ...
 *	allocation until the operation no longer reaches the Nth (or MAX).
 *   rel_fault bind VIRTIO_DEV FIRST MAX
 *	The same for probe: unbind, then bind with the Nth allocation failing
 *	(N from FIRST to MAX; with FIRST <= 0, MAX is a stride and N runs
 *	over the last -FIRST allocations of a bind, see suite.sh for why not
 *	from 1 on Linux 6.12).
 *	A failed bind must leave no card, no sysfs or debugfs entry behind.
 *
 * Needs debugfs, and for nth/bind CONFIG_FAULT_INJECTION with failslab and
 * fail_page_alloc (set up by guest.sh).  PASS:/FAIL: lines; "INFO:" lines
 * carry the figures (faults injected).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include <drm/omega_vgpu_drm.h>

#include "rel_common.h"

#define FAULT_CG	"/sys/fs/cgroup/rel_fault"
#define DRV_DIR		"/sys/bus/virtio/drivers/omega_vgpu"

static int card = -1;
static struct rel_output out;
static long faults_injected;

static long long res_total(void)
{
	return rel_debugfs_value("resources", "total");
}

static long long dev_errors(void)
{
	return rel_debugfs_value("stats", "errors");
}

static int set_fault(const char *cmd, int count)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s %d", cmd, count);
	faults_injected += count;
	return rel_write_file(REL_DEBUGFS "/fault", buf);
}

/* A few flips with events on output 0: the device still works. */
static int flips_ok(unsigned int n, struct rel_flip_stats *st)
{
	struct rel_flip_opts o = { .max_flips = n };
	int ret = rel_flip_loop(card, &out, &o, st);

	return !ret && !st->err && !st->lost && !st->dup && st->events == n;
}

static int check_usable(const char *name)
{
	struct rel_flip_stats st;

	if (flips_ok(3, &st)) {
		ut_pass(name);
		return 0;
	}
	ut_fail(name, "flips after the faults: %ld events of %ld, %s %s",
		st.events, st.flips, st.err_op ? st.err_op : "-", strerror(st.err));
	return -1;
}

/* errnos that say the failure was handled; anything else is suspect. */
static bool clean_errno(int e)
{
	return e == ENOMEM || e == ENOENT || e == EINVAL || e == ENOSPC ||
	       e == ENODEV || e == EAGAIN || e == E2BIG || e == ENODATA;
}

/* ---------------------------------------------------------------------
 * Device faults (debugfs knob)
 */

static void knob_addfb(const char *cmd, const char *name)
{
	long long base = res_total(), errs = dev_errors();
	struct ut_dumb db;
	int ret;

	if (ut_dumb_create(card, 256, 128, &db)) {
		ut_fail(name, "create dumb: %s", strerror(errno));
		return;
	}
	set_fault(cmd, 1);
	ret = ut_dumb_add_fb(card, &db, DRM_FORMAT_XRGB8888);
	if (!ret)
		ut_fail(name, "ADDFB2 succeeded although %s failed on the device", cmd);
	else if (!clean_errno(-ret))
		ut_fail(name, "ADDFB2: %s", strerror(-ret));
	else if (res_total() != base)
		ut_fail(name, "resources total %lld, was %lld", res_total(), base);
	else if (dev_errors() <= errs)
		ut_fail(name, "stats errors did not count the device error");
	else if (ut_dumb_add_fb(card, &db, DRM_FORMAT_XRGB8888))
		ut_fail(name, "ADDFB2 without the fault: %s", strerror(errno));
	else
		printf("PASS: %s ADDFB2 -> %s, nothing left behind, retry works\n",
		       name, strerror(-ret));
	ut_dumb_destroy(card, &db);
	if (res_total() != base)
		ut_fail(name, "resources total %lld after destroy, was %lld", res_total(), base);
}

static void knob_unref(void)
{
	long long base = res_total(), errs = dev_errors();
	struct ut_dumb db;

	if (ut_dumb_create(card, 256, 128, &db) ||
	    ut_dumb_add_fb(card, &db, DRM_FORMAT_XRGB8888)) {
		ut_fail("fault.knob.unref", "setup: %s", strerror(errno));
		return;
	}
	set_fault("RESOURCE_UNREF", 1);
	ut_dumb_destroy(card, &db);
	/* The unref is synchronous but the object may go a moment later. */
	usleep(200000);
	if (res_total() != base)
		ut_fail("fault.knob.unref", "resources total %lld, was %lld", res_total(), base);
	else if (dev_errors() <= errs)
		ut_fail("fault.knob.unref", "stats errors did not count the failed unref");
	else
		ut_pass("fault.knob.unref");
	/*
	 * The host still holds the resource whose unref it refused: a new
	 * buffer must not be given its id, or it can never be created.
	 */
	check_usable("fault.knob.usable_after_unref");
}

/* Faults in a commit's commands: the commit and its events still complete. */
static void knob_commit(const char *cmd, int count, const char *name)
{
	long long errs = dev_errors();
	struct rel_flip_stats st;

	set_fault(cmd, count);
	if (!flips_ok(4, &st))
		ut_fail(name, "flips with %d %s faults: %ld events of %ld, %s %s",
			count, cmd, st.events, st.flips, st.err_op ? st.err_op : "-",
			strerror(st.err));
	else if (dev_errors() < errs + count)
		ut_fail(name, "stats errors %lld, want >= %lld", dev_errors(), errs + count);
	else
		printf("PASS: %s %d faults, every flip event delivered\n", name, count);
}

static void knob_dirtyfb(void)
{
	drmModeClip clips[2] = { { 0, 0, 64, 64 }, { 100, 100, 300, 200 } };
	long long errs = dev_errors();
	struct ut_dumb db;
	int ret;

	if (ut_dumb_create(card, out.o.mode.hdisplay, out.o.mode.vdisplay, &db) ||
	    ut_dumb_add_fb(card, &db, DRM_FORMAT_XRGB8888) ||
	    ut_atomic_modeset(card, &out.o, &out.o.mode, &db, 0, NULL)) {
		ut_fail("fault.knob.dirtyfb", "setup: %s", strerror(errno));
		ut_dumb_destroy(card, &db);
		return;
	}
	set_fault("TRANSFER_TO_HOST_2D", 1);
	ret = drmModeDirtyFB(card, db.fb_id, clips, 2);
	set_fault("RESOURCE_FLUSH", 1);
	if (!ret)
		ret = drmModeDirtyFB(card, db.fb_id, clips, 2);
	usleep(300000);
	if (ret)
		ut_fail("fault.knob.dirtyfb", "DIRTYFB: %s", strerror(-ret));
	else if (dev_errors() < errs + 2)
		ut_fail("fault.knob.dirtyfb", "stats errors %lld, want >= %lld",
			dev_errors(), errs + 2);
	else
		ut_pass("fault.knob.dirtyfb");
	ut_dumb_destroy(card, &db);
}

static int join_cgroup(const char *cg)
{
	char pid[32];

	snprintf(pid, sizeof(pid), "%d\n", getpid());
	if (mkdir(cg, 0755) && errno != EEXIST)
		return -errno;
	return rel_write_file(FAULT_CG "/cgroup.procs", pid);
}

/* Grant the test's own cgroup a viewport on output 0; 0 or -errno. */
static int grant_self(void)
{
	struct drm_omega_vgpu_arl_grant g = {
		.rights = OMEGA_VGPU_ARL_RIGHT_PRESENT | OMEGA_VGPU_ARL_RIGHT_QUERY,
		.crtc_id = out.o.crtc_id,
		.viewport = { 0, 0, 128, 128 },
	};
	int ret = join_cgroup(FAULT_CG);

	if (ret)
		return ret;
	g.cgroup_fd = open(FAULT_CG, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (g.cgroup_fd < 0)
		return -errno;
	if (drmIoctl(card, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g) && errno != EEXIST)
		ret = -errno;
	close(g.cgroup_fd);
	return ret;
}

static unsigned int arl_inflight(void)
{
	struct drm_omega_vgpu_arl_query q = { 0 };

	if (drmIoctl(card, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, &q))
		return ~0u;
	return q.grant.inflight;
}

static int arl_present(struct ut_dumb *src)
{
	struct drm_omega_vgpu_arl_present p = {
		.handle = src->handle, .format = DRM_FORMAT_XRGB8888,
		.pitch = src->pitch, .src = { 0, 0, 64, 64 },
		.crtc_id = out.o.crtc_id, .dst_x = 16, .dst_y = 16,
	};

	return drmIoctl(card, DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT, &p) ? -errno : 0;
}

static void knob_present(void)
{
	static const char *const cmds[] = { "TRANSFER_TO_HOST_2D", "RESOURCE_FLUSH" };
	struct ut_dumb scan, src;
	unsigned int i, k, left = 0;
	int ret;

	if (grant_self()) {
		ut_fail("fault.knob.present", "cannot grant the test's cgroup");
		return;
	}
	if (ut_dumb_create(card, out.o.mode.hdisplay, out.o.mode.vdisplay, &scan) ||
	    ut_dumb_add_fb(card, &scan, DRM_FORMAT_XRGB8888) ||
	    ut_atomic_modeset(card, &out.o, &out.o.mode, &scan, 0, NULL) ||
	    ut_dumb_create(card, 64, 64, &src)) {
		ut_fail("fault.knob.present", "setup: %s", strerror(errno));
		return;
	}
	for (i = 0; i < UT_ARRAY_SIZE(cmds); i++) {
		set_fault(cmds[i], 1);
		ret = arl_present(&src);
		for (k = 0; k < 100 && (left = arl_inflight()); k++)
			usleep(20000);
		if (ret && !clean_errno(-ret))
			ut_fail("fault.knob.present", "%s fault: present %s", cmds[i],
				strerror(-ret));
		else if (left)
			ut_fail("fault.knob.present.inflight",
				"%s fault: %u presents still in flight after 2 s", cmds[i], left);
		else
			printf("PASS: fault.knob.present.%s present -> %s, in-flight slot returned\n",
			       cmds[i], ret ? strerror(-ret) : "0");
	}
	ut_dumb_destroy(card, &src);
	ut_dumb_destroy(card, &scan);
}

static int do_knob(void)
{
	long long base = res_total();
	knob_addfb("RESOURCE_CREATE_2D", "fault.knob.create_2d");
	knob_addfb("RESOURCE_ATTACH_BACKING", "fault.knob.attach_backing");
	knob_commit("SET_SCANOUT", 1, "fault.knob.set_scanout");
	knob_commit("TRANSFER_TO_HOST_2D", 3, "fault.knob.transfer");
	knob_commit("RESOURCE_FLUSH", 2, "fault.knob.flush");
	knob_dirtyfb();
	knob_present();
	check_usable("fault.knob.usable_after");
	/* Last: see knob_unref() for what a failed unref leaves behind. */
	knob_unref();
	if (rel_debugfs_count("fault", "none 0") != 1)
		ut_fail("fault.knob.consumed", "some injected faults never fired");
	else
		ut_pass("fault.knob.consumed");
	if (res_total() != base)
		ut_fail("fault.knob.resources", "total %lld, was %lld at the start",
			res_total(), base);
	else
		ut_pass("fault.knob.resources");
	printf("INFO: fault.knob device faults injected: %ld\n", faults_injected);
	return ut_exit_status();
}

/* ---------------------------------------------------------------------
 * Allocation failures (fail-nth)
 */

static int nth_fd = -1;

static void nth_arm(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(nth_fd, buf, len, 0) != len)
		perror("fail-nth");
}

/* Disarm; returns how many allocations were still to go (0: it fired). */
static int nth_disarm(void)
{
	char buf[16] = { 0 };
	int left;

	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) < 0)
		return -1;
	left = atoi(buf);
	if (pwrite(nth_fd, "0", 1, 0) != 1)
		perror("fail-nth");
	return left;
}

struct nth_state {
	struct ut_dumb a, b, cur;
	uint32_t fb_prop, blob;
	drmModeAtomicReqPtr req;
	uint32_t created;	/* handle op_create made */
	int flip;
};

static void nth_destroy_created(struct nth_state *s)
{
	struct drm_mode_destroy_dumb d = { .handle = s->created };

	if (s->created)
		drmIoctl(card, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	s->created = 0;
}

typedef int (*nth_fn)(struct nth_state *s);

static int op_create(struct nth_state *s)
{
	struct drm_mode_create_dumb c = { .width = 640, .height = 480, .bpp = 32 };

	if (drmIoctl(card, DRM_IOCTL_MODE_CREATE_DUMB, &c))
		return -errno;
	s->created = c.handle;
	return 0;
}

static int op_addfb(struct nth_state *s)
{
	return ut_dumb_add_fb(card, &s->b, DRM_FORMAT_XRGB8888);
}

static int op_modeset(struct nth_state *s)
{
	return drmModeAtomicCommit(card, s->req, DRM_MODE_ATOMIC_ALLOW_MODESET, NULL) ?
	       -errno : 0;
}

static int op_flip(struct nth_state *s)
{
	drmModeAtomicReqPtr req = s->req;

	drmModeAtomicSetCursor(req, 0);
	if (drmModeAtomicAddProperty(req, out.o.plane_id, s->fb_prop,
				     (++s->flip % 2) ? s->b.fb_id : s->a.fb_id) < 0)
		return -ENOMEM;
	return drmModeAtomicCommit(card, req, 0, NULL) ? -errno : 0;
}

static int op_dirtyfb(struct nth_state *s)
{
	drmModeClip clips[2] = { { 0, 0, 64, 64 }, { 100, 100, 300, 200 } };

	return drmModeDirtyFB(card, s->a.fb_id, clips, 2) ? -errno : 0;
}

static int op_cursor(struct nth_state *s)
{
	if (drmModeSetCursor(card, out.o.crtc_id, s->cur.handle, 64, 64))
		return -errno;
	return 0;
}

static int op_present(struct nth_state *s)
{
	return arl_present(&s->cur);
}

/* Shared setup: a, cur mapped buffers; a shown on output 0. */
static int nth_setup(struct nth_state *s)
{
	memset(s, 0, sizeof(*s));
	if (ut_dumb_create(card, out.o.mode.hdisplay, out.o.mode.vdisplay, &s->a) ||
	    ut_dumb_create(card, out.o.mode.hdisplay, out.o.mode.vdisplay, &s->b) ||
	    ut_dumb_create(card, 64, 64, &s->cur) ||
	    ut_dumb_add_fb(card, &s->a, DRM_FORMAT_XRGB8888) ||
	    ut_atomic_modeset(card, &out.o, &out.o.mode, &s->a, 0, NULL))
		return -errno;
	s->fb_prop = ut_prop_id(card, out.o.plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID");
	s->req = drmModeAtomicAlloc();
	return s->fb_prop && s->req ? 0 : -ENOMEM;
}

static void nth_teardown(struct nth_state *s)
{
	nth_destroy_created(s);
	drmModeSetCursor(card, out.o.crtc_id, 0, 0, 0);
	if (s->req)
		drmModeAtomicFree(s->req);
	ut_dumb_destroy(card, &s->cur);
	ut_dumb_destroy(card, &s->b);
	ut_dumb_destroy(card, &s->a);
}

/* Before each armed call: what the op needs that must not be faulted. */
static int nth_prepare(const char *op, struct nth_state *s)
{
	nth_destroy_created(s);
	if (!strcmp(op, "addfb") && s->b.fb_id) {
		drmModeRmFB(card, s->b.fb_id);
		s->b.fb_id = 0;
	}
	if (!strcmp(op, "flip") && !s->b.fb_id)
		return ut_dumb_add_fb(card, &s->b, DRM_FORMAT_XRGB8888);
	if (!strcmp(op, "modeset") && !s->blob) {
		uint32_t blob, c = out.o.crtc_id, t = DRM_MODE_OBJECT_CRTC;

		if (drmModeCreatePropertyBlob(card, &out.o.mode, sizeof(out.o.mode), &blob))
			return -errno;
		s->blob = blob;
		drmModeAtomicAddProperty(s->req, c, ut_prop_id(card, c, t, "MODE_ID"), blob);
		drmModeAtomicAddProperty(s->req, c, ut_prop_id(card, c, t, "ACTIVE"), 1);
		drmModeAtomicAddProperty(s->req, out.o.conn_id,
					 ut_prop_id(card, out.o.conn_id,
						    DRM_MODE_OBJECT_CONNECTOR, "CRTC_ID"), c);
		drmModeAtomicAddProperty(s->req, out.o.plane_id, s->fb_prop, s->a.fb_id);
	}
	if (!strcmp(op, "cursor"))
		drmModeSetCursor(card, out.o.crtc_id, 0, 0, 0);
	return 0;
}

static void nth_sweep(const char *op, nth_fn fn, int max)
{
	long long base = res_total();
	struct nth_state s;
	int n, ret, left = 0, clean = 0, fired = 0, bad = 0, bad_errno = 0;
	char name[64];

	snprintf(name, sizeof(name), "fault.nth.%s", op);
	if (nth_setup(&s)) {
		ut_fail(name, "setup: %s", strerror(errno));
		nth_teardown(&s);
		return;
	}
	for (n = 1; n <= max; n++) {
		if (nth_prepare(op, &s)) {
			ut_fail(name, "prepare %d: %s", n, strerror(errno));
			break;
		}
		nth_arm(n);
		ret = fn(&s);
		left = nth_disarm();
		if (left != 0)
			break;		/* the op no longer reaches an Nth allocation */
		fired++;
		faults_injected++;
		if (!ret)
			clean++;	/* the failure was absorbed */
		else if (!clean_errno(-ret) && !bad++)
			bad_errno = -ret;
	}
	if (left == 0 && n > max)
		printf("NOTE: %s stopped at %d allocations (MAX)\n", name, max);
	nth_teardown(&s);
	usleep(100000);
	if (bad)
		ut_fail(name, "%d of %d failed allocations gave an unclean errno, first %s",
			bad, fired, strerror(bad_errno));
	else if (!fired)
		ut_fail(name, "no allocation failure reached the operation");
	else if (res_total() != base)
		ut_fail(name, "resources total %lld after the sweep, was %lld",
			res_total(), base);
	else
		printf("PASS: %s %d allocation sites failed one by one (%d absorbed), clean errnos, no resource left\n",
		       name, fired, clean);
}

static int do_nth(int max)
{
	static const struct { const char *op; nth_fn fn; } ops[] = {
		{ "create_dumb", op_create }, { "addfb", op_addfb },
		{ "modeset", op_modeset }, { "flip", op_flip },
		{ "dirtyfb", op_dirtyfb }, { "cursor", op_cursor },
		{ "present", op_present },
	};
	unsigned int i;

	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0) {
		ut_fail("fault.nth", "no /proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION): %s",
			strerror(errno));
		return 1;
	}
	if (grant_self())
		ut_fail("fault.nth.grant", "cannot grant the test's cgroup");
	for (i = 0; i < UT_ARRAY_SIZE(ops); i++)
		nth_sweep(ops[i].op, ops[i].fn, max);
	check_usable("fault.nth.usable_after");
	printf("INFO: fault.nth allocation faults injected: %ld\n", faults_injected);
	return ut_exit_status();
}

/* ---------------------------------------------------------------------
 * Probe under allocation failures
 */

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static int do_bind(const char *dev, int start, int max)
{
	char bound[256];
	int n, left = 0, fails = 0, oks = 0, half = 0, fd, step = 1;
	ssize_t w;

	snprintf(bound, sizeof(bound), DRV_DIR "/%s", dev);
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	fd = open(DRV_DIR "/bind", O_WRONLY | O_CLOEXEC);
	if (nth_fd < 0 || fd < 0) {
		ut_fail("fault.probe", "fail-nth or %s/bind: %s", DRV_DIR, strerror(errno));
		return 1;
	}
	if (start <= 0) {
		/*
		 * Relative to the end: count the allocations of one bind that
		 * succeeds, then fail only the last -start of them (the driver's
		 * own probe, past the DRM core's device and minor setup).
		 */
		int total;

		if (exists(bound))
			rel_write_file(DRV_DIR "/unbind", dev);
		nth_arm(1000000);
		w = pwrite(fd, dev, strlen(dev), 0);
		total = 1000000 - nth_disarm();
		if (w < 0 || total <= 0) {
			ut_fail("fault.probe.count", "bind without faults: %s", strerror(errno));
			return 1;
		}
		printf("NOTE: fault.probe a bind makes %d fault-injectable allocations; failing %d..%d\n",
		       total, total + start > 1 ? total + start : 1, total);
		step = max > 0 ? max : 1;
		start = total + start > 1 ? total + start : 1;
		max = total + 1;
	}
	for (n = start; n <= max; n += step) {
		if (getenv("REL_VERBOSE"))
			printf("NOTE: probe fault %d\n", n);
		if (exists(bound) && rel_write_file(DRV_DIR "/unbind", dev)) {
			ut_fail("fault.probe.unbind", "%s", strerror(errno));
			break;
		}
		nth_arm(n);
		w = pwrite(fd, dev, strlen(dev), 0);
		left = nth_disarm();
		if (w < 0) {
			fails++;
			if (exists(bound) || exists("/sys/class/drm/card0") ||
			    exists("/dev/dri/card0") || exists(REL_DEBUGFS)) {
				if (!half++)
					printf("NOTE: probe fault %d: bind failed (%s) but %s%s%s%s remains\n",
					       n, strerror(errno), exists(bound) ? "binding " : "",
					       exists("/sys/class/drm/card0") ? "sysfs card0 " : "",
					       exists("/dev/dri/card0") ? "/dev/dri/card0 " : "",
					       exists(REL_DEBUGFS) ? "debugfs dri/0" : "");
			}
		} else {
			oks++;
		}
		if (left)
			break;
		faults_injected++;
	}
	if (!exists(bound) && rel_write_file(DRV_DIR "/bind", dev))
		ut_fail("fault.probe.rebind", "bind without faults: %s", strerror(errno));
	for (n = 0; n < 50 && !exists("/dev/dri/card0"); n++)
		usleep(100000);
	if (half)
		ut_fail("fault.probe", "%d failed probes left a half-registered device", half);
	else if (!fails)
		ut_fail("fault.probe", "no probe failed under %ld allocation faults",
			faults_injected);
	else
		printf("PASS: fault.probe %ld allocation sites failed one by one: %d probes failed cleanly, %d absorbed\n",
		       faults_injected, fails, oks - (left ? 1 : 0));
	if (left == 0)
		printf("NOTE: fault.probe stopped at %d allocations (MAX)\n", max);
	printf("INFO: fault.probe allocation faults injected: %ld\n", faults_injected);
	return ut_exit_status();
}

static int open_output(void)
{
	card = ut_open_card();
	if (card < 0 || rel_outputs(card, &out, 1) != 1) {
		ut_fail("fault.setup", "no card or output");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "knob"))
		return open_output() ? 1 : do_knob();
	if (argc == 3 && !strcmp(argv[1], "nth"))
		return open_output() ? 1 : do_nth(atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "bind"))
		return do_bind(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: %s knob | nth MAX | bind VIRTIO_DEV FIRST MAX\n", argv[0]);
	return 2;
}
