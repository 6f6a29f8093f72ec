// SPDX-License-Identifier: GPL-2.0
/*
 * pattern - draw colour bars into a dumb buffer, scan it out, and ask the
 * host for a screendump that check_ppm.py verifies pixel-exactly.
 *
 *   pattern [-n NAME] [-m WxH] [-c RRGGBB,RRGGBB,...] [-o v|h]
 *           [-f XRGB8888|ARGB8888] [-L] [-H SECONDS] [-D]
 *
 * Bar i covers the pixels whose x (or y, for -o h) satisfies
 * coord * ncolours / size == i; check_ppm.py uses the same rule.
 *   -n  screendump name (default "pattern")
 *   -m  mode size (default: the connector's preferred mode)
 *   -c  bar colours (default: eight colours with distinct channel bytes)
 *   -o  v: vertical bars (default), h: horizontal bars
 *   -f  framebuffer format
 *   -L  legacy drmModeSetCrtc instead of an atomic commit
 *   -H  seconds to keep the picture up after the dump (default 0)
 *   -D  no screendump (just display and hold)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "ut.h"

#define MAX_COLOURS 64

static const char *default_colours =
	"ff0000,00ff00,0000ff,ffffff,000000,123456,fedcba,80c040";

struct pattern_opts {
	const char *name;
	unsigned int w, h;
	uint32_t colours[MAX_COLOURS];
	unsigned int ncolours;
	bool horizontal;
	bool legacy;
	bool dump;
	uint32_t fourcc;
	unsigned int hold;
};

static int parse_colours(const char *s, struct pattern_opts *o)
{
	char *copy = strdup(s), *tok, *save = NULL, *end;

	o->ncolours = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		unsigned long v = strtoul(tok, &end, 16);

		if (*end || end == tok || v > 0xffffff ||
		    o->ncolours == MAX_COLOURS) {
			free(copy);
			return -EINVAL;
		}
		o->colours[o->ncolours++] = v;
	}
	free(copy);
	return o->ncolours ? 0 : -EINVAL;
}

static int parse_args(int argc, char **argv, struct pattern_opts *o)
{
	int opt;

	memset(o, 0, sizeof(*o));
	o->name = "pattern";
	o->dump = true;
	o->fourcc = DRM_FORMAT_XRGB8888;
	parse_colours(default_colours, o);
	while ((opt = getopt(argc, argv, "n:m:c:o:f:LH:D")) != -1) {
		switch (opt) {
		case 'n':
			o->name = optarg;
			break;
		case 'm':
			if (sscanf(optarg, "%ux%u", &o->w, &o->h) != 2)
				return -EINVAL;
			break;
		case 'c':
			if (parse_colours(optarg, o))
				return -EINVAL;
			break;
		case 'o':
			o->horizontal = optarg[0] == 'h';
			break;
		case 'f':
			if (!strcmp(optarg, "XRGB8888"))
				o->fourcc = DRM_FORMAT_XRGB8888;
			else if (!strcmp(optarg, "ARGB8888"))
				o->fourcc = DRM_FORMAT_ARGB8888;
			else
				return -EINVAL;
			break;
		case 'L':
			o->legacy = true;
			break;
		case 'H':
			o->hold = atoi(optarg);
			break;
		case 'D':
			o->dump = false;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

static void draw_bars(struct ut_dumb *db, const struct pattern_opts *o)
{
	uint32_t alpha = o->fourcc == DRM_FORMAT_ARGB8888 ? 0xff000000 : 0;
	uint64_t n = o->ncolours;
	uint32_t x, y;

	for (y = 0; y < db->height; y++) {
		uint32_t *row = (uint32_t *)((char *)db->map + y * db->pitch);

		for (x = 0; x < db->width; x++) {
			uint64_t i = o->horizontal ? y * n / db->height :
						     x * n / db->width;

			row[x] = alpha | o->colours[i];
		}
	}
}

static int show(int fd, const struct ut_output *out,
		const drmModeModeInfo *mode, struct ut_dumb *db, bool legacy)
{
	drmModeModeInfo m = *mode;

	if (legacy) {
		if (drmModeSetCrtc(fd, out->crtc_id, db->fb_id, 0, 0,
				   (uint32_t *)&out->conn_id, 1, &m))
			return -errno;
		return 0;
	}
	return ut_atomic_modeset(fd, out, mode, db, 0, NULL);
}

int main(int argc, char **argv)
{
	struct pattern_opts o;
	struct ut_output out;
	drmModeModeInfo mode;
	struct ut_dumb db;
	char tname[128];
	int fd, ret;

	if (parse_args(argc, argv, &o)) {
		fprintf(stderr, "usage: see the comment at the top of pattern.c\n");
		return 2;
	}
	snprintf(tname, sizeof(tname), "pattern.%s", o.name);
	fd = ut_open_card();
	if (fd < 0) {
		ut_fail(tname, "cannot open the card");
		return 1;
	}
	ret = ut_enable_atomic(fd);
	if (!ret)
		ret = ut_find_output(fd, &out);
	if (ret) {
		ut_fail(tname, "no usable output: %s", strerror(-ret));
		return 1;
	}
	mode = out.mode;
	if (o.w && ut_find_mode(fd, out.conn_id, o.w, o.h, &mode)) {
		ut_fail(tname, "connector %u has no %ux%u mode", out.conn_id,
			o.w, o.h);
		return 1;
	}
	ret = ut_dumb_create(fd, mode.hdisplay, mode.vdisplay, &db);
	if (!ret)
		ret = ut_dumb_add_fb(fd, &db, o.fourcc);
	if (ret) {
		ut_fail(tname, "%ux%u buffer/fb: %s", mode.hdisplay,
			mode.vdisplay, strerror(-ret));
		return 1;
	}
	draw_bars(&db, &o);
	ret = show(fd, &out, &mode, &db, o.legacy);
	if (ret) {
		ut_fail(tname, "%s modeset %ux%u: %s", o.legacy ? "legacy" : "atomic",
			mode.hdisplay, mode.vdisplay, strerror(-ret));
		return 1;
	}
	printf("NOTE: %s shows %ux%u, %u bars\n", tname, mode.hdisplay,
	       mode.vdisplay, o.ncolours);
	if (o.dump) {
		if (ut_screendump(o.name))
			ut_fail(tname, "screendump failed");
		else
			ut_pass(tname);
	}
	if (o.hold)
		sleep(o.hold);
	ut_dumb_destroy(fd, &db);
	close(fd);
	return ut_exit_status();
}
