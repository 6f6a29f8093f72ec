// SPDX-License-Identifier: GPL-2.0
/*
 * fillpattern: show four colour quadrants on the first connected connector
 * (dumb buffer, XRGB8888, legacy SetCrtc), then run a command while the
 * pattern is on screen and exit with that command's status.
 *
 *   fillpattern [-d /dev/dri/card0] [-- command args...]
 *
 * Quadrants: top-left red ff0000, top-right green 00ff00,
 * bottom-left blue 0000ff, bottom-right white ffffff.
 * Prints "fillpattern: WxH connector C crtc R" on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

static const uint32_t quadrant_rgb[4] = {
	0xff0000, 0x00ff00, /* top: left, right */
	0x0000ff, 0xffffff, /* bottom: left, right */
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "fillpattern: %s: %s\n", what, strerror(err));
	return 1;
}

static uint32_t pick_crtc(int fd, drmModeRes *res, drmModeConnector *conn)
{
	for (int i = 0; i < conn->count_encoders; i++) {
		drmModeEncoder *enc = drmModeGetEncoder(fd, conn->encoders[i]);

		if (!enc)
			continue;
		for (int c = 0; c < res->count_crtcs; c++) {
			if (enc->possible_crtcs & (1u << c)) {
				uint32_t id = res->crtcs[c];

				drmModeFreeEncoder(enc);
				return id;
			}
		}
		drmModeFreeEncoder(enc);
	}
	return 0;
}

static void fill(uint8_t *map, uint32_t pitch, uint32_t w, uint32_t h)
{
	for (uint32_t y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(map + (size_t)y * pitch);

		for (uint32_t x = 0; x < w; x++)
			row[x] = quadrant_rgb[(y >= h / 2) * 2 + (x >= w / 2)];
	}
}

static int run_command(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return fail("fork", errno);
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "fillpattern: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return fail("waitpid", errno);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/dri/card0";
	char **cmd = NULL;
	drmModeConnector *conn = NULL;
	drmModeRes *res;
	uint32_t handle, pitch, fb_id, crtc_id;
	uint64_t size, offset;
	uint8_t *map;
	int fd, ret;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d") && i + 1 < argc) {
			dev = argv[++i];
		} else if (!strcmp(argv[i], "--")) {
			if (i + 1 < argc)
				cmd = &argv[i + 1];
			break;
		} else {
			fprintf(stderr, "usage: fillpattern [-d DEV] [-- COMMAND...]\n");
			return 2;
		}
	}

	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail(dev, errno);
	res = drmModeGetResources(fd);
	if (!res)
		return fail("drmModeGetResources", errno);
	for (int i = 0; i < res->count_connectors && !conn; i++) {
		conn = drmModeGetConnector(fd, res->connectors[i]);
		if (conn && (conn->connection != DRM_MODE_CONNECTED || !conn->count_modes)) {
			drmModeFreeConnector(conn);
			conn = NULL;
		}
	}
	if (!conn) {
		fprintf(stderr, "fillpattern: no connected connector with modes\n");
		return 1;
	}
	crtc_id = pick_crtc(fd, res, conn);
	if (!crtc_id) {
		fprintf(stderr, "fillpattern: no CRTC for connector %u\n", conn->connector_id);
		return 1;
	}

	drmModeModeInfo mode = conn->modes[0];
	for (int i = 0; i < conn->count_modes; i++) {
		if (conn->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			mode = conn->modes[i];
			break;
		}
	}

	ret = drmModeCreateDumbBuffer(fd, mode.hdisplay, mode.vdisplay, 32, 0,
				      &handle, &pitch, &size);
	if (ret)
		return fail("CREATE_DUMB", errno);
	ret = drmModeMapDumbBuffer(fd, handle, &offset);
	if (ret)
		return fail("MAP_DUMB", errno);
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
	if (map == MAP_FAILED)
		return fail("mmap", errno);
	fill(map, pitch, mode.hdisplay, mode.vdisplay);

	ret = drmModeAddFB(fd, mode.hdisplay, mode.vdisplay, 24, 32, pitch, handle, &fb_id);
	if (ret)
		return fail("ADDFB", errno);
	ret = drmModeSetCrtc(fd, crtc_id, fb_id, 0, 0, &conn->connector_id, 1, &mode);
	if (ret)
		return fail("SETCRTC", errno);
	/* Some drivers upload only on damage: say the whole frame changed. */
	drmModeClip clip = { 0, 0, mode.hdisplay, mode.vdisplay };
	ret = drmModeDirtyFB(fd, fb_id, &clip, 1);
	if (ret && errno != ENOSYS && errno != EOPNOTSUPP)
		return fail("DIRTYFB", errno);

	printf("fillpattern: %ux%u connector %u crtc %u\n", mode.hdisplay,
	       mode.vdisplay, conn->connector_id, crtc_id);
	fflush(stdout);

	ret = cmd ? run_command(cmd) : 0;

	drmModeRmFB(fd, fb_id);
	munmap(map, size);
	drmModeDestroyDumbBuffer(fd, handle);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	close(fd);
	return ret;
}
