// SPDX-License-Identifier: GPL-2.0
/*
 * Modesetting: one CRTC, primary plane, cursor plane, encoder and connector
 * per scanout.
 *
 * A display update is: SET_SCANOUT when the framebuffer or mode changes,
 * TRANSFER_TO_HOST_2D per damaged rectangle (see omega_vgpu_damage_plan();
 * none for a new framebuffer the host already holds, see
 * omega_vgpu_bo_track.c), then one fenced RESOURCE_FLUSH.  The page-flip event waits for that
 * fence and the next emulated vblank (omega_vgpu_vblank.c).
 */
#include <linux/slab.h>

#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_damage_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_probe_helper.h>
#include <drm/drm_simple_kms_helper.h>
#include <drm/drm_vblank.h>

#include "omega_vgpu_compat.h"
#include "omega_vgpu_drv.h"
#include "omega_vgpu_trace.h"

#define OMEGA_VGPU_DEFAULT_WIDTH	1024
#define OMEGA_VGPU_DEFAULT_HEIGHT	768
/* Most damage rectangles sent as separate transfers in one update. */
#define OMEGA_VGPU_MAX_XFERS		64

/**
 * struct omega_vgpu_plane_state - plane state with what atomic_check found
 * @base: DRM plane state
 * @layout: where the framebuffer lies in its resource
 * @src: visible source rectangle in resource coordinates
 */
struct omega_vgpu_plane_state {
	struct drm_plane_state base;
	struct omega_vgpu_fb_layout layout;
	struct omega_vgpu_xfer src;
};

static inline struct omega_vgpu_plane_state *
to_omega_plane_state(struct drm_plane_state *state)
{
	return container_of(state, struct omega_vgpu_plane_state, base);
}

static struct omega_vgpu_output *crtc_to_output(struct drm_crtc *crtc)
{
	return container_of(crtc, struct omega_vgpu_output, crtc);
}

static struct omega_vgpu_output *connector_to_output(struct drm_connector *c)
{
	return container_of(c, struct omega_vgpu_output, connector);
}

/* ---------------------------------------------------------------------
 * Framebuffers
 */

static struct drm_framebuffer *
omega_vgpu_fb_create(struct drm_device *drm, struct drm_file *file,
		     const struct drm_mode_fb_cmd2 *cmd)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct omega_vgpu_fb_layout layout;
	struct drm_framebuffer *fb;
	struct drm_gem_object *obj;
	u32 format;
	int ret;

	format = omega_vgpu_format_from_fourcc(cmd->pixel_format);
	if (!format) {
		omega_vgpu_reject(vg, "framebuffer format %p4cc\n",
				  &cmd->pixel_format);
		return ERR_PTR(-EINVAL);
	}
	if ((cmd->flags & DRM_MODE_FB_MODIFIERS) &&
	    cmd->modifier[0] != DRM_FORMAT_MOD_LINEAR) {
		omega_vgpu_reject(vg, "framebuffer modifier %#llx\n",
				  cmd->modifier[0]);
		return ERR_PTR(-EINVAL);
	}

	obj = drm_gem_object_lookup(file, cmd->handles[0]);
	if (!obj)
		return ERR_PTR(-ENOENT);
	ret = omega_vgpu_fb_layout_init(&layout, cmd->width, cmd->height, 4,
					cmd->pitches[0], cmd->offsets[0],
					obj->size);
	drm_gem_object_put(obj);
	if (ret) {
		omega_vgpu_reject(vg, "framebuffer %ux%u pitch %u offset %u exceeds its buffer\n",
				  cmd->width, cmd->height, cmd->pitches[0],
				  cmd->offsets[0]);
		return ERR_PTR(ret);
	}

	fb = drm_gem_fb_create_with_dirty(drm, file, cmd);
	if (IS_ERR(fb))
		return fb;

	ret = omega_vgpu_bo_ensure_resource(vg, to_omega_bo(fb->obj[0]), format,
					    fb->pitches[0], 4);
	if (ret) {
		drm_framebuffer_put(fb);
		return ERR_PTR(ret);
	}
	return fb;
}

/* ---------------------------------------------------------------------
 * Plane state
 */

static void omega_vgpu_plane_reset(struct drm_plane *plane)
{
	struct omega_vgpu_plane_state *s;

	if (plane->state) {
		__drm_atomic_helper_plane_destroy_state(plane->state);
		kfree(to_omega_plane_state(plane->state));
		plane->state = NULL;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (s)
		__drm_atomic_helper_plane_reset(plane, &s->base);
}

static struct drm_plane_state *
omega_vgpu_plane_duplicate_state(struct drm_plane *plane)
{
	struct omega_vgpu_plane_state *s, *old;

	if (WARN_ON(!plane->state))
		return NULL;
	old = to_omega_plane_state(plane->state);
	s = kmemdup(old, sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	__drm_atomic_helper_plane_duplicate_state(plane, &s->base);
	return &s->base;
}

static void omega_vgpu_plane_destroy_state(struct drm_plane *plane,
					   struct drm_plane_state *state)
{
	__drm_atomic_helper_plane_destroy_state(state);
	kfree(to_omega_plane_state(state));
}

static const struct drm_plane_funcs omega_vgpu_plane_funcs = {
	.update_plane = drm_atomic_helper_update_plane,
	.disable_plane = drm_atomic_helper_disable_plane,
	.destroy = drm_plane_cleanup,
	.reset = omega_vgpu_plane_reset,
	.atomic_duplicate_state = omega_vgpu_plane_duplicate_state,
	.atomic_destroy_state = omega_vgpu_plane_destroy_state,
};

/*
 * Shared by both plane types: checks the plane against its CRTC and works
 * out the framebuffer layout and visible source once, for atomic_update.
 */
static int omega_vgpu_plane_check(struct drm_plane *plane,
				  struct drm_atomic_state *state,
				  bool can_position)
{
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	struct omega_vgpu_plane_state *s = to_omega_plane_state(new);
	struct drm_framebuffer *fb = new->fb;
	struct drm_crtc_state *crtc_state = NULL;
	int ret;

	if (new->crtc)
		crtc_state = drm_atomic_get_new_crtc_state(state, new->crtc);

	ret = drm_atomic_helper_check_plane_state(new, crtc_state,
						  DRM_PLANE_NO_SCALING,
						  DRM_PLANE_NO_SCALING,
						  can_position, true);
	if (ret || !new->visible)
		return ret;

	ret = omega_vgpu_fb_layout_init(&s->layout, fb->width, fb->height,
					fb->format->cpp[0], fb->pitches[0],
					fb->offsets[0], fb->obj[0]->size);
	if (ret)
		return ret;
	s->src.x = s->layout.x + (new->src.x1 >> 16);
	s->src.y = s->layout.y + (new->src.y1 >> 16);
	s->src.width = drm_rect_width(&new->src) >> 16;
	s->src.height = drm_rect_height(&new->src) >> 16;
	s->src.offset = 0;
	return 0;
}

/* ---------------------------------------------------------------------
 * Primary plane
 */

static int omega_vgpu_primary_atomic_check(struct drm_plane *plane,
					   struct drm_atomic_state *state)
{
	return omega_vgpu_plane_check(plane, state, false);
}

static void omega_vgpu_rect_grow(struct drm_rect *box, const struct drm_rect *r)
{
	box->x1 = min(box->x1, r->x1);
	box->y1 = min(box->y1, r->y1);
	box->x2 = max(box->x2, r->x2);
	box->y2 = max(box->y2, r->y2);
}

/*
 * Upload what changed and flush it.  Returns the flush fence (a reference)
 * or NULL when nothing was sent or the event need not wait for the host.
 */
static struct dma_fence *
omega_vgpu_primary_upload(struct omega_vgpu_device *vg,
			  struct drm_plane_state *old,
			  struct drm_plane_state *new, bool full, bool fenced)
{
	struct omega_vgpu_plane_state *s = to_omega_plane_state(new);
	struct omega_vgpu_bo *bo = to_omega_bo(new->fb->obj[0]);
	struct drm_rect *clips, *plan, rect, box = { 0 };
	struct drm_atomic_helper_damage_iter iter;
	unsigned int nclips = 0, nplan, i;
	struct omega_vgpu_xfer x, flush;
	struct dma_fence *fence;
	bool upload = true;

	clips = kmalloc_array(2 * OMEGA_VGPU_MAX_XFERS, sizeof(*clips),
			      GFP_KERNEL);
	if (!clips)
		return NULL;
	plan = clips + OMEGA_VGPU_MAX_XFERS;

	if (full) {
		clips[0] = new->src;
		drm_rect_fp_to_int(&clips[0], &new->src);
		nclips = 1;
		/*
		 * Flipping back to a frame the host holds: flush only.  Compared
		 * in resource coordinates: framebuffers of one buffer may sit at
		 * different offsets in it.
		 */
		if (!omega_vgpu_xfer_from_clip(&s->layout, &clips[0], &x)) {
			rect = DRM_RECT_INIT(x.x, x.y, x.width, x.height);
			upload = omega_vgpu_bo_whole_upload(vg, bo, &rect);
		}
	} else {
		drm_atomic_helper_damage_iter_init(&iter, old, new);
		drm_atomic_for_each_plane_damage(&iter, &rect) {
			if (nclips < OMEGA_VGPU_MAX_XFERS)
				clips[nclips] = rect;
			else	/* too many: fold the rest into the last one */
				omega_vgpu_rect_grow(&clips[nclips - 1], &rect);
			nclips = min(nclips + 1, (unsigned int)OMEGA_VGPU_MAX_XFERS);
		}
	}

	nplan = omega_vgpu_damage_plan(clips, nclips, s->layout.cpp, plan,
				       OMEGA_VGPU_MAX_XFERS);
	if (nplan && !bo->host3d && upload)
		omega_vgpu_bo_sync_for_device(vg, bo);
	for (i = 0; i < nplan; i++) {
		if (omega_vgpu_xfer_from_clip(&s->layout, &plan[i], &x))
			continue;
		/* virgl resources hold the host's rendering: flush only. */
		if (!bo->host3d && upload &&
		    omega_vgpu_transfer_to_host_2d(vg, bo->res_id, &x))
			continue;
		rect = DRM_RECT_INIT(x.x, x.y, x.width, x.height);
		if (!drm_rect_width(&box))
			box = rect;
		else
			omega_vgpu_rect_grow(&box, &rect);
	}
	kfree(clips);
	if (!drm_rect_width(&box)) {
		omega_vgpu_queue_kick(&vg->ctrlq);
		return NULL;
	}

	/*
	 * A virgl resource's pixels were rendered on the host, and the commit
	 * already waited for that rendering (the buffer's implicit fences):
	 * the host holds the frame before the flush is queued.  Its response
	 * would only time the host's display update, which for a GL scanout
	 * renders the frame once more, so the event does not wait for it.
	 */
	fence = bo->host3d || !fenced ? NULL : omega_vgpu_fence_alloc(vg);
	flush.x = box.x1;
	flush.y = box.y1;
	flush.width = drm_rect_width(&box);
	flush.height = drm_rect_height(&box);
	flush.offset = 0;
	omega_vgpu_resource_flush(vg, bo->res_id, &flush, fence);
	return fence;
}

static void omega_vgpu_primary_atomic_update(struct drm_plane *plane,
					     struct drm_atomic_state *state)
{
	struct drm_plane_state *old = drm_atomic_get_old_plane_state(state, plane);
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	struct omega_vgpu_device *vg = to_omega(plane->dev);
	struct omega_vgpu_plane_state *s = to_omega_plane_state(new);
	struct drm_crtc *crtc = new->crtc ?: old->crtc;
	struct omega_vgpu_output *out;
	struct drm_crtc_state *crtc_state;
	struct omega_vgpu_bo *bo;
	bool full, fenced;
	int idx;

	if (!crtc)
		return;
	out = crtc_to_output(crtc);
	if (!drm_dev_enter(plane->dev, &idx))
		return;

	if (!new->fb || !new->visible) {
		if (old->fb)
			omega_vgpu_set_scanout(vg, out->index, 0, NULL);
		WRITE_ONCE(out->res_id, 0);
		goto exit;
	}

	bo = to_omega_bo(new->fb->obj[0]);
	crtc_state = drm_atomic_get_new_crtc_state(state, crtc);
	/*
	 * A new framebuffer or mode is uploaded whole: the host resource may
	 * hold older pixels than the buffer.  Later updates follow damage.
	 */
	full = !old->fb || old->fb != new->fb ||
	       drm_atomic_crtc_needs_modeset(crtc_state) ||
	       !drm_rect_equals(&old->src, &new->src);
	if (full) {
		omega_vgpu_set_scanout(vg, out->index, bo->res_id, &s->src);
		WRITE_ONCE(out->res_id, bo->res_id);
	}

	/*
	 * Only a client's event or a new frame waits for the host (see
	 * omega_vgpu_vblank_queue_event); damage on the frame on screen under
	 * the core's own event (DIRTYFB, blocking commits) needs no fence.
	 */
	fenced = full || (crtc_state->event && crtc_state->event->base.file_priv);
	dma_fence_put(out->flip_fence);
	out->flip_fence = omega_vgpu_primary_upload(vg, old, new, full, fenced);
	out->flip_new_frame = full;
exit:
	drm_dev_exit(idx);
}

static const struct drm_plane_helper_funcs omega_vgpu_primary_helper_funcs = {
	.atomic_check = omega_vgpu_primary_atomic_check,
	.atomic_update = omega_vgpu_primary_atomic_update,
};

/* ---------------------------------------------------------------------
 * Cursor plane
 */

static int omega_vgpu_cursor_atomic_check(struct drm_plane *plane,
					  struct drm_atomic_state *state)
{
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	int ret;

	ret = omega_vgpu_plane_check(plane, state, true);
	if (ret || !new->visible)
		return ret;
	/* The unclipped source: a cursor may hang off the screen's edge. */
	if (new->fb->width != OMEGA_VGPU_CURSOR_DIM ||
	    new->fb->height != OMEGA_VGPU_CURSOR_DIM ||
	    new->src_w >> 16 != OMEGA_VGPU_CURSOR_DIM ||
	    new->src_h >> 16 != OMEGA_VGPU_CURSOR_DIM) {
		omega_vgpu_reject(to_omega(plane->dev), "cursor must be %dx%d\n",
				  OMEGA_VGPU_CURSOR_DIM, OMEGA_VGPU_CURSOR_DIM);
		return -EINVAL;
	}
	return 0;
}

/* A new hotspot must reach the device with an UPDATE_CURSOR. */
static bool omega_vgpu_hotspot_changed(const struct drm_plane_state *old,
				       const struct drm_plane_state *new)
{
	u32 ox, oy, nx, ny;

	omega_compat_cursor_hotspot(old, &ox, &oy);
	omega_compat_cursor_hotspot(new, &nx, &ny);
	return ox != nx || oy != ny;
}

/* Bound on how long a new cursor image waits for its upload. */
#define OMEGA_VGPU_CURSOR_UPLOAD_MS	100

static void omega_vgpu_cursor_atomic_update(struct drm_plane *plane,
					    struct drm_atomic_state *state)
{
	struct drm_plane_state *old = drm_atomic_get_old_plane_state(state, plane);
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	struct omega_vgpu_device *vg = to_omega(plane->dev);
	struct omega_vgpu_plane_state *s = to_omega_plane_state(new);
	struct drm_crtc *crtc = new->crtc ?: old->crtc;
	struct omega_vgpu_xfer whole;
	struct omega_vgpu_bo *bo;
	struct dma_fence *fence;
	u32 scanout, hot_x, hot_y;
	s32 x, y;
	int idx;

	if (!crtc || !drm_dev_enter(plane->dev, &idx))
		return;
	scanout = crtc_to_output(crtc)->index;

	if (!new->fb || !new->visible) {
		if (old->fb && old->visible)
			omega_vgpu_cursor_cmd(vg, OMEGA_VGPU_CMD_UPDATE_CURSOR,
					      scanout, 0, 0, 0, 0, 0);
		goto exit;
	}

	/*
	 * DRM places the image's top-left at CRTC_X/Y; the device wants the
	 * pointer position, which is that plus the hotspot.
	 */
	omega_compat_cursor_hotspot(new, &hot_x, &hot_y);
	x = new->crtc_x + hot_x;
	y = new->crtc_y + hot_y;

	if (old->fb == new->fb && old->visible &&
	    !omega_vgpu_hotspot_changed(old, new)) {
		omega_vgpu_cursor_cmd(vg, OMEGA_VGPU_CMD_MOVE_CURSOR, scanout, 0,
				      x, y, hot_x, hot_y);
		goto exit;
	}

	/*
	 * The image goes over the control queue and the cursor command over
	 * the cursor queue, which the device does not order against each
	 * other: wait (bounded) until the image has landed.
	 */
	/* The whole image, also when part of it is off screen. */
	bo = to_omega_bo(new->fb->obj[0]);
	whole.x = s->layout.x;
	whole.y = s->layout.y;
	whole.width = OMEGA_VGPU_CURSOR_DIM;
	whole.height = OMEGA_VGPU_CURSOR_DIM;
	whole.offset = (u64)whole.y * s->layout.res_width * 4 +
		       (u64)whole.x * 4;
	fence = omega_vgpu_fence_alloc(vg);
	omega_vgpu_bo_sync_for_device(vg, bo);
	omega_vgpu_transfer_to_host_2d(vg, bo->res_id, &whole);
	if (fence) {
		omega_vgpu_resource_flush(vg, bo->res_id, &whole, fence);
		dma_fence_wait_timeout(fence, false,
				       msecs_to_jiffies(OMEGA_VGPU_CURSOR_UPLOAD_MS));
		dma_fence_put(fence);
	}
	omega_vgpu_cursor_cmd(vg, OMEGA_VGPU_CMD_UPDATE_CURSOR, scanout,
			      bo->res_id, x, y, hot_x, hot_y);
exit:
	drm_dev_exit(idx);
}

static const struct drm_plane_helper_funcs omega_vgpu_cursor_helper_funcs = {
	.atomic_check = omega_vgpu_cursor_atomic_check,
	.atomic_update = omega_vgpu_cursor_atomic_update,
};

/* ---------------------------------------------------------------------
 * CRTC
 */

static enum drm_mode_status
omega_vgpu_crtc_mode_valid(struct drm_crtc *crtc,
			   const struct drm_display_mode *mode)
{
	int refresh = drm_mode_vrefresh(mode);

	if (mode->hdisplay > OMEGA_VGPU_MAX_DIM ||
	    mode->vdisplay > OMEGA_VGPU_MAX_DIM)
		return MODE_BAD;
	/* A mode whose timings give no sane refresh rate cannot be paced. */
	if (mode->clock <= 0 || refresh < 1 || refresh > 1000)
		return MODE_CLOCK_RANGE;
	return MODE_OK;
}

static int omega_vgpu_crtc_atomic_check(struct drm_crtc *crtc,
					struct drm_atomic_state *state)
{
	struct drm_crtc_state *cs = drm_atomic_get_new_crtc_state(state, crtc);

	if (cs->enable && !(cs->plane_mask & drm_plane_mask(crtc->primary)))
		return -EINVAL;
	return 0;
}

static void omega_vgpu_crtc_atomic_flush(struct drm_crtc *crtc,
					 struct drm_atomic_state *state)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);
	struct drm_pending_vblank_event *event = crtc->state->event;
	struct dma_fence *fence = out->flip_fence;
	bool new_frame = out->flip_new_frame ||
			 drm_atomic_crtc_needs_modeset(crtc->state);

	out->flip_fence = NULL;
	out->flip_new_frame = false;
	if (event) {
		crtc->state->event = NULL;
		omega_vgpu_vblank_queue_event(crtc, event, fence, new_frame);
	}
	dma_fence_put(fence);
}

static void omega_vgpu_crtc_atomic_enable(struct drm_crtc *crtc,
					  struct drm_atomic_state *state)
{
	omega_vgpu_vblank_set_mode(crtc, &crtc->state->adjusted_mode);
	WRITE_ONCE(crtc_to_output(crtc)->state, OMEGA_VGPU_SCANOUT_ENABLED);
}

static void omega_vgpu_crtc_atomic_disable(struct drm_crtc *crtc,
					   struct drm_atomic_state *state)
{
	struct omega_vgpu_device *vg = to_omega(crtc->dev);
	int idx;

	if (drm_dev_enter(crtc->dev, &idx)) {
		omega_vgpu_set_scanout(vg, crtc_to_output(crtc)->index, 0, NULL);
		drm_dev_exit(idx);
	}
	omega_vgpu_vblank_off(crtc);
	WRITE_ONCE(crtc_to_output(crtc)->state, OMEGA_VGPU_SCANOUT_DISABLED);
	WRITE_ONCE(crtc_to_output(crtc)->res_id, 0);
}

static const struct drm_crtc_helper_funcs omega_vgpu_crtc_helper_funcs = {
	.mode_valid = omega_vgpu_crtc_mode_valid,
	.atomic_check = omega_vgpu_crtc_atomic_check,
	.atomic_flush = omega_vgpu_crtc_atomic_flush,
	.atomic_enable = omega_vgpu_crtc_atomic_enable,
	.atomic_disable = omega_vgpu_crtc_atomic_disable,
};

static const struct drm_crtc_funcs omega_vgpu_crtc_funcs = {
	.reset = drm_atomic_helper_crtc_reset,
	.destroy = drm_crtc_cleanup,
	.set_config = drm_atomic_helper_set_config,
	.page_flip = drm_atomic_helper_page_flip,
	.atomic_duplicate_state = drm_atomic_helper_crtc_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_crtc_destroy_state,
	.enable_vblank = omega_vgpu_enable_vblank,
	.disable_vblank = omega_vgpu_disable_vblank,
	.get_vblank_timestamp = omega_vgpu_get_vblank_timestamp,
};

/* ---------------------------------------------------------------------
 * Connector
 */

static bool omega_vgpu_has_mode(struct drm_connector *connector, u32 w, u32 h)
{
	struct drm_display_mode *mode;

	list_for_each_entry(mode, &connector->probed_modes, head)
		if (mode->hdisplay == w && mode->vdisplay == h)
			return true;
	return false;
}

static int omega_vgpu_connector_get_modes(struct drm_connector *connector)
{
	struct omega_vgpu_output *out = connector_to_output(connector);
	struct omega_vgpu_device *vg = to_omega(connector->dev);
	u32 w, h;
	int count = 0;

	mutex_lock(&vg->display_lock);
	count = omega_compat_edid_add_modes(connector, out->edid);
	w = out->pmode.width;
	h = out->pmode.height;
	mutex_unlock(&vg->display_lock);

	if (!count)
		count = drm_add_modes_noedid(connector, OMEGA_VGPU_MAX_DIM,
					     OMEGA_VGPU_MAX_DIM);
	if (!w || !h) {
		w = OMEGA_VGPU_DEFAULT_WIDTH;
		h = OMEGA_VGPU_DEFAULT_HEIGHT;
	}
	/* The host's current size is what the user sees: prefer it. */
	if (!omega_vgpu_has_mode(connector, w, h)) {
		struct drm_display_mode *mode;

		mode = drm_cvt_mode(connector->dev, w, h, 60, false, false,
				    false);
		if (mode) {
			drm_mode_probed_add(connector, mode);
			count++;
		}
	}
	drm_set_preferred_mode(connector, w, h);
	return count;
}

static enum drm_connector_status
omega_vgpu_connector_detect(struct drm_connector *connector, bool force)
{
	struct omega_vgpu_output *out = connector_to_output(connector);

	return out->pmode.enabled ? connector_status_connected :
				    connector_status_disconnected;
}

static const struct drm_connector_helper_funcs omega_vgpu_connector_helper_funcs = {
	.get_modes = omega_vgpu_connector_get_modes,
};

static const struct drm_connector_funcs omega_vgpu_connector_funcs = {
	.detect = omega_vgpu_connector_detect,
	.fill_modes = drm_helper_probe_single_connector_modes,
	.destroy = drm_connector_cleanup,
	.reset = drm_atomic_helper_connector_reset,
	.atomic_duplicate_state = drm_atomic_helper_connector_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_connector_destroy_state,
};

/* ---------------------------------------------------------------------
 * Display information from the host
 */

/* The extension count must fit the bytes received before the core reads it. */
static bool omega_vgpu_edid_usable(const u8 *buf, u32 len)
{
	return len >= EDID_LENGTH && (buf[126] + 1) * EDID_LENGTH <= len &&
	       drm_edid_is_valid((struct edid *)buf);
}

/**
 * omega_vgpu_refresh_outputs - re-read display info and EDIDs
 * @vg: device
 *
 * Called at probe and on every display-change event.  A scanout whose EDID
 * cannot be read keeps working with modes from the display info.
 *
 * Return: 0 or the display-info error.
 */
int omega_vgpu_refresh_outputs(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_pmode pmodes[OMEGA_VGPU_MAX_SCANOUTS];
	u8 *buf;
	u32 i, len;
	int ret;

	ret = omega_vgpu_get_display_info(vg, pmodes);
	if (ret)
		return ret;
	buf = vg->has_edid ? kmalloc(OMEGA_VGPU_EDID_BLOB_SIZE, GFP_KERNEL) : NULL;

	for (i = 0; i < vg->num_scanouts; i++) {
		struct omega_vgpu_output *out = &vg->outputs[i];
		const struct drm_edid *edid = NULL;

		if (buf && !omega_vgpu_get_edid(vg, i, buf, &len)) {
			if (omega_vgpu_edid_usable(buf, len))
				edid = drm_edid_alloc(buf, len);
			else
				drm_warn_once(&vg->drm, "scanout %u: invalid EDID ignored\n", i);
		}
		mutex_lock(&vg->display_lock);
		out->pmode = pmodes[i];
		drm_edid_free(out->edid);
		out->edid = edid;
		mutex_unlock(&vg->display_lock);
	}
	kfree(buf);
	return 0;
}

/* ---------------------------------------------------------------------
 * Setup
 */

/*
 * The helpers' default tail waits for a vblank after every commit.  Here
 * each commit's event is already timed (see omega_vgpu_vblank_queue_event()),
 * so waiting for flip_done is enough and DIRTYFB or blocking commits are not
 * throttled to the refresh rate.
 */
static void omega_vgpu_commit_tail(struct drm_atomic_state *state)
{
	struct drm_device *drm = state->dev;

	drm_atomic_helper_commit_modeset_disables(drm, state);
	drm_atomic_helper_commit_modeset_enables(drm, state);
	drm_atomic_helper_commit_planes(drm, state, 0);
	drm_atomic_helper_commit_hw_done(state);
	drm_atomic_helper_wait_for_flip_done(drm, state);
	drm_atomic_helper_cleanup_planes(drm, state);
}

static const struct drm_mode_config_helper_funcs omega_vgpu_mode_config_helpers = {
	.atomic_commit_tail = omega_vgpu_commit_tail,
};

static const struct drm_mode_config_funcs omega_vgpu_mode_config_funcs = {
	.fb_create = omega_vgpu_fb_create,
	.atomic_check = drm_atomic_helper_check,
	.atomic_commit = drm_atomic_helper_commit,
};

static const u32 omega_vgpu_cursor_formats[] = { DRM_FORMAT_ARGB8888 };

static int omega_vgpu_output_init(struct omega_vgpu_device *vg, u32 index)
{
	struct omega_vgpu_output *out = &vg->outputs[index];
	struct drm_device *drm = &vg->drm;
	int ret;

	out->index = index;

	ret = drm_universal_plane_init(drm, &out->primary, BIT(index),
				       &omega_vgpu_plane_funcs,
				       omega_vgpu_primary_formats,
				       omega_vgpu_num_primary_formats, NULL,
				       DRM_PLANE_TYPE_PRIMARY, NULL);
	if (ret)
		return ret;
	drm_plane_helper_add(&out->primary, &omega_vgpu_primary_helper_funcs);
	drm_plane_enable_fb_damage_clips(&out->primary);

	ret = drm_universal_plane_init(drm, &out->cursor, BIT(index),
				       &omega_vgpu_plane_funcs,
				       omega_vgpu_cursor_formats,
				       ARRAY_SIZE(omega_vgpu_cursor_formats),
				       NULL, DRM_PLANE_TYPE_CURSOR, NULL);
	if (ret)
		return ret;
	drm_plane_helper_add(&out->cursor, &omega_vgpu_cursor_helper_funcs);

	ret = drm_crtc_init_with_planes(drm, &out->crtc, &out->primary,
					&out->cursor, &omega_vgpu_crtc_funcs,
					NULL);
	if (ret)
		return ret;
	drm_crtc_helper_add(&out->crtc, &omega_vgpu_crtc_helper_funcs);

	ret = drm_simple_encoder_init(drm, &out->encoder,
				      DRM_MODE_ENCODER_VIRTUAL);
	if (ret)
		return ret;
	out->encoder.possible_crtcs = drm_crtc_mask(&out->crtc);

	ret = drm_connector_init(drm, &out->connector,
				 &omega_vgpu_connector_funcs,
				 DRM_MODE_CONNECTOR_VIRTUAL);
	if (ret)
		return ret;
	drm_connector_helper_add(&out->connector,
				 &omega_vgpu_connector_helper_funcs);
	out->connector.polled = DRM_CONNECTOR_POLL_HPD;
	if (vg->has_edid)
		drm_connector_attach_edid_property(&out->connector);

	return drm_connector_attach_encoder(&out->connector, &out->encoder);
}

/*
 * drm_mode_config_reset() cannot report its allocation failures; an object
 * left without a state would be dereferenced by the first commit, so probe
 * fails instead.
 */
static int omega_vgpu_check_reset(struct drm_device *drm)
{
	struct drm_connector_list_iter iter;
	struct drm_connector *connector;
	struct drm_plane *plane;
	struct drm_crtc *crtc;
	int ret = 0;

	drm_for_each_plane(plane, drm)
		if (!plane->state)
			ret = -ENOMEM;
	drm_for_each_crtc(crtc, drm)
		if (!crtc->state)
			ret = -ENOMEM;
	drm_connector_list_iter_begin(drm, &iter);
	drm_for_each_connector_iter(connector, &iter)
		if (!connector->state)
			ret = -ENOMEM;
	drm_connector_list_iter_end(&iter);
	return ret;
}

int omega_vgpu_kms_init(struct omega_vgpu_device *vg)
{
	struct drm_device *drm = &vg->drm;
	u32 i;
	int ret;

	ret = drmm_mode_config_init(drm);
	if (ret)
		return ret;
	drm->mode_config.min_width = 32;
	drm->mode_config.min_height = 32;
	drm->mode_config.max_width = OMEGA_VGPU_MAX_DIM;
	drm->mode_config.max_height = OMEGA_VGPU_MAX_DIM;
	drm->mode_config.cursor_width = OMEGA_VGPU_CURSOR_DIM;
	drm->mode_config.cursor_height = OMEGA_VGPU_CURSOR_DIM;
	drm->mode_config.preferred_depth = 24;
	drm->mode_config.async_page_flip = true;
	drm->mode_config.funcs = &omega_vgpu_mode_config_funcs;
	drm->mode_config.helper_private = &omega_vgpu_mode_config_helpers;

	for (i = 0; i < vg->num_scanouts; i++) {
		ret = omega_vgpu_output_init(vg, i);
		if (ret)
			return ret;
	}
	ret = omega_vgpu_vblank_init(vg);
	if (ret)
		return ret;
	drm_mode_config_reset(drm);
	return omega_vgpu_check_reset(drm);
}

void omega_vgpu_kms_fini(struct omega_vgpu_device *vg)
{
	u32 i;

	omega_vgpu_vblank_fini(vg);
	for (i = 0; i < vg->num_scanouts; i++) {
		drm_edid_free(vg->outputs[i].edid);
		vg->outputs[i].edid = NULL;
	}
}
