// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the omega_vgpu reliability tests (see rel_common.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "rel_common.h"

uint64_t rel_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rel_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return 0;
}

static char *rel_read_debugfs(const char *file)
{
	char path[256], *buf;
	size_t len = 0, cap = 65536;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", REL_DEBUGFS, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	while (buf && (n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *more = realloc(buf, cap * 2);

			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			cap *= 2;
		}
	}
	close(fd);
	if (buf)
		buf[len] = 0;
	return buf;
}

long long rel_debugfs_value(const char *file, const char *key)
{
	char *buf = rel_read_debugfs(file), *line;
	size_t klen = strlen(key);
	long long v = -1;

	if (!buf)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			v = atoll(line + klen + 1);
			break;
		}
	}
	free(buf);
	return v;
}

int rel_debugfs_count(const char *file, const char *needle)
{
	char *buf = rel_read_debugfs(file), *line;
	int n = 0;

	if (!buf)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		n += strstr(line, needle) != NULL;
	free(buf);
	return n;
}

static int rel_plane_type(int fd, uint32_t plane, uint64_t *type)
{
	drmModeObjectPropertiesPtr props;
	int ret = -ENOENT;
	uint32_t i;

	props = drmModeObjectGetProperties(fd, plane, DRM_MODE_OBJECT_PLANE);
	if (!props)
		return -errno;
	for (i = 0; i < props->count_props && ret; i++) {
		drmModePropertyPtr p = drmModeGetProperty(fd, props->props[i]);

		if (!p)
			continue;
		if (!strcmp(p->name, "type")) {
			*type = props->prop_values[i];
			ret = 0;
		}
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return ret;
}

/* Primary and cursor plane of the CRTC with index @idx. */
static int rel_planes(int fd, unsigned int idx, uint32_t *primary,
		      uint32_t *cursor)
{
	drmModePlaneResPtr pres = drmModeGetPlaneResources(fd);
	uint32_t i;

	*primary = *cursor = 0;
	if (!pres)
		return -errno;
	for (i = 0; i < pres->count_planes; i++) {
		drmModePlanePtr p = drmModeGetPlane(fd, pres->planes[i]);
		uint64_t type = 0;

		if (!p)
			continue;
		if ((p->possible_crtcs & (1u << idx)) &&
		    !rel_plane_type(fd, p->plane_id, &type)) {
			if (type == DRM_PLANE_TYPE_PRIMARY && !*primary)
				*primary = p->plane_id;
			if (type == DRM_PLANE_TYPE_CURSOR && !*cursor)
				*cursor = p->plane_id;
		}
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pres);
	return *primary ? 0 : -ENOENT;
}

int rel_client_caps(int fd)
{
	if (ut_enable_atomic(fd))
		return -errno;
	drmSetClientCap(fd, DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT, 1);
	return 0;
}

int rel_outputs(int fd, struct rel_output *outs, int max)
{
	drmModeResPtr res;
	int i, c, n = 0;

	if (rel_client_caps(fd))
		return -errno;
	res = drmModeGetResources(fd);
	if (!res)
		return -errno;
	for (i = 0; i < res->count_connectors && n < max; i++) {
		drmModeConnectorPtr conn = drmModeGetConnector(fd, res->connectors[i]);
		drmModeEncoderPtr enc;

		if (!conn)
			continue;
		if (conn->connection != DRM_MODE_CONNECTED || !conn->count_modes ||
		    !conn->count_encoders) {
			drmModeFreeConnector(conn);
			continue;
		}
		enc = drmModeGetEncoder(fd, conn->encoders[0]);
		for (c = 0; enc && c < res->count_crtcs; c++) {
			struct rel_output *o = &outs[n];
			int m;

			if (!(enc->possible_crtcs & (1u << c)))
				continue;
			memset(o, 0, sizeof(*o));
			o->o.conn_id = conn->connector_id;
			o->o.enc_id = enc->encoder_id;
			o->o.crtc_id = res->crtcs[c];
			o->o.crtc_index = c;
			o->o.mode = conn->modes[0];
			for (m = 0; m < conn->count_modes; m++)
				if (conn->modes[m].type & DRM_MODE_TYPE_PREFERRED) {
					o->o.mode = conn->modes[m];
					break;
				}
			if (!rel_planes(fd, c, &o->o.plane_id, &o->cursor_plane))
				n++;
			break;
		}
		if (enc)
			drmModeFreeEncoder(enc);
		drmModeFreeConnector(conn);
	}
	drmModeFreeResources(res);
	return n;
}

int rel_lease(int fd, const struct rel_output *out)
{
	uint32_t objs[4] = { out->o.conn_id, out->o.crtc_id, out->o.plane_id,
			     out->cursor_plane };
	uint32_t lessee;
	int lfd;

	lfd = drmModeCreateLease(fd, objs, out->cursor_plane ? 4 : 3, O_CLOEXEC,
				 &lessee);
	return lfd < 0 ? -errno : lfd;
}

/* ---------------------------------------------------------------------
 * Flip loop
 */

struct rel_flip_ctx {
	uint64_t expect;	/* sequence number of the flip in flight */
	bool got;
	struct rel_flip_stats *st;
};

/* drmHandleEvent has no context argument besides the flip's user data. */
static struct rel_flip_ctx *rel_cur_ctx;

static void rel_flip_handler2(int fd, unsigned int seq, unsigned int sec,
			      unsigned int usec, unsigned int crtc_id,
			      void *user_data)
{
	struct rel_flip_ctx *ctx = rel_cur_ctx;
	uint64_t got = (uint64_t)(uintptr_t)user_data;

	(void)fd; (void)seq; (void)sec; (void)usec; (void)crtc_id;
	if (got == ctx->expect && !ctx->got) {
		ctx->got = true;
		ctx->st->events++;
	} else {
		ctx->st->dup++;
	}
}

static void rel_set_err(struct rel_flip_stats *st, const char *op, int err)
{
	if (!st->err) {
		st->err = err;
		st->err_op = op;
	}
}

/* Wait until the expected event came: 1, 0 on timeout, -errno. */
static int rel_wait_flip(int fd, struct rel_flip_ctx *ctx, int timeout_ms,
			 const struct rel_output *out, bool cursor,
			 uint64_t frame)
{
	drmEventContext ev = {
		.version = 3,
		.page_flip_handler2 = rel_flip_handler2,
	};
	uint64_t end = rel_now_ms() + timeout_ms;
	int moves = 0;

	while (!ctx->got) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t left = (int64_t)(end - rel_now_ms());
		int r;

		if (left <= 0)
			return 0;
		if (cursor && moves < 2) {
			int x = (frame * 7 + moves * 13) % out->o.mode.hdisplay;
			int y = (frame * 5 + moves * 11) % out->o.mode.vdisplay;

			if (drmModeMoveCursor(fd, out->o.crtc_id, x, y))
				rel_set_err(ctx->st, "move_cursor", errno);
			else
				ctx->st->cursor_moves++;
			moves++;
		}
		r = poll(&p, 1, left > 20 ? 20 : left);
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)))
			return -ENODEV;
		if (r > 0 && drmHandleEvent(fd, &ev))
			return -errno ? -errno : -EIO;
	}
	return 1;
}

/*
 * A page flip with the property id looked up beforehand: after an unplug
 * the commit itself must be what fails.
 */
static int rel_commit_flip(int fd, uint32_t plane, uint32_t fb_prop,
			   uint32_t fb_id, uint64_t seq)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	int ret = 0;

	if (!req)
		return -ENOMEM;
	if (drmModeAtomicAddProperty(req, plane, fb_prop, fb_id) < 0)
		ret = -ENOMEM;
	else if (drmModeAtomicCommit(fd, req, DRM_MODE_ATOMIC_NONBLOCK |
				     DRM_MODE_PAGE_FLIP_EVENT,
				     (void *)(uintptr_t)seq))
		ret = -errno;
	drmModeAtomicFree(req);
	return ret;
}

int rel_flip_loop(int fd, const struct rel_output *out,
		  const struct rel_flip_opts *opts, struct rel_flip_stats *st)
{
	struct rel_flip_ctx ctx = { .st = st };
	struct ut_dumb db[2], cur;
	uint64_t end, frame = 0;
	uint32_t fb_prop;
	int ret, timeout = opts->event_timeout_ms ? opts->event_timeout_ms : 2000;

	memset(st, 0, sizeof(*st));
	memset(&cur, 0, sizeof(cur));
	rel_cur_ctx = &ctx;
	if (rel_client_caps(fd))
		return -errno;
	st->err_op = "create_dumb";
	ret = ut_dumb_create(fd, out->o.mode.hdisplay, out->o.mode.vdisplay, &db[0]);
	if (ret)
		return ret;
	ret = ut_dumb_create(fd, out->o.mode.hdisplay, out->o.mode.vdisplay, &db[1]);
	if (ret)
		goto free0;
	ut_dumb_fill(&db[0], 0x203040 + out->o.crtc_index * 0x400000);
	ut_dumb_fill(&db[1], 0x402010 + out->o.crtc_index * 0x000040);
	st->err_op = "addfb2";
	ret = ut_dumb_add_fb(fd, &db[0], DRM_FORMAT_XRGB8888);
	if (!ret)
		ret = ut_dumb_add_fb(fd, &db[1], DRM_FORMAT_XRGB8888);
	if (ret)
		goto free1;
	st->err_op = "atomic_modeset";
	ret = ut_atomic_modeset(fd, &out->o, &out->o.mode, &db[0], 0, NULL);
	if (ret)
		goto free1;
	if (opts->cursor) {
		st->err_op = "cursor_create";
		ret = ut_dumb_create(fd, 64, 64, &cur);
		if (ret)
			goto free1;
		ut_dumb_fill(&cur, 0xffff00ff);
		st->err_op = "set_cursor";
		if (drmModeSetCursor(fd, out->o.crtc_id, cur.handle, 64, 64)) {
			ret = -errno;
			goto free1;
		}
	}
	st->err_op = "get_properties";
	fb_prop = ut_prop_id(fd, out->o.plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID");
	if (!fb_prop) {
		ret = -ENOENT;
		goto free1;
	}
	st->err_op = NULL;

	end = rel_now_ms() + (uint64_t)opts->seconds * 1000;
	while ((opts->seconds == 0 || rel_now_ms() < end) &&
	       (opts->max_flips == 0 || frame < opts->max_flips)) {
		struct ut_dumb *back = &db[(frame + 1) % 2];
		uint32_t row = frame % back->height;

		/* Touch the mapping: a stripe moving down the back buffer. */
		memset((char *)back->map + (size_t)row * back->pitch, 0xff,
		       back->pitch);
		ctx.expect = ++frame;
		ctx.got = false;
		ret = rel_commit_flip(fd, out->o.plane_id, fb_prop, back->fb_id,
				      ctx.expect);
		if (ret) {
			rel_set_err(st, "atomic_flip", -ret);
			break;
		}
		st->flips++;
		ret = rel_wait_flip(fd, &ctx, timeout, out, opts->cursor, frame);
		if (ret <= 0) {
			st->lost++;
			if (ret < 0)
				rel_set_err(st, "event_wait", -ret);
			break;
		}
	}
	ret = 0;
	if (opts->until_error) {
		/* The mappings must stay usable after the device is gone. */
		memset(db[0].map, 0x11, db[0].size);
		memset(db[1].map, 0x22, db[1].size);
	}
	if (opts->keep_objects) {
		/* Only the mappings: they would keep the file (and master) alive. */
		munmap(db[0].map, db[0].size);
		munmap(db[1].map, db[1].size);
		if (cur.map)
			munmap(cur.map, cur.size);
		return 0;
	}
free1:
	if (cur.handle)
		ut_dumb_destroy(fd, &cur);
	ut_dumb_destroy(fd, &db[1]);
free0:
	ut_dumb_destroy(fd, &db[0]);
	return ret;
}
