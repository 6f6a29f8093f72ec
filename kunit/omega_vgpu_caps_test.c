// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the ARL decisions of omega_vgpu_caps_rules.c.  Every refusal has
 * its own errno (Documentation/arl.rst); these tables are that list, with
 * the edges: rectangles that touch the viewport's border, sums that wrap
 * u32, budgets filled to the last byte.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/time64.h>

#include "omega_vgpu_caps_rules.c"

#define RECT(x, y, w, h)	((struct drm_omega_vgpu_arl_rect){ x, y, w, h })
#define PQ	(OMEGA_VGPU_ARL_RIGHT_PRESENT | OMEGA_VGPU_ARL_RIGHT_QUERY)

/* ------------------------------------------------------------------ */
/* Rectangles */

struct omega_vgpu_arl_rect_case {
	const char *desc;
	struct drm_omega_vgpu_arl_rect r;
	int ret;
	u32 x2, y2;
};

static const struct omega_vgpu_arl_rect_case omega_vgpu_arl_rect_cases[] = {
	{ "plain", RECT(10, 20, 30, 40), 0, 40, 60 },
	{ "origin_1x1", RECT(0, 0, 1, 1), 0, 1, 1 },
	{ "zero_width", RECT(10, 20, 0, 40), -EINVAL },
	{ "zero_height", RECT(10, 20, 30, 0), -EINVAL },
	{ "x_end_is_u32_max", RECT(U32_MAX - 1, 0, 1, 1), 0, U32_MAX, 1 },
	{ "x_wraps", RECT(U32_MAX, 0, 1, 1), -EOVERFLOW },
	{ "y_wraps", RECT(0, 0xffffff00u, 1, 0x200), -EOVERFLOW },
	{ "both_huge", RECT(U32_MAX, U32_MAX, U32_MAX, U32_MAX), -EOVERFLOW },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_arl_rect, omega_vgpu_arl_rect_cases, desc);

static void omega_vgpu_arl_rect_end_table(struct kunit *test)
{
	const struct omega_vgpu_arl_rect_case *c = test->param_value;
	u32 x2 = 0, y2 = 0;
	int ret = omega_vgpu_arl_rect_end(&c->r, &x2, &y2);

	KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "rect %u,%u %ux%u", c->r.x,
			    c->r.y, c->r.width, c->r.height);
	if (!c->ret) {
		KUNIT_EXPECT_EQ(test, x2, c->x2);
		KUNIT_EXPECT_EQ(test, y2, c->y2);
	}
}

struct omega_vgpu_arl_inside_case {
	const char *desc;
	struct drm_omega_vgpu_arl_rect in;
	bool inside;
};

/* All against the viewport 200,150 400x300 (x 200..599, y 150..449). */
static const struct omega_vgpu_arl_inside_case omega_vgpu_arl_inside_cases[] = {
	{ "whole_viewport", RECT(200, 150, 400, 300), true },
	{ "top_left_pixel", RECT(200, 150, 1, 1), true },
	{ "bottom_right_pixel", RECT(599, 449, 1, 1), true },
	{ "one_left", RECT(199, 150, 1, 1), false },
	{ "one_above", RECT(200, 149, 1, 1), false },
	{ "one_right", RECT(600, 150, 1, 1), false },
	{ "one_below", RECT(200, 450, 1, 1), false },
	{ "straddles_right", RECT(590, 150, 11, 1), false },
	{ "straddles_bottom", RECT(200, 440, 1, 11), false },
	{ "covers_viewport", RECT(0, 0, 1280, 800), false },
	{ "wraps_to_inside", RECT(0xffffff00u, 150, 0x200, 1), false },
	{ "empty", RECT(300, 300, 0, 0), false },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_arl_inside, omega_vgpu_arl_inside_cases,
		       desc);

static void omega_vgpu_arl_rect_inside_table(struct kunit *test)
{
	const struct omega_vgpu_arl_inside_case *c = test->param_value;
	const struct drm_omega_vgpu_arl_rect vp = RECT(200, 150, 400, 300);

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_rect_inside(&c->in, &vp),
			    c->inside, "rect %u,%u %ux%u should%s be inside",
			    c->in.x, c->in.y, c->in.width, c->in.height,
			    c->inside ? "" : " not");
}

/* ------------------------------------------------------------------ */
/* Grant requests */

struct omega_vgpu_arl_grant_case {
	const char *desc;
	void (*mutate)(struct drm_omega_vgpu_arl_grant *g);
	int ret;
};

static void g_ok(struct drm_omega_vgpu_arl_grant *g) { }
static void g_all_rights(struct drm_omega_vgpu_arl_grant *g)
{ g->rights = OMEGA_VGPU_ARL_RIGHTS_VALID; }
static void g_no_rights(struct drm_omega_vgpu_arl_grant *g) { g->rights = 0; }
static void g_render(struct drm_omega_vgpu_arl_grant *g)
{ g->rights |= OMEGA_VGPU_ARL_RIGHT_RENDER; }
static void g_render_only(struct drm_omega_vgpu_arl_grant *g)
{ g->rights = OMEGA_VGPU_ARL_RIGHT_RENDER; }
static void g_render_no_vp(struct drm_omega_vgpu_arl_grant *g)
{
	g->rights = OMEGA_VGPU_ARL_RIGHT_RENDER;
	g->viewport.width = 0;
}
static void g_next_right(struct drm_omega_vgpu_arl_grant *g)
{ g->rights |= OMEGA_VGPU_ARL_RIGHT_RENDER << 1; }
static void g_unknown_right(struct drm_omega_vgpu_arl_grant *g)
{ g->rights |= 1u << 31; }
static void g_reserved0(struct drm_omega_vgpu_arl_grant *g) { g->reserved[0] = 1; }
static void g_reserved1(struct drm_omega_vgpu_arl_grant *g) { g->reserved[1] = 1; }
static void g_out_id(struct drm_omega_vgpu_arl_grant *g) { g->cgroup_id = 5; }
static void g_inflight_max(struct drm_omega_vgpu_arl_grant *g)
{ g->max_inflight = OMEGA_VGPU_ARL_MAX_INFLIGHT; }
static void g_inflight_over(struct drm_omega_vgpu_arl_grant *g)
{ g->max_inflight = OMEGA_VGPU_ARL_MAX_INFLIGHT + 1; }
static void g_vp_empty(struct drm_omega_vgpu_arl_grant *g) { g->viewport.height = 0; }
static void g_vp_wraps(struct drm_omega_vgpu_arl_grant *g)
{ g->viewport.x = U32_MAX - 10; }
static void g_vp_edge(struct drm_omega_vgpu_arl_grant *g)
{ g->viewport = RECT(0, 0, OMEGA_VGPU_ARL_MAX_COORD, OMEGA_VGPU_ARL_MAX_COORD); }
static void g_vp_past(struct drm_omega_vgpu_arl_grant *g)
{ g->viewport = RECT(1, 0, OMEGA_VGPU_ARL_MAX_COORD, 1); }

static const struct omega_vgpu_arl_grant_case omega_vgpu_arl_grant_cases[] = {
	{ "valid", g_ok, 0 },
	{ "all_valid_rights", g_all_rights, 0 },
	{ "no_rights", g_no_rights, -EINVAL },
	{ "render_with_present_query", g_render, 0 },
	{ "render_only", g_render_only, 0 },
	{ "render_needs_viewport", g_render_no_vp, -EINVAL },
	{ "right_after_render", g_next_right, -EINVAL },
	{ "unknown_right", g_unknown_right, -EINVAL },
	{ "reserved0", g_reserved0, -EINVAL },
	{ "reserved1", g_reserved1, -EINVAL },
	{ "cgroup_id_is_output", g_out_id, -EINVAL },
	{ "inflight_at_max", g_inflight_max, 0 },
	{ "inflight_over_max", g_inflight_over, -EINVAL },
	{ "viewport_empty", g_vp_empty, -EINVAL },
	{ "viewport_wraps", g_vp_wraps, -EOVERFLOW },
	{ "viewport_at_max_coord", g_vp_edge, 0 },
	{ "viewport_past_max_coord", g_vp_past, -ERANGE },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_arl_grant, omega_vgpu_arl_grant_cases, desc);

static void omega_vgpu_arl_validate_grant_table(struct kunit *test)
{
	const struct omega_vgpu_arl_grant_case *c = test->param_value;
	struct drm_omega_vgpu_arl_grant g = {
		.cgroup_fd = 3, .rights = PQ, .crtc_id = 35,
		.viewport = RECT(200, 150, 400, 300),
	};

	c->mutate(&g);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_validate_grant(&g), c->ret);
}

/* ------------------------------------------------------------------ */
/* Rights and destinations */

static void omega_vgpu_arl_grant_fixture(struct omega_vgpu_arl_grant *g)
{
	memset(g, 0, sizeof(*g));
	g->rights = PQ;
	g->crtc_id = 35;
	g->viewport = RECT(200, 150, 400, 300);
	g->max_inflight = 2;
}

static void omega_vgpu_arl_check_rights(struct kunit *test)
{
	struct drm_omega_vgpu_arl_rect dst = RECT(200, 150, 10, 10);
	struct omega_vgpu_arl_grant g;

	omega_vgpu_arl_grant_fixture(&g);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_check(NULL,
			    OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &dst), -EACCES,
			    "no grant must be -EACCES");
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(&g,
			OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &dst), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_check(&g,
			    OMEGA_VGPU_ARL_RIGHT_CURSOR, 35, &dst), -EACCES,
			    "a right not granted must be -EACCES");
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_check(&g,
			    OMEGA_VGPU_ARL_RIGHT_PRESENT, 36, &dst), -EACCES,
			    "another CRTC must be -EACCES");
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(&g,
			OMEGA_VGPU_ARL_RIGHT_QUERY, 35, NULL), 0);

	g.rights = OMEGA_VGPU_ARL_RIGHT_QUERY;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(&g,
			OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &dst), -EACCES);
}

/* Rights come first: an ungranted caller never learns about its rect. */
static void omega_vgpu_arl_check_order(struct kunit *test)
{
	struct drm_omega_vgpu_arl_rect wraps = RECT(U32_MAX, 0, 2, 2);
	struct drm_omega_vgpu_arl_rect outside = RECT(0, 0, 10, 10);

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(NULL,
			OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &wraps), -EACCES);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(NULL,
			OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &outside), -EACCES);
}

struct omega_vgpu_arl_dst_case {
	const char *desc;
	struct drm_omega_vgpu_arl_rect dst;
	int ret;
};

static const struct omega_vgpu_arl_dst_case omega_vgpu_arl_dst_cases[] = {
	{ "whole_viewport", RECT(200, 150, 400, 300), 0 },
	{ "bottom_right_corner", RECT(599, 449, 1, 1), 0 },
	{ "left_of", RECT(199, 150, 10, 10), -ERANGE },
	{ "right_edge_plus_one", RECT(591, 150, 10, 10), -ERANGE },
	{ "below", RECT(200, 441, 10, 10), -ERANGE },
	{ "screen_origin", RECT(0, 0, 10, 10), -ERANGE },
	{ "larger_than_viewport", RECT(200, 150, 401, 300), -ERANGE },
	{ "empty", RECT(300, 300, 0, 10), -EINVAL },
	{ "x_wraps", RECT(0xffffff00u, 150, 0x200, 10), -EOVERFLOW },
	{ "y_wraps", RECT(200, 0xfffffff0u, 10, 0x20), -EOVERFLOW },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_arl_dst, omega_vgpu_arl_dst_cases, desc);

static void omega_vgpu_arl_check_dst_table(struct kunit *test)
{
	const struct omega_vgpu_arl_dst_case *c = test->param_value;
	struct omega_vgpu_arl_grant g;

	omega_vgpu_arl_grant_fixture(&g);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check(&g,
			OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, &c->dst), c->ret);
}

/* ------------------------------------------------------------------ */
/* Present requests and their source */

static void omega_vgpu_arl_validate_present_fields(struct kunit *test)
{
	struct drm_omega_vgpu_arl_present p = { .handle = 1 };

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_validate_present(&p), 0);
	p.flags = 1;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_validate_present(&p), -EINVAL);
	p.flags = 0;
	p.reserved[0] = 1;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_validate_present(&p), -EINVAL);
	p.reserved[0] = 0;
	p.reserved[1] = 1ull << 63;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_validate_present(&p), -EINVAL);
}

struct omega_vgpu_arl_src_case {
	const char *desc;
	u32 format, pitch, offset;
	struct drm_omega_vgpu_arl_rect src;
	u64 bo_size;
	int ret;
};

#define XR	DRM_FORMAT_XRGB8888
/* A 100x50 buffer, pitch 400: 20000 bytes. */
static const struct omega_vgpu_arl_src_case omega_vgpu_arl_src_cases[] = {
	{ "whole", XR, 400, 0, RECT(0, 0, 100, 50), 20000, 0 },
	{ "argb", DRM_FORMAT_ARGB8888, 400, 0, RECT(0, 0, 100, 50), 20000, 0 },
	{ "rgb565", DRM_FORMAT_RGB565, 400, 0, RECT(0, 0, 1, 1), 20000, -EOPNOTSUPP },
	{ "xbgr", DRM_FORMAT_XBGR8888, 400, 0, RECT(0, 0, 1, 1), 20000, -EOPNOTSUPP },
	{ "pitch_zero", XR, 0, 0, RECT(0, 0, 1, 1), 20000, -EINVAL },
	{ "pitch_unaligned", XR, 402, 0, RECT(0, 0, 1, 1), 20000, -EINVAL },
	{ "empty", XR, 400, 0, RECT(0, 0, 0, 1), 20000, -EINVAL },
	{ "row_end_exact", XR, 400, 0, RECT(99, 0, 1, 1), 20000, 0 },
	{ "row_past_pitch", XR, 400, 0, RECT(99, 0, 2, 1), 20000, -ENXIO },
	{ "last_row", XR, 400, 0, RECT(0, 49, 100, 1), 20000, 0 },
	{ "past_last_row", XR, 400, 0, RECT(0, 49, 100, 2), 20000, -ENXIO },
	{ "offset_exact", XR, 400, 400, RECT(0, 0, 100, 49), 20000, 0 },
	{ "offset_one_past", XR, 400, 404, RECT(0, 0, 100, 49), 20000, -ENXIO },
	{ "x_wraps", XR, 400, 0, RECT(U32_MAX, 0, 1, 1), 20000, -EOVERFLOW },
	{ "y_wraps", XR, 400, 0, RECT(0, U32_MAX, 1, 1), 20000, -EOVERFLOW },
	{ "huge_y_no_wrap", XR, 0xfffffffcu, 0xfffffffcu,
	  RECT(0, 0xfffffffeu, 1, 1), U64_MAX, 0 },
	{ "huge_y_small_bo", XR, 0xfffffffcu, 0, RECT(0, 0xfffffffeu, 1, 1),
	  1ull << 40, -ENXIO },
	{ "x_times_4_past_u32", XR, 400, 0, RECT(0x40000000u, 0, 1, 1), 20000,
	  -ENXIO },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_arl_src, omega_vgpu_arl_src_cases, desc);

static void omega_vgpu_arl_check_source_table(struct kunit *test)
{
	const struct omega_vgpu_arl_src_case *c = test->param_value;
	struct drm_omega_vgpu_arl_present p = {
		.handle = 1, .format = c->format, .pitch = c->pitch,
		.offset = c->offset, .src = c->src,
	};

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_check_source(&p, c->bo_size),
			c->ret);
}

/* ------------------------------------------------------------------ */
/* Budgets */

static void omega_vgpu_arl_budget_unlimited(struct kunit *test)
{
	struct omega_vgpu_arl_budget b = { .max_bps = 0 };

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, 5, U64_MAX), 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, 6, U64_MAX), 0);
}

static void omega_vgpu_arl_budget_window(struct kunit *test)
{
	struct omega_vgpu_arl_budget b = { .max_bps = 1000 };
	u64 t0 = 10 * NSEC_PER_SEC;

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_budget_charge(&b, t0, 1001),
			    -E2BIG, "one present over the budget can never pass");
	KUNIT_EXPECT_EQ(test, b.used, 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, t0, 600), 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, t0 + 1, 400), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_budget_charge(&b, t0 + 2, 1),
			    -EAGAIN, "a full window refuses even one byte");
	KUNIT_EXPECT_EQ(test, b.used, 1000);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b,
			t0 + NSEC_PER_SEC - 1, 1), -EAGAIN);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_budget_charge(&b,
			    t0 + NSEC_PER_SEC, 1000), 0,
			    "a new window starts one second later");
	KUNIT_EXPECT_EQ(test, b.window_start, t0 + NSEC_PER_SEC);
}

static void omega_vgpu_arl_budget_clock_backwards(struct kunit *test)
{
	struct omega_vgpu_arl_budget b = { .max_bps = 100 };

	u64 t0 = 10 * NSEC_PER_SEC;

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, t0, 100), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_budget_charge(&b,
			    t0 - NSEC_PER_SEC, 100), 0,
			    "time going backwards starts a new window");
	KUNIT_EXPECT_EQ(test, b.window_start, t0 - NSEC_PER_SEC);
}

static void omega_vgpu_arl_budget_no_wrap(struct kunit *test)
{
	struct omega_vgpu_arl_budget b = { .max_bps = U64_MAX };

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_budget_charge(&b, 1, U64_MAX - 1), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_budget_charge(&b, 2, 2),
			    -EAGAIN, "used + bytes must not wrap to pass");
}

static void omega_vgpu_arl_inflight_budget(struct kunit *test)
{
	atomic_t inflight = ATOMIC_INIT(0), peak = ATOMIC_INIT(0);

	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2), 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2), 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2),
			-EAGAIN);
	KUNIT_EXPECT_EQ(test, atomic_read(&inflight), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&peak), 2);
	atomic_dec(&inflight);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2), 0);
	atomic_set(&inflight, 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2), 0);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&peak), 2, "the peak never drops");
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 0),
			-EAGAIN);
	atomic_set(&inflight, -1);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_inflight_get(&inflight, &peak, 2),
			    -EAGAIN, "a corrupt count must not open the gate");
}

/* The uapi mask is what GRANT accepts: exactly the four named rights. */
static void omega_vgpu_arl_rights_valid_mask(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, OMEGA_VGPU_ARL_RIGHTS_VALID, 0xfu);
	KUNIT_EXPECT_TRUE(test, OMEGA_VGPU_ARL_RIGHTS_VALID &
			  OMEGA_VGPU_ARL_RIGHT_RENDER);
}

/* 3D submissions: the RENDER right, then a slot of the shared budget. */
static void omega_vgpu_arl_render_rights(struct kunit *test)
{
	struct omega_vgpu_arl_grant g;

	omega_vgpu_arl_grant_fixture(&g);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_render_take(&g), -EACCES,
			    "PRESENT|QUERY does not allow 3D work");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&g.inflight), 0,
			    "a refused submission must not take a slot");
	KUNIT_EXPECT_EQ(test, atomic_read(&g.peak_inflight), 0);

	g.rights = OMEGA_VGPU_ARL_RIGHTS_VALID & ~OMEGA_VGPU_ARL_RIGHT_RENDER;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_render_take(&g), -EACCES);

	g.rights = OMEGA_VGPU_ARL_RIGHT_RENDER;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_render_take(&g), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.inflight), 1);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_check(&g,
			    OMEGA_VGPU_ARL_RIGHT_PRESENT, 35, NULL), -EACCES,
			    "RENDER alone does not allow presents");
}

static void omega_vgpu_arl_render_budget(struct kunit *test)
{
	struct omega_vgpu_arl_grant g;

	omega_vgpu_arl_grant_fixture(&g);	/* max_inflight 2 */
	g.rights |= OMEGA_VGPU_ARL_RIGHT_RENDER;
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_render_take(&g), 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_render_take(&g), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_render_take(&g), -EAGAIN,
			    "a third submission with a budget of 2");
	KUNIT_EXPECT_EQ(test, atomic_read(&g.inflight), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&g.peak_inflight), 2);

	/* One slot back (a fence signalled), and presents share the slots. */
	atomic_dec(&g.inflight);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_inflight_get(&g.inflight,
			&g.peak_inflight, g.max_inflight), 0);
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_render_take(&g), -EAGAIN,
			    "a present in flight holds a slot 3D work cannot take");
	atomic_set(&g.inflight, 0);
	KUNIT_EXPECT_EQ(test, omega_vgpu_arl_render_take(&g), 0);

	/* Without the right the budget is never reached. */
	atomic_set(&g.inflight, 2);
	g.rights &= ~OMEGA_VGPU_ARL_RIGHT_RENDER;
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_arl_render_take(&g), -EACCES,
			    "the right is checked before the budget");
}

static struct kunit_case omega_vgpu_caps_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_arl_rect_end_table,
			 omega_vgpu_arl_rect_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_arl_rect_inside_table,
			 omega_vgpu_arl_inside_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_arl_validate_grant_table,
			 omega_vgpu_arl_grant_gen_params),
	KUNIT_CASE(omega_vgpu_arl_check_rights),
	KUNIT_CASE(omega_vgpu_arl_check_order),
	KUNIT_CASE_PARAM(omega_vgpu_arl_check_dst_table,
			 omega_vgpu_arl_dst_gen_params),
	KUNIT_CASE(omega_vgpu_arl_validate_present_fields),
	KUNIT_CASE_PARAM(omega_vgpu_arl_check_source_table,
			 omega_vgpu_arl_src_gen_params),
	KUNIT_CASE(omega_vgpu_arl_budget_unlimited),
	KUNIT_CASE(omega_vgpu_arl_budget_window),
	KUNIT_CASE(omega_vgpu_arl_budget_clock_backwards),
	KUNIT_CASE(omega_vgpu_arl_budget_no_wrap),
	KUNIT_CASE(omega_vgpu_arl_inflight_budget),
	KUNIT_CASE(omega_vgpu_arl_rights_valid_mask),
	KUNIT_CASE(omega_vgpu_arl_render_rights),
	KUNIT_CASE(omega_vgpu_arl_render_budget),
	{}
};

static struct kunit_suite omega_vgpu_caps_suite = {
	.name = "omega_vgpu_caps",
	.test_cases = omega_vgpu_caps_cases,
};

kunit_test_suite(omega_vgpu_caps_suite);
