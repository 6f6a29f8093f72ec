// SPDX-License-Identifier: GPL-2.0
/*
 * Response decoding.  The device is not trusted: every length, type, count
 * and size it returns is checked here before the rest of the driver sees it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "omega_vgpu_drv.h"

struct omega_vgpu_name_range {
	u32 base;
	const char * const *names;
	unsigned int count;
};

static const char * const omega_vgpu_2d_names[] = {
	"GET_DISPLAY_INFO", "RESOURCE_CREATE_2D", "RESOURCE_UNREF",
	"SET_SCANOUT", "RESOURCE_FLUSH", "TRANSFER_TO_HOST_2D",
	"RESOURCE_ATTACH_BACKING", "RESOURCE_DETACH_BACKING",
	"GET_CAPSET_INFO", "GET_CAPSET", "GET_EDID", "RESOURCE_ASSIGN_UUID",
	"RESOURCE_CREATE_BLOB", "SET_SCANOUT_BLOB",
};

static const char * const omega_vgpu_3d_names[] = {
	"CTX_CREATE", "CTX_DESTROY", "CTX_ATTACH_RESOURCE",
	"CTX_DETACH_RESOURCE", "RESOURCE_CREATE_3D", "TRANSFER_TO_HOST_3D",
	"TRANSFER_FROM_HOST_3D", "SUBMIT_3D", "RESOURCE_MAP_BLOB",
	"RESOURCE_UNMAP_BLOB",
};

static const char * const omega_vgpu_cursor_names[] = {
	"UPDATE_CURSOR", "MOVE_CURSOR",
};

static const char * const omega_vgpu_ok_names[] = {
	"OK_NODATA", "OK_DISPLAY_INFO", "OK_CAPSET_INFO", "OK_CAPSET",
	"OK_EDID", "OK_RESOURCE_UUID", "OK_MAP_INFO",
};

static const char * const omega_vgpu_err_names[] = {
	"ERR_UNSPEC", "ERR_OUT_OF_MEMORY", "ERR_INVALID_SCANOUT_ID",
	"ERR_INVALID_RESOURCE_ID", "ERR_INVALID_CONTEXT_ID",
	"ERR_INVALID_PARAMETER",
};

static const struct omega_vgpu_name_range omega_vgpu_names[] = {
	{ OMEGA_VGPU_CMD_GET_DISPLAY_INFO, omega_vgpu_2d_names,
	  ARRAY_SIZE(omega_vgpu_2d_names) },
	{ OMEGA_VGPU_CMD_CTX_CREATE, omega_vgpu_3d_names,
	  ARRAY_SIZE(omega_vgpu_3d_names) },
	{ OMEGA_VGPU_CMD_UPDATE_CURSOR, omega_vgpu_cursor_names,
	  ARRAY_SIZE(omega_vgpu_cursor_names) },
	{ OMEGA_VGPU_RESP_OK_NODATA, omega_vgpu_ok_names,
	  ARRAY_SIZE(omega_vgpu_ok_names) },
	{ OMEGA_VGPU_RESP_ERR_UNSPEC, omega_vgpu_err_names,
	  ARRAY_SIZE(omega_vgpu_err_names) },
};

/**
 * omega_vgpu_cmd_name - name of a command or response type, for logs
 * @type: wire type
 *
 * Return: a static string, "UNKNOWN" for a type the protocol does not define.
 */
const char *omega_vgpu_cmd_name(u32 type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(omega_vgpu_names); i++) {
		const struct omega_vgpu_name_range *r = &omega_vgpu_names[i];

		if (type >= r->base && type - r->base < r->count)
			return r->names[type - r->base];
	}
	return "UNKNOWN";
}

static bool omega_vgpu_resp_is_ok(u32 type)
{
	return type >= OMEGA_VGPU_RESP_OK_NODATA &&
	       type <= OMEGA_VGPU_RESP_OK_MAP_INFO;
}

/**
 * omega_vgpu_resp_errno - errno for a response type
 * @type: wire response type
 *
 * Each device error gets its own errno so a caller can tell them apart.
 *
 * Return: 0 for a success response, a negative errno otherwise.
 */
int omega_vgpu_resp_errno(u32 type)
{
	if (omega_vgpu_resp_is_ok(type))
		return 0;

	switch (type) {
	case OMEGA_VGPU_RESP_ERR_UNSPEC:
		return -EIO;
	case OMEGA_VGPU_RESP_ERR_OUT_OF_MEMORY:
		return -ENOMEM;
	case OMEGA_VGPU_RESP_ERR_INVALID_SCANOUT_ID:
		return -ENODEV;
	case OMEGA_VGPU_RESP_ERR_INVALID_RESOURCE_ID:
		return -ENOENT;
	case OMEGA_VGPU_RESP_ERR_INVALID_CONTEXT_ID:
		return -ESRCH;
	case OMEGA_VGPU_RESP_ERR_INVALID_PARAMETER:
		return -EINVAL;
	default:
		return -EPROTO;
	}
}

static size_t omega_vgpu_resp_min_len(u32 type)
{
	switch (type) {
	case OMEGA_VGPU_RESP_OK_DISPLAY_INFO:
		return sizeof(struct omega_vgpu_resp_display_info);
	case OMEGA_VGPU_RESP_OK_EDID:
		return offsetof(struct omega_vgpu_resp_edid, edid);
	default:
		return sizeof(struct omega_vgpu_ctrl_hdr);
	}
}

/**
 * omega_vgpu_resp_check - validate a response before it is used
 * @resp: response buffer, starting with a ctrl_hdr
 * @len: bytes the device reported writing
 * @expected: the success type the request calls for
 *
 * Return: 0 when @resp is a complete response of type @expected, the
 * device's error as an errno, or -EPROTO for a short or mistyped response.
 */
int omega_vgpu_resp_check(const void *resp, size_t len, u32 expected)
{
	const struct omega_vgpu_ctrl_hdr *hdr = resp;
	u32 type;
	int err;

	if (len < sizeof(*hdr))
		return -EPROTO;

	type = le32_to_cpu(hdr->type);
	err = omega_vgpu_resp_errno(type);
	if (err)
		return err;
	if (type != expected)
		return -EPROTO;
	if (len < omega_vgpu_resp_min_len(type))
		return -EPROTO;
	return 0;
}

/**
 * omega_vgpu_parse_display_info - extract the scanouts the host reports
 * @resp: a response that passed omega_vgpu_resp_check()
 * @num_scanouts: scanouts the device announced in its config space
 * @out: @num_scanouts entries to fill
 *
 * A size the driver cannot use (zero, or past what it will allocate) is
 * reported as 0x0 so the caller falls back to its defaults.
 *
 * Return: 0, or -EINVAL if @num_scanouts is out of range.
 */
int omega_vgpu_parse_display_info(const struct omega_vgpu_resp_display_info *resp,
				  u32 num_scanouts, struct omega_vgpu_pmode *out)
{
	u32 i;

	if (num_scanouts == 0 || num_scanouts > OMEGA_VGPU_MAX_SCANOUTS)
		return -EINVAL;

	for (i = 0; i < num_scanouts; i++) {
		const struct omega_vgpu_display_one *d = &resp->pmodes[i];
		u32 w = le32_to_cpu(d->r.width);
		u32 h = le32_to_cpu(d->r.height);

		out[i].enabled = le32_to_cpu(d->enabled) != 0;
		if (!w || !h || w > OMEGA_VGPU_MAX_DIM || h > OMEGA_VGPU_MAX_DIM) {
			w = 0;
			h = 0;
		}
		out[i].width = w;
		out[i].height = h;
	}
	return 0;
}

/**
 * omega_vgpu_parse_edid - check the EDID length the device claims
 * @resp: a response that passed omega_vgpu_resp_check()
 * @len: bytes the device wrote
 * @edid_len: set to the usable EDID length on success
 *
 * Return: 0, -ENODATA for no EDID, -EOVERFLOW for a size past the protocol's
 * buffer, -EPROTO for a size past what was written or not whole blocks.
 */
int omega_vgpu_parse_edid(const struct omega_vgpu_resp_edid *resp, size_t len,
			  u32 *edid_len)
{
	const size_t head = offsetof(struct omega_vgpu_resp_edid, edid);
	u32 size;

	if (len < head)
		return -EPROTO;

	size = le32_to_cpu(resp->size);
	if (size == 0)
		return -ENODATA;
	if (size > OMEGA_VGPU_EDID_BLOB_SIZE)
		return -EOVERFLOW;
	if (size > len - head)
		return -EPROTO;
	if (size % 128)
		return -EPROTO;

	*edid_len = size;
	return 0;
}
