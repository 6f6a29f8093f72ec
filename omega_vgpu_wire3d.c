// SPDX-License-Identifier: GPL-2.0
/*
 * 3D (virgl) wire encoders and the pure checks of user requests.
 *
 * Like omega_vgpu_wire.c, nothing here touches the device: each encoder
 * zeroes its whole struct and writes every field little-endian, and each
 * check decides from its arguments alone, so KUnit can cover both.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "omega_vgpu_drv.h"
#include "omega_vgpu_wire3d.h"

static void omega_vgpu_encode_ctx_hdr(struct omega_vgpu_ctrl_hdr *hdr,
				      u32 type, u32 ctx_id)
{
	omega_vgpu_encode_hdr(hdr, type);
	hdr->ctx_id = cpu_to_le32(ctx_id);
}

void omega_vgpu_encode_ctx_create(struct omega_vgpu_ctx_create *c, u32 ctx_id,
				  u32 context_init, const char *name)
{
	size_t n = strnlen(name, OMEGA_VGPU_CTX_NAME_LEN);

	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, OMEGA_VGPU_CMD_CTX_CREATE, ctx_id);
	c->nlen = cpu_to_le32(n);
	c->context_init = cpu_to_le32(context_init);
	memcpy(c->debug_name, name, n);
}

void omega_vgpu_encode_ctx_destroy(struct omega_vgpu_ctx_destroy *c,
				   u32 ctx_id)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, OMEGA_VGPU_CMD_CTX_DESTROY, ctx_id);
}

void omega_vgpu_encode_ctx_resource(struct omega_vgpu_ctx_resource *c,
				    bool attach, u32 ctx_id, u32 res_id)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, attach ?
				  OMEGA_VGPU_CMD_CTX_ATTACH_RESOURCE :
				  OMEGA_VGPU_CMD_CTX_DETACH_RESOURCE, ctx_id);
	c->resource_id = cpu_to_le32(res_id);
}

void omega_vgpu_encode_create_3d(struct omega_vgpu_resource_create_3d *c,
				 u32 ctx_id, u32 res_id,
				 const struct drm_omega_vgpu_resource_create *rc)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, OMEGA_VGPU_CMD_RESOURCE_CREATE_3D,
				  ctx_id);
	c->resource_id = cpu_to_le32(res_id);
	c->target = cpu_to_le32(rc->target);
	c->format = cpu_to_le32(rc->format);
	c->bind = cpu_to_le32(rc->bind);
	c->width = cpu_to_le32(rc->width);
	c->height = cpu_to_le32(rc->height);
	c->depth = cpu_to_le32(rc->depth);
	c->array_size = cpu_to_le32(rc->array_size);
	c->last_level = cpu_to_le32(rc->last_level);
	c->nr_samples = cpu_to_le32(rc->nr_samples);
	c->flags = cpu_to_le32(rc->flags);
}

void omega_vgpu_encode_transfer_3d(struct omega_vgpu_transfer_host_3d *c,
				   bool to_host, u32 ctx_id, u32 res_id,
				   const struct drm_omega_vgpu_3d_transfer *t)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, to_host ?
				  OMEGA_VGPU_CMD_TRANSFER_TO_HOST_3D :
				  OMEGA_VGPU_CMD_TRANSFER_FROM_HOST_3D, ctx_id);
	c->box.x = cpu_to_le32(t->box.x);
	c->box.y = cpu_to_le32(t->box.y);
	c->box.z = cpu_to_le32(t->box.z);
	c->box.w = cpu_to_le32(t->box.w);
	c->box.h = cpu_to_le32(t->box.h);
	c->box.d = cpu_to_le32(t->box.d);
	c->offset = cpu_to_le64(t->offset);
	c->resource_id = cpu_to_le32(res_id);
	c->level = cpu_to_le32(t->level);
	c->stride = cpu_to_le32(t->stride);
	c->layer_stride = cpu_to_le32(t->layer_stride);
}

void omega_vgpu_encode_submit_3d(struct omega_vgpu_cmd_submit *c, u32 ctx_id,
				 u32 size)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_ctx_hdr(&c->hdr, OMEGA_VGPU_CMD_SUBMIT_3D, ctx_id);
	c->size = cpu_to_le32(size);
}

void omega_vgpu_encode_get_capset_info(struct omega_vgpu_get_capset_info *c,
				       u32 index)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_GET_CAPSET_INFO);
	c->capset_index = cpu_to_le32(index);
}

void omega_vgpu_encode_get_capset(struct omega_vgpu_get_capset *c, u32 id,
				  u32 version)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_GET_CAPSET);
	c->capset_id = cpu_to_le32(id);
	c->capset_version = cpu_to_le32(version);
}

/**
 * omega_vgpu_parse_capset_info - read one GET_CAPSET_INFO answer
 * @resp: response that passed omega_vgpu_resp_check()
 * @len: bytes the device wrote
 * @out: filled on success
 *
 * The host's capset size becomes a buffer size in the guest, so it is
 * bounded here.
 *
 * Return: 0, -EPROTO for a short answer, -E2BIG for an empty or oversized
 * capset.
 */
int omega_vgpu_parse_capset_info(const struct omega_vgpu_resp_capset_info *resp,
				 size_t len, struct omega_vgpu_capset *out)
{
	u32 size;

	if (len < sizeof(*resp))
		return -EPROTO;
	size = le32_to_cpu(resp->capset_max_size);
	if (!size || size > OMEGA_VGPU_CAPSET_MAX_SIZE)
		return -E2BIG;
	out->id = le32_to_cpu(resp->capset_id);
	out->max_version = le32_to_cpu(resp->capset_max_version);
	out->max_size = size;
	return 0;
}

/**
 * omega_vgpu_check_resource_create - validate RESOURCE_CREATE's arguments
 * @rc: the request as userspace passed it
 * @bo_size: set to the guest backing's size in bytes (page aligned)
 *
 * Return: 0 or -EINVAL for a value outside the documented ranges.
 */
int omega_vgpu_check_resource_create(const struct drm_omega_vgpu_resource_create *rc,
				     u64 *bo_size)
{
	bool buffer = rc->target == OMEGA_VGPU_TARGET_BUFFER;
	u32 max_w = buffer ? OMEGA_VGPU_MAX_BUFFER : OMEGA_VGPU_MAX_TEX_DIM;

	if (rc->target > OMEGA_VGPU_TARGET_MAX)
		return -EINVAL;
	if (!rc->width || rc->width > max_w ||
	    !rc->height || rc->height > OMEGA_VGPU_MAX_TEX_DIM ||
	    !rc->depth || rc->depth > OMEGA_VGPU_MAX_LAYERS ||
	    !rc->array_size || rc->array_size > OMEGA_VGPU_MAX_LAYERS)
		return -EINVAL;
	if (buffer && (rc->height != 1 || rc->depth != 1 ||
		       rc->array_size != 1))
		return -EINVAL;
	if (rc->last_level > OMEGA_VGPU_MAX_LEVEL ||
	    rc->nr_samples > OMEGA_VGPU_MAX_SAMPLES)
		return -EINVAL;
	if (rc->flags & ~OMEGA_VGPU_RESOURCE_FLAGS)
		return -EINVAL;
	if (rc->size > OMEGA_VGPU_MAX_BUFFER)
		return -EINVAL;
	*bo_size = PAGE_ALIGN((u64)max_t(u32, rc->size, 1));
	return 0;
}

/**
 * omega_vgpu_check_transfer - validate a TRANSFER_TO/FROM_HOST request
 * @t: the request
 * @bo_size: size of the buffer it names
 *
 * The host bounds the copy by the backing it was given; the guest only
 * refuses what can never be right.
 *
 * Return: 0 or -EINVAL.
 */
int omega_vgpu_check_transfer(const struct drm_omega_vgpu_3d_transfer *t,
			      u64 bo_size)
{
	if (t->level > OMEGA_VGPU_MAX_LEVEL || t->offset >= bo_size)
		return -EINVAL;
	if ((u64)t->box.x + t->box.w > OMEGA_VGPU_MAX_BUFFER ||
	    (u64)t->box.y + t->box.h > OMEGA_VGPU_MAX_TEX_DIM ||
	    (u64)t->box.z + t->box.d > OMEGA_VGPU_MAX_LAYERS)
		return -EINVAL;
	return 0;
}

/**
 * omega_vgpu_check_execbuffer - validate EXECBUFFER's fixed fields
 * @eb: the request
 *
 * Return: 0 or -EINVAL.
 */
int omega_vgpu_check_execbuffer(const struct drm_omega_vgpu_execbuffer *eb)
{
	if (eb->flags & ~OMEGA_VGPU_EXECBUF_FLAGS)
		return -EINVAL;
	if (!eb->size || eb->size > OMEGA_VGPU_EXECBUF_MAX_SIZE)
		return -EINVAL;
	if (eb->num_bo_handles > OMEGA_VGPU_EXECBUF_MAX_BOS)
		return -EINVAL;
	if (eb->ring_idx || eb->syncobj_stride || eb->num_in_syncobjs ||
	    eb->num_out_syncobjs || eb->in_syncobjs || eb->out_syncobjs)
		return -EINVAL;
	return 0;
}
