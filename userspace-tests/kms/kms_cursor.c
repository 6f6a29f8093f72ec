// SPDX-License-Identifier: GPL-2.0
/*
 * kms_cursor - the cursor plane through the legacy ioctls (SetCursor2 with
 * a hotspot, MoveCursor) and, where the kernel has hotspot properties
 * (6.8+), through atomic commits with DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT.
 *
 * In the guest it checks the ioctls and the driver's cursor tracepoint
 * (scanout, position, resource of every UPDATE_CURSOR / MOVE_CURSOR).  For
 * each step it prints a line for the host check (kms_check.py):
 *   CURSOR: step=NAME op=update|move scanout=N x=X y=Y hot=HX,HY argb=AARRGGBB
 * x, y being the plane position (CRTC_X/Y, the legacy MoveCursor
 * arguments); the host compares them with what QEMU received (its
 * virtio_gpu_update_cursor trace) and with the cursor image and hotspot
 * QEMU's VNC server sends to a client.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

#define CUR 64

struct cursor_step {
	const char *name;
	const char *op;
	int x, y, hot_x, hot_y;
	uint32_t argb;
};

static void announce(const struct cursor_step *s, unsigned int scanout)
{
	printf("CURSOR: step=%s op=%s scanout=%u x=%d y=%d hot=%d,%d argb=%08x\n",
	       s->name, s->op, scanout, s->x, s->y, s->hot_x, s->hot_y, s->argb);
	fflush(stdout);
}

/*
 * The driver's cursor tracepoint must show the command with these values:
 * the device gets the pointer position, i.e. the plane position plus the
 * hotspot, and the hotspot itself.
 */
static void check_trace(const char *test, const struct cursor_step *s,
			unsigned int scanout)
{
	char want[128], *text, *hit;
	const char *type = strcmp(s->op, "move") ? "UPDATE_CURSOR" : "MOVE_CURSOR";
	unsigned int res = 0;

	usleep(200 * 1000);
	text = kms_trace_read();
	if (!text) {
		ut_fail(test, "cannot read the trace buffer");
		return;
	}
	snprintf(want, sizeof(want), "scanout=%u %s x=%d y=%d hot_x=%d hot_y=%d res=",
		 scanout, type, s->x + s->hot_x, s->y + s->hot_y, s->hot_x,
		 s->hot_y);
	hit = strstr(text, want);
	if (hit)
		res = strtoul(hit + strlen(want), NULL, 10);
	if (!hit)
		ut_fail(test, "no trace line \"%s\"", want);
	else if (!strcmp(type, "UPDATE_CURSOR") && !res)
		ut_fail(test, "UPDATE_CURSOR sent resource 0 (cursor hidden)");
	else
		ut_pass(test);
	free(text);
}

static int make_cursor(int fd, struct ut_dumb *cur, uint32_t argb)
{
	int ret = ut_dumb_create(fd, CUR, CUR, cur);

	if (ret)
		return ret;
	ut_dumb_fill(cur, argb);
	return 0;
}

static void legacy_path(int fd, const struct ut_output *out)
{
	struct cursor_step set = { "legacy", "update", 300, 200, 10, 10, 0xff20e040 };
	struct cursor_step mv = { "legacy-move", "move", 520, 330, 10, 10, 0xff20e040 };
	struct ut_dumb cur;
	int ret;

	if (make_cursor(fd, &cur, set.argb)) {
		ut_fail("cursor.legacy_set2", "dumb 64x64: %s", strerror(errno));
		return;
	}
	kms_trace_start("omega_vgpu_cursor");
	/* Position first (no image yet: nothing is shown), then the image. */
	drmModeMoveCursor(fd, out->crtc_id, set.x, set.y);
	ret = drmModeSetCursor2(fd, out->crtc_id, cur.handle, CUR, CUR,
				set.hot_x, set.hot_y);
	if (ret) {
		ut_fail("cursor.legacy_set2", "drmModeSetCursor2: %s", strerror(errno));
		goto out;
	}
	ut_pass("cursor.legacy_set2");
	announce(&set, out->crtc_index);
	check_trace("cursor.legacy_trace_update", &set, out->crtc_index);
	if (kms_screendump("cursor-legacy", -1))
		ut_fail("cursor.legacy_screendump", "screendump failed");

	kms_trace_start("omega_vgpu_cursor");
	if (drmModeMoveCursor(fd, out->crtc_id, mv.x, mv.y)) {
		ut_fail("cursor.legacy_move", "drmModeMoveCursor: %s", strerror(errno));
		goto out;
	}
	ut_pass("cursor.legacy_move");
	announce(&mv, out->crtc_index);
	check_trace("cursor.legacy_trace_move", &mv, out->crtc_index);
	if (kms_screendump("cursor-legacy-move", -1))
		ut_fail("cursor.legacy_move_screendump", "screendump failed");

	/* A 32x32 image is refused: the plane only takes 64x64. */
	if (drmModeSetCursor(fd, out->crtc_id, cur.handle, 32, 32) == 0)
		ut_fail("cursor.legacy_bad_size", "32x32 cursor accepted");
	else
		ut_pass("cursor.legacy_bad_size");
	if (drmModeSetCursor(fd, out->crtc_id, 0, 0, 0))
		ut_fail("cursor.legacy_hide", "SetCursor(0): %s", strerror(errno));
	else
		ut_pass("cursor.legacy_hide");
out:
	ut_dumb_destroy(fd, &cur);
}

static uint32_t cursor_plane(int fd, unsigned int crtc_index)
{
	drmModePlaneResPtr pres = drmModeGetPlaneResources(fd);
	uint32_t id = 0, i;

	if (!pres)
		return 0;
	for (i = 0; i < pres->count_planes && !id; i++) {
		drmModePlanePtr p = drmModeGetPlane(fd, pres->planes[i]);
		drmModeObjectPropertiesPtr props;
		uint32_t k;

		if (!p)
			continue;
		props = drmModeObjectGetProperties(fd, p->plane_id,
						   DRM_MODE_OBJECT_PLANE);
		for (k = 0; props && k < props->count_props; k++) {
			drmModePropertyPtr pr = drmModeGetProperty(fd, props->props[k]);

			if (pr && !strcmp(pr->name, "type") &&
			    props->prop_values[k] == DRM_PLANE_TYPE_CURSOR &&
			    (p->possible_crtcs & (1u << crtc_index)))
				id = p->plane_id;
			drmModeFreeProperty(pr);
		}
		drmModeFreeObjectProperties(props);
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pres);
	return id;
}

static int set_prop(drmModeAtomicReqPtr req, int fd, uint32_t plane,
		    const char *name, uint64_t v)
{
	uint32_t prop = ut_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, name);

	if (!prop || drmModeAtomicAddProperty(req, plane, prop, v) < 0)
		return -1;
	return 0;
}

static int atomic_cursor(int fd, const struct ut_output *out, uint32_t plane,
			 const struct ut_dumb *cur, const struct cursor_step *s)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	int ret = 0;

	ret |= set_prop(req, fd, plane, "FB_ID", cur->fb_id);
	ret |= set_prop(req, fd, plane, "CRTC_ID", out->crtc_id);
	ret |= set_prop(req, fd, plane, "SRC_X", 0);
	ret |= set_prop(req, fd, plane, "SRC_Y", 0);
	ret |= set_prop(req, fd, plane, "SRC_W", CUR << 16);
	ret |= set_prop(req, fd, plane, "SRC_H", CUR << 16);
	ret |= set_prop(req, fd, plane, "CRTC_X", s->x);
	ret |= set_prop(req, fd, plane, "CRTC_Y", s->y);
	ret |= set_prop(req, fd, plane, "CRTC_W", CUR);
	ret |= set_prop(req, fd, plane, "CRTC_H", CUR);
	ret |= set_prop(req, fd, plane, "HOTSPOT_X", s->hot_x);
	ret |= set_prop(req, fd, plane, "HOTSPOT_Y", s->hot_y);
	if (ret)
		ret = -ENOENT;
	else if (drmModeAtomicCommit(fd, req, 0, NULL))
		ret = -errno;
	drmModeAtomicFree(req);
	return ret;
}

/*
 * 6.8+: atomic clients see the cursor plane only with the hotspot cap.  Runs
 * on the master fd of the legacy part (a second fd could not commit).
 */
static void atomic_path(int fd, const struct ut_output *legacy_out)
{
	struct cursor_step set = { "atomic", "update", 640, 100, 20, 5, 0xffe04020 };
	struct cursor_step mv = { "atomic-move", "move", 200, 500, 20, 5, 0xffe04020 };
	struct ut_output out = *legacy_out;
	struct ut_dumb cur = { 0 };
	uint32_t plane;
	int ret;

	if (ut_enable_atomic(fd)) {
		ut_fail("cursor.atomic_open", "cannot enable atomic: %s",
			strerror(errno));
		return;
	}
	plane = cursor_plane(fd, out.crtc_index);
	if (plane)
		ut_fail("cursor.atomic_hidden_without_cap",
			"cursor plane %u visible to an atomic client without DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT",
			plane);
	else
		ut_pass("cursor.atomic_hidden_without_cap");
	if (drmSetClientCap(fd, DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT, 1)) {
		ut_fail("cursor.atomic_cap", "set CURSOR_PLANE_HOTSPOT: %s",
			strerror(errno));
		goto out;
	}
	plane = cursor_plane(fd, out.crtc_index);
	if (!plane ||
	    !ut_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, "HOTSPOT_X") ||
	    !ut_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, "HOTSPOT_Y")) {
		ut_fail("cursor.atomic_cap", "no cursor plane with HOTSPOT_X/Y (plane %u)",
			plane);
		goto out;
	}
	ut_pass("cursor.atomic_cap");

	if (make_cursor(fd, &cur, set.argb) ||
	    ut_dumb_add_fb(fd, &cur, DRM_FORMAT_ARGB8888)) {
		ut_fail("cursor.atomic_update", "cursor buffer: %s", strerror(errno));
		goto out;
	}
	kms_trace_start("omega_vgpu_cursor");
	ret = atomic_cursor(fd, &out, plane, &cur, &set);
	if (ret) {
		ut_fail("cursor.atomic_update", "commit: %s", strerror(-ret));
		goto out;
	}
	ut_pass("cursor.atomic_update");
	announce(&set, out.crtc_index);
	check_trace("cursor.atomic_trace_update", &set, out.crtc_index);
	if (kms_screendump("cursor-atomic", -1))
		ut_fail("cursor.atomic_screendump", "screendump failed");

	kms_trace_start("omega_vgpu_cursor");
	ret = atomic_cursor(fd, &out, plane, &cur, &mv);
	if (ret) {
		ut_fail("cursor.atomic_move", "commit: %s", strerror(-ret));
		goto out;
	}
	ut_pass("cursor.atomic_move");
	announce(&mv, out.crtc_index);
	check_trace("cursor.atomic_trace_move", &mv, out.crtc_index);
out:
	ut_dumb_destroy(fd, &cur);
}

int main(int argc, char **argv)
{
	struct ut_output out;
	struct ut_dumb bg;
	bool atomic = argc > 1 && !strcmp(argv[1], "--atomic");
	int fd;

	fd = ut_open_card();
	if (fd < 0)
		return 1;
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	if (ut_find_output(fd, &out)) {
		ut_fail("cursor.setup", "no connected output");
		return 1;
	}
	if (ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay, &bg) ||
	    ut_dumb_add_fb(fd, &bg, DRM_FORMAT_XRGB8888)) {
		ut_fail("cursor.setup", "background buffer: %s", strerror(errno));
		return 1;
	}
	ut_dumb_fill(&bg, 0x00303030);
	if (kms_legacy_modeset(fd, &out, &out.mode, &bg)) {
		ut_fail("cursor.setup", "SetCrtc: %s", strerror(errno));
		return 1;
	}
	printf("INFO: cursor on crtc %u (scanout %u) mode %ux%u\n", out.crtc_id,
	       out.crtc_index, out.mode.hdisplay, out.mode.vdisplay);
	legacy_path(fd, &out);
	if (atomic)
		atomic_path(fd, &out);
	kms_trace_stop();
	ut_dumb_destroy(fd, &bg);
	close(fd);
	return ut_exit_status();
}
