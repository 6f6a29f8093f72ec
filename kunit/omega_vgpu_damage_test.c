// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: framebuffer placement, clip to transfer conversion and the damage
 * merge rule of omega_vgpu_damage.c.  Inputs come from userspace (fb pitch,
 * offset, damage clips), so the tables lean on the hostile end.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/string.h>

#include "omega_vgpu_damage.c"

#define MAXD	OMEGA_VGPU_MAX_DIM

/* ------------------------------------------------------------------ */
/* omega_vgpu_fb_layout_init */

struct omega_vgpu_layout_init_case {
	const char *desc;
	u32 width, height, cpp, pitch, offset;
	size_t bo_size;
	int ret;
	struct omega_vgpu_fb_layout want;	/* when ret == 0 */
};

#define L_OK(d, w, h, p, off, bo, rw, rh, x, y) \
	{ d, w, h, 4, p, off, bo, 0, { rw, rh, x, y, w, h, 4 } }
#define L_BAD(d, w, h, c, p, off, bo) \
	{ d, w, h, c, p, off, bo, -EINVAL }

static const struct omega_vgpu_layout_init_case omega_vgpu_layout_init_cases[] = {
	L_OK("tight_1024x768", 1024, 768, 4096, 0, 4096 * 768,
	     1024, 768, 0, 0),
	L_OK("bo_taller_than_fb", 1024, 768, 4096, 0, 4096 * 800,
	     1024, 800, 0, 0),
	L_OK("bo_partial_last_row", 1024, 768, 4096, 0, 4096 * 768 + 4095,
	     1024, 768, 0, 0),
	L_OK("wide_pitch", 1000, 700, 8192, 0, 8192 * 700,
	     2048, 700, 0, 0),
	L_OK("offset_inside", 1000, 700, 4096, 4096 * 10 + 4 * 16, 4096 * 768,
	     1024, 768, 16, 10),
	L_OK("offset_touches_right_and_bottom", 1000, 700, 4096,
	     4096 * 68 + 4 * 24, 4096 * 768, 1024, 768, 24, 68),
	L_OK("max_width_pitch", MAXD, 1, MAXD * 4, 0, MAXD * 4,
	     MAXD, 1, 0, 0),
	L_OK("rows_capped_at_max", 16, 16, 64, 0, 64 * (MAXD + 100),
	     16, MAXD, 0, 0),
	L_OK("bo_size_max", 16, MAXD, 64, 0, SIZE_MAX, 16, MAXD, 0, 0),
	L_OK("one_pixel", 1, 1, 4, 0, 4, 1, 1, 0, 0),

	L_BAD("width_zero", 0, 768, 4, 4096, 0, 4096 * 768),
	L_BAD("height_zero", 1024, 0, 4, 4096, 0, 4096 * 768),
	L_BAD("cpp_zero", 1024, 768, 0, 4096, 0, 4096 * 768),
	L_BAD("cpp_2", 1024, 768, 2, 2048, 0, 4096 * 768),
	L_BAD("cpp_3", 1024, 768, 3, 3072, 0, 4096 * 768),
	L_BAD("cpp_8", 512, 768, 8, 4096, 0, 4096 * 768),
	L_BAD("pitch_zero", 1024, 768, 4, 0, 0, 4096 * 768),
	L_BAD("pitch_not_multiple", 1024, 768, 4, 4098, 0, 4098 * 768),
	L_BAD("pitch_one_pixel_short", 1025, 768, 4, 4096, 0, 4096 * 768),
	L_BAD("width_times_cpp_wraps", 0x40000001, 1, 4, 4096, 0, 4096),
	L_BAD("width_u32_max", U32_MAX, 1, 4, 4096, 0, 4096),
	L_BAD("offset_not_multiple", 1000, 768, 4, 4096, 2, 4096 * 768),
	L_BAD("offset_right_overflow", 1000, 700, 4, 4096, 4 * 25, 4096 * 768),
	L_BAD("offset_bottom_overflow", 1000, 700, 4, 4096, 4096 * 69,
	      4096 * 768),
	L_BAD("offset_huge", 16, 16, 4, 64, 0xfffffffc, SIZE_MAX),
	L_BAD("bo_one_row_short", 1024, 768, 4, 4096, 0, 4096 * 768 - 1),
	L_BAD("bo_smaller_than_a_row", 1, 1, 4, 4096, 0, 100),
	L_BAD("bo_empty", 1, 1, 4, 4, 0, 0),
	L_BAD("pitch_past_max_width", 100, 100, 4, (MAXD + 1) * 4, 0,
	      (MAXD + 1) * 4 * 100),
	L_BAD("pitch_huge", 100, 1, 4, 0xfffffffc, 0, SIZE_MAX),
	L_BAD("height_past_max", 16, MAXD + 1, 4, 64, 0, SIZE_MAX),
	L_BAD("height_u32_max", 16, U32_MAX, 4, 64, 0, SIZE_MAX),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_layout_init, omega_vgpu_layout_init_cases,
		       desc);

static void omega_vgpu_damage_layout_init(struct kunit *test)
{
	const struct omega_vgpu_layout_init_case *c = test->param_value;
	const struct omega_vgpu_fb_layout *w = &c->want;
	struct omega_vgpu_fb_layout l;
	int ret;

	memset(&l, 0xa5, sizeof(l));
	ret = omega_vgpu_fb_layout_init(&l, c->width, c->height, c->cpp,
					c->pitch, c->offset, c->bo_size);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->ret,
			    "%ux%u cpp %u pitch %u offset %u in %zu bytes",
			    c->width, c->height, c->cpp, c->pitch, c->offset,
			    c->bo_size);
	if (ret)
		return;
	KUNIT_EXPECT_EQ_MSG(test, l.res_width, w->res_width, "res_width");
	KUNIT_EXPECT_EQ_MSG(test, l.res_height, w->res_height, "res_height");
	KUNIT_EXPECT_EQ_MSG(test, l.x, w->x, "x of the first pixel");
	KUNIT_EXPECT_EQ_MSG(test, l.y, w->y, "y of the first pixel");
	KUNIT_EXPECT_EQ_MSG(test, l.width, w->width, "width");
	KUNIT_EXPECT_EQ_MSG(test, l.height, w->height, "height");
	KUNIT_EXPECT_EQ_MSG(test, l.cpp, w->cpp, "cpp");
}

/* ------------------------------------------------------------------ */
/* omega_vgpu_xfer_from_clip */

/* A 1024x768 framebuffer at (16, 8) of a 2048x1024 resource. */
static const struct omega_vgpu_fb_layout omega_vgpu_test_layout = {
	.res_width = 2048, .res_height = 1024, .x = 16, .y = 8,
	.width = 1024, .height = 768, .cpp = 4,
};

#define ROW	(2048 * 4)

struct omega_vgpu_clip_case {
	const char *desc;
	struct drm_rect clip;
	int ret;
	struct omega_vgpu_xfer want;	/* when ret == 0 */
};

#define C_OK(d, x1, y1, x2, y2, X, Y, W, H) \
	{ d, { x1, y1, x2, y2 }, 0, \
	  { X, Y, W, H, (u64)(Y) * ROW + (u64)(X) * 4 } }
#define C_NONE(d, x1, y1, x2, y2) \
	{ d, { x1, y1, x2, y2 }, -ENODATA }

static const struct omega_vgpu_clip_case omega_vgpu_clip_cases[] = {
	C_OK("full", 0, 0, 1024, 768, 16, 8, 1024, 768),
	C_OK("interior", 10, 20, 30, 50, 26, 28, 20, 30),
	C_OK("one_pixel_top_left", 0, 0, 1, 1, 16, 8, 1, 1),
	C_OK("one_pixel_bottom_right", 1023, 767, 1024, 768, 1039, 775, 1, 1),
	C_OK("clipped_left_top", -10, -5, 10, 5, 16, 8, 10, 5),
	C_OK("clipped_right_bottom", 1000, 700, 2000, 900, 1016, 708, 24, 68),
	C_OK("covers_everything", S32_MIN, S32_MIN, S32_MAX, S32_MAX,
	     16, 8, 1024, 768),
	C_NONE("right_of_fb", 1024, 0, 1100, 10),
	C_NONE("left_of_fb", -100, 0, 0, 10),
	C_NONE("above_fb", 0, -10, 10, 0),
	C_NONE("below_fb", 0, 768, 10, 800),
	C_NONE("empty_width", 5, 5, 5, 10),
	C_NONE("empty_height", 5, 5, 10, 5),
	C_NONE("inverted_x", 50, 0, 10, 10),
	C_NONE("inverted_y", 0, 50, 10, 10),
	C_NONE("inverted_extremes", S32_MAX, S32_MAX, S32_MIN, S32_MIN),
	C_NONE("far_right", S32_MAX - 1, 0, S32_MAX, 10),
	C_NONE("far_left", S32_MIN, 0, S32_MIN + 1, 10),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_clip, omega_vgpu_clip_cases, desc);

static void omega_vgpu_damage_xfer_from_clip(struct kunit *test)
{
	const struct omega_vgpu_clip_case *c = test->param_value;
	const struct omega_vgpu_xfer *w = &c->want;
	struct omega_vgpu_xfer x;
	int ret;

	memset(&x, 0xa5, sizeof(x));
	ret = omega_vgpu_xfer_from_clip(&omega_vgpu_test_layout, &c->clip, &x);
	KUNIT_ASSERT_EQ_MSG(test, ret, c->ret, "clip " DRM_RECT_FMT,
			    DRM_RECT_ARG(&c->clip));
	if (ret)
		return;
	KUNIT_EXPECT_EQ_MSG(test, x.x, w->x, "x in the resource");
	KUNIT_EXPECT_EQ_MSG(test, x.y, w->y, "y in the resource");
	KUNIT_EXPECT_EQ_MSG(test, x.width, w->width, "width");
	KUNIT_EXPECT_EQ_MSG(test, x.height, w->height, "height");
	KUNIT_EXPECT_EQ_MSG(test, x.offset, w->offset,
			    "offset = y * res_width * cpp + x * cpp");
}

/* The offset is computed in 64 bits even when it passes 4 GiB. */
static void omega_vgpu_damage_xfer_offset_64bit(struct kunit *test)
{
	const struct omega_vgpu_fb_layout l = {
		.res_width = MAXD, .res_height = 1 << 20, .x = 8, .y = 1 << 20,
		.width = 16, .height = 16, .cpp = 4,
	};
	const struct drm_rect clip = { 1, 2, 3, 4 };
	struct omega_vgpu_xfer x;

	KUNIT_ASSERT_EQ(test, omega_vgpu_xfer_from_clip(&l, &clip, &x), 0);
	KUNIT_EXPECT_EQ(test, x.y, (1u << 20) + 2);
	KUNIT_EXPECT_EQ_MSG(test, x.offset,
			    ((1ULL << 20) + 2) * MAXD * 4 + 9 * 4,
			    "offset must not be truncated to 32 bits");
}

/* ------------------------------------------------------------------ */
/* omega_vgpu_damage_plan */

#define PLAN_MAX	4

struct omega_vgpu_plan_case {
	const char *desc;
	struct drm_rect clips[PLAN_MAX];
	unsigned int nclips;
	u32 cpp;
	unsigned int max_out;
	unsigned int want_n;
	struct drm_rect want[PLAN_MAX];
};

#define R(x1, y1, x2, y2)	{ x1, y1, x2, y2 }
/* Two 1x1 clips whose box is exactly sum + one command's cost at cpp 4. */
#define TIE_X	1025
/* Half of a box whose side is 2^31 pixels. */
#define HALF	0x40000000

static const struct omega_vgpu_plan_case omega_vgpu_plan_cases[] = {
	{ "no_clips", {}, 0, 4, 4, 0 },
	{ "only_empty_clips", { R(5, 5, 5, 10), R(10, 0, 0, 10),
				R(0, 10, 10, 0) }, 3, 4, 4, 0 },
	{ "single", { R(0, 0, 10, 10) }, 1, 4, 4, 1, { R(0, 0, 10, 10) } },
	{ "single_among_empty", { R(3, 3, 1, 1), R(100, 0, 200, 10),
				  R(7, 7, 7, 7) }, 3, 4, 4, 1,
	  { R(100, 0, 200, 10) } },
	{ "adjacent_merge", { R(0, 0, 100, 10), R(0, 10, 100, 20) }, 2, 4, 4,
	  1, { R(0, 0, 100, 20) } },
	{ "far_apart_kept", { R(0, 0, 32, 32), R(1000, 700, 1032, 732) }, 2, 4,
	  4, 2, { R(0, 0, 32, 32), R(1000, 700, 1032, 732) } },
	{ "tie_merges", { R(0, 0, 1, 1), R(TIE_X, 0, TIE_X + 1, 1) }, 2, 4, 4,
	  1, { R(0, 0, TIE_X + 1, 1) } },
	{ "one_past_tie_kept", { R(0, 0, 1, 1), R(TIE_X + 1, 0, TIE_X + 2, 1) },
	  2, 4, 4, 2, { R(0, 0, 1, 1), R(TIE_X + 1, 0, TIE_X + 2, 1) } },
	{ "cpp_1_merges", { R(0, 0, 32, 32), R(64, 0, 96, 32) }, 2, 1, 4, 1,
	  { R(0, 0, 96, 32) } },
	{ "cpp_4_tie_merges", { R(0, 0, 32, 32), R(64, 0, 96, 32) }, 2, 4, 4, 1,
	  { R(0, 0, 96, 32) } },
	{ "cpp_8_kept", { R(0, 0, 32, 32), R(64, 0, 96, 32) }, 2, 8, 4, 2,
	  { R(0, 0, 32, 32), R(64, 0, 96, 32) } },
	{ "more_than_max_out", { R(0, 0, 8, 8), R(500, 0, 508, 8),
				 R(0, 500, 8, 508) }, 3, 4, 2, 1,
	  { R(0, 0, 508, 508) } },
	{ "exactly_max_out", { R(0, 0, 8, 8), R(500, 0, 508, 8),
			       R(0, 500, 8, 508) }, 3, 4, 3, 3,
	  { R(0, 0, 8, 8), R(500, 0, 508, 8), R(0, 500, 8, 508) } },
	{ "empties_skipped_in_order", { R(900, 900, 950, 950), R(1, 1, 0, 0),
					R(0, 0, 50, 50) }, 3, 4, 2, 2,
	  { R(900, 900, 950, 950), R(0, 0, 50, 50) } },
	{ "overlap_counts_twice", { R(0, 0, 100, 100), R(50, 50, 150, 150) },
	  2, 4, 4, 2, { R(0, 0, 100, 100), R(50, 50, 150, 150) } },
	{ "negative_coordinates", { R(-64, -64, -32, -32), R(-32, -64, 0, -32) },
	  2, 4, 4, 1, { R(-64, -64, 0, -32) } },
	{ "opposite_corners_s32", { R(S32_MIN, S32_MIN, S32_MIN + 1, S32_MIN + 1),
				    R(S32_MAX - 1, S32_MAX - 1, S32_MAX, S32_MAX) },
	  2, 4, 4, 2, { R(S32_MIN, S32_MIN, S32_MIN + 1, S32_MIN + 1),
			R(S32_MAX - 1, S32_MAX - 1, S32_MAX, S32_MAX) } },
	/* box area * cpp is exactly 2^64: must not wrap to 0 and merge */
	{ "box_bytes_2_pow_64", { R(-HALF, -HALF, -HALF + 1, -HALF + 1),
				  R(HALF - 1, HALF - 1, HALF, HALF) },
	  2, 4, 4, 2, { R(-HALF, -HALF, -HALF + 1, -HALF + 1),
			R(HALF - 1, HALF - 1, HALF, HALF) } },
	{ "single_whole_s32_plane", { R(S32_MIN, S32_MIN, S32_MAX, S32_MAX) },
	  1, 4, 4, 1, { R(S32_MIN, S32_MIN, S32_MAX, S32_MAX) } },
	{ "two_huge_overlapping", { R(S32_MIN, S32_MIN, S32_MAX, S32_MAX),
				    R(S32_MIN, S32_MIN, S32_MAX, S32_MAX) },
	  2, 4, 4, 1, { R(S32_MIN, S32_MIN, S32_MAX, S32_MAX) } },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_plan, omega_vgpu_plan_cases, desc);

static void omega_vgpu_damage_plan_table(struct kunit *test)
{
	const struct omega_vgpu_plan_case *c = test->param_value;
	struct drm_rect out[PLAN_MAX + 1];
	unsigned int n, i;

	memset(out, 0xa5, sizeof(out));
	n = omega_vgpu_damage_plan(c->clips, c->nclips, c->cpp, out,
				   c->max_out);
	KUNIT_ASSERT_EQ_MSG(test, n, c->want_n,
			    "%u clips, cpp %u, room for %u", c->nclips, c->cpp,
			    c->max_out);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE_MSG(test, drm_rect_equals(&out[i], &c->want[i]),
				      "out[%u] is " DRM_RECT_FMT ", expected " DRM_RECT_FMT,
				      i, DRM_RECT_ARG(&out[i]),
				      DRM_RECT_ARG(&c->want[i]));
	KUNIT_EXPECT_EQ_MSG(test, (u32)out[n].x1, 0xa5a5a5a5,
			    "out[%u] past the returned count was written", n);
}

/*
 * With no room at all nothing can be written: the plan must not touch
 * @out (the literal rule would store the box in out[0]).
 */
static void omega_vgpu_damage_plan_no_room(struct kunit *test)
{
	const struct drm_rect clips[] = { R(0, 0, 8, 8), R(100, 100, 108, 108) };
	struct drm_rect out[1];

	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, omega_vgpu_damage_plan(clips, 2, 4, out, 0), 0);
	KUNIT_EXPECT_EQ_MSG(test, (u32)out[0].x1, 0xa5a5a5a5,
			    "max_out 0 must not write out[0]");
}

/* 16 scattered 32x32 tiles on 1280x800: each is uploaded on its own. */
static void omega_vgpu_damage_plan_scattered_tiles(struct kunit *test)
{
	struct drm_rect clips[16], out[16];
	unsigned int i, n;

	for (i = 0; i < 16; i++)
		drm_rect_init(&clips[i], (i % 4) * 400, (i / 4) * 250, 32, 32);
	n = omega_vgpu_damage_plan(clips, 16, 4, out, 16);
	KUNIT_ASSERT_EQ_MSG(test, n, 16,
			    "16 KiB of tiles must not become a ~4 MB box");
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_TRUE_MSG(test, drm_rect_equals(&out[i], &clips[i]),
				      "tile %u out of order or changed", i);

	/* with room for fewer, everything goes in one box */
	n = omega_vgpu_damage_plan(clips, 16, 4, out, 15);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, out[0].x1, 0);
	KUNIT_EXPECT_EQ(test, out[0].y1, 0);
	KUNIT_EXPECT_EQ(test, out[0].x2, 3 * 400 + 32);
	KUNIT_EXPECT_EQ(test, out[0].y2, 3 * 250 + 32);
}

/* ------------------------------------------------------------------ */
/* omega_vgpu_track_decide */

#define TRACK_EXPECT(test, t, cur, r, want) \
	KUNIT_EXPECT_EQ(test, (int)omega_vgpu_track_decide(t, cur, r), (int)(want))

static void omega_vgpu_damage_track_new_buffer(struct kunit *test)
{
	struct drm_rect r = DRM_RECT_INIT(0, 0, 1280, 800);
	struct omega_vgpu_track t = {};

	/* A buffer never uploaded: whatever the flag says, upload and arm. */
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
	KUNIT_EXPECT_TRUE(test, t.armed);
	KUNIT_EXPECT_TRUE(test, drm_rect_equals(&t.rect, &r));
}

static void omega_vgpu_damage_track_clean_skips(struct kunit *test)
{
	struct drm_rect r = DRM_RECT_INIT(0, 0, 1280, 800);
	struct drm_rect inside = DRM_RECT_INIT(16, 16, 640, 400);
	struct drm_rect wider = DRM_RECT_INIT(0, 0, 1281, 800);
	struct drm_rect moved = DRM_RECT_INIT(1, 0, 1280, 800);
	struct omega_vgpu_track t = {};

	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_SKIP);
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_SKIP);
	TRACK_EXPECT(test, &t, true, &inside, OMEGA_VGPU_TRACK_SKIP);
	/* Pixels outside what was uploaded: the host never had them. */
	TRACK_EXPECT(test, &t, true, &wider, OMEGA_VGPU_TRACK_ARM);
	KUNIT_EXPECT_TRUE(test, drm_rect_equals(&t.rect, &wider));
	TRACK_EXPECT(test, &t, true, &moved, OMEGA_VGPU_TRACK_SKIP);
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_SKIP);
}

static void omega_vgpu_damage_track_unarmed_never_skips(struct kunit *test)
{
	struct drm_rect r = DRM_RECT_INIT(0, 0, 64, 64);
	struct omega_vgpu_track t = { .armed = false, .rect = r };

	/* Mappings not zapped: a clear flag proves nothing. */
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
}

static void omega_vgpu_damage_track_written_uploads(struct kunit *test)
{
	struct drm_rect r = DRM_RECT_INIT(0, 0, 1280, 800);
	struct omega_vgpu_track t = {};

	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
	/* written once: upload, and keep watching */
	TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_ARM);
	/* clean again: skip, and the streak is forgotten */
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_SKIP);
	KUNIT_EXPECT_EQ(test, t.misses, 0);
	TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_ARM);
	KUNIT_EXPECT_EQ(test, t.misses, 1);
}

static void omega_vgpu_damage_track_drawn_every_frame(struct kunit *test)
{
	struct drm_rect r = DRM_RECT_INIT(0, 0, 1920, 1080);
	struct omega_vgpu_track t = {};
	unsigned int i;

	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
	TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_ARM);
	/* Second written flip in a row: left mapped, not re-armed. */
	for (i = 1; i < OMEGA_VGPU_TRACK_RETRY; i++) {
		TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_UPLOAD);
		KUNIT_EXPECT_FALSE(test, t.armed);
	}
	/* A clear flag while unarmed must not be believed either. */
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_ARM);
	/* The retry found it written: give up again at once. */
	TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_UPLOAD);
	for (i = 1; i < OMEGA_VGPU_TRACK_RETRY - 1; i++)
		TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_UPLOAD);
	TRACK_EXPECT(test, &t, false, &r, OMEGA_VGPU_TRACK_ARM);
	/* The drawing stopped: the next flip skips. */
	TRACK_EXPECT(test, &t, true, &r, OMEGA_VGPU_TRACK_SKIP);
	KUNIT_EXPECT_EQ(test, t.misses, 0);
}

static struct kunit_case omega_vgpu_damage_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_damage_layout_init,
			 omega_vgpu_layout_init_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_damage_xfer_from_clip,
			 omega_vgpu_clip_gen_params),
	KUNIT_CASE(omega_vgpu_damage_xfer_offset_64bit),
	KUNIT_CASE_PARAM(omega_vgpu_damage_plan_table, omega_vgpu_plan_gen_params),
	KUNIT_CASE(omega_vgpu_damage_plan_no_room),
	KUNIT_CASE(omega_vgpu_damage_plan_scattered_tiles),
	KUNIT_CASE(omega_vgpu_damage_track_new_buffer),
	KUNIT_CASE(omega_vgpu_damage_track_clean_skips),
	KUNIT_CASE(omega_vgpu_damage_track_unarmed_never_skips),
	KUNIT_CASE(omega_vgpu_damage_track_written_uploads),
	KUNIT_CASE(omega_vgpu_damage_track_drawn_every_frame),
	{}
};

static struct kunit_suite omega_vgpu_damage_suite = {
	.name = "omega_vgpu_damage",
	.test_cases = omega_vgpu_damage_cases,
};

kunit_test_suite(omega_vgpu_damage_suite);
