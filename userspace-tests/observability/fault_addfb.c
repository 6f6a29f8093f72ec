// SPDX-License-Identifier: GPL-2.0
/*
 * Creates a 64x64 dumb buffer and a framebuffer on it, and prints the errno
 * ADDFB2 returned ("ADDFB: 0" or "ADDFB: <errno>").  The framebuffer is the
 * first use of the buffer, so this is where the driver creates its host
 * resource: with the debugfs fault knob armed for RESOURCE_CREATE_2D the
 * device's error must come back here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <drm_fourcc.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

int main(void)
{
	struct drm_mode_create_dumb dumb = { .width = 64, .height = 64, .bpp = 32 };
	uint32_t handles[4] = { 0 }, pitches[4] = { 0 }, offsets[4] = { 0 };
	uint32_t fb = 0;
	int fd, ret;

	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open /dev/dri/card0");
		return 1;
	}
	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &dumb)) {
		printf("CREATE_DUMB: %d\n", errno);
		return 1;
	}
	handles[0] = dumb.handle;
	pitches[0] = dumb.pitch;
	ret = drmModeAddFB2(fd, 64, 64, DRM_FORMAT_XRGB8888, handles, pitches,
			    offsets, &fb, 0);
	printf("ADDFB: %d\n", ret ? errno : 0);
	if (!ret)
		drmModeRmFB(fd, fb);
	close(fd);
	return 0;
}
