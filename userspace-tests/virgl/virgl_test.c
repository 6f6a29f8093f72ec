// SPDX-License-Identifier: GPL-2.0
/*
 * virgl_test: every virgl ioctl of omega_vgpu with good and bad arguments,
 * through the render node, plus fences (sync_file out and in, signalled in
 * submission order) and a pixel round trip through the host
 * (TRANSFER_TO_HOST then TRANSFER_FROM_HOST).
 *
 * Prints PASS:/FAIL:/SKIP: lines (ut.h); exit status 1 on any FAIL.
 * Runs as well on Linux's virtio-gpu driver (same uAPI), which is how the
 * expectations were cross-checked; deviations are marked where they exist.
 *
 * ARL's RENDER right (omega_vgpu only): when guest.sh has mounted cgroup2
 * and made /sys/fs/cgroup/arl-render and arl-norender, containers there
 * (uid 65534) submit 3D work under a grant with and without RENDER.  With
 * vgem loaded (suite.sh), a submission waiting for a vgem fence holds the
 * grant's only in-flight slot for as long as the test wants, so the
 * budget's refusal is checked deterministically.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/sync_file.h>
#include <xf86drm.h>

#include "drm/omega_vgpu_drm.h"
#include "../ut.h"

/* Gallium / virgl values the test uses. */
#define TARGET_BUFFER		0
#define TARGET_2D		2
#define FMT_B8G8R8X8		2
#define FMT_R8			64
#define BIND_RENDER_TARGET	(1u << 1)
#define BIND_SAMPLER_VIEW	(1u << 3)
#define BIND_VERTEX_BUFFER	(1u << 4)

#define TEX_W 64
#define TEX_H 64

static int ioc(int fd, unsigned long req, void *arg)
{
	return drmIoctl(fd, req, arg) ? -errno : 0;
}

static void expect(const char *name, int got, int want)
{
	if (got == want)
		ut_pass(name);
	else
		ut_fail(name, "expected %d (%s), got %d (%s)", want,
			strerror(-want), got, strerror(-got));
}

static int getparam(int fd, uint64_t param, int *value)
{
	struct drm_omega_vgpu_getparam gp = {
		.param = param, .value = (uintptr_t)value,
	};

	*value = -1;
	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_GETPARAM, &gp);
}

static void test_getparam(int fd)
{
	struct drm_omega_vgpu_getparam gp = { 0 };
	int v;

	expect("virgl.getparam.3d", getparam(fd, OMEGA_VGPU_PARAM_3D_FEATURES, &v), 0);
	if (v != 1)
		ut_fail("virgl.getparam.3d_value", "3D_FEATURES %d", v);
	else
		ut_pass("virgl.getparam.3d_value");
	getparam(fd, OMEGA_VGPU_PARAM_CAPSET_QUERY_FIX, &v);
	v == 1 ? ut_pass("virgl.getparam.capset_fix") :
		 ut_fail("virgl.getparam.capset_fix", "%d", v);
	getparam(fd, OMEGA_VGPU_PARAM_SUPPORTED_CAPSET_IDS, &v);
	(v & 6) == 6 ? ut_pass("virgl.getparam.capset_ids") :
		       ut_fail("virgl.getparam.capset_ids", "mask %#x, want bits 1 and 2", v);
	getparam(fd, OMEGA_VGPU_PARAM_RESOURCE_BLOB, &v);
	v == 0 ? ut_pass("virgl.getparam.no_blob") :
		 ut_fail("virgl.getparam.no_blob", "%d", v);
	expect("virgl.getparam.unknown", getparam(fd, 99, &v), -EINVAL);
	gp.param = OMEGA_VGPU_PARAM_3D_FEATURES;
	gp.value = 16;
	expect("virgl.getparam.efault", ioc(fd, DRM_IOCTL_OMEGA_VGPU_GETPARAM, &gp),
	       -EFAULT);
}

static int get_caps(int fd, uint32_t id, uint32_t ver, void *buf, uint32_t size,
		    uint32_t pad)
{
	struct drm_omega_vgpu_get_caps gc = {
		.cap_set_id = id, .cap_set_ver = ver, .addr = (uintptr_t)buf,
		.size = size, .pad = pad,
	};

	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_GET_CAPS, &gc);
}

static void test_get_caps(int fd)
{
	static uint32_t caps[1024], again[1024];
	unsigned int i, nz = 0;

	memset(caps, 0, sizeof(caps));
	expect("virgl.get_caps.v2", get_caps(fd, 2, 0, caps, sizeof(caps), 0), 0);
	for (i = 0; i < 1024; i++)
		nz += caps[i] != 0;
	/* virgl caps start with max_version. */
	if (caps[0] >= 1 && nz > 8)
		ut_pass("virgl.get_caps.v2_content");
	else
		ut_fail("virgl.get_caps.v2_content", "max_version %u, %u non-zero words",
			caps[0], nz);
	memset(again, 0, sizeof(again));
	expect("virgl.get_caps.cached", get_caps(fd, 2, 0, again, sizeof(again), 0), 0);
	memcmp(caps, again, sizeof(caps)) ? ut_fail("virgl.get_caps.same", "differs") :
					    ut_pass("virgl.get_caps.same");
	memset(again, 0xa5, sizeof(again));
	expect("virgl.get_caps.short", get_caps(fd, 2, 0, again, 8, 0), 0);
	(again[0] == caps[0] && again[2] == 0xa5a5a5a5u) ?
		ut_pass("virgl.get_caps.short_bounded") :
		ut_fail("virgl.get_caps.short_bounded", "wrote past 8 bytes");
	expect("virgl.get_caps.v1", get_caps(fd, 1, 0, caps, sizeof(caps), 0), 0);
	expect("virgl.get_caps.bad_id", get_caps(fd, 77, 0, caps, sizeof(caps), 0),
	       -EINVAL);
	expect("virgl.get_caps.bad_version",
	       get_caps(fd, 2, 1000, caps, sizeof(caps), 0), -EINVAL);
	expect("virgl.get_caps.size0", get_caps(fd, 2, 0, caps, 0, 0), -EINVAL);
	expect("virgl.get_caps.pad", get_caps(fd, 2, 0, caps, sizeof(caps), 1),
	       -EINVAL);
	expect("virgl.get_caps.efault", get_caps(fd, 2, 0, (void *)16, 64, 0),
	       -EFAULT);
}

static int ctx_init(int fd, struct drm_omega_vgpu_context_set_param *p,
		    uint32_t n)
{
	struct drm_omega_vgpu_context_init ci = {
		.num_params = n, .ctx_set_params = (uintptr_t)p,
	};

	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_CONTEXT_INIT, &ci);
}

/* On a fresh file: bad inputs first (none may create the context). */
static void test_context_init(int fd)
{
	static const char name[] = "virgl_test";
	struct drm_omega_vgpu_context_set_param p[5] = { 0 };
	struct drm_omega_vgpu_context_init ci = { 0 };

	expect("virgl.context_init.zero_params", ctx_init(fd, p, 0), -EINVAL);
	expect("virgl.context_init.too_many", ctx_init(fd, p, 5), -EINVAL);
	p[0].param = 99;
	expect("virgl.context_init.unknown_param", ctx_init(fd, p, 1), -EINVAL);
	p[0].param = OMEGA_VGPU_CONTEXT_PARAM_CAPSET_ID;
	p[0].value = 77;
	expect("virgl.context_init.bad_capset", ctx_init(fd, p, 1), -EINVAL);
	p[0].value = 2;
	p[1] = p[0];
	expect("virgl.context_init.duplicate", ctx_init(fd, p, 2), -EINVAL);
	p[1].param = OMEGA_VGPU_CONTEXT_PARAM_NUM_RINGS;
	p[1].value = 1;
	expect("virgl.context_init.rings", ctx_init(fd, p, 2), -EINVAL);
	expect("virgl.context_init.efault", ctx_init(fd, (void *)16, 1), -EFAULT);
	ci.num_params = 1;
	ci.pad = 1;
	ci.ctx_set_params = (uintptr_t)p;
	expect("virgl.context_init.pad",
	       ioc(fd, DRM_IOCTL_OMEGA_VGPU_CONTEXT_INIT, &ci), -EINVAL);
	p[1].param = OMEGA_VGPU_CONTEXT_PARAM_DEBUG_NAME;
	p[1].value = (uintptr_t)name;
	expect("virgl.context_init.ok", ctx_init(fd, p, 2), 0);
	expect("virgl.context_init.again", ctx_init(fd, p, 1), -EEXIST);
}

static int res_create(int fd, struct drm_omega_vgpu_resource_create *rc)
{
	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_RESOURCE_CREATE, rc);
}

static struct drm_omega_vgpu_resource_create tex_args(void)
{
	struct drm_omega_vgpu_resource_create rc = {
		.target = TARGET_2D, .format = FMT_B8G8R8X8,
		.bind = BIND_RENDER_TARGET | BIND_SAMPLER_VIEW,
		.width = TEX_W, .height = TEX_H, .depth = 1, .array_size = 1,
		.size = TEX_W * TEX_H * 4, .stride = TEX_W * 4,
	};
	return rc;
}

static void test_resource_create_bad(int fd)
{
	static const struct {
		const char *name;
		unsigned int field;	/* index of the __u32 in the struct */
		uint32_t value;
	} bad[] = {
		{ "virgl.resource_create.target", 0, 9 },
		{ "virgl.resource_create.width0", 3, 0 },
		{ "virgl.resource_create.width_huge", 3, 16385 },
		{ "virgl.resource_create.height0", 4, 0 },
		{ "virgl.resource_create.depth0", 5, 0 },
		{ "virgl.resource_create.array0", 6, 0 },
		{ "virgl.resource_create.levels", 7, 15 },
		{ "virgl.resource_create.samples", 8, 33 },
		{ "virgl.resource_create.flags", 9, 2 },
		{ "virgl.resource_create.size_huge", 12, (1u << 28) + 1 },
	};
	struct drm_omega_vgpu_resource_create rc;
	unsigned int i;

	for (i = 0; i < UT_ARRAY_SIZE(bad); i++) {
		rc = tex_args();
		((uint32_t *)&rc)[bad[i].field] = bad[i].value;
		expect(bad[i].name, res_create(fd, &rc), -EINVAL);
	}
	rc = tex_args();
	rc.target = TARGET_BUFFER;
	rc.height = 2;
	expect("virgl.resource_create.buffer_height", res_create(fd, &rc), -EINVAL);
}

static int transfer(int fd, bool to_host, uint32_t handle, uint32_t w,
		    uint32_t h, uint32_t level, uint32_t offset)
{
	struct drm_omega_vgpu_3d_transfer t = {
		.bo_handle = handle, .box = { .w = w, .h = h, .d = 1 },
		.level = level, .offset = offset,
	};

	return ioc(fd, to_host ? DRM_IOCTL_OMEGA_VGPU_TRANSFER_TO_HOST :
				 DRM_IOCTL_OMEGA_VGPU_TRANSFER_FROM_HOST, &t);
}

static int wait_bo(int fd, uint32_t handle, uint32_t flags)
{
	struct drm_omega_vgpu_3d_wait w = { .handle = handle, .flags = flags };

	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_WAIT, &w);
}

/* Create, info, map, upload, read back through the host. */
static uint32_t test_resource_roundtrip(int fd)
{
	struct drm_omega_vgpu_resource_create rc = tex_args();
	struct drm_omega_vgpu_resource_info ri = { 0 };
	struct drm_omega_vgpu_map map = { 0 };
	uint32_t *px, i, bad = 0;

	expect("virgl.resource_create.texture", res_create(fd, &rc), 0);
	if (!rc.bo_handle || !rc.res_handle) {
		ut_fail("virgl.resource_create.handles", "bo %u res %u",
			rc.bo_handle, rc.res_handle);
		return 0;
	}
	ut_pass("virgl.resource_create.handles");

	ri.bo_handle = rc.bo_handle;
	expect("virgl.resource_info.ok",
	       ioc(fd, DRM_IOCTL_OMEGA_VGPU_RESOURCE_INFO, &ri), 0);
	(ri.res_handle == rc.res_handle && ri.size == TEX_W * TEX_H * 4) ?
		ut_pass("virgl.resource_info.values") :
		ut_fail("virgl.resource_info.values", "res %u size %u", ri.res_handle,
			ri.size);
	ri.bo_handle = 0xdead;
	expect("virgl.resource_info.bad_handle",
	       ioc(fd, DRM_IOCTL_OMEGA_VGPU_RESOURCE_INFO, &ri), -ENOENT);

	map.handle = rc.bo_handle;
	expect("virgl.map.ok", ioc(fd, DRM_IOCTL_OMEGA_VGPU_MAP, &map), 0);
	map.handle = 0xdead;
	expect("virgl.map.bad_handle", ioc(fd, DRM_IOCTL_OMEGA_VGPU_MAP, &map),
	       -ENOENT);
	map.handle = rc.bo_handle;
	ioc(fd, DRM_IOCTL_OMEGA_VGPU_MAP, &map);
	px = mmap(NULL, TEX_W * TEX_H * 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		  map.offset);
	if (px == MAP_FAILED) {
		ut_fail("virgl.map.mmap", "%s", strerror(errno));
		return rc.bo_handle;
	}
	ut_pass("virgl.map.mmap");
	for (i = 0; i < TEX_W * TEX_H; i++)
		px[i] = 0xff000000u | (i * 2654435761u >> 8);

	expect("virgl.transfer_to_host.ok",
	       transfer(fd, true, rc.bo_handle, TEX_W, TEX_H, 0, 0), 0);
	expect("virgl.wait.after_upload", wait_bo(fd, rc.bo_handle, 0), 0);
	memset(px, 0, TEX_W * TEX_H * 4);
	expect("virgl.transfer_from_host.ok",
	       transfer(fd, false, rc.bo_handle, TEX_W, TEX_H, 0, 0), 0);
	expect("virgl.wait.after_readback", wait_bo(fd, rc.bo_handle, 0), 0);
	expect("virgl.wait.nowait_idle",
	       wait_bo(fd, rc.bo_handle, OMEGA_VGPU_WAIT_NOWAIT), 0);
	for (i = 0; i < TEX_W * TEX_H; i++)
		bad += (px[i] & 0xffffff) != ((i * 2654435761u >> 8) & 0xffffff);
	bad ? ut_fail("virgl.transfer.roundtrip", "%u of %u pixels differ", bad,
		      TEX_W * TEX_H) :
	      ut_pass("virgl.transfer.roundtrip");
	munmap(px, TEX_W * TEX_H * 4);

	expect("virgl.transfer_to_host.bad_handle",
	       transfer(fd, true, 0xdead, 1, 1, 0, 0), -ENOENT);
	expect("virgl.transfer_to_host.offset",
	       transfer(fd, true, rc.bo_handle, 1, 1, 0, TEX_W * TEX_H * 4), -EINVAL);
	expect("virgl.transfer_from_host.level",
	       transfer(fd, false, rc.bo_handle, 1, 1, 15, 0), -EINVAL);
	expect("virgl.transfer_from_host.box",
	       transfer(fd, false, rc.bo_handle, 1, 20000, 0, 0), -EINVAL);
	expect("virgl.wait.bad_handle", wait_bo(fd, 0xdead, 0), -ENOENT);
	expect("virgl.wait.bad_flags", wait_bo(fd, rc.bo_handle, 2), -EINVAL);
	return rc.bo_handle;
}

/* Dumb buffers (primary node only) have no 3D resource. */
static void test_transfer_dumb(void)
{
	struct drm_mode_create_dumb cd = { .width = 16, .height = 16, .bpp = 32 };
	int fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);

	if (fd < 0 || ioc(fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd)) {
		ut_skip("virgl.transfer.dumb", "no dumb buffer: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	expect("virgl.transfer.dumb", transfer(fd, true, cd.handle, 1, 1, 0, 0),
	       -EINVAL);
	drmCloseBufferHandle(fd, cd.handle);
	close(fd);
}

static int execbuf(int fd, struct drm_omega_vgpu_execbuffer *eb)
{
	return ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, eb);
}

/* A command stream of NOPs (virgl command 0, no payload). */
static uint32_t nops[64];

static struct drm_omega_vgpu_execbuffer nop_args(void)
{
	struct drm_omega_vgpu_execbuffer eb = {
		.size = sizeof(nops), .command = (uintptr_t)nops, .fence_fd = -1,
	};
	return eb;
}

static void test_execbuffer_bad(int fd, uint32_t bo)
{
	struct drm_omega_vgpu_execbuffer eb;
	uint32_t handles[2] = { bo, bo };
	uint32_t missing = 0xdead;

	eb = nop_args();
	eb.size = 0;
	expect("virgl.execbuffer.size0", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.size = OMEGA_VGPU_EXECBUF_MAX_SIZE + 4;
	expect("virgl.execbuffer.size_huge", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.flags = 0x80;
	expect("virgl.execbuffer.flags", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.flags = OMEGA_VGPU_EXECBUF_RING_IDX;
	expect("virgl.execbuffer.ring_idx", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.num_in_syncobjs = 1;
	expect("virgl.execbuffer.syncobjs", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.num_bo_handles = OMEGA_VGPU_EXECBUF_MAX_BOS + 1;
	eb.bo_handles = (uintptr_t)handles;
	expect("virgl.execbuffer.too_many_bos", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.command = 16;
	expect("virgl.execbuffer.efault_stream", execbuf(fd, &eb), -EFAULT);
	eb = nop_args();
	eb.num_bo_handles = 1;
	eb.bo_handles = 16;
	expect("virgl.execbuffer.efault_bos", execbuf(fd, &eb), -EFAULT);
	eb = nop_args();
	eb.num_bo_handles = 1;
	eb.bo_handles = (uintptr_t)&missing;
	expect("virgl.execbuffer.bad_bo", execbuf(fd, &eb), -ENOENT);
	eb = nop_args();
	eb.num_bo_handles = 2;
	eb.bo_handles = (uintptr_t)handles;
	expect("virgl.execbuffer.duplicate_bo", execbuf(fd, &eb), -EINVAL);
	eb = nop_args();
	eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_IN;
	eb.fence_fd = -1;
	expect("virgl.execbuffer.in_fence_bad_fd", execbuf(fd, &eb), -EINVAL);
	eb.fence_fd = fd;	/* a DRM fd is not a sync_file */
	expect("virgl.execbuffer.in_fence_not_sync", execbuf(fd, &eb), -EINVAL);
}

static int fence_info(int fence, struct sync_fence_info *fi)
{
	struct sync_file_info info = { 0 };

	memset(fi, 0, sizeof(*fi));
	info.num_fences = 1;
	info.sync_fence_info = (uintptr_t)fi;
	return ioctl(fence, SYNC_IOC_FILE_INFO, &info) ? -errno : info.status;
}

#define NFENCES 24

static void test_execbuffer_fences(int fd, uint32_t bo)
{
	struct drm_omega_vgpu_execbuffer eb;
	struct sync_fence_info fi[NFENCES];
	int fences[NFENCES], i, ret, order_bad = 0, unsignalled = 0;
	struct pollfd pfd;

	eb = nop_args();
	expect("virgl.execbuffer.plain", execbuf(fd, &eb), 0);
	eb = nop_args();
	eb.num_bo_handles = 1;
	eb.bo_handles = (uintptr_t)&bo;
	expect("virgl.execbuffer.with_bo", execbuf(fd, &eb), 0);
	expect("virgl.wait.after_execbuffer", wait_bo(fd, bo, 0), 0);

	for (i = 0; i < NFENCES; i++) {
		eb = nop_args();
		eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_OUT;
		if (i && fences[i - 1] >= 0) {
			eb.flags |= OMEGA_VGPU_EXECBUF_FENCE_FD_IN;
			eb.fence_fd = fences[i - 1];
		}
		ret = execbuf(fd, &eb);
		fences[i] = ret ? -1 : eb.fence_fd;
		if (ret || eb.fence_fd < 0) {
			ut_fail("virgl.fence.out", "submission %d: %s, fd %d", i,
				strerror(-ret), eb.fence_fd);
			return;
		}
	}
	ut_pass("virgl.fence.out");
	ut_pass("virgl.fence.in_chain");

	pfd.fd = fences[NFENCES - 1];
	pfd.events = POLLIN;
	ret = poll(&pfd, 1, 10000);
	ret == 1 ? ut_pass("virgl.fence.last_signals") :
		   ut_fail("virgl.fence.last_signals", "poll %d", ret);
	/* Everything before the last fence has signalled, in order. */
	for (i = 0; i < NFENCES; i++) {
		if (fence_info(fences[i], &fi[i]) != 1 || fi[i].status != 1)
			unsignalled++;
		if (i && fi[i].timestamp_ns < fi[i - 1].timestamp_ns)
			order_bad++;
	}
	unsignalled ? ut_fail("virgl.fence.all_signalled", "%d not signalled",
			      unsignalled) :
		      ut_pass("virgl.fence.all_signalled");
	order_bad ? ut_fail("virgl.fence.in_order", "%d timestamps go back",
			    order_bad) :
		    ut_pass("virgl.fence.in_order");
	strcmp(fi[0].driver_name, "omega_vgpu") && !ut_is_intree(fd) ?
		ut_fail("virgl.fence.driver_name", "%s", fi[0].driver_name) :
		ut_pass("virgl.fence.driver_name");
	for (i = 0; i < NFENCES; i++)
		close(fences[i]);
}

/* Contexts and resources of a closed file are gone (debugfs counters). */
static int debugfs_value(const char *key)
{
	char line[128];
	int v = -1, n = strlen(key);
	FILE *f = fopen("/sys/kernel/debug/dri/0/omega_vgpu_virgl", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ')
			v = atoi(line + n + 1);
	fclose(f);
	return v;
}

static void test_close_frees(void)
{
	int before = debugfs_value("contexts"), after, fd, i;
	struct drm_omega_vgpu_resource_create rc;
	struct drm_omega_vgpu_execbuffer eb;

	if (before < 0) {
		ut_skip("virgl.close.frees_context", "no debugfs omega_vgpu_virgl");
		return;
	}
	fd = open("/dev/dri/renderD128", O_RDWR | O_CLOEXEC);
	for (i = 0; i < 8; i++) {
		rc = tex_args();
		res_create(fd, &rc);
	}
	eb = nop_args();
	execbuf(fd, &eb);
	after = debugfs_value("contexts");
	after == before + 1 ? ut_pass("virgl.close.context_created") :
			      ut_fail("virgl.close.context_created", "%d -> %d", before, after);
	close(fd);
	after = debugfs_value("contexts");
	after == before ? ut_pass("virgl.close.frees_context") :
			  ut_fail("virgl.close.frees_context", "%d -> %d", before, after);
}

/* ------------------------------------------------------------------ */
/* ARL: the RENDER right */

#define CG		"/sys/fs/cgroup"
#define NOBODY		65534
#define ARL_DEBUGFS	"/sys/kernel/debug/dri/0/omega_vgpu_arl"
#define RENDER_INFLIGHT	1
#define HAMMER		200

/*
 * ioctl(2) itself: libdrm's drmIoctl() retries EAGAIN without end, and
 * EAGAIN is the answer to an over-budget submission.
 */
static int arl_ioc(int fd, unsigned long req, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, req, arg);
	} while (ret && errno == EINTR);
	return ret ? -errno : 0;
}

static uint64_t cg_ino(const char *cg)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), CG "/%s", cg);
	return stat(path, &st) ? 0 : st.st_ino;
}

static int arl_grant(int fd, const char *cg, uint32_t crtc, uint32_t rights,
		     uint32_t inflight)
{
	struct drm_omega_vgpu_arl_grant g = {
		.rights = rights, .crtc_id = crtc, .max_inflight = inflight,
		.viewport = { 0, 0, 64, 64 },
	};
	char path[256];
	int ret;

	snprintf(path, sizeof(path), CG "/%s", cg);
	g.cgroup_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (g.cgroup_fd < 0)
		return -errno;
	ret = arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g);
	close(g.cgroup_fd);
	return ret;
}

static int arl_revoke(int fd, const char *cg)
{
	struct drm_omega_vgpu_arl_revoke r = { .cgroup_fd = -1 };

	r.cgroup_id = cg_ino(cg);
	return arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r);
}

static int arl_query(int fd, struct drm_omega_vgpu_arl_query *q)
{
	memset(q, 0, sizeof(*q));
	return arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, q);
}

/* The debugfs ARL counter @key, or -1. */
static long long arl_counter(const char *key)
{
	char line[512], k[64];
	long long v, found = -1;
	FILE *f = fopen(ARL_DEBUGFS, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %lld", k, &v) == 2 && !strcmp(k, key))
			found = v;
	fclose(f);
	return found;
}

/*
 * Start @fn in a child that moves itself into cgroup @cg and drops to
 * uid 65534, as a container would be.  Returns its pid, or -1.
 */
static pid_t spawn_in_cgroup(const char *name, const char *cg,
			     void (*fn)(void))
{
	char path[256];
	pid_t pid;
	FILE *f;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		ut_fail(name, "fork: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		snprintf(path, sizeof(path), CG "/%s/cgroup.procs", cg);
		f = fopen(path, "w");
		if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f)) {
			ut_fail(name, "cannot join cgroup %s", cg);
			_exit(1);
		}
		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
			ut_fail(name, "cannot drop to uid %u", NOBODY);
			_exit(1);
		}
		ut_failures = 0;
		fn();
		fflush(stdout);
		_exit(ut_failures ? 1 : 0);
	}
	return pid;
}

/* A child that failed a check fails the run; one that died fails @name. */
static void wait_child(const char *name, pid_t pid)
{
	int status = 0;

	if (pid < 0)
		return;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		ut_fail(name, "child died (status %#x)", status);
	else if (WEXITSTATUS(status))
		ut_failures++;
}

static void run_in_cgroup(const char *name, const char *cg, void (*fn)(void))
{
	wait_child(name, spawn_in_cgroup(name, cg, fn));
}

static int open_render_node(const char *name)
{
	int fd = open("/dev/dri/renderD128", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		ut_fail(name, "renderD128: %s", strerror(errno));
	return fd;
}

/* Under a grant without RENDER: no 3D work, and no host context for it. */
static void case_norender(void)
{
	struct drm_omega_vgpu_execbuffer eb = nop_args();
	int fd = open_render_node("virgl.arl.norender");

	if (fd < 0)
		return;
	expect("virgl.arl.norender.execbuffer",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), -EACCES);
	eb = nop_args();
	eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_OUT;
	expect("virgl.arl.norender.execbuffer_fence_out",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), -EACCES);
	eb.fence_fd < 0 ? ut_pass("virgl.arl.norender.no_fence") :
			  ut_fail("virgl.arl.norender.no_fence",
				  "a refused submission returned fd %d",
				  eb.fence_fd);
	/* The request's own fields are checked first, as for anyone. */
	eb = nop_args();
	eb.size = 0;
	expect("virgl.arl.norender.bad_request_first",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), -EINVAL);
	close(fd);
}

/*
 * Under a RENDER grant with an in-flight budget of 1: submissions pass,
 * their fences signal, and a burst is held to one in flight.
 */
static void case_render(void)
{
	struct drm_omega_vgpu_execbuffer eb = nop_args();
	struct drm_omega_vgpu_arl_query q;
	unsigned int ok = 0, again = 0, i;
	struct pollfd pfd;
	int fd = open_render_node("virgl.arl.render"), ret;

	if (fd < 0)
		return;
	eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_OUT;
	ret = arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb);
	expect("virgl.arl.render.execbuffer", ret, 0);
	if (!ret) {
		pfd.fd = eb.fence_fd;
		pfd.events = POLLIN;
		poll(&pfd, 1, 10000) == 1 ?
			ut_pass("virgl.arl.render.fence_signals") :
			ut_fail("virgl.arl.render.fence_signals",
				"not signalled within 10 s");
		close(eb.fence_fd);
	}

	for (i = 0; i < HAMMER; i++) {
		eb = nop_args();
		ret = arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb);
		if (!ret) {
			ok++;
		} else if (ret == -EAGAIN) {
			again++;
		} else {
			ut_fail("virgl.arl.render.burst", "submission %u: %s",
				i, strerror(-ret));
			break;
		}
	}
	printf("INFO: virgl.arl.render burst: %u accepted, %u -EAGAIN of %u\n",
	       ok, again, HAMMER);
	/* How many find the slot taken depends on the host's speed. */
	if (i == HAMMER)
		ok ? ut_pass("virgl.arl.render.burst") :
		     ut_fail("virgl.arl.render.burst", "nothing accepted");

	/* Drain: one more accepted submission, then its fence. */
	for (i = 0; i < 1000; i++) {
		eb = nop_args();
		eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_OUT;
		ret = arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb);
		if (ret != -EAGAIN)
			break;
		usleep(1000);
	}
	if (!ret) {
		pfd.fd = eb.fence_fd;
		pfd.events = POLLIN;
		poll(&pfd, 1, 10000);
		close(eb.fence_fd);
	}
	usleep(100 * 1000);
	if (arl_query(fd, &q)) {
		ut_fail("virgl.arl.render.peak", "query: %s", strerror(errno));
	} else {
		q.grant.rights == (OMEGA_VGPU_ARL_RIGHT_RENDER |
				   OMEGA_VGPU_ARL_RIGHT_QUERY) &&
		q.grant.max_inflight == RENDER_INFLIGHT &&
		q.grant.peak_inflight == RENDER_INFLIGHT ?
			ut_pass("virgl.arl.render.peak") :
			ut_fail("virgl.arl.render.peak",
				"rights %#x max %u peak %u (want peak == max)",
				q.grant.rights, q.grant.max_inflight,
				q.grant.peak_inflight);
		q.grant.inflight == 0 ? ut_pass("virgl.arl.render.drained") :
			ut_fail("virgl.arl.render.drained",
				"%u still in flight", q.grant.inflight);
	}
	close(fd);
}

/* After REVOKE no grant covers the cgroup: plain DRM rules again. */
static void case_revoked(void)
{
	struct drm_omega_vgpu_execbuffer eb = nop_args();
	int fd = open_render_node("virgl.arl.revoked");

	if (fd < 0)
		return;
	expect("virgl.arl.revoked.execbuffer",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), 0);
	close(fd);
}

/*
 * vgem's fences signal only when told to (or after vgem's own timeout of
 * 10 s): the foreign in-fence that keeps a submission, and the in-flight
 * slot it took, waiting.  vgem_drm.h is not in libdrm's headers.
 */
struct vgem_fence_attach {
	uint32_t handle;
	uint32_t flags;
	uint32_t out_fence;
	uint32_t pad;
};

struct vgem_fence_signal {
	uint32_t fence;
	uint32_t flags;
};

#define VGEM_FENCE_WRITE	0x1
#define VGEM_IOCTL_FENCE_ATTACH	DRM_IOWR(DRM_COMMAND_BASE + 0x01, \
					 struct vgem_fence_attach)
#define VGEM_IOCTL_FENCE_SIGNAL	DRM_IOW(DRM_COMMAND_BASE + 0x02, \
					struct vgem_fence_signal)

struct held_fence {
	bool made;		/* the fields below are valid */
	int vgem;		/* vgem's card */
	uint32_t fence;		/* vgem fence id */
	int sync_fd;		/* sync_file holding that fence */
};

static struct held_fence held = { .vgem = -1, .sync_fd = -1 };

static int open_vgem(void)
{
	char path[32];
	drmVersionPtr ver;
	int i, fd;

	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		ver = drmGetVersion(fd);
		if (ver && !strcmp(ver->name, "vgem")) {
			drmFreeVersion(ver);
			return fd;
		}
		if (ver)
			drmFreeVersion(ver);
		close(fd);
	}
	return -1;
}

/* An unsignalled foreign fence as a sync_file in held.sync_fd. */
static int held_fence_make(void)
{
	struct drm_mode_create_dumb cd = { .width = 16, .height = 16, .bpp = 32 };
	struct dma_buf_export_sync_file ex = { .flags = DMA_BUF_SYNC_RW, .fd = -1 };
	struct vgem_fence_attach fa = { .flags = VGEM_FENCE_WRITE };
	int dmabuf, ret;

	held.vgem = open_vgem();
	if (held.vgem < 0)
		return -ENODEV;
	if (ioctl(held.vgem, DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		return -errno;
	fa.handle = cd.handle;
	if (ioctl(held.vgem, VGEM_IOCTL_FENCE_ATTACH, &fa))
		return -errno;
	held.fence = fa.out_fence;
	if (drmPrimeHandleToFD(held.vgem, cd.handle, DRM_CLOEXEC | DRM_RDWR,
			       &dmabuf))
		return -errno;
	ret = ioctl(dmabuf, DMA_BUF_IOCTL_EXPORT_SYNC_FILE, &ex) ? -errno : 0;
	close(dmabuf);
	held.sync_fd = ex.fd;
	held.made = !ret;
	return ret;
}

static void held_fence_signal(void)
{
	struct vgem_fence_signal sig = { .fence = held.fence };

	if (held.vgem >= 0 && ioctl(held.vgem, VGEM_IOCTL_FENCE_SIGNAL, &sig) &&
	    errno != ETIMEDOUT)
		ut_fail("virgl.arl.budget.signal", "vgem signal: %s",
			strerror(errno));
}

/* Holds the slot: the submission waits for the vgem fence first. */
static void case_render_hold(void)
{
	struct drm_omega_vgpu_execbuffer eb = nop_args();
	int fd = open_render_node("virgl.arl.budget.holder");

	if (fd < 0)
		return;
	eb.flags = OMEGA_VGPU_EXECBUF_FENCE_FD_IN;
	eb.fence_fd = held.sync_fd;
	expect("virgl.arl.budget.holder",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), 0);
	close(fd);
}

/* With the only slot held, the budget refuses the next submission. */
static void case_render_refused(void)
{
	struct drm_omega_vgpu_execbuffer eb = nop_args();
	struct drm_omega_vgpu_arl_query q;
	int fd = open_render_node("virgl.arl.budget.over");

	if (fd < 0)
		return;
	expect("virgl.arl.budget.over",
	       arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_EXECBUFFER, &eb), -EAGAIN);
	if (arl_query(fd, &q))
		ut_fail("virgl.arl.budget.query", "%s", strerror(errno));
	else if (q.grant.inflight != RENDER_INFLIGHT ||
		 q.grant.peak_inflight != RENDER_INFLIGHT)
		ut_fail("virgl.arl.budget.query", "inflight %u peak %u, want %u",
			q.grant.inflight, q.grant.peak_inflight,
			RENDER_INFLIGHT);
	else
		ut_pass("virgl.arl.budget.query");
	close(fd);
}

/* In-flight count of the grant for @cg (LIST, as the runtime), or -1. */
static int grant_inflight(int fd, const char *cg)
{
	struct drm_omega_vgpu_arl_entry e[OMEGA_VGPU_ARL_MAX_GRANTS];
	struct drm_omega_vgpu_arl_list l = {
		.count = OMEGA_VGPU_ARL_MAX_GRANTS, .entries_ptr = (uintptr_t)e,
	};
	uint64_t id = cg_ino(cg);
	unsigned int i;

	if (arl_ioc(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &l))
		return -1;
	for (i = 0; i < l.count && i < OMEGA_VGPU_ARL_MAX_GRANTS; i++)
		if (e[i].cgroup_id == id)
			return e[i].inflight;
	return -1;
}

/*
 * A holder takes the grant's only slot and waits on the vgem fence; while
 * it waits, another submission from the container is refused with EAGAIN.
 * Signalling the fence lets the holder finish and frees the slot.
 */
static void budget_checks(int rfd)
{
	int i, n = -1, ret;
	pid_t holder;

	ret = held_fence_make();
	if (ret) {
		ut_skip("virgl.arl.budget", "no vgem fence (%s): suite.sh loads vgem",
			strerror(-ret));
		if (held.vgem >= 0)
			close(held.vgem);
		return;
	}
	holder = spawn_in_cgroup("virgl.arl.budget.holder", "arl-render",
				 case_render_hold);
	for (i = 0; i < 500 && holder > 0; i++) {
		n = grant_inflight(rfd, "arl-render");
		if (n == RENDER_INFLIGHT)
			break;
		usleep(10 * 1000);
	}
	if (n == RENDER_INFLIGHT) {
		ut_pass("virgl.arl.budget.slot_held");
		run_in_cgroup("virgl.arl.budget.over", "arl-render",
			      case_render_refused);
	} else {
		ut_fail("virgl.arl.budget.slot_held", "in flight %d, want %d",
			n, RENDER_INFLIGHT);
	}
	held_fence_signal();
	wait_child("virgl.arl.budget.holder", holder);
	for (i = 0; i < 500; i++) {
		n = grant_inflight(rfd, "arl-render");
		if (!n)
			break;
		usleep(10 * 1000);
	}
	n ? ut_fail("virgl.arl.budget.released", "in flight %d after the fence",
		    n) :
	    ut_pass("virgl.arl.budget.released");
	close(held.sync_fd);
	close(held.vgem);
}

static bool klog_has(const char *needle)
{
	int len = klogctl(10, NULL, 0);
	char *log = len > 0 ? calloc(1, len + 1) : NULL;
	bool found;

	if (!log || klogctl(3, log, len) < 0) {
		free(log);
		return false;
	}
	found = strstr(log, needle) != NULL;
	free(log);
	return found;
}

static void test_arl_render(int rfd)
{
	long long no_right, over_budget;
	drmModeResPtr res;
	uint32_t crtc;
	int card;

	if (ut_is_intree(rfd)) {
		ut_skip("virgl.arl", "ARL is omega_vgpu's own uAPI");
		return;
	}
	if (!cg_ino("arl-render") || !cg_ino("arl-norender")) {
		ut_skip("virgl.arl", "no " CG "/arl-render and arl-norender (guest.sh)");
		return;
	}
	/* A grant names a CRTC, even one that only allows 3D work. */
	card = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	res = card >= 0 ? drmModeGetResources(card) : NULL;
	if (!res || !res->count_crtcs) {
		ut_fail("virgl.arl.setup", "no CRTC: %s", strerror(errno));
		if (card >= 0)
			close(card);
		return;
	}
	crtc = res->crtcs[0];
	drmModeFreeResources(res);

	/* The runtime (root, CAP_SYS_ADMIN) grants through the render node. */
	expect("virgl.arl.grant.norender",
	       arl_grant(rfd, "arl-norender", crtc,
			 OMEGA_VGPU_ARL_RIGHT_PRESENT | OMEGA_VGPU_ARL_RIGHT_QUERY,
			 0), 0);
	expect("virgl.arl.grant.render",
	       arl_grant(rfd, "arl-render", crtc,
			 OMEGA_VGPU_ARL_RIGHT_RENDER | OMEGA_VGPU_ARL_RIGHT_QUERY,
			 RENDER_INFLIGHT), 0);
	no_right = arl_counter("denied_no_right");
	over_budget = arl_counter("denied_over_budget");

	run_in_cgroup("virgl.arl.norender", "arl-norender", case_norender);
	run_in_cgroup("virgl.arl.render", "arl-render", case_render);
	budget_checks(rfd);

	/* Denials are audited like any other ARL refusal. */
	arl_counter("denied_no_right") >= no_right + 2 ?
		ut_pass("virgl.arl.audit.no_right") :
		ut_fail("virgl.arl.audit.no_right", "counter %lld -> %lld",
			no_right, arl_counter("denied_no_right"));
	if (held.made || arl_counter("denied_over_budget") > over_budget)
		arl_counter("denied_over_budget") > over_budget ?
			ut_pass("virgl.arl.audit.over_budget") :
			ut_fail("virgl.arl.audit.over_budget", "counter %lld -> %lld",
				over_budget, arl_counter("denied_over_budget"));
	klog_has("arl: denied render: pid ") && klog_has(": no_right (-13)") ?
		ut_pass("virgl.arl.audit.dmesg") :
		ut_fail("virgl.arl.audit.dmesg",
			"no 'arl: denied render: ... no_right (-13)' in the kernel log");

	expect("virgl.arl.revoke.norender", arl_revoke(rfd, "arl-norender"), 0);
	expect("virgl.arl.revoke.render", arl_revoke(rfd, "arl-render"), 0);
	run_in_cgroup("virgl.arl.revoked", "arl-norender", case_revoked);
	close(card);
}

int main(void)
{
	int fd = open("/dev/dri/renderD128", O_RDWR | O_CLOEXEC);
	drmVersionPtr ver;
	uint32_t bo;
	int v;

	if (fd < 0) {
		ut_fail("virgl.open", "renderD128: %s", strerror(errno));
		return 1;
	}
	ver = drmGetVersion(fd);
	if (ver) {
		printf("INFO: driver %s %d.%d.%d\n", ver->name, ver->version_major,
		       ver->version_minor, ver->version_patchlevel);
		/* Mesa's virgl winsys needs major 0, minor >= 1 for fence fds. */
		ver->version_major == 0 && ver->version_minor >= 1 ?
			ut_pass("virgl.version_for_mesa") :
			ut_fail("virgl.version_for_mesa", "%d.%d", ver->version_major,
				ver->version_minor);
		drmFreeVersion(ver);
	}
	if (getparam(fd, OMEGA_VGPU_PARAM_3D_FEATURES, &v) || v != 1) {
		ut_skip("virgl.all", "no virgl on this device (3D_FEATURES %d)", v);
		return ut_exit_status();
	}
	test_context_init(fd);
	test_getparam(fd);
	test_get_caps(fd);
	test_resource_create_bad(fd);
	bo = test_resource_roundtrip(fd);
	test_transfer_dumb();
	if (bo) {
		test_execbuffer_bad(fd, bo);
		test_execbuffer_fences(fd, bo);
	}
	test_close_frees();
	test_arl_render(fd);
	close(fd);
	return ut_exit_status();
}
