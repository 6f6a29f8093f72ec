// SPDX-License-Identifier: GPL-2.0
/*
 * From damage rectangles to TRANSFER_TO_HOST_2D commands, and whether a
 * new framebuffer needs one at all (omega_vgpu_track_decide()).
 *
 * The host copies a transfer row by row out of the guest backing, using the
 * resource's width as the row stride.  A framebuffer is therefore described
 * by where it sits inside its resource (struct omega_vgpu_fb_layout), and a
 * damage clip becomes a rectangle in resource coordinates plus the byte
 * offset of its first pixel.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/overflow.h>

#include "omega_vgpu_drv.h"

/**
 * omega_vgpu_fb_layout_init - place a framebuffer inside its buffer
 * @l: filled on success
 * @width: framebuffer width in pixels
 * @height: framebuffer height in rows
 * @cpp: bytes per pixel (only 4 is supported)
 * @pitch: bytes per row
 * @offset: byte offset of the first pixel
 * @bo_size: size of the buffer object
 *
 * Return: 0, or -EINVAL if the framebuffer does not fit the buffer.
 */
int omega_vgpu_fb_layout_init(struct omega_vgpu_fb_layout *l, u32 width,
			      u32 height, u32 cpp, u32 pitch, u32 offset,
			      size_t bo_size)
{
	u32 min_pitch, res_width, res_height, x, y;
	size_t rows;

	if (!width || !height || cpp != 4 || !pitch || pitch % cpp)
		return -EINVAL;
	if (check_mul_overflow(width, cpp, &min_pitch) || pitch < min_pitch)
		return -EINVAL;
	if (offset % cpp)
		return -EINVAL;

	res_width = pitch / cpp;
	if (res_width > OMEGA_VGPU_MAX_DIM)
		return -EINVAL;
	rows = bo_size / pitch;
	res_height = min_t(size_t, rows, OMEGA_VGPU_MAX_DIM);

	x = (offset % pitch) / cpp;
	y = offset / pitch;
	/* res_width and res_height are <= 8192, so these sums cannot wrap. */
	if (width > res_width || x > res_width - width)
		return -EINVAL;
	if (height > res_height || y > res_height - height)
		return -EINVAL;

	l->res_width = res_width;
	l->res_height = res_height;
	l->x = x;
	l->y = y;
	l->width = width;
	l->height = height;
	l->cpp = cpp;
	return 0;
}

/**
 * omega_vgpu_xfer_from_clip - one damage clip as a transfer
 * @l: framebuffer layout
 * @clip: damage in framebuffer coordinates, possibly out of bounds
 * @out: transfer in resource coordinates
 *
 * Return: 0, or -ENODATA when nothing of @clip lies on the framebuffer.
 */
int omega_vgpu_xfer_from_clip(const struct omega_vgpu_fb_layout *l,
			      const struct drm_rect *clip,
			      struct omega_vgpu_xfer *out)
{
	s32 x1 = max_t(s32, clip->x1, 0);
	s32 y1 = max_t(s32, clip->y1, 0);
	s32 x2 = min_t(s64, clip->x2, l->width);
	s32 y2 = min_t(s64, clip->y2, l->height);

	if (x2 <= x1 || y2 <= y1)
		return -ENODATA;

	out->x = l->x + x1;
	out->y = l->y + y1;
	out->width = x2 - x1;
	out->height = y2 - y1;
	out->offset = (u64)out->y * l->res_width * l->cpp + (u64)out->x * l->cpp;
	return 0;
}

/* Bytes a rectangle covers; saturates instead of wrapping on hostile input. */
static u64 omega_vgpu_rect_bytes(const struct drm_rect *r, u32 cpp)
{
	u64 w = (s64)r->x2 - r->x1, h = (s64)r->y2 - r->y1, bytes;

	if (check_mul_overflow(w, h, &bytes) ||
	    check_mul_overflow(bytes, (u64)cpp, &bytes))
		return U64_MAX;
	return bytes;
}

static bool omega_vgpu_rect_empty(const struct drm_rect *r)
{
	return r->x2 <= r->x1 || r->y2 <= r->y1;
}

/**
 * omega_vgpu_damage_plan - choose between per-rectangle and merged uploads
 * @clips: damage clips
 * @nclips: number of @clips
 * @cpp: bytes per pixel
 * @out: rectangles to upload
 * @max_out: capacity of @out
 *
 * The rule: merge into the bounding box when the extra bytes the box copies
 * cost no more than the commands it saves (OMEGA_VGPU_XFER_CMD_COST bytes per
 * command), or when there are more clips than @max_out.  Otherwise each clip
 * is its own transfer, so scattered damage copies only the damaged pixels.
 *
 * Return: number of rectangles written to @out; 0 when no clip is
 * non-empty or @max_out is 0 (nothing is ever written past @max_out).
 */
unsigned int omega_vgpu_damage_plan(const struct drm_rect *clips,
				    unsigned int nclips, u32 cpp,
				    struct drm_rect *out, unsigned int max_out)
{
	struct drm_rect box = { 0 };
	u64 sum = 0, box_bytes, saved;
	unsigned int i, k = 0;

	for (i = 0; i < nclips; i++) {
		const struct drm_rect *c = &clips[i];

		if (omega_vgpu_rect_empty(c))
			continue;
		if (!k) {
			box = *c;
		} else {
			box.x1 = min(box.x1, c->x1);
			box.y1 = min(box.y1, c->y1);
			box.x2 = max(box.x2, c->x2);
			box.y2 = max(box.y2, c->y2);
		}
		sum = size_add(sum, omega_vgpu_rect_bytes(c, cpp));
		k++;
	}
	if (!k || !max_out)
		return 0;

	box_bytes = omega_vgpu_rect_bytes(&box, cpp);
	saved = (u64)(k - 1) * OMEGA_VGPU_XFER_CMD_COST;
	if (k == 1 || k > max_out || box_bytes <= size_add(sum, saved)) {
		out[0] = box;
		return 1;
	}

	k = 0;
	for (i = 0; i < nclips; i++)
		if (!omega_vgpu_rect_empty(&clips[i]))
			out[k++] = clips[i];
	return k;
}

/**
 * omega_vgpu_track_decide - upload a new framebuffer, or skip it
 * @t: the buffer's tracking state, updated
 * @host_current: no write through a mapping since @t was last armed
 * @rect: the part of the buffer the flip shows
 *
 * Skips when armed, unwritten and inside the rectangle last uploaded.
 * Re-arming costs a client that draws every frame one fault per page, so a
 * buffer written at OMEGA_VGPU_TRACK_MISSES armed flips in a row is left
 * alone for OMEGA_VGPU_TRACK_RETRY flips, then gets one more chance.
 *
 * Return: the verdict; with OMEGA_VGPU_TRACK_ARM the caller marks the host
 * copy current and zaps the mappings before queueing the upload.
 */
enum omega_vgpu_track_verdict
omega_vgpu_track_decide(struct omega_vgpu_track *t, bool host_current,
			const struct drm_rect *rect)
{
	if (t->armed && host_current &&
	    rect->x1 >= t->rect.x1 && rect->y1 >= t->rect.y1 &&
	    rect->x2 <= t->rect.x2 && rect->y2 <= t->rect.y2) {
		t->misses = 0;
		return OMEGA_VGPU_TRACK_SKIP;
	}
	if (t->armed && t->misses < OMEGA_VGPU_TRACK_MISSES)
		t->misses++;
	if (t->misses >= OMEGA_VGPU_TRACK_MISSES) {
		if (++t->idle < OMEGA_VGPU_TRACK_RETRY) {
			t->armed = false;
			return OMEGA_VGPU_TRACK_UPLOAD;
		}
		t->misses = OMEGA_VGPU_TRACK_MISSES - 1;	/* one chance */
	}
	t->idle = 0;
	t->armed = true;
	t->rect = *rect;
	return OMEGA_VGPU_TRACK_ARM;
}
