// SPDX-License-Identifier: GPL-2.0
/*
 * drm_basics - the device looks like a usable KMS device: right driver name,
 * dumb buffers, atomic + universal planes, a connected connector with a
 * preferred mode, a CRTC, a primary plane with XRGB8888 and ARGB8888, and
 * encoders whose possible_crtcs name existing CRTCs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "ut.h"

static void check_version(int fd)
{
	const char *want = ut_expected_driver();
	drmVersionPtr ver = drmGetVersion(fd);

	if (!ver) {
		ut_fail("basics.driver_name", "drmGetVersion: %s",
			strerror(errno));
		return;
	}
	if (strcmp(ver->name, want) == 0)
		ut_pass("basics.driver_name");
	else
		ut_fail("basics.driver_name", "got \"%s\", expected \"%s\"",
			ver->name, want);
	printf("NOTE: driver %s %d.%d.%d \"%s\" (%s)\n", ver->name,
	       ver->version_major, ver->version_minor,
	       ver->version_patchlevel, ver->desc, ver->date);
	drmFreeVersion(ver);
}

static void check_caps(int fd)
{
	uint64_t cap = 0;
	int ret;

	if (drmGetCap(fd, DRM_CAP_DUMB_BUFFER, &cap))
		ut_fail("basics.cap_dumb", "drmGetCap: %s", strerror(errno));
	else if (cap != 1)
		ut_fail("basics.cap_dumb", "DRM_CAP_DUMB_BUFFER = %llu",
			(unsigned long long)cap);
	else
		ut_pass("basics.cap_dumb");

	if (drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1))
		ut_fail("basics.cap_universal_planes", "%s", strerror(errno));
	else
		ut_pass("basics.cap_universal_planes");

	ret = drmSetClientCap(fd, DRM_CLIENT_CAP_ATOMIC, 1);
	if (ret)
		ut_fail("basics.cap_atomic", "%s", strerror(errno));
	else
		ut_pass("basics.cap_atomic");
}

static bool plane_has_format(drmModePlanePtr p, uint32_t fourcc)
{
	uint32_t i;

	for (i = 0; i < p->count_formats; i++)
		if (p->formats[i] == fourcc)
			return true;
	return false;
}

static void check_primary_formats(int fd, uint32_t plane_id, bool intree)
{
	drmModePlanePtr p = drmModeGetPlane(fd, plane_id);

	if (!p) {
		ut_fail("basics.primary_xrgb8888", "GetPlane: %s",
			strerror(errno));
		return;
	}
	if (plane_has_format(p, DRM_FORMAT_XRGB8888))
		ut_pass("basics.primary_xrgb8888");
	else
		ut_fail("basics.primary_xrgb8888", "not in %u formats",
			p->count_formats);

	if (plane_has_format(p, DRM_FORMAT_ARGB8888))
		ut_pass("basics.primary_argb8888");
	else if (intree)
		ut_skip("basics.primary_argb8888",
			"in-tree virtio_gpu primary offers XRGB8888 only (documented deviation)");
	else
		ut_fail("basics.primary_argb8888", "not in %u formats",
			p->count_formats);
	drmModeFreePlane(p);
}

static void check_encoders(int fd, drmModeResPtr res)
{
	uint32_t all = (1u << res->count_crtcs) - 1;
	int i, bad = 0;

	for (i = 0; i < res->count_encoders; i++) {
		drmModeEncoderPtr enc = drmModeGetEncoder(fd, res->encoders[i]);

		if (!enc) {
			ut_fail("basics.encoder_possible_crtcs",
				"GetEncoder %u: %s", res->encoders[i],
				strerror(errno));
			return;
		}
		if (!enc->possible_crtcs || (enc->possible_crtcs & ~all)) {
			ut_fail("basics.encoder_possible_crtcs",
				"encoder %u possible_crtcs 0x%x with %d CRTCs",
				enc->encoder_id, enc->possible_crtcs,
				res->count_crtcs);
			bad = 1;
		}
		drmModeFreeEncoder(enc);
	}
	if (!res->count_encoders)
		ut_fail("basics.encoder_possible_crtcs", "no encoders");
	else if (!bad)
		ut_pass("basics.encoder_possible_crtcs");
}

static void check_connectors(int fd, drmModeResPtr res)
{
	int i, j, connected = 0, preferred = 0;

	for (i = 0; i < res->count_connectors; i++) {
		drmModeConnectorPtr c = drmModeGetConnector(fd,
							    res->connectors[i]);

		if (!c)
			continue;
		printf("NOTE: connector %u type %u status %d modes %d\n",
		       c->connector_id, c->connector_type, c->connection,
		       c->count_modes);
		if (c->connection == DRM_MODE_CONNECTED && c->count_modes) {
			connected++;
			for (j = 0; j < c->count_modes; j++)
				if (c->modes[j].type & DRM_MODE_TYPE_PREFERRED)
					preferred++;
		}
		drmModeFreeConnector(c);
	}
	if (connected)
		ut_pass("basics.connected_connector");
	else
		ut_fail("basics.connected_connector",
			"none of %d connectors is connected with modes",
			res->count_connectors);
	if (preferred)
		ut_pass("basics.preferred_mode");
	else
		ut_fail("basics.preferred_mode", "no mode flagged PREFERRED");
}

/* OMEGA_EXPECT_MODE=WxH: the size the device was started with */
static void check_preferred_size(const struct ut_output *out)
{
	const char *want = getenv("OMEGA_EXPECT_MODE");
	unsigned int w, h;

	if (!want || sscanf(want, "%ux%u", &w, &h) != 2) {
		ut_skip("basics.preferred_size", "OMEGA_EXPECT_MODE not set");
		return;
	}
	if (out->mode.hdisplay == w && out->mode.vdisplay == h)
		ut_pass("basics.preferred_size");
	else
		ut_fail("basics.preferred_size", "preferred %ux%u, device set to %ux%u",
			out->mode.hdisplay, out->mode.vdisplay, w, h);
}

int main(void)
{
	struct ut_output out;
	drmModeResPtr res;
	bool intree;
	int fd, ret;

	fd = ut_open_card();
	if (fd < 0) {
		ut_fail("basics.open", "cannot open the card");
		return 1;
	}
	ut_pass("basics.open");
	intree = ut_is_intree(fd);
	check_version(fd);
	check_caps(fd);

	res = drmModeGetResources(fd);
	if (!res) {
		ut_fail("basics.resources", "GetResources: %s", strerror(errno));
		return 1;
	}
	if (res->count_crtcs > 0)
		ut_pass("basics.crtc");
	else
		ut_fail("basics.crtc", "no CRTCs");
	check_connectors(fd, res);
	check_encoders(fd, res);
	drmModeFreeResources(res);

	ret = ut_find_output(fd, &out);
	if (ret) {
		ut_fail("basics.primary_plane", "no connector/CRTC/primary plane: %s",
			strerror(-ret));
	} else {
		ut_pass("basics.primary_plane");
		printf("NOTE: conn %u crtc %u plane %u mode %s %ux%u@%u\n",
		       out.conn_id, out.crtc_id, out.plane_id, out.mode.name,
		       out.mode.hdisplay, out.mode.vdisplay, out.mode.vrefresh);
		check_primary_formats(fd, out.plane_id, intree);
		check_preferred_size(&out);
	}
	close(fd);
	return ut_exit_status();
}
