// SPDX-License-Identifier: GPL-2.0
/*
 * Buffer objects: shmem-backed GEM objects, with a host resource created the
 * first time a framebuffer is made from the object.  Creating it there, not
 * at dumb-buffer creation, is what lets PRIME imports and buffers of any
 * origin be scanned out: the framebuffer is the first point where format and
 * pitch are known.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/moduleparam.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/virtio_config.h>

#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_prime.h>
#include <drm/drm_print.h>

#include "omega_vgpu_drv.h"

static unsigned int client_mem_mb = 1024;
module_param(client_mem_mb, uint, 0644);
MODULE_PARM_DESC(client_mem_mb,
		 "Most buffer memory one open file may create, in MiB (default 1024)");

static void omega_vgpu_fpriv_release(struct kref *ref)
{
	kfree(container_of(ref, struct omega_vgpu_fpriv, ref));
}

void omega_vgpu_fpriv_put(struct omega_vgpu_fpriv *fp)
{
	if (fp)
		kref_put(&fp->ref, omega_vgpu_fpriv_release);
}

int omega_vgpu_open(struct drm_device *drm, struct drm_file *file)
{
	struct omega_vgpu_fpriv *fp = kzalloc(sizeof(*fp), GFP_KERNEL);

	if (!fp)
		return -ENOMEM;
	kref_init(&fp->ref);
	file->driver_priv = fp;
	return 0;
}

void omega_vgpu_postclose(struct drm_device *drm, struct drm_file *file)
{
	omega_vgpu_virgl_postclose(to_omega(drm), file->driver_priv);
	omega_vgpu_fpriv_put(file->driver_priv);
	file->driver_priv = NULL;
}

/*
 * Charge @size to the file before allocating, so a client cannot pin the
 * guest's memory away through buffers.
 */
static int omega_vgpu_charge(struct omega_vgpu_device *vg,
			     struct omega_vgpu_fpriv *fp, u64 size)
{
	u64 limit = (u64)READ_ONCE(client_mem_mb) << 20;

	if (atomic64_add_return(size, &fp->bytes) > limit) {
		atomic64_sub(size, &fp->bytes);
		omega_vgpu_reject(vg, "pid %d over its buffer memory limit (%u MiB)\n",
				  task_tgid_nr(current), client_mem_mb);
		return -ENOSPC;
	}
	return 0;
}

int omega_vgpu_bo_charge(struct omega_vgpu_device *vg,
			 struct omega_vgpu_fpriv *fp, u64 size)
{
	return omega_vgpu_charge(vg, fp, size);
}

static struct device *omega_vgpu_dma_dev(struct omega_vgpu_device *vg)
{
	return vg->vdev->dev.parent;
}

static void omega_vgpu_bo_release_backing(struct omega_vgpu_device *vg,
					  struct omega_vgpu_bo *bo)
{
	if (!bo->sgt)
		return;
	if (bo->base.base.import_attach) {
		bo->sgt = NULL;	/* owned by the importer helpers */
		return;
	}
	if (bo->dma_mapped)
		dma_unmap_sgtable(omega_vgpu_dma_dev(vg), bo->sgt,
				  DMA_TO_DEVICE, 0);
	sg_free_table(bo->sgt);
	kfree(bo->sgt);
	bo->sgt = NULL;
	bo->dma_mapped = false;
	drm_gem_shmem_unpin(&bo->base);
}

static void omega_vgpu_bo_free(struct drm_gem_object *obj)
{
	struct omega_vgpu_device *vg = to_omega(obj->dev);
	struct omega_vgpu_bo *bo = to_omega_bo(obj);
	int idx;

	if (bo->res_id) {
		mutex_lock(&vg->res_lock);
		list_del(&bo->node);
		mutex_unlock(&vg->res_lock);
		/*
		 * The host may read the backing until it has processed the
		 * unref, so the pages are released only afterwards.
		 */
		bool host_freed = true;

		if (drm_dev_enter(obj->dev, &idx)) {
			host_freed = !omega_vgpu_resource_unref(vg, bo->res_id);
			drm_dev_exit(idx);
		}
		/*
		 * An id the host may still hold must not be handed out again:
		 * the next RESOURCE_CREATE_2D with it would fail.  A failed
		 * unref leaves the id out of the pool for good.
		 */
		if (host_freed)
			ida_free(&vg->resource_ida, bo->res_id);
		else
			dev_warn_ratelimited(obj->dev->dev,
					     "resource %u not released by the host; id retired\n",
					     bo->res_id);
	}
	omega_vgpu_bo_release_backing(vg, bo);
	if (bo->fpriv) {
		atomic64_sub(obj->size, &bo->fpriv->bytes);
		omega_vgpu_fpriv_put(bo->fpriv);
	}
	mutex_destroy(&bo->lock);
	drm_gem_shmem_free(&bo->base);
}

/*
 * The shmem helper's mapping callbacks, with the fault noted for host copy
 * tracking (omega_vgpu_bo_track.c).  Its open/close pin and unpin pages.
 */
static vm_fault_t omega_vgpu_bo_fault(struct vm_fault *vmf)
{
	struct drm_gem_object *obj = vmf->vma->vm_private_data;
	vm_fault_t ret = drm_gem_shmem_vm_ops.fault(vmf);

	omega_vgpu_bo_cpu_access(to_omega_bo(obj));
	return ret;
}

static void omega_vgpu_bo_vm_open(struct vm_area_struct *vma)
{
	drm_gem_shmem_vm_ops.open(vma);
}

static void omega_vgpu_bo_vm_close(struct vm_area_struct *vma)
{
	drm_gem_shmem_vm_ops.close(vma);
}

static const struct vm_operations_struct omega_vgpu_bo_vm_ops = {
	.fault = omega_vgpu_bo_fault,
	.open = omega_vgpu_bo_vm_open,
	.close = omega_vgpu_bo_vm_close,
};

/* Kernel mappings and importers write without faulting: see bo_track. */
static int omega_vgpu_bo_vmap(struct drm_gem_object *obj,
			      struct iosys_map *map)
{
	omega_vgpu_bo_untrack(to_omega_bo(obj));
	return drm_gem_shmem_object_vmap(obj, map);
}

static struct dma_buf *omega_vgpu_bo_export(struct drm_gem_object *obj,
					    int flags)
{
	omega_vgpu_bo_untrack(to_omega_bo(obj));
	return drm_gem_prime_export(obj, flags);
}

static const struct drm_gem_object_funcs omega_vgpu_bo_funcs = {
	.free = omega_vgpu_bo_free,
	.open = omega_vgpu_virgl_bo_open,
	.close = omega_vgpu_virgl_bo_close,
	.print_info = drm_gem_shmem_object_print_info,
	.pin = drm_gem_shmem_object_pin,
	.unpin = drm_gem_shmem_object_unpin,
	.get_sg_table = drm_gem_shmem_object_get_sg_table,
	.export = omega_vgpu_bo_export,
	.vmap = omega_vgpu_bo_vmap,
	.vunmap = drm_gem_shmem_object_vunmap,
	.mmap = drm_gem_shmem_object_mmap,
	.vm_ops = &omega_vgpu_bo_vm_ops,
};

struct drm_gem_object *omega_vgpu_gem_create_object(struct drm_device *drm,
						    size_t size)
{
	struct omega_vgpu_bo *bo = kzalloc(sizeof(*bo), GFP_KERNEL);

	if (!bo)
		return ERR_PTR(-ENOMEM);
	mutex_init(&bo->lock);
	INIT_LIST_HEAD(&bo->node);
	bo->owner_pid = task_tgid_nr(current);
	get_task_comm(bo->owner_comm, current);
	bo->base.base.funcs = &omega_vgpu_bo_funcs;
	return &bo->base.base;
}

/**
 * omega_vgpu_dumb_create - DRM_IOCTL_MODE_CREATE_DUMB
 * @file: caller
 * @drm: device
 * @args: request; only 32 bits per pixel and no flags are accepted
 *
 * Rows are packed (pitch = width * 4): the host copies transfers with the
 * resource width as stride, so any padding would have to be a resource
 * column.
 *
 * Return: 0 or a negative errno.
 */
int omega_vgpu_dumb_create(struct drm_file *file, struct drm_device *drm,
			   struct drm_mode_create_dumb *args)
{
	struct omega_vgpu_device *vg = to_omega(drm);
	struct omega_vgpu_fpriv *fp = file->driver_priv;
	struct drm_gem_shmem_object *shmem;
	u32 pitch;
	u64 size;
	int ret;

	if (args->flags || args->bpp != 32) {
		omega_vgpu_reject(vg, "dumb buffer flags %#x bpp %u\n",
				  args->flags, args->bpp);
		return -EINVAL;
	}
	if (!args->width || !args->height ||
	    args->width > OMEGA_VGPU_MAX_DIM ||
	    args->height > OMEGA_VGPU_MAX_DIM) {
		omega_vgpu_reject(vg, "dumb buffer %ux%u\n", args->width,
				  args->height);
		return -EINVAL;
	}
	pitch = args->width * 4;
	size = PAGE_ALIGN((u64)pitch * args->height);

	ret = omega_vgpu_charge(vg, fp, size);
	if (ret)
		return ret;
	shmem = drm_gem_shmem_create(drm, size);
	if (IS_ERR(shmem)) {
		atomic64_sub(size, &fp->bytes);
		return PTR_ERR(shmem);
	}
	kref_get(&fp->ref);
	to_omega_bo(&shmem->base)->fpriv = fp;

	ret = drm_gem_handle_create(file, &shmem->base, &args->handle);
	drm_gem_object_put(&shmem->base);
	if (ret)
		return ret;
	args->pitch = pitch;
	args->size = size;
	return 0;
}

/*
 * Foreign buffers are attached through the PCI device, the one that does
 * DMA: that gives the exporter a device with a DMA mask and, behind an
 * IOMMU, addresses the virtio device can actually use.
 */
struct drm_gem_object *omega_vgpu_gem_prime_import(struct drm_device *drm,
						   struct dma_buf *buf)
{
	return drm_gem_prime_import_dev(drm, buf, omega_vgpu_dma_dev(to_omega(drm)));
}

/*
 * The backing's scatter list is built here rather than by the shmem helper
 * so that no segment exceeds what the DMA device accepts: its maximum
 * segment size, and what it can map at once (swiotlb bounce buffers are
 * limited to 256 KiB per mapping).
 */
static struct sg_table *omega_vgpu_bo_build_sgt(struct omega_vgpu_device *vg,
						struct omega_vgpu_bo *bo)
{
	size_t size = bo->base.base.size;
	unsigned int max_seg;
	struct sg_table *sgt;
	int ret;

	max_seg = min_t(size_t, dma_max_mapping_size(omega_vgpu_dma_dev(vg)),
			dma_get_max_seg_size(omega_vgpu_dma_dev(vg)));
	max_seg = min_t(size_t, max_seg, SZ_1G);
	max_seg = rounddown(max_seg, PAGE_SIZE);
	sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	if (!sgt)
		return ERR_PTR(-ENOMEM);
	ret = sg_alloc_table_from_pages_segment(sgt, bo->base.pages,
						size >> PAGE_SHIFT, 0, size,
						max_seg, GFP_KERNEL);
	if (ret) {
		kfree(sgt);
		return ERR_PTR(ret);
	}
	return sgt;
}

struct sg_table *omega_vgpu_bo_pin_pages(struct omega_vgpu_device *vg,
					 struct omega_vgpu_bo *bo)
{
	struct sg_table *sgt;
	int ret;

	if (bo->base.base.import_attach)
		return bo->base.sgt;

	ret = drm_gem_shmem_pin(&bo->base);
	if (ret)
		return ERR_PTR(ret);
	sgt = omega_vgpu_bo_build_sgt(vg, bo);
	if (IS_ERR(sgt)) {
		drm_gem_shmem_unpin(&bo->base);
		return sgt;
	}
	bo->sgt = sgt;
	if (!virtio_has_dma_quirk(vg->vdev)) {
		ret = dma_map_sgtable(omega_vgpu_dma_dev(vg), sgt,
				      DMA_TO_DEVICE, 0);
		if (ret) {
			omega_vgpu_bo_release_backing(vg, bo);
			return ERR_PTR(ret);
		}
		bo->dma_mapped = true;
	}
	return sgt;
}

/* The scatter list the backing was attached with. */
struct sg_table *omega_vgpu_bo_backing(struct omega_vgpu_bo *bo)
{
	return bo->base.base.import_attach ? bo->base.sgt : bo->sgt;
}

/**
 * omega_vgpu_bo_sync_for_device - make CPU writes visible to the device
 * @vg: device
 * @bo: buffer about to be transferred
 *
 * Behind bounce buffers (swiotlb, confidential guests) the device reads a
 * copy of the pages, refreshed only here; with an IOMMU or none this is
 * cheap or nothing.
 */
void omega_vgpu_bo_sync_for_device(struct omega_vgpu_device *vg,
				   struct omega_vgpu_bo *bo)
{
	if (bo->dma_mapped)
		dma_sync_sgtable_for_device(omega_vgpu_dma_dev(vg), bo->sgt,
					    DMA_TO_DEVICE);
	/*
	 * An import's pages were mapped for the DMA device when it was
	 * attached (bidirectionally, by the PRIME helpers): that mapping is
	 * ours to sync.
	 */
	else if (bo->base.base.import_attach && bo->base.sgt &&
		 !virtio_has_dma_quirk(vg->vdev))
		dma_sync_sgtable_for_device(omega_vgpu_dma_dev(vg),
					    bo->base.sgt, DMA_BIDIRECTIONAL);
}

/**
 * omega_vgpu_bo_ensure_resource - give @bo a host resource with backing
 * @vg: device
 * @bo: buffer object
 * @format: virtio format of the first framebuffer made from @bo
 * @pitch: bytes per row of that framebuffer
 * @cpp: bytes per pixel
 *
 * Return: 0, -EINVAL if @bo already has a resource with another pitch, or
 * the error of a failed command (nothing is left half-created).
 */
int omega_vgpu_bo_ensure_resource(struct omega_vgpu_device *vg,
				  struct omega_vgpu_bo *bo, u32 format,
				  u32 pitch, u32 cpp)
{
	size_t size = bo->base.base.size;
	struct sg_table *sgt;
	u32 width = pitch / cpp;
	u32 height = min_t(size_t, size / pitch, OMEGA_VGPU_MAX_DIM);
	int id, ret = 0;

	mutex_lock(&bo->lock);
	/* A virgl resource is scanned out as the host rendered it. */
	if (bo->host3d)
		goto out;
	if (bo->res_id) {
		if (bo->pitch != pitch || bo->res_format != format) {
			omega_vgpu_reject(vg, "buffer reused: pitch %u format %u, was %u %u\n",
					  pitch, format, bo->pitch, bo->res_format);
			ret = -EINVAL;
		}
		goto out;
	}

	id = ida_alloc_min(&vg->resource_ida, 1, GFP_KERNEL);
	if (id < 0) {
		ret = id;
		goto out;
	}
	ret = omega_vgpu_resource_create_2d(vg, id, format, width, height);
	if (ret)
		goto err_id;

	sgt = omega_vgpu_bo_pin_pages(vg, bo);
	if (IS_ERR(sgt)) {
		ret = PTR_ERR(sgt);
		goto err_unref;
	}
	ret = omega_vgpu_attach_backing(vg, id, sgt,
					!!bo->base.base.import_attach);
	if (ret)
		goto err_backing;

	bo->res_id = id;
	bo->res_format = format;
	bo->res_width = width;
	bo->res_height = height;
	bo->pitch = pitch;
	mutex_lock(&vg->res_lock);
	list_add_tail(&bo->node, &vg->resources);
	mutex_unlock(&vg->res_lock);
	goto out;

err_backing:
	omega_vgpu_bo_release_backing(vg, bo);
err_unref:
	omega_vgpu_resource_unref(vg, id);
err_id:
	ida_free(&vg->resource_ida, id);
out:
	mutex_unlock(&bo->lock);
	return ret;
}

/**
 * omega_vgpu_resources_restore - recreate host resources after a reset
 * @vg: device whose queues were just brought back up
 *
 * A device reset (suspend/resume) destroys every host resource; the guest
 * pages survive, so each resource is created again and its backing
 * re-attached.  Contents are uploaded by the display state's next commit.
 *
 * Return: 0 or the first error.
 */
int omega_vgpu_resources_restore(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_bo *bo;
	int ret = 0;

	mutex_lock(&vg->res_lock);
	list_for_each_entry(bo, &vg->resources, node) {
		omega_vgpu_bo_reset_host(bo);
		ret = omega_vgpu_resource_create_2d(vg, bo->res_id,
						    bo->res_format,
						    bo->res_width,
						    bo->res_height);
		if (!ret)
			ret = omega_vgpu_attach_backing(vg, bo->res_id,
							omega_vgpu_bo_backing(bo),
							!!bo->base.base.import_attach);
		if (ret) {
			drm_err(&vg->drm, "cannot restore resource %u: %d\n",
				bo->res_id, ret);
			break;
		}
	}
	mutex_unlock(&vg->res_lock);
	return ret;
}
