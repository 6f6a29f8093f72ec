// SPDX-License-Identifier: GPL-2.0
/*
 * omega-bench - display-path benchmark over the standard DRM/KMS uAPI.
 *
 * Runs unchanged on omega_vgpu and on Linux's virtio-gpu: it only uses
 * dumb buffers, atomic commits, legacy page flips, DIRTYFB and the legacy
 * cursor ioctls, and probes every optional feature (FB_DAMAGE_CLIPS,
 * DRM_CAP_ASYNC_PAGE_FLIP, cursor plane) before using it.
 *
 * Output: one line per metric,
 *   METRIC workload=<w> metric=<m> value=<v> unit=<u>
 * ("value=n/a" when the driver does not offer the feature), and one line per
 * measured window,
 *   PHASE workload=<w> start=<code> end=<code> updates=<n> damaged_bytes=<b>
 * where <code> is a marker the host sees: a 1024 x (64 + <code>) resource,
 * so that host-side counters (bytes copied by QEMU) can be split per workload.
 * VIS lines (guest monotonic times of markers and commits) let the host
 * work out commit-to-host-visible latency from its own trace timestamps.
 *
 * Usage: omega-bench [-d /dev/dri/cardN] [-s SCALE] [-w WORKLOAD[,WORKLOAD]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <drm_fourcc.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#ifndef DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT	/* libdrm before 2.4.118 */
#define DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT	6
#endif

#define NBUF		3
#define CURSOR_DIM	64
#define PACED_FRAMES	600
#define VIS_SAMPLES	20
#define MARK_VIS_BASE	100
/* Marker resources are 1024 x (MARK_HEIGHT0 + code): drivers have a minimum
 * framebuffer size (Linux's virtio-gpu: 32x32). */
#define MARK_HEIGHT0	64

struct buf {
	uint32_t handle, fb, pitch, w, h;
	uint64_t size;
	uint32_t *map;
};

struct plane_props {
	uint32_t fb_id, crtc_id, src_x, src_y, src_w, src_h;
	uint32_t crtc_x, crtc_y, crtc_w, crtc_h, damage;
};

struct flip_ev {
	bool done;
	unsigned int seq;
	uint64_t ts_us;		/* event timestamp (CLOCK_MONOTONIC) */
	uint64_t rx_ns;		/* when we read it */
};

struct bench {
	int fd;
	uint32_t conn_id, crtc_id, primary, cursor;
	uint32_t conn_crtc_prop, crtc_active_prop, crtc_mode_prop, mode_blob;
	drmModeModeInfo mode;
	double frame_us;
	struct plane_props pp;
	struct buf fb[NBUF];
	struct buf cur[2];
	bool has_async, has_cursor;
	unsigned long ebusy;	/* commits retried after EBUSY */
	double scale;
	const char *only;
	int next_mark;
	struct flip_ev ev;
	/* samples of the running workload */
	double *lat;
	int nlat, cap;
};

static void die(const char *what)
{
	fprintf(stderr, "omega-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Busy guest CPU time (all CPUs) from /proc/stat, in nanoseconds. */
static uint64_t cpu_busy_ns(void)
{
	unsigned long long v[10] = { 0 }, busy = 0;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "r");
	int i;

	if (!f)
		return 0;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) < 8) {
		fclose(f);
		return 0;
	}
	fclose(f);
	for (i = 0; i < 8; i++)
		if (i != 3 && i != 4)	/* idle, iowait */
			busy += v[i];
	return busy * (1000000000ull / (unsigned long long)hz);
}

/* ------------------------------------------------------------------ output */

static void metric(const char *w, const char *m, double v, const char *unit)
{
	printf("METRIC workload=%s metric=%s value=%.6g unit=%s\n", w, m, v, unit);
}

static void metric_na(const char *w, const char *m, const char *unit)
{
	printf("METRIC workload=%s metric=%s value=n/a unit=%s\n", w, m, unit);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double percentile(double *v, int n, double p)
{
	int i;

	if (n <= 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	i = (int)(p / 100.0 * (n - 1) + 0.5);
	return v[i];
}

static void lat_reset(struct bench *b, int n)
{
	if (n > b->cap) {
		b->lat = realloc(b->lat, n * sizeof(*b->lat));
		if (!b->lat)
			die("realloc");
		b->cap = n;
	}
	b->nlat = 0;
}

static void lat_add(struct bench *b, uint64_t ns)
{
	if (b->nlat < b->cap)
		b->lat[b->nlat++] = ns / 1e6;
}

/* ----------------------------------------------------------- properties */

static uint32_t prop_id(int fd, uint32_t obj, uint32_t type, const char *name)
{
	drmModeObjectProperties *props;
	uint32_t id = 0, i;

	props = drmModeObjectGetProperties(fd, obj, type);
	if (!props)
		return 0;
	for (i = 0; i < props->count_props && !id; i++) {
		drmModePropertyRes *p = drmModeGetProperty(fd, props->props[i]);

		if (p && !strcmp(p->name, name))
			id = p->prop_id;
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return id;
}

static uint64_t prop_value(int fd, uint32_t obj, uint32_t type,
			   const char *name)
{
	drmModeObjectProperties *props;
	uint64_t val = UINT64_MAX;
	uint32_t i;

	props = drmModeObjectGetProperties(fd, obj, type);
	if (!props)
		return val;
	for (i = 0; i < props->count_props; i++) {
		drmModePropertyRes *p = drmModeGetProperty(fd, props->props[i]);

		if (p && !strcmp(p->name, name))
			val = props->prop_values[i];
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return val;
}

static void plane_props(int fd, uint32_t plane, struct plane_props *pp)
{
	uint32_t t = DRM_MODE_OBJECT_PLANE;

	pp->fb_id = prop_id(fd, plane, t, "FB_ID");
	pp->crtc_id = prop_id(fd, plane, t, "CRTC_ID");
	pp->src_x = prop_id(fd, plane, t, "SRC_X");
	pp->src_y = prop_id(fd, plane, t, "SRC_Y");
	pp->src_w = prop_id(fd, plane, t, "SRC_W");
	pp->src_h = prop_id(fd, plane, t, "SRC_H");
	pp->crtc_x = prop_id(fd, plane, t, "CRTC_X");
	pp->crtc_y = prop_id(fd, plane, t, "CRTC_Y");
	pp->crtc_w = prop_id(fd, plane, t, "CRTC_W");
	pp->crtc_h = prop_id(fd, plane, t, "CRTC_H");
	pp->damage = prop_id(fd, plane, t, "FB_DAMAGE_CLIPS");
}

/* -------------------------------------------------------------- buffers */

static void buf_create(struct bench *b, struct buf *bo, uint32_t w, uint32_t h,
		       uint32_t format)
{
	struct drm_mode_create_dumb cd = { .width = w, .height = h, .bpp = 32 };
	struct drm_mode_map_dumb md = { 0 };
	uint32_t handles[4] = { 0 }, pitches[4] = { 0 }, offsets[4] = { 0 };
	void *p;

	if (drmIoctl(b->fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		die("CREATE_DUMB");
	md.handle = cd.handle;
	if (drmIoctl(b->fd, DRM_IOCTL_MODE_MAP_DUMB, &md))
		die("MAP_DUMB");
	p = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, b->fd,
		 md.offset);
	if (p == MAP_FAILED)
		die("mmap");
	handles[0] = cd.handle;
	pitches[0] = cd.pitch;
	if (drmModeAddFB2(b->fd, w, h, format, handles, pitches, offsets,
			  &bo->fb, 0))
		die("ADDFB2");
	bo->handle = cd.handle;
	bo->pitch = cd.pitch;
	bo->size = cd.size;
	bo->w = w;
	bo->h = h;
	bo->map = p;
}

static void buf_fill(struct buf *bo, uint32_t seed)
{
	uint32_t x, y;

	for (y = 0; y < bo->h; y++) {
		uint32_t *row = bo->map + y * (bo->pitch / 4);

		for (x = 0; x < bo->w; x++)
			row[x] = 0xff000000u | ((x + seed) & 0xff) << 16 |
				 ((y + seed * 3) & 0xff) << 8 | (seed * 40 & 0xff);
	}
}

static void buf_fill_rect(struct buf *bo, const drmModeClip *c, uint32_t v)
{
	uint32_t x, y;

	for (y = c->y1; y < c->y2; y++) {
		uint32_t *row = bo->map + y * (bo->pitch / 4);

		for (x = c->x1; x < c->x2; x++)
			row[x] = v;
	}
}

/*
 * A marker the host can see in order with the display commands: a
 * 1024 x (64 + @code) XRGB8888 resource.  Linux's driver creates the host resource
 * at dumb-buffer creation, omega_vgpu at framebuffer creation; both happen.
 */
static void host_marker(struct bench *b, int code)
{
	struct drm_mode_create_dumb cd = {
		.width = 1024, .height = MARK_HEIGHT0 + code, .bpp = 32
	};
	struct drm_mode_destroy_dumb dd = { 0 };
	uint32_t handles[4] = { 0 }, pitches[4] = { 0 }, offsets[4] = { 0 };
	uint32_t fb;

	if (drmIoctl(b->fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		die("marker CREATE_DUMB");
	handles[0] = cd.handle;
	pitches[0] = cd.pitch;
	if (drmModeAddFB2(b->fd, 1024, cd.height, DRM_FORMAT_XRGB8888, handles,
			  pitches, offsets, &fb, 0))
		fprintf(stderr, "omega-bench: marker %d ADDFB2: %s\n", code,
			strerror(errno));
	else
		drmModeRmFB(b->fd, fb);
	dd.handle = cd.handle;
	drmIoctl(b->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
}

/* --------------------------------------------------------------- events */

static void on_flip(int fd, unsigned int seq, unsigned int sec,
		    unsigned int usec, unsigned int crtc, void *data)
{
	struct bench *b = data;

	(void)fd;
	(void)crtc;
	b->ev.done = true;
	b->ev.seq = seq;
	b->ev.ts_us = (uint64_t)sec * 1000000ull + usec;
	b->ev.rx_ns = now_ns();
}

static int wait_flip(struct bench *b)
{
	drmEventContext ctx = { .version = 3, .page_flip_handler2 = on_flip };
	struct pollfd pfd = { .fd = b->fd, .events = POLLIN };

	while (!b->ev.done) {
		int r = poll(&pfd, 1, 3000);

		if (r <= 0) {
			fprintf(stderr, "omega-bench: no flip event in 3 s\n");
			return -1;
		}
		drmHandleEvent(b->fd, &ctx);
	}
	return 0;
}

/* --------------------------------------------------------------- commits */

static void add_plane(drmModeAtomicReq *req, struct bench *b, uint32_t fb)
{
	const struct plane_props *p = &b->pp;
	uint32_t w = b->mode.hdisplay, h = b->mode.vdisplay;

	drmModeAtomicAddProperty(req, b->primary, p->fb_id, fb);
	drmModeAtomicAddProperty(req, b->primary, p->crtc_id, b->crtc_id);
	drmModeAtomicAddProperty(req, b->primary, p->src_x, 0);
	drmModeAtomicAddProperty(req, b->primary, p->src_y, 0);
	drmModeAtomicAddProperty(req, b->primary, p->src_w, (uint64_t)w << 16);
	drmModeAtomicAddProperty(req, b->primary, p->src_h, (uint64_t)h << 16);
	drmModeAtomicAddProperty(req, b->primary, p->crtc_x, 0);
	drmModeAtomicAddProperty(req, b->primary, p->crtc_y, 0);
	drmModeAtomicAddProperty(req, b->primary, p->crtc_w, w);
	drmModeAtomicAddProperty(req, b->primary, p->crtc_h, h);
}

/*
 * One atomic commit of the primary plane showing @fb, with optional damage.
 * Nonblocking commits ask for a flip event and wait for it; the latency
 * sample is commit ioctl start to event read.  Returns 0 or -1.
 */
static int commit_primary(struct bench *b, uint32_t fb, const drmModeClip *clips,
			  int nclips, bool blocking)
{
	drmModeAtomicReq *req = drmModeAtomicAlloc();
	uint32_t flags = blocking ? 0 : DRM_MODE_ATOMIC_NONBLOCK | DRM_MODE_PAGE_FLIP_EVENT;
	uint32_t blob = 0;
	uint64_t t0;
	int ret;

	add_plane(req, b, fb);
	if (nclips && b->pp.damage) {
		struct drm_mode_rect r[16];
		int i;

		/* FB_DAMAGE_CLIPS takes 32-bit rectangles, DIRTYFB 16-bit ones */
		for (i = 0; i < nclips && i < 16; i++) {
			r[i].x1 = clips[i].x1;
			r[i].y1 = clips[i].y1;
			r[i].x2 = clips[i].x2;
			r[i].y2 = clips[i].y2;
		}
		if (drmModeCreatePropertyBlob(b->fd, r, i * sizeof(*r), &blob))
			die("damage blob");
		drmModeAtomicAddProperty(req, b->primary, b->pp.damage, blob);
	}
	b->ev.done = false;
	t0 = now_ns();
	ret = drmModeAtomicCommit(b->fd, req, flags, b);
	/*
	 * EBUSY: the previous commit on the CRTC has not signalled flip_done
	 * yet (a driver may still be finishing a modeset).  A compositor
	 * would wait; so do we, and count it.
	 */
	while (ret && errno == EBUSY && now_ns() - t0 < 3000000000ull) {
		b->ebusy++;
		usleep(200);
		ret = drmModeAtomicCommit(b->fd, req, flags, b);
	}
	if (ret) {
		fprintf(stderr, "omega-bench: atomic commit: %s\n", strerror(errno));
	} else if (blocking) {
		lat_add(b, now_ns() - t0);
	} else {
		ret = wait_flip(b);
		if (!ret)
			lat_add(b, b->ev.rx_ns - t0);
	}
	drmModeAtomicFree(req);
	if (blob)
		drmModeDestroyPropertyBlob(b->fd, blob);
	return ret;
}

static int modeset(struct bench *b)
{
	drmModeAtomicReq *req = drmModeAtomicAlloc();
	int ret;

	if (drmModeCreatePropertyBlob(b->fd, &b->mode, sizeof(b->mode),
				      &b->mode_blob))
		die("mode blob");
	drmModeAtomicAddProperty(req, b->conn_id, b->conn_crtc_prop, b->crtc_id);
	drmModeAtomicAddProperty(req, b->crtc_id, b->crtc_active_prop, 1);
	drmModeAtomicAddProperty(req, b->crtc_id, b->crtc_mode_prop, b->mode_blob);
	add_plane(req, b, b->fb[0].fb);
	ret = drmModeAtomicCommit(b->fd, req, DRM_MODE_ATOMIC_ALLOW_MODESET, NULL);
	drmModeAtomicFree(req);
	if (ret)
		die("modeset commit");
	return 0;
}

/* --------------------------------------------------------------- setup */

static void setup(struct bench *b, const char *dev)
{
	drmModeRes *res;
	drmModeConnector *conn = NULL;
	drmModePlaneRes *planes;
	uint64_t cap = 0;
	uint32_t i, crtc_idx = 0;
	int j;

	b->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (b->fd < 0)
		die(dev);
	if (drmSetClientCap(b->fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1) ||
	    drmSetClientCap(b->fd, DRM_CLIENT_CAP_ATOMIC, 1))
		die("atomic client cap");
	/*
	 * Since Linux 6.8 the cursor plane of a paravirtual driver is hidden
	 * from atomic clients that do not declare hotspot support; the legacy
	 * cursor ioctls used here set the hotspot.  Older kernels refuse the
	 * cap, which changes nothing for them.
	 */
	drmSetClientCap(b->fd, DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT, 1);
	b->has_async = !drmGetCap(b->fd, DRM_CAP_ASYNC_PAGE_FLIP, &cap) && cap;

	res = drmModeGetResources(b->fd);
	if (!res)
		die("GETRESOURCES");
	for (j = 0; j < res->count_connectors && !conn; j++) {
		conn = drmModeGetConnector(b->fd, res->connectors[j]);
		if (conn && (conn->connection != DRM_MODE_CONNECTED ||
			     !conn->count_modes)) {
			drmModeFreeConnector(conn);
			conn = NULL;
		}
	}
	if (!conn) {
		errno = ENODEV;
		die("no connected connector");
	}
	b->conn_id = conn->connector_id;
	b->mode = conn->modes[0];
	for (j = 0; j < conn->count_modes; j++)
		if (conn->modes[j].type & DRM_MODE_TYPE_PREFERRED) {
			b->mode = conn->modes[j];
			break;
		}
	/* CRTC: the first one the connector's first encoder can drive. */
	{
		drmModeEncoder *enc = drmModeGetEncoder(b->fd, conn->encoders[0]);

		for (j = 0; j < res->count_crtcs; j++)
			if (enc && (enc->possible_crtcs & (1u << j))) {
				crtc_idx = j;
				break;
			}
		drmModeFreeEncoder(enc);
	}
	b->crtc_id = res->crtcs[crtc_idx];
	b->frame_us = 1e6 * b->mode.htotal * b->mode.vtotal /
		      (b->mode.clock * 1000.0);

	planes = drmModeGetPlaneResources(b->fd);
	if (!planes)
		die("GETPLANERESOURCES");
	for (i = 0; i < planes->count_planes; i++) {
		drmModePlane *p = drmModeGetPlane(b->fd, planes->planes[i]);
		uint64_t type;

		if (!p)
			continue;
		if (p->possible_crtcs & (1u << crtc_idx)) {
			type = prop_value(b->fd, p->plane_id, DRM_MODE_OBJECT_PLANE,
					  "type");
			if (type == DRM_PLANE_TYPE_PRIMARY && !b->primary)
				b->primary = p->plane_id;
			if (type == DRM_PLANE_TYPE_CURSOR && !b->cursor)
				b->cursor = p->plane_id;
		}
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(planes);
	plane_props(b->fd, b->primary, &b->pp);
	b->conn_crtc_prop = prop_id(b->fd, b->conn_id, DRM_MODE_OBJECT_CONNECTOR,
				    "CRTC_ID");
	b->crtc_active_prop = prop_id(b->fd, b->crtc_id, DRM_MODE_OBJECT_CRTC,
				      "ACTIVE");
	b->crtc_mode_prop = prop_id(b->fd, b->crtc_id, DRM_MODE_OBJECT_CRTC,
				    "MODE_ID");

	for (j = 0; j < NBUF; j++) {
		buf_create(b, &b->fb[j], b->mode.hdisplay, b->mode.vdisplay,
			   DRM_FORMAT_XRGB8888);
		buf_fill(&b->fb[j], j * 50);
	}
	b->has_cursor = b->cursor != 0;
	for (j = 0; j < 2 && b->has_cursor; j++) {
		buf_create(b, &b->cur[j], CURSOR_DIM, CURSOR_DIM,
			   DRM_FORMAT_ARGB8888);
		buf_fill(&b->cur[j], 7 + j * 90);
	}
	modeset(b);

	printf("INFO mode=%ux%u@%u frame_us=%.1f crtc=%u primary=%u cursor=%u damage_clips=%d async_flip=%d\n",
	       b->mode.hdisplay, b->mode.vdisplay, b->mode.vrefresh, b->frame_us,
	       b->crtc_id, b->primary, b->cursor, b->pp.damage != 0, b->has_async);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
}

/* ----------------------------------------------------------- workloads */

struct window {
	const char *name;
	int count, start_mark;
	uint64_t t0, cpu0;
	unsigned long ebusy0;
	double damaged_bytes;
};

static int count_of(struct bench *b, int base)
{
	int n = (int)(base * b->scale);

	return n < 10 ? 10 : n;
}

/*
 * A fast workload's count stretched so that its window lasts about a
 * second (times -s) at the pace its warm-up showed: rates then average over
 * enough host noise, and /proc/stat's 10 ms ticks over enough time.  Slow
 * (vblank-paced) workloads keep their count.
 */
#define MIN_WINDOW_NS	1000000000.0
#define MAX_STRETCH	50

static int count_timed(struct bench *b, int base, uint64_t warm_ns, int warm_n)
{
	int n = count_of(b, base), most = count_of(b, base * MAX_STRETCH);
	double want;

	if (!warm_ns || warm_n <= 0)
		return n;
	want = MIN_WINDOW_NS * b->scale * warm_n / (double)warm_ns;
	if (want > most)
		return most;
	return want > n ? (int)want : n;
}

static bool wanted(struct bench *b, const char *name)
{
	const char *p;
	size_t n = strlen(name);

	if (!b->only)
		return true;
	for (p = b->only; (p = strstr(p, name)); p += n)
		if ((p == b->only || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

static void window_begin(struct bench *b, struct window *w, const char *name,
			 int count, double damaged_bytes)
{
	w->name = name;
	w->count = count;
	w->damaged_bytes = damaged_bytes;
	w->start_mark = b->next_mark++;
	host_marker(b, w->start_mark);
	lat_reset(b, count);
	w->ebusy0 = b->ebusy;
	w->cpu0 = cpu_busy_ns();
	w->t0 = now_ns();
}

static void window_end(struct bench *b, struct window *w, const char *unit)
{
	uint64_t dt = now_ns() - w->t0;
	uint64_t cpu = cpu_busy_ns() - w->cpu0;
	int end_mark = b->next_mark++;

	host_marker(b, end_mark);
	metric(w->name, "rate", w->count / (dt / 1e9), unit);
	metric(w->name, "lat_p50", percentile(b->lat, b->nlat, 50), "ms");
	metric(w->name, "lat_p99", percentile(b->lat, b->nlat, 99), "ms");
	metric(w->name, "cpu_per_update", cpu / 1e6 / w->count, "ms");
	metric(w->name, "ebusy_retries", b->ebusy - w->ebusy0, "count");
	printf("PHASE workload=%s start=%d end=%d updates=%d damaged_bytes=%.0f\n",
	       w->name, w->start_mark, end_mark, w->count, w->damaged_bytes);
}

static double frame_bytes(struct bench *b)
{
	return 4.0 * b->mode.hdisplay * b->mode.vdisplay;
}

/* (1) flips of pre-drawn buffers, atomic nonblocking with events */
static void wl_flip(struct bench *b)
{
	struct window w;
	uint64_t t0 = now_ns();
	int i, n;

	for (i = 0; i < 20; i++)
		commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false);
	n = count_timed(b, 300, now_ns() - t0, 20);
	window_begin(b, &w, "flip_atomic", n, frame_bytes(b));
	for (i = 0; i < n; i++)
		if (commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false))
			exit(1);
	window_end(b, &w, "fps");
}

/* (1b) legacy page flips with DRM_MODE_PAGE_FLIP_ASYNC, if offered */
static int legacy_flip(struct bench *b, uint32_t fb, uint32_t flags)
{
	uint64_t t0 = now_ns();

	b->ev.done = false;
	if (drmModePageFlip(b->fd, b->crtc_id, fb,
			    DRM_MODE_PAGE_FLIP_EVENT | flags, b)) {
		fprintf(stderr, "omega-bench: page flip: %s\n", strerror(errno));
		return -1;
	}
	if (wait_flip(b))
		return -1;
	lat_add(b, b->ev.rx_ns - t0);
	return 0;
}

/*
 * (2b) the same with async flips where the driver offers them: the
 * low-latency path a compositor takes when it does not want vblank pacing.
 */
static void wl_flip_draw_async(struct bench *b)
{
	static const char *const m[] = { "rate", "lat_p50", "lat_p99", "cpu_per_update" };
	static const char *const u[] = { "fps", "ms", "ms", "ms" };
	struct window w;
	uint64_t t0;
	int i, n;

	if (!b->has_async) {
		for (i = 0; i < 4; i++)
			metric_na("flip_draw_async", m[i], u[i]);
		return;
	}
	lat_reset(b, 10);
	t0 = now_ns();
	for (i = 0; i < 10; i++) {
		buf_fill(&b->fb[i % NBUF], i);
		if (legacy_flip(b, b->fb[i % NBUF].fb, DRM_MODE_PAGE_FLIP_ASYNC))
			return;
	}
	n = count_timed(b, 200, now_ns() - t0, 10);
	window_begin(b, &w, "flip_draw_async", n, frame_bytes(b));
	for (i = 0; i < n; i++) {
		struct buf *bo = &b->fb[i % NBUF];

		buf_fill(bo, i);
		if (legacy_flip(b, bo->fb, DRM_MODE_PAGE_FLIP_ASYNC))
			exit(1);
	}
	window_end(b, &w, "fps");
}

static void wl_flip_async(struct bench *b)
{
	static const char *const m[] = { "rate", "lat_p50", "lat_p99", "cpu_per_update" };
	static const char *const u[] = { "fps", "ms", "ms", "ms" };
	struct window w;
	uint64_t t0;
	int i, n;

	if (!b->has_async) {
		for (i = 0; i < 4; i++)
			metric_na("flip_async", m[i], u[i]);
		return;
	}
	lat_reset(b, 20);
	t0 = now_ns();
	for (i = 0; i < 20; i++)
		if (legacy_flip(b, b->fb[i % NBUF].fb, DRM_MODE_PAGE_FLIP_ASYNC))
			return;
	n = count_timed(b, 300, now_ns() - t0, 20);
	window_begin(b, &w, "flip_async", n, frame_bytes(b));
	for (i = 0; i < n; i++)
		if (legacy_flip(b, b->fb[i % NBUF].fb, DRM_MODE_PAGE_FLIP_ASYNC))
			exit(1);
	window_end(b, &w, "fps");
}

/* (2) the CPU draws every frame before flipping to it */
static void wl_flip_draw(struct bench *b)
{
	struct window w;
	uint64_t t0 = now_ns();
	int i, n;

	for (i = 0; i < 10; i++) {
		buf_fill(&b->fb[i % NBUF], i);
		commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false);
	}
	n = count_timed(b, 200, now_ns() - t0, 10);
	window_begin(b, &w, "flip_draw", n, frame_bytes(b));
	for (i = 0; i < n; i++) {
		struct buf *bo = &b->fb[i % NBUF];

		buf_fill(bo, i);
		if (commit_primary(b, bo->fb, NULL, 0, false))
			exit(1);
	}
	window_end(b, &w, "fps");
}

/* 16 scattered 32x32 rectangles on a 4x4 grid spread over the frame */
static int scattered_clips(struct bench *b, drmModeClip *c, int frame)
{
	int i;

	for (i = 0; i < 16; i++) {
		uint32_t gx = b->mode.hdisplay / 4, gy = b->mode.vdisplay / 4;
		uint32_t x = (i % 4) * gx + ((frame * 7 + i * 13) % (gx - 32));
		uint32_t y = (i / 4) * gy + ((frame * 5 + i * 11) % (gy - 32));

		c[i].x1 = x;
		c[i].y1 = y;
		c[i].x2 = x + 32;
		c[i].y2 = y + 32;
	}
	return 16;
}

static int single_clip(struct bench *b, drmModeClip *c, int frame)
{
	uint32_t x = (frame * 37) % (b->mode.hdisplay - 64);
	uint32_t y = (frame * 23) % (b->mode.vdisplay - 64);

	c[0].x1 = x;
	c[0].y1 = y;
	c[0].x2 = x + 64;
	c[0].y2 = y + 64;
	return 1;
}

/*
 * (3) damage on the buffer being shown (front-buffer rendering, as a
 * terminal or a damage-tracking compositor does): draw the rectangles, then
 * tell the driver which ones changed.
 */
static void wl_damage(struct bench *b, const char *name, bool dirtyfb,
		      int (*clips_of)(struct bench *, drmModeClip *, int))
{
	drmModeClip c[16];
	struct window w;
	struct buf *bo = &b->fb[0];
	int i, k, nc, n = count_of(b, 400);
	uint64_t warm0 = 0;
	double area = 0;

	if (commit_primary(b, bo->fb, NULL, 0, false))
		exit(1);
	nc = clips_of(b, c, 0);
	for (k = 0; k < nc; k++)
		area += 4.0 * (c[k].x2 - c[k].x1) * (c[k].y2 - c[k].y1);
	if (!dirtyfb && !b->pp.damage)
		printf("INFO %s: no FB_DAMAGE_CLIPS property, commits carry no damage\n",
		       name);
	for (i = -20; i < n; i++) {
		uint64_t t0;

		if (i == -20)
			warm0 = now_ns();
		if (i == 0) {
			n = count_timed(b, 400, now_ns() - warm0, 20);
			window_begin(b, &w, name, n, area);
		}
		nc = clips_of(b, c, i + 20);
		for (k = 0; k < nc; k++)
			buf_fill_rect(bo, &c[k], 0xff000000u | (i * 0x010305u));
		if (!dirtyfb) {
			if (commit_primary(b, bo->fb, c, nc, false))
				exit(1);
			continue;
		}
		t0 = now_ns();
		if (drmModeDirtyFB(b->fd, bo->fb, c, nc)) {
			fprintf(stderr, "omega-bench: DIRTYFB: %s\n", strerror(errno));
			exit(1);
		}
		lat_add(b, now_ns() - t0);
	}
	window_end(b, &w, "updates/s");
}

/* (4) cursor moves and cursor image changes, legacy cursor ioctls */
static void wl_cursor(struct bench *b)
{
	static const char *const m[] = { "rate", "lat_p50", "lat_p99", "cpu_per_update" };
	static const char *const u[] = { "updates/s", "ms", "ms", "ms" };
	struct window w;
	int i, n = count_of(b, 2000), ni = count_of(b, 300);
	uint64_t t0, warm0 = 0;

	if (!b->has_cursor ||
	    drmModeSetCursor(b->fd, b->crtc_id, b->cur[0].handle, CURSOR_DIM,
			     CURSOR_DIM)) {
		for (i = 0; i < 4; i++) {
			metric_na("cursor_move", m[i], u[i]);
			metric_na("cursor_image", m[i], u[i]);
		}
		return;
	}
	for (i = -50; i < n; i++) {
		if (i == -50)
			warm0 = now_ns();
		if (i == 0) {
			n = count_timed(b, 2000, now_ns() - warm0, 50);
			window_begin(b, &w, "cursor_move", n, 0);
		}
		t0 = now_ns();
		/* stays fully on screen: omega_vgpu rejects a clipped cursor */
		if (drmModeMoveCursor(b->fd, b->crtc_id,
				      ((i + 50) * 7) % (b->mode.hdisplay - CURSOR_DIM),
				      ((i + 50) * 3) % (b->mode.vdisplay - CURSOR_DIM)))
			die("MOVE_CURSOR");
		lat_add(b, now_ns() - t0);
	}
	window_end(b, &w, "updates/s");
	for (i = -20; i < ni; i++) {
		struct buf *bo = &b->cur[(i + 20) & 1];

		if (i == -20)
			warm0 = now_ns();
		if (i == 0) {
			ni = count_timed(b, 300, now_ns() - warm0, 20);
			window_begin(b, &w, "cursor_image", ni,
				     4.0 * CURSOR_DIM * CURSOR_DIM);
		}
		bo->map[(i & 63) * CURSOR_DIM + (i & 63)] ^= 0x00ffffff;
		t0 = now_ns();
		if (drmModeSetCursor(b->fd, b->crtc_id, bo->handle, CURSOR_DIM,
				     CURSOR_DIM))
			die("SET_CURSOR");
		lat_add(b, now_ns() - t0);
	}
	window_end(b, &w, "updates/s");
	drmModeSetCursor(b->fd, b->crtc_id, 0, 0, 0);
}

/* (5) blocking atomic commits, full-frame flips */
static void wl_blocking(struct bench *b)
{
	struct window w;
	int i, n = count_of(b, 200);
	uint64_t warm0 = 0;

	for (i = -10; i < n; i++) {
		if (i == -10)
			warm0 = now_ns();
		if (i == 0) {
			n = count_timed(b, 200, now_ns() - warm0, 10);
			window_begin(b, &w, "commit_blocking", n, frame_bytes(b));
		}
		if (commit_primary(b, b->fb[(i + 10) % NBUF].fb, NULL, 0, true))
			exit(1);
	}
	window_end(b, &w, "commits/s");
}

/* (6) flips paced by flip events for 600 frames, like a compositor */
static void wl_paced(struct bench *b)
{
	static double gaps[PACED_FRAMES], dev[PACED_FRAMES];
	uint64_t ts[PACED_FRAMES];
	unsigned int seq[PACED_FRAMES];
	double missed = 0, span_us, ft = b->frame_us;
	struct window w;
	int i, n = PACED_FRAMES, seq_missed = 0;

	for (i = 0; i < 10; i++)
		commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false);
	window_begin(b, &w, "paced", n, frame_bytes(b));
	for (i = 0; i < n; i++) {
		if (commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false))
			exit(1);
		ts[i] = b->ev.ts_us;
		seq[i] = b->ev.seq;
	}
	window_end(b, &w, "fps");
	for (i = 1; i < n; i++) {
		double g = (double)(ts[i] - ts[i - 1]);
		double frames = g / ft;

		gaps[i - 1] = g / 1000.0;
		dev[i - 1] = 100.0 * (g > ft ? g - ft : ft - g) / ft;
		if (frames > 1.5)
			missed += (int)(frames + 0.5) - 1;
		if (seq[i] > seq[i - 1] + 1)
			seq_missed += seq[i] - seq[i - 1] - 1;
	}
	span_us = (double)(ts[n - 1] - ts[0]);
	metric("paced", "refresh", 1e6 / ft, "Hz");
	metric("paced", "event_rate", span_us > 0 ? (n - 1) * 1e6 / span_us : 0, "fps");
	metric("paced", "rate_vs_refresh",
	       span_us > 0 ? (n - 1) * ft / span_us : 0, "ratio");
	metric("paced", "missed_frames", missed, "frames");
	metric("paced", "missed_seq", seq_missed, "frames");
	metric("paced", "spacing_p50", percentile(gaps, n - 1, 50), "ms");
	metric("paced", "spacing_p99", percentile(gaps, n - 1, 99), "ms");
	metric("paced", "spacing_dev_p99", percentile(dev, n - 1, 99), "pct");
}

/*
 * (7) inputs for commit-to-host-visible latency: spaced-out flips, each
 * preceded by a marker.  The host matches the marker's and the flip's
 * resource flush in its trace; the guest prints its own times of both.
 */
static void wl_visible(struct bench *b)
{
	int i;

	for (i = 0; i < VIS_SAMPLES; i++) {
		uint64_t tm, tc;

		usleep(20000);
		tm = now_ns();
		host_marker(b, MARK_VIS_BASE + i);
		usleep(20000);
		tc = now_ns();
		if (commit_primary(b, b->fb[i % NBUF].fb, NULL, 0, false))
			exit(1);
		printf("VIS i=%d mark=%d t_mark_ns=%" PRIu64 " t_commit_ns=%" PRIu64
		       " t_event_ns=%" PRIu64 "\n", i, MARK_VIS_BASE + i, tm, tc,
		       b->ev.rx_ns);
	}
}

int main(int argc, char **argv)
{
	struct bench b = { .scale = 1.0, .next_mark = 1 };
	const char *dev = "/dev/dri/card0";
	int opt;

	while ((opt = getopt(argc, argv, "d:s:w:")) != -1) {
		switch (opt) {
		case 'd':
			dev = optarg;
			break;
		case 's':
			b.scale = atof(optarg);
			break;
		case 'w':
			b.only = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-d DEV] [-s SCALE] [-w WL,...]\n",
				argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	setup(&b, dev);
	if (wanted(&b, "flip_atomic"))
		wl_flip(&b);
	if (wanted(&b, "flip_async"))
		wl_flip_async(&b);
	if (wanted(&b, "flip_draw"))
		wl_flip_draw(&b);
	if (wanted(&b, "flip_draw_async"))
		wl_flip_draw_async(&b);
	if (wanted(&b, "damage"))
		wl_damage(&b, "damage_atomic_1x64", false, single_clip);
	if (wanted(&b, "damage"))
		wl_damage(&b, "damage_atomic_16x32", false, scattered_clips);
	if (wanted(&b, "damage"))
		wl_damage(&b, "dirtyfb_1x64", true, single_clip);
	if (wanted(&b, "damage"))
		wl_damage(&b, "dirtyfb_16x32", true, scattered_clips);
	if (wanted(&b, "cursor"))
		wl_cursor(&b);
	if (wanted(&b, "blocking"))
		wl_blocking(&b);
	if (wanted(&b, "paced"))
		wl_paced(&b);
	if (wanted(&b, "visible"))
		wl_visible(&b);
	printf("DONE\n");
	return 0;
}
