// SPDX-License-Identifier: GPL-2.0
/*
 * omega_demo_cursor - move an ARGB arrow cursor over whatever a CRTC shows,
 * through the legacy cursor ioctls (drmModeSetCursor2 with a hotspot,
 * drmModeMoveCursor).  Part of `make demo` (scripts/demo.sh).
 *
 *   omega_demo_cursor [-D DEVICE] [-c CRTC_INDEX] [-n SHOTS] [-s PREFIX]
 *
 * It becomes DRM master (run it after `modetest -d`, which drops master
 * once its pattern is up), defines the cursor on the CRTC, then moves it
 * along a diagonal across the screen.  It stops SHOTS times; at each stop
 * it prints
 *   CURSOR: shot=N name=PREFIX-N plane=X,Y hot=HX,HY pointer=PX,PY size=WxH
 * (plane = the MoveCursor arguments, the top-left corner of the cursor
 * image; pointer = plane + hotspot, what the device is told) and, with -s,
 * runs `omega-screendump PREFIX-N` so the host saves the screen.  QEMU's
 * screendump does not draw the cursor; scripts/demo.sh composites the image
 * QEMU's VNC server sends at the printed position.
 *
 * The arrow: black outline, orange (0xffff8000) fill, transparent around;
 * neither colour is in modetest's SMPTE pattern, so the host can find it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#define CURSOR_SIZE	64
#define ARROW_SCALE	3
#define ARROW_OFFSET	2
#define HOT_X		(ARROW_OFFSET + 1)
#define HOT_Y		(ARROW_OFFSET + 1)
#define ARGB_OUTLINE	0xff000000u
#define ARGB_FILL	0xffff8000u

/* The classic pointer; 'X' outline, '.' fill, ' ' transparent. */
static const char *const arrow[] = {
	"X           ",
	"XX          ",
	"X.X         ",
	"X..X        ",
	"X...X       ",
	"X....X      ",
	"X.....X     ",
	"X......X    ",
	"X.......X   ",
	"X........X  ",
	"X.........X ",
	"X......XXXXX",
	"X...X..X    ",
	"X..XX..X    ",
	"X.X  X..X   ",
	"XX   X..X   ",
	"X     X..X  ",
	"      X..X  ",
	"       XX   ",
};

struct cursor_buf {
	uint32_t handle;
	uint32_t pitch;
	uint64_t size;
	uint32_t *pixels;
};

static int die(const char *what)
{
	fprintf(stderr, "omega_demo_cursor: %s: %s\n", what, strerror(errno));
	return 1;
}

static void draw_arrow(struct cursor_buf *buf)
{
	unsigned int rows = sizeof(arrow) / sizeof(arrow[0]);
	unsigned int x, y, stride = buf->pitch / 4;

	memset(buf->pixels, 0, buf->size);
	for (y = 0; y < rows * ARROW_SCALE; y++) {
		const char *line = arrow[y / ARROW_SCALE];

		for (x = 0; x < strlen(line) * ARROW_SCALE; x++) {
			char c = line[x / ARROW_SCALE];
			uint32_t *px = &buf->pixels[(y + ARROW_OFFSET) * stride +
						    x + ARROW_OFFSET];

			if (c == 'X')
				*px = ARGB_OUTLINE;
			else if (c == '.')
				*px = ARGB_FILL;
		}
	}
}

static int create_cursor(int fd, struct cursor_buf *buf)
{
	struct drm_mode_create_dumb create = {
		.width = CURSOR_SIZE, .height = CURSOR_SIZE, .bpp = 32,
	};
	struct drm_mode_map_dumb map = { 0 };
	void *ptr;

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create))
		return die("CREATE_DUMB");
	map.handle = create.handle;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map))
		return die("MAP_DUMB");
	ptr = mmap(NULL, create.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   map.offset);
	if (ptr == MAP_FAILED)
		return die("mmap");
	buf->handle = create.handle;
	buf->pitch = create.pitch;
	buf->size = create.size;
	buf->pixels = ptr;
	draw_arrow(buf);
	return 0;
}

/* The CRTC at index idx, which must be showing something. */
static int find_crtc(int fd, int idx, uint32_t *crtc_id, uint32_t *w,
		     uint32_t *h)
{
	drmModeRes *res = drmModeGetResources(fd);
	drmModeCrtc *crtc;

	if (!res)
		return die("drmModeGetResources");
	if (idx < 0 || idx >= res->count_crtcs) {
		fprintf(stderr, "omega_demo_cursor: no CRTC index %d (%d CRTCs)\n",
			idx, res->count_crtcs);
		drmModeFreeResources(res);
		return 1;
	}
	crtc = drmModeGetCrtc(fd, res->crtcs[idx]);
	drmModeFreeResources(res);
	if (!crtc)
		return die("drmModeGetCrtc");
	if (!crtc->mode_valid || !crtc->buffer_id) {
		fprintf(stderr, "omega_demo_cursor: CRTC %u is not showing a framebuffer\n",
			crtc->crtc_id);
		drmModeFreeCrtc(crtc);
		return 1;
	}
	*crtc_id = crtc->crtc_id;
	*w = crtc->mode.hdisplay;
	*h = crtc->mode.vdisplay;
	drmModeFreeCrtc(crtc);
	return 0;
}

/* Position i of n along the diagonal, as the plane's top-left corner. */
static void path_point(uint32_t w, uint32_t h, int i, int n, int *x, int *y)
{
	int x0 = w / 10, y0 = h / 10;
	int x1 = w - w / 10 - CURSOR_SIZE, y1 = h - h / 10 - CURSOR_SIZE;

	*x = x0 + (x1 - x0) * i / n;
	*y = y0 + (y1 - y0) * i / n;
}

static int screendump(const char *prefix, int shot)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "omega-screendump %s-%d > /dev/null", prefix,
		 shot);
	return system(cmd) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *device = "/dev/dri/card0", *prefix = NULL;
	int idx = 0, shots = 3, steps_per_shot = 8, opt, fd, i, x, y, failed = 0;
	uint32_t crtc_id = 0, w = 0, h = 0;
	struct cursor_buf buf = { 0 };

	while ((opt = getopt(argc, argv, "D:c:n:s:")) != -1) {
		switch (opt) {
		case 'D':
			device = optarg;
			break;
		case 'c':
			idx = atoi(optarg);
			break;
		case 'n':
			shots = atoi(optarg);
			break;
		case 's':
			prefix = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-D DEVICE] [-c CRTC_INDEX] [-n SHOTS] [-s PREFIX]\n",
				argv[0]);
			return 2;
		}
	}
	if (shots < 1)
		shots = 1;

	fd = open(device, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return die(device);
	/* The first opener is master already when nobody else is. */
	if (drmSetMaster(fd) && errno != EINVAL)
		fprintf(stderr, "omega_demo_cursor: drmSetMaster: %s (continuing)\n",
			strerror(errno));
	if (find_crtc(fd, idx, &crtc_id, &w, &h))
		return 1;
	if (create_cursor(fd, &buf))
		return 1;

	path_point(w, h, 0, shots * steps_per_shot, &x, &y);
	if (drmModeMoveCursor(fd, crtc_id, x, y))
		return die("drmModeMoveCursor");
	if (drmModeSetCursor2(fd, crtc_id, buf.handle, CURSOR_SIZE, CURSOR_SIZE,
			      HOT_X, HOT_Y))
		return die("drmModeSetCursor2");

	/* Glide between the stops so the cursor visibly moves. */
	for (i = 0; i <= (shots - 1) * steps_per_shot; i++) {
		path_point(w, h, i, (shots - 1) * steps_per_shot ? : 1, &x, &y);
		if (drmModeMoveCursor(fd, crtc_id, x, y))
			return die("drmModeMoveCursor");
		usleep(40 * 1000);
		if (i % steps_per_shot)
			continue;
		/* Let the device take the position before the host looks. */
		usleep(300 * 1000);
		printf("CURSOR: shot=%d name=%s-%d plane=%d,%d hot=%d,%d pointer=%d,%d size=%dx%d\n",
		       i / steps_per_shot, prefix ? prefix : "-", i / steps_per_shot,
		       x, y, HOT_X, HOT_Y, x + HOT_X, y + HOT_Y, CURSOR_SIZE,
		       CURSOR_SIZE);
		fflush(stdout);
		if (prefix)
			failed |= screendump(prefix, i / steps_per_shot);
	}
	if (drmModeSetCursor(fd, crtc_id, 0, 0, 0))
		return die("hiding the cursor");
	munmap(buf.pixels, buf.size);
	close(fd);
	return failed;
}
