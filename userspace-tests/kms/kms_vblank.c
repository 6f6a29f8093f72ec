// SPDX-License-Identifier: GPL-2.0
/*
 * kms_vblank - emulated vblank timing.
 *
 *   - 120 nonblocking atomic flips, each waited for: event timestamps never
 *     go back, each gap is (sequence gap) x frame time within 10% of a
 *     frame, and the typical (median) gap is one frame;
 *   - a nonblocking commit returns before its event: the ioctl's median
 *     time is under half the median commit-to-event time and right after
 *     the ioctl the event is (almost always) not there yet;
 *   - drmWaitVBlank returns increasing sequences, one apart;
 *   - CRTC_GET_SEQUENCE advances with time; CRTC_QUEUE_SEQUENCE delivers
 *     its event at the sequence it promised.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

#define FLIPS 120

struct flip_ev {
	unsigned int seq;
	uint64_t ts_us;		/* event timestamp */
	uint64_t got_us;	/* when we read it */
	int n;
};

static struct flip_ev last_ev;

static void on_flip(int fd, unsigned int seq, unsigned int sec,
		    unsigned int usec, unsigned int crtc_id, void *data)
{
	(void)fd; (void)crtc_id; (void)data;
	last_ev.seq = seq;
	last_ev.ts_us = (uint64_t)sec * 1000000u + usec;
	last_ev.got_us = kms_now_us();
	last_ev.n++;
}

static uint64_t seq_ev_seq, seq_ev_ns, seq_ev_data;
static int seq_ev_n;

static void on_seq(int fd, uint64_t seq, uint64_t ns, uint64_t data)
{
	(void)fd;
	seq_ev_seq = seq;
	seq_ev_ns = ns;
	seq_ev_data = data;
	seq_ev_n++;
}

static drmEventContext evctx = {
	.version = 4,
	.page_flip_handler2 = on_flip,
	.sequence_handler = on_seq,
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return v[n / 2];
}

static int wait_n(int fd, int *counter, int want, int timeout_ms)
{
	uint64_t end = kms_now_us() + timeout_ms * 1000ull;

	while (*counter < want && kms_now_us() < end)
		if (kms_wait_event(fd, &evctx, 50) < 0)
			return -1;
	return *counter >= want ? 0 : -1;
}

static void flips(int fd, const struct ut_output *out, struct ut_dumb *db,
		  uint64_t frame_us)
{
	static uint64_t gap[FLIPS], ioctl_us[FLIPS], lat_us[FLIPS];
	unsigned int i, ngap = 0, back = 0, bad_gap = 0, early = 0;
	uint64_t prev_ts = 0, worst = 0;
	unsigned int prev_seq = 0;
	char why[160] = "";

	for (i = 0; i < FLIPS; i++) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t t0, t1;
		int want = last_ev.n + 1;

		t0 = kms_now_us();
		if (ut_atomic_flip(fd, out, &db[(i + 1) % 2],
				   DRM_MODE_ATOMIC_NONBLOCK | DRM_MODE_PAGE_FLIP_EVENT,
				   NULL)) {
			ut_fail("vblank.flips", "flip %u: %s", i, strerror(errno));
			return;
		}
		t1 = kms_now_us();
		if (poll(&pfd, 1, 0) > 0)
			early++;
		if (wait_n(fd, &last_ev.n, want, 2000)) {
			ut_fail("vblank.flips", "flip %u: no event in 2 s", i);
			return;
		}
		ioctl_us[i] = t1 - t0;
		lat_us[i] = last_ev.got_us - t0;
		if (i > 0) {
			uint64_t d = last_ev.ts_us - prev_ts;
			unsigned int ds = last_ev.seq - prev_seq;
			int64_t err = (int64_t)d - (int64_t)(ds * frame_us);

			if (last_ev.ts_us <= prev_ts || last_ev.seq <= prev_seq) {
				back++;
				snprintf(why, sizeof(why), "flip %u: ts %llu after %llu, seq %u after %u",
					 i, (unsigned long long)last_ev.ts_us,
					 (unsigned long long)prev_ts, last_ev.seq, prev_seq);
			} else {
				if (err < 0)
					err = -err;
				if ((uint64_t)err > worst)
					worst = err;
				if ((uint64_t)err * 10 > frame_us)
					bad_gap++;
				gap[ngap++] = d;
			}
		}
		prev_ts = last_ev.ts_us;
		prev_seq = last_ev.seq;
	}

	if (back)
		ut_fail("vblank.flip_monotonic", "%u events went back (%s)", back, why);
	else
		ut_pass("vblank.flip_monotonic");
	if (bad_gap)
		ut_fail("vblank.flip_spacing",
			"%u of %u gaps off their sequence count x %llu us by >10%% (worst %llu us)",
			bad_gap, ngap, (unsigned long long)frame_us,
			(unsigned long long)worst);
	else
		ut_pass("vblank.flip_spacing");
	if (ngap) {
		uint64_t m = median(gap, ngap);

		printf("INFO: flip gaps: median %llu us, min %llu, max %llu, frame %llu us\n",
		       (unsigned long long)m, (unsigned long long)gap[0],
		       (unsigned long long)gap[ngap - 1], (unsigned long long)frame_us);
		if (m * 10 < frame_us * 9 || m * 10 > frame_us * 11)
			ut_fail("vblank.flip_rate", "median gap %llu us, frame %llu us",
				(unsigned long long)m, (unsigned long long)frame_us);
		else
			ut_pass("vblank.flip_rate");
	}
	{
		uint64_t mi = median(ioctl_us, FLIPS), ml = median(lat_us, FLIPS);

		printf("INFO: nonblocking commit: median ioctl %llu us, commit-to-event %llu us, event already there %u/%d\n",
		       (unsigned long long)mi, (unsigned long long)ml, early, FLIPS);
		if (mi * 2 > ml || early > FLIPS / 10)
			ut_fail("vblank.nonblocking",
				"ioctl median %llu us vs event %llu us, %u events ready at return",
				(unsigned long long)mi, (unsigned long long)ml, early);
		else
			ut_pass("vblank.nonblocking");
	}
}

static void wait_vblank(int fd, const struct ut_output *out)
{
	unsigned int i, prev = 0, skips = 0;
	uint64_t prev_us = 0;

	for (i = 0; i < 20; i++) {
		drmVBlank vbl = { 0 };
		uint64_t us;

		vbl.request.type = DRM_VBLANK_RELATIVE |
			(out->crtc_index << DRM_VBLANK_HIGH_CRTC_SHIFT);
		vbl.request.sequence = 1;
		if (drmWaitVBlank(fd, &vbl)) {
			ut_fail("vblank.wait_vblank", "call %u: %s", i, strerror(errno));
			return;
		}
		us = (uint64_t)vbl.reply.tval_sec * 1000000u + vbl.reply.tval_usec;
		if (i && (vbl.reply.sequence <= prev || us <= prev_us)) {
			ut_fail("vblank.wait_vblank", "call %u: seq %u after %u", i,
				vbl.reply.sequence, prev);
			return;
		}
		if (i && vbl.reply.sequence != prev + 1)
			skips++;
		prev = vbl.reply.sequence;
		prev_us = us;
	}
	printf("INFO: drmWaitVBlank: last sequence %u, %u of 19 skipped a vblank\n",
	       prev, skips);
	if (skips > 4)
		ut_fail("vblank.wait_vblank", "%u of 19 waits for the next vblank skipped one",
			skips);
	else
		ut_pass("vblank.wait_vblank");
}

static void sequences(int fd, const struct ut_output *out, uint64_t frame_us)
{
	uint64_t s1, s2, ns1, ns2, queued = 0;

	if (drmCrtcGetSequence(fd, out->crtc_id, &s1, &ns1)) {
		ut_fail("vblank.get_sequence", "%s", strerror(errno));
		return;
	}
	usleep(5 * frame_us);
	if (drmCrtcGetSequence(fd, out->crtc_id, &s2, &ns2)) {
		ut_fail("vblank.get_sequence", "%s", strerror(errno));
		return;
	}
	if (s2 <= s1 || ns2 <= ns1)
		ut_fail("vblank.get_sequence", "seq %llu -> %llu, ns %llu -> %llu over 5 frames",
			(unsigned long long)s1, (unsigned long long)s2,
			(unsigned long long)ns1, (unsigned long long)ns2);
	else
		ut_pass("vblank.get_sequence");

	seq_ev_n = 0;
	if (drmCrtcQueueSequence(fd, out->crtc_id, DRM_CRTC_SEQUENCE_RELATIVE, 5,
				 &queued, 0x5e9)) {
		ut_fail("vblank.queue_sequence", "%s", strerror(errno));
		return;
	}
	if (wait_n(fd, &seq_ev_n, 1, 2000))
		ut_fail("vblank.queue_sequence", "no sequence event in 2 s");
	else if (seq_ev_seq != queued || seq_ev_data != 0x5e9 || seq_ev_ns <= ns2)
		ut_fail("vblank.queue_sequence",
			"event seq %llu (queued %llu) data %#llx ns %llu",
			(unsigned long long)seq_ev_seq, (unsigned long long)queued,
			(unsigned long long)seq_ev_data, (unsigned long long)seq_ev_ns);
	else
		ut_pass("vblank.queue_sequence");
}

int main(void)
{
	struct ut_dumb db[2];
	struct ut_output out;
	uint64_t frame_us;
	int fd;

	fd = ut_open_card();
	if (fd < 0 || ut_enable_atomic(fd) || ut_find_output(fd, &out)) {
		ut_fail("vblank.setup", "no atomic output");
		return 1;
	}
	if (ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay, &db[0]) ||
	    ut_dumb_add_fb(fd, &db[0], DRM_FORMAT_XRGB8888) ||
	    ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay, &db[1]) ||
	    ut_dumb_add_fb(fd, &db[1], DRM_FORMAT_XRGB8888)) {
		ut_fail("vblank.setup", "buffers: %s", strerror(errno));
		return 1;
	}
	ut_dumb_fill(&db[0], 0x00102030);
	ut_dumb_fill(&db[1], 0x00302010);
	if (ut_atomic_modeset(fd, &out, &out.mode, &db[0], DRM_MODE_PAGE_FLIP_EVENT,
			      NULL) || wait_n(fd, &last_ev.n, 1, 3000)) {
		ut_fail("vblank.setup", "modeset: %s", strerror(errno));
		return 1;
	}
	frame_us = (uint64_t)out.mode.htotal * out.mode.vtotal * 1000 /
		   out.mode.clock;
	printf("INFO: mode %s %ux%u clock %u kHz: frame %llu us\n", out.mode.name,
	       out.mode.hdisplay, out.mode.vdisplay, out.mode.clock,
	       (unsigned long long)frame_us);

	flips(fd, &out, db, frame_us);
	wait_vblank(fd, &out);
	sequences(fd, &out, frame_us);

	ut_atomic_disable(fd, &out);
	ut_dumb_destroy(fd, &db[0]);
	ut_dumb_destroy(fd, &db[1]);
	close(fd);
	return ut_exit_status();
}
