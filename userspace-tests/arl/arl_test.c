// SPDX-License-Identifier: GPL-2.0
/*
 * ARL guest test: capability-gated presents by cgroup (issue #7).
 *
 * Runs as root in a guest where cgroup2 is mounted at /sys/fs/cgroup and
 * arl.sh has created the cgroups below.  The root process is the DRM
 * master (compositor): it sets a mode with a grey framebuffer and grants.
 * Each container case runs in a child that moves itself into a cgroup,
 * drops to uid 65534 and opens the device like an unprivileged client.
 *
 *   /sys/fs/cgroup/granted          PRESENT|QUERY on VP
 *   /sys/fs/cgroup/granted/child    (covered by granted's grant)
 *   /sys/fs/cgroup/sibling          nothing
 *   /sys/fs/cgroup/ungranted        nothing
 *   /sys/fs/cgroup/noquery          PRESENT only
 *   /sys/fs/cgroup/budget           byte budget
 *   /sys/fs/cgroup/inflight         in-flight budget 1
 *   /sys/fs/cgroup/render           RENDER|QUERY (granted, then revoked)
 *   /sys/fs/cgroup/fill/0..63       to fill the table
 *
 * Libdrm's drmIoctl() retries EAGAIN forever, so the ARL ioctls go through
 * ioctl(2) directly.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include <drm/omega_vgpu_drm.h>

#include "../ut.h"

#define CG		"/sys/fs/cgroup"
#define NOBODY		65534
#define BG		0x202020u
#define YELLOW		0xffff00u
#define DEBUGFS_ARL	"/sys/kernel/debug/dri/0/omega_vgpu_arl"

/* The viewport and what is drawn into it; check_arl.py knows the same. */
static const struct drm_omega_vgpu_arl_rect VP = { 200, 150, 400, 300 };
static const uint32_t QUAD[4] = { 0xff0000, 0x00ff00, 0x0000ff, 0xffffff };
#define SQ_X	(VP.x + 50)
#define SQ_Y	(VP.y + 50)
#define SQ_W	100
#define SQ_H	100

static uint32_t crtc_id;

/* ------------------------------------------------------------------ */
/* Small helpers */

static int arl_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) ? -errno : 0;
}

static const char *errname(int e)
{
	static char buf[32];

	switch (-e) {
	case 0: return "0";
	case EACCES: return "-EACCES";
	case EPERM: return "-EPERM";
	case EINVAL: return "-EINVAL";
	case ENOENT: return "-ENOENT";
	case ENXIO: return "-ENXIO";
	case ERANGE: return "-ERANGE";
	case EOVERFLOW: return "-EOVERFLOW";
	case EOPNOTSUPP: return "-EOPNOTSUPP";
	case EAGAIN: return "-EAGAIN";
	case E2BIG: return "-E2BIG";
	case EEXIST: return "-EEXIST";
	case ENOSPC: return "-ENOSPC";
	case EBADF: return "-EBADF";
	case ENODATA: return "-ENODATA";
	case ENODEV: return "-ENODEV";
	}
	snprintf(buf, sizeof(buf), "%d", e);
	return buf;
}

static void expect_ret(const char *name, int got, int want)
{
	if (got == want)
		ut_pass(name);
	else
		ut_fail(name, "expected %s, got %s", errname(want),
			errname(got));
}

static uint64_t cg_ino(const char *cg)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), CG "/%s", cg);
	return stat(path, &st) ? 0 : st.st_ino;
}

static int cg_open(const char *cg)
{
	char path[256];

	snprintf(path, sizeof(path), CG "/%s", cg);
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int arl_grant(int fd, const char *cg, uint32_t rights,
		 const struct drm_omega_vgpu_arl_rect *vp, uint32_t inflight,
		 uint64_t bps)
{
	struct drm_omega_vgpu_arl_grant g = {
		.rights = rights, .crtc_id = crtc_id, .viewport = *vp,
		.max_inflight = inflight, .max_bytes_per_sec = bps,
	};
	int ret;

	g.cgroup_fd = cg_open(cg);
	if (g.cgroup_fd < 0)
		return -errno;
	ret = arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g);
	close(g.cgroup_fd);
	return ret;
}

static int arl_revoke(int fd, const char *cg)
{
	struct drm_omega_vgpu_arl_revoke r = { 0 };
	int ret;

	r.cgroup_fd = cg_open(cg);
	if (r.cgroup_fd < 0)
		return -errno;
	ret = arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r);
	close(r.cgroup_fd);
	return ret;
}

static int query(int fd, struct drm_omega_vgpu_arl_query *q)
{
	memset(q, 0, sizeof(*q));
	return arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, q);
}

static void present_init(struct drm_omega_vgpu_arl_present *p,
			 const struct ut_dumb *db, uint32_t sx, uint32_t sy,
			 uint32_t w, uint32_t h, uint32_t dx, uint32_t dy)
{
	memset(p, 0, sizeof(*p));
	p->handle = db->handle;
	p->format = DRM_FORMAT_XRGB8888;
	p->pitch = db->pitch;
	p->src = (struct drm_omega_vgpu_arl_rect){ sx, sy, w, h };
	p->crtc_id = crtc_id;
	p->dst_x = dx;
	p->dst_y = dy;
}

static int present(int fd, struct drm_omega_vgpu_arl_present *p)
{
	return arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT, p);
}

static void fill_quads(struct ut_dumb *db)
{
	uint32_t x, y;

	for (y = 0; y < db->height; y++) {
		uint32_t *row = (uint32_t *)((char *)db->map + y * db->pitch);

		for (x = 0; x < db->width; x++)
			row[x] = QUAD[(y >= db->height / 2) * 2 +
				      (x >= db->width / 2)];
	}
}

/* What the scanout must show at (x, y) after the presents. */
static uint32_t expected_pixel(uint32_t x, uint32_t y, bool square)
{
	if (x < VP.x || y < VP.y || x >= VP.x + VP.width ||
	    y >= VP.y + VP.height)
		return BG;
	if (square && x >= SQ_X && y >= SQ_Y && x < SQ_X + SQ_W &&
	    y < SQ_Y + SQ_H)
		return YELLOW;
	return QUAD[(y - VP.y >= VP.height / 2) * 2 +
		    (x - VP.x >= VP.width / 2)];
}

/*
 * Run @fn in a child inside cgroup @cg as @uid.  The child prints its own
 * PASS/FAIL lines; a failing or crashing child counts as a failure here.
 */
static void run_in(const char *name, const char *cg, uid_t uid,
		   void (*fn)(void))
{
	char path[256];
	int status;
	pid_t pid;
	FILE *f;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		ut_fail(name, "fork: %s", strerror(errno));
		return;
	}
	if (!pid) {
		snprintf(path, sizeof(path), CG "/%s/cgroup.procs", cg);
		f = fopen(path, "w");
		if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f)) {
			ut_fail(name, "cannot join cgroup %s", cg);
			_exit(1);
		}
		if (uid && (setgroups(0, NULL) || setgid(uid) || setuid(uid))) {
			ut_fail(name, "cannot drop to uid %u", uid);
			_exit(1);
		}
		ut_failures = 0;
		fn();
		fflush(stdout);
		_exit(ut_failures ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		ut_fail(name, "child died (status %#x)", status);
		return;
	}
	if (WEXITSTATUS(status))
		ut_failures++;
}

static int open_node(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		ut_fail("arl.open", "%s: %s", path, strerror(errno));
	return fd;
}

/* ------------------------------------------------------------------ */
/* Container cases (run in children) */

/* In granted/child: query, present the quadrants, every bad argument. */
static void case_granted(void)
{
	struct drm_omega_vgpu_arl_present p;
	struct drm_omega_vgpu_arl_query q;
	struct ut_dumb db;
	int fd = open_node("/dev/dri/card0");

	if (fd < 0)
		return;
	if (query(fd, &q)) {
		ut_fail("arl.query.granted", "query failed: %s", strerror(errno));
	} else if (q.caller_cgroup_id != cg_ino("granted/child") ||
		   q.grant.cgroup_id != cg_ino("granted") ||
		   q.grant.rights != (OMEGA_VGPU_ARL_RIGHT_PRESENT |
				      OMEGA_VGPU_ARL_RIGHT_QUERY) ||
		   q.grant.crtc_id != crtc_id ||
		   memcmp(&q.grant.viewport, &VP, sizeof(VP))) {
		ut_fail("arl.query.granted",
			"caller %" PRIu64 " grant %" PRIu64 " rights %#x crtc %u vp %u,%u %ux%u",
			(uint64_t)q.caller_cgroup_id, (uint64_t)q.grant.cgroup_id,
			q.grant.rights, q.grant.crtc_id, q.grant.viewport.x,
			q.grant.viewport.y, q.grant.viewport.width,
			q.grant.viewport.height);
	} else {
		ut_pass("arl.query.granted");
	}

	if (ut_dumb_create(fd, VP.width, VP.height, &db)) {
		ut_fail("arl.present.granted", "dumb: %s", strerror(errno));
		return;
	}
	fill_quads(&db);
	present_init(&p, &db, 0, 0, VP.width, VP.height, VP.x, VP.y);
	expect_ret("arl.present.granted", present(fd, &p), 0);

	/* Bad arguments, each with its own errno; nothing may be drawn. */
	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.handle = 0x7fff;
	expect_ret("arl.badarg.unknown_handle", present(fd, &p), -ENOENT);

	present_init(&p, &db, VP.width - 5, 0, 10, 10, VP.x, VP.y);
	expect_ret("arl.badarg.src_past_row", present(fd, &p), -ENXIO);

	present_init(&p, &db, 0, VP.height - 5, 10, 10, VP.x, VP.y);
	expect_ret("arl.badarg.src_past_buffer", present(fd, &p), -ENXIO);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.offset = db.size;
	expect_ret("arl.badarg.offset_past_buffer", present(fd, &p), -ENXIO);

	present_init(&p, &db, 0, 0, 10, 10, VP.x - 1, VP.y);
	expect_ret("arl.badarg.dst_left_of_viewport", present(fd, &p), -ERANGE);

	present_init(&p, &db, 0, 0, 10, 10, VP.x + VP.width - 9, VP.y);
	expect_ret("arl.badarg.dst_straddles_viewport", present(fd, &p), -ERANGE);

	present_init(&p, &db, 0, 0, 10, 10, 0, 0);
	expect_ret("arl.badarg.dst_outside_viewport", present(fd, &p), -ERANGE);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.reserved[1] = 1;
	expect_ret("arl.badarg.reserved", present(fd, &p), -EINVAL);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.flags = 1;
	expect_ret("arl.badarg.flags", present(fd, &p), -EINVAL);

	present_init(&p, &db, 0, 0, 0x200, 10, 0xffffff00u, VP.y);
	expect_ret("arl.badarg.dst_overflow", present(fd, &p), -EOVERFLOW);

	present_init(&p, &db, 0xfffffff0u, 0, 0x20, 10, VP.x, VP.y);
	expect_ret("arl.badarg.src_overflow", present(fd, &p), -EOVERFLOW);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.format = DRM_FORMAT_RGB565;
	expect_ret("arl.badarg.format", present(fd, &p), -EOPNOTSUPP);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.pitch = db.pitch - 2;
	expect_ret("arl.badarg.pitch", present(fd, &p), -EINVAL);

	present_init(&p, &db, 0, 0, 0, 10, VP.x, VP.y);
	expect_ret("arl.badarg.empty", present(fd, &p), -EINVAL);

	present_init(&p, &db, 0, 0, 10, 10, VP.x, VP.y);
	p.crtc_id = crtc_id + 1000;
	expect_ret("arl.badarg.other_crtc", present(fd, &p), -EACCES);

	/* Not master, not CAP_SYS_ADMIN: no table changes. */
	expect_ret("arl.unpriv.grant",
		   arl_grant(fd, "granted/child", OMEGA_VGPU_ARL_RIGHT_PRESENT,
			 &(struct drm_omega_vgpu_arl_rect){ 0, 0, 1280, 800 },
			 0, 0), -EPERM);
	expect_ret("arl.unpriv.revoke", arl_revoke(fd, "granted"), -EPERM);
	{
		struct drm_omega_vgpu_arl_list l = { 0 };

		expect_ret("arl.unpriv.list",
			   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &l),
			   -EPERM);
	}
	ut_dumb_destroy(fd, &db);
	close(fd);
}

/* In granted, through the render node: a PRIME-imported buffer. */
static void case_render_node(void)
{
	struct drm_omega_vgpu_arl_present p;
	struct ut_dumb db, imported;
	int card, rnd, dmabuf;
	uint32_t handle;

	card = open_node("/dev/dri/card0");
	rnd = open_node("/dev/dri/renderD128");
	if (card < 0 || rnd < 0)
		return;
	if (ut_dumb_create(card, SQ_W, SQ_H, &db)) {
		ut_fail("arl.render.present", "dumb: %s", strerror(errno));
		return;
	}
	ut_dumb_fill(&db, YELLOW);
	if (drmPrimeHandleToFD(card, db.handle, DRM_CLOEXEC, &dmabuf) ||
	    drmPrimeFDToHandle(rnd, dmabuf, &handle)) {
		ut_fail("arl.render.present", "prime: %s", strerror(errno));
		return;
	}
	imported = db;
	imported.handle = handle;
	present_init(&p, &imported, 0, 0, SQ_W, SQ_H, SQ_X, SQ_Y);
	expect_ret("arl.render.present", present(rnd, &p), 0);

	present_init(&p, &imported, 0, 0, SQ_W, SQ_H, 0, 0);
	expect_ret("arl.render.outside", present(rnd, &p), -ERANGE);

	close(dmabuf);
	close(rnd);
	ut_dumb_destroy(card, &db);
	close(card);
}

/* A cgroup no grant covers: refused, and QUERY says so. */
static void refused(const char *name, const char *cg)
{
	struct drm_omega_vgpu_arl_present p;
	struct drm_omega_vgpu_arl_query q;
	char n[96];
	struct ut_dumb db;
	int fd = open_node("/dev/dri/card0");

	if (fd < 0)
		return;
	if (ut_dumb_create(fd, 64, 64, &db)) {
		ut_fail(name, "dumb: %s", strerror(errno));
		return;
	}
	ut_dumb_fill(&db, 0xff00ff);
	present_init(&p, &db, 0, 0, 64, 64, VP.x, VP.y);
	snprintf(n, sizeof(n), "arl.%s.present", name);
	expect_ret(n, present(fd, &p), -EACCES);

	snprintf(n, sizeof(n), "arl.%s.query", name);
	if (query(fd, &q))
		ut_fail(n, "query: %s", strerror(errno));
	else if (q.grant.rights || q.grant.cgroup_id ||
		 q.caller_cgroup_id != cg_ino(cg))
		ut_fail(n, "rights %#x grant %" PRIu64 " caller %" PRIu64,
			q.grant.rights, (uint64_t)q.grant.cgroup_id,
			(uint64_t)q.caller_cgroup_id);
	else
		ut_pass(n);
	ut_dumb_destroy(fd, &db);
	close(fd);
}

static void case_ungranted(void) { refused("ungranted", "ungranted"); }
static void case_sibling(void) { refused("sibling", "sibling"); }
static void case_revoked(void) { refused("revoked", "granted/child"); }

/* PRESENT without QUERY: QUERY reports the rights but no details. */
static void case_noquery(void)
{
	struct drm_omega_vgpu_arl_query q;
	int fd = open_node("/dev/dri/card0");

	if (fd < 0)
		return;
	if (query(fd, &q))
		ut_fail("arl.query.noquery", "query: %s", strerror(errno));
	else if (q.grant.rights != OMEGA_VGPU_ARL_RIGHT_PRESENT ||
		 q.grant.viewport.width || q.grant.crtc_id)
		ut_fail("arl.query.noquery", "rights %#x vp width %u crtc %u",
			q.grant.rights, q.grant.viewport.width, q.grant.crtc_id);
	else
		ut_pass("arl.query.noquery");
	close(fd);
}

/* Byte budget 2 * 100x100 per second. */
#define BUDGET_BPS	(2ull * 100 * 100 * 4)

static void case_budget(void)
{
	struct drm_omega_vgpu_arl_present p;
	struct ut_dumb db;
	int fd = open_node("/dev/dri/card0");

	if (fd < 0 || ut_dumb_create(fd, 200, 200, &db)) {
		ut_fail("arl.budget", "setup failed");
		return;
	}
	ut_dumb_fill(&db, QUAD[0]);
	present_init(&p, &db, 0, 0, 150, 150, VP.x, VP.y);
	expect_ret("arl.budget.too_big", present(fd, &p), -E2BIG);
	present_init(&p, &db, 0, 0, 100, 100, VP.x, VP.y);
	expect_ret("arl.budget.first", present(fd, &p), 0);
	expect_ret("arl.budget.second", present(fd, &p), 0);
	expect_ret("arl.budget.exhausted", present(fd, &p), -EAGAIN);
	usleep(1100 * 1000);
	expect_ret("arl.budget.next_second", present(fd, &p), 0);
	ut_dumb_destroy(fd, &db);
	close(fd);
}

/* In-flight budget 1: hammer, never more than one in flight. */
#define HAMMER	200

static void case_inflight(void)
{
	struct drm_omega_vgpu_arl_present p;
	struct drm_omega_vgpu_arl_query q;
	unsigned int ok = 0, again = 0, i;
	struct ut_dumb db;
	int fd = open_node("/dev/dri/card0"), ret;

	if (fd < 0 || ut_dumb_create(fd, VP.width, VP.height, &db)) {
		ut_fail("arl.inflight", "setup failed");
		return;
	}
	fill_quads(&db);
	present_init(&p, &db, 0, 0, VP.width, VP.height, VP.x, VP.y);
	for (i = 0; i < HAMMER; i++) {
		ret = present(fd, &p);
		if (!ret) {
			ok++;
		} else if (ret == -EAGAIN) {
			again++;
		} else {
			ut_fail("arl.inflight.errno", "present %u: %s", i,
				errname(ret));
			break;
		}
	}
	printf("INFO: arl.inflight %u accepted, %u -EAGAIN of %u\n", ok,
	       again, HAMMER);
	usleep(300 * 1000);
	if (query(fd, &q)) {
		ut_fail("arl.inflight.peak", "query: %s", strerror(errno));
	} else if (q.grant.max_inflight != 1 || q.grant.peak_inflight > 1 ||
		   q.grant.peak_inflight < 1 || q.grant.presents != ok) {
		ut_fail("arl.inflight.peak", "max %u peak %u presents %" PRIu64 " accepted %u",
			q.grant.max_inflight, q.grant.peak_inflight,
			(uint64_t)q.grant.presents, ok);
	} else {
		ut_pass("arl.inflight.peak");
	}
	if (q.grant.inflight)
		ut_fail("arl.inflight.drained", "%u still in flight",
			q.grant.inflight);
	else
		ut_pass("arl.inflight.drained");
	ut_dumb_destroy(fd, &db);
	close(fd);
}

/*
 * In render (RENDER|QUERY): QUERY shows the right, and RENDER is not
 * PRESENT.  This guest has no 3D device, so EXECBUFFER fails before any
 * right is looked at; the virgl suite covers RENDER on a GL device.
 */
static void case_render_right(void)
{
	struct drm_omega_vgpu_execbuffer eb = { 0 };
	struct drm_omega_vgpu_arl_present p;
	struct drm_omega_vgpu_arl_query q;
	uint32_t nops[4] = { 0 };
	struct ut_dumb db;
	int fd = open_node("/dev/dri/renderD128"), card;

	if (fd < 0)
		return;
	if (query(fd, &q))
		ut_fail("arl.render_right.query", "query: %s", strerror(errno));
	else if (q.grant.cgroup_id != cg_ino("render") ||
		 q.grant.rights != (OMEGA_VGPU_ARL_RIGHT_RENDER |
				    OMEGA_VGPU_ARL_RIGHT_QUERY) ||
		 q.grant.max_inflight != 2)
		ut_fail("arl.render_right.query", "grant %" PRIu64 " rights %#x inflight %u",
			(uint64_t)q.grant.cgroup_id, q.grant.rights,
			q.grant.max_inflight);
	else
		ut_pass("arl.render_right.query");

	eb.size = sizeof(nops);
	eb.command = (uintptr_t)nops;
	eb.fence_fd = -1;
	expect_ret("arl.render_right.no_3d_device",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), -ENODEV);
	close(fd);

	/* Dumb buffers need the primary node. */
	card = open_node("/dev/dri/card0");
	if (card < 0)
		return;
	if (ut_dumb_create(card, 16, 16, &db)) {
		ut_fail("arl.render_right.no_present", "dumb: %s", strerror(errno));
		close(card);
		return;
	}
	present_init(&p, &db, 0, 0, 16, 16, VP.x, VP.y);
	expect_ret("arl.render_right.no_present", present(card, &p), -EACCES);
	ut_dumb_destroy(card, &db);
	close(card);
}

static void render_right_checks(int fd)
{
	struct drm_omega_vgpu_arl_grant g = { 0 };
	const uint32_t rq = OMEGA_VGPU_ARL_RIGHT_RENDER |
			    OMEGA_VGPU_ARL_RIGHT_QUERY;

	g.rights = rq;
	g.crtc_id = crtc_id;
	g.viewport = VP;
	g.max_inflight = 2;
	g.cgroup_fd = cg_open("render");
	if (arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g))
		ut_fail("arl.grant.render_right", "%s", strerror(errno));
	else if (g.cgroup_id != cg_ino("render"))
		ut_fail("arl.grant.render_right", "cgroup_id %" PRIu64 " want %" PRIu64,
			(uint64_t)g.cgroup_id, cg_ino("render"));
	else
		ut_pass("arl.grant.render_right");
	if (g.cgroup_fd >= 0)
		close(g.cgroup_fd);

	run_in("arl.render_right", "render", NOBODY, case_render_right);
	expect_ret("arl.revoke.render_right", arl_revoke(fd, "render"), 0);
}

/* ------------------------------------------------------------------ */
/* Master-side checks */

static void check_scanout(const struct ut_dumb *fb, bool square,
			  const char *name)
{
	uint32_t x, y, bad = 0, got = 0, want = 0, bx = 0, by = 0;

	for (y = 0; y < fb->height; y++) {
		const uint32_t *row =
			(const uint32_t *)((char *)fb->map + y * fb->pitch);

		for (x = 0; x < fb->width; x++) {
			uint32_t e = expected_pixel(x, y, square);

			if ((row[x] & 0xffffff) == e)
				continue;
			if (!bad++) {
				bx = x;
				by = y;
				got = row[x];
				want = e;
			}
		}
	}
	if (bad)
		ut_fail(name, "%u pixels wrong, first (%u,%u) %06x want %06x",
			bad, bx, by, got & 0xffffff, want);
	else
		ut_pass(name);
}

static void grant_checks(int fd)
{
	struct drm_omega_vgpu_arl_grant g = { 0 };
	struct drm_omega_vgpu_arl_rect vp = VP;
	const uint32_t pq = OMEGA_VGPU_ARL_RIGHT_PRESENT |
			    OMEGA_VGPU_ARL_RIGHT_QUERY;

	g.rights = pq;
	g.crtc_id = crtc_id;
	g.viewport = VP;
	g.cgroup_fd = cg_open("granted");
	if (arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g))
		ut_fail("arl.grant.granted", "%s", strerror(errno));
	else if (g.cgroup_id != cg_ino("granted"))
		ut_fail("arl.grant.granted", "cgroup_id %" PRIu64 " want inode %" PRIu64,
			(uint64_t)g.cgroup_id, cg_ino("granted"));
	else
		ut_pass("arl.grant.granted");
	close(g.cgroup_fd);

	expect_ret("arl.grant.duplicate", arl_grant(fd, "granted", pq, &VP, 0, 0),
		   -EEXIST);
	expect_ret("arl.grant.unknown_right",
		   arl_grant(fd, "sibling", OMEGA_VGPU_ARL_RIGHT_RENDER << 1, &VP,
			     0, 0), -EINVAL);
	expect_ret("arl.grant.no_rights", arl_grant(fd, "sibling", 0, &VP, 0, 0),
		   -EINVAL);
	expect_ret("arl.grant.inflight_too_big",
		   arl_grant(fd, "sibling", pq, &VP, OMEGA_VGPU_ARL_MAX_INFLIGHT + 1, 0),
		   -EINVAL);
	vp.x = 0xffffff00u;
	expect_ret("arl.grant.viewport_overflow",
		   arl_grant(fd, "sibling", pq, &vp, 0, 0), -EOVERFLOW);
	vp.x = 8000;
	expect_ret("arl.grant.viewport_range",
		   arl_grant(fd, "sibling", pq, &vp, 0, 0), -ERANGE);
	vp = VP;
	vp.width = 0;
	expect_ret("arl.grant.viewport_empty",
		   arl_grant(fd, "sibling", pq, &vp, 0, 0), -EINVAL);

	memset(&g, 0, sizeof(g));
	g.rights = pq;
	g.crtc_id = crtc_id;
	g.viewport = VP;
	g.cgroup_fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	expect_ret("arl.grant.not_a_cgroup",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g), -EBADF);
	close(g.cgroup_fd);
	g.cgroup_fd = cg_open("sibling");
	g.reserved[0] = 1;
	expect_ret("arl.grant.reserved",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g), -EINVAL);
	g.reserved[0] = 0;
	g.crtc_id = 0xdead;
	expect_ret("arl.grant.bad_crtc",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g), -ENOENT);
	close(g.cgroup_fd);

	expect_ret("arl.grant.noquery",
		   arl_grant(fd, "noquery", OMEGA_VGPU_ARL_RIGHT_PRESENT, &VP, 0, 0), 0);
	expect_ret("arl.grant.budget",
		   arl_grant(fd, "budget", pq, &VP, OMEGA_VGPU_ARL_MAX_INFLIGHT,
			 BUDGET_BPS), 0);
	expect_ret("arl.grant.inflight", arl_grant(fd, "inflight", pq, &VP, 1, 0),
		   0);
}

static void list_check(int fd, unsigned int want)
{
	struct drm_omega_vgpu_arl_entry e[OMEGA_VGPU_ARL_MAX_GRANTS];
	struct drm_omega_vgpu_arl_list l = { 0 };
	unsigned int i, found = 0;

	memset(e, 0xa5, sizeof(e));
	l.entries_ptr = (uintptr_t)e;
	l.count = OMEGA_VGPU_ARL_MAX_GRANTS;
	if (arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &l)) {
		ut_fail("arl.list", "%s", strerror(errno));
		return;
	}
	for (i = 0; i < l.count && i < OMEGA_VGPU_ARL_MAX_GRANTS; i++) {
		if (e[i].pad || e[i].reserved[0] || e[i].reserved[1])
			ut_fail("arl.list.zeroed", "entry %u has non-zero pad", i);
		if (e[i].cgroup_id == cg_ino("granted") &&
		    !memcmp(&e[i].viewport, &VP, sizeof(VP)))
			found++;
	}
	if (l.count != want || found != 1)
		ut_fail("arl.list", "count %u (want %u), granted found %u",
			l.count, want, found);
	else
		ut_pass("arl.list");

	/* A short buffer: the count is the table's, only one entry written. */
	memset(e, 0xa5, sizeof(e));
	l.count = 1;
	if (arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &l) || l.count != want ||
	    e[1].cgroup_id != 0xa5a5a5a5a5a5a5a5ull)
		ut_fail("arl.list.short", "count %u", l.count);
	else
		ut_pass("arl.list.short");
}

static void revoke_checks(int fd)
{
	struct drm_omega_vgpu_arl_revoke r = { .cgroup_fd = -1 };

	expect_ret("arl.revoke.granted", arl_revoke(fd, "granted"), 0);
	run_in("arl.revoked", "granted/child", NOBODY, case_revoked);
	expect_ret("arl.revoke.again", arl_revoke(fd, "granted"), -ENOENT);

	r.cgroup_id = cg_ino("budget");
	expect_ret("arl.revoke.by_id",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r), 0);
	r.pad = 1;
	expect_ret("arl.revoke.pad",
		   arl_ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r), -EINVAL);
}

static void table_full_check(int fd)
{
	const uint32_t pr = OMEGA_VGPU_ARL_RIGHT_PRESENT;
	unsigned int n, made = 0;
	char cg[32];
	int ret = 0;

	/* Two grants (noquery, inflight) are still in the table. */
	for (n = 0; n < 64; n++) {
		snprintf(cg, sizeof(cg), "fill/%u", n);
		ret = arl_grant(fd, cg, pr, &VP, 0, 0);
		if (ret)
			break;
		made++;
	}
	if (ret != -ENOSPC || made != OMEGA_VGPU_ARL_MAX_GRANTS - 2)
		ut_fail("arl.table_full", "%u grants then %s (want %u then -ENOSPC)",
			made, errname(ret), OMEGA_VGPU_ARL_MAX_GRANTS - 2);
	else
		ut_pass("arl.table_full");
	for (n = 0; n < made; n++) {
		snprintf(cg, sizeof(cg), "fill/%u", n);
		arl_revoke(fd, cg);
	}
}

/* The debugfs counter @key, or -1. */
static long long arl_counter(const char *key)
{
	char line[512], k[64];
	long long v, found = -1;
	FILE *f = fopen(DEBUGFS_ARL, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %lld", k, &v) == 2 && !strcmp(k, key))
			found = v;
	fclose(f);
	return found;
}

static void audit_checks(void)
{
	static const struct { const char *key; long long min; } want[] = {
		{ "denied_no_grant", 3 },	/* ungranted, sibling, revoked */
		{ "denied_no_right", 2 },	/* other crtc, RENDER only */
		{ "denied_outside_viewport", 4 },
		{ "denied_not_privileged", 3 },
		{ "denied_over_budget", 2 },
		{ "denied_bad_request", 16 },
		{ "granted", 5 + 62 },
		{ "revoked", 3 + 62 },
	};
	static const char *const lines[] = {
		"arl: denied present: pid ",
		": no_grant (-13)",
		": outside_viewport (-34)",
		": over_budget (-11)",
		"arl: denied grant: pid ",
		": not_privileged (-1)",
		"arl: grant by pid ",
		"arl: revoke by pid ",
	};
	unsigned int i;
	char *log;
	int len;

	for (i = 0; i < UT_ARRAY_SIZE(want); i++) {
		long long v = arl_counter(want[i].key);
		char n[96];

		snprintf(n, sizeof(n), "arl.audit.count.%s", want[i].key);
		if (v < want[i].min)
			ut_fail(n, "%lld, want >= %lld", v, want[i].min);
		else
			ut_pass(n);
	}

	len = klogctl(10, NULL, 0);
	log = len > 0 ? calloc(1, len + 1) : NULL;
	if (!log || klogctl(3, log, len) < 0) {
		ut_fail("arl.audit.dmesg", "cannot read the kernel log");
		free(log);
		return;
	}
	for (i = 0; i < UT_ARRAY_SIZE(lines); i++) {
		char n[96];

		snprintf(n, sizeof(n), "arl.audit.dmesg.%u", i);
		if (!strstr(log, lines[i]))
			ut_fail(n, "no '%s' in the kernel log", lines[i]);
		else
			ut_pass(n);
	}
	free(log);
}

int main(void)
{
	struct ut_output out;
	struct ut_dumb fb;
	drmModeModeInfo mode;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = ut_open_card();
	if (fd < 0 || ut_enable_atomic(fd) || ut_find_output(fd, &out)) {
		ut_fail("arl.setup", "no usable output");
		return 1;
	}
	mode = out.mode;
	crtc_id = out.crtc_id;
	if (mode.hdisplay < VP.x + VP.width || mode.vdisplay < VP.y + VP.height ||
	    ut_dumb_create(fd, mode.hdisplay, mode.vdisplay, &fb) ||
	    ut_dumb_add_fb(fd, &fb, DRM_FORMAT_XRGB8888)) {
		ut_fail("arl.setup", "framebuffer: %s", strerror(errno));
		return 1;
	}
	ut_dumb_fill(&fb, BG);
	if (ut_atomic_modeset(fd, &out, &mode, &fb, 0, NULL)) {
		ut_fail("arl.setup", "modeset: %s", strerror(errno));
		return 1;
	}
	printf("INFO: arl mode %ux%u crtc %u\n", mode.hdisplay, mode.vdisplay,
	       crtc_id);

	grant_checks(fd);
	run_in("arl.granted", "granted/child", NOBODY, case_granted);
	run_in("arl.render", "granted", NOBODY, case_render_node);
	run_in("arl.ungranted", "ungranted", NOBODY, case_ungranted);
	run_in("arl.sibling", "sibling", NOBODY, case_sibling);
	run_in("arl.noquery", "noquery", NOBODY, case_noquery);
	usleep(200 * 1000);
	check_scanout(&fb, true, "arl.pixels.framebuffer");
	if (ut_screendump("arl-present"))
		ut_fail("arl.pixels.screendump", "no screendump");
	else
		ut_pass("arl.pixels.screendump");

	run_in("arl.budget", "budget", NOBODY, case_budget);
	run_in("arl.inflight", "inflight", NOBODY, case_inflight);
	render_right_checks(fd);
	list_check(fd, 4);
	revoke_checks(fd);
	table_full_check(fd);
	audit_checks();

	ut_dumb_destroy(fd, &fb);
	close(fd);
	return ut_exit_status();
}
