// SPDX-License-Identifier: GPL-2.0
/*
 * virgl_readback OUT.ppm: write the frame the first active CRTC scans out,
 * read back from the host with TRANSFER_FROM_HOST, at a quarter of its
 * width and height (it travels to the host over the serial console).
 *
 * QEMU 7.2 cannot screendump a GL (virgl) scanout ("no surface"), so the
 * cube is checked this way: the framebuffer's buffer is opened in this
 * file (GETFB2, which needs root), which attaches its host resource to our
 * context; the host copies its pixels into the buffer's guest pages.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

#include "drm/omega_vgpu_drm.h"

static int die(const char *what)
{
	fprintf(stderr, "virgl_readback: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct drm_omega_vgpu_3d_transfer t = { 0 };
	struct drm_omega_vgpu_3d_wait w = { 0 };
	struct drm_omega_vgpu_map map = { 0 };
	drmModeCrtcPtr crtc = NULL;
	drmModeFB2Ptr fb = NULL;
	drmModeResPtr res;
	uint32_t x, y, *px;
	size_t size;
	FILE *out;
	int fd, i;

	if (argc != 2) {
		fprintf(stderr, "usage: virgl_readback OUT.ppm\n");
		return 2;
	}
	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return die("card0");
	res = drmModeGetResources(fd);
	for (i = 0; res && i < res->count_crtcs && !fb; i++) {
		crtc = drmModeGetCrtc(fd, res->crtcs[i]);
		if (crtc && crtc->buffer_id)
			fb = drmModeGetFB2(fd, crtc->buffer_id);
	}
	if (!fb || !fb->handles[0])
		return die("no scanned-out framebuffer (root needed)");

	t.bo_handle = fb->handles[0];
	t.box.w = fb->width;
	t.box.h = fb->height;
	t.box.d = 1;
	if (drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_TRANSFER_FROM_HOST, &t))
		return die("TRANSFER_FROM_HOST");
	w.handle = fb->handles[0];
	if (drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_WAIT, &w))
		return die("WAIT");
	map.handle = fb->handles[0];
	if (drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_MAP, &map))
		return die("MAP");
	size = (size_t)fb->pitches[0] * fb->height;
	px = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, map.offset);
	if (px == MAP_FAILED)
		return die("mmap");

	out = fopen(argv[1], "wb");
	if (!out)
		return die(argv[1]);
	fprintf(out, "P6\n%u %u\n255\n", fb->width / 4, fb->height / 4);
	for (y = 0; y + 4 <= fb->height; y += 4) {
		const uint32_t *row = (const uint32_t *)((const char *)px +
							 (size_t)y * fb->pitches[0]);

		for (x = 0; x + 4 <= fb->width; x += 4) {
			unsigned char rgb[3] = { row[x] >> 16, row[x] >> 8, row[x] };

			fwrite(rgb, 1, 3, out);
		}
	}
	fclose(out);
	printf("virgl_readback: %ux%u fb %u -> %s\n", fb->width, fb->height,
	       crtc->buffer_id, argv[1]);
	return 0;
}
