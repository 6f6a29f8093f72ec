// SPDX-License-Identifier: GPL-2.0
/*
 * Encoders for the wire structs of omega_vgpu_proto.h.  They touch no device
 * state so KUnit can compare their output byte for byte with the spec.
 * Each starts from a zeroed struct: padding and reserved fields must reach
 * the host as zero, and no stale kernel memory may leak into a request.
 */
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "omega_vgpu_drv.h"

void omega_vgpu_encode_hdr(struct omega_vgpu_ctrl_hdr *hdr, u32 type)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->type = cpu_to_le32(type);
}

static void omega_vgpu_encode_rect(struct omega_vgpu_rect *r,
				   const struct omega_vgpu_xfer *x)
{
	r->x = cpu_to_le32(x->x);
	r->y = cpu_to_le32(x->y);
	r->width = cpu_to_le32(x->width);
	r->height = cpu_to_le32(x->height);
}

void omega_vgpu_encode_create_2d(struct omega_vgpu_resource_create_2d *c,
				 u32 id, u32 format, u32 width, u32 height)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_RESOURCE_CREATE_2D);
	c->resource_id = cpu_to_le32(id);
	c->format = cpu_to_le32(format);
	c->width = cpu_to_le32(width);
	c->height = cpu_to_le32(height);
}

/* A NULL @src disables the scanout: resource 0 with an empty rectangle. */
void omega_vgpu_encode_set_scanout(struct omega_vgpu_set_scanout *c,
				   u32 scanout, u32 id,
				   const struct omega_vgpu_xfer *src)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_SET_SCANOUT);
	c->scanout_id = cpu_to_le32(scanout);
	if (!src)
		return;
	omega_vgpu_encode_rect(&c->r, src);
	c->resource_id = cpu_to_le32(id);
}

void omega_vgpu_encode_transfer(struct omega_vgpu_transfer_to_host_2d *c,
				u32 id, const struct omega_vgpu_xfer *x)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D);
	omega_vgpu_encode_rect(&c->r, x);
	c->offset = cpu_to_le64(x->offset);
	c->resource_id = cpu_to_le32(id);
}

void omega_vgpu_encode_flush(struct omega_vgpu_resource_flush *c, u32 id,
			     const struct omega_vgpu_xfer *x)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_RESOURCE_FLUSH);
	omega_vgpu_encode_rect(&c->r, x);
	c->resource_id = cpu_to_le32(id);
}

void omega_vgpu_encode_cursor(struct omega_vgpu_update_cursor *c, u32 type,
			      u32 scanout, u32 id, s32 x, s32 y, u32 hot_x,
			      u32 hot_y)
{
	memset(c, 0, sizeof(*c));
	omega_vgpu_encode_hdr(&c->hdr, type);
	c->pos.scanout_id = cpu_to_le32(scanout);
	c->pos.x = cpu_to_le32((u32)x);
	c->pos.y = cpu_to_le32((u32)y);
	c->resource_id = cpu_to_le32(id);
	c->hot_x = cpu_to_le32(hot_x);
	c->hot_y = cpu_to_le32(hot_y);
}

/**
 * omega_vgpu_encode_mem_entries - describe backing pages to the device
 * @ents: output array
 * @max: capacity of @ents
 * @sgl: scatterlist of the backing
 * @nents: entries of @sgl to walk (mapped count when @dma)
 * @dma: use the DMA addresses (device behind an IOMMU or bounce buffers)
 *
 * Physically adjacent segments are merged so the host walks fewer entries.
 *
 * Return: number of entries written, or -E2BIG if @max is too small.
 */
int omega_vgpu_encode_mem_entries(struct omega_vgpu_mem_entry *ents,
				  unsigned int max, struct scatterlist *sgl,
				  unsigned int nents, bool dma)
{
	struct scatterlist *sg;
	bool open = false;	/* the last entry may be extended */
	unsigned int i;
	int n = 0;
	u64 end = 0;

	for_each_sg(sgl, sg, nents, i) {
		u64 addr = dma ? sg_dma_address(sg) : sg_phys(sg);
		u32 len = dma ? sg_dma_len(sg) : sg->length;

		if (open && addr == end &&
		    (u64)le32_to_cpu(ents[n - 1].length) + len <= U32_MAX) {
			le32_add_cpu(&ents[n - 1].length, len);
			open = !check_add_overflow(end, (u64)len, &end);
			continue;
		}
		if (n == max)
			return -E2BIG;
		ents[n].addr = cpu_to_le64(addr);
		ents[n].length = cpu_to_le32(len);
		ents[n].padding = 0;
		/* A run that reaches the top of the address space ends there. */
		open = !check_add_overflow(addr, (u64)len, &end);
		n++;
	}
	return n;
}

static void omega_vgpu_decode_rect(struct omega_vgpu_req_info *info,
				   const struct omega_vgpu_rect *r)
{
	info->rect[0] = le32_to_cpu(r->x);
	info->rect[1] = le32_to_cpu(r->y);
	info->rect[2] = le32_to_cpu(r->width);
	info->rect[3] = le32_to_cpu(r->height);
}

/**
 * omega_vgpu_decode_req - pick out what a request names, for tracing
 * @req: request bytes, starting with a ctrl_hdr
 * @len: their length
 * @info: filled in; fields a type does not carry stay 0 (scanout U32_MAX)
 *
 * Return: 0, or -EPROTO when @len is too short for the request's type.
 */
int omega_vgpu_decode_req(const void *req, size_t len,
			  struct omega_vgpu_req_info *info)
{
	const struct omega_vgpu_ctrl_hdr *hdr = req;

	memset(info, 0, sizeof(*info));
	info->scanout = U32_MAX;
	if (len < sizeof(*hdr))
		return -EPROTO;
	info->type = le32_to_cpu(hdr->type);
	if (le32_to_cpu(hdr->flags) & OMEGA_VGPU_FLAG_FENCE)
		info->fence = le64_to_cpu(hdr->fence_id);

	switch (info->type) {
	case OMEGA_VGPU_CMD_RESOURCE_CREATE_2D: {
		const struct omega_vgpu_resource_create_2d *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		info->res_id = le32_to_cpu(c->resource_id);
		info->rect[2] = le32_to_cpu(c->width);
		info->rect[3] = le32_to_cpu(c->height);
		break;
	}
	case OMEGA_VGPU_CMD_RESOURCE_UNREF:
	case OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING:
	case OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING: {
		/* All three carry the resource id right after the header. */
		const struct omega_vgpu_resource_unref *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		info->res_id = le32_to_cpu(c->resource_id);
		break;
	}
	case OMEGA_VGPU_CMD_SET_SCANOUT: {
		const struct omega_vgpu_set_scanout *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		omega_vgpu_decode_rect(info, &c->r);
		info->scanout = le32_to_cpu(c->scanout_id);
		info->res_id = le32_to_cpu(c->resource_id);
		break;
	}
	case OMEGA_VGPU_CMD_RESOURCE_FLUSH: {
		const struct omega_vgpu_resource_flush *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		omega_vgpu_decode_rect(info, &c->r);
		info->res_id = le32_to_cpu(c->resource_id);
		break;
	}
	case OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D: {
		const struct omega_vgpu_transfer_to_host_2d *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		omega_vgpu_decode_rect(info, &c->r);
		info->res_id = le32_to_cpu(c->resource_id);
		break;
	}
	case OMEGA_VGPU_CMD_GET_EDID: {
		const struct omega_vgpu_get_edid *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		info->scanout = le32_to_cpu(c->scanout);
		break;
	}
	case OMEGA_VGPU_CMD_UPDATE_CURSOR:
	case OMEGA_VGPU_CMD_MOVE_CURSOR: {
		const struct omega_vgpu_update_cursor *c = req;

		if (len < sizeof(*c))
			return -EPROTO;
		info->scanout = le32_to_cpu(c->pos.scanout_id);
		info->rect[0] = le32_to_cpu(c->pos.x);
		info->rect[1] = le32_to_cpu(c->pos.y);
		info->res_id = le32_to_cpu(c->resource_id);
		break;
	}
	default:
		break;
	}
	return 0;
}

/**
 * omega_vgpu_cmd_slot - index of a command type in per-command tables
 * @type: command type
 *
 * 2D commands take slots 0-15, 3D commands 16-27, cursor commands 28-31.
 *
 * Return: the slot, or -1 for a type that is not a command.
 */
int omega_vgpu_cmd_slot(u32 type)
{
	if (type >= OMEGA_VGPU_CMD_GET_DISPLAY_INFO &&
	    type <= OMEGA_VGPU_CMD_SET_SCANOUT_BLOB)
		return type - OMEGA_VGPU_CMD_GET_DISPLAY_INFO;
	if (type >= OMEGA_VGPU_CMD_CTX_CREATE &&
	    type <= OMEGA_VGPU_CMD_RESOURCE_UNMAP_BLOB)
		return 16 + type - OMEGA_VGPU_CMD_CTX_CREATE;
	if (type >= OMEGA_VGPU_CMD_UPDATE_CURSOR &&
	    type <= OMEGA_VGPU_CMD_MOVE_CURSOR)
		return 28 + type - OMEGA_VGPU_CMD_UPDATE_CURSOR;
	return -1;
}
