// SPDX-License-Identifier: GPL-2.0
/*
 * flip - page-flip between two solid-colour dumb buffers, waiting for every
 * flip event, first with nonblocking atomic commits, then with the legacy
 * drmModePageFlip.
 *
 *   flip [-n FLIPS] [-e EVERY] [-a COLOUR] [-b COLOUR] [-m atomic|legacy|both]
 *
 * Flip i (1-based) shows buffer B when i is odd and buffer A when even; the
 * modeset before flip 1 shows A.  After every EVERY-th flip the host saves a
 * screendump named flip-<variant>-<i>-<rrggbb>, rrggbb the colour that
 * must be on screen; check_ppm.py verifies every pixel has it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "ut.h"

#define EVENT_TIMEOUT_MS 3000

struct flip_state {
	const char *variant;
	unsigned int expect;	/* index of the flip whose event is awaited */
	unsigned int got;	/* events seen for it */
	unsigned int stray;	/* events with the wrong user data */
	unsigned int bad_crtc;
	unsigned int seq_back;
	unsigned int time_back;
	unsigned int time_outside;	/* stamp not between submit and receipt */
	uint64_t submit_us;
	uint32_t crtc_id;
	unsigned int last_seq;
	uint64_t last_us;
	bool have_last;
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* user data of one flip, handed back with its event */
struct flip_cookie {
	struct flip_state *st;
	unsigned int index;
};

static void on_flip(int fd, unsigned int seq, unsigned int sec,
		    unsigned int usec, unsigned int crtc_id, void *data)
{
	const struct flip_cookie *ck = data;
	struct flip_state *st = ck ? ck->st : NULL;
	uint64_t us = (uint64_t)sec * 1000000 + usec;

	(void)fd;
	if (!st)
		return;
	if (ck->index != st->expect) {
		st->stray++;
		return;
	}
	st->got++;
	if (crtc_id != st->crtc_id)
		st->bad_crtc++;
	if (st->have_last && seq < st->last_seq)
		st->seq_back++;
	if (st->have_last && us < st->last_us)
		st->time_back++;
	/* CLOCK_MONOTONIC stamp of the flip: after submission, not in the future */
	if (us + 1000 < st->submit_us || us > now_us() + 1000) {
		int64_t off = us < st->submit_us ?
			(int64_t)(us - st->submit_us) : (int64_t)(us - now_us());

		printf("NOTE: %s flip %u: event stamp %lld us %s\n",
		       st->variant, ck->index, (long long)off,
		       off < 0 ? "before the commit was submitted" :
				 "after the event was read");
		st->time_outside++;
	}
	st->last_seq = seq;
	st->last_us = us;
	st->have_last = true;
}

/* Wait for the event of the current flip; -ETIMEDOUT if it never comes. */
static int wait_event(int fd, struct flip_state *st)
{
	drmEventContext ev = {
		.version = 3,
		.page_flip_handler2 = on_flip,
	};
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (!st->got) {
		int ret = poll(&pfd, 1, EVENT_TIMEOUT_MS);

		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -errno;
		if (ret == 0)
			return -ETIMEDOUT;
		if (drmHandleEvent(fd, &ev))
			return -EIO;
	}
	return 0;
}

static void report(const char *variant, const char *what, unsigned int bad,
		   const char *fmt, unsigned int nflips)
{
	char name[96];

	snprintf(name, sizeof(name), "flip.%s.%s", variant, what);
	if (bad)
		ut_fail(name, fmt, bad, nflips);
	else
		ut_pass(name);
}

static int run_variant(int fd, const struct ut_output *out, bool legacy,
		       struct ut_dumb bufs[2], const uint32_t colours[2],
		       unsigned int nflips, unsigned int every)
{
	const char *variant = legacy ? "legacy" : "atomic";
	struct flip_state st = { .variant = variant, .crtc_id = out->crtc_id };
	unsigned int i, dumps_bad = 0, timeouts = 0, commit_bad = 0;
	struct flip_cookie ud = { &st, 0 };
	char name[96];
	uint64_t t0;
	int ret;

	ret = ut_atomic_modeset(fd, out, &out->mode, &bufs[0], 0, NULL);
	if (ret) {
		snprintf(name, sizeof(name), "flip.%s.modeset", variant);
		ut_fail(name, "%s", strerror(-ret));
		return ret;
	}
	t0 = now_us();
	for (i = 1; i <= nflips; i++) {
		struct ut_dumb *db = &bufs[i & 1];

		st.expect = i;
		st.got = 0;
		st.submit_us = now_us();
		ud.index = i;
		if (legacy)
			ret = drmModePageFlip(fd, out->crtc_id, db->fb_id,
					      DRM_MODE_PAGE_FLIP_EVENT, &ud) ?
			      -errno : 0;
		else
			ret = ut_atomic_flip(fd, out, db,
					     DRM_MODE_PAGE_FLIP_EVENT |
					     DRM_MODE_ATOMIC_NONBLOCK, &ud);
		if (ret) {
			printf("NOTE: %s flip %u: commit %s\n", variant, i,
			       strerror(-ret));
			commit_bad++;
			break;
		}
		ret = wait_event(fd, &st);
		if (ret) {
			printf("NOTE: %s flip %u: event %s\n", variant, i,
			       strerror(-ret));
			timeouts++;
			break;
		}
		if (every && i % every == 0) {
			snprintf(name, sizeof(name), "flip-%s-%02u-%06x",
				 variant, i, colours[i & 1]);
			if (ut_screendump(name))
				dumps_bad++;
		}
	}
	printf("NOTE: %s: %u flips in %llu us\n", variant, i - 1,
	       (unsigned long long)(now_us() - t0));
	report(variant, "commit", commit_bad, "%u of %u commits failed", nflips);
	report(variant, "events", timeouts,
	       "%u event(s) never came within 3 s (of %u flips)", nflips);
	report(variant, "stray_events", st.stray,
	       "%u event(s) with unexpected user data (%u flips)", nflips);
	report(variant, "event_crtc_id", st.bad_crtc,
	       "%u event(s) named the wrong CRTC (%u flips)", nflips);
	report(variant, "sequence_monotonic", st.seq_back,
	       "sequence went backwards %u time(s) in %u flips", nflips);
	report(variant, "timestamp_monotonic", st.time_back,
	       "timestamp went backwards %u time(s) in %u flips", nflips);
	report(variant, "timestamp_in_window", st.time_outside,
	       "%u event timestamp(s) before the commit or after receipt (%u flips)",
	       nflips);
	report(variant, "screendumps", dumps_bad, "%u screendump(s) failed (%u flips)",
	       nflips);
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t colours[2] = { 0x2060a0, 0xc08040 };
	unsigned int nflips = 20, every = 5;
	const char *which = "both";
	struct ut_dumb bufs[2];
	struct ut_output out;
	int fd, ret, opt, i;

	while ((opt = getopt(argc, argv, "n:e:a:b:m:")) != -1) {
		switch (opt) {
		case 'n':
			nflips = atoi(optarg);
			break;
		case 'e':
			every = atoi(optarg);
			break;
		case 'a':
			colours[0] = strtoul(optarg, NULL, 16) & 0xffffff;
			break;
		case 'b':
			colours[1] = strtoul(optarg, NULL, 16) & 0xffffff;
			break;
		case 'm':
			which = optarg;
			break;
		default:
			fprintf(stderr, "usage: flip [-n FLIPS] [-e EVERY] [-a RRGGBB] [-b RRGGBB] [-m atomic|legacy|both]\n");
			return 2;
		}
	}
	fd = ut_open_card();
	if (fd < 0) {
		ut_fail("flip.open", "cannot open the card");
		return 1;
	}
	ret = ut_enable_atomic(fd);
	if (!ret)
		ret = ut_find_output(fd, &out);
	if (ret) {
		ut_fail("flip.setup", "no usable output: %s", strerror(-ret));
		return 1;
	}
	for (i = 0; i < 2; i++) {
		ret = ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay,
				     &bufs[i]);
		if (!ret)
			ret = ut_dumb_add_fb(fd, &bufs[i], DRM_FORMAT_XRGB8888);
		if (ret) {
			ut_fail("flip.setup", "buffer %d: %s", i, strerror(-ret));
			return 1;
		}
		ut_dumb_fill(&bufs[i], colours[i]);
	}
	if (strcmp(which, "legacy"))
		run_variant(fd, &out, false, bufs, colours, nflips, every);
	if (strcmp(which, "atomic"))
		run_variant(fd, &out, true, bufs, colours, nflips, every);
	ut_atomic_disable(fd, &out);
	ut_dumb_destroy(fd, &bufs[0]);
	ut_dumb_destroy(fd, &bufs[1]);
	close(fd);
	return ut_exit_status();
}
