// SPDX-License-Identifier: GPL-2.0
/*
 * ARL: capability-gated presents for containers.
 *
 * A container runtime (the DRM master or a CAP_SYS_ADMIN process) grants a
 * cgroup v2 subtree rights on one viewport of one CRTC.  A process in that
 * subtree may then, without being master and from a render node, copy
 * pixels from one of its own buffers into that viewport of whatever
 * framebuffer the CRTC scans out.  Identity is the caller's cgroup at the
 * time of each ioctl, never the file: passing the fd on gives nothing.
 *
 * A grant also decides whether its subtree may submit 3D work (the RENDER
 * right, checked by virgl's EXECBUFFER); presents and submissions share
 * the grant's in-flight budget.
 *
 * Every refusal and every grant or revoke is audited (rate-limited log
 * line with pid, cgroup id and reason) and counted; the counters and the
 * table are in debugfs (omega_vgpu_arl).  Documentation/arl.rst has the
 * model and the errno table.
 */
#include <linux/capability.h>
#include <linux/cgroup.h>
#include <linux/debugfs.h>
#include <linux/dma-fence.h>
#include <linux/iosys-map.h>
#include <linux/ktime.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_auth.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem.h>
#include <drm/drm_modeset_lock.h>
#include <drm/drm_print.h>

#include "omega_vgpu_caps.h"
#include "omega_vgpu_compat.h"
#include "omega_vgpu_drv.h"

/* Why a request was refused; each has a counter. */
enum omega_vgpu_arl_reason {
	OMEGA_ARL_DENY_NO_GRANT,
	OMEGA_ARL_DENY_NO_RIGHT,
	OMEGA_ARL_DENY_OUTSIDE,
	OMEGA_ARL_DENY_BUDGET,
	OMEGA_ARL_DENY_NOT_PRIV,
	OMEGA_ARL_DENY_BAD_REQUEST,
	OMEGA_ARL_NR_REASONS
};

static const char *const omega_vgpu_arl_reason_names[] = {
	[OMEGA_ARL_DENY_NO_GRANT] = "no_grant",
	[OMEGA_ARL_DENY_NO_RIGHT] = "no_right",
	[OMEGA_ARL_DENY_OUTSIDE] = "outside_viewport",
	[OMEGA_ARL_DENY_BUDGET] = "over_budget",
	[OMEGA_ARL_DENY_NOT_PRIV] = "not_privileged",
	[OMEGA_ARL_DENY_BAD_REQUEST] = "bad_request",
};

/**
 * struct omega_vgpu_arl - the grant table and the audit counters
 * @lock: protects @grants and @count
 * @grants: the grants, @count of them packed at the front
 * @count: grants in the table
 * @denied: refusals per enum omega_vgpu_arl_reason
 * @granted: grants made
 * @revoked: grants revoked
 * @presents: presents accepted
 * @bytes: bytes presented
 * @audit_rs: ratelimit of the refusal log lines
 * @admin_rs: ratelimit of the grant/revoke log lines, apart so that a
 *	flood of refusals cannot hide them
 */
struct omega_vgpu_arl {
	struct mutex lock; /* the grant table */
	struct omega_vgpu_arl_grant *grants[OMEGA_VGPU_ARL_MAX_GRANTS];
	unsigned int count;
	atomic64_t denied[OMEGA_ARL_NR_REASONS];
	atomic64_t granted;
	atomic64_t revoked;
	atomic64_t presents;
	atomic64_t bytes;
	struct ratelimit_state audit_rs;
	struct ratelimit_state admin_rs;
};

/* ---------------------------------------------------------------------
 * Audit
 */

static u64 omega_vgpu_arl_current_cgroup_id(void)
{
	u64 id;

	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
	return id;
}

static void omega_vgpu_arl_deny(struct omega_vgpu_device *vg,
				struct omega_vgpu_arl_grant *g,
				enum omega_vgpu_arl_reason why, const char *op,
				int err)
{
	struct omega_vgpu_arl *arl = vg->arl;

	atomic64_inc(&arl->denied[why]);
	if (g)
		atomic64_inc(&g->denials);
	if (__ratelimit(&arl->audit_rs))
		drm_notice(&vg->drm, "arl: denied %s: pid %d cgroup %llu: %s (%d)\n",
			   op, task_pid_nr(current),
			   omega_vgpu_arl_current_cgroup_id(),
			   omega_vgpu_arl_reason_names[why], err);
}

/* The reason a present or grant check's errno stands for. */
static enum omega_vgpu_arl_reason omega_vgpu_arl_reason(int err, bool granted)
{
	switch (err) {
	case -EACCES:
		return granted ? OMEGA_ARL_DENY_NO_RIGHT : OMEGA_ARL_DENY_NO_GRANT;
	case -ERANGE:
		return OMEGA_ARL_DENY_OUTSIDE;
	case -EAGAIN:
	case -E2BIG:
		return OMEGA_ARL_DENY_BUDGET;
	default:
		return OMEGA_ARL_DENY_BAD_REQUEST;
	}
}

/* Grant, revoke and list: refused for privilege or for a bad request. */
static enum omega_vgpu_arl_reason omega_vgpu_arl_admin_reason(int err)
{
	return err == -EPERM ? OMEGA_ARL_DENY_NOT_PRIV :
			       OMEGA_ARL_DENY_BAD_REQUEST;
}

/* ---------------------------------------------------------------------
 * Grant table
 */

static void omega_vgpu_arl_grant_release(struct kref *ref)
{
	kfree(container_of(ref, struct omega_vgpu_arl_grant, ref));
}

static void omega_vgpu_arl_grant_put(struct omega_vgpu_arl_grant *g)
{
	kref_put(&g->ref, omega_vgpu_arl_grant_release);
}

/* Caller holds arl->lock.  Returns the index or -1. */
static int omega_vgpu_arl_find_id(struct omega_vgpu_arl *arl, u64 id)
{
	unsigned int i;

	for (i = 0; i < arl->count; i++)
		if (arl->grants[i]->cgroup_id == id)
			return i;
	return -1;
}

/* Caller holds arl->lock.  Drops the table's reference. */
static void omega_vgpu_arl_remove(struct omega_vgpu_arl *arl, unsigned int i)
{
	struct omega_vgpu_arl_grant *g = arl->grants[i];

	arl->grants[i] = arl->grants[--arl->count];
	arl->grants[arl->count] = NULL;
	cgroup_put(g->cgrp);
	g->cgrp = NULL;
	omega_vgpu_arl_grant_put(g);
}

/*
 * The grant covering the caller's cgroup: the one of its nearest granted
 * ancestor (or itself).  Returns a reference, or NULL.
 */
static struct omega_vgpu_arl_grant *
omega_vgpu_arl_lookup(struct omega_vgpu_arl *arl, u64 *cgid)
{
	struct omega_vgpu_arl_grant *best = NULL;
	struct cgroup *cgrp;
	unsigned int i;

	mutex_lock(&arl->lock);
	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	if (cgid)
		*cgid = cgroup_id(cgrp);
	for (i = 0; i < arl->count; i++) {
		struct omega_vgpu_arl_grant *g = arl->grants[i];

		if (!cgroup_is_descendant(cgrp, g->cgrp))
			continue;
		if (!best || g->cgrp->level > best->cgrp->level)
			best = g;
	}
	if (best)
		kref_get(&best->ref);
	rcu_read_unlock();
	mutex_unlock(&arl->lock);
	return best;
}

static bool omega_vgpu_arl_privileged(struct drm_file *file)
{
	return drm_is_current_master(file) || capable(CAP_SYS_ADMIN);
}

static struct omega_vgpu_output *
omega_vgpu_arl_output(struct omega_vgpu_device *vg, u32 crtc_id)
{
	u32 i;

	for (i = 0; i < vg->num_scanouts; i++)
		if (vg->outputs[i].crtc.base.id == crtc_id)
			return &vg->outputs[i];
	return NULL;
}

static void omega_vgpu_arl_fill_entry(const struct omega_vgpu_arl_grant *g,
				      struct drm_omega_vgpu_arl_entry *e,
				      bool details)
{
	memset(e, 0, sizeof(*e));
	e->cgroup_id = g->cgroup_id;
	e->rights = g->rights;
	if (!details)
		return;
	e->crtc_id = g->crtc_id;
	e->viewport = g->viewport;
	e->max_inflight = g->max_inflight;
	e->inflight = atomic_read(&g->inflight);
	e->max_bytes_per_sec = g->budget.max_bps;
	e->peak_inflight = atomic_read(&g->peak_inflight);
	e->presents = atomic64_read(&g->presents);
	e->bytes = atomic64_read(&g->bytes);
	e->denials = atomic64_read(&g->denials);
}

/* ---------------------------------------------------------------------
 * Ioctls: grant, revoke, query, list
 */

static int omega_vgpu_arl_do_grant(struct omega_vgpu_device *vg,
				   struct drm_omega_vgpu_arl_grant *args)
{
	struct omega_vgpu_arl *arl = vg->arl;
	struct omega_vgpu_arl_grant *g;
	struct cgroup *cgrp;
	int ret;

	ret = omega_vgpu_arl_validate_grant(args);
	if (ret)
		return ret;
	if (!omega_vgpu_arl_output(vg, args->crtc_id))
		return -ENOENT;

	cgrp = cgroup_get_from_fd(args->cgroup_fd);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp);
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g) {
		cgroup_put(cgrp);
		return -ENOMEM;
	}
	kref_init(&g->ref);
	spin_lock_init(&g->budget_lock);
	g->cgrp = cgrp;
	g->cgroup_id = cgroup_id(cgrp);
	g->rights = args->rights;
	g->crtc_id = args->crtc_id;
	g->viewport = args->viewport;
	g->max_inflight = args->max_inflight ?: OMEGA_VGPU_ARL_DEFAULT_INFLIGHT;
	g->budget.max_bps = args->max_bytes_per_sec;

	mutex_lock(&arl->lock);
	if (omega_vgpu_arl_find_id(arl, g->cgroup_id) >= 0)
		ret = -EEXIST;
	else if (arl->count >= OMEGA_VGPU_ARL_MAX_GRANTS)
		ret = -ENOSPC;
	else
		arl->grants[arl->count++] = g;
	mutex_unlock(&arl->lock);
	if (ret) {
		cgroup_put(cgrp);
		kfree(g);
		return ret;
	}
	args->cgroup_id = g->cgroup_id;
	return 0;
}

static int omega_vgpu_arl_grant_handler(struct drm_device *drm, void *data,
					struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct drm_omega_vgpu_arl_grant *args = data;
	int ret;

	if (!omega_vgpu_arl_privileged(file))
		ret = -EPERM;
	else
		ret = omega_vgpu_arl_do_grant(vg, args);
	if (ret) {
		omega_vgpu_arl_deny(vg, NULL, omega_vgpu_arl_admin_reason(ret),
				    "grant", ret);
		return ret;
	}
	atomic64_inc(&vg->arl->granted);
	if (__ratelimit(&vg->arl->admin_rs))
		drm_notice(drm, "arl: grant by pid %d: cgroup %llu rights %#x crtc %u viewport %u,%u %ux%u inflight %u bytes/s %llu\n",
			   task_pid_nr(current), args->cgroup_id, args->rights,
			   args->crtc_id, args->viewport.x, args->viewport.y,
			   args->viewport.width, args->viewport.height,
			   args->max_inflight ?: OMEGA_VGPU_ARL_DEFAULT_INFLIGHT,
			   args->max_bytes_per_sec);
	return 0;
}

static int omega_vgpu_arl_do_revoke(struct omega_vgpu_device *vg,
				    struct drm_omega_vgpu_arl_revoke *args)
{
	struct omega_vgpu_arl *arl = vg->arl;
	struct cgroup *cgrp;
	int i;

	if (args->pad || args->reserved[0] || args->reserved[1])
		return -EINVAL;
	if (args->cgroup_fd != -1) {
		if (args->cgroup_id)
			return -EINVAL;
		cgrp = cgroup_get_from_fd(args->cgroup_fd);
		if (IS_ERR(cgrp))
			return PTR_ERR(cgrp);
		args->cgroup_id = cgroup_id(cgrp);
		cgroup_put(cgrp);
	}

	mutex_lock(&arl->lock);
	i = omega_vgpu_arl_find_id(arl, args->cgroup_id);
	if (i >= 0)
		omega_vgpu_arl_remove(arl, i);
	mutex_unlock(&arl->lock);
	return i >= 0 ? 0 : -ENOENT;
}

static int omega_vgpu_arl_revoke_handler(struct drm_device *drm, void *data,
					 struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct drm_omega_vgpu_arl_revoke *args = data;
	int ret;

	if (!omega_vgpu_arl_privileged(file))
		ret = -EPERM;
	else
		ret = omega_vgpu_arl_do_revoke(vg, args);
	if (ret) {
		omega_vgpu_arl_deny(vg, NULL, omega_vgpu_arl_admin_reason(ret),
				    "revoke", ret);
		return ret;
	}
	atomic64_inc(&vg->arl->revoked);
	if (__ratelimit(&vg->arl->admin_rs))
		drm_notice(drm, "arl: revoke by pid %d: cgroup %llu\n",
			   task_pid_nr(current), args->cgroup_id);
	return 0;
}

static int omega_vgpu_arl_query_handler(struct drm_device *drm, void *data,
					struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct drm_omega_vgpu_arl_query *args = data;
	struct omega_vgpu_arl_grant *g;

	if (args->flags || args->pad || args->reserved[0] || args->reserved[1]) {
		omega_vgpu_arl_deny(vg, NULL, OMEGA_ARL_DENY_BAD_REQUEST,
				    "query", -EINVAL);
		return -EINVAL;
	}
	memset(&args->grant, 0, sizeof(args->grant));
	g = omega_vgpu_arl_lookup(vg->arl, &args->caller_cgroup_id);
	if (g) {
		omega_vgpu_arl_fill_entry(g, &args->grant,
					  g->rights & OMEGA_VGPU_ARL_RIGHT_QUERY);
		omega_vgpu_arl_grant_put(g);
	}
	return 0;
}

static int omega_vgpu_arl_list_handler(struct drm_device *drm, void *data,
				       struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct drm_omega_vgpu_arl_list *args = data;
	struct omega_vgpu_arl *arl = vg->arl;
	struct drm_omega_vgpu_arl_entry *snap;
	struct drm_omega_vgpu_arl_entry __user *dst;
	unsigned int i, n;
	int ret = 0;

	if (!omega_vgpu_arl_privileged(file))
		ret = -EPERM;
	else if (args->flags || args->reserved[0] || args->reserved[1])
		ret = -EINVAL;
	if (ret) {
		omega_vgpu_arl_deny(vg, NULL, omega_vgpu_arl_admin_reason(ret),
				    "list", ret);
		return ret;
	}

	snap = kcalloc(OMEGA_VGPU_ARL_MAX_GRANTS, sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	mutex_lock(&arl->lock);
	n = arl->count;
	for (i = 0; i < n; i++)
		omega_vgpu_arl_fill_entry(arl->grants[i], &snap[i], true);
	mutex_unlock(&arl->lock);

	dst = u64_to_user_ptr(args->entries_ptr);
	if (copy_to_user(dst, snap, sizeof(*snap) * min(n, args->count)))
		ret = -EFAULT;
	kfree(snap);
	args->count = n;
	return ret;
}

/* ---------------------------------------------------------------------
 * Present
 */

struct omega_vgpu_arl_pending {
	struct dma_fence_cb cb;
	struct omega_vgpu_arl_grant *g;
};

/*
 * Fence callback (any context): the host has processed the present or the
 * 3D submission.
 */
static void omega_vgpu_arl_present_done(struct dma_fence *fence,
					struct dma_fence_cb *cb)
{
	struct omega_vgpu_arl_pending *p =
		container_of(cb, struct omega_vgpu_arl_pending, cb);

	atomic_dec(&p->g->inflight);
	omega_vgpu_arl_grant_put(p->g);
	kfree(p);
}

/* Copy rows of @w * 4 bytes; source and destination may be the same bo. */
static void omega_vgpu_arl_copy(void *dst, u32 dst_pitch, const void *src,
				u32 src_pitch, u32 w, u32 h)
{
	u32 row;

	for (row = 0; row < h; row++)
		memmove(dst + (size_t)row * dst_pitch,
			src + (size_t)row * src_pitch, (size_t)w * 4);
}

/*
 * The scanout side of a present, under the primary plane's lock so the
 * framebuffer cannot change while it is written: copy, transfer, flush.
 * Returns the flush fence (a reference) through @fence.
 */
static int omega_vgpu_arl_blit(struct omega_vgpu_device *vg,
			       struct omega_vgpu_output *out,
			       struct drm_gem_object *src_obj,
			       const struct drm_omega_vgpu_arl_present *p,
			       struct dma_fence **fence)
{
	struct drm_plane *plane = &out->primary;
	struct omega_vgpu_fb_layout layout;
	struct iosys_map smap, dmap;
	struct drm_plane_state *st;
	struct drm_framebuffer *fb;
	struct omega_vgpu_xfer x;
	struct drm_rect clip;
	struct omega_vgpu_bo *bo;
	s64 fx, fy;
	int ret;

	ret = drm_modeset_lock(&plane->mutex, NULL);
	if (ret)
		return ret;
	st = plane->state;
	fb = st ? st->fb : NULL;
	if (!fb || !st->visible || st->crtc != &out->crtc) {
		ret = -ENODATA;
		goto unlock;
	}
	if (fb->format->format != DRM_FORMAT_XRGB8888 &&
	    fb->format->format != DRM_FORMAT_ARGB8888) {
		ret = -EOPNOTSUPP;
		goto unlock;
	}
	/* CRTC coordinates to framebuffer coordinates (no scaling). */
	fx = (s64)p->dst_x - st->crtc_x + (st->src.x1 >> 16);
	fy = (s64)p->dst_y - st->crtc_y + (st->src.y1 >> 16);
	if ((s64)p->dst_x < st->crtc_x || (s64)p->dst_y < st->crtc_y ||
	    (s64)p->dst_x + p->src.width > (s64)st->crtc_x + st->crtc_w ||
	    (s64)p->dst_y + p->src.height > (s64)st->crtc_y + st->crtc_h ||
	    fx + p->src.width > fb->width || fy + p->src.height > fb->height) {
		ret = -ENODATA;	/* the viewport is not on screen now */
		goto unlock;
	}
	ret = omega_vgpu_fb_layout_init(&layout, fb->width, fb->height, 4,
					fb->pitches[0], fb->offsets[0],
					fb->obj[0]->size);
	if (ret)
		goto unlock;
	clip = DRM_RECT_INIT((int)fx, (int)fy, p->src.width, p->src.height);
	ret = omega_vgpu_xfer_from_clip(&layout, &clip, &x);
	if (ret)
		goto unlock;

	ret = omega_compat_gem_vmap(src_obj, &smap);
	if (ret)
		goto unlock;
	/* A kernel write the fault-based tracking cannot see. */
	omega_vgpu_bo_untrack(to_omega_bo(fb->obj[0]));
	ret = omega_compat_gem_vmap(fb->obj[0], &dmap);
	if (ret)
		goto unmap_src;
	if (smap.is_iomem || dmap.is_iomem) {
		ret = -EOPNOTSUPP;
		goto unmap_dst;
	}
	omega_vgpu_arl_copy(dmap.vaddr + x.offset, fb->pitches[0],
			    smap.vaddr + p->offset + (size_t)p->src.y * p->pitch +
			    (size_t)p->src.x * 4,
			    p->pitch, p->src.width, p->src.height);

	bo = to_omega_bo(fb->obj[0]);
	*fence = omega_vgpu_fence_alloc(vg);
	/* Behind bounce buffers the device reads a copy: refresh it. */
	omega_vgpu_bo_sync_for_device(vg, bo);
	ret = omega_vgpu_transfer_to_host_2d(vg, bo->res_id, &x);
	if (!ret) {
		x.offset = 0;
		ret = omega_vgpu_resource_flush(vg, bo->res_id, &x, *fence);
	} else if (*fence) {
		/* Nothing was queued to signal it: complete it with the error. */
		dma_fence_set_error(*fence, ret);
		dma_fence_signal(*fence);
	}
unmap_dst:
	omega_compat_gem_vunmap(fb->obj[0], &dmap);
unmap_src:
	omega_compat_gem_vunmap(src_obj, &smap);
unlock:
	drm_modeset_unlock(&plane->mutex);
	return ret;
}

/* Take the in-flight slot and the bytes; undo the slot on refusal. */
static int omega_vgpu_arl_charge(struct omega_vgpu_arl_grant *g, u64 bytes)
{
	int ret;

	ret = omega_vgpu_arl_inflight_get(&g->inflight, &g->peak_inflight,
					  g->max_inflight);
	if (ret)
		return ret;
	spin_lock(&g->budget_lock);
	ret = omega_vgpu_arl_budget_charge(&g->budget, ktime_get_ns(), bytes);
	spin_unlock(&g->budget_lock);
	if (ret)
		atomic_dec(&g->inflight);
	return ret;
}

/* Hand the in-flight slot to the fence, or give it back at once. */
static void omega_vgpu_arl_track(struct omega_vgpu_arl_grant *g,
				 struct dma_fence *fence)
{
	struct omega_vgpu_arl_pending *p;

	p = fence ? kmalloc(sizeof(*p), GFP_KERNEL) : NULL;
	if (p) {
		kref_get(&g->ref);
		p->g = g;
		if (!dma_fence_add_callback(fence, &p->cb,
					    omega_vgpu_arl_present_done))
			return;
		omega_vgpu_arl_grant_put(g);
		kfree(p);
	}
	atomic_dec(&g->inflight);
}

static int omega_vgpu_arl_do_present(struct omega_vgpu_device *vg,
				     struct drm_file *file,
				     struct omega_vgpu_arl_grant *g,
				     const struct drm_omega_vgpu_arl_present *p)
{
	struct drm_omega_vgpu_arl_rect dst = {
		.x = p->dst_x, .y = p->dst_y,
		.width = p->src.width, .height = p->src.height,
	};
	struct dma_fence *fence = NULL;
	struct drm_gem_object *obj;
	u64 bytes;
	int ret;

	ret = omega_vgpu_arl_check(g, OMEGA_VGPU_ARL_RIGHT_PRESENT,
				   p->crtc_id, &dst);
	if (ret)
		return ret;
	obj = drm_gem_object_lookup(file, p->handle);
	if (!obj)
		return -ENOENT;
	ret = omega_vgpu_arl_check_source(p, obj->size);
	if (ret)
		goto put;
	bytes = (u64)p->src.width * p->src.height * 4;
	ret = omega_vgpu_arl_charge(g, bytes);
	if (ret)
		goto put;

	ret = omega_vgpu_arl_blit(vg, omega_vgpu_arl_output(vg, g->crtc_id),
				  obj, p, &fence);
	omega_vgpu_arl_track(g, fence);
	dma_fence_put(fence);
	if (!ret) {
		atomic64_inc(&g->presents);
		atomic64_add(bytes, &g->bytes);
		atomic64_inc(&vg->arl->presents);
		atomic64_add(bytes, &vg->arl->bytes);
	}
put:
	drm_gem_object_put(obj);
	return ret;
}

int omega_vgpu_arl_present_ioctl(struct drm_device *drm, void *data,
				 struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct drm_omega_vgpu_arl_present *args = data;
	struct omega_vgpu_arl_grant *g = NULL;
	int ret, idx;

	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	ret = omega_vgpu_arl_validate_present(args);
	if (!ret) {
		g = omega_vgpu_arl_lookup(vg->arl, NULL);
		ret = omega_vgpu_arl_do_present(vg, file, g, args);
	}
	if (ret)
		omega_vgpu_arl_deny(vg, g, omega_vgpu_arl_reason(ret, g), "present",
				    ret);
	if (g)
		omega_vgpu_arl_grant_put(g);
	drm_dev_exit(idx);
	return ret;
}

/*
 * Every ioctl runs inside drm_dev_enter(): once remove has unplugged the
 * device and freed the table, none can reach it.
 */
#define OMEGA_VGPU_ARL_IOCTL(name)					\
int omega_vgpu_arl_##name##_ioctl(struct drm_device *drm, void *data,	\
				  struct drm_file *file)			\
{									\
	int ret, idx;							\
									\
	if (!drm_dev_enter(drm, &idx))					\
		return -ENODEV;						\
	ret = omega_vgpu_arl_##name##_handler(drm, data, file);		\
	drm_dev_exit(idx);						\
	return ret;							\
}

OMEGA_VGPU_ARL_IOCTL(grant)
OMEGA_VGPU_ARL_IOCTL(revoke)
OMEGA_VGPU_ARL_IOCTL(query)
OMEGA_VGPU_ARL_IOCTL(list)

/* ---------------------------------------------------------------------
 * 3D submissions (omega_vgpu_virgl.c)
 */

/**
 * omega_vgpu_arl_render_begin - may the caller submit 3D work now?
 * @vg: device
 *
 * A caller no grant covers is not in an ARL container: plain DRM rules
 * apply.  Under a grant it needs OMEGA_VGPU_ARL_RIGHT_RENDER, and each
 * submission holds one of the grant's in-flight slots.
 *
 * Return: NULL (no grant), the grant with a slot taken (pass it to
 * omega_vgpu_arl_render_track() or omega_vgpu_arl_render_end()), or
 * ERR_PTR(-EACCES) without the right, ERR_PTR(-EAGAIN) with every slot
 * in flight.
 */
struct omega_vgpu_arl_grant *
omega_vgpu_arl_render_begin(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_arl_grant *g;
	int ret;

	if (!vg->arl)
		return NULL;
	g = omega_vgpu_arl_lookup(vg->arl, NULL);
	if (!g)
		return NULL;
	ret = omega_vgpu_arl_render_take(g);
	if (ret) {
		omega_vgpu_arl_deny(vg, g, omega_vgpu_arl_reason(ret, true),
				    "render", ret);
		omega_vgpu_arl_grant_put(g);
		return ERR_PTR(ret);
	}
	return g;
}

/**
 * omega_vgpu_arl_render_track - the slot is released when @fence signals
 * @g: from omega_vgpu_arl_render_begin(), may be NULL
 * @fence: the submission's fence
 */
void omega_vgpu_arl_render_track(struct omega_vgpu_arl_grant *g,
				 struct dma_fence *fence)
{
	if (!g)
		return;
	omega_vgpu_arl_track(g, fence);
	omega_vgpu_arl_grant_put(g);
}

/**
 * omega_vgpu_arl_render_end - give the slot back (submission failed)
 * @g: from omega_vgpu_arl_render_begin(), may be NULL or an error
 */
void omega_vgpu_arl_render_end(struct omega_vgpu_arl_grant *g)
{
	if (IS_ERR_OR_NULL(g))
		return;
	atomic_dec(&g->inflight);
	omega_vgpu_arl_grant_put(g);
}

/* ---------------------------------------------------------------------
 * debugfs
 */

static int omega_vgpu_arl_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = m->private;
	struct omega_vgpu_arl *arl;
	unsigned int i;
	int idx;

	/* The table is freed at remove; the debugfs file lives longer. */
	if (!drm_dev_enter(&vg->drm, &idx))
		return -ENODEV;
	arl = vg->arl;
	seq_printf(m, "granted %lld\nrevoked %lld\npresents %lld\nbytes %lld\n",
		   atomic64_read(&arl->granted), atomic64_read(&arl->revoked),
		   atomic64_read(&arl->presents), atomic64_read(&arl->bytes));
	for (i = 0; i < OMEGA_ARL_NR_REASONS; i++)
		seq_printf(m, "denied_%s %lld\n", omega_vgpu_arl_reason_names[i],
			   atomic64_read(&arl->denied[i]));

	mutex_lock(&arl->lock);
	seq_printf(m, "grants %u/%u\n", arl->count, OMEGA_VGPU_ARL_MAX_GRANTS);
	for (i = 0; i < arl->count; i++) {
		struct omega_vgpu_arl_grant *g = arl->grants[i];

		seq_printf(m, "grant cgroup %llu rights %#x crtc %u viewport %u,%u %ux%u inflight %d/%u peak %d bytes/s %llu presents %lld bytes %lld denials %lld\n",
			   g->cgroup_id, g->rights, g->crtc_id, g->viewport.x,
			   g->viewport.y, g->viewport.width, g->viewport.height,
			   atomic_read(&g->inflight), g->max_inflight,
			   atomic_read(&g->peak_inflight), g->budget.max_bps,
			   atomic64_read(&g->presents), atomic64_read(&g->bytes),
			   atomic64_read(&g->denials));
	}
	mutex_unlock(&arl->lock);
	drm_dev_exit(idx);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(omega_vgpu_arl);

/**
 * omega_vgpu_caps_debugfs_init - create debugfs/dri/N/omega_vgpu_arl
 * @vg: device
 * @root: the DRM minor's debugfs directory
 */
void omega_vgpu_caps_debugfs_init(struct omega_vgpu_device *vg,
				  struct dentry *root)
{
	if (vg->arl)
		debugfs_create_file("omega_vgpu_arl", 0444, root, vg,
				    &omega_vgpu_arl_fops);
}

/* ---------------------------------------------------------------------
 * Setup
 */

int omega_vgpu_caps_init(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_arl *arl = kzalloc(sizeof(*arl), GFP_KERNEL);

	if (!arl)
		return -ENOMEM;
	mutex_init(&arl->lock);
	ratelimit_state_init(&arl->audit_rs, 5 * HZ, 50);
	ratelimit_state_init(&arl->admin_rs, 5 * HZ, 50);
	vg->arl = arl;
	return 0;
}

/*
 * Called once no ioctl can run any more (after drm_dev_unplug(), or when
 * probe fails).  Presents still in flight keep their grant alive through
 * their own reference.
 */
void omega_vgpu_caps_fini(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_arl *arl = vg->arl;

	if (!arl)
		return;
	mutex_lock(&arl->lock);
	while (arl->count)
		omega_vgpu_arl_remove(arl, 0);
	mutex_unlock(&arl->lock);
	mutex_destroy(&arl->lock);
	vg->arl = NULL;
	kfree(arl);
}
