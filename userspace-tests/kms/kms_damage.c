// SPDX-License-Identifier: GPL-2.0
/*
 * kms_damage - damage is uploaded rectangle by rectangle.
 *
 * The driver counts the bytes of every TRANSFER_TO_HOST_2D in debugfs
 * (stats: bytes_transferred, transfers).  Stated overhead: the driver merges
 * rectangles only when the bounding box costs less than the commands it
 * saves (OMEGA_VGPU_XFER_CMD_COST, 4096 bytes a command), so an update of N
 * rectangles may move at most the damaged bytes + (N - 1) * 4096.
 *
 *   1. FB_DAMAGE_CLIPS with 16 scattered 32x32 rectangles (atomic commit)
 *   2. DIRTYFB with the same 16 rectangles at other places
 *   3. one 64x64 rectangle: exactly 64*64*4 bytes
 *   4. a flip to a new framebuffer (with a small damage clip): the whole
 *      framebuffer is uploaded
 *   5. a flip back to the first buffer, written since: uploaded whole
 *   6. a flip to the second, untouched since its upload: no bytes at all
 *   7. the first refilled through its mapping, flipped to: uploaded whole
 *   8. an 8x8 rectangle drawn into the second, flipped to: uploaded whole
 *
 * The rectangles are drawn in a new colour before each update, so the
 * screendumps after steps 1 and 2 also show whether the right pixels went
 * over (EXPECT-RECT / EXPECT-PIXELS lines for kms_check.py).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

#define CMD_COST	4096
#define NRECT		16
#define BG		0x00202020

static int event_done;

static void on_event(int fd, unsigned int seq, unsigned int sec,
		     unsigned int usec, unsigned int crtc_id, void *data)
{
	(void)fd; (void)seq; (void)sec; (void)usec; (void)crtc_id; (void)data;
	event_done = 1;
}

static int wait_flip(int fd)
{
	drmEventContext ev = { .version = 3, .page_flip_handler2 = on_event };
	int i;

	event_done = 0;
	for (i = 0; i < 30 && !event_done; i++)
		if (kms_wait_event(fd, &ev, 100) < 0)
			return -1;
	return event_done ? 0 : -1;
}

/* 4 x 4 grid of 32x32 rectangles spread over the screen, shifted by off. */
static void scatter(const struct ut_dumb *db, drmModeClip *clips,
		    unsigned int off)
{
	unsigned int i;

	for (i = 0; i < NRECT; i++) {
		unsigned int gx = i % 4, gy = i / 4;

		clips[i].x1 = 16 + off + gx * (db->width - 96) / 4;
		clips[i].y1 = 16 + off + gy * (db->height - 96) / 4;
		clips[i].x2 = clips[i].x1 + 32;
		clips[i].y2 = clips[i].y1 + 32;
	}
}

static void draw(struct ut_dumb *db, const drmModeClip *clips, unsigned int n,
		 uint32_t colour, const char *dump)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		kms_fill_rect(db, clips[i].x1, clips[i].y1,
			      clips[i].x2 - clips[i].x1,
			      clips[i].y2 - clips[i].y1, colour);
		if (dump)
			printf("EXPECT-RECT: dump=%s rect=%u,%u,%u,%u colour=%06x\n",
			       dump, clips[i].x1, clips[i].y1,
			       clips[i].x2 - clips[i].x1,
			       clips[i].y2 - clips[i].y1, colour & 0xffffff);
	}
}

struct counters {
	long long bytes;
	long long transfers;
};

static void read_counters(struct counters *c)
{
	c->bytes = kms_debugfs_value("stats", "bytes_transferred");
	c->transfers = kms_debugfs_value("stats", "transfers");
}

/* Bytes moved since `before` must lie in [lo, hi]. */
static void check_bytes(const char *name, const struct counters *before,
			long long lo, long long hi)
{
	struct counters after;
	long long bytes;

	read_counters(&after);
	bytes = after.bytes - before->bytes;
	printf("INFO: %s: %lld bytes in %lld transfers (allowed %lld..%lld)\n",
	       name, bytes, after.transfers - before->transfers, lo, hi);
	if (before->bytes < 0 || after.bytes < 0)
		ut_fail(name, "no bytes_transferred in %s/stats", KMS_DEBUGFS);
	else if (bytes < lo || bytes > hi)
		ut_fail(name, "%lld bytes transferred, allowed %lld..%lld", bytes,
			lo, hi);
	else
		ut_pass(name);
}

static int damage_commit(int fd, const struct ut_output *out,
			 const struct ut_dumb *db, const drmModeClip *clips,
			 unsigned int n)
{
	drmModeAtomicReqPtr req = drmModeAtomicAlloc();
	struct drm_mode_rect rects[NRECT];
	uint32_t blob = 0, p_fb, p_dmg, i;
	int ret = 0;

	if (n > NRECT)
		return -EINVAL;
	p_fb = ut_prop_id(fd, out->plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID");
	p_dmg = ut_prop_id(fd, out->plane_id, DRM_MODE_OBJECT_PLANE,
			   "FB_DAMAGE_CLIPS");
	if (!p_fb || !p_dmg) {
		ret = -ENOENT;
		goto out;
	}
	/* The property takes struct drm_mode_rect (s32), DIRTYFB drm_clip_rect (u16). */
	for (i = 0; i < n; i++)
		rects[i] = (struct drm_mode_rect){ clips[i].x1, clips[i].y1,
						   clips[i].x2, clips[i].y2 };
	if (drmModeCreatePropertyBlob(fd, rects, n * sizeof(rects[0]), &blob)) {
		ret = -errno;
		goto out;
	}
	drmModeAtomicAddProperty(req, out->plane_id, p_fb, db->fb_id);
	drmModeAtomicAddProperty(req, out->plane_id, p_dmg, blob);
	if (drmModeAtomicCommit(fd, req, DRM_MODE_PAGE_FLIP_EVENT, NULL))
		ret = -errno;
	else if (wait_flip(fd))
		ret = -ETIMEDOUT;
out:
	if (blob)
		drmModeDestroyPropertyBlob(fd, blob);
	drmModeAtomicFree(req);
	return ret;
}

int main(void)
{
	drmModeClip clips[NRECT], one;
	struct ut_dumb a, b;
	struct counters before;
	struct ut_output out;
	long long damaged = NRECT * 32 * 32 * 4;
	long long budget = damaged + (NRECT - 1) * CMD_COST;
	long long whole, skipped;
	int fd, ret;

	fd = ut_open_card();
	if (fd < 0 || ut_enable_atomic(fd) || ut_find_output(fd, &out)) {
		ut_fail("damage.setup", "no atomic output");
		return 1;
	}
	if (ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay, &a) ||
	    ut_dumb_add_fb(fd, &a, DRM_FORMAT_XRGB8888) ||
	    ut_dumb_create(fd, out.mode.hdisplay, out.mode.vdisplay, &b) ||
	    ut_dumb_add_fb(fd, &b, DRM_FORMAT_XRGB8888)) {
		ut_fail("damage.setup", "buffers: %s", strerror(errno));
		return 1;
	}
	whole = (long long)a.width * a.height * 4;
	ut_dumb_fill(&a, BG);
	ut_dumb_fill(&b, 0x00406080);
	if (ut_atomic_modeset(fd, &out, &out.mode, &a, DRM_MODE_PAGE_FLIP_EVENT,
			      NULL) || wait_flip(fd)) {
		ut_fail("damage.setup", "modeset: %s", strerror(errno));
		return 1;
	}
	printf("INFO: damage on %ux%u; stated overhead %d bytes per extra rectangle\n",
	       a.width, a.height, CMD_COST);

	/* 1. FB_DAMAGE_CLIPS */
	scatter(&a, clips, 0);
	read_counters(&before);
	draw(&a, clips, NRECT, 0x00ff4000, "damage-clips");
	ret = damage_commit(fd, &out, &a, clips, NRECT);
	if (ret)
		ut_fail("damage.clips_16", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.clips_16", &before, damaged, budget);
	printf("EXPECT-RECT: dump=damage-clips rect=0,0,8,8 colour=%06x\n", BG);
	if (kms_screendump("damage-clips", -1))
		ut_fail("damage.clips_screendump", "screendump failed");

	/* 2. DIRTYFB, other places */
	scatter(&a, clips, 40);
	read_counters(&before);
	draw(&a, clips, NRECT, 0x0000c0ff, "damage-dirtyfb");
	if (drmModeDirtyFB(fd, a.fb_id, clips, NRECT)) {
		ut_fail("damage.dirtyfb_16", "DIRTYFB: %s", strerror(errno));
	} else {
		usleep(200 * 1000);
		check_bytes("damage.dirtyfb_16", &before, damaged, budget);
	}
	if (kms_screendump("damage-dirtyfb", -1))
		ut_fail("damage.dirtyfb_screendump", "screendump failed");

	/* 3. one 64x64 rectangle */
	one = (drmModeClip){ .x1 = 600, .y1 = 300, .x2 = 664, .y2 = 364 };
	read_counters(&before);
	draw(&a, &one, 1, 0x0000ff00, NULL);
	ret = damage_commit(fd, &out, &a, &one, 1);
	if (ret)
		ut_fail("damage.clip_64x64", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.clip_64x64", &before, 64 * 64 * 4, 64 * 64 * 4);

	/* 4. a new framebuffer is uploaded whole, whatever its damage says */
	one = (drmModeClip){ .x1 = 0, .y1 = 0, .x2 = 16, .y2 = 16 };
	read_counters(&before);
	ret = damage_commit(fd, &out, &b, &one, 1);
	if (ret)
		ut_fail("damage.new_fb_whole", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.new_fb_whole", &before, whole, whole);
	printf("EXPECT-RECT: dump=damage-newfb rect=0,0,%u,%u colour=406080\n",
	       b.width, b.height);
	if (kms_screendump("damage-newfb", -1))
		ut_fail("damage.newfb_screendump", "screendump failed");

	/*
	 * 5-8. Flips between buffers: one the host already holds (not written
	 * since its upload) costs no transfer; any write through the mapping,
	 * even one small rectangle, makes the next flip upload it whole.
	 */
	read_counters(&before);
	skipped = kms_debugfs_value("stats", "uploads_skipped");
	ret = damage_commit(fd, &out, &a, &one, 1);
	if (ret)
		ut_fail("damage.flip_back_written", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.flip_back_written", &before, whole, whole);

	read_counters(&before);
	ret = damage_commit(fd, &out, &b, &one, 1);
	if (ret)
		ut_fail("damage.flip_clean_skipped", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.flip_clean_skipped", &before, 0, 0);
	if (skipped < 0 ||
	    kms_debugfs_value("stats", "uploads_skipped") != skipped + 1)
		ut_fail("damage.flip_clean_counted", "uploads_skipped %lld -> %lld",
			skipped, kms_debugfs_value("stats", "uploads_skipped"));
	else
		ut_pass("damage.flip_clean_counted");
	printf("EXPECT-RECT: dump=damage-flip-clean rect=0,0,%u,%u colour=406080\n",
	       b.width, b.height);
	if (kms_screendump("damage-flip-clean", -1))
		ut_fail("damage.flip_clean_screendump", "screendump failed");

	ut_dumb_fill(&a, 0x00a0c040);
	read_counters(&before);
	ret = damage_commit(fd, &out, &a, &one, 1);
	if (ret)
		ut_fail("damage.flip_rewritten", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.flip_rewritten", &before, whole, whole);
	printf("EXPECT-RECT: dump=damage-flip-rewritten rect=0,0,%u,%u colour=a0c040\n",
	       a.width, a.height);
	if (kms_screendump("damage-flip-rewritten", -1))
		ut_fail("damage.flip_rewritten_screendump", "screendump failed");

	one = (drmModeClip){ .x1 = 200, .y1 = 120, .x2 = 208, .y2 = 128 };
	draw(&b, &one, 1, 0x00ff00ff, "damage-flip-poked");
	read_counters(&before);
	ret = damage_commit(fd, &out, &b, &one, 1);
	if (ret)
		ut_fail("damage.flip_poked", "commit: %s", strerror(-ret));
	else
		check_bytes("damage.flip_poked", &before, whole, whole);
	printf("EXPECT-RECT: dump=damage-flip-poked rect=0,0,%u,%u colour=406080\n",
	       b.width, 100);
	if (kms_screendump("damage-flip-poked", -1))
		ut_fail("damage.flip_poked_screendump", "screendump failed");

	ut_atomic_disable(fd, &out);
	ut_dumb_destroy(fd, &a);
	ut_dumb_destroy(fd, &b);
	close(fd);
	return ut_exit_status();
}
