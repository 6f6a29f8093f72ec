// SPDX-License-Identifier: GPL-2.0
/*
 * dumb_errnos - exact errnos for bad dumb-buffer and framebuffer requests,
 * and a valid dumb buffer that maps and reads back what was written.
 *
 * Where Linux's in-tree virtio_gpu is known to answer differently from what
 * omega_vgpu must answer, the table records the in-tree answer: seeing that
 * answer on the in-tree driver prints SKIP (documented deviation), never
 * PASS.  Any other answer is a FAIL on either driver.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "ut.h"

#define NO_DEVIATION INT_MIN

static bool intree;

static const char *errname(int err)
{
	static char buf[32];

	switch (err) {
	case 0: return "success";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case ENOSYS: return "ENOSYS";
	case EFAULT: return "EFAULT";
	case EPERM: return "EPERM";
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/*
 * Judge one answer: @got is 0 or an errno; @want is the errno required,
 * @alt a second acceptable errno (0 for none), @intree_got the in-tree
 * driver's documented deviating answer (NO_DEVIATION for none).
 */
static void judge(const char *name, int got, int want, int alt,
		  int intree_got)
{
	if (got == want || (alt && got == alt)) {
		ut_pass(name);
		return;
	}
	if (intree && got == intree_got) {
		ut_skip(name, "in-tree virtio_gpu gives %s, omega must give %s (documented deviation)",
			errname(got), errname(want));
		return;
	}
	if (alt)
		ut_fail(name, "got %s, expected %s or %s", errname(got),
			errname(want), errname(alt));
	else
		ut_fail(name, "got %s, expected %s", errname(got),
			errname(want));
}

struct create_case {
	const char *name;
	uint32_t width, height, bpp, flags;
	int want, alt;
	int intree_got;
};

static const struct create_case create_cases[] = {
	{ "dumb.width0",         0, 64, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.height0",        64, 0, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp0",           64, 64, 0, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp7",           64, 64, 7, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp8",           64, 64, 8, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp12",          64, 64, 12, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp16",          64, 64, 16, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp24",          64, 64, 24, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp64",          64, 64, 64, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.bpp_max",        64, 64, 0xffffffff, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.huge_1M_x_1M",   1u << 20, 1u << 20, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.width_u32max",   0xffffffff, 1, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.height_u32max",  1, 0xffffffff, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.both_u32max",    0xffffffff, 0xffffffff, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.pitch_overflow", 0x40000000, 1, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.size_overflow",  0x10000, 0x10000, 32, 0, EINVAL, 0, NO_DEVIATION },
	{ "dumb.width_over_8192", 8193, 1, 32, 0, EINVAL, 0, 0 },
	{ "dumb.height_over_8192", 1, 8193, 32, 0, EINVAL, 0, 0 },
	{ "dumb.flags1",         64, 64, 32, 1, EINVAL, 0, 0 },
	{ "dumb.flags_high",     64, 64, 32, 0x80000000, EINVAL, 0, 0 },
};

static void run_create_case(int fd, const struct create_case *c)
{
	struct drm_mode_create_dumb req = {
		.width = c->width, .height = c->height,
		.bpp = c->bpp, .flags = c->flags,
	};
	int got = 0;

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &req))
		got = errno;
	judge(c->name, got, c->want, c->alt, c->intree_got);
	if (!got) {
		struct drm_mode_destroy_dumb d = { .handle = req.handle };

		printf("NOTE: %s was accepted: handle %u pitch %u size %llu\n",
		       c->name, req.handle, req.pitch,
		       (unsigned long long)req.size);
		drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	}
}

/* A valid 64x64x32 buffer: sane pitch/size; bytes survive a remap. */
static void check_valid(int fd, struct ut_dumb *db)
{
	struct drm_mode_map_dumb mreq = { 0 };
	uint32_t *map;
	uint32_t i, words, bad = 0;
	int ret;

	ret = ut_dumb_create(fd, 64, 64, db);
	if (ret) {
		ut_fail("dumb.valid_64x64x32", "create/map: %s", strerror(-ret));
		return;
	}
	ut_pass("dumb.valid_64x64x32");
	if (db->pitch >= 256 && db->size >= (uint64_t)db->pitch * 64)
		ut_pass("dumb.valid_pitch_size");
	else
		ut_fail("dumb.valid_pitch_size", "pitch %u size %llu",
			db->pitch, (unsigned long long)db->size);

	words = db->size / 4;
	for (i = 0; i < words; i++)
		db->map[i] = 0x9e3779b9u * (i + 1);
	munmap(db->map, db->size);
	db->map = NULL;

	mreq.handle = db->handle;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &mreq)) {
		ut_fail("dumb.mmap_readback", "MAP_DUMB: %s", strerror(errno));
		return;
	}
	map = mmap(NULL, db->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   mreq.offset);
	if (map == MAP_FAILED) {
		ut_fail("dumb.mmap_readback", "mmap: %s", strerror(errno));
		return;
	}
	db->map = map;
	for (i = 0; i < words; i++)
		if (map[i] != 0x9e3779b9u * (i + 1))
			bad++;
	if (bad)
		ut_fail("dumb.mmap_readback", "%u of %u words differ after remap",
			bad, words);
	else
		ut_pass("dumb.mmap_readback");
}

static void check_bogus_handles(int fd)
{
	struct drm_mode_destroy_dumb d = { .handle = 0x7ead0001 };
	struct drm_mode_map_dumb m = { .handle = 0x7ead0001 };
	int got = 0;

	if (drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d))
		got = errno;
	judge("dumb.destroy_bogus_handle", got, EINVAL, ENOENT, NO_DEVIATION);

	got = 0;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &m))
		got = errno;
	judge("dumb.map_bogus_handle", got, ENOENT, 0, NO_DEVIATION);
}

static int try_addfb2(int fd, uint32_t w, uint32_t h, uint32_t fourcc,
		      uint32_t handle, uint32_t pitch, uint32_t offset,
		      uint32_t flags)
{
	uint32_t handles[4] = { handle }, pitches[4] = { pitch };
	uint32_t offsets[4] = { offset };
	uint32_t fb = 0;

	if (drmModeAddFB2(fd, w, h, fourcc, handles, pitches, offsets, &fb,
			  flags))
		return errno;
	drmModeRmFB(fd, fb);
	return 0;
}

/* Framebuffer validation against a 64x64x32 dumb buffer. */
static void check_fb(int fd, const struct ut_dumb *db)
{
	uint32_t h = db->handle, p = db->pitch;
	uint32_t rows = db->size / p;

	judge("fb.valid", try_addfb2(fd, 64, 64, DRM_FORMAT_XRGB8888, h, p, 0, 0),
	      0, 0, NO_DEVIATION);
	/* the bottom half of the buffer as its own framebuffer */
	judge("fb.offset_valid",
	      try_addfb2(fd, 64, 32, DRM_FORMAT_XRGB8888, h, p, p * 32, 0),
	      0, 0, NO_DEVIATION);
	judge("fb.pitch_too_small",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_XRGB8888, h, 255, 0, 0),
	      EINVAL, 0, NO_DEVIATION);
	judge("fb.width0",
	      try_addfb2(fd, 0, 64, DRM_FORMAT_XRGB8888, h, p, 0, 0),
	      EINVAL, 0, NO_DEVIATION);
	judge("fb.bad_flags",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_XRGB8888, h, p, 0, 0x80),
	      EINVAL, 0, NO_DEVIATION);
	/* offset pushes the last row past the end of the buffer */
	judge("fb.offset_past_end",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_XRGB8888, h, p,
			 db->size - (uint64_t)p * 63, 0),
	      EINVAL, 0, 0);
	/* pitch fine, but the buffer holds only @rows rows */
	judge("fb.taller_than_buffer",
	      try_addfb2(fd, 64, rows + 1, DRM_FORMAT_XRGB8888, h, p, 0, 0),
	      EINVAL, 0, 0);
	judge("fb.larger_than_buffer",
	      try_addfb2(fd, 1024, 1024, DRM_FORMAT_XRGB8888, h, 4096, 0, 0),
	      EINVAL, 0, 0);
	judge("fb.bogus_handle",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_XRGB8888, 0x7ead0001, p, 0, 0),
	      ENOENT, 0, EINVAL);
	judge("fb.unsupported_rgb565",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_RGB565, h, p, 0, 0),
	      EINVAL, 0, ENOENT);
	judge("fb.unsupported_nv12",
	      try_addfb2(fd, 64, 64, DRM_FORMAT_NV12, h, p, 0, 0),
	      EINVAL, 0, NO_DEVIATION);
}

#define CLIENT_MEM_PARAM "/sys/module/omega_vgpu/parameters/client_mem_mb"

static int write_param(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fputs(value, f) < 0 ? -EIO : 0;
	if (fclose(f))
		ret = -errno;
	return ret;
}

static int create_errno(int fd, uint32_t w, uint32_t h)
{
	struct drm_mode_create_dumb req = { .width = w, .height = h, .bpp = 32 };
	struct drm_mode_destroy_dumb d;

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &req))
		return errno;
	d.handle = req.handle;
	drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	return 0;
}

/*
 * A plausible buffer that is too big for the client: omega_vgpu charges
 * buffer memory per open file (client_mem_mb).  With the limit at 8 MiB a
 * 16 MiB buffer must fail with ENOSPC (ENOMEM accepted), an 8 MiB one must
 * succeed twice in a row (a destroyed buffer's charge is returned), and
 * the failure must not leave a charge behind.
 */
static void check_client_limit(int fd)
{
	char saved[32] = "";
	FILE *f = fopen(CLIENT_MEM_PARAM, "r");

	if (!f || !fgets(saved, sizeof(saved), f)) {
		if (f)
			fclose(f);
		ut_skip("dumb.client_limit_too_big", "no %s (driver without a client memory limit)",
			CLIENT_MEM_PARAM);
		ut_skip("dumb.client_limit_charge_returned", "no client memory limit");
		return;
	}
	fclose(f);
	if (write_param(CLIENT_MEM_PARAM, "8")) {
		ut_fail("dumb.client_limit_too_big", "cannot set %s: %s",
			CLIENT_MEM_PARAM, strerror(errno));
		return;
	}
	judge("dumb.client_limit_too_big", create_errno(fd, 2048, 2048),
	      ENOSPC, ENOMEM, NO_DEVIATION);
	judge("dumb.client_limit_exact_fit", create_errno(fd, 2048, 1024),
	      0, 0, NO_DEVIATION);
	judge("dumb.client_limit_charge_returned",
	      create_errno(fd, 2048, 1024), 0, 0, NO_DEVIATION);
	write_param(CLIENT_MEM_PARAM, saved);
}

int main(void)
{
	struct ut_dumb db;
	unsigned int i;
	int fd;

	fd = ut_open_card();
	if (fd < 0) {
		ut_fail("dumb.open", "cannot open the card");
		return 1;
	}
	intree = ut_is_intree(fd);
	for (i = 0; i < UT_ARRAY_SIZE(create_cases); i++)
		run_create_case(fd, &create_cases[i]);
	check_bogus_handles(fd);
	check_client_limit(fd);
	check_valid(fd, &db);
	if (db.handle) {
		check_fb(fd, &db);
		ut_dumb_destroy(fd, &db);
	}
	close(fd);
	return ut_exit_status();
}
