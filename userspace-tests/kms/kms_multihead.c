// SPDX-License-Identifier: GPL-2.0
/*
 * kms_multihead - every scanout has its own connector, encoder, CRTC and
 * planes with possible_crtcs naming exactly that CRTC, and two heads show
 * two different patterns at the same time.
 *
 *   kms_multihead HEADS
 *
 * Head 0 shows four vertical bands, head 1 four horizontal bands of other
 * colours.  For each head it saves screendump multihead-<i> (QMP head i)
 * and prints the host check's expectations (kms_check.py):
 *   EXPECT-RECT: dump=NAME rect=X,Y,W,H colour=RRGGBB
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

#define MAX_HEADS 16

static const uint32_t head_colours[2][4] = {
	{ 0xff0000, 0x00ff00, 0x0000ff, 0xffffff },
	{ 0xffff00, 0x00ffff, 0xff00ff, 0x808080 },
};

static unsigned int popcount32(uint32_t v)
{
	return __builtin_popcount(v);
}

/* The objects of head i: connector i, its encoder, CRTC i. */
static void check_topology(int fd, drmModeResPtr res, unsigned int heads)
{
	drmModePlaneResPtr pres = drmModeGetPlaneResources(fd);
	unsigned int i, per_crtc[MAX_HEADS] = { 0 };
	char name[64];

	if (res->count_connectors < (int)heads || res->count_crtcs < (int)heads ||
	    res->count_encoders < (int)heads)
		ut_fail("multihead.count", "%d connectors, %d encoders, %d CRTCs for %u heads",
			res->count_connectors, res->count_encoders,
			res->count_crtcs, heads);
	else
		ut_pass("multihead.count");

	for (i = 0; i < heads && i < (unsigned int)res->count_connectors; i++) {
		drmModeConnectorPtr c = drmModeGetConnector(fd, res->connectors[i]);
		drmModeEncoderPtr e = NULL;

		snprintf(name, sizeof(name), "multihead.possible_crtcs_%u", i);
		if (c && c->count_encoders == 1)
			e = drmModeGetEncoder(fd, c->encoders[0]);
		if (!e)
			ut_fail(name, "connector %u: %d encoders", res->connectors[i],
				c ? c->count_encoders : -1);
		else if (e->possible_crtcs != (1u << i))
			ut_fail(name, "encoder %u possible_crtcs %#x, want %#x",
				e->encoder_id, e->possible_crtcs, 1u << i);
		else
			ut_pass(name);
		drmModeFreeEncoder(e);
		drmModeFreeConnector(c);
	}

	/* Every plane belongs to one CRTC; each CRTC has a primary and a cursor. */
	for (i = 0; pres && i < pres->count_planes; i++) {
		drmModePlanePtr p = drmModeGetPlane(fd, pres->planes[i]);

		if (p && popcount32(p->possible_crtcs) == 1)
			per_crtc[__builtin_ctz(p->possible_crtcs) % MAX_HEADS]++;
		else
			per_crtc[0] += 100;	/* poison: reported below */
		drmModeFreePlane(p);
	}
	for (i = 0; i < heads; i++) {
		if (per_crtc[i] != 2) {
			ut_fail("multihead.planes", "CRTC %u has %u planes (want primary+cursor)",
				i, per_crtc[i]);
			break;
		}
	}
	if (i == heads)
		ut_pass("multihead.planes");
	drmModeFreePlaneResources(pres);
}

static void draw_head(struct ut_dumb *db, unsigned int head)
{
	unsigned int b;

	for (b = 0; b < 4; b++) {
		if (head == 0)
			kms_fill_rect(db, b * db->width / 4, 0, db->width / 4,
				      db->height, head_colours[0][b]);
		else
			kms_fill_rect(db, 0, b * db->height / 4, db->width,
				      db->height / 4, head_colours[1][b]);
	}
}

static void expect_head(const struct ut_dumb *db, unsigned int head,
			const char *dump)
{
	unsigned int b, w = db->width, h = db->height;

	/* Band interiors (4 px margin) so rounding at edges does not matter. */
	for (b = 0; b < 4; b++) {
		if (head == 0)
			printf("EXPECT-RECT: dump=%s rect=%u,%u,%u,%u colour=%06x\n",
			       dump, b * w / 4 + 4, 4, w / 4 - 8, h - 8,
			       head_colours[0][b]);
		else
			printf("EXPECT-RECT: dump=%s rect=%u,%u,%u,%u colour=%06x\n",
			       dump, 4, b * h / 4 + 4, w - 8, h / 4 - 8,
			       head_colours[1][b]);
	}
	printf("EXPECT-SIZE: dump=%s size=%ux%u\n", dump, w, h);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	unsigned int heads = argc > 1 ? strtoul(argv[1], NULL, 0) : 2, i;
	struct ut_dumb db[MAX_HEADS];
	drmModeModeInfo mode0 = { 0 };
	drmModeResPtr res;
	char name[64];
	int fd;

	if (heads < 2 || heads > 2) {
		fprintf(stderr, "usage: kms_multihead 2\n");
		return 2;
	}
	fd = ut_open_card();
	if (fd < 0)
		return 1;
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	res = drmModeGetResources(fd);
	if (!res) {
		ut_fail("multihead.resources", "%s", strerror(errno));
		return 1;
	}
	check_topology(fd, res, heads);
	if (res->count_connectors < (int)heads || res->count_crtcs < (int)heads)
		return ut_exit_status();

	for (i = 0; i < heads; i++) {
		drmModeConnectorPtr c = drmModeGetConnector(fd, res->connectors[i]);
		struct ut_output out = { 0 };
		drmModeModeInfo mode;
		int j;

		snprintf(name, sizeof(name), "multihead.modeset_%u", i);
		if (!c) {
			ut_fail(name, "connector: %s", strerror(errno));
			continue;
		}
		/*
		 * QEMU enables only output 0 until a UI sizes the others: a
		 * disconnected head is driven with head 0's mode.
		 */
		mode = c->count_modes ? c->modes[0] : mode0;
		for (j = 0; j < c->count_modes; j++)
			if (c->modes[j].type & DRM_MODE_TYPE_PREFERRED)
				mode = c->modes[j];
		printf("INFO: head %u connector %u %s, %d modes, using %ux%u\n", i,
		       c->connector_id, c->connection == DRM_MODE_CONNECTED ?
		       "connected" : "disconnected", c->count_modes,
		       mode.hdisplay, mode.vdisplay);
		if (i == 0)
			mode0 = mode;
		out.conn_id = c->connector_id;
		out.crtc_id = res->crtcs[i];
		drmModeFreeConnector(c);
		if (!mode.hdisplay) {
			ut_fail(name, "connector %u has no mode", out.conn_id);
			continue;
		}
		if (ut_dumb_create(fd, mode.hdisplay, mode.vdisplay, &db[i]) ||
		    ut_dumb_add_fb(fd, &db[i], DRM_FORMAT_XRGB8888)) {
			ut_fail(name, "buffer: %s", strerror(errno));
			continue;
		}
		draw_head(&db[i], i);
		if (kms_legacy_modeset(fd, &out, &mode, &db[i]))
			ut_fail(name, "SetCrtc: %s", strerror(errno));
		else
			ut_pass(name);
	}
	usleep(300 * 1000);
	/* Both heads keep their own pattern: dump them after both are set. */
	for (i = 0; i < heads; i++) {
		snprintf(name, sizeof(name), "multihead-%u", i);
		if (kms_screendump(name, i)) {
			ut_fail("multihead.screendump", "head %u", i);
			continue;
		}
		expect_head(&db[i], i, name);
	}
	for (i = 0; i < heads; i++)
		ut_dumb_destroy(fd, &db[i]);
	drmModeFreeResources(res);
	close(fd);
	return ut_exit_status();
}
