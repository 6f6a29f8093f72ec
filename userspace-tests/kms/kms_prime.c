// SPDX-License-Identifier: GPL-2.0
/*
 * kms_prime - PRIME import and export.
 *
 *   1. a vgem dumb buffer, filled through its mmap, exported as a dma-buf,
 *      imported into omega_vgpu, wrapped in a framebuffer and scanned out:
 *      screendump prime-vgem shows its colour; refilled and DIRTYFB'd,
 *      prime-vgem-dirty shows the new colour;
 *   2. an omega_vgpu dumb buffer exported: re-importing it on the same file
 *      gives the same handle, on another file a handle whose framebuffer
 *      scans out the same pixels (prime-self), and the dma-buf's own mmap
 *      reads them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

static int open_vgem(void)
{
	char path[32];
	int i, fd;

	for (i = 0; i < 8; i++) {
		drmVersionPtr v;

		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		v = drmGetVersion(fd);
		if (v && !strcmp(v->name, "vgem")) {
			drmFreeVersion(v);
			return fd;
		}
		drmFreeVersion(v);
		close(fd);
	}
	return -1;
}

static int add_fb(int fd, uint32_t handle, uint32_t w, uint32_t h,
		  uint32_t pitch, uint32_t *fb)
{
	uint32_t handles[4] = { handle }, pitches[4] = { pitch }, offsets[4] = { 0 };

	return drmModeAddFB2(fd, w, h, DRM_FORMAT_XRGB8888, handles, pitches,
			     offsets, fb, 0) ? -errno : 0;
}

static void expect_whole(const char *dump, uint32_t w, uint32_t h, uint32_t c)
{
	printf("EXPECT-RECT: dump=%s rect=0,0,%u,%u colour=%06x\n", dump, w, h,
	       c & 0xffffff);
	fflush(stdout);
}

static void vgem_import(int fd, const struct ut_output *out)
{
	struct ut_dumb vb;
	uint32_t handle = 0, fb = 0, w = out->mode.hdisplay, h = out->mode.vdisplay;
	int vfd, dmafd = -1;

	vfd = open_vgem();
	if (vfd < 0) {
		ut_fail("prime.vgem_open", "no vgem card in /dev/dri");
		return;
	}
	ut_pass("prime.vgem_open");
	if (ut_dumb_create(vfd, w, h, &vb)) {
		ut_fail("prime.vgem_import", "vgem dumb: %s", strerror(errno));
		goto out;
	}
	ut_dumb_fill(&vb, 0x00c06020);
	if (drmPrimeHandleToFD(vfd, vb.handle, DRM_CLOEXEC | DRM_RDWR, &dmafd)) {
		ut_fail("prime.vgem_import", "vgem export: %s", strerror(errno));
		goto out;
	}
	if (drmPrimeFDToHandle(fd, dmafd, &handle)) {
		ut_fail("prime.vgem_import", "import into omega_vgpu: %s",
			strerror(errno));
		goto out;
	}
	ut_pass("prime.vgem_import");
	if (add_fb(fd, handle, w, h, vb.pitch, &fb)) {
		ut_fail("prime.vgem_addfb", "AddFB2: %s", strerror(errno));
		goto out;
	}
	ut_pass("prime.vgem_addfb");
	{
		struct ut_dumb view = { .fb_id = fb };

		if (kms_legacy_modeset(fd, out, &out->mode, &view)) {
			ut_fail("prime.vgem_scanout", "SetCrtc: %s", strerror(errno));
			goto out;
		}
	}
	ut_pass("prime.vgem_scanout");
	usleep(200 * 1000);
	expect_whole("prime-vgem", w, h, 0xc06020);
	if (kms_screendump("prime-vgem", -1))
		ut_fail("prime.vgem_screendump", "screendump failed");

	/* The import shares the pages: new pixels + DIRTYFB reach the host. */
	ut_dumb_fill(&vb, 0x002080c0);
	if (drmModeDirtyFB(fd, fb, NULL, 0)) {
		ut_fail("prime.vgem_dirtyfb", "DIRTYFB: %s", strerror(errno));
	} else {
		ut_pass("prime.vgem_dirtyfb");
		usleep(200 * 1000);
		expect_whole("prime-vgem-dirty", w, h, 0x2080c0);
		if (kms_screendump("prime-vgem-dirty", -1))
			ut_fail("prime.vgem_screendump", "screendump failed");
	}
out:
	if (fb) {
		drmModeSetCrtc(fd, out->crtc_id, 0, 0, 0, NULL, 0, NULL);
		drmModeRmFB(fd, fb);
	}
	if (handle)
		drmCloseBufferHandle(fd, handle);
	if (dmafd >= 0)
		close(dmafd);
	ut_dumb_destroy(vfd, &vb);
	close(vfd);
}

static void self_export(int fd, const struct ut_output *out)
{
	uint32_t w = out->mode.hdisplay, h = out->mode.vdisplay, same = 0, h2 = 0;
	uint32_t fb2 = 0;
	struct ut_dumb db;
	int dmafd = -1, fd2 = -1;
	uint32_t *map;

	if (ut_dumb_create(fd, w, h, &db)) {
		ut_fail("prime.self_export", "dumb: %s", strerror(errno));
		return;
	}
	ut_dumb_fill(&db, 0x0060c030);
	if (drmPrimeHandleToFD(fd, db.handle, DRM_CLOEXEC | DRM_RDWR, &dmafd)) {
		ut_fail("prime.self_export", "export: %s", strerror(errno));
		goto out;
	}
	ut_pass("prime.self_export");
	if (drmPrimeFDToHandle(fd, dmafd, &same) || same != db.handle)
		ut_fail("prime.self_import_same_file", "got handle %u (%s), want %u",
			same, strerror(errno), db.handle);
	else
		ut_pass("prime.self_import_same_file");

	map = mmap(NULL, db.size, PROT_READ, MAP_SHARED, dmafd, 0);
	if (map == MAP_FAILED)
		ut_fail("prime.self_dmabuf_mmap", "mmap dma-buf: %s", strerror(errno));
	else if ((map[0] & 0xffffff) != 0x60c030 ||
		 (map[db.size / 4 - 1] & 0xffffff) != 0x60c030)
		ut_fail("prime.self_dmabuf_mmap", "read %08x / %08x, want 0060c030",
			map[0], map[db.size / 4 - 1]);
	else
		ut_pass("prime.self_dmabuf_mmap");
	if (map != MAP_FAILED)
		munmap(map, db.size);

	fd2 = ut_open_card();
	if (fd2 < 0 || drmPrimeFDToHandle(fd2, dmafd, &h2)) {
		ut_fail("prime.self_import_other_file", "import: %s", strerror(errno));
		goto out;
	}
	if (add_fb(fd2, h2, w, h, db.pitch, &fb2)) {
		ut_fail("prime.self_import_other_file", "AddFB2: %s", strerror(errno));
		goto out;
	}
	ut_pass("prime.self_import_other_file");
	{
		struct ut_dumb view = { .fb_id = fb2 };

		/* The master (fd) scans out the framebuffer fd2 made. */
		if (kms_legacy_modeset(fd, out, &out->mode, &view)) {
			ut_fail("prime.self_scanout", "SetCrtc: %s", strerror(errno));
			goto out;
		}
	}
	ut_pass("prime.self_scanout");
	usleep(200 * 1000);
	expect_whole("prime-self", w, h, 0x60c030);
	if (kms_screendump("prime-self", -1))
		ut_fail("prime.self_screendump", "screendump failed");
	drmModeSetCrtc(fd, out->crtc_id, 0, 0, 0, NULL, 0, NULL);
out:
	if (fb2)
		drmModeRmFB(fd2, fb2);
	if (fd2 >= 0)
		close(fd2);
	if (dmafd >= 0)
		close(dmafd);
	ut_dumb_destroy(fd, &db);
}

int main(void)
{
	struct ut_output out;
	int fd;

	fd = ut_open_card();
	if (fd < 0)
		return 1;
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	if (ut_find_output(fd, &out)) {
		ut_fail("prime.setup", "no connected output");
		return 1;
	}
	vgem_import(fd, &out);
	self_export(fd, &out);
	close(fd);
	return ut_exit_status();
}
