// SPDX-License-Identifier: GPL-2.0
/*
 * Host copy tracking: knowing when the host resource still holds what the
 * buffer holds, so a flip to a framebuffer that was uploaded and not written
 * since costs a SET_SCANOUT and a flush instead of a whole-frame copy.
 *
 * Writes are seen through the CPU mappings.  After a whole upload every
 * mapping of the object made through the DRM file is zapped; the next access
 * faults, and the fault clears host_current.  Writes that do not fault -
 * kernel mappings (fbdev, ARL copies), exporters' importers, dma-buf mmaps -
 * make a buffer untracked for good: it is uploaded on every flip, as before.
 *
 * Re-arming costs one fault per page the client touches, so a buffer drawn
 * every frame is left mapped for a while: see omega_vgpu_track_decide().
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>

#include <drm/drm_drv.h>
#include <drm/drm_gem.h>
#include <drm/drm_vma_manager.h>

#include "omega_vgpu_drv.h"

static bool skip_clean_uploads = true;
module_param(skip_clean_uploads, bool, 0644);
MODULE_PARM_DESC(skip_clean_uploads,
		 "Skip the upload of a framebuffer the host already holds (default true)");

static bool omega_vgpu_bo_trackable(struct omega_vgpu_bo *bo)
{
	struct drm_gem_object *obj = &bo->base.base;

	return READ_ONCE(skip_clean_uploads) && !READ_ONCE(bo->untracked) &&
	       !bo->host3d && !obj->import_attach && !obj->dma_buf;
}

/**
 * omega_vgpu_bo_untrack - the buffer is written without faulting
 * @bo: buffer mapped in the kernel or shared with another device
 */
void omega_vgpu_bo_untrack(struct omega_vgpu_bo *bo)
{
	WRITE_ONCE(bo->untracked, true);
	WRITE_ONCE(bo->host_current, false);
}

/**
 * omega_vgpu_bo_cpu_access - a CPU mapping of the buffer was (re)populated
 * @bo: buffer faulted on
 *
 * Called after the page is mapped: the barrier orders the mapping before
 * the flag, so an upload that re-arms (sets the flag, then zaps) either
 * sees the flag cleared or zaps the new mapping.
 */
void omega_vgpu_bo_cpu_access(struct omega_vgpu_bo *bo)
{
	smp_mb(); /* pairs with smp_store_mb() in omega_vgpu_bo_whole_upload */
	WRITE_ONCE(bo->host_current, false);
}

/**
 * omega_vgpu_bo_reset_host - the host lost its copy (device reset)
 * @bo: buffer whose resource was recreated
 */
void omega_vgpu_bo_reset_host(struct omega_vgpu_bo *bo)
{
	WRITE_ONCE(bo->host_current, false);
}

/**
 * omega_vgpu_bo_whole_upload - decide on the upload of a new framebuffer
 * @vg: device
 * @bo: buffer about to be scanned out
 * @rect: the part of the buffer that would be uploaded
 *
 * Return: false when the host already holds @rect as the buffer has it;
 * true when it must be uploaded, which the caller queues after this
 * returns (once re-armed, any write the upload may miss faults and clears
 * the flag again).
 */
bool omega_vgpu_bo_whole_upload(struct omega_vgpu_device *vg,
				struct omega_vgpu_bo *bo,
				const struct drm_rect *rect)
{
	struct drm_gem_object *obj = &bo->base.base;
	enum omega_vgpu_track_verdict v;

	if (!omega_vgpu_bo_trackable(bo))
		return true;

	mutex_lock(&bo->lock);
	v = omega_vgpu_track_decide(&bo->track, READ_ONCE(bo->host_current),
				    rect);
	if (v == OMEGA_VGPU_TRACK_ARM) {
		/* Flag before zap: pairs with omega_vgpu_bo_cpu_access(). */
		smp_store_mb(bo->host_current, true);
		drm_vma_node_unmap(&obj->vma_node,
				   obj->dev->anon_inode->i_mapping);
	} else if (v == OMEGA_VGPU_TRACK_UPLOAD) {
		WRITE_ONCE(bo->host_current, false);
	}
	mutex_unlock(&bo->lock);
	if (v == OMEGA_VGPU_TRACK_SKIP)
		atomic64_inc(&vg->stats.uploads_skipped);
	return v != OMEGA_VGPU_TRACK_SKIP;
}
