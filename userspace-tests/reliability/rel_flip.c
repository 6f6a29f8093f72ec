// SPDX-License-Identifier: GPL-2.0
/*
 * Flipping clients for the omega_vgpu reliability tests (issue #10).
 *
 *   rel_flip conc SECONDS [--no-arl]
 *	One process per output flips on its own CRTC through a DRM lease and
 *	moves the cursor; another presents through ARL into a viewport of
 *	CRTC 0.  Every process counts its events: none lost, none duplicated.
 *   rel_flip unplug MAX_SECONDS READY_FILE
 *	Flippers (one per output, leased) and a holder with a mapped buffer
 *	run until the device goes away (guest-side PCI remove); each must see
 *	ENODEV, keep its mappings usable and close cleanly.
 *   rel_flip cycles N
 *	N times: open, create buffers, modeset, flip, close (every other
 *	cycle leaves its objects to close()).
 *   rel_flip hold READY_FILE GO_FILE MAX_SECONDS
 *	Show a fixed picture on output 0, create READY_FILE, wait for
 *	GO_FILE, then flip once more (the device must still work).
 *
 * Output: PASS:/FAIL: lines; exit status 1 if anything failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include <drm/omega_vgpu_drm.h>

#include "rel_common.h"

#define ARL_CGROUP	"/sys/fs/cgroup/rel_arl"
#define ARL_VP_X	64
#define ARL_VP_Y	64
#define ARL_VP_DIM	128

static void report_flips(const char *name, const struct rel_flip_stats *st,
			 bool expect_error)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "flips=%ld events=%ld lost=%ld dup=%ld cursor_moves=%ld",
		 st->flips, st->events, st->lost, st->dup, st->cursor_moves);
	if (st->dup)
		ut_fail(name, "duplicated or unexpected events: %s", buf);
	else if (!expect_error && (st->lost || st->events != st->flips))
		ut_fail(name, "lost events: %s", buf);
	else if (!expect_error && st->err)
		ut_fail(name, "%s failed: %s (%s)", st->err_op, strerror(st->err), buf);
	else if (!st->flips)
		ut_fail(name, "no flip was accepted (%s)", buf);
	else
		printf("PASS: %s %s\n", name, buf);
	fflush(stdout);
}

/* ---------------------------------------------------------------------
 * ARL presenter
 */

static int arl_grant(int fd, const struct rel_output *out)
{
	struct drm_omega_vgpu_arl_grant g = {
		.rights = OMEGA_VGPU_ARL_RIGHT_PRESENT | OMEGA_VGPU_ARL_RIGHT_QUERY,
		.crtc_id = out->o.crtc_id,
		.viewport = { ARL_VP_X, ARL_VP_Y, ARL_VP_DIM, ARL_VP_DIM },
	};
	int ret = 0;

	if (mkdir(ARL_CGROUP, 0755) && errno != EEXIST)
		return -errno;
	g.cgroup_fd = open(ARL_CGROUP, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (g.cgroup_fd < 0)
		return -errno;
	if (drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_GRANT, &g))
		ret = -errno;
	close(g.cgroup_fd);
	return ret;
}

static void arl_revoke(int fd)
{
	struct drm_omega_vgpu_arl_revoke r = { 0 };

	r.cgroup_fd = open(ARL_CGROUP, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r.cgroup_fd >= 0) {
		drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE, &r);
		close(r.cgroup_fd);
	}
}

static int arl_presenter(const struct rel_output *out, unsigned int seconds)
{
	struct drm_omega_vgpu_arl_present p = { 0 };
	struct drm_omega_vgpu_arl_query q = { 0 };
	long ok = 0, busy = 0, offscreen = 0, other = 0;
	int fd, err = 0, i;
	struct ut_dumb db;
	char pid[32];
	uint64_t end;

	snprintf(pid, sizeof(pid), "%d\n", getpid());
	if (rel_write_file(ARL_CGROUP "/cgroup.procs", pid)) {
		ut_fail("conc.arl", "cannot join %s", ARL_CGROUP);
		return 1;
	}
	fd = ut_open_card();
	if (fd < 0 || ut_dumb_create(fd, ARL_VP_DIM, ARL_VP_DIM, &db)) {
		ut_fail("conc.arl", "no card or buffer: %s", strerror(errno));
		return 1;
	}
	ut_dumb_fill(&db, 0x00ff8000);
	p.handle = db.handle;
	p.format = DRM_FORMAT_XRGB8888;
	p.pitch = db.pitch;
	p.crtc_id = out->o.crtc_id;
	end = rel_now_ms() + seconds * 1000ull;
	for (i = 0; rel_now_ms() < end; i++) {
		p.src.width = 16 + i % (ARL_VP_DIM - 16);
		p.src.height = 16 + (i * 7) % (ARL_VP_DIM - 16);
		p.dst_x = ARL_VP_X + (ARL_VP_DIM - p.src.width) * (i % 3) / 2;
		p.dst_y = ARL_VP_Y + (ARL_VP_DIM - p.src.height) * (i % 5) / 4;
		if (!drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT, &p)) {
			ok++;
			continue;
		}
		if (errno == EAGAIN) {
			busy++;		/* in-flight budget: the host is behind */
			usleep(2000);
		} else if (errno == ENODATA) {
			offscreen++;	/* the lessee has not set its mode yet */
			usleep(10000);
		} else {
			other++;
			if (!err)
				err = errno;
		}
	}
	/* Every present's slot must come back once the host caught up. */
	for (i = 0; i < 100; i++) {
		memset(&q, 0, sizeof(q));
		if (drmIoctl(fd, DRM_IOCTL_OMEGA_VGPU_ARL_QUERY, &q) || !q.grant.inflight)
			break;
		usleep(20000);
	}
	ut_dumb_destroy(fd, &db);
	close(fd);
	if (other)
		ut_fail("conc.arl", "%ld presents failed, first: %s", other, strerror(err));
	else if (!ok)
		ut_fail("conc.arl", "no present accepted (EAGAIN %ld, ENODATA %ld)",
			busy, offscreen);
	else if (q.grant.inflight)
		ut_fail("conc.arl.inflight", "%u presents still in flight 2 s after the last",
			q.grant.inflight);
	else
		printf("PASS: conc.arl presents=%ld eagain=%ld enodata=%ld peak_inflight=%u\n",
		       ok, busy, offscreen, q.grant.peak_inflight);
	fflush(stdout);
	return ut_exit_status();
}

/* ---------------------------------------------------------------------
 * Modes
 */

static int wait_children(int n, const char *what)
{
	int status, bad = 0;

	while (n-- > 0) {
		pid_t pid = wait(&status);

		if (pid < 0)
			break;
		if (!WIFEXITED(status)) {
			ut_fail(what, "child %d died (status %#x)", pid, status);
			bad = 1;
		} else if (WEXITSTATUS(status)) {
			bad = 1;
		}
	}
	return bad;
}

static int do_conc(unsigned int seconds, bool arl)
{
	struct rel_output outs[REL_MAX_OUTPUTS];
	int fd, n, i, kids = 0, bad;

	fd = ut_open_card();
	if (fd < 0)
		return 1;
	n = rel_outputs(fd, outs, REL_MAX_OUTPUTS);
	if (n < 2) {
		ut_fail("conc.outputs", "%d connected outputs, need 2 (--outputs 2)", n);
		return 1;
	}
	for (i = 0; i < n; i++) {
		int lfd = rel_lease(fd, &outs[i]);

		printf("NOTE: output %d: connector %u crtc %u primary %u cursor %u\n", i,
		       outs[i].o.conn_id, outs[i].o.crtc_id, outs[i].o.plane_id,
		       outs[i].cursor_plane);
		if (lfd < 0) {
			ut_fail("conc.lease", "output %d: %s", i, strerror(-lfd));
			continue;
		}
		if (fork() == 0) {
			struct rel_flip_opts o = { .seconds = seconds, .cursor = true };
			struct rel_flip_stats st;
			char name[32];
			int ret;

			close(fd);
			snprintf(name, sizeof(name), "conc.crtc%d", i);
			ret = rel_flip_loop(lfd, &outs[i], &o, &st);
			if (ret)
				ut_fail(name, "setup failed: %s: %s", st.err_op, strerror(-ret));
			else
				report_flips(name, &st, false);
			exit(ut_exit_status());
		}
		close(lfd);
		kids++;
	}
	if (arl) {
		int ret = arl_grant(fd, &outs[0]);

		if (ret) {
			ut_fail("conc.arl.grant", "%s", strerror(-ret));
		} else if (fork() == 0) {
			close(fd);
			exit(arl_presenter(&outs[0], seconds));
		} else {
			kids++;
		}
	}
	bad = wait_children(kids, "conc");
	if (arl)
		arl_revoke(fd);
	close(fd);
	return bad || ut_exit_status();
}

/* A client that only holds the device open with a mapped buffer. */
static int unplug_holder(unsigned int max_seconds)
{
	uint64_t end = rel_now_ms() + max_seconds * 1000ull;
	struct ut_dumb db;
	long calls = 0;
	int fd, err = 0;

	fd = ut_open_card();
	if (fd < 0 || ut_dumb_create(fd, 256, 256, &db)) {
		ut_fail("unplug.holder", "setup: %s", strerror(errno));
		return 1;
	}
	while (rel_now_ms() < end) {
		drmModeResPtr res = drmModeGetResources(fd);

		ut_dumb_fill(&db, (uint32_t)calls);
		if (!res) {
			err = errno;
			break;
		}
		drmModeFreeResources(res);
		calls++;
		usleep(20000);
	}
	ut_dumb_fill(&db, 0x55555555);	/* the mapping outlives the device */
	ut_dumb_destroy(fd, &db);
	if (close(fd))
		ut_fail("unplug.holder.close", "%s", strerror(errno));
	else if (err != ENODEV)
		ut_fail("unplug.holder", "after %ld calls: %s, want ENODEV",
			calls, err ? strerror(err) : "no error before the deadline");
	else
		printf("PASS: unplug.holder ENODEV after %ld calls, buffer still mapped, closed\n",
		       calls);
	fflush(stdout);
	return ut_exit_status();
}

static int do_unplug(unsigned int max_seconds, const char *ready)
{
	struct rel_output outs[REL_MAX_OUTPUTS];
	int fd, n, i, kids = 0, bad, lfd;
	drmModeResPtr res;

	fd = ut_open_card();
	if (fd < 0)
		return 1;
	n = rel_outputs(fd, outs, REL_MAX_OUTPUTS);
	if (n < 1) {
		ut_fail("unplug.outputs", "no connected output");
		return 1;
	}
	for (i = 0; i < n; i++) {
		lfd = rel_lease(fd, &outs[i]);
		if (lfd < 0) {
			ut_fail("unplug.lease", "output %d: %s", i, strerror(-lfd));
			continue;
		}
		if (fork() == 0) {
			struct rel_flip_opts o = {
				.seconds = max_seconds, .cursor = true,
				.until_error = true,
			};
			struct rel_flip_stats st;
			char name[32];
			int ret;

			close(fd);
			snprintf(name, sizeof(name), "unplug.flipper%d", i);
			ret = rel_flip_loop(lfd, &outs[i], &o, &st);
			if (ret)
				ut_fail(name, "setup failed: %s: %s", st.err_op, strerror(-ret));
			else if (st.err != ENODEV)
				ut_fail(name, "%s: %s, want ENODEV (flips=%ld)",
					st.err_op ? st.err_op : "nothing failed",
					st.err ? strerror(st.err) : "-", st.flips);
			else if (close(lfd))
				ut_fail(name, "close: %s", strerror(errno));
			else
				printf("PASS: %s ENODEV from %s after %ld flips (%ld events), mappings usable, closed\n",
				       name, st.err_op, st.flips, st.events);
			fflush(stdout);
			exit(ut_exit_status());
		}
		close(lfd);
		kids++;
	}
	if (fork() == 0) {
		close(fd);
		exit(unplug_holder(max_seconds));
	}
	kids++;
	/* Let every client get going, then tell the payload to pull the device. */
	sleep(2);
	close(creat(ready, 0644));
	printf("NOTE: unplug clients running\n");
	fflush(stdout);
	bad = wait_children(kids, "unplug");
	res = drmModeGetResources(fd);
	if (res) {
		ut_fail("unplug.master", "GETRESOURCES still works after the unplug");
		drmModeFreeResources(res);
	} else if (errno != ENODEV) {
		ut_fail("unplug.master", "GETRESOURCES: %s, want ENODEV", strerror(errno));
	} else if (close(fd)) {
		ut_fail("unplug.master", "close: %s", strerror(errno));
	} else {
		ut_pass("unplug.master");
	}
	return bad || ut_exit_status();
}

static int do_cycles(unsigned int n)
{
	unsigned int i, bad = 0;
	uint64_t t0 = rel_now_ms();
	long flips = 0;

	for (i = 0; i < n; i++) {
		struct rel_flip_opts o = {
			.max_flips = 2, .keep_objects = i % 2,
		};
		struct rel_output out;
		struct rel_flip_stats st;
		int fd = ut_open_card(), ret;

		if (fd < 0) {
			bad++;
			break;
		}
		ret = rel_outputs(fd, &out, 1);
		if (ret == 1)
			ret = rel_flip_loop(fd, &out, &o, &st);
		else
			ret = ret < 0 ? ret : -ENODEV;
		if (ret || st.err || st.events != 2 || st.dup) {
			if (!bad)
				printf("NOTE: cycle %u: setup %s, %s %s, events %ld dup %ld\n",
				       i, strerror(-ret), st.err_op ? st.err_op : "-",
				       strerror(st.err), st.events, st.dup);
			bad++;
		}
		flips += st.flips;
		close(fd);
	}
	if (bad)
		ut_fail("cycles", "%u of %u open/create/flip/close cycles failed", bad, n);
	else
		printf("PASS: cycles %u open/create/flip/close cycles, %ld flips, %.1f s\n",
		       n, flips, (rel_now_ms() - t0) / 1000.0);
	return ut_exit_status();
}

static int do_hold(const char *ready, const char *go, unsigned int max_seconds)
{
	struct rel_output out;
	struct rel_flip_opts o = { .max_flips = 1 };
	struct rel_flip_stats st;
	struct ut_dumb db;
	uint64_t end = rel_now_ms() + max_seconds * 1000ull;
	uint32_t x, y;
	int fd, ret;

	fd = ut_open_card();
	if (fd < 0 || rel_outputs(fd, &out, 1) != 1) {
		ut_fail("hold.setup", "no card or output");
		return 1;
	}
	ret = ut_dumb_create(fd, out.o.mode.hdisplay, out.o.mode.vdisplay, &db);
	if (!ret)
		ret = ut_dumb_add_fb(fd, &db, DRM_FORMAT_XRGB8888);
	if (!ret) {
		/* A picture a blank or stale scanout cannot pass for. */
		for (y = 0; y < db.height; y++)
			for (x = 0; x < db.width; x++)
				db.map[y * db.pitch / 4 + x] =
					((x / 32 + y / 32) % 2 ? 0xc03020 : 0x2040c0) ^ (x * 3 + y);
		ret = ut_atomic_modeset(fd, &out.o, &out.o.mode, &db, 0, NULL);
	}
	if (ret) {
		ut_fail("hold.modeset", "%s", strerror(-ret));
		return 1;
	}
	close(creat(ready, 0644));
	while (access(go, F_OK) && rel_now_ms() < end)
		usleep(100000);
	if (access(go, F_OK)) {
		ut_fail("hold.go", "%s never appeared", go);
		return 1;
	}
	ret = rel_flip_loop(fd, &out, &o, &st);
	if (ret || st.err || st.events != 1)
		ut_fail("suspend.flip_after_resume", "setup %s, %s: %s, %ld events",
			strerror(-ret), st.err_op ? st.err_op : "-", strerror(st.err),
			st.events);
	else
		ut_pass("suspend.flip_after_resume");
	ut_dumb_destroy(fd, &db);
	close(fd);
	return ut_exit_status();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "conc"))
		return do_conc(atoi(argv[2]), !(argc > 3 && !strcmp(argv[3], "--no-arl")));
	if (argc == 4 && !strcmp(argv[1], "unplug"))
		return do_unplug(atoi(argv[2]), argv[3]);
	if (argc == 3 && !strcmp(argv[1], "cycles"))
		return do_cycles(atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "hold"))
		return do_hold(argv[2], argv[3], atoi(argv[4]));
	fprintf(stderr, "usage: %s conc SECONDS [--no-arl] | unplug MAX_SECONDS READY_FILE |"
		" cycles N | hold READY GO MAX_SECONDS\n", argv[0]);
	return 2;
}
