// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the 3D (virgl) half of the wire protocol, omega_vgpu_wire3d.c.
 *
 * Encoders: each request is compared byte for byte with a hand-written
 * little-endian image built from the VIRTIO 1.2 command numbers (literal
 * values, not the driver's enum, so a wrong enum fails here).  Structs are
 * poisoned before encoding, so a byte the encoder forgets shows as 0xa5.
 *
 * Checks: every limit is probed at the edge and one past it, plus the
 * values a hostile client would pick (all ones, sums that wrap 32 bits).
 * The host answer (GET_CAPSET_INFO) is treated as hostile too.
 *
 * The module links omega_vgpu_wire_test.o, whose copy of omega_vgpu_wire.c
 * provides omega_vgpu_encode_hdr().
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "omega_vgpu_wire3d.c"

#define W3_POISON	0xa5

/* Little-endian byte images, independent of the CPU's byte order. */
#define W3_LE32(v)	((v) & 0xff), (((v) >> 8) & 0xff), \
			(((v) >> 16) & 0xff), (((v) >> 24) & 0xff)
#define W3_LE64(v)	W3_LE32((u64)(v)), W3_LE32((u64)(v) >> 32)
/* type, flags 0, fence_id 0, ctx_id, ring_idx 0, padding */
#define W3_HDR(type, ctx) \
	W3_LE32(type), W3_LE32(0), W3_LE64(0), W3_LE32(ctx), 0, 0, 0, 0

/* Command numbers from the VIRTIO 1.2 specification, section 5.7.6. */
#define W3_GET_CAPSET_INFO	0x0108
#define W3_GET_CAPSET		0x0109
#define W3_CTX_CREATE		0x0200
#define W3_CTX_DESTROY		0x0201
#define W3_CTX_ATTACH		0x0202
#define W3_CTX_DETACH		0x0203
#define W3_CREATE_3D		0x0204
#define W3_TO_HOST_3D		0x0205
#define W3_FROM_HOST_3D		0x0206
#define W3_SUBMIT_3D		0x0207
#define W3_RESP_CAPSET_INFO	0x1102

/* Same size (nothing more or less goes on the wire) and same bytes. */
#define W3_EXPECT_WIRE(test, obj, want, fmt, ...)			\
	do {								\
		KUNIT_EXPECT_EQ_MSG(test, sizeof(*(obj)), sizeof(want),	\
				    "wire size: " fmt, ##__VA_ARGS__);	\
		KUNIT_EXPECT_MEMEQ_MSG(test, obj, want,			\
				       min(sizeof(*(obj)), sizeof(want)), \
				       fmt, ##__VA_ARGS__);		\
	} while (0)

/* ------------------------------------------------------------------ */
/* Contexts */

static void omega_vgpu_wire3d_ctx_create(struct kunit *test)
{
	static const u8 want[96] = {
		W3_HDR(W3_CTX_CREATE, 0x01020304),
		W3_LE32(10),		/* nlen */
		W3_LE32(0),		/* context_init */
		'v', 'i', 'r', 'g', 'l', '_', 't', 'e', 's', 't',
		/* the rest of debug_name is zero, no terminator is sent */
	};
	struct omega_vgpu_ctx_create c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_create(&c, 0x01020304, 0, "virgl_test");
	W3_EXPECT_WIRE(test, &c, want,
		       "CTX_CREATE ctx 0x01020304 name \"virgl_test\"");
}

static void omega_vgpu_wire3d_ctx_create_init(struct kunit *test)
{
	static const u8 want[96] = {
		W3_HDR(W3_CTX_CREATE, 1024),
		W3_LE32(0),		/* nlen: empty name */
		W3_LE32(0x80000002),	/* context_init as given */
	};
	struct omega_vgpu_ctx_create c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_create(&c, 1024, 0x80000002, "");
	W3_EXPECT_WIRE(test, &c, want,
		       "an empty name is nlen 0 and 64 zero bytes");
}

/*
 * A name of exactly OMEGA_VGPU_CTX_NAME_LEN bytes without a terminator, in
 * an allocation of that size: the encoder may not read past it (KASAN
 * reports it in the debug kernel) and sends all of it.
 */
static void omega_vgpu_wire3d_ctx_create_long_name(struct kunit *test)
{
	static const u8 head[32] = {
		W3_HDR(W3_CTX_CREATE, 7),
		W3_LE32(OMEGA_VGPU_CTX_NAME_LEN), W3_LE32(0),
	};
	struct omega_vgpu_ctx_create c;
	u8 want[96];
	char *name;

	name = kunit_kmalloc(test, OMEGA_VGPU_CTX_NAME_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, name);
	memset(name, 'n', OMEGA_VGPU_CTX_NAME_LEN);
	memcpy(want, head, sizeof(head));
	memset(want + sizeof(head), 'n', OMEGA_VGPU_CTX_NAME_LEN);

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_create(&c, 7, 0, name);
	W3_EXPECT_WIRE(test, &c, want,
		       "a 64-byte name fills debug_name, nlen 64");
}

static void omega_vgpu_wire3d_ctx_create_truncated(struct kunit *test)
{
	static const char longer[] =
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefTAIL";
	struct omega_vgpu_ctx_create c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_create(&c, 7, 0, longer);
	KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(c.nlen), OMEGA_VGPU_CTX_NAME_LEN,
			    "nlen is capped at the field's size");
	KUNIT_EXPECT_MEMEQ_MSG(test, c.debug_name, longer,
			       OMEGA_VGPU_CTX_NAME_LEN,
			       "the first 64 bytes of a longer name are sent");
}

static void omega_vgpu_wire3d_ctx_destroy(struct kunit *test)
{
	static const u8 want[24] = { W3_HDR(W3_CTX_DESTROY, 0xfffffffe) };
	struct omega_vgpu_ctx_destroy c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_destroy(&c, 0xfffffffe);
	W3_EXPECT_WIRE(test, &c, want, "CTX_DESTROY is a header with ctx_id");
}

struct omega_vgpu_w3_attach_case {
	const char *desc;
	bool attach;
	u32 ctx, res;
	u8 want[32];
};

static const struct omega_vgpu_w3_attach_case omega_vgpu_w3_attach_cases[] = {
	{ "attach", true, 3, 0x11223344,
	  { W3_HDR(W3_CTX_ATTACH, 3), W3_LE32(0x11223344), W3_LE32(0) } },
	{ "detach", false, 3, 0x11223344,
	  { W3_HDR(W3_CTX_DETACH, 3), W3_LE32(0x11223344), W3_LE32(0) } },
	{ "attach_u32_max", true, U32_MAX, U32_MAX,
	  { W3_HDR(W3_CTX_ATTACH, U32_MAX), W3_LE32(U32_MAX), W3_LE32(0) } },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_attach, omega_vgpu_w3_attach_cases, desc);

static void omega_vgpu_wire3d_ctx_resource(struct kunit *test)
{
	const struct omega_vgpu_w3_attach_case *p = test->param_value;
	struct omega_vgpu_ctx_resource c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_ctx_resource(&c, p->attach, p->ctx, p->res);
	W3_EXPECT_WIRE(test, &c, p->want, "%s ctx %u resource 0x%x",
		       p->attach ? "ATTACH" : "DETACH", p->ctx, p->res);
}

/* ------------------------------------------------------------------ */
/* Resources, transfers, submissions */

static void omega_vgpu_wire3d_create_3d(struct kunit *test)
{
	static const u8 want[72] = {
		W3_HDR(W3_CREATE_3D, 9),
		W3_LE32(0x00abcdef),	/* resource_id: the driver's, not res_handle */
		W3_LE32(2),		/* target */
		W3_LE32(0x40302010),	/* format */
		W3_LE32(0x0a0b0c0d),	/* bind */
		W3_LE32(1920), W3_LE32(1080), W3_LE32(3),	/* w, h, d */
		W3_LE32(6),		/* array_size */
		W3_LE32(14),		/* last_level */
		W3_LE32(32),		/* nr_samples */
		W3_LE32(1),		/* flags */
		W3_LE32(0),		/* padding */
	};
	const struct drm_omega_vgpu_resource_create rc = {
		.target = 2, .format = 0x40302010, .bind = 0x0a0b0c0d,
		.width = 1920, .height = 1080, .depth = 3, .array_size = 6,
		.last_level = 14, .nr_samples = 32, .flags = 1,
		/* guest-side fields: none of them goes on the wire */
		.bo_handle = 0x5555, .res_handle = 0x6666, .size = 0x7777,
		.stride = 0x8888,
	};
	struct omega_vgpu_resource_create_3d c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_create_3d(&c, 9, 0x00abcdef, &rc);
	W3_EXPECT_WIRE(test, &c, want,
		       "RESOURCE_CREATE_3D: every Gallium field le32, in order");
}

struct omega_vgpu_w3_xfer_case {
	const char *desc;
	bool to_host;
	u32 ctx, res;
	struct drm_omega_vgpu_3d_transfer t;
	u8 want[72];
};

static const struct omega_vgpu_w3_xfer_case omega_vgpu_w3_xfer_cases[] = {
	{ "to_host", true, 5, 0x101,
	  { .bo_handle = 0xdead, .box = { 1, 2, 3, 4, 5, 6 }, .level = 7,
	    .offset = 0x12345678, .stride = 256, .layer_stride = 65536 },
	  { W3_HDR(W3_TO_HOST_3D, 5),
	    W3_LE32(1), W3_LE32(2), W3_LE32(3),		/* x y z */
	    W3_LE32(4), W3_LE32(5), W3_LE32(6),		/* w h d */
	    W3_LE64(0x12345678),			/* offset, le64 */
	    W3_LE32(0x101),				/* resource_id */
	    W3_LE32(7), W3_LE32(256), W3_LE32(65536) } },
	{ "from_host", false, 6, 0x202,
	  { .box = { 0, 0, 0, 64, 64, 1 } },
	  { W3_HDR(W3_FROM_HOST_3D, 6),
	    W3_LE32(0), W3_LE32(0), W3_LE32(0),
	    W3_LE32(64), W3_LE32(64), W3_LE32(1),
	    W3_LE64(0), W3_LE32(0x202), W3_LE32(0), W3_LE32(0), W3_LE32(0) } },
	/* the encoder copies; bounding the values is the checks' job */
	{ "all_ones", true, U32_MAX, U32_MAX,
	  { .bo_handle = U32_MAX,
	    .box = { U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX },
	    .level = U32_MAX, .offset = U32_MAX, .stride = U32_MAX,
	    .layer_stride = U32_MAX },
	  { W3_HDR(W3_TO_HOST_3D, U32_MAX),
	    W3_LE32(U32_MAX), W3_LE32(U32_MAX), W3_LE32(U32_MAX),
	    W3_LE32(U32_MAX), W3_LE32(U32_MAX), W3_LE32(U32_MAX),
	    W3_LE64(0x00000000ffffffffULL),	/* zero-extended, not sign */
	    W3_LE32(U32_MAX), W3_LE32(U32_MAX), W3_LE32(U32_MAX),
	    W3_LE32(U32_MAX) } },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_xfer, omega_vgpu_w3_xfer_cases, desc);

static void omega_vgpu_wire3d_transfer_3d(struct kunit *test)
{
	const struct omega_vgpu_w3_xfer_case *p = test->param_value;
	struct omega_vgpu_transfer_host_3d c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_transfer_3d(&c, p->to_host, p->ctx, p->res, &p->t);
	W3_EXPECT_WIRE(test, &c, p->want,
		       "TRANSFER_%s_HOST_3D ctx %u resource 0x%x (bo_handle is not sent)",
		       p->to_host ? "TO" : "FROM", p->ctx, p->res);
}

static void omega_vgpu_wire3d_submit_3d(struct kunit *test)
{
	static const u8 want[32] = {
		W3_HDR(W3_SUBMIT_3D, 42),
		W3_LE32(OMEGA_VGPU_EXECBUF_MAX_SIZE),	/* size */
		W3_LE32(0),				/* padding */
	};
	static const u8 want_small[32] = {
		W3_HDR(W3_SUBMIT_3D, 1), W3_LE32(4), W3_LE32(0),
	};
	struct omega_vgpu_cmd_submit c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_submit_3d(&c, 42, OMEGA_VGPU_EXECBUF_MAX_SIZE);
	W3_EXPECT_WIRE(test, &c, want, "SUBMIT_3D of the largest stream");

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_submit_3d(&c, 1, 4);
	W3_EXPECT_WIRE(test, &c, want_small, "SUBMIT_3D of one dword");
}

/* ------------------------------------------------------------------ */
/* Capsets */

static void omega_vgpu_wire3d_get_capset_info(struct kunit *test)
{
	static const u8 want[32] = {
		W3_HDR(W3_GET_CAPSET_INFO, 0),	/* not a context command */
		W3_LE32(0x07060504), W3_LE32(0),
	};
	struct omega_vgpu_get_capset_info c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_get_capset_info(&c, 0x07060504);
	W3_EXPECT_WIRE(test, &c, want, "GET_CAPSET_INFO index 0x07060504");
}

static void omega_vgpu_wire3d_get_capset(struct kunit *test)
{
	static const u8 want[32] = {
		W3_HDR(W3_GET_CAPSET, 0),
		W3_LE32(2),		/* capset_id */
		W3_LE32(0x01000002),	/* capset_version */
	};
	struct omega_vgpu_get_capset c;

	memset(&c, W3_POISON, sizeof(c));
	omega_vgpu_encode_get_capset(&c, 2, 0x01000002);
	W3_EXPECT_WIRE(test, &c, want, "GET_CAPSET id 2 version 0x01000002");
}

struct omega_vgpu_w3_capset_case {
	const char *desc;
	size_t len;
	u32 size;
	int ret;
};

/* The answer's declared size becomes a kernel allocation: it is bounded. */
static const struct omega_vgpu_w3_capset_case omega_vgpu_w3_capset_cases[] = {
	{ "virgl2", 40, 1376, 0 },
	{ "one_byte", 40, 1, 0 },
	{ "at_max", 40, OMEGA_VGPU_CAPSET_MAX_SIZE, 0 },
	{ "longer_answer", 4096, 308, 0 },
	{ "size_zero", 40, 0, -E2BIG },
	{ "one_past_max", 40, OMEGA_VGPU_CAPSET_MAX_SIZE + 1, -E2BIG },
	{ "size_u32_max", 40, U32_MAX, -E2BIG },
	{ "size_negative_s32", 40, 0x80000000u, -E2BIG },
	{ "one_short", 39, 1376, -EPROTO },
	{ "header_only", 24, 1376, -EPROTO },
	{ "empty", 0, 1376, -EPROTO },
	/* a short answer is reported as such even if its size is bad too */
	{ "short_and_huge", 39, U32_MAX, -EPROTO },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_capset, omega_vgpu_w3_capset_cases, desc);

static void omega_vgpu_wire3d_parse_capset_info(struct kunit *test)
{
	const struct omega_vgpu_w3_capset_case *p = test->param_value;
	const u8 resp[40] = {
		W3_HDR(W3_RESP_CAPSET_INFO, 0),
		W3_LE32(0x0b0a0902),	/* capset_id */
		W3_LE32(0x00020001),	/* capset_max_version */
		W3_LE32(p->size),	/* capset_max_size */
		W3_LE32(0),
	};
	struct omega_vgpu_capset out;
	int ret;

	memset(&out, W3_POISON, sizeof(out));
	ret = omega_vgpu_parse_capset_info((const void *)resp, p->len, &out);
	KUNIT_EXPECT_EQ_MSG(test, ret, p->ret, "%zu bytes, capset size %u",
			    p->len, p->size);
	if (p->ret) {
		KUNIT_EXPECT_EQ_MSG(test, out.id, 0xa5a5a5a5,
				    "nothing is returned from a refused answer");
		KUNIT_EXPECT_EQ(test, out.max_size, 0xa5a5a5a5);
		return;
	}
	KUNIT_EXPECT_EQ_MSG(test, out.id, 0x0b0a0902, "capset_id is le32");
	KUNIT_EXPECT_EQ(test, out.max_version, 0x00020001);
	KUNIT_EXPECT_EQ(test, out.max_size, p->size);
}

/* ------------------------------------------------------------------ */
/* RESOURCE_CREATE */

#define W3_TEX	false
#define W3_BUF	true

struct omega_vgpu_w3_create_case {
	const char *desc;
	bool buffer;		/* start from a buffer instead of a 2D texture */
	size_t field;		/* offset of the __u32 to change */
	u32 value;
	int ret;
	u64 bo_size;		/* expected on success */
};

#define W3_RC(f)	offsetof(struct drm_omega_vgpu_resource_create, f)

static const struct omega_vgpu_w3_create_case omega_vgpu_w3_create_cases[] = {
	{ "texture", W3_TEX, W3_RC(format), 2, 0, 16384 },
	{ "buffer", W3_BUF, W3_RC(format), 64, 0, 4096 },
	/* target */
	{ "target_cube_array", W3_TEX, W3_RC(target), 8, 0, 16384 },
	{ "target_9", W3_TEX, W3_RC(target), 9, -EINVAL },
	{ "target_u32_max", W3_TEX, W3_RC(target), U32_MAX, -EINVAL },
	/* width: texels for textures, bytes for buffers */
	{ "width_zero", W3_TEX, W3_RC(width), 0, -EINVAL },
	{ "width_max", W3_TEX, W3_RC(width), 16384, 0, 16384 },
	{ "width_past_max", W3_TEX, W3_RC(width), 16385, -EINVAL },
	{ "width_u32_max", W3_TEX, W3_RC(width), U32_MAX, -EINVAL },
	{ "buffer_width_max", W3_BUF, W3_RC(width), 1u << 28, 0, 4096 },
	{ "buffer_width_past_max", W3_BUF, W3_RC(width), (1u << 28) + 1,
	  -EINVAL },
	{ "buffer_width_zero", W3_BUF, W3_RC(width), 0, -EINVAL },
	/* height, depth, array_size */
	{ "height_zero", W3_TEX, W3_RC(height), 0, -EINVAL },
	{ "height_max", W3_TEX, W3_RC(height), 16384, 0, 16384 },
	{ "height_past_max", W3_TEX, W3_RC(height), 16385, -EINVAL },
	{ "depth_zero", W3_TEX, W3_RC(depth), 0, -EINVAL },
	{ "depth_max", W3_TEX, W3_RC(depth), 2048, 0, 16384 },
	{ "depth_past_max", W3_TEX, W3_RC(depth), 2049, -EINVAL },
	{ "array_zero", W3_TEX, W3_RC(array_size), 0, -EINVAL },
	{ "array_max", W3_TEX, W3_RC(array_size), 2048, 0, 16384 },
	{ "array_past_max", W3_TEX, W3_RC(array_size), 2049, -EINVAL },
	{ "array_u32_max", W3_TEX, W3_RC(array_size), U32_MAX, -EINVAL },
	/* a buffer is one row, one slice, one layer */
	{ "buffer_height_2", W3_BUF, W3_RC(height), 2, -EINVAL },
	{ "buffer_depth_2", W3_BUF, W3_RC(depth), 2, -EINVAL },
	{ "buffer_array_2", W3_BUF, W3_RC(array_size), 2, -EINVAL },
	/* levels, samples, flags */
	{ "last_level_max", W3_TEX, W3_RC(last_level), 14, 0, 16384 },
	{ "last_level_past_max", W3_TEX, W3_RC(last_level), 15, -EINVAL },
	{ "last_level_u32_max", W3_TEX, W3_RC(last_level), U32_MAX, -EINVAL },
	{ "samples_max", W3_TEX, W3_RC(nr_samples), 32, 0, 16384 },
	{ "samples_past_max", W3_TEX, W3_RC(nr_samples), 33, -EINVAL },
	{ "flag_y_0_top", W3_TEX, W3_RC(flags), 1, 0, 16384 },
	{ "flag_bit_1", W3_TEX, W3_RC(flags), 2, -EINVAL },
	{ "flag_bit_31", W3_TEX, W3_RC(flags), 0x80000000u, -EINVAL },
	/* backing size: page aligned, at least one page, at most 256 MiB */
	{ "size_zero_is_a_page", W3_TEX, W3_RC(size), 0, 0, PAGE_SIZE },
	{ "size_one", W3_TEX, W3_RC(size), 1, 0, PAGE_SIZE },
	{ "size_page", W3_TEX, W3_RC(size), PAGE_SIZE, 0, PAGE_SIZE },
	{ "size_page_plus_one", W3_TEX, W3_RC(size), PAGE_SIZE + 1, 0,
	  2 * PAGE_SIZE },
	{ "size_max", W3_TEX, W3_RC(size), 1u << 28, 0, 1ull << 28 },
	{ "size_past_max", W3_TEX, W3_RC(size), (1u << 28) + 1, -EINVAL },
	{ "size_u32_max", W3_TEX, W3_RC(size), U32_MAX, -EINVAL },
	/* output-only and ignored fields do not matter on input */
	{ "bo_handle_ignored", W3_TEX, W3_RC(bo_handle), U32_MAX, 0, 16384 },
	{ "res_handle_ignored", W3_TEX, W3_RC(res_handle), U32_MAX, 0, 16384 },
	{ "stride_ignored", W3_TEX, W3_RC(stride), U32_MAX, 0, 16384 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_create, omega_vgpu_w3_create_cases, desc);

static void omega_vgpu_wire3d_check_resource_create(struct kunit *test)
{
	const struct omega_vgpu_w3_create_case *p = test->param_value;
	struct drm_omega_vgpu_resource_create rc = {
		.target = 2, .format = 2, .bind = 2, .width = 64, .height = 64,
		.depth = 1, .array_size = 1, .size = 16384,
	};
	u64 bo_size = 0xa5a5a5a5a5a5a5a5ull;
	int ret;

	if (p->buffer) {
		rc.target = OMEGA_VGPU_TARGET_BUFFER;
		rc.width = 4096;
		rc.height = 1;
		rc.size = 4096;
	}
	*(u32 *)((u8 *)&rc + p->field) = p->value;
	ret = omega_vgpu_check_resource_create(&rc, &bo_size);
	KUNIT_EXPECT_EQ_MSG(test, ret, p->ret, "%s: field at %zu = %u",
			    p->buffer ? "buffer" : "texture", p->field,
			    p->value);
	if (p->ret)
		KUNIT_EXPECT_EQ_MSG(test, bo_size, 0xa5a5a5a5a5a5a5a5ull,
				    "bo_size is only written on success");
	else
		KUNIT_EXPECT_EQ(test, bo_size, p->bo_size);
}

/*
 * The backing need not hold the texture: the host bounds every transfer by
 * the backing it was given, so the guest allocates only what was asked.
 * What matters is that a huge texture cannot make the guest allocate more.
 */
static void omega_vgpu_wire3d_check_resource_create_backing(struct kunit *test)
{
	struct drm_omega_vgpu_resource_create rc = {
		.target = 2, .width = 16384, .height = 16384, .depth = 2048,
		.array_size = 2048, .last_level = 14, .nr_samples = 32,
	};
	u64 bo_size = 0;

	KUNIT_EXPECT_EQ(test, omega_vgpu_check_resource_create(&rc, &bo_size),
			0);
	KUNIT_EXPECT_EQ_MSG(test, bo_size, PAGE_SIZE,
			    "backing follows size (0: one page), not the texture");
}

/* Everything at its most hostile at once is refused. */
static void omega_vgpu_wire3d_check_resource_create_all_ones(struct kunit *test)
{
	struct drm_omega_vgpu_resource_create rc;
	u64 bo_size = 0;

	memset(&rc, 0xff, sizeof(rc));
	KUNIT_EXPECT_EQ(test, omega_vgpu_check_resource_create(&rc, &bo_size),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, bo_size, 0);
}

/* ------------------------------------------------------------------ */
/* TRANSFER_TO/FROM_HOST */

struct omega_vgpu_w3_transfer_case {
	const char *desc;
	struct drm_omega_vgpu_3d_box box;
	u32 level, offset, stride, layer_stride;
	u64 bo_size;
	int ret;
};

#define W3_BOX(x, y, z, w, h, d) ((struct drm_omega_vgpu_3d_box){ x, y, z, w, h, d })
#define W3_BOX_1	W3_BOX(0, 0, 0, 64, 64, 1)
#define W3_64K		65536

static const struct omega_vgpu_w3_transfer_case omega_vgpu_w3_transfer_cases[] = {
	{ "whole_texture", W3_BOX_1, 0, 0, 0, 0, W3_64K, 0 },
	/* level */
	{ "level_max", W3_BOX_1, 14, 0, 0, 0, W3_64K, 0 },
	{ "level_past_max", W3_BOX_1, 15, 0, 0, 0, W3_64K, -EINVAL },
	{ "level_u32_max", W3_BOX_1, U32_MAX, 0, 0, 0, W3_64K, -EINVAL },
	/* offset inside the buffer */
	{ "offset_last_byte", W3_BOX_1, 0, W3_64K - 1, 0, 0, W3_64K, 0 },
	{ "offset_at_end", W3_BOX_1, 0, W3_64K, 0, 0, W3_64K, -EINVAL },
	{ "offset_u32_max", W3_BOX_1, 0, U32_MAX, 0, 0, W3_64K, -EINVAL },
	{ "empty_buffer", W3_BOX_1, 0, 0, 0, 0, 0, -EINVAL },
	{ "offset_in_4g_buffer", W3_BOX_1, 0, U32_MAX, 0, 0, 1ull << 32, 0 },
	/* x + w: at most OMEGA_VGPU_MAX_BUFFER, computed without wrapping */
	{ "x_end_at_max", W3_BOX(0, 0, 0, 1u << 28, 1, 1), 0, 0, 0, 0, W3_64K,
	  0 },
	{ "x_end_past_max", W3_BOX(1, 0, 0, 1u << 28, 1, 1), 0, 0, 0, 0,
	  W3_64K, -EINVAL },
	{ "x_wraps_to_zero", W3_BOX(U32_MAX, 0, 0, 1, 1, 1), 0, 0, 0, 0,
	  W3_64K, -EINVAL },
	{ "w_wraps_to_small", W3_BOX(16, 0, 0, U32_MAX - 7, 1, 1), 0, 0, 0, 0,
	  W3_64K, -EINVAL },
	/* y + h: at most 16384 */
	{ "y_end_at_max", W3_BOX(0, 16383, 0, 1, 1, 1), 0, 0, 0, 0, W3_64K, 0 },
	{ "y_end_past_max", W3_BOX(0, 16384, 0, 1, 1, 1), 0, 0, 0, 0, W3_64K,
	  -EINVAL },
	{ "h_past_max", W3_BOX(0, 0, 0, 1, 20000, 1), 0, 0, 0, 0, W3_64K,
	  -EINVAL },
	{ "y_wraps_to_zero", W3_BOX(0, U32_MAX, 0, 1, 1, 1), 0, 0, 0, 0,
	  W3_64K, -EINVAL },
	/* z + d: at most 2048 */
	{ "z_end_at_max", W3_BOX(0, 0, 2047, 1, 1, 1), 0, 0, 0, 0, W3_64K, 0 },
	{ "z_end_past_max", W3_BOX(0, 0, 2048, 1, 1, 1), 0, 0, 0, 0, W3_64K,
	  -EINVAL },
	{ "d_wraps_to_zero", W3_BOX(0, 0, 1, 1, 1, U32_MAX), 0, 0, 0, 0,
	  W3_64K, -EINVAL },
	{ "all_ones", W3_BOX(U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX,
			     U32_MAX), U32_MAX, U32_MAX, U32_MAX, U32_MAX,
	  U64_MAX, -EINVAL },
	/* an empty box names nothing; the host does nothing with it */
	{ "empty_box", W3_BOX(0, 0, 0, 0, 0, 0), 0, 0, 0, 0, W3_64K, 0 },
	/*
	 * Strides are the host's business: it checks the copy against the
	 * backing (see the function's comment), so any value is passed on.
	 */
	{ "stride_u32_max", W3_BOX_1, 0, 0, U32_MAX, U32_MAX, W3_64K, 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_transfer, omega_vgpu_w3_transfer_cases,
		       desc);

static void omega_vgpu_wire3d_check_transfer(struct kunit *test)
{
	const struct omega_vgpu_w3_transfer_case *p = test->param_value;
	const struct drm_omega_vgpu_3d_transfer t = {
		.bo_handle = 1, .box = p->box, .level = p->level,
		.offset = p->offset, .stride = p->stride,
		.layer_stride = p->layer_stride,
	};

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_check_transfer(&t, p->bo_size),
			    p->ret,
			    "box %u,%u,%u %ux%ux%u level %u offset %u in %llu bytes",
			    p->box.x, p->box.y, p->box.z, p->box.w, p->box.h,
			    p->box.d, p->level, p->offset, p->bo_size);
}

/* ------------------------------------------------------------------ */
/* EXECBUFFER */

struct omega_vgpu_w3_execbuf_case {
	const char *desc;
	size_t field;		/* offset of the field to change */
	size_t width;		/* its size: 4 or 8 */
	u64 value;
	int ret;
};

#define W3_EB(f)	offsetof(struct drm_omega_vgpu_execbuffer, f), \
			sizeof_field(struct drm_omega_vgpu_execbuffer, f)

static const struct omega_vgpu_w3_execbuf_case omega_vgpu_w3_execbuf_cases[] = {
	{ "plain", W3_EB(flags), 0, 0 },
	/* flags */
	{ "fence_in", W3_EB(flags), OMEGA_VGPU_EXECBUF_FENCE_FD_IN, 0 },
	{ "fence_out", W3_EB(flags), OMEGA_VGPU_EXECBUF_FENCE_FD_OUT, 0 },
	{ "fence_in_out", W3_EB(flags), OMEGA_VGPU_EXECBUF_FLAGS, 0 },
	{ "ring_idx_flag", W3_EB(flags), OMEGA_VGPU_EXECBUF_RING_IDX, -EINVAL },
	{ "flag_bit_3", W3_EB(flags), 0x8, -EINVAL },
	{ "flag_bit_31", W3_EB(flags), 0x80000000u, -EINVAL },
	{ "flags_u32_max", W3_EB(flags), U32_MAX, -EINVAL },
	/* size of the command stream */
	{ "size_zero", W3_EB(size), 0, -EINVAL },
	{ "size_one", W3_EB(size), 1, 0 },
	{ "size_max", W3_EB(size), OMEGA_VGPU_EXECBUF_MAX_SIZE, 0 },
	{ "size_past_max", W3_EB(size), OMEGA_VGPU_EXECBUF_MAX_SIZE + 1,
	  -EINVAL },
	{ "size_u32_max", W3_EB(size), U32_MAX, -EINVAL },
	/* bo list length */
	{ "bos_max", W3_EB(num_bo_handles), OMEGA_VGPU_EXECBUF_MAX_BOS, 0 },
	{ "bos_past_max", W3_EB(num_bo_handles), OMEGA_VGPU_EXECBUF_MAX_BOS + 1,
	  -EINVAL },
	{ "bos_u32_max", W3_EB(num_bo_handles), U32_MAX, -EINVAL },
	/* rings and syncobjs do not exist here */
	{ "ring_idx", W3_EB(ring_idx), 1, -EINVAL },
	{ "syncobj_stride", W3_EB(syncobj_stride), 8, -EINVAL },
	{ "in_syncobjs_count", W3_EB(num_in_syncobjs), 1, -EINVAL },
	{ "out_syncobjs_count", W3_EB(num_out_syncobjs), 1, -EINVAL },
	{ "in_syncobjs_ptr", W3_EB(in_syncobjs), 1ull << 40, -EINVAL },
	{ "out_syncobjs_ptr", W3_EB(out_syncobjs), 1, -EINVAL },
	/* pointers and fds are checked when they are used, not here */
	{ "command_ptr", W3_EB(command), U64_MAX, 0 },
	{ "bo_handles_ptr", W3_EB(bo_handles), U64_MAX, 0 },
	{ "fence_fd", W3_EB(fence_fd), 0xffffffffu, 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_w3_execbuf, omega_vgpu_w3_execbuf_cases, desc);

static void omega_vgpu_wire3d_check_execbuffer(struct kunit *test)
{
	const struct omega_vgpu_w3_execbuf_case *p = test->param_value;
	struct drm_omega_vgpu_execbuffer eb = {
		.size = 64, .command = 0x1000, .fence_fd = -1,
	};
	u8 *f = (u8 *)&eb + p->field;

	KUNIT_ASSERT_TRUE(test, p->width == 4 || p->width == 8);
	if (p->width == 4)
		*(u32 *)f = p->value;
	else
		*(u64 *)f = p->value;
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_check_execbuffer(&eb), p->ret,
			    "field at %zu = 0x%llx", p->field, p->value);
}

static void omega_vgpu_wire3d_check_execbuffer_all_ones(struct kunit *test)
{
	struct drm_omega_vgpu_execbuffer eb;

	memset(&eb, 0xff, sizeof(eb));
	KUNIT_EXPECT_EQ(test, omega_vgpu_check_execbuffer(&eb), -EINVAL);
}

static struct kunit_case omega_vgpu_wire3d_cases[] = {
	KUNIT_CASE(omega_vgpu_wire3d_ctx_create),
	KUNIT_CASE(omega_vgpu_wire3d_ctx_create_init),
	KUNIT_CASE(omega_vgpu_wire3d_ctx_create_long_name),
	KUNIT_CASE(omega_vgpu_wire3d_ctx_create_truncated),
	KUNIT_CASE(omega_vgpu_wire3d_ctx_destroy),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_ctx_resource,
			 omega_vgpu_w3_attach_gen_params),
	KUNIT_CASE(omega_vgpu_wire3d_create_3d),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_transfer_3d,
			 omega_vgpu_w3_xfer_gen_params),
	KUNIT_CASE(omega_vgpu_wire3d_submit_3d),
	KUNIT_CASE(omega_vgpu_wire3d_get_capset_info),
	KUNIT_CASE(omega_vgpu_wire3d_get_capset),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_parse_capset_info,
			 omega_vgpu_w3_capset_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_check_resource_create,
			 omega_vgpu_w3_create_gen_params),
	KUNIT_CASE(omega_vgpu_wire3d_check_resource_create_backing),
	KUNIT_CASE(omega_vgpu_wire3d_check_resource_create_all_ones),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_check_transfer,
			 omega_vgpu_w3_transfer_gen_params),
	KUNIT_CASE_PARAM(omega_vgpu_wire3d_check_execbuffer,
			 omega_vgpu_w3_execbuf_gen_params),
	KUNIT_CASE(omega_vgpu_wire3d_check_execbuffer_all_ones),
	{}
};

static struct kunit_suite omega_vgpu_wire3d_suite = {
	.name = "omega_vgpu_wire3d",
	.test_cases = omega_vgpu_wire3d_cases,
};

kunit_test_suite(omega_vgpu_wire3d_suite);
