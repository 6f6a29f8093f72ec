// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: response decoding in omega_vgpu_resp.c.  The device is treated as
 * hostile: short responses, unknown types, sizes past the buffer.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "omega_vgpu_resp.c"

/* ------------------------------------------------------------------ */
/* Names */

struct omega_vgpu_name_case {
	const char *desc;
	u32 type;
	const char *name;
};

#define NAME(sym, str)	{ #sym, OMEGA_VGPU_##sym, str }
#define UNKNOWN(desc, v) { desc, v, "UNKNOWN" }

static const struct omega_vgpu_name_case omega_vgpu_name_cases[] = {
	NAME(CMD_GET_DISPLAY_INFO, "GET_DISPLAY_INFO"),
	NAME(CMD_RESOURCE_CREATE_2D, "RESOURCE_CREATE_2D"),
	NAME(CMD_RESOURCE_UNREF, "RESOURCE_UNREF"),
	NAME(CMD_SET_SCANOUT, "SET_SCANOUT"),
	NAME(CMD_RESOURCE_FLUSH, "RESOURCE_FLUSH"),
	NAME(CMD_TRANSFER_TO_HOST_2D, "TRANSFER_TO_HOST_2D"),
	NAME(CMD_RESOURCE_ATTACH_BACKING, "RESOURCE_ATTACH_BACKING"),
	NAME(CMD_RESOURCE_DETACH_BACKING, "RESOURCE_DETACH_BACKING"),
	NAME(CMD_GET_CAPSET_INFO, "GET_CAPSET_INFO"),
	NAME(CMD_GET_CAPSET, "GET_CAPSET"),
	NAME(CMD_GET_EDID, "GET_EDID"),
	NAME(CMD_RESOURCE_ASSIGN_UUID, "RESOURCE_ASSIGN_UUID"),
	NAME(CMD_RESOURCE_CREATE_BLOB, "RESOURCE_CREATE_BLOB"),
	NAME(CMD_SET_SCANOUT_BLOB, "SET_SCANOUT_BLOB"),
	NAME(CMD_CTX_CREATE, "CTX_CREATE"),
	NAME(CMD_SUBMIT_3D, "SUBMIT_3D"),
	NAME(CMD_RESOURCE_UNMAP_BLOB, "RESOURCE_UNMAP_BLOB"),
	NAME(CMD_UPDATE_CURSOR, "UPDATE_CURSOR"),
	NAME(CMD_MOVE_CURSOR, "MOVE_CURSOR"),
	NAME(RESP_OK_NODATA, "OK_NODATA"),
	NAME(RESP_OK_DISPLAY_INFO, "OK_DISPLAY_INFO"),
	NAME(RESP_OK_CAPSET_INFO, "OK_CAPSET_INFO"),
	NAME(RESP_OK_CAPSET, "OK_CAPSET"),
	NAME(RESP_OK_EDID, "OK_EDID"),
	NAME(RESP_OK_RESOURCE_UUID, "OK_RESOURCE_UUID"),
	NAME(RESP_OK_MAP_INFO, "OK_MAP_INFO"),
	NAME(RESP_ERR_UNSPEC, "ERR_UNSPEC"),
	NAME(RESP_ERR_OUT_OF_MEMORY, "ERR_OUT_OF_MEMORY"),
	NAME(RESP_ERR_INVALID_SCANOUT_ID, "ERR_INVALID_SCANOUT_ID"),
	NAME(RESP_ERR_INVALID_RESOURCE_ID, "ERR_INVALID_RESOURCE_ID"),
	NAME(RESP_ERR_INVALID_CONTEXT_ID, "ERR_INVALID_CONTEXT_ID"),
	NAME(RESP_ERR_INVALID_PARAMETER, "ERR_INVALID_PARAMETER"),
	UNKNOWN("zero", 0),
	UNKNOWN("below_2d", 0x00ff),
	UNKNOWN("after_2d", 0x010e),
	UNKNOWN("after_3d", 0x020a),
	UNKNOWN("after_cursor", 0x0302),
	UNKNOWN("before_ok", 0x10ff),
	UNKNOWN("after_ok", 0x1107),
	UNKNOWN("after_err", 0x1206),
	UNKNOWN("u32_max", U32_MAX),
	UNKNOWN("high_bits", 0x80000100),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_name, omega_vgpu_name_cases, desc);

static void omega_vgpu_resp_cmd_name(struct kunit *test)
{
	const struct omega_vgpu_name_case *c = test->param_value;
	const char *got = omega_vgpu_cmd_name(c->type);

	KUNIT_ASSERT_NOT_NULL_MSG(test, got, "type 0x%x: expected \"%s\"",
				  c->type, c->name);
	KUNIT_EXPECT_STREQ_MSG(test, got, c->name, "type 0x%x", c->type);
}

/* ------------------------------------------------------------------ */
/* Errno mapping */

struct omega_vgpu_errno_case {
	const char *desc;
	u32 type;
	int err;
};

#define ERRNO(sym, e)	{ #sym, OMEGA_VGPU_##sym, e }

static const struct omega_vgpu_errno_case omega_vgpu_errno_cases[] = {
	ERRNO(RESP_OK_NODATA, 0),
	ERRNO(RESP_OK_DISPLAY_INFO, 0),
	ERRNO(RESP_OK_CAPSET_INFO, 0),
	ERRNO(RESP_OK_CAPSET, 0),
	ERRNO(RESP_OK_EDID, 0),
	ERRNO(RESP_OK_RESOURCE_UUID, 0),
	ERRNO(RESP_OK_MAP_INFO, 0),
	ERRNO(RESP_ERR_UNSPEC, -EIO),
	ERRNO(RESP_ERR_OUT_OF_MEMORY, -ENOMEM),
	ERRNO(RESP_ERR_INVALID_SCANOUT_ID, -ENODEV),
	ERRNO(RESP_ERR_INVALID_RESOURCE_ID, -ENOENT),
	ERRNO(RESP_ERR_INVALID_CONTEXT_ID, -ESRCH),
	ERRNO(RESP_ERR_INVALID_PARAMETER, -EINVAL),
	/* a command code echoed back is not a response */
	ERRNO(CMD_GET_DISPLAY_INFO, -EPROTO),
	ERRNO(CMD_MOVE_CURSOR, -EPROTO),
	{ "zero", 0, -EPROTO },
	{ "before_ok", 0x10ff, -EPROTO },
	{ "after_ok", 0x1107, -EPROTO },
	{ "after_err", 0x1206, -EPROTO },
	{ "u32_max", U32_MAX, -EPROTO },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_errno, omega_vgpu_errno_cases, desc);

static void omega_vgpu_resp_errno_map(struct kunit *test)
{
	const struct omega_vgpu_errno_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_resp_errno(c->type), c->err,
			    "type 0x%x (%s) should map to %d", c->type, c->desc,
			    c->err);
}

/* ------------------------------------------------------------------ */
/* Response check */

struct omega_vgpu_check_case {
	const char *desc;
	u32 type;
	size_t len;
	u32 expected;
	int ret;
};

#define T(sym)	OMEGA_VGPU_RESP_##sym

static const struct omega_vgpu_check_case omega_vgpu_check_cases[] = {
	{ "nodata_ok", T(OK_NODATA), 24, T(OK_NODATA), 0 },
	{ "nodata_longer_ok", T(OK_NODATA), 4096, T(OK_NODATA), 0 },
	{ "nodata_len_size_max", T(OK_NODATA), SIZE_MAX, T(OK_NODATA), 0 },
	{ "len_zero", T(OK_NODATA), 0, T(OK_NODATA), -EPROTO },
	{ "len_23", T(OK_NODATA), 23, T(OK_NODATA), -EPROTO },
	{ "err_len_23", T(ERR_OUT_OF_MEMORY), 23, T(OK_NODATA), -EPROTO },
	{ "err_unspec", T(ERR_UNSPEC), 24, T(OK_NODATA), -EIO },
	{ "err_oom", T(ERR_OUT_OF_MEMORY), 24, T(OK_NODATA), -ENOMEM },
	{ "err_scanout", T(ERR_INVALID_SCANOUT_ID), 24, T(OK_EDID), -ENODEV },
	{ "err_resource", T(ERR_INVALID_RESOURCE_ID), 24, T(OK_NODATA), -ENOENT },
	{ "err_context", T(ERR_INVALID_CONTEXT_ID), 24, T(OK_NODATA), -ESRCH },
	{ "err_parameter", T(ERR_INVALID_PARAMETER), 24, T(OK_DISPLAY_INFO), -EINVAL },
	{ "err_short_display_info", T(ERR_UNSPEC), 24, T(OK_DISPLAY_INFO), -EIO },
	{ "unknown_type", 0x1107, 24, T(OK_NODATA), -EPROTO },
	{ "unknown_expected_too", 0x1107, 24, 0x1107, -EPROTO },
	{ "type_zero", 0, 24, T(OK_NODATA), -EPROTO },
	{ "command_echoed", OMEGA_VGPU_CMD_RESOURCE_FLUSH, 24, T(OK_NODATA), -EPROTO },
	{ "wrong_ok_type", T(OK_NODATA), 408, T(OK_DISPLAY_INFO), -EPROTO },
	{ "edid_for_display_info", T(OK_EDID), 1056, T(OK_DISPLAY_INFO), -EPROTO },
	{ "display_info_407", T(OK_DISPLAY_INFO), 407, T(OK_DISPLAY_INFO), -EPROTO },
	{ "display_info_24", T(OK_DISPLAY_INFO), 24, T(OK_DISPLAY_INFO), -EPROTO },
	{ "display_info_408", T(OK_DISPLAY_INFO), 408, T(OK_DISPLAY_INFO), 0 },
	{ "edid_31", T(OK_EDID), 31, T(OK_EDID), -EPROTO },
	{ "edid_32", T(OK_EDID), 32, T(OK_EDID), 0 },
	{ "edid_1056", T(OK_EDID), 1056, T(OK_EDID), 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_check, omega_vgpu_check_cases, desc);

static void omega_vgpu_resp_check_table(struct kunit *test)
{
	const struct omega_vgpu_check_case *c = test->param_value;
	struct omega_vgpu_ctrl_hdr *hdr;

	/* a whole display-info response; @len is what the device claims */
	hdr = kunit_kzalloc(test, sizeof(struct omega_vgpu_resp_display_info),
			    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	hdr->type = cpu_to_le32(c->type);

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_resp_check(hdr, c->len, c->expected),
			    c->ret,
			    "type 0x%x, len %zu, expecting 0x%x: should give %d",
			    c->type, c->len, c->expected, c->ret);
}

/* The type is read as little-endian, whatever the CPU. */
static void omega_vgpu_resp_check_le_type(struct kunit *test)
{
	u8 raw[24] = { 0x01, 0x11 };	/* 0x1101 OK_DISPLAY_INFO ... */

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_resp_check(raw, sizeof(raw),
							T(OK_NODATA)),
			    -EPROTO, "bytes 01 11 are OK_DISPLAY_INFO, not OK_NODATA");
	raw[0] = 0x00;			/* ... and 00 11 is OK_NODATA */
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_resp_check(raw, sizeof(raw),
							T(OK_NODATA)),
			    0, "bytes 00 11 00 00 are OK_NODATA");
}

/* ------------------------------------------------------------------ */
/* Display info */

struct omega_vgpu_pmode_case {
	const char *desc;
	u32 enabled, width, height;
	bool want_enabled;
	u32 want_width, want_height;
};

static const struct omega_vgpu_pmode_case omega_vgpu_pmode_cases[] = {
	{ "enabled_1024x768", 1, 1024, 768, true, 1024, 768 },
	{ "disabled_keeps_size", 0, 1280, 800, false, 1280, 800 },
	{ "enabled_any_nonzero", 0x80000000, 640, 480, true, 640, 480 },
	{ "smallest", 1, 1, 1, true, 1, 1 },
	{ "largest", 1, 8192, 8192, true, 8192, 8192 },
	{ "zero_width", 1, 0, 768, true, 0, 0 },
	{ "zero_height", 1, 1024, 0, true, 0, 0 },
	{ "width_8193", 1, 8193, 600, true, 0, 0 },
	{ "height_8193", 1, 800, 8193, true, 0, 0 },
	{ "u32_max", 1, U32_MAX, U32_MAX, true, 0, 0 },
	{ "negative_as_s32", 1, 0xfffffc00, 768, true, 0, 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_pmode, omega_vgpu_pmode_cases, desc);

static void omega_vgpu_resp_display_info_mode(struct kunit *test)
{
	const struct omega_vgpu_pmode_case *c = test->param_value;
	struct omega_vgpu_resp_display_info *resp;
	struct omega_vgpu_pmode out[OMEGA_VGPU_MAX_SCANOUTS];
	unsigned int i = OMEGA_VGPU_MAX_SCANOUTS - 1;	/* the last slot */
	int ret;

	resp = kunit_kzalloc(test, sizeof(*resp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	resp->pmodes[i].r.x = cpu_to_le32(100);
	resp->pmodes[i].r.y = cpu_to_le32(200);
	resp->pmodes[i].r.width = cpu_to_le32(c->width);
	resp->pmodes[i].r.height = cpu_to_le32(c->height);
	resp->pmodes[i].enabled = cpu_to_le32(c->enabled);
	resp->pmodes[i].flags = cpu_to_le32(U32_MAX);
	memset(out, 0xa5, sizeof(out));

	ret = omega_vgpu_parse_display_info(resp, OMEGA_VGPU_MAX_SCANOUTS, out);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ_MSG(test, out[i].enabled, c->want_enabled,
			    "enabled=0x%x", c->enabled);
	KUNIT_EXPECT_EQ_MSG(test, out[i].width, c->want_width,
			    "host size %ux%u", c->width, c->height);
	KUNIT_EXPECT_EQ_MSG(test, out[i].height, c->want_height,
			    "host size %ux%u", c->width, c->height);
	/* the zeroed slots before it are disabled, with no size */
	KUNIT_EXPECT_FALSE(test, out[0].enabled);
	KUNIT_EXPECT_EQ(test, out[0].width, 0);
	KUNIT_EXPECT_EQ(test, out[0].height, 0);
}

static void omega_vgpu_resp_display_info_per_scanout(struct kunit *test)
{
	struct omega_vgpu_resp_display_info *resp;
	struct omega_vgpu_pmode out[4];
	unsigned int i;

	resp = kunit_kzalloc(test, sizeof(*resp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	for (i = 0; i < OMEGA_VGPU_MAX_SCANOUTS; i++) {
		resp->pmodes[i].r.width = cpu_to_le32(1000 + i);
		resp->pmodes[i].r.height = cpu_to_le32(500 + i);
		resp->pmodes[i].enabled = cpu_to_le32(i & 1);
	}
	memset(out, 0xa5, sizeof(out));

	KUNIT_ASSERT_EQ(test, omega_vgpu_parse_display_info(resp, 3, out), 0);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ_MSG(test, out[i].enabled, (bool)(i & 1),
				    "scanout %u", i);
		KUNIT_EXPECT_EQ_MSG(test, out[i].width, 1000 + i, "scanout %u", i);
		KUNIT_EXPECT_EQ_MSG(test, out[i].height, 500 + i, "scanout %u", i);
	}
	KUNIT_EXPECT_EQ_MSG(test, out[3].width, 0xa5a5a5a5,
			    "only num_scanouts entries may be written");
}

static void omega_vgpu_resp_display_info_bad_count(struct kunit *test)
{
	static const u32 counts[] = { 0, OMEGA_VGPU_MAX_SCANOUTS + 1, 255,
				      U32_MAX };
	struct omega_vgpu_resp_display_info *resp;
	struct omega_vgpu_pmode out[1];
	unsigned int i;

	resp = kunit_kzalloc(test, sizeof(*resp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	memset(out, 0xa5, sizeof(out));
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    omega_vgpu_parse_display_info(resp, counts[i], out),
				    -EINVAL, "num_scanouts %u must be rejected",
				    counts[i]);
	KUNIT_EXPECT_EQ_MSG(test, out[0].width, 0xa5a5a5a5,
			    "nothing may be written on -EINVAL");
}

/* ------------------------------------------------------------------ */
/* EDID */

struct omega_vgpu_edid_case {
	const char *desc;
	size_t len;
	u32 size;
	int ret;
};

static const struct omega_vgpu_edid_case omega_vgpu_edid_cases[] = {
	{ "one_block", 1056, 128, 0 },
	{ "two_blocks_exact_len", 32 + 256, 256, 0 },
	{ "eight_blocks", 1056, 1024, 0 },
	{ "len_31", 31, 128, -EPROTO },
	{ "len_0", 0, 128, -EPROTO },
	{ "size_zero", 1056, 0, -ENODATA },
	{ "size_zero_header_only", 32, 0, -ENODATA },
	{ "size_1025", 1056, 1025, -EOVERFLOW },
	{ "size_1152", 1056, 1152, -EOVERFLOW },
	{ "size_u32_max", 1056, U32_MAX, -EOVERFLOW },
	{ "size_past_written", 32 + 255, 256, -EPROTO },
	{ "size_past_header_only", 32, 128, -EPROTO },
	{ "full_size_one_short", 1055, 1024, -EPROTO },
	{ "partial_block", 1056, 100, -EPROTO },
	{ "block_plus_one", 1056, 129, -EPROTO },
	{ "len_size_max", SIZE_MAX, 512, 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_edid, omega_vgpu_edid_cases, desc);

static void omega_vgpu_resp_edid_size(struct kunit *test)
{
	const struct omega_vgpu_edid_case *c = test->param_value;
	struct omega_vgpu_resp_edid *resp;
	u32 edid_len = 0xa5a5a5a5;
	int ret;

	resp = kunit_kzalloc(test, sizeof(*resp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	resp->hdr.type = cpu_to_le32(OMEGA_VGPU_RESP_OK_EDID);
	resp->size = cpu_to_le32(c->size);

	ret = omega_vgpu_parse_edid(resp, c->len, &edid_len);
	KUNIT_EXPECT_EQ_MSG(test, ret, c->ret,
			    "size %u in a %zu-byte response should give %d",
			    c->size, c->len, c->ret);
	if (!c->ret)
		KUNIT_EXPECT_EQ_MSG(test, edid_len, c->size,
				    "edid_len must be the reported size");
}

static struct kunit_case omega_vgpu_resp_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_resp_cmd_name, omega_vgpu_name_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_resp_errno_map, omega_vgpu_errno_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_resp_check_table, omega_vgpu_check_gen_params),
	KUNIT_CASE(omega_vgpu_resp_check_le_type),
	KUNIT_CASE_PARAM(omega_vgpu_resp_display_info_mode,
			 omega_vgpu_pmode_gen_params),
	KUNIT_CASE(omega_vgpu_resp_display_info_per_scanout),
	KUNIT_CASE(omega_vgpu_resp_display_info_bad_count),
	KUNIT_CASE_PARAM(omega_vgpu_resp_edid_size, omega_vgpu_edid_gen_params),
	{}
};

static struct kunit_suite omega_vgpu_resp_suite = {
	.name = "omega_vgpu_resp",
	.test_cases = omega_vgpu_resp_cases,
};

kunit_test_suite(omega_vgpu_resp_suite);
