// SPDX-License-Identifier: GPL-2.0
/*
 * Command builders: one function per virtio-gpu command.  Each encodes the
 * request (omega_vgpu_wire.c), queues it (omega_vgpu_vq.c) and turns the
 * response into an errno.  Anything that must not wait (the display update
 * path) is queued without waiting and, where completion matters, fenced.
 */
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/virtio_config.h>

#include "omega_vgpu_drv.h"
#include "omega_vgpu_trace.h"

#define omega_vgpu_new_cmd(type, expect) \
	omega_vgpu_cmd_alloc(sizeof(type), sizeof(struct omega_vgpu_ctrl_hdr), \
			     expect)

/* Queue @cmd on the control queue, wait, free; returns the errno. */
static int omega_vgpu_ctrl_sync(struct omega_vgpu_device *vg,
				struct omega_vgpu_cmd *cmd)
{
	int ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);

	omega_vgpu_cmd_release(cmd, ret);
	return ret;
}

static int omega_vgpu_ctrl_async(struct omega_vgpu_device *vg,
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

int omega_vgpu_get_display_info(struct omega_vgpu_device *vg,
				struct omega_vgpu_pmode *pmodes)
{
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_cmd_alloc(sizeof(struct omega_vgpu_ctrl_hdr),
				   sizeof(struct omega_vgpu_resp_display_info),
				   OMEGA_VGPU_RESP_OK_DISPLAY_INFO);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_hdr(cmd->req, OMEGA_VGPU_CMD_GET_DISPLAY_INFO);

	ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);
	if (!ret)
		ret = omega_vgpu_parse_display_info(cmd->resp, vg->num_scanouts,
						    pmodes);
	omega_vgpu_cmd_release(cmd, ret);
	return ret;
}

/**
 * omega_vgpu_get_edid - read one scanout's EDID
 * @vg: device
 * @scanout: scanout id
 * @buf: OMEGA_VGPU_EDID_BLOB_SIZE bytes
 * @len: set to the EDID length
 *
 * Return: 0, -ENODATA when the host has none, or another errno.
 */
int omega_vgpu_get_edid(struct omega_vgpu_device *vg, u32 scanout,
			u8 *buf, u32 *len)
{
	struct omega_vgpu_get_edid *req;
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_cmd_alloc(sizeof(*req),
				   sizeof(struct omega_vgpu_resp_edid),
				   OMEGA_VGPU_RESP_OK_EDID);
	if (!cmd)
		return -ENOMEM;
	req = cmd->req;
	omega_vgpu_encode_hdr(&req->hdr, OMEGA_VGPU_CMD_GET_EDID);
	req->scanout = cpu_to_le32(scanout);

	ret = omega_vgpu_submit_wait(vg, &vg->ctrlq, cmd);
	if (!ret)
		ret = omega_vgpu_parse_edid(cmd->resp, cmd->resp_len, len);
	if (!ret)
		memcpy(buf, ((struct omega_vgpu_resp_edid *)cmd->resp)->edid,
		       *len);
	omega_vgpu_cmd_release(cmd, ret);
	return ret;
}

int omega_vgpu_resource_create_2d(struct omega_vgpu_device *vg, u32 id,
				  u32 format, u32 width, u32 height)
{
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_new_cmd(struct omega_vgpu_resource_create_2d,
				 OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_create_2d(cmd->req, id, format, width, height);
	return omega_vgpu_ctrl_sync(vg, cmd);
}

int omega_vgpu_resource_unref(struct omega_vgpu_device *vg, u32 id)
{
	struct omega_vgpu_resource_unref *req;
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_new_cmd(*req, OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	req = cmd->req;
	omega_vgpu_encode_hdr(&req->hdr, OMEGA_VGPU_CMD_RESOURCE_UNREF);
	req->resource_id = cpu_to_le32(id);
	return omega_vgpu_ctrl_sync(vg, cmd);
}

/*
 * Without VIRTIO_F_ACCESS_PLATFORM the device reads guest-physical
 * addresses; with it, every address must come from the DMA API.
 */
static bool omega_vgpu_use_dma_api(struct omega_vgpu_device *vg)
{
	return !virtio_has_dma_quirk(vg->vdev);
}

/*
 * An imported table was mapped for our device by its exporter, and its page
 * links are the exporter's business (CONFIG_DMABUF_DEBUG scrambles them to
 * catch importers using them): only its DMA addresses are ours to read.
 * Without VIRTIO_F_ACCESS_PLATFORM those are guest-physical addresses.
 */
int omega_vgpu_attach_backing(struct omega_vgpu_device *vg, u32 id,
			      struct sg_table *sgt, bool imported)
{
	struct omega_vgpu_resource_attach_backing *req;
	bool dma = imported || omega_vgpu_use_dma_api(vg);
	unsigned int nents = dma ? sgt->nents : sgt->orig_nents;
	struct omega_vgpu_cmd *cmd;
	int n;

	cmd = omega_vgpu_new_cmd(*req, OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	cmd->data = kmalloc_array(nents, sizeof(struct omega_vgpu_mem_entry),
				  GFP_KERNEL | __GFP_NOWARN);
	if (!cmd->data) {
		omega_vgpu_cmd_free(cmd);
		return -ENOMEM;
	}
	n = omega_vgpu_encode_mem_entries(cmd->data, nents, sgt->sgl, nents,
					  dma);
	if (n <= 0) {
		omega_vgpu_cmd_free(cmd);
		return n ? n : -EINVAL;
	}
	cmd->data_len = n * sizeof(struct omega_vgpu_mem_entry);

	req = cmd->req;
	omega_vgpu_encode_hdr(&req->hdr, OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING);
	req->resource_id = cpu_to_le32(id);
	req->nr_entries = cpu_to_le32(n);
	return omega_vgpu_ctrl_sync(vg, cmd);
}

int omega_vgpu_detach_backing(struct omega_vgpu_device *vg, u32 id)
{
	struct omega_vgpu_resource_detach_backing *req;
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_new_cmd(*req, OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	req = cmd->req;
	omega_vgpu_encode_hdr(&req->hdr, OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING);
	req->resource_id = cpu_to_le32(id);
	return omega_vgpu_ctrl_sync(vg, cmd);
}

/* Queued without waiting: called from atomic commits. */
int omega_vgpu_set_scanout(struct omega_vgpu_device *vg, u32 scanout, u32 id,
			   const struct omega_vgpu_xfer *src)
{
	struct omega_vgpu_cmd *cmd;

	cmd = omega_vgpu_new_cmd(struct omega_vgpu_set_scanout,
				 OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_set_scanout(cmd->req, scanout, id, src);
	return omega_vgpu_ctrl_async(vg, cmd);
}

int omega_vgpu_transfer_to_host_2d(struct omega_vgpu_device *vg, u32 id,
				   const struct omega_vgpu_xfer *x)
{
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_new_cmd(struct omega_vgpu_transfer_to_host_2d,
				 OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_transfer(cmd->req, id, x);
	/* Always followed by a flush, which notifies the device. */
	cmd->defer_kick = true;
	ret = omega_vgpu_ctrl_async(vg, cmd);
	if (!ret) {
		atomic64_inc(&vg->stats.transfers);
		atomic64_add((u64)x->width * x->height * 4,
			     &vg->stats.bytes_transferred);
	}
	return ret;
}

/**
 * omega_vgpu_resource_flush - show a rectangle of a resource on its scanouts
 * @vg: device
 * @id: resource
 * @x: rectangle (offset unused)
 * @fence: signalled when the host has processed the flush, or NULL; a
 *         reference is taken
 *
 * Return: 0 once queued.  On error @fence is signalled with the error.
 * Either way the device is notified of everything queued before it.
 */
int omega_vgpu_resource_flush(struct omega_vgpu_device *vg, u32 id,
			      const struct omega_vgpu_xfer *x,
			      struct dma_fence *fence)
{
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_new_cmd(struct omega_vgpu_resource_flush,
				 OMEGA_VGPU_RESP_OK_NODATA);
	if (!cmd) {
		if (fence) {
			dma_fence_set_error(fence, -ENOMEM);
			dma_fence_signal(fence);
		}
		/* The transfers before it must still reach the device. */
		omega_vgpu_queue_kick(&vg->ctrlq);
		return -ENOMEM;
	}
	omega_vgpu_encode_flush(cmd->req, id, x);
	if (fence)
		cmd->fence = dma_fence_get(fence);
	ret = omega_vgpu_ctrl_async(vg, cmd);
	if (!ret)
		atomic64_inc(&vg->stats.flushes);
	return ret;
}

/*
 * Cursor commands are fire and forget on their own queue: the device returns
 * the buffer without writing a response, so none is attached.
 */
int omega_vgpu_cursor_cmd(struct omega_vgpu_device *vg, u32 type, u32 scanout,
			  u32 id, s32 x, s32 y, u32 hot_x, u32 hot_y)
{
	struct omega_vgpu_cmd *cmd;
	int ret;

	cmd = omega_vgpu_cmd_alloc(sizeof(struct omega_vgpu_update_cursor), 0, 0);
	if (!cmd)
		return -ENOMEM;
	omega_vgpu_encode_cursor(cmd->req, type, scanout, id, x, y, hot_x,
				 hot_y);
	trace_omega_vgpu_cursor(scanout, type, x, y, hot_x, hot_y, id);
	ret = omega_vgpu_submit_nowait(vg, &vg->cursorq, cmd);
	if (ret)
		omega_vgpu_cmd_free(cmd);
	return ret;
}
