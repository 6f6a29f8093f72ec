// SPDX-License-Identifier: GPL-2.0
/*
 * Encoders for the wire structs of omega_vgpu_proto.h.  They touch no device
 * state so KUnit can compare their output byte for byte with the spec.
 * Each starts from a zeroed struct: padding and reserved fields must reach
 * the host as zero, and no stale kernel memory may leak into a request.
 */
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
	unsigned int i;
	int n = 0;
	u64 end = 0;

	for_each_sg(sgl, sg, nents, i) {
		u64 addr = dma ? sg_dma_address(sg) : sg_phys(sg);
		u32 len = dma ? sg_dma_len(sg) : sg->length;

		if (n && addr == end &&
		    (u64)le32_to_cpu(ents[n - 1].length) + len <= U32_MAX) {
			le32_add_cpu(&ents[n - 1].length, len);
			end += len;
			continue;
		}
		if (n == max)
			return -E2BIG;
		ents[n].addr = cpu_to_le64(addr);
		ents[n].length = cpu_to_le32(len);
		ents[n].padding = 0;
		end = addr + len;
		n++;
	}
	return n;
}
