// SPDX-License-Identifier: GPL-2.0
/*
 * Seeded, time-bounded ioctl fuzzer for omega_vgpu (issue #10).
 *
 *   rel_fuzz SECONDS SEED NPROC
 *
 * NPROC processes (process i uses SEED + i; the first opens the card first
 * and is DRM master, the last uses the render node) call, in random order
 * and with random and boundary arguments: dumb create/map/destroy,
 * ADDFB2/RMFB, SETCRTC, legacy page flip, atomic commits with random
 * properties and values, DIRTYFB with random clips, cursor set/move, the
 * resource/property getters, every private ARL ioctl and unknown driver
 * ioctl numbers.  Success is the kernel staying quiet (the harness checks
 * the log) and every process finishing its time: "PASS: fuzz" with the
 * iteration count, or FAIL when a process died or hung.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include <drm/omega_vgpu_drm.h>

#include "rel_common.h"

#define POOL	16
#define FUZZ_CG	"/sys/fs/cgroup/rel_fuzz"

static uint64_t rng;
static int fd;
static uint32_t handles[POOL], fbs[POOL], blobs[POOL];
static uint32_t crtcs[8], conns[8], planes[16];
static int ncrtcs, nconns, nplanes;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* A 32-bit value: mostly small, sometimes a boundary, sometimes anything. */
static uint32_t val32(uint32_t usual)
{
	static const uint32_t edge[] = {
		0, 1, 2, 31, 32, 63, 64, 65, 4095, 4096, 8191, 8192, 8193,
		0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe,
		0xffffffff,
	};

	switch (below(8)) {
	case 0:
		return edge[below(UT_ARRAY_SIZE(edge))];
	case 1:
		return (uint32_t)rnd();
	default:
		return below(usual + 1);
	}
}

static uint32_t pick(const uint32_t *pool, int n)
{
	if (!n || !below(10))
		return val32(200);
	return pool[below(n)];
}

static uint32_t any_object(void)
{
	switch (below(4)) {
	case 0:
		return pick(crtcs, ncrtcs);
	case 1:
		return pick(conns, nconns);
	case 2:
		return pick(planes, nplanes);
	default:
		return pick(fbs, POOL);
	}
}

static void drain_events(void)
{
	char buf[1024];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static void fuzz_create(void)
{
	struct drm_mode_create_dumb c = {
		.width = below(4) ? 1 + below(1024) : val32(2048),
		.height = below(4) ? 1 + below(768) : val32(2048),
		.bpp = below(8) ? 32 : val32(64),
		.flags = below(16) ? 0 : val32(4),
	};
	int slot = below(POOL);

	/* Keep the memory a process can pin bounded: no huge buffers kept. */
	if ((uint64_t)c.width * c.height > 2048 * 2048) {
		c.width = 8192;
		c.height = below(2) ? 8192 : 8193;
	}
	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &c))
		return;
	if ((uint64_t)c.width * c.height > 2048 * 2048) {
		struct drm_mode_destroy_dumb d = { .handle = c.handle };

		drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
		return;
	}
	if (handles[slot]) {
		struct drm_mode_destroy_dumb d = { .handle = handles[slot] };

		drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	}
	handles[slot] = c.handle;
}

static void fuzz_map(void)
{
	struct drm_mode_map_dumb m = { .handle = pick(handles, POOL) };
	struct drm_mode_create_dumb c;
	size_t len = 4096 * (1 + below(4));
	void *p;

	(void)c;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &m))
		return;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.offset);
	if (p == MAP_FAILED)
		return;
	memset(p, (int)rnd(), len);
	munmap(p, len);
}

static void fuzz_destroy(void)
{
	int slot = below(POOL);
	struct drm_mode_destroy_dumb d = { .handle = below(8) ? handles[slot] : val32(64) };

	drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	if (d.handle == handles[slot])
		handles[slot] = 0;
}

static void fuzz_addfb(void)
{
	static const uint32_t fmts[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888, DRM_FORMAT_XBGR8888,
		DRM_FORMAT_RGB565, DRM_FORMAT_NV12, 0,
	};
	struct drm_mode_fb_cmd2 f = { 0 };
	int slot = below(POOL);

	f.width = below(3) ? 1 + below(1280) : val32(9000);
	f.height = below(3) ? 1 + below(800) : val32(9000);
	f.pixel_format = below(4) ? fmts[below(UT_ARRAY_SIZE(fmts))] : (uint32_t)rnd();
	f.handles[0] = pick(handles, POOL);
	f.pitches[0] = below(3) ? f.width * 4 : val32(16384);
	f.offsets[0] = below(3) ? 0 : val32(1 << 20);
	if (!below(4)) {
		f.flags = DRM_MODE_FB_MODIFIERS;
		f.modifier[0] = below(2) ? DRM_FORMAT_MOD_LINEAR : rnd();
	}
	if (!below(8)) {
		f.handles[1] = pick(handles, POOL);
		f.pitches[1] = val32(8192);
	}
	if (drmIoctl(fd, DRM_IOCTL_MODE_ADDFB2, &f))
		return;
	if (fbs[slot])
		drmModeRmFB(fd, fbs[slot]);
	fbs[slot] = f.fb_id;
}

static void fuzz_rmfb(void)
{
	int slot = below(POOL);
	uint32_t id = below(8) ? fbs[slot] : val32(200);

	drmModeRmFB(fd, id);
	if (id == fbs[slot])
		fbs[slot] = 0;
}

static void random_mode(drmModeModeInfo *m)
{
	memset(m, 0, sizeof(*m));
	m->hdisplay = below(2) ? 640 + below(1000) : val32(9000);
	m->vdisplay = below(2) ? 480 + below(600) : val32(9000);
	m->hsync_start = m->hdisplay + below(64);
	m->hsync_end = m->hsync_start + below(64);
	m->htotal = m->hsync_end + below(64);
	m->vsync_start = m->vdisplay + below(8);
	m->vsync_end = m->vsync_start + below(8);
	m->vtotal = m->vsync_end + below(8);
	m->clock = below(4) ? 25000 + below(200000) : val32(1000000);
	m->vrefresh = below(200);
	snprintf(m->name, sizeof(m->name), "fuzz");
}

static void fuzz_setcrtc(void)
{
	drmModeModeInfo mode;
	uint32_t conn = pick(conns, nconns);
	drmModeConnectorPtr c = below(2) ? drmModeGetConnector(fd, conn) : NULL;

	if (c && c->count_modes)
		mode = c->modes[below(c->count_modes)];
	else
		random_mode(&mode);
	if (c)
		drmModeFreeConnector(c);
	drmModeSetCrtc(fd, pick(crtcs, ncrtcs), below(6) ? pick(fbs, POOL) : 0,
		       below(4) ? 0 : val32(2000), below(4) ? 0 : val32(2000),
		       &conn, below(8) ? 1 : 0, below(8) ? &mode : NULL);
}

static void fuzz_pageflip(void)
{
	uint32_t flags = DRM_MODE_PAGE_FLIP_EVENT;

	if (!below(4))
		flags |= DRM_MODE_PAGE_FLIP_ASYNC;
	if (!below(8))
		flags = val32(0xff);
	drmModePageFlip(fd, pick(crtcs, ncrtcs), pick(fbs, POOL), flags, NULL);
}

static uint64_t prop_value(void)
{
	switch (below(6)) {
	case 0:
		return pick(fbs, POOL);
	case 1:
		return pick(crtcs, ncrtcs);
	case 2:
		return pick(blobs, POOL);
	case 3:
		return (uint64_t)val32(2048) << 16;
	case 4:
		return rnd();
	default:
		return val32(2048);
	}
}

static void fuzz_atomic(void)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	uint32_t flags = 0;
	int n = 1 + below(12), i;

	if (!req)
		return;
	if (!below(3)) {
		drmModeModeInfo mode;
		uint32_t blob;
		int slot = below(POOL);

		random_mode(&mode);
		if (!drmModeCreatePropertyBlob(fd, &mode, below(8) ? sizeof(mode) : below(200),
					       &blob)) {
			if (blobs[slot])
				drmModeDestroyPropertyBlob(fd, blobs[slot]);
			blobs[slot] = blob;
		}
	}
	for (i = 0; i < n; i++) {
		uint32_t obj = any_object();
		drmModeObjectPropertiesPtr props =
			drmModeObjectGetProperties(fd, obj, DRM_MODE_OBJECT_ANY);
		uint32_t prop;

		if (props && props->count_props && below(8))
			prop = props->props[below(props->count_props)];
		else
			prop = val32(300);
		if (props)
			drmModeFreeObjectProperties(props);
		drmModeAtomicAddProperty(req, obj, prop, prop_value());
	}
	if (below(2))
		flags |= DRM_MODE_ATOMIC_TEST_ONLY;
	if (below(2))
		flags |= DRM_MODE_ATOMIC_NONBLOCK;
	if (below(2))
		flags |= DRM_MODE_ATOMIC_ALLOW_MODESET;
	if (!below(3))
		flags |= DRM_MODE_PAGE_FLIP_EVENT;
	if (!below(16))
		flags = val32(0xffff);
	drmModeAtomicCommit(fd, req, flags, NULL);
	drmModeAtomicFree(req);
}

static void fuzz_dirtyfb(void)
{
	drmModeClip clips[24];
	int n = below(UT_ARRAY_SIZE(clips) + 1), i;

	for (i = 0; i < n; i++) {
		clips[i].x1 = below(3) ? below(1300) : val32(0xffff);
		clips[i].y1 = below(3) ? below(900) : val32(0xffff);
		clips[i].x2 = below(3) ? clips[i].x1 + below(400) : val32(0xffff);
		clips[i].y2 = below(3) ? clips[i].y1 + below(400) : val32(0xffff);
	}
	drmModeDirtyFB(fd, pick(fbs, POOL), below(8) ? clips : NULL, n);
}

static void fuzz_cursor(void)
{
	uint32_t crtc = pick(crtcs, ncrtcs);

	if (below(2))
		drmModeSetCursor2(fd, crtc, below(4) ? pick(handles, POOL) : 0,
				  below(4) ? 64 : val32(256), below(4) ? 64 : val32(256),
				  (int)val32(70), (int)val32(70));
	else
		drmModeMoveCursor(fd, crtc, (int)val32(2000), (int)val32(2000));
}

static void fuzz_getters(void)
{
	drmModeResPtr r = drmModeGetResources(fd);
	drmModePlaneResPtr pr = drmModeGetPlaneResources(fd);
	drmModeConnectorPtr c = drmModeGetConnector(fd, pick(conns, nconns));
	drmModeObjectPropertiesPtr p =
		drmModeObjectGetProperties(fd, any_object(), DRM_MODE_OBJECT_ANY);
	drmModePropertyPtr prop = drmModeGetProperty(fd, val32(300));
	drmModePropertyBlobPtr b = drmModeGetPropertyBlob(fd, pick(blobs, POOL));

	drmModeFreeResources(r);
	drmModeFreePlaneResources(pr);
	drmModeFreeConnector(c);
	drmModeFreeObjectProperties(p);
	drmModeFreeProperty(prop);
	drmModeFreePropertyBlob(b);
}

static void fill_random(void *buf, size_t len)
{
	uint8_t *b = buf;
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = below(4) ? 0 : (uint8_t)rnd();
}

static void fuzz_arl(void)
{
	union {
		struct drm_omega_vgpu_arl_grant g;
		struct drm_omega_vgpu_arl_revoke r;
		struct drm_omega_vgpu_arl_query q;
		struct drm_omega_vgpu_arl_list l;
		struct drm_omega_vgpu_arl_present p;
		uint8_t raw[256];
	} u;
	struct drm_omega_vgpu_arl_entry entries[4];
	int cg = -1;

	memset(&u, 0, sizeof(u));
	if (!below(4))
		fill_random(&u, sizeof(u));
	switch (below(6)) {
	case 0:
		cg = open(below(4) ? FUZZ_CG : "/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		u.g.cgroup_fd = below(8) ? cg : (int)val32(100);
		u.g.rights = below(2) ? OMEGA_VGPU_ARL_RIGHT_PRESENT | OMEGA_VGPU_ARL_RIGHT_QUERY :
					val32(16);
		u.g.crtc_id = pick(crtcs, ncrtcs);
		u.g.viewport.x = val32(1300);
		u.g.viewport.y = val32(800);
		u.g.viewport.width = val32(1300);
		u.g.viewport.height = val32(800);
		u.g.max_inflight = val32(70);
		ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &u.g);
		break;
	case 1:
		cg = open(FUZZ_CG, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		u.r.cgroup_fd = below(2) ? cg : -1;
		if (u.r.cgroup_fd == -1 && below(2))
			u.r.cgroup_id = rnd() % 10000;
		ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &u.r);
		break;
	case 2:
		ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, &u.q);
		break;
	case 3:
		switch (below(4)) {
		case 0:
			u.l.entries_ptr = (uintptr_t)entries;
			u.l.count = below(5);
			break;
		case 1:
			u.l.entries_ptr = 0;
			u.l.count = val32(100);
			break;
		case 2:
			u.l.entries_ptr = 0x1000 + val32(0xffff);
			u.l.count = val32(100);
			break;
		default:
			break;
		}
		ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &u.l);
		break;
	case 4:
		u.p.handle = pick(handles, POOL);
		u.p.format = below(4) ? DRM_FORMAT_XRGB8888 : (uint32_t)rnd();
		u.p.pitch = val32(8192);
		u.p.offset = below(2) ? 0 : val32(1 << 22);
		u.p.src.x = val32(2000);
		u.p.src.y = val32(2000);
		u.p.src.width = val32(300);
		u.p.src.height = val32(300);
		u.p.crtc_id = pick(crtcs, ncrtcs);
		u.p.dst_x = val32(1300);
		u.p.dst_y = val32(900);
		ioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT, &u.p);
		break;
	default: {
		/* Unknown and mis-sized driver ioctls. */
		unsigned int nr = DRM_COMMAND_BASE + below(0x30);
		unsigned int size = below(4) ? below(sizeof(u)) : sizeof(u);

		ioctl(fd, _IOC(below(4), DRM_IOCTL_BASE, nr, size), &u);
		break;
	}
	}
	if (cg >= 0)
		close(cg);
}

static void learn_objects(void)
{
	drmModeResPtr r = drmModeGetResources(fd);
	drmModePlaneResPtr pr;
	int i;

	if (r) {
		for (i = 0; i < r->count_crtcs && i < 8; i++)
			crtcs[ncrtcs++] = r->crtcs[i];
		for (i = 0; i < r->count_connectors && i < 8; i++)
			conns[nconns++] = r->connectors[i];
		drmModeFreeResources(r);
	}
	pr = drmModeGetPlaneResources(fd);
	if (pr) {
		for (i = 0; i < (int)pr->count_planes && i < 16; i++)
			planes[nplanes++] = pr->planes[i];
		drmModeFreePlaneResources(pr);
	}
}

static int fuzz_process(unsigned int seconds, uint64_t seed, bool render)
{
	static void (*const ops[])(void) = {
		fuzz_create, fuzz_map, fuzz_destroy, fuzz_addfb, fuzz_rmfb,
		fuzz_setcrtc, fuzz_pageflip, fuzz_atomic, fuzz_atomic,
		fuzz_dirtyfb, fuzz_cursor, fuzz_getters, fuzz_arl, fuzz_arl,
	};
	uint64_t end = rel_now_ms() + seconds * 1000ull;
	long iters = 0;

	rng = seed * 0x9e3779b97f4a7c15ull + 1;
	fd = open(render ? "/dev/dri/renderD128" : "/dev/dri/card0",
		  O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		printf("FAIL: fuzz.open seed %llu: %s\n", (unsigned long long)seed,
		       strerror(errno));
		return 1;
	}
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	if (below(4))
		drmSetClientCap(fd, DRM_CLIENT_CAP_ATOMIC, 1);
	drmSetClientCap(fd, DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT, 1);
	learn_objects();
	while (rel_now_ms() < end) {
		ops[below(UT_ARRAY_SIZE(ops))]();
		drain_events();
		iters++;
	}
	close(fd);
	printf("INFO: fuzz seed %llu (%s) iterations %ld\n", (unsigned long long)seed,
	       render ? "render node" : "primary node", iters);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int seconds, nproc, i, bad = 0;
	unsigned long long seed;
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4) {
		fprintf(stderr, "usage: %s SECONDS SEED NPROC\n", argv[0]);
		return 2;
	}
	seconds = atoi(argv[1]);
	seed = strtoull(argv[2], NULL, 0);
	nproc = atoi(argv[3]);
	mkdir(FUZZ_CG, 0755);
	for (i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			/* A watchdog: a process stuck in an ioctl dies with SIGALRM. */
			alarm(seconds + 60);
			exit(fuzz_process(seconds, seed + i, nproc > 1 && i == nproc - 1));
		}
		if (i == 0)
			usleep(200000);	/* the first one is the master */
	}
	for (i = 0; i < nproc; i++) {
		pid_t pid = wait(&status);

		if (pid < 0)
			break;
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("FAIL: fuzz.process %d ended with status %#x%s\n", pid, status,
			       WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ?
			       " (hung in the kernel past the deadline)" : "");
			bad++;
		}
	}
	if (!bad)
		printf("PASS: fuzz %u processes, %u s, seed %llu\n", nproc, seconds, seed);
	return bad ? 1 : 0;
}
