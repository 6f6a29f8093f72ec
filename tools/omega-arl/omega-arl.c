// SPDX-License-Identifier: GPL-2.0
/*
 * omega-arl: manage and use omega_vgpu ARL grants (Documentation/arl.rst).
 *
 *   omega-arl [-d DEV] grant <cgroup-path> <rights> <crtc> <x,y,w,h> [inflight] [bytes/s]
 *   omega-arl [-d DEV] revoke <cgroup-path|#id>
 *   omega-arl [-d DEV] list
 *   omega-arl [-d DEV] query
 *   omega-arl [-d DEV] present <pattern|file.ppm> <x,y,w,h>
 *
 * rights: comma-separated present,query,cursor,render or a number.  crtc: a CRTC
 * object id.  present draws a colour-bar pattern (or a binary PPM) of w x h
 * pixels at x,y on the CRTC of the caller's grant.  DEV defaults to
 * /dev/dri/card0.  The ARL ioctls go through ioctl(2), not drmIoctl(),
 * which would retry -EAGAIN (over budget) forever.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <drm_fourcc.h>
#include <xf86drm.h>

#include <drm/omega_vgpu_drm.h>

static const char *dev_path = "/dev/dri/card0";

static void usage(void)
{
	fprintf(stderr,
		"usage: omega-arl [-d DEV] grant <cgroup-path> <rights> <crtc> <x,y,w,h> [inflight] [bytes/s]\n"
		"       omega-arl [-d DEV] revoke <cgroup-path|#id>\n"
		"       omega-arl [-d DEV] list\n"
		"       omega-arl [-d DEV] query\n"
		"       omega-arl [-d DEV] present <pattern|file.ppm> <x,y,w,h>\n"
		"rights: present,query,cursor,render (comma-separated) or a number\n");
	exit(2);
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	if (!ioctl(fd, req, arg))
		return 0;
	fprintf(stderr, "omega-arl: %s: %s\n", what, strerror(errno));
	return -1;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

static int parse_u32(const char *s, uint32_t *v)
{
	uint64_t x;

	if (parse_u64(s, &x) || x > UINT32_MAX)
		return -1;
	*v = x;
	return 0;
}

static int parse_rect(const char *s, struct drm_omega_vgpu_arl_rect *r)
{
	char buf[128], *f[4], *save = NULL;
	int i;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (i = 0; i < 4; i++) {
		f[i] = strtok_r(i ? NULL : buf, ",", &save);
		if (!f[i])
			return -1;
	}
	if (strtok_r(NULL, ",", &save))
		return -1;
	return parse_u32(f[0], &r->x) || parse_u32(f[1], &r->y) ||
	       parse_u32(f[2], &r->width) || parse_u32(f[3], &r->height) ?
	       -1 : 0;
}

static int parse_rights(const char *s, uint32_t *rights)
{
	char buf[128], *tok, *save = NULL;

	if (!parse_u32(s, rights))
		return 0;
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	*rights = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "present"))
			*rights |= OMEGA_VGPU_ARL_RIGHT_PRESENT;
		else if (!strcmp(tok, "query"))
			*rights |= OMEGA_VGPU_ARL_RIGHT_QUERY;
		else if (!strcmp(tok, "cursor"))
			*rights |= OMEGA_VGPU_ARL_RIGHT_CURSOR;
		else if (!strcmp(tok, "render"))
			*rights |= OMEGA_VGPU_ARL_RIGHT_RENDER;
		else
			return -1;
	}
	return 0;
}

static void print_rights(uint32_t r)
{
	printf("%s%s%s%s%s", r & OMEGA_VGPU_ARL_RIGHT_PRESENT ? "present " : "",
	       r & OMEGA_VGPU_ARL_RIGHT_QUERY ? "query " : "",
	       r & OMEGA_VGPU_ARL_RIGHT_CURSOR ? "cursor " : "",
	       r & OMEGA_VGPU_ARL_RIGHT_RENDER ? "render " : "",
	       r ? "" : "none ");
}

static void print_entry(const struct drm_omega_vgpu_arl_entry *e)
{
	printf("cgroup %" PRIu64 " rights ", (uint64_t)e->cgroup_id);
	print_rights(e->rights);
	printf("crtc %u viewport %u,%u,%u,%u inflight %u/%u (peak %u) bytes/s %" PRIu64
	       " presents %" PRIu64 " bytes %" PRIu64 " denials %" PRIu64 "\n",
	       e->crtc_id, e->viewport.x, e->viewport.y, e->viewport.width,
	       e->viewport.height, e->inflight, e->max_inflight,
	       e->peak_inflight, (uint64_t)e->max_bytes_per_sec,
	       (uint64_t)e->presents, (uint64_t)e->bytes, (uint64_t)e->denials);
}

static int cmd_grant(int fd, int argc, char **argv)
{
	struct drm_omega_vgpu_arl_grant g = { 0 };
	uint64_t bps = 0;
	int ret;

	if (argc < 4 || argc > 6 || parse_rights(argv[1], &g.rights) ||
	    parse_u32(argv[2], &g.crtc_id) || parse_rect(argv[3], &g.viewport) ||
	    (argc > 4 && parse_u32(argv[4], &g.max_inflight)) ||
	    (argc > 5 && parse_u64(argv[5], &bps)))
		usage();
	g.max_bytes_per_sec = bps;
	g.cgroup_fd = open(argv[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (g.cgroup_fd < 0) {
		fprintf(stderr, "omega-arl: %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	ret = xioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g, "grant");
	close(g.cgroup_fd);
	if (ret)
		return 1;
	printf("granted cgroup %" PRIu64 "\n", (uint64_t)g.cgroup_id);
	return 0;
}

static int cmd_revoke(int fd, int argc, char **argv)
{
	struct drm_omega_vgpu_arl_revoke r = { .cgroup_fd = -1 };
	uint64_t id;
	int ret;

	if (argc != 1)
		usage();
	if (argv[0][0] == '#') {
		if (parse_u64(argv[0] + 1, &id))
			usage();
		r.cgroup_id = id;
	} else {
		r.cgroup_fd = open(argv[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (r.cgroup_fd < 0) {
			fprintf(stderr, "omega-arl: %s: %s\n", argv[0],
				strerror(errno));
			return 1;
		}
	}
	ret = xioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r, "revoke");
	if (r.cgroup_fd >= 0)
		close(r.cgroup_fd);
	if (ret)
		return 1;
	printf("revoked cgroup %" PRIu64 "\n", (uint64_t)r.cgroup_id);
	return 0;
}

static int cmd_list(int fd)
{
	struct drm_omega_vgpu_arl_entry e[OMEGA_VGPU_ARL_MAX_GRANTS];
	struct drm_omega_vgpu_arl_list l = { 0 };
	uint32_t i;

	memset(e, 0, sizeof(e));
	l.entries_ptr = (uintptr_t)e;
	l.count = OMEGA_VGPU_ARL_MAX_GRANTS;
	if (xioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_LIST, &l, "list"))
		return 1;
	printf("%u grant(s)\n", l.count);
	for (i = 0; i < l.count && i < OMEGA_VGPU_ARL_MAX_GRANTS; i++)
		print_entry(&e[i]);
	return 0;
}

static int cmd_query(int fd, struct drm_omega_vgpu_arl_query *q, bool print)
{
	memset(q, 0, sizeof(*q));
	if (xioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, q, "query"))
		return 1;
	if (print) {
		printf("caller cgroup %" PRIu64 "\n",
		       (uint64_t)q->caller_cgroup_id);
		print_entry(&q->grant);
	}
	return 0;
}

/* Read a binary PPM (P6, maxval 255) of exactly w x h into XRGB8888. */
static int load_ppm(const char *path, uint32_t *px, uint32_t w, uint32_t h,
		    uint32_t pitch)
{
	unsigned int pw, ph, maxval;
	uint32_t x, y;
	FILE *f = fopen(path, "rb");
	int c, ret = -1;

	if (!f)
		return -1;
	if (fscanf(f, "P6 %u %u %u", &pw, &ph, &maxval) != 3 || maxval != 255 ||
	    pw != w || ph != h || fgetc(f) == EOF) {
		fprintf(stderr, "omega-arl: %s: need a %ux%u binary PPM (maxval 255)\n",
			path, w, h);
		goto out;
	}
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			uint32_t rgb = 0;
			int k;

			for (k = 0; k < 3; k++) {
				c = fgetc(f);
				if (c == EOF)
					goto out;
				rgb = rgb << 8 | (uint32_t)c;
			}
			px[y * (pitch / 4) + x] = rgb;
		}
	}
	ret = 0;
out:
	fclose(f);
	return ret;
}

static void draw_pattern(uint32_t *px, uint32_t w, uint32_t h, uint32_t pitch)
{
	static const uint32_t bars[] = { 0xffffff, 0xffff00, 0x00ffff,
					 0x00ff00, 0xff00ff, 0xff0000,
					 0x0000ff, 0x000000 };
	uint32_t x, y;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			px[y * (pitch / 4) + x] = bars[(uint64_t)x * 8 / w];
}

static int cmd_present(int fd, int argc, char **argv)
{
	struct drm_omega_vgpu_arl_present p = { 0 };
	struct drm_mode_create_dumb c = { 0 };
	struct drm_mode_destroy_dumb d = { 0 };
	struct drm_mode_map_dumb m = { 0 };
	struct drm_omega_vgpu_arl_query q;
	struct drm_omega_vgpu_arl_rect r;
	uint32_t *px;
	int ret = 1;

	if (argc != 2 || parse_rect(argv[1], &r) || !r.width || !r.height)
		usage();
	if (cmd_query(fd, &q, false))
		return 1;
	if (!(q.grant.rights & OMEGA_VGPU_ARL_RIGHT_QUERY) || !q.grant.crtc_id) {
		fprintf(stderr, "omega-arl: no grant with the query right covers cgroup %" PRIu64 " (need it to learn the CRTC)\n",
			(uint64_t)q.caller_cgroup_id);
		return 1;
	}
	c.width = r.width;
	c.height = r.height;
	c.bpp = 32;
	if (xioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &c, "create dumb"))
		return 1;
	m.handle = c.handle;
	if (xioctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &m, "map dumb"))
		goto destroy;
	px = mmap(NULL, c.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.offset);
	if (px == MAP_FAILED) {
		perror("omega-arl: mmap");
		goto destroy;
	}
	if (!strcmp(argv[0], "pattern"))
		draw_pattern(px, r.width, r.height, c.pitch);
	else if (load_ppm(argv[0], px, r.width, r.height, c.pitch))
		goto unmap;

	p.handle = c.handle;
	p.format = DRM_FORMAT_XRGB8888;
	p.pitch = c.pitch;
	p.src.width = r.width;
	p.src.height = r.height;
	p.crtc_id = q.grant.crtc_id;
	p.dst_x = r.x;
	p.dst_y = r.y;
	if (!xioctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT, &p, "present"))
		ret = 0;
unmap:
	munmap(px, c.size);
destroy:
	d.handle = c.handle;
	ioctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	return ret;
}

int main(int argc, char **argv)
{
	struct drm_omega_vgpu_arl_query q;
	int fd, opt, ret;

	while ((opt = getopt(argc, argv, "d:h")) != -1) {
		if (opt == 'd')
			dev_path = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();

	fd = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "omega-arl: %s: %s\n", dev_path, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[0], "grant"))
		ret = cmd_grant(fd, argc - 1, argv + 1);
	else if (!strcmp(argv[0], "revoke"))
		ret = cmd_revoke(fd, argc - 1, argv + 1);
	else if (!strcmp(argv[0], "list") && argc == 1)
		ret = cmd_list(fd);
	else if (!strcmp(argv[0], "query") && argc == 1)
		ret = cmd_query(fd, &q, true);
	else if (!strcmp(argv[0], "present"))
		ret = cmd_present(fd, argc - 1, argv + 1);
	else
		usage();
	close(fd);
	return ret;
}
