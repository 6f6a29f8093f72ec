// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the wire structs and constants of omega_vgpu_proto.h against the
 * VIRTIO 1.2 specification, section 5.7 (GPU device).
 *
 * The header has compile-time checks for some sizes; these tables cover
 * every struct and the offset of every field the device reads, and every
 * protocol constant, so a change is reported by name.
 */
#include <kunit/test.h>
#include <linux/stddef.h>

#include "omega_vgpu_proto.h"

/* ------------------------------------------------------------------ */
/* Struct sizes and field offsets */

struct omega_vgpu_layout_case {
	const char *desc;
	size_t got;
	size_t want;
};

#define LAYOUT_SIZE(s, n) \
	{ "sizeof(" #s ")", sizeof(struct s), n }
#define LAYOUT_OFF(s, f, n) \
	{ #s "." #f, offsetof(struct s, f), n }

static const struct omega_vgpu_layout_case omega_vgpu_layout_cases[] = {
	LAYOUT_SIZE(omega_vgpu_config, 16),
	LAYOUT_OFF(omega_vgpu_config, events_read, 0),
	LAYOUT_OFF(omega_vgpu_config, events_clear, 4),
	LAYOUT_OFF(omega_vgpu_config, num_scanouts, 8),
	LAYOUT_OFF(omega_vgpu_config, num_capsets, 12),

	LAYOUT_SIZE(omega_vgpu_ctrl_hdr, 24),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, type, 0),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, flags, 4),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, fence_id, 8),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, ctx_id, 16),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, ring_idx, 20),
	LAYOUT_OFF(omega_vgpu_ctrl_hdr, padding, 21),

	LAYOUT_SIZE(omega_vgpu_rect, 16),
	LAYOUT_OFF(omega_vgpu_rect, x, 0),
	LAYOUT_OFF(omega_vgpu_rect, y, 4),
	LAYOUT_OFF(omega_vgpu_rect, width, 8),
	LAYOUT_OFF(omega_vgpu_rect, height, 12),

	LAYOUT_SIZE(omega_vgpu_display_one, 24),
	LAYOUT_OFF(omega_vgpu_display_one, r, 0),
	LAYOUT_OFF(omega_vgpu_display_one, enabled, 16),
	LAYOUT_OFF(omega_vgpu_display_one, flags, 20),

	LAYOUT_SIZE(omega_vgpu_resp_display_info, 408),
	LAYOUT_OFF(omega_vgpu_resp_display_info, pmodes, 24),
	LAYOUT_OFF(omega_vgpu_resp_display_info, pmodes[1], 48),
	LAYOUT_OFF(omega_vgpu_resp_display_info, pmodes[15], 384),

	LAYOUT_SIZE(omega_vgpu_get_edid, 32),
	LAYOUT_OFF(omega_vgpu_get_edid, scanout, 24),
	LAYOUT_OFF(omega_vgpu_get_edid, padding, 28),

	LAYOUT_SIZE(omega_vgpu_resp_edid, 1056),
	LAYOUT_OFF(omega_vgpu_resp_edid, size, 24),
	LAYOUT_OFF(omega_vgpu_resp_edid, padding, 28),
	LAYOUT_OFF(omega_vgpu_resp_edid, edid, 32),

	LAYOUT_SIZE(omega_vgpu_resource_create_2d, 40),
	LAYOUT_OFF(omega_vgpu_resource_create_2d, resource_id, 24),
	LAYOUT_OFF(omega_vgpu_resource_create_2d, format, 28),
	LAYOUT_OFF(omega_vgpu_resource_create_2d, width, 32),
	LAYOUT_OFF(omega_vgpu_resource_create_2d, height, 36),

	LAYOUT_SIZE(omega_vgpu_resource_unref, 32),
	LAYOUT_OFF(omega_vgpu_resource_unref, resource_id, 24),
	LAYOUT_OFF(omega_vgpu_resource_unref, padding, 28),

	LAYOUT_SIZE(omega_vgpu_set_scanout, 48),
	LAYOUT_OFF(omega_vgpu_set_scanout, r, 24),
	LAYOUT_OFF(omega_vgpu_set_scanout, scanout_id, 40),
	LAYOUT_OFF(omega_vgpu_set_scanout, resource_id, 44),

	LAYOUT_SIZE(omega_vgpu_resource_flush, 48),
	LAYOUT_OFF(omega_vgpu_resource_flush, r, 24),
	LAYOUT_OFF(omega_vgpu_resource_flush, resource_id, 40),
	LAYOUT_OFF(omega_vgpu_resource_flush, padding, 44),

	LAYOUT_SIZE(omega_vgpu_transfer_to_host_2d, 56),
	LAYOUT_OFF(omega_vgpu_transfer_to_host_2d, r, 24),
	LAYOUT_OFF(omega_vgpu_transfer_to_host_2d, offset, 40),
	LAYOUT_OFF(omega_vgpu_transfer_to_host_2d, resource_id, 48),
	LAYOUT_OFF(omega_vgpu_transfer_to_host_2d, padding, 52),

	LAYOUT_SIZE(omega_vgpu_mem_entry, 16),
	LAYOUT_OFF(omega_vgpu_mem_entry, addr, 0),
	LAYOUT_OFF(omega_vgpu_mem_entry, length, 8),
	LAYOUT_OFF(omega_vgpu_mem_entry, padding, 12),

	LAYOUT_SIZE(omega_vgpu_resource_attach_backing, 32),
	LAYOUT_OFF(omega_vgpu_resource_attach_backing, resource_id, 24),
	LAYOUT_OFF(omega_vgpu_resource_attach_backing, nr_entries, 28),

	LAYOUT_SIZE(omega_vgpu_resource_detach_backing, 32),
	LAYOUT_OFF(omega_vgpu_resource_detach_backing, resource_id, 24),
	LAYOUT_OFF(omega_vgpu_resource_detach_backing, padding, 28),

	LAYOUT_SIZE(omega_vgpu_cursor_pos, 16),
	LAYOUT_OFF(omega_vgpu_cursor_pos, scanout_id, 0),
	LAYOUT_OFF(omega_vgpu_cursor_pos, x, 4),
	LAYOUT_OFF(omega_vgpu_cursor_pos, y, 8),
	LAYOUT_OFF(omega_vgpu_cursor_pos, padding, 12),

	LAYOUT_SIZE(omega_vgpu_update_cursor, 56),
	LAYOUT_OFF(omega_vgpu_update_cursor, pos, 24),
	LAYOUT_OFF(omega_vgpu_update_cursor, resource_id, 40),
	LAYOUT_OFF(omega_vgpu_update_cursor, hot_x, 44),
	LAYOUT_OFF(omega_vgpu_update_cursor, hot_y, 48),
	LAYOUT_OFF(omega_vgpu_update_cursor, padding, 52),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_layout, omega_vgpu_layout_cases, desc);

static void omega_vgpu_proto_layout(struct kunit *test)
{
	const struct omega_vgpu_layout_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, c->got, c->want,
			    "%s is %zu in omega_vgpu_proto.h, the spec says %zu",
			    c->desc, c->got, c->want);
}

/* ------------------------------------------------------------------ */
/* Protocol constants */

struct omega_vgpu_const_case {
	const char *desc;
	u32 got;
	u32 want;
};

#define CONST(name, n)	{ #name, name, n }

static const struct omega_vgpu_const_case omega_vgpu_const_cases[] = {
	CONST(OMEGA_VGPU_F_VIRGL, 0),
	CONST(OMEGA_VGPU_F_EDID, 1),
	CONST(OMEGA_VGPU_F_RESOURCE_UUID, 2),
	CONST(OMEGA_VGPU_F_RESOURCE_BLOB, 3),
	CONST(OMEGA_VGPU_F_CONTEXT_INIT, 4),
	CONST(OMEGA_VGPU_EVENT_DISPLAY, 1),
	CONST(OMEGA_VGPU_MAX_SCANOUTS, 16),
	CONST(OMEGA_VGPU_EDID_BLOB_SIZE, 1024),
	CONST(OMEGA_VGPU_FLAG_FENCE, 1),
	CONST(OMEGA_VGPU_FLAG_INFO_RING_IDX, 2),

	CONST(OMEGA_VGPU_CMD_GET_DISPLAY_INFO, 0x0100),
	CONST(OMEGA_VGPU_CMD_RESOURCE_CREATE_2D, 0x0101),
	CONST(OMEGA_VGPU_CMD_RESOURCE_UNREF, 0x0102),
	CONST(OMEGA_VGPU_CMD_SET_SCANOUT, 0x0103),
	CONST(OMEGA_VGPU_CMD_RESOURCE_FLUSH, 0x0104),
	CONST(OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D, 0x0105),
	CONST(OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING, 0x0106),
	CONST(OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING, 0x0107),
	CONST(OMEGA_VGPU_CMD_GET_CAPSET_INFO, 0x0108),
	CONST(OMEGA_VGPU_CMD_GET_CAPSET, 0x0109),
	CONST(OMEGA_VGPU_CMD_GET_EDID, 0x010a),
	CONST(OMEGA_VGPU_CMD_RESOURCE_ASSIGN_UUID, 0x010b),
	CONST(OMEGA_VGPU_CMD_RESOURCE_CREATE_BLOB, 0x010c),
	CONST(OMEGA_VGPU_CMD_SET_SCANOUT_BLOB, 0x010d),
	CONST(OMEGA_VGPU_CMD_CTX_CREATE, 0x0200),
	CONST(OMEGA_VGPU_CMD_CTX_DESTROY, 0x0201),
	CONST(OMEGA_VGPU_CMD_CTX_ATTACH_RESOURCE, 0x0202),
	CONST(OMEGA_VGPU_CMD_CTX_DETACH_RESOURCE, 0x0203),
	CONST(OMEGA_VGPU_CMD_RESOURCE_CREATE_3D, 0x0204),
	CONST(OMEGA_VGPU_CMD_TRANSFER_TO_HOST_3D, 0x0205),
	CONST(OMEGA_VGPU_CMD_TRANSFER_FROM_HOST_3D, 0x0206),
	CONST(OMEGA_VGPU_CMD_SUBMIT_3D, 0x0207),
	CONST(OMEGA_VGPU_CMD_RESOURCE_MAP_BLOB, 0x0208),
	CONST(OMEGA_VGPU_CMD_RESOURCE_UNMAP_BLOB, 0x0209),
	CONST(OMEGA_VGPU_CMD_UPDATE_CURSOR, 0x0300),
	CONST(OMEGA_VGPU_CMD_MOVE_CURSOR, 0x0301),
	CONST(OMEGA_VGPU_RESP_OK_NODATA, 0x1100),
	CONST(OMEGA_VGPU_RESP_OK_DISPLAY_INFO, 0x1101),
	CONST(OMEGA_VGPU_RESP_OK_CAPSET_INFO, 0x1102),
	CONST(OMEGA_VGPU_RESP_OK_CAPSET, 0x1103),
	CONST(OMEGA_VGPU_RESP_OK_EDID, 0x1104),
	CONST(OMEGA_VGPU_RESP_OK_RESOURCE_UUID, 0x1105),
	CONST(OMEGA_VGPU_RESP_OK_MAP_INFO, 0x1106),
	CONST(OMEGA_VGPU_RESP_ERR_UNSPEC, 0x1200),
	CONST(OMEGA_VGPU_RESP_ERR_OUT_OF_MEMORY, 0x1201),
	CONST(OMEGA_VGPU_RESP_ERR_INVALID_SCANOUT_ID, 0x1202),
	CONST(OMEGA_VGPU_RESP_ERR_INVALID_RESOURCE_ID, 0x1203),
	CONST(OMEGA_VGPU_RESP_ERR_INVALID_CONTEXT_ID, 0x1204),
	CONST(OMEGA_VGPU_RESP_ERR_INVALID_PARAMETER, 0x1205),

	CONST(OMEGA_VGPU_FORMAT_B8G8R8A8_UNORM, 1),
	CONST(OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM, 2),
	CONST(OMEGA_VGPU_FORMAT_A8R8G8B8_UNORM, 3),
	CONST(OMEGA_VGPU_FORMAT_X8R8G8B8_UNORM, 4),
	CONST(OMEGA_VGPU_FORMAT_R8G8B8A8_UNORM, 67),
	CONST(OMEGA_VGPU_FORMAT_X8B8G8R8_UNORM, 68),
	CONST(OMEGA_VGPU_FORMAT_A8B8G8R8_UNORM, 121),
	CONST(OMEGA_VGPU_FORMAT_R8G8B8X8_UNORM, 134),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_const, omega_vgpu_const_cases, desc);

static void omega_vgpu_proto_constant(struct kunit *test)
{
	const struct omega_vgpu_const_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, c->got, c->want,
			    "%s is 0x%x in omega_vgpu_proto.h, the spec says 0x%x",
			    c->desc, c->got, c->want);
}

/* ------------------------------------------------------------------ */
/* Byte order: the __le fields hold little-endian data on any CPU */

static void omega_vgpu_proto_hdr_le_bytes(struct kunit *test)
{
	static const u8 want[24] = {
		0x05, 0x01, 0x00, 0x00,		/* type 0x0105 */
		0x01, 0x00, 0x00, 0x00,		/* flags FENCE */
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
		0xdd, 0xcc, 0xbb, 0xaa,		/* ctx_id */
		0x07, 0x00, 0x00, 0x00,		/* ring_idx, padding */
	};
	struct omega_vgpu_ctrl_hdr hdr = {
		.type = cpu_to_le32(OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D),
		.flags = cpu_to_le32(OMEGA_VGPU_FLAG_FENCE),
		.fence_id = cpu_to_le64(0x1122334455667788ULL),
		.ctx_id = cpu_to_le32(0xaabbccdd),
		.ring_idx = 7,
	};

	KUNIT_EXPECT_MEMEQ_MSG(test, &hdr, want, sizeof(want),
			       "ctrl_hdr is not laid out little-endian as in the spec");
}

static struct kunit_case omega_vgpu_proto_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_proto_layout, omega_vgpu_layout_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_proto_constant, omega_vgpu_const_gen_params),
	KUNIT_CASE(omega_vgpu_proto_hdr_le_bytes),
	{}
};

static struct kunit_suite omega_vgpu_proto_suite = {
	.name = "omega_vgpu_proto",
	.test_cases = omega_vgpu_proto_cases,
};

kunit_test_suite(omega_vgpu_proto_suite);
