// SPDX-License-Identifier: GPL-2.0
/*
 * virgl: 3D contexts, resources and command submission.
 *
 * The ioctls keep the numbers, layouts and semantics of Linux's virtgpu
 * uAPI so that Mesa's virgl driver runs unmodified (Documentation/virgl.rst).
 *
 * Each open file gets one host context, created on its first 3D use.  The
 * host checks every resource a command stream names against the resources
 * attached to the submitting context, so a resource is attached to a
 * file's context exactly while the file holds a GEM handle to it (the GEM
 * open/close hooks below): a client reaches no resource it was not given.
 * Closing the file detaches its handles and destroys its context.
 *
 * Submissions and transfers are fenced on the control queue's timeline; the
 * fence goes into the reservation objects of the buffers involved, which is
 * what WAIT and implicit synchronisation look at, and out to userspace as a
 * sync_file on request.
 */
#include <linux/debugfs.h>
#include <linux/dma-fence.h>
#include <linux/dma-resv.h>
#include <linux/file.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sync_file.h>
#include <linux/uaccess.h>
#include <linux/virtio_config.h>

#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_managed.h>
#include <drm/drm_print.h>

#include "omega_vgpu_caps.h"
#include "omega_vgpu_drv.h"
#include "omega_vgpu_wire3d.h"

/* Host contexts alive at once, over all files. */
#define OMEGA_VGPU_MAX_CONTEXTS		1024
/* Capset answers kept; a request beyond them is fetched every time. */
#define OMEGA_VGPU_CAPSET_CACHE_MAX	16
/* Longest WAIT before -EBUSY, as Linux's driver does. */
#define OMEGA_VGPU_WAIT_TIMEOUT		(15 * HZ)

/**
 * struct omega_vgpu_capset_data - one cached GET_CAPSET answer
 * @node: entry in &omega_vgpu_virgl.capset_cache
 * @id: capset id
 * @version: capset version
 * @size: bytes of @data
 * @data: the capset
 */
struct omega_vgpu_capset_data {
	struct list_head node;
	u32 id;
	u32 version;
	u32 size;
	u8 data[];
};

/**
 * struct omega_vgpu_virgl - the device's 3D state
 * @host_features: feature bits the device offers (not only negotiated ones)
 * @num_capsets: capsets the device's config space announces
 * @capsets: the ones whose info could be read
 * @nr_capsets: entries of @capsets
 * @capset_lock: protects @capset_cache and @nr_cached
 * @capset_cache: GET_CAPSET answers, freed with the device
 * @nr_cached: entries of @capset_cache
 * @ctx_ida: host context ids (1..OMEGA_VGPU_MAX_CONTEXTS)
 * @contexts: contexts alive
 * @submits: EXECBUFFERs queued
 * @submit_bytes: command-stream bytes queued
 * @transfers: 3D transfers queued
 * @resources: 3D resources created
 * @rejected: requests refused for bad arguments
 */
struct omega_vgpu_virgl {
	u64 host_features;
	u32 num_capsets;
	struct omega_vgpu_capset capsets[OMEGA_VGPU_MAX_CAPSETS];
	unsigned int nr_capsets;
	struct mutex capset_lock; /* @capset_cache, @nr_cached */
	struct list_head capset_cache;
	unsigned int nr_cached;
	struct ida ctx_ida;
	atomic_t contexts;
	atomic64_t submits;
	atomic64_t submit_bytes;
	atomic64_t transfers;
	atomic64_t resources;
	atomic64_t rejected;
};

/**
 * struct omega_vgpu_vctx - one file's virgl context
 * @lock: serialises creation
 * @ctx_id: host context id, 0 until created; never changes afterwards
 * @capset_id: capset chosen by CONTEXT_INIT, 0 for the default
 */
struct omega_vgpu_vctx {
	struct mutex lock; /* creation */
	u32 ctx_id;
	u32 capset_id;
};

#define omega_vgpu_virgl_reject(vg, fmt, ...) do {			\
	struct omega_vgpu_device *__vg = (vg);				\
									\
	atomic64_inc(&__vg->virgl->rejected);				\
	omega_vgpu_reject(__vg, "virgl: " fmt, ##__VA_ARGS__);		\
} while (0)

/* ---------------------------------------------------------------------
 * Commands
 */

static int omega_vgpu_virgl_sync(struct omega_vgpu_device *vg,
				 struct omega_vgpu_cmd *cmd)
{
	int ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);

	omega_vgpu_cmd_release(cmd, ret);
	return ret;
}

/* Queue without waiting; on failure the fence (if any) carries the error. */
static int omega_vgpu_virgl_async(struct omega_vgpu_device *vg,
				  struct omega_vgpu_cmd *cmd)
{
	int ret = omega_vgpu_submit_nowait(vg, &vg->ctrlq, cmd);

	if (ret) {
		if (cmd->fence) {
			dma_fence_set_error(cmd->fence, ret);
			dma_fence_signal(cmd->fence);
		}
		omega_vgpu_cmd_free(cmd);
	}
	return ret;
}

#define omega_vgpu_virgl_cmd(type) \
	omega_vgpu_cmd_alloc(sizeof(type), sizeof(struct omega_vgpu_ctrl_hdr), \
			     OMEGA_VGPU_RESP_OK_NODATA)

static int omega_vgpu_ctx_resource(struct omega_vgpu_device *vg, bool attach,
				   u32 ctx_id, u32 res_id)
{
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_ctx_resource);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_ctx_resource(cmd->req, attach, ctx_id, res_id);
	return omega_vgpu_virgl_async(vg, cmd);
}

/* ---------------------------------------------------------------------
 * Contexts
 */

/* The file's context state, allocated on first use (lock-free publish). */
static struct omega_vgpu_vctx *omega_vgpu_vctx_of(struct omega_vgpu_fpriv *fp)
{
	struct omega_vgpu_vctx *v = READ_ONCE(fp->vctx), *old;

	if (v)
		return v;
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return NULL;
	mutex_init(&v->lock);
	old = cmpxchg(&fp->vctx, NULL, v);
	if (old) {
		mutex_destroy(&v->lock);
		kfree(v);
		return old;
	}
	return v;
}

static int omega_vgpu_vctx_create_locked(struct omega_vgpu_device *vg,
					 struct omega_vgpu_vctx *v,
					 const char *name)
{
	struct omega_vgpu_virgl *virgl = vg->virgl;
	struct omega_vgpu_cmd *cmd;
	int id, ret;

	id = ida_alloc_range(&virgl->ctx_ida, 1, OMEGA_VGPU_MAX_CONTEXTS,
			     GFP_KERNEL);
	if (id < 0) {
		if (id == -ENOSPC)
			omega_vgpu_reject(vg, "virgl: all %d contexts in use\n",
					  OMEGA_VGPU_MAX_CONTEXTS);
		return id;
	}
	cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_ctx_create);
	if (!cmd) {
		ida_free(&virgl->ctx_ida, id);
		return -ENOMEM;
	}
	/* Without F_CONTEXT_INIT the host makes a virgl context of any id. */
	omega_vgpu_encode_ctx_create(cmd->req, id, 0, name);
	ret = omega_vgpu_virgl_sync(vg, cmd);
	if (ret) {
		ida_free(&virgl->ctx_ida, id);
		return ret;
	}
	WRITE_ONCE(v->ctx_id, id);
	atomic_inc(&virgl->contexts);
	return 0;
}

/* The file's host context id, creating the context if needed. */
static int omega_vgpu_vctx_get(struct omega_vgpu_device *vg,
			       struct drm_file *file, u32 *ctx_id)
{
	struct omega_vgpu_vctx *v = omega_vgpu_vctx_of(file->driver_priv);
	char name[TASK_COMM_LEN];
	int ret = 0;

	if (!v)
		return -ENOMEM;
	if (READ_ONCE(v->ctx_id)) {
		*ctx_id = v->ctx_id;
		return 0;
	}
	get_task_comm(name, current);
	mutex_lock(&v->lock);
	if (!v->ctx_id)
		ret = omega_vgpu_vctx_create_locked(vg, v, name);
	*ctx_id = v->ctx_id;
	mutex_unlock(&v->lock);
	return ret;
}

/* Context id of a file, 0 if it never created one. */
static u32 omega_vgpu_vctx_id(struct drm_file *file)
{
	struct omega_vgpu_fpriv *fp = file->driver_priv;
	struct omega_vgpu_vctx *v = fp ? READ_ONCE(fp->vctx) : NULL;

	return v ? READ_ONCE(v->ctx_id) : 0;
}

/**
 * omega_vgpu_virgl_postclose - destroy a closing file's context
 * @vg: device
 * @fp: the file's private data
 *
 * DRM has closed the file's handles already, so the context has nothing
 * attached any more.
 */
void omega_vgpu_virgl_postclose(struct omega_vgpu_device *vg,
				struct omega_vgpu_fpriv *fp)
{
	struct omega_vgpu_vctx *v = fp ? fp->vctx : NULL;
	struct omega_vgpu_cmd *cmd;
	int idx;

	if (!v)
		return;
	fp->vctx = NULL;
	if (v->ctx_id) {
		if (drm_dev_enter(&vg->drm, &idx)) {
			cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_ctx_destroy);
			if (cmd) {
				omega_vgpu_encode_ctx_destroy(cmd->req, v->ctx_id);
				omega_vgpu_virgl_async(vg, cmd);
			}
			drm_dev_exit(idx);
		}
		/* A later CTX_CREATE reusing the id queues behind the destroy. */
		ida_free(&vg->virgl->ctx_ida, v->ctx_id);
		atomic_dec(&vg->virgl->contexts);
	}
	mutex_destroy(&v->lock);
	kfree(v);
}

/**
 * omega_vgpu_virgl_bo_open - GEM open hook: attach a 3D resource
 * @obj: object a handle was just created for
 * @file: the file that holds the handle
 *
 * Return: 0 or the errno of creating the file's context.
 */
int omega_vgpu_virgl_bo_open(struct drm_gem_object *obj, struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(obj->dev);
	struct omega_vgpu_bo *bo = to_omega_bo(obj);
	u32 ctx_id;
	int ret, idx;

	if (!vg->virgl || !bo->host3d)
		return 0;
	if (!drm_dev_enter(obj->dev, &idx))
		return -ENODEV;
	ret = omega_vgpu_vctx_get(vg, file, &ctx_id);
	if (!ret)
		ret = omega_vgpu_ctx_resource(vg, true, ctx_id, bo->res_id);
	drm_dev_exit(idx);
	return ret;
}

/**
 * omega_vgpu_virgl_bo_close - GEM close hook: detach a 3D resource
 * @obj: object whose handle is going away
 * @file: the file that held it
 */
void omega_vgpu_virgl_bo_close(struct drm_gem_object *obj,
			       struct drm_file *file)
{
	struct omega_vgpu_device *vg = to_omega(obj->dev);
	struct omega_vgpu_bo *bo = to_omega_bo(obj);
	u32 ctx_id = omega_vgpu_vctx_id(file);
	int idx;

	if (!vg->virgl || !bo->host3d || !ctx_id)
		return;
	if (!drm_dev_enter(obj->dev, &idx))
		return;
	omega_vgpu_ctx_resource(vg, false, ctx_id, bo->res_id);
	drm_dev_exit(idx);
}

/* ---------------------------------------------------------------------
 * Capsets
 */

static int omega_vgpu_query_capset_info(struct omega_vgpu_device *vg,
					u32 index,
					struct omega_vgpu_capset *out)
{
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_cmd_alloc(sizeof(struct omega_vgpu_get_capset_info),
				   sizeof(struct omega_vgpu_resp_capset_info),
				   OMEGA_VGPU_RESP_OK_CAPSET_INFO);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_get_capset_info(cmd->req, index);
	ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);
	if (!ret)
		ret = omega_vgpu_parse_capset_info(cmd->resp, cmd->resp_len, out);
	omega_vgpu_cmd_release(cmd, ret);
	return ret;
}

static const struct omega_vgpu_capset *
omega_vgpu_capset_find(struct omega_vgpu_virgl *virgl, u32 id, u32 version)
{
	unsigned int i;

	for (i = 0; i < virgl->nr_capsets; i++)
		if (virgl->capsets[i].id == id &&
		    version <= virgl->capsets[i].max_version)
			return &virgl->capsets[i];
	return NULL;
}

/* Ask the host for a capset; the answer is a new cache entry. */
static struct omega_vgpu_capset_data *
omega_vgpu_capset_fetch(struct omega_vgpu_device *vg,
			const struct omega_vgpu_capset *cs, u32 version)
{
	size_t hdr = sizeof(struct omega_vgpu_resp_capset);
	struct omega_vgpu_capset_data *d;
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_cmd_alloc(sizeof(struct omega_vgpu_get_capset),
				   hdr + cs->max_size,
				   OMEGA_VGPU_RESP_OK_CAPSET);
	if (!cmd)
		return ERR_PTR(-ENOMEM);
	omega_vgpu_encode_get_capset(cmd->req, cs->id, version);
	ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);
	if (!ret && cmd->resp_len < hdr + cs->max_size)
		ret = -EPROTO;
	d = ret ? NULL : kmalloc(struct_size(d, data, cs->max_size), GFP_KERNEL);
	if (d) {
		d->id = cs->id;
		d->version = version;
		d->size = cs->max_size;
		memcpy(d->data, (u8 *)cmd->resp + hdr, cs->max_size);
	} else if (!ret) {
		ret = -ENOMEM;
	}
	omega_vgpu_cmd_release(cmd, ret);
	return ret ? ERR_PTR(ret) : d;
}

/*
 * Copy up to @size bytes of a capset to @dst.  Cache entries live as long
 * as the device, so they are copied out without the lock.
 */
static int omega_vgpu_capset_copy(struct omega_vgpu_device *vg,
				  const struct omega_vgpu_capset *cs,
				  u32 version, void __user *dst, u32 size)
{
	struct omega_vgpu_virgl *virgl = vg->virgl;
	struct omega_vgpu_capset_data *d, *found = NULL;
	bool uncached = false;
	int ret = 0;

	mutex_lock(&virgl->capset_lock);
	list_for_each_entry(d, &virgl->capset_cache, node) {
		if (d->id == cs->id && d->version == version) {
			found = d;
			break;
		}
	}
	if (!found) {
		found = omega_vgpu_capset_fetch(vg, cs, version);
		if (IS_ERR(found)) {
			ret = PTR_ERR(found);
		} else if (virgl->nr_cached < OMEGA_VGPU_CAPSET_CACHE_MAX) {
			list_add_tail(&found->node, &virgl->capset_cache);
			virgl->nr_cached++;
		} else {
			uncached = true;
		}
	}
	mutex_unlock(&virgl->capset_lock);
	if (ret)
		return ret;
	if (copy_to_user(dst, found->data, min(size, found->size)))
		ret = -EFAULT;
	if (uncached)
		kfree(found);
	return ret;
}

/* ---------------------------------------------------------------------
 * Setup
 */

static void omega_vgpu_virgl_release(struct drm_device *drm, void *data)
{
	struct omega_vgpu_virgl *virgl = data;
	struct omega_vgpu_capset_data *d, *tmp;

	list_for_each_entry_safe(d, tmp, &virgl->capset_cache, node)
		kfree(d);
	ida_destroy(&virgl->ctx_ida);
	mutex_destroy(&virgl->capset_lock);
}

/**
 * omega_vgpu_virgl_init - set up 3D when VIRTIO_GPU_F_VIRGL was negotiated
 * @vg: device whose queues run, before the DRM device is registered
 *
 * Reads the capset list once; a capset whose info cannot be read is left
 * out (and logged), it does not fail the probe.
 *
 * Return: 0 or -ENOMEM.
 */
int omega_vgpu_virgl_init(struct omega_vgpu_device *vg)
{
	struct omega_vgpu_virgl *virgl;
	unsigned int i;
	int ret;

	if (!virtio_has_feature(vg->vdev, OMEGA_VGPU_F_VIRGL))
		return 0;
	virgl = drmm_kzalloc(&vg->drm, sizeof(*virgl), GFP_KERNEL);
	if (!virgl)
		return -ENOMEM;
	mutex_init(&virgl->capset_lock);
	INIT_LIST_HEAD(&virgl->capset_cache);
	ida_init(&virgl->ctx_ida);
	ret = drmm_add_action_or_reset(&vg->drm, omega_vgpu_virgl_release,
				       virgl);
	if (ret)
		return ret;

	virgl->host_features = vg->vdev->config->get_features(vg->vdev);
	virtio_cread_le(vg->vdev, struct omega_vgpu_config, num_capsets,
			&virgl->num_capsets);
	for (i = 0; i < min_t(u32, virgl->num_capsets, OMEGA_VGPU_MAX_CAPSETS);
	     i++) {
		struct omega_vgpu_capset *cs = &virgl->capsets[virgl->nr_capsets];

		ret = omega_vgpu_query_capset_info(vg, i, cs);
		if (ret) {
			drm_warn(&vg->drm, "virgl: capset %u unreadable: %d\n",
				 i, ret);
			continue;
		}
		virgl->nr_capsets++;
	}
	vg->virgl = virgl;
	drm_info(&vg->drm, "virgl: %u capset(s)\n", virgl->nr_capsets);
	return 0;
}

/* ---------------------------------------------------------------------
 * Ioctls
 */

static int omega_vgpu_getparam(struct omega_vgpu_device *vg, void *data,
			       struct drm_file *file)
{
	struct drm_omega_vgpu_getparam *args = data;
	struct omega_vgpu_virgl *virgl = vg->virgl;
	unsigned int i;
	int value;

	switch (args->param) {
	case OMEGA_VGPU_PARAM_3D_FEATURES:
		value = !!virgl;
		break;
	case OMEGA_VGPU_PARAM_CAPSET_QUERY_FIX:
		value = 1;
		break;
	case OMEGA_VGPU_PARAM_RESOURCE_BLOB:
	case OMEGA_VGPU_PARAM_HOST_VISIBLE:
	case OMEGA_VGPU_PARAM_CROSS_DEVICE:
	case OMEGA_VGPU_PARAM_CONTEXT_INIT:
		value = 0;
		break;
	case OMEGA_VGPU_PARAM_SUPPORTED_CAPSET_IDS:
		value = 0;
		for (i = 0; virgl && i < virgl->nr_capsets; i++)
			if (virgl->capsets[i].id < 32)
				value |= 1u << virgl->capsets[i].id;
		break;
	default:
		omega_vgpu_reject(vg, "virgl: unknown param %llu\n", args->param);
		return -EINVAL;
	}
	if (copy_to_user(u64_to_user_ptr(args->value), &value, sizeof(value)))
		return -EFAULT;
	return 0;
}

static int omega_vgpu_get_caps(struct omega_vgpu_device *vg, void *data,
			       struct drm_file *file)
{
	struct drm_omega_vgpu_get_caps *args = data;
	const struct omega_vgpu_capset *cs;

	if (!args->size || args->pad) {
		omega_vgpu_virgl_reject(vg, "get_caps size %u pad %u\n",
					args->size, args->pad);
		return -EINVAL;
	}
	cs = omega_vgpu_capset_find(vg->virgl, args->cap_set_id,
				    args->cap_set_ver);
	if (!cs)	/* Mesa falls back from capset 2 to 1 on -EINVAL. */
		return -EINVAL;
	return omega_vgpu_capset_copy(vg, cs, args->cap_set_ver,
				      u64_to_user_ptr(args->addr), args->size);
}

static int omega_vgpu_context_init(struct omega_vgpu_device *vg, void *data,
				   struct drm_file *file)
{
	struct drm_omega_vgpu_context_init *args = data;
	struct drm_omega_vgpu_context_set_param p[OMEGA_VGPU_CONTEXT_MAX_PARAMS];
	char name[OMEGA_VGPU_CTX_NAME_LEN] = "";
	struct omega_vgpu_vctx *v;
	unsigned long seen = 0;
	u32 capset = 0, i;
	int ret;

	if (args->pad || !args->num_params ||
	    args->num_params > OMEGA_VGPU_CONTEXT_MAX_PARAMS) {
		omega_vgpu_virgl_reject(vg, "context_init num_params %u pad %u\n",
					args->num_params, args->pad);
		return -EINVAL;
	}
	if (copy_from_user(p, u64_to_user_ptr(args->ctx_set_params),
			   sizeof(p[0]) * args->num_params))
		return -EFAULT;

	for (i = 0; i < args->num_params; i++) {
		u64 param = p[i].param, value = p[i].value;

		if (!param || param > OMEGA_VGPU_CONTEXT_PARAM_DEBUG_NAME ||
		    (seen & BIT(param)))
			goto bad;
		seen |= BIT(param);
		switch (param) {
		case OMEGA_VGPU_CONTEXT_PARAM_CAPSET_ID:
			/* Without F_CONTEXT_INIT every context is virgl. */
			if ((value != OMEGA_VGPU_CAPSET_VIRGL &&
			     value != OMEGA_VGPU_CAPSET_VIRGL2) ||
			    !omega_vgpu_capset_find(vg->virgl, value, 0))
				goto bad;
			capset = value;
			break;
		case OMEGA_VGPU_CONTEXT_PARAM_NUM_RINGS:
		case OMEGA_VGPU_CONTEXT_PARAM_POLL_RINGS_MASK:
			if (value)	/* no rings without F_CONTEXT_INIT */
				goto bad;
			break;
		case OMEGA_VGPU_CONTEXT_PARAM_DEBUG_NAME:
			ret = strncpy_from_user(name, u64_to_user_ptr(value),
						sizeof(name) - 1);
			if (ret < 0)
				return ret;
			break;
		}
	}
	if (!name[0]) {
		char comm[TASK_COMM_LEN];

		get_task_comm(comm, current);
		strscpy(name, comm, sizeof(name));
	}

	v = omega_vgpu_vctx_of(file->driver_priv);
	if (!v)
		return -ENOMEM;
	mutex_lock(&v->lock);
	if (v->ctx_id) {
		ret = -EEXIST;
	} else {
		v->capset_id = capset;
		ret = omega_vgpu_vctx_create_locked(vg, v, name);
	}
	mutex_unlock(&v->lock);
	return ret;

bad:
	omega_vgpu_virgl_reject(vg, "context_init param %llu value %llu\n",
				p[i].param, p[i].value);
	return -EINVAL;
}

static int omega_vgpu_resource_create_3d(struct omega_vgpu_device *vg,
					 u32 ctx_id, u32 id,
					 const struct drm_omega_vgpu_resource_create *rc)
{
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_resource_create_3d);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_create_3d(cmd->req, ctx_id, id, rc);
	return omega_vgpu_virgl_sync(vg, cmd);
}

/* Host resource + backing for a new bo; on error nothing is left on the host. */
static int omega_vgpu_bo_make_3d(struct omega_vgpu_device *vg,
				 struct omega_vgpu_bo *bo, u32 ctx_id,
				 const struct drm_omega_vgpu_resource_create *rc)
{
	struct sg_table *sgt;
	int id, ret;

	id = ida_alloc_min(&vg->resource_ida, 1, GFP_KERNEL);
	if (id < 0)
		return id;
	ret = omega_vgpu_resource_create_3d(vg, ctx_id, id, rc);
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
		goto err_unref;	/* the backing goes with the bo */
	bo->res_id = id;
	bo->res_format = rc->format;
	bo->res_width = rc->width;
	bo->res_height = rc->height;
	bo->host3d = true;
	return 0;

err_unref:
	omega_vgpu_resource_unref(vg, id);
err_id:
	ida_free(&vg->resource_ida, id);
	return ret;
}

static int omega_vgpu_resource_create(struct omega_vgpu_device *vg,
				      void *data, struct drm_file *file)
{
	struct drm_omega_vgpu_resource_create *rc = data;
	struct omega_vgpu_fpriv *fp = file->driver_priv;
	struct drm_gem_shmem_object *shmem;
	struct omega_vgpu_bo *bo;
	u32 ctx_id, handle;
	u64 size;
	int ret;

	ret = omega_vgpu_check_resource_create(rc, &size);
	if (ret) {
		omega_vgpu_virgl_reject(vg, "resource %u %ux%ux%u a%u l%u s%u f%#x size %u\n",
					rc->target, rc->width, rc->height,
					rc->depth, rc->array_size,
					rc->last_level, rc->nr_samples,
					rc->flags, rc->size);
		return ret;
	}
	ret = omega_vgpu_vctx_get(vg, file, &ctx_id);
	if (ret)
		return ret;
	ret = omega_vgpu_bo_charge(vg, fp, size);
	if (ret)
		return ret;
	shmem = drm_gem_shmem_create(&vg->drm, size);
	if (IS_ERR(shmem)) {
		atomic64_sub(size, &fp->bytes);
		return PTR_ERR(shmem);
	}
	bo = to_omega_bo(&shmem->base);
	kref_get(&fp->ref);
	bo->fpriv = fp;

	ret = omega_vgpu_bo_make_3d(vg, bo, ctx_id, rc);
	if (!ret)	/* attaches the resource to the context (bo_open) */
		ret = drm_gem_handle_create(file, &shmem->base, &handle);
	drm_gem_object_put(&shmem->base);
	if (ret)
		return ret;
	atomic64_inc(&vg->virgl->resources);
	rc->bo_handle = handle;
	rc->res_handle = bo->res_id;
	return 0;
}

static int omega_vgpu_resource_info(struct omega_vgpu_device *vg, void *data,
				    struct drm_file *file)
{
	struct drm_omega_vgpu_resource_info *ri = data;
	struct drm_gem_object *obj;

	obj = drm_gem_object_lookup(file, ri->bo_handle);
	if (!obj)
		return -ENOENT;
	ri->res_handle = to_omega_bo(obj)->res_id;
	ri->size = obj->size;
	ri->blob_mem = 0;
	drm_gem_object_put(obj);
	return 0;
}

static int omega_vgpu_map(struct omega_vgpu_device *vg, void *data,
			  struct drm_file *file)
{
	struct drm_omega_vgpu_map *args = data;

	return drm_gem_dumb_map_offset(file, &vg->drm, args->handle,
				       &args->offset);
}

static int omega_vgpu_wait(struct omega_vgpu_device *vg, void *data,
			   struct drm_file *file)
{
	struct drm_omega_vgpu_3d_wait *args = data;
	struct drm_gem_object *obj;
	long ret;

	if (args->flags & ~OMEGA_VGPU_WAIT_NOWAIT) {
		omega_vgpu_virgl_reject(vg, "wait flags %#x\n", args->flags);
		return -EINVAL;
	}
	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj)
		return -ENOENT;
	if (args->flags & OMEGA_VGPU_WAIT_NOWAIT)
		ret = dma_resv_test_signaled(obj->resv, DMA_RESV_USAGE_READ) ?
		      0 : -EBUSY;
	else
		ret = dma_resv_wait_timeout(obj->resv, DMA_RESV_USAGE_READ, true,
					    OMEGA_VGPU_WAIT_TIMEOUT);
	if (ret > 0)
		ret = 0;
	else if (ret == 0 && !(args->flags & OMEGA_VGPU_WAIT_NOWAIT))
		ret = -EBUSY;
	drm_gem_object_put(obj);
	return ret;
}

/*
 * Queue @cmd fenced and publish the fence in @obj's reservation object,
 * which is locked around the submission so WAIT cannot miss it.
 */
static int omega_vgpu_submit_fenced_one(struct omega_vgpu_device *vg,
					struct omega_vgpu_cmd *cmd,
					struct drm_gem_object *obj)
{
	struct dma_fence *fence = omega_vgpu_fence_alloc(vg);
	int ret;

	if (!fence) {
		omega_vgpu_cmd_free(cmd);
		return -ENOMEM;
	}
	cmd->fence = fence;
	ret = dma_resv_lock_interruptible(obj->resv, NULL);
	if (ret) {
		omega_vgpu_cmd_free(cmd);
		return ret;
	}
	ret = dma_resv_reserve_fences(obj->resv, 1);
	if (ret) {
		omega_vgpu_cmd_free(cmd);
		goto unlock;
	}
	dma_fence_get(fence);
	ret = omega_vgpu_virgl_async(vg, cmd);
	if (!ret)
		dma_resv_add_fence(obj->resv, fence, DMA_RESV_USAGE_WRITE);
	dma_fence_put(fence);
unlock:
	dma_resv_unlock(obj->resv);
	return ret;
}

static int omega_vgpu_transfer(struct omega_vgpu_device *vg, void *data,
			       struct drm_file *file, bool to_host)
{
	struct drm_omega_vgpu_3d_transfer *t = data;
	struct drm_gem_object *obj;
	struct omega_vgpu_cmd *cmd;
	struct omega_vgpu_bo *bo;
	u32 ctx_id;
	int ret;

	obj = drm_gem_object_lookup(file, t->bo_handle);
	if (!obj)
		return -ENOENT;
	bo = to_omega_bo(obj);
	ret = bo->host3d ? omega_vgpu_check_transfer(t, obj->size) : -EINVAL;
	if (ret) {
		omega_vgpu_virgl_reject(vg, "transfer %u level %u off %u box %u,%u,%u %ux%ux%u\n",
					t->bo_handle, t->level, t->offset,
					t->box.x, t->box.y, t->box.z,
					t->box.w, t->box.h, t->box.d);
		goto put;
	}
	ret = omega_vgpu_vctx_get(vg, file, &ctx_id);
	if (ret)
		goto put;
	cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_transfer_host_3d);
	if (!cmd) {
		ret = -ENOMEM;
		goto put;
	}
	omega_vgpu_encode_transfer_3d(cmd->req, to_host, ctx_id, bo->res_id, t);
	if (to_host)
		omega_vgpu_bo_sync_for_device(vg, bo);
	ret = omega_vgpu_submit_fenced_one(vg, cmd, obj);
	if (!ret)
		atomic64_inc(&vg->virgl->transfers);
put:
	drm_gem_object_put(obj);
	return ret;
}

static int omega_vgpu_transfer_from_host(struct omega_vgpu_device *vg,
					 void *data, struct drm_file *file)
{
	return omega_vgpu_transfer(vg, data, file, false);
}

static int omega_vgpu_transfer_to_host(struct omega_vgpu_device *vg,
				       void *data, struct drm_file *file)
{
	return omega_vgpu_transfer(vg, data, file, true);
}

/* Wait for a foreign in-fence; our own timeline is ordered by the queue. */
static int omega_vgpu_execbuf_in_fence(struct omega_vgpu_device *vg,
				       int fd)
{
	struct dma_fence *in = sync_file_get_fence(fd);
	int ret = 0;

	if (!in) {
		omega_vgpu_virgl_reject(vg, "execbuffer in-fence fd %d\n", fd);
		return -EINVAL;
	}
	if (in->context != vg->fence_context)
		ret = dma_fence_wait(in, true);
	dma_fence_put(in);
	return ret;
}

/**
 * struct omega_vgpu_execbuf - one EXECBUFFER being built
 * @objs: the bo list's objects (references)
 * @nobjs: entries of @objs
 * @ticket: reservation locking context
 * @cmd: the SUBMIT_3D command
 * @fence: its fence (a reference of our own)
 * @sync: the out-fence's sync_file, or NULL
 * @out_fd: fd reserved for @sync, or -1
 */
struct omega_vgpu_execbuf {
	struct drm_gem_object **objs;
	u32 nobjs;
	struct ww_acquire_ctx ticket;
	struct omega_vgpu_cmd *cmd;
	struct dma_fence *fence;
	struct sync_file *sync;
	int out_fd;
};

/* Copy the stream, build the command and the fences. */
static int omega_vgpu_execbuf_prepare(struct omega_vgpu_device *vg,
				      const struct drm_omega_vgpu_execbuffer *args,
				      u32 ctx_id, struct omega_vgpu_execbuf *e)
{
	void *stream;

	e->cmd = omega_vgpu_virgl_cmd(struct omega_vgpu_cmd_submit);
	if (!e->cmd)
		return -ENOMEM;
	stream = memdup_user(u64_to_user_ptr(args->command), args->size);
	if (IS_ERR(stream))
		return PTR_ERR(stream);
	e->cmd->data = stream;
	e->cmd->data_len = args->size;
	omega_vgpu_encode_submit_3d(e->cmd->req, ctx_id, args->size);

	e->fence = omega_vgpu_fence_alloc(vg);
	if (!e->fence)
		return -ENOMEM;
	e->cmd->fence = dma_fence_get(e->fence);
	if (args->flags & OMEGA_VGPU_EXECBUF_FENCE_FD_OUT) {
		e->out_fd = get_unused_fd_flags(O_CLOEXEC);
		if (e->out_fd < 0)
			return e->out_fd;
		e->sync = sync_file_create(e->fence);
		if (!e->sync)
			return -ENOMEM;
	}
	return 0;
}

/* Lock every bo's reservation object and make room for one fence. */
static int omega_vgpu_execbuf_lock(struct omega_vgpu_device *vg,
				   struct omega_vgpu_execbuf *e)
{
	u32 i;
	int ret;

	if (!e->nobjs)
		return 0;
	ret = drm_gem_lock_reservations(e->objs, e->nobjs, &e->ticket);
	if (ret) {
		/* The same object twice is the usual cause (-EALREADY). */
		if (ret == -EALREADY) {
			omega_vgpu_virgl_reject(vg, "execbuffer bo listed twice\n");
			ret = -EINVAL;
		}
		return ret;
	}
	for (i = 0; i < e->nobjs; i++) {
		ret = dma_resv_reserve_fences(e->objs[i]->resv, 1);
		if (ret) {
			drm_gem_unlock_reservations(e->objs, e->nobjs,
						    &e->ticket);
			return ret;
		}
	}
	return 0;
}

static void omega_vgpu_execbuf_cleanup(struct omega_vgpu_execbuf *e)
{
	u32 i;

	if (e->sync)
		fput(e->sync->file);
	if (e->out_fd >= 0)
		put_unused_fd(e->out_fd);
	/* Never queued: whoever holds the fence sees it fail. */
	if (e->cmd && e->fence) {
		dma_fence_set_error(e->fence, -ECANCELED);
		dma_fence_signal(e->fence);
	}
	omega_vgpu_cmd_free(e->cmd);
	if (e->fence)
		dma_fence_put(e->fence);
	for (i = 0; i < e->nobjs; i++)
		drm_gem_object_put(e->objs[i]);
	kvfree(e->objs);
}

/*
 * An ARL container (a process under a grant) needs the RENDER right, and each
 * submission holds one of the grant's in-flight slots until its fence.
 */
static int omega_vgpu_execbuffer(struct omega_vgpu_device *vg, void *data,
				 struct drm_file *file)
{
	struct drm_omega_vgpu_execbuffer *args = data;
	struct omega_vgpu_execbuf e = { .out_fd = -1 };
	struct omega_vgpu_arl_grant *grant;
	u32 ctx_id, i;
	int ret;

	ret = omega_vgpu_check_execbuffer(args);
	if (ret) {
		omega_vgpu_virgl_reject(vg, "execbuffer %#x size %u bos %u ring %u sync %u/%u\n",
					args->flags, args->size,
					args->num_bo_handles, args->ring_idx,
					args->num_in_syncobjs,
					args->num_out_syncobjs);
		return ret;
	}
	grant = omega_vgpu_arl_render_begin(vg);
	if (IS_ERR(grant))
		return PTR_ERR(grant);
	ret = omega_vgpu_vctx_get(vg, file, &ctx_id);
	if (ret)
		goto out;
	if (args->num_bo_handles) {
		ret = drm_gem_objects_lookup(file,
					     u64_to_user_ptr(args->bo_handles),
					     args->num_bo_handles, &e.objs);
		if (ret)
			goto out;
		e.nobjs = args->num_bo_handles;
	}
	if (args->flags & OMEGA_VGPU_EXECBUF_FENCE_FD_IN) {
		ret = omega_vgpu_execbuf_in_fence(vg, args->fence_fd);
		if (ret)
			goto out;
	}
	ret = omega_vgpu_execbuf_prepare(vg, args, ctx_id, &e);
	if (ret)
		goto out;
	ret = omega_vgpu_execbuf_lock(vg, &e);
	if (ret)
		goto out;

	ret = omega_vgpu_virgl_async(vg, e.cmd);
	e.cmd = NULL;	/* queued, or freed with its fence signalled */
	if (!ret)
		for (i = 0; i < e.nobjs; i++)
			dma_resv_add_fence(e.objs[i]->resv, e.fence,
					   DMA_RESV_USAGE_WRITE);
	if (e.nobjs)
		drm_gem_unlock_reservations(e.objs, e.nobjs, &e.ticket);
	if (ret)
		goto out;

	atomic64_inc(&vg->virgl->submits);
	atomic64_add(args->size, &vg->virgl->submit_bytes);
	omega_vgpu_arl_render_track(grant, e.fence);
	grant = NULL;
	if (e.sync) {
		fd_install(e.out_fd, e.sync->file);
		args->fence_fd = e.out_fd;
		e.sync = NULL;
		e.out_fd = -1;
	}
out:
	omega_vgpu_arl_render_end(grant);
	omega_vgpu_execbuf_cleanup(&e);
	return ret;
}

/*
 * Every ioctl but GETPARAM needs the host's 3D support, and all run inside
 * drm_dev_enter() so none reaches the queues after the device is gone.
 */
#define OMEGA_VGPU_VIRGL_IOCTL(name, need_3d)				\
int omega_vgpu_virgl_##name##_ioctl(struct drm_device *drm, void *data,	\
				    struct drm_file *file)		\
{									\
	struct omega_vgpu_device *vg = to_omega(drm);			\
	int ret, idx;							\
									\
	if ((need_3d) && !vg->virgl)					\
		return -ENODEV;						\
	if (!drm_dev_enter(drm, &idx))					\
		return -ENODEV;						\
	ret = omega_vgpu_##name(vg, data, file);			\
	drm_dev_exit(idx);						\
	return ret;							\
}

OMEGA_VGPU_VIRGL_IOCTL(getparam, false)
OMEGA_VGPU_VIRGL_IOCTL(get_caps, true)
OMEGA_VGPU_VIRGL_IOCTL(context_init, true)
OMEGA_VGPU_VIRGL_IOCTL(resource_create, true)
OMEGA_VGPU_VIRGL_IOCTL(resource_info, true)
OMEGA_VGPU_VIRGL_IOCTL(map, true)
OMEGA_VGPU_VIRGL_IOCTL(wait, true)
OMEGA_VGPU_VIRGL_IOCTL(transfer_from_host, true)
OMEGA_VGPU_VIRGL_IOCTL(transfer_to_host, true)
OMEGA_VGPU_VIRGL_IOCTL(execbuffer, true)

/* ---------------------------------------------------------------------
 * debugfs
 */

static const char *const omega_vgpu_feature_names[] = {
	[OMEGA_VGPU_F_VIRGL] = "virgl",
	[OMEGA_VGPU_F_EDID] = "edid",
	[OMEGA_VGPU_F_RESOURCE_UUID] = "resource_uuid",
	[OMEGA_VGPU_F_RESOURCE_BLOB] = "resource_blob",
	[OMEGA_VGPU_F_CONTEXT_INIT] = "context_init",
};

static int omega_vgpu_virgl_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = m->private;
	struct omega_vgpu_virgl *virgl = vg->virgl;
	u64 offered = vg->vdev->config->get_features(vg->vdev);
	unsigned int i;

	seq_puts(m, "feature offered negotiated\n");
	for (i = 0; i < ARRAY_SIZE(omega_vgpu_feature_names); i++)
		seq_printf(m, "%s %s %s\n", omega_vgpu_feature_names[i],
			   offered & BIT_ULL(i) ? "yes" : "no",
			   __virtio_test_bit(vg->vdev, i) ? "yes" : "no");
	if (!virgl) {
		seq_puts(m, "virgl off\n");
		return 0;
	}
	seq_printf(m, "capsets %u (read %u)\n", virgl->num_capsets,
		   virgl->nr_capsets);
	for (i = 0; i < virgl->nr_capsets; i++)
		seq_printf(m, "capset id %u max_version %u max_size %u\n",
			   virgl->capsets[i].id, virgl->capsets[i].max_version,
			   virgl->capsets[i].max_size);
	mutex_lock(&virgl->capset_lock);
	seq_printf(m, "capsets_cached %u\n", virgl->nr_cached);
	mutex_unlock(&virgl->capset_lock);
	seq_printf(m, "contexts %d\n", atomic_read(&virgl->contexts));
	seq_printf(m, "resources_created %lld\n",
		   atomic64_read(&virgl->resources));
	seq_printf(m, "submits %lld\n", atomic64_read(&virgl->submits));
	seq_printf(m, "submit_bytes %lld\n",
		   atomic64_read(&virgl->submit_bytes));
	seq_printf(m, "transfers %lld\n", atomic64_read(&virgl->transfers));
	seq_printf(m, "rejected %lld\n", atomic64_read(&virgl->rejected));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(omega_vgpu_virgl);

/**
 * omega_vgpu_virgl_debugfs_init - create debugfs/dri/N/omega_vgpu_virgl
 * @vg: device
 * @root: the DRM minor's debugfs directory
 *
 * The file says what the host offers (also when virgl is off), what was
 * negotiated, the capsets and the 3D counters.
 */
void omega_vgpu_virgl_debugfs_init(struct omega_vgpu_device *vg,
				   struct dentry *root)
{
	debugfs_create_file("omega_vgpu_virgl", 0444, root, vg,
			    &omega_vgpu_virgl_fops);
}
