/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omega_vgpu wire protocol: the virtio-gpu device's control and cursor
 * queue messages, written from the VIRTIO 1.2 specification (section 5.7).
 *
 * Every message is a packed little-endian structure.  The sizes are checked
 * at compile time at the bottom of this file so that a change to a struct
 * that would alter what goes on the wire fails the build.
 */
#ifndef OMEGA_VGPU_PROTO_H
#define OMEGA_VGPU_PROTO_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* Device feature bits (virtio-gpu specific, bits 0..23). */
#define OMEGA_VGPU_F_VIRGL		0
#define OMEGA_VGPU_F_EDID		1
#define OMEGA_VGPU_F_RESOURCE_UUID	2
#define OMEGA_VGPU_F_RESOURCE_BLOB	3
#define OMEGA_VGPU_F_CONTEXT_INIT	4

/* Config space events. */
#define OMEGA_VGPU_EVENT_DISPLAY	BIT(0)

#define OMEGA_VGPU_MAX_SCANOUTS		16
#define OMEGA_VGPU_EDID_BLOB_SIZE	1024

/**
 * struct omega_vgpu_config - device configuration space
 * @events_read: pending events (read only)
 * @events_clear: write 1s to acknowledge events
 * @num_scanouts: number of scanouts, 1..16
 * @num_capsets: number of 3D capability sets
 */
struct omega_vgpu_config {
	__le32 events_read;
	__le32 events_clear;
	__le32 num_scanouts;
	__le32 num_capsets;
} __packed;

enum omega_vgpu_ctrl_type {
	/* 2D commands */
	OMEGA_VGPU_CMD_GET_DISPLAY_INFO = 0x0100,
	OMEGA_VGPU_CMD_RESOURCE_CREATE_2D,
	OMEGA_VGPU_CMD_RESOURCE_UNREF,
	OMEGA_VGPU_CMD_SET_SCANOUT,
	OMEGA_VGPU_CMD_RESOURCE_FLUSH,
	OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D,
	OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING,
	OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING,
	OMEGA_VGPU_CMD_GET_CAPSET_INFO,
	OMEGA_VGPU_CMD_GET_CAPSET,
	OMEGA_VGPU_CMD_GET_EDID,
	OMEGA_VGPU_CMD_RESOURCE_ASSIGN_UUID,
	OMEGA_VGPU_CMD_RESOURCE_CREATE_BLOB,
	OMEGA_VGPU_CMD_SET_SCANOUT_BLOB,

	/* 3D commands */
	OMEGA_VGPU_CMD_CTX_CREATE = 0x0200,
	OMEGA_VGPU_CMD_CTX_DESTROY,
	OMEGA_VGPU_CMD_CTX_ATTACH_RESOURCE,
	OMEGA_VGPU_CMD_CTX_DETACH_RESOURCE,
	OMEGA_VGPU_CMD_RESOURCE_CREATE_3D,
	OMEGA_VGPU_CMD_TRANSFER_TO_HOST_3D,
	OMEGA_VGPU_CMD_TRANSFER_FROM_HOST_3D,
	OMEGA_VGPU_CMD_SUBMIT_3D,
	OMEGA_VGPU_CMD_RESOURCE_MAP_BLOB,
	OMEGA_VGPU_CMD_RESOURCE_UNMAP_BLOB,

	/* cursor queue */
	OMEGA_VGPU_CMD_UPDATE_CURSOR = 0x0300,
	OMEGA_VGPU_CMD_MOVE_CURSOR,

	/* success responses */
	OMEGA_VGPU_RESP_OK_NODATA = 0x1100,
	OMEGA_VGPU_RESP_OK_DISPLAY_INFO,
	OMEGA_VGPU_RESP_OK_CAPSET_INFO,
	OMEGA_VGPU_RESP_OK_CAPSET,
	OMEGA_VGPU_RESP_OK_EDID,
	OMEGA_VGPU_RESP_OK_RESOURCE_UUID,
	OMEGA_VGPU_RESP_OK_MAP_INFO,

	/* error responses */
	OMEGA_VGPU_RESP_ERR_UNSPEC = 0x1200,
	OMEGA_VGPU_RESP_ERR_OUT_OF_MEMORY,
	OMEGA_VGPU_RESP_ERR_INVALID_SCANOUT_ID,
	OMEGA_VGPU_RESP_ERR_INVALID_RESOURCE_ID,
	OMEGA_VGPU_RESP_ERR_INVALID_CONTEXT_ID,
	OMEGA_VGPU_RESP_ERR_INVALID_PARAMETER,
};

/* ctrl_hdr.flags */
#define OMEGA_VGPU_FLAG_FENCE		BIT(0)
#define OMEGA_VGPU_FLAG_INFO_RING_IDX	BIT(1)

/*
 * Resource formats.  The name lists the bytes in memory order, so on a
 * little-endian guest B8G8R8X8 is DRM's XRGB8888.
 */
enum omega_vgpu_format {
	OMEGA_VGPU_FORMAT_B8G8R8A8_UNORM = 1,
	OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM = 2,
	OMEGA_VGPU_FORMAT_A8R8G8B8_UNORM = 3,
	OMEGA_VGPU_FORMAT_X8R8G8B8_UNORM = 4,
	OMEGA_VGPU_FORMAT_R8G8B8A8_UNORM = 67,
	OMEGA_VGPU_FORMAT_X8B8G8R8_UNORM = 68,
	OMEGA_VGPU_FORMAT_A8B8G8R8_UNORM = 121,
	OMEGA_VGPU_FORMAT_R8G8B8X8_UNORM = 134,
};

/**
 * struct omega_vgpu_ctrl_hdr - header of every request and response
 * @type: an &enum omega_vgpu_ctrl_type value
 * @flags: OMEGA_VGPU_FLAG_*
 * @fence_id: echoed back in the response when FLAG_FENCE is set
 * @ctx_id: 3D context, 0 for 2D commands
 * @ring_idx: context ring, valid with FLAG_INFO_RING_IDX
 * @padding: must be zero
 */
struct omega_vgpu_ctrl_hdr {
	__le32 type;
	__le32 flags;
	__le64 fence_id;
	__le32 ctx_id;
	__u8 ring_idx;
	__u8 padding[3];
} __packed;

struct omega_vgpu_rect {
	__le32 x;
	__le32 y;
	__le32 width;
	__le32 height;
} __packed;

struct omega_vgpu_display_one {
	struct omega_vgpu_rect r;
	__le32 enabled;
	__le32 flags;
} __packed;

struct omega_vgpu_resp_display_info {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_display_one pmodes[OMEGA_VGPU_MAX_SCANOUTS];
} __packed;

struct omega_vgpu_get_edid {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 scanout;
	__le32 padding;
} __packed;

struct omega_vgpu_resp_edid {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 size;
	__le32 padding;
	__u8 edid[OMEGA_VGPU_EDID_BLOB_SIZE];
} __packed;

struct omega_vgpu_resource_create_2d {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 format;
	__le32 width;
	__le32 height;
} __packed;

struct omega_vgpu_resource_unref {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 padding;
} __packed;

struct omega_vgpu_set_scanout {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_rect r;
	__le32 scanout_id;
	__le32 resource_id;
} __packed;

struct omega_vgpu_resource_flush {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_rect r;
	__le32 resource_id;
	__le32 padding;
} __packed;

struct omega_vgpu_transfer_to_host_2d {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_rect r;
	__le64 offset;
	__le32 resource_id;
	__le32 padding;
} __packed;

struct omega_vgpu_mem_entry {
	__le64 addr;
	__le32 length;
	__le32 padding;
} __packed;

/* Followed on the wire by @nr_entries struct omega_vgpu_mem_entry. */
struct omega_vgpu_resource_attach_backing {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 nr_entries;
} __packed;

struct omega_vgpu_resource_detach_backing {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 padding;
} __packed;

struct omega_vgpu_cursor_pos {
	__le32 scanout_id;
	__le32 x;
	__le32 y;
	__le32 padding;
} __packed;

/* Used for both UPDATE_CURSOR and MOVE_CURSOR. */
struct omega_vgpu_update_cursor {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_cursor_pos pos;
	__le32 resource_id;
	__le32 hot_x;
	__le32 hot_y;
	__le32 padding;
} __packed;

/* ---------------------------------------------------------------------
 * 3D (virgl) messages
 */

/* Capability sets a host may offer (GET_CAPSET_INFO.capset_id). */
#define OMEGA_VGPU_CAPSET_VIRGL		1
#define OMEGA_VGPU_CAPSET_VIRGL2	2

/* ctx_create.context_init: low byte is the capset id (F_CONTEXT_INIT). */
#define OMEGA_VGPU_CONTEXT_INIT_CAPSET_MASK	0xff

#define OMEGA_VGPU_CTX_NAME_LEN		64

/**
 * struct omega_vgpu_ctx_create - CTX_CREATE, hdr.ctx_id names the context
 * @hdr: header
 * @nlen: bytes of @debug_name used
 * @context_init: capset id with F_CONTEXT_INIT, else 0
 * @debug_name: name shown in host logs, not NUL terminated
 */
struct omega_vgpu_ctx_create {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 nlen;
	__le32 context_init;
	char debug_name[OMEGA_VGPU_CTX_NAME_LEN];
} __packed;

/* CTX_DESTROY carries only the header (hdr.ctx_id). */
struct omega_vgpu_ctx_destroy {
	struct omega_vgpu_ctrl_hdr hdr;
} __packed;

/* CTX_ATTACH_RESOURCE and CTX_DETACH_RESOURCE. */
struct omega_vgpu_ctx_resource {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 padding;
} __packed;

/* Gallium's description of a resource; the host validates the values. */
struct omega_vgpu_resource_create_3d {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 resource_id;
	__le32 target;
	__le32 format;
	__le32 bind;
	__le32 width;
	__le32 height;
	__le32 depth;
	__le32 array_size;
	__le32 last_level;
	__le32 nr_samples;
	__le32 flags;
	__le32 padding;
} __packed;

struct omega_vgpu_box {
	__le32 x;
	__le32 y;
	__le32 z;
	__le32 w;
	__le32 h;
	__le32 d;
} __packed;

/* TRANSFER_TO_HOST_3D and TRANSFER_FROM_HOST_3D; hdr.ctx_id is required. */
struct omega_vgpu_transfer_host_3d {
	struct omega_vgpu_ctrl_hdr hdr;
	struct omega_vgpu_box box;
	__le64 offset;
	__le32 resource_id;
	__le32 level;
	__le32 stride;
	__le32 layer_stride;
} __packed;

/* Followed on the wire by @size bytes of virgl command stream. */
struct omega_vgpu_cmd_submit {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 size;
	__le32 padding;
} __packed;

struct omega_vgpu_get_capset_info {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 capset_index;
	__le32 padding;
} __packed;

struct omega_vgpu_resp_capset_info {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 capset_id;
	__le32 capset_max_version;
	__le32 capset_max_size;
	__le32 padding;
} __packed;

struct omega_vgpu_get_capset {
	struct omega_vgpu_ctrl_hdr hdr;
	__le32 capset_id;
	__le32 capset_version;
} __packed;

/* Followed by the capset's bytes (capset_max_size of them). */
struct omega_vgpu_resp_capset {
	struct omega_vgpu_ctrl_hdr hdr;
	__u8 capset_data[];
} __packed;

/* Sizes and offsets from the VIRTIO 1.2 specification. */
static_assert(sizeof(struct omega_vgpu_config) == 16);
static_assert(sizeof(struct omega_vgpu_ctrl_hdr) == 24);
static_assert(offsetof(struct omega_vgpu_ctrl_hdr, fence_id) == 8);
static_assert(offsetof(struct omega_vgpu_ctrl_hdr, ring_idx) == 20);
static_assert(sizeof(struct omega_vgpu_rect) == 16);
static_assert(sizeof(struct omega_vgpu_display_one) == 24);
static_assert(sizeof(struct omega_vgpu_resp_display_info) == 408);
static_assert(sizeof(struct omega_vgpu_get_edid) == 32);
static_assert(sizeof(struct omega_vgpu_resp_edid) == 1056);
static_assert(sizeof(struct omega_vgpu_resource_create_2d) == 40);
static_assert(sizeof(struct omega_vgpu_resource_unref) == 32);
static_assert(sizeof(struct omega_vgpu_set_scanout) == 48);
static_assert(sizeof(struct omega_vgpu_resource_flush) == 48);
static_assert(sizeof(struct omega_vgpu_transfer_to_host_2d) == 56);
static_assert(offsetof(struct omega_vgpu_transfer_to_host_2d, offset) == 40);
static_assert(sizeof(struct omega_vgpu_mem_entry) == 16);
static_assert(sizeof(struct omega_vgpu_resource_attach_backing) == 32);
static_assert(sizeof(struct omega_vgpu_resource_detach_backing) == 32);
static_assert(sizeof(struct omega_vgpu_cursor_pos) == 16);
static_assert(sizeof(struct omega_vgpu_update_cursor) == 56);
static_assert(sizeof(struct omega_vgpu_ctx_create) == 96);
static_assert(offsetof(struct omega_vgpu_ctx_create, debug_name) == 32);
static_assert(sizeof(struct omega_vgpu_ctx_destroy) == 24);
static_assert(sizeof(struct omega_vgpu_ctx_resource) == 32);
static_assert(sizeof(struct omega_vgpu_resource_create_3d) == 72);
static_assert(offsetof(struct omega_vgpu_resource_create_3d, flags) == 64);
static_assert(sizeof(struct omega_vgpu_box) == 24);
static_assert(sizeof(struct omega_vgpu_transfer_host_3d) == 72);
static_assert(offsetof(struct omega_vgpu_transfer_host_3d, offset) == 48);
static_assert(offsetof(struct omega_vgpu_transfer_host_3d, resource_id) == 56);
static_assert(sizeof(struct omega_vgpu_cmd_submit) == 32);
static_assert(sizeof(struct omega_vgpu_get_capset_info) == 32);
static_assert(sizeof(struct omega_vgpu_resp_capset_info) == 40);
static_assert(sizeof(struct omega_vgpu_get_capset) == 32);
static_assert(sizeof(struct omega_vgpu_resp_capset) == 24);

#endif /* OMEGA_VGPU_PROTO_H */
