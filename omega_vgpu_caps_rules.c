// SPDX-License-Identifier: GPL-2.0
/*
 * ARL decisions as pure functions: they look only at their arguments, so
 * KUnit can drive every refusal.  The order of the checks is part of the
 * ABI (Documentation/arl.rst): a caller without a grant learns nothing
 * about handles or buffers, whatever else is wrong with its request.
 *
 * All coordinates are u32 from userspace; every sum is checked.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/time64.h>

#include <drm/drm_fourcc.h>

#include "omega_vgpu_caps.h"

/**
 * omega_vgpu_arl_rect_end - exclusive end of a rectangle
 * @r: rectangle
 * @x2: set to @r->x + @r->width
 * @y2: set to @r->y + @r->height
 *
 * Return: 0, -EINVAL for an empty rectangle, -EOVERFLOW if an end wraps.
 */
int omega_vgpu_arl_rect_end(const struct drm_omega_vgpu_arl_rect *r,
			    u32 *x2, u32 *y2)
{
	if (!r->width || !r->height)
		return -EINVAL;
	if (check_add_overflow(r->x, r->width, x2) ||
	    check_add_overflow(r->y, r->height, y2))
		return -EOVERFLOW;
	return 0;
}

/**
 * omega_vgpu_arl_rect_inside - is @inner entirely inside @outer?
 * @inner: rectangle
 * @outer: rectangle
 *
 * Both must be non-empty and free of overflow, else the answer is false.
 *
 * Return: true when @inner lies entirely within @outer.
 */
bool omega_vgpu_arl_rect_inside(const struct drm_omega_vgpu_arl_rect *inner,
				const struct drm_omega_vgpu_arl_rect *outer)
{
	u32 ix2, iy2, ox2, oy2;

	if (omega_vgpu_arl_rect_end(inner, &ix2, &iy2) ||
	    omega_vgpu_arl_rect_end(outer, &ox2, &oy2))
		return false;
	return inner->x >= outer->x && inner->y >= outer->y &&
	       ix2 <= ox2 && iy2 <= oy2;
}

/**
 * omega_vgpu_arl_validate_grant - check a GRANT request's own fields
 * @g: request as copied from userspace
 *
 * Every right a grant can carry needs a viewport, even RENDER alone: the
 * grant table has one shape, and a later PRESENT right must not need a
 * second grant (a cgroup holds only one).
 *
 * Return: 0; -EINVAL for non-zero reserved fields, no or unknown rights,
 * an empty viewport or an in-flight budget above the maximum;
 * -EOVERFLOW when the viewport's end wraps; -ERANGE when it reaches past
 * OMEGA_VGPU_ARL_MAX_COORD.
 */
int omega_vgpu_arl_validate_grant(const struct drm_omega_vgpu_arl_grant *g)
{
	u32 x2, y2;
	int ret;

	if (g->reserved[0] || g->reserved[1] || g->cgroup_id)
		return -EINVAL;
	if (!g->rights || (g->rights & ~OMEGA_VGPU_ARL_RIGHTS_VALID))
		return -EINVAL;
	if (g->max_inflight > OMEGA_VGPU_ARL_MAX_INFLIGHT)
		return -EINVAL;
	ret = omega_vgpu_arl_rect_end(&g->viewport, &x2, &y2);
	if (ret)
		return ret;
	if (x2 > OMEGA_VGPU_ARL_MAX_COORD || y2 > OMEGA_VGPU_ARL_MAX_COORD)
		return -ERANGE;
	return 0;
}

static bool omega_vgpu_arl_format_ok(u32 fourcc)
{
	return fourcc == DRM_FORMAT_XRGB8888 || fourcc == DRM_FORMAT_ARGB8888;
}

/**
 * omega_vgpu_arl_validate_present - check a PRESENT request's own fields
 * @p: request as copied from userspace
 *
 * Only the fields every request must get right; what depends on the grant
 * or on the buffer comes later.
 *
 * Return: 0 or -EINVAL (non-zero flags, pad or reserved).
 */
int omega_vgpu_arl_validate_present(const struct drm_omega_vgpu_arl_present *p)
{
	if (p->flags || p->reserved[0] || p->reserved[1])
		return -EINVAL;
	return 0;
}

/**
 * omega_vgpu_arl_check - may the holder of @g do @right to @dst?
 * @g: the grant covering the caller, or NULL
 * @right: one OMEGA_VGPU_ARL_RIGHT_* bit
 * @crtc_id: CRTC the caller names
 * @dst: destination rectangle in CRTC coordinates, or NULL (no area)
 *
 * Return: 0; -EACCES without a grant, without @right or for another CRTC;
 * -EINVAL for an empty @dst; -EOVERFLOW when @dst's end wraps; -ERANGE when
 * @dst is not entirely inside the viewport.
 */
int omega_vgpu_arl_check(const struct omega_vgpu_arl_grant *g, u32 right,
			 u32 crtc_id, const struct drm_omega_vgpu_arl_rect *dst)
{
	u32 x2, y2;
	int ret;

	if (!g || !(g->rights & right) || g->crtc_id != crtc_id)
		return -EACCES;
	if (!dst)
		return 0;
	ret = omega_vgpu_arl_rect_end(dst, &x2, &y2);
	if (ret)
		return ret;
	if (!omega_vgpu_arl_rect_inside(dst, &g->viewport))
		return -ERANGE;
	return 0;
}

/**
 * omega_vgpu_arl_check_source - does the source rectangle lie in the buffer?
 * @p: PRESENT request
 * @bo_size: size of the buffer @p->handle names
 *
 * Return: 0; -EOPNOTSUPP for a format other than XRGB8888/ARGB8888;
 * -EINVAL for an empty source or a pitch that is zero or not a multiple of
 * 4; -EOVERFLOW when an end or a byte offset wraps; -ENXIO when a pixel of
 * the rectangle lies past the buffer or past the end of its row.
 */
int omega_vgpu_arl_check_source(const struct drm_omega_vgpu_arl_present *p,
				u64 bo_size)
{
	u32 x2, y2;
	u64 row_end, last;
	int ret;

	if (!omega_vgpu_arl_format_ok(p->format))
		return -EOPNOTSUPP;
	if (!p->pitch || p->pitch % 4)
		return -EINVAL;
	ret = omega_vgpu_arl_rect_end(&p->src, &x2, &y2);
	if (ret)
		return ret;
	/* A row may not run into the next one. */
	if ((u64)x2 * 4 > p->pitch)
		return -ENXIO;
	/* Last byte + 1: offset + (y2 - 1) * pitch + x2 * 4. */
	if (check_mul_overflow((u64)(y2 - 1), (u64)p->pitch, &last) ||
	    check_add_overflow(last, (u64)p->offset, &last) ||
	    check_add_overflow(last, (u64)x2 * 4, &row_end))
		return -EOVERFLOW;
	if (row_end > bo_size)
		return -ENXIO;
	return 0;
}

/**
 * omega_vgpu_arl_budget_charge - charge @bytes to a per-second budget
 * @b: budget (caller serialises)
 * @now: monotonic time in ns
 * @bytes: bytes of this present
 *
 * The budget is a fixed one-second window that restarts at the first
 * charge after it ends (or if the clock is seen going backwards).
 *
 * Return: 0 (charged); -E2BIG when @bytes alone is over the budget (no
 * retry can succeed); -EAGAIN when this window has no room left (retry
 * after the window ends).  Nothing is charged on error.
 */
int omega_vgpu_arl_budget_charge(struct omega_vgpu_arl_budget *b, u64 now,
				 u64 bytes)
{
	if (!b->max_bps)
		return 0;
	if (bytes > b->max_bps)
		return -E2BIG;
	if (now < b->window_start || now - b->window_start >= NSEC_PER_SEC) {
		b->window_start = now;
		b->used = 0;
	}
	if (bytes > b->max_bps - b->used)
		return -EAGAIN;
	b->used += bytes;
	return 0;
}

/**
 * omega_vgpu_arl_inflight_get - take an in-flight slot if one is free
 * @inflight: presents in flight; incremented on success
 * @peak: raised to the new count if it is higher
 * @max: budget
 *
 * The count never exceeds @max, not even for a moment: a slot is taken by
 * compare-and-exchange from a value below @max.
 *
 * Return: 0 or -EAGAIN.
 */
int omega_vgpu_arl_inflight_get(atomic_t *inflight, atomic_t *peak, u32 max)
{
	int cur = atomic_read(inflight);
	int p;

	do {
		if (cur < 0 || (u32)cur >= max)
			return -EAGAIN;
	} while (!atomic_try_cmpxchg(inflight, &cur, cur + 1));

	p = atomic_read(peak);
	while (p < cur + 1 && !atomic_try_cmpxchg(peak, &p, cur + 1))
		;
	return 0;
}

/**
 * omega_vgpu_arl_render_take - may the holder of @g submit 3D work now?
 * @g: the grant covering the caller
 *
 * The right is checked before a slot is taken, so a grant without RENDER
 * never touches the in-flight count.  Slots are shared with presents:
 * @g->max_inflight bounds both together, so a container cannot flood the
 * host's queue by mixing the two.
 *
 * Return: 0 with one of @g's in-flight slots taken; -EACCES without
 * OMEGA_VGPU_ARL_RIGHT_RENDER; -EAGAIN when every slot is in flight.
 */
int omega_vgpu_arl_render_take(struct omega_vgpu_arl_grant *g)
{
	if (!(g->rights & OMEGA_VGPU_ARL_RIGHT_RENDER))
		return -EACCES;
	return omega_vgpu_arl_inflight_get(&g->inflight, &g->peak_inflight,
					   g->max_inflight);
}
