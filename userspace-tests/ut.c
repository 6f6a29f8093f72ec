// SPDX-License-Identifier: GPL-2.0
/*
 * Shared helpers for the omega_vgpu userspace tests: result lines, finding
 * an output, dumb buffers and atomic commits through the standard DRM uAPI.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "ut.h"

int ut_failures;

void ut_pass(const char *name)
{
	printf("PASS: %s\n", name);
	fflush(stdout);
}

void ut_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	ut_failures++;
	printf("FAIL: %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void ut_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("SKIP: %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int ut_exit_status(void)
{
	return ut_failures ? 1 : 0;
}

const char *ut_expected_driver(void)
{
	const char *name = getenv("OMEGA_DRIVER_NAME");

	return name && *name ? name : "omega_vgpu";
}

/* True when the device is driven by Linux's own virtio-gpu driver. */
bool ut_is_intree(int fd)
{
	drmVersionPtr ver = drmGetVersion(fd);
	bool intree;

	if (!ver)
		return false;
	intree = strcmp(ver->name, UT_INTREE_NAME) == 0;
	drmFreeVersion(ver);
	return intree;
}

int ut_open_card(void)
{
	const char *path = getenv("OMEGA_CARD");
	int fd;

	if (!path || !*path)
		path = "/dev/dri/card0";
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "open %s: %s\n", path, strerror(errno));
	return fd;
}

int ut_enable_atomic(int fd)
{
	if (drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1))
		return -errno;
	if (drmSetClientCap(fd, DRM_CLIENT_CAP_ATOMIC, 1))
		return -errno;
	return 0;
}

uint32_t ut_prop_id(int fd, uint32_t obj_id, uint32_t obj_type,
		    const char *name)
{
	drmModeObjectPropertiesPtr props;
	uint32_t id = 0;
	uint32_t i;

	props = drmModeObjectGetProperties(fd, obj_id, obj_type);
	if (!props)
		return 0;
	for (i = 0; i < props->count_props && !id; i++) {
		drmModePropertyPtr p = drmModeGetProperty(fd, props->props[i]);

		if (!p)
			continue;
		if (strcmp(p->name, name) == 0)
			id = p->prop_id;
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return id;
}

static int ut_prop_value(int fd, uint32_t obj_id, uint32_t obj_type,
			 const char *name, uint64_t *value)
{
	drmModeObjectPropertiesPtr props;
	int ret = -ENOENT;
	uint32_t i;

	props = drmModeObjectGetProperties(fd, obj_id, obj_type);
	if (!props)
		return -errno;
	for (i = 0; i < props->count_props && ret; i++) {
		drmModePropertyPtr p = drmModeGetProperty(fd, props->props[i]);

		if (!p)
			continue;
		if (strcmp(p->name, name) == 0) {
			*value = props->prop_values[i];
			ret = 0;
		}
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return ret;
}

static int ut_primary_plane(int fd, unsigned int crtc_index, uint32_t *plane)
{
	drmModePlaneResPtr pres = drmModeGetPlaneResources(fd);
	int ret = -ENOENT;
	uint32_t i;

	if (!pres)
		return -errno;
	for (i = 0; i < pres->count_planes && ret; i++) {
		drmModePlanePtr p = drmModeGetPlane(fd, pres->planes[i]);
		uint64_t type = 0;

		if (!p)
			continue;
		if ((p->possible_crtcs & (1u << crtc_index)) &&
		    !ut_prop_value(fd, p->plane_id, DRM_MODE_OBJECT_PLANE,
				   "type", &type) &&
		    type == DRM_PLANE_TYPE_PRIMARY) {
			*plane = p->plane_id;
			ret = 0;
		}
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pres);
	return ret;
}

static void ut_pick_mode(drmModeConnectorPtr conn, drmModeModeInfo *mode)
{
	int i;

	*mode = conn->modes[0];
	for (i = 0; i < conn->count_modes; i++) {
		if (conn->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			*mode = conn->modes[i];
			return;
		}
	}
}

/*
 * ut_find_output - first connected connector with modes, its CRTC and
 * primary plane, and its preferred mode.  Needs universal planes enabled.
 */
int ut_find_output(int fd, struct ut_output *out)
{
	drmModeResPtr res = drmModeGetResources(fd);
	int ret = -ENODEV;
	int i, c;

	if (!res)
		return -errno;
	for (i = 0; i < res->count_connectors && ret; i++) {
		drmModeConnectorPtr conn;
		drmModeEncoderPtr enc;

		conn = drmModeGetConnector(fd, res->connectors[i]);
		if (!conn)
			continue;
		if (conn->connection != DRM_MODE_CONNECTED ||
		    !conn->count_modes || !conn->count_encoders) {
			drmModeFreeConnector(conn);
			continue;
		}
		enc = drmModeGetEncoder(fd, conn->encoders[0]);
		for (c = 0; enc && c < res->count_crtcs; c++) {
			if (!(enc->possible_crtcs & (1u << c)))
				continue;
			out->conn_id = conn->connector_id;
			out->enc_id = enc->encoder_id;
			out->crtc_id = res->crtcs[c];
			out->crtc_index = c;
			ut_pick_mode(conn, &out->mode);
			ret = ut_primary_plane(fd, c, &out->plane_id);
			break;
		}
		if (enc)
			drmModeFreeEncoder(enc);
		drmModeFreeConnector(conn);
	}
	drmModeFreeResources(res);
	return ret;
}

/* Find a mode of exactly w x h on the connector (preferred first). */
int ut_find_mode(int fd, uint32_t conn_id, unsigned int w, unsigned int h,
		 drmModeModeInfo *mode)
{
	drmModeConnectorPtr conn = drmModeGetConnector(fd, conn_id);
	int ret = -ENOENT;
	int i;

	if (!conn)
		return -errno;
	for (i = 0; i < conn->count_modes; i++) {
		if (conn->modes[i].hdisplay != w || conn->modes[i].vdisplay != h)
			continue;
		if (ret || (conn->modes[i].type & DRM_MODE_TYPE_PREFERRED))
			*mode = conn->modes[i];
		ret = 0;
	}
	drmModeFreeConnector(conn);
	return ret;
}

int ut_dumb_create(int fd, uint32_t w, uint32_t h, struct ut_dumb *db)
{
	struct drm_mode_create_dumb creq = { .width = w, .height = h, .bpp = 32 };
	struct drm_mode_map_dumb mreq = { 0 };
	void *map;

	memset(db, 0, sizeof(*db));
	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &creq))
		return -errno;
	db->handle = creq.handle;
	db->width = w;
	db->height = h;
	db->pitch = creq.pitch;
	db->size = creq.size;
	mreq.handle = creq.handle;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &mreq))
		goto err;
	map = mmap(NULL, db->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   mreq.offset);
	if (map == MAP_FAILED)
		goto err;
	db->map = map;
	return 0;
err:
	ut_dumb_destroy(fd, db);
	return -errno;
}

int ut_dumb_add_fb(int fd, struct ut_dumb *db, uint32_t fourcc)
{
	uint32_t handles[4] = { db->handle };
	uint32_t pitches[4] = { db->pitch };
	uint32_t offsets[4] = { 0 };

	if (drmModeAddFB2(fd, db->width, db->height, fourcc, handles, pitches,
			  offsets, &db->fb_id, 0))
		return -errno;
	return 0;
}

void ut_dumb_fill(struct ut_dumb *db, uint32_t xrgb)
{
	uint32_t x, y;

	for (y = 0; y < db->height; y++) {
		uint32_t *row = (uint32_t *)((char *)db->map + y * db->pitch);

		for (x = 0; x < db->width; x++)
			row[x] = xrgb;
	}
}

void ut_dumb_destroy(int fd, struct ut_dumb *db)
{
	struct drm_mode_destroy_dumb dreq = { .handle = db->handle };
	int saved = errno;

	if (db->fb_id)
		drmModeRmFB(fd, db->fb_id);
	if (db->map)
		munmap(db->map, db->size);
	if (db->handle)
		drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &dreq);
	memset(db, 0, sizeof(*db));
	errno = saved;
}

static int ut_add(drmModeAtomicReqPtr req, int fd, uint32_t obj,
		  uint32_t type, const char *name, uint64_t value)
{
	uint32_t prop = ut_prop_id(fd, obj, type, name);

	if (!prop) {
		fprintf(stderr, "object %u has no property %s\n", obj, name);
		return -ENOENT;
	}
	if (drmModeAtomicAddProperty(req, obj, prop, value) < 0)
		return -ENOMEM;
	return 0;
}

static int ut_add_plane(drmModeAtomicReqPtr req, int fd,
			const struct ut_output *out, const struct ut_dumb *db,
			unsigned int cw, unsigned int ch)
{
	uint32_t p = out->plane_id, t = DRM_MODE_OBJECT_PLANE;
	int ret = 0;

	ret |= ut_add(req, fd, p, t, "FB_ID", db->fb_id);
	ret |= ut_add(req, fd, p, t, "CRTC_ID", out->crtc_id);
	ret |= ut_add(req, fd, p, t, "SRC_X", 0);
	ret |= ut_add(req, fd, p, t, "SRC_Y", 0);
	ret |= ut_add(req, fd, p, t, "SRC_W", (uint64_t)db->width << 16);
	ret |= ut_add(req, fd, p, t, "SRC_H", (uint64_t)db->height << 16);
	ret |= ut_add(req, fd, p, t, "CRTC_X", 0);
	ret |= ut_add(req, fd, p, t, "CRTC_Y", 0);
	ret |= ut_add(req, fd, p, t, "CRTC_W", cw);
	ret |= ut_add(req, fd, p, t, "CRTC_H", ch);
	return ret ? -EINVAL : 0;
}

/* Full modeset: mode, connector routing, primary plane scanning out db. */
int ut_atomic_modeset(int fd, const struct ut_output *out,
		      const drmModeModeInfo *mode, const struct ut_dumb *db,
		      uint32_t flags, void *user_data)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	uint32_t blob = 0;
	int ret;

	if (!req)
		return -ENOMEM;
	if (drmModeCreatePropertyBlob(fd, mode, sizeof(*mode), &blob)) {
		ret = -errno;
		goto out;
	}
	ret = ut_add(req, fd, out->crtc_id, DRM_MODE_OBJECT_CRTC, "MODE_ID",
		     blob);
	ret |= ut_add(req, fd, out->crtc_id, DRM_MODE_OBJECT_CRTC, "ACTIVE", 1);
	ret |= ut_add(req, fd, out->conn_id, DRM_MODE_OBJECT_CONNECTOR,
		      "CRTC_ID", out->crtc_id);
	ret |= ut_add_plane(req, fd, out, db, mode->hdisplay, mode->vdisplay);
	if (ret) {
		ret = -EINVAL;
		goto out;
	}
	if (drmModeAtomicCommit(fd, req, flags | DRM_MODE_ATOMIC_ALLOW_MODESET,
				user_data))
		ret = -errno;
out:
	if (blob)
		drmModeDestroyPropertyBlob(fd, blob);
	drmModeAtomicFree(req);
	return ret;
}

/* Page flip: only the primary plane's FB_ID changes. */
int ut_atomic_flip(int fd, const struct ut_output *out,
		   const struct ut_dumb *db, uint32_t flags, void *user_data)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	int ret;

	if (!req)
		return -ENOMEM;
	ret = ut_add(req, fd, out->plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID",
		     db->fb_id);
	if (!ret && drmModeAtomicCommit(fd, req, flags, user_data))
		ret = -errno;
	drmModeAtomicFree(req);
	return ret;
}

int ut_atomic_disable(int fd, const struct ut_output *out)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	int ret;

	if (!req)
		return -ENOMEM;
	ret = ut_add(req, fd, out->plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID", 0);
	ret |= ut_add(req, fd, out->plane_id, DRM_MODE_OBJECT_PLANE,
		      "CRTC_ID", 0);
	ret |= ut_add(req, fd, out->conn_id, DRM_MODE_OBJECT_CONNECTOR,
		      "CRTC_ID", 0);
	ret |= ut_add(req, fd, out->crtc_id, DRM_MODE_OBJECT_CRTC, "ACTIVE", 0);
	ret |= ut_add(req, fd, out->crtc_id, DRM_MODE_OBJECT_CRTC, "MODE_ID", 0);
	if (!ret && drmModeAtomicCommit(fd, req, DRM_MODE_ATOMIC_ALLOW_MODESET,
					NULL))
		ret = -errno;
	else if (ret)
		ret = -EINVAL;
	drmModeAtomicFree(req);
	return ret;
}

/*
 * ut_screendump - ask the host to save the display as NAME.ppm/.png.
 * Returns 0 once the host has saved it, or -1 (no harness, or it failed).
 */
int ut_screendump(const char *name)
{
	char cmd[256];
	int st;

	snprintf(cmd, sizeof(cmd), "omega-screendump '%s' > /dev/null", name);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "screendump %s failed (status %d)\n", name, st);
		return -1;
	}
	return 0;
}
