/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARL grants: the pure decisions (omega_vgpu_caps_rules.c, covered by
 * KUnit) and the types they work on.  The ioctls and the grant table are
 * in omega_vgpu_caps.c.
 */
#ifndef OMEGA_VGPU_CAPS_H
#define OMEGA_VGPU_CAPS_H

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <uapi/drm/omega_vgpu_drm.h>

struct cgroup;

/**
 * struct omega_vgpu_arl_budget - bytes presented in the current second
 * @max_bps: bytes allowed per second, 0 = unlimited
 * @window_start: start of the current one-second window (ns)
 * @used: bytes charged in the current window
 */
struct omega_vgpu_arl_budget {
	u64 max_bps;
	u64 window_start;
	u64 used;
};

/**
 * struct omega_vgpu_arl_grant - one grant
 * @ref: the table holds one reference, each present or 3D submission in
 *	flight another
 * @cgrp: the granted cgroup (a reference); NULL once out of the table
 * @cgroup_id: its id
 * @rights: OMEGA_VGPU_ARL_RIGHT_* bits
 * @crtc_id: CRTC object id
 * @viewport: rectangle in CRTC coordinates
 * @max_inflight: in-flight budget (1..OMEGA_VGPU_ARL_MAX_INFLIGHT), shared
 *	by presents and 3D submissions
 * @inflight: presents and 3D submissions not yet processed by the host
 * @peak_inflight: most ever in flight at once
 * @budget_lock: protects @budget
 * @budget: byte budget
 * @presents: presents accepted
 * @bytes: bytes presented
 * @denials: requests refused under this grant
 */
struct omega_vgpu_arl_grant {
	struct kref ref;
	struct cgroup *cgrp;
	u64 cgroup_id;
	u32 rights;
	u32 crtc_id;
	struct drm_omega_vgpu_arl_rect viewport;
	u32 max_inflight;
	atomic_t inflight;
	atomic_t peak_inflight;
	spinlock_t budget_lock; /* @budget */
	struct omega_vgpu_arl_budget budget;
	atomic64_t presents;
	atomic64_t bytes;
	atomic64_t denials;
};

/* Largest viewport coordinate: the largest mode the driver accepts. */
#define OMEGA_VGPU_ARL_MAX_COORD	8192

int omega_vgpu_arl_rect_end(const struct drm_omega_vgpu_arl_rect *r,
			    u32 *x2, u32 *y2);
bool omega_vgpu_arl_rect_inside(const struct drm_omega_vgpu_arl_rect *inner,
				const struct drm_omega_vgpu_arl_rect *outer);
int omega_vgpu_arl_validate_grant(const struct drm_omega_vgpu_arl_grant *g);
int omega_vgpu_arl_validate_present(const struct drm_omega_vgpu_arl_present *p);
int omega_vgpu_arl_check(const struct omega_vgpu_arl_grant *g, u32 right,
			 u32 crtc_id, const struct drm_omega_vgpu_arl_rect *dst);
int omega_vgpu_arl_check_source(const struct drm_omega_vgpu_arl_present *p,
				u64 bo_size);
int omega_vgpu_arl_budget_charge(struct omega_vgpu_arl_budget *b, u64 now,
				 u64 bytes);
int omega_vgpu_arl_inflight_get(atomic_t *inflight, atomic_t *peak, u32 max);
int omega_vgpu_arl_render_take(struct omega_vgpu_arl_grant *g);

/* omega_vgpu_caps.c: the RENDER right for 3D submissions */
struct dma_fence;
struct omega_vgpu_device;
struct omega_vgpu_arl_grant *
omega_vgpu_arl_render_begin(struct omega_vgpu_device *vg);
void omega_vgpu_arl_render_track(struct omega_vgpu_arl_grant *g,
				 struct dma_fence *fence);
void omega_vgpu_arl_render_end(struct omega_vgpu_arl_grant *g);

#endif /* OMEGA_VGPU_CAPS_H */
