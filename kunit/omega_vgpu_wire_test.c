// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the command encoders of omega_vgpu_wire.c, checked byte by byte
 * against hand-written little-endian images of the expected requests.
 *
 * Every struct is filled with a poison pattern before it is encoded, so a
 * field or padding byte the encoder forgets to clear shows up as 0xa5.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/bitmap.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "omega_vgpu_wire.c"

#define POISON	0xa5

/* Little-endian byte images of 32- and 64-bit values, for expected buffers. */
#define LE32(v)	((v) & 0xff), (((v) >> 8) & 0xff), (((v) >> 16) & 0xff), \
		(((v) >> 24) & 0xff)
#define LE64(v)	LE32((u64)(v)), LE32((u64)(v) >> 32)
#define HDR(type) \
	LE32(type), LE32(0), LE64(0), LE32(0), 0, 0, 0, 0

/*
 * The encoded struct must be exactly the expected image: same size (a
 * struct that grew would send extra bytes), same bytes.
 */
#define EXPECT_WIRE(test, obj, want, fmt, ...)				\
	do {								\
		KUNIT_EXPECT_EQ_MSG(test, sizeof(*(obj)), sizeof(want),	\
				    "wire size: " fmt, ##__VA_ARGS__);	\
		KUNIT_EXPECT_MEMEQ_MSG(test, obj, want,			\
				       min(sizeof(*(obj)), sizeof(want)), \
				       fmt, ##__VA_ARGS__);		\
	} while (0)

/* ------------------------------------------------------------------ */
/* Header */

struct omega_vgpu_hdr_case {
	const char *desc;
	u32 type;
};

static const struct omega_vgpu_hdr_case omega_vgpu_hdr_cases[] = {
	{ "GET_DISPLAY_INFO", OMEGA_VGPU_CMD_GET_DISPLAY_INFO },
	{ "GET_EDID", OMEGA_VGPU_CMD_GET_EDID },
	{ "MOVE_CURSOR", OMEGA_VGPU_CMD_MOVE_CURSOR },
	{ "zero", 0 },
	{ "U32_MAX", U32_MAX },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_hdr, omega_vgpu_hdr_cases, desc);

static void omega_vgpu_wire_hdr(struct kunit *test)
{
	const struct omega_vgpu_hdr_case *c = test->param_value;
	struct omega_vgpu_ctrl_hdr hdr;
	u8 want[24] = { 0 };

	want[0] = c->type;
	want[1] = c->type >> 8;
	want[2] = c->type >> 16;
	want[3] = c->type >> 24;
	memset(&hdr, POISON, sizeof(hdr));
	omega_vgpu_encode_hdr(&hdr, c->type);
	EXPECT_WIRE(test, &hdr, want,
		    "expected type 0x%x little-endian, every other byte 0",
		    c->type);
}

/* ------------------------------------------------------------------ */
/* Resource and scanout commands */

static void omega_vgpu_wire_create_2d(struct kunit *test)
{
	static const u8 want[40] = {
		HDR(OMEGA_VGPU_CMD_RESOURCE_CREATE_2D),
		LE32(0x11223344),			/* resource_id */
		LE32(OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM),	/* format */
		LE32(1920), LE32(1080),
	};
	struct omega_vgpu_resource_create_2d c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_create_2d(&c, 0x11223344,
				    OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM, 1920, 1080);
	EXPECT_WIRE(test, &c, want,
		    "RESOURCE_CREATE_2D id 0x11223344 fmt 2 1920x1080");
}

static void omega_vgpu_wire_create_2d_extremes(struct kunit *test)
{
	static const u8 want[40] = {
		HDR(OMEGA_VGPU_CMD_RESOURCE_CREATE_2D),
		LE32(U32_MAX), LE32(0), LE32(U32_MAX), LE32(0x80000000),
	};
	struct omega_vgpu_resource_create_2d c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_create_2d(&c, U32_MAX, 0, U32_MAX, 0x80000000);
	EXPECT_WIRE(test, &c, want,
		    "values are copied unchanged, without clamping");
}

static void omega_vgpu_wire_set_scanout(struct kunit *test)
{
	static const u8 want[48] = {
		HDR(OMEGA_VGPU_CMD_SET_SCANOUT),
		LE32(16), LE32(8), LE32(1024), LE32(768),	/* r */
		LE32(3),					/* scanout_id */
		LE32(0x0a0b0c0d),				/* resource_id */
	};
	const struct omega_vgpu_xfer src = {
		.x = 16, .y = 8, .width = 1024, .height = 768,
		.offset = 0xdeadbeef,	/* not part of SET_SCANOUT */
	};
	struct omega_vgpu_set_scanout c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_set_scanout(&c, 3, 0x0a0b0c0d, &src);
	EXPECT_WIRE(test, &c, want,
		    "SET_SCANOUT scanout 3 resource 0x0a0b0c0d r=16,8 1024x768");
}

static void omega_vgpu_wire_set_scanout_disable(struct kunit *test)
{
	static const u8 want[48] = {
		HDR(OMEGA_VGPU_CMD_SET_SCANOUT),
		LE32(0), LE32(0), LE32(0), LE32(0),
		LE32(15),	/* scanout_id */
		LE32(0),	/* resource_id: 0 disables */
	};
	struct omega_vgpu_set_scanout c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_set_scanout(&c, 15, 42, NULL);
	EXPECT_WIRE(test, &c, want,
		    "a NULL source must give resource 0 and an all-zero rect");
}

static void omega_vgpu_wire_transfer(struct kunit *test)
{
	static const u8 want[56] = {
		HDR(OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D),
		LE32(1), LE32(2), LE32(3), LE32(4),	/* r */
		LE64(0x0102030405060708ULL),		/* offset */
		LE32(77),				/* resource_id */
		LE32(0),				/* padding */
	};
	const struct omega_vgpu_xfer x = {
		.x = 1, .y = 2, .width = 3, .height = 4,
		.offset = 0x0102030405060708ULL,
	};
	struct omega_vgpu_transfer_to_host_2d c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_transfer(&c, 77, &x);
	EXPECT_WIRE(test, &c, want,
		    "TRANSFER_TO_HOST_2D with a 64-bit offset, little-endian");
}

static void omega_vgpu_wire_flush(struct kunit *test)
{
	static const u8 want[48] = {
		HDR(OMEGA_VGPU_CMD_RESOURCE_FLUSH),
		LE32(8191), LE32(0), LE32(1), LE32(8192),
		LE32(0xfffffffe),	/* resource_id */
		LE32(0),
	};
	const struct omega_vgpu_xfer x = {
		.x = 8191, .y = 0, .width = 1, .height = 8192, .offset = 1,
	};
	struct omega_vgpu_resource_flush c;

	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_flush(&c, 0xfffffffe, &x);
	EXPECT_WIRE(test, &c, want,
		    "RESOURCE_FLUSH r=8191,0 1x8192 resource 0xfffffffe");
}

/* ------------------------------------------------------------------ */
/* Cursor */

struct omega_vgpu_cursor_case {
	const char *desc;
	u32 type;
	s32 x, y;
	u8 x_le[4], y_le[4];
};

static const struct omega_vgpu_cursor_case omega_vgpu_cursor_cases[] = {
	{ "update_origin", OMEGA_VGPU_CMD_UPDATE_CURSOR, 0, 0,
	  { LE32(0) }, { LE32(0) } },
	{ "move_positive", OMEGA_VGPU_CMD_MOVE_CURSOR, 640, 0x123456,
	  { LE32(640) }, { LE32(0x123456) } },
	{ "move_minus_one", OMEGA_VGPU_CMD_MOVE_CURSOR, -1, -63,
	  { 0xff, 0xff, 0xff, 0xff }, { 0xc1, 0xff, 0xff, 0xff } },
	{ "update_s32_limits", OMEGA_VGPU_CMD_UPDATE_CURSOR, S32_MIN, S32_MAX,
	  { 0x00, 0x00, 0x00, 0x80 }, { 0xff, 0xff, 0xff, 0x7f } },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_cursor, omega_vgpu_cursor_cases, desc);

static void omega_vgpu_wire_cursor(struct kunit *test)
{
	const struct omega_vgpu_cursor_case *p = test->param_value;
	u8 want[56] = {
		HDR(0),
		LE32(2), 0, 0, 0, 0, 0, 0, 0, 0, LE32(0),	/* pos */
		LE32(0x55), LE32(63), LE32(1), LE32(0),
	};
	struct omega_vgpu_update_cursor c;

	want[0] = p->type;
	want[1] = p->type >> 8;
	memcpy(&want[28], p->x_le, 4);
	memcpy(&want[32], p->y_le, 4);
	memset(&c, POISON, sizeof(c));
	omega_vgpu_encode_cursor(&c, p->type, 2, 0x55, p->x, p->y, 63, 1);
	EXPECT_WIRE(test, &c, want,
		    "type 0x%x at (%d,%d): x and y are two's complement le32",
		    p->type, p->x, p->y);
}

/* ------------------------------------------------------------------ */
/* Memory entries */

/*
 * Fixture: four physically contiguous pages, so the tests know which
 * segments touch.
 */
struct omega_vgpu_wire_ctx {
	struct page *pages;
	phys_addr_t phys;
	struct scatterlist sg[6];
	struct omega_vgpu_mem_entry ents[6];
};

static int omega_vgpu_wire_init(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->pages = alloc_pages(GFP_KERNEL, 2);
	if (!ctx->pages)
		return -ENOMEM;
	ctx->phys = page_to_phys(ctx->pages);
	memset(ctx->ents, POISON, sizeof(ctx->ents));
	test->priv = ctx;
	return 0;
}

static void omega_vgpu_wire_exit(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;

	__free_pages(ctx->pages, 2);
}

static void expect_entry(struct kunit *test, const struct omega_vgpu_mem_entry *e,
			 unsigned int i, u64 addr, u32 len)
{
	KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(e->addr), addr,
			    "entry %u: expected address 0x%llx", i, addr);
	KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(e->length), len,
			    "entry %u: expected length 0x%x", i, len);
	KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(e->padding), 0,
			    "entry %u: padding must be 0", i);
}

static void omega_vgpu_wire_mem_entries_phys_merge(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	struct page *p = ctx->pages;
	int n;

	/* pages 0 and 1 touch; page 3 does not follow page 1 */
	sg_init_table(ctx->sg, 3);
	sg_set_page(&ctx->sg[0], p, PAGE_SIZE, 0);
	sg_set_page(&ctx->sg[1], p + 1, PAGE_SIZE, 0);
	sg_set_page(&ctx->sg[2], p + 3, PAGE_SIZE, 0);

	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 3, false);
	KUNIT_ASSERT_EQ_MSG(test, n, 2,
			    "pages 0+1 merge, page 3 starts a new entry");
	expect_entry(test, &ctx->ents[0], 0, ctx->phys, 2 * PAGE_SIZE);
	expect_entry(test, &ctx->ents[1], 1, ctx->phys + 3 * PAGE_SIZE,
		     PAGE_SIZE);
}

static void omega_vgpu_wire_mem_entries_phys_subpage(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	struct page *p = ctx->pages;
	int n;

	/* byte-granular runs inside and across pages still merge */
	sg_init_table(ctx->sg, 4);
	sg_set_page(&ctx->sg[0], p, 100, 0);
	sg_set_page(&ctx->sg[1], p, PAGE_SIZE - 100, 100);
	sg_set_page(&ctx->sg[2], p + 1, 8, 0);
	sg_set_page(&ctx->sg[3], p + 1, 8, 16);	/* 8-byte gap */

	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 4, false);
	KUNIT_ASSERT_EQ_MSG(test, n, 2, "expected one run + one after the gap");
	expect_entry(test, &ctx->ents[0], 0, ctx->phys, PAGE_SIZE + 8);
	expect_entry(test, &ctx->ents[1], 1, ctx->phys + PAGE_SIZE + 16, 8);
}

static void omega_vgpu_wire_mem_entries_phys_backwards(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	struct page *p = ctx->pages;
	int n;

	/* page 1 then page 0: adjacent in memory but not in list order */
	sg_init_table(ctx->sg, 2);
	sg_set_page(&ctx->sg[0], p + 1, PAGE_SIZE, 0);
	sg_set_page(&ctx->sg[1], p, PAGE_SIZE, 0);

	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 2, false);
	KUNIT_ASSERT_EQ_MSG(test, n, 2,
			    "only a segment that starts where the previous ends merges");
	expect_entry(test, &ctx->ents[0], 0, ctx->phys + PAGE_SIZE, PAGE_SIZE);
	expect_entry(test, &ctx->ents[1], 1, ctx->phys, PAGE_SIZE);
}

/* DMA mode: fake bus addresses; sg->length is set wrong on purpose. */
static void set_dma(struct scatterlist *sg, dma_addr_t addr, u32 len)
{
	sg->dma_address = addr;
	sg_dma_len(sg) = len;
	sg->length = 1;
}

static void omega_vgpu_wire_mem_entries_dma(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	int n;

	sg_init_table(ctx->sg, 5);
	set_dma(&ctx->sg[0], 0x10000000, 0x1000);
	set_dma(&ctx->sg[1], 0x10001000, 0x2000);
	set_dma(&ctx->sg[2], 0x123456000ULL, 0x1000);	/* above 4 GiB */
	set_dma(&ctx->sg[3], 0x123457000ULL, 0x10);
	set_dma(&ctx->sg[4], 0x20000000, 0x1000);

	/* only the first 4 are mapped */
	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 4, true);
	KUNIT_ASSERT_EQ_MSG(test, n, 2,
			    "DMA address/length must be used, and only @nents segments");
	expect_entry(test, &ctx->ents[0], 0, 0x10000000, 0x3000);
	expect_entry(test, &ctx->ents[1], 1, 0x123456000ULL, 0x1010);
	KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(ctx->ents[2].length), 0xa5a5a5a5,
			    "no entry may be written past the returned count");
}

static void omega_vgpu_wire_mem_entries_addr_le(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	static const u8 want[16] = {
		LE64(0x0000123456789000ULL), LE32(0x00abcdef), LE32(0),
	};
	int n;

	sg_init_table(ctx->sg, 1);
	set_dma(&ctx->sg[0], 0x0000123456789000ULL, 0x00abcdef);
	n = omega_vgpu_encode_mem_entries(ctx->ents, 1, ctx->sg, 1, true);
	KUNIT_ASSERT_EQ(test, n, 1);
	EXPECT_WIRE(test, &ctx->ents[0], want,
		    "mem_entry is le64 addr, le32 length, le32 0");
}

struct omega_vgpu_e2big_case {
	const char *desc;
	bool contiguous;
	unsigned int nents;
	unsigned int max;
	int want;
};

static const struct omega_vgpu_e2big_case omega_vgpu_e2big_cases[] = {
	{ "scattered_fits_exactly", false, 3, 3, 3 },
	{ "scattered_one_too_many", false, 3, 2, -E2BIG },
	{ "scattered_max_zero", false, 1, 0, -E2BIG },
	{ "contiguous_needs_one", true, 5, 1, 1 },
	{ "contiguous_max_zero", true, 5, 0, -E2BIG },
	{ "empty_list", false, 0, 0, 0 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_e2big, omega_vgpu_e2big_cases, desc);

static void omega_vgpu_wire_mem_entries_capacity(struct kunit *test)
{
	const struct omega_vgpu_e2big_case *p = test->param_value;
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	unsigned int i;
	int n;

	sg_init_table(ctx->sg, 5);
	for (i = 0; i < 5; i++)
		set_dma(&ctx->sg[i], 0x40000000 + i * (p->contiguous ? 0x1000 : 0x3000),
			0x1000);
	n = omega_vgpu_encode_mem_entries(ctx->ents, p->max, ctx->sg,
					  p->nents, true);
	KUNIT_EXPECT_EQ_MSG(test, n, p->want,
			    "%u %s segments into %u entries",
			    p->nents, p->contiguous ? "contiguous" : "scattered",
			    p->max);
	for (i = p->max; i < ARRAY_SIZE(ctx->ents); i++)
		KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(ctx->ents[i].length),
				    0xa5a5a5a5,
				    "entry %u written beyond max %u", i, p->max);
}

/* A run longer than an le32 can describe must be split, not truncated. */
static void omega_vgpu_wire_mem_entries_length_overflow(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	u64 total = 0;
	int n, i;

	sg_init_table(ctx->sg, 2);
	set_dma(&ctx->sg[0], 0x100000000ULL, 0xffff0000);
	set_dma(&ctx->sg[1], 0x1ffff0000ULL, 0x20000);
	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 2, true);
	KUNIT_ASSERT_GT_MSG(test, n, 0, "expected entries, got %d", n);
	for (i = 0; i < n; i++)
		total += le32_to_cpu(ctx->ents[i].length);
	KUNIT_EXPECT_EQ_MSG(test, total, 0xffff0000ULL + 0x20000,
			    "the entries must cover every byte exactly once");
	KUNIT_EXPECT_EQ(test, n, 2);
}

/* A segment ending at the top of the address space does not touch 0. */
static void omega_vgpu_wire_mem_entries_addr_wrap(struct kunit *test)
{
	struct omega_vgpu_wire_ctx *ctx = test->priv;
	int n;

	sg_init_table(ctx->sg, 2);
	set_dma(&ctx->sg[0], (dma_addr_t)0xfffffffffffff000ULL, 0x1000);
	set_dma(&ctx->sg[1], 0, 0x1000);
	n = omega_vgpu_encode_mem_entries(ctx->ents, 6, ctx->sg, 2, true);
	KUNIT_ASSERT_EQ_MSG(test, n, 2,
			    "a run may not wrap from the last page to address 0");
	expect_entry(test, &ctx->ents[1], 1, 0, 0x1000);
}

/* ------------------------------------------------------------------ */
/* Request decoding (for traces): what the encoders wrote comes back */

struct omega_vgpu_decode_case {
	const char *desc;
	void (*build)(void *buf);	/* writes the request */
	size_t len;			/* bytes of the request */
	struct omega_vgpu_req_info want;
};

static const struct omega_vgpu_xfer decode_x = {
	.x = 11, .y = 22, .width = 33, .height = 44, .offset = 55,
};

static void build_create_2d(void *buf)
{
	omega_vgpu_encode_create_2d(buf, 7, 2, 640, 480);
}

static void build_set_scanout(void *buf)
{
	omega_vgpu_encode_set_scanout(buf, 3, 8, &decode_x);
}

static void build_set_scanout_off(void *buf)
{
	omega_vgpu_encode_set_scanout(buf, 4, 8, NULL);
}

static void build_flush(void *buf)
{
	omega_vgpu_encode_flush(buf, 9, &decode_x);
}

static void build_transfer(void *buf)
{
	omega_vgpu_encode_transfer(buf, 10, &decode_x);
}

static void build_update_cursor(void *buf)
{
	omega_vgpu_encode_cursor(buf, OMEGA_VGPU_CMD_UPDATE_CURSOR, 1, 12,
				 100, 200, 3, 4);
}

static void build_move_cursor(void *buf)
{
	omega_vgpu_encode_cursor(buf, OMEGA_VGPU_CMD_MOVE_CURSOR, 2, 0,
				 -5, -6, 0, 0);
}

static void build_get_edid(void *buf)
{
	struct omega_vgpu_get_edid *c = buf;

	omega_vgpu_encode_hdr(&c->hdr, OMEGA_VGPU_CMD_GET_EDID);
	c->scanout = cpu_to_le32(5);
}

/* UNREF, ATTACH_BACKING and DETACH_BACKING share this layout. */
static void build_res_cmd(void *buf, u32 type)
{
	struct omega_vgpu_resource_unref *c = buf;

	omega_vgpu_encode_hdr(&c->hdr, type);
	c->resource_id = cpu_to_le32(13);
	c->padding = cpu_to_le32(2);	/* nr_entries for ATTACH_BACKING */
}

static void build_unref(void *buf)
{
	build_res_cmd(buf, OMEGA_VGPU_CMD_RESOURCE_UNREF);
}

static void build_attach(void *buf)
{
	build_res_cmd(buf, OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING);
}

static void build_detach(void *buf)
{
	build_res_cmd(buf, OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING);
}

static void build_display_info(void *buf)
{
	omega_vgpu_encode_hdr(buf, OMEGA_VGPU_CMD_GET_DISPLAY_INFO);
}

static void build_unknown(void *buf)
{
	omega_vgpu_encode_hdr(buf, 0x4242);
}

#define INFO(t, id, sc, x, y, w, h) \
	{ .type = OMEGA_VGPU_CMD_##t, .res_id = id, .scanout = sc, \
	  .rect = { x, y, w, h } }
#define NOSC	U32_MAX

static const struct omega_vgpu_decode_case omega_vgpu_decode_cases[] = {
	{ "create_2d", build_create_2d, 40,
	  INFO(RESOURCE_CREATE_2D, 7, NOSC, 0, 0, 640, 480) },
	{ "set_scanout", build_set_scanout, 48,
	  INFO(SET_SCANOUT, 8, 3, 11, 22, 33, 44) },
	{ "set_scanout_disable", build_set_scanout_off, 48,
	  INFO(SET_SCANOUT, 0, 4, 0, 0, 0, 0) },
	{ "flush", build_flush, 48,
	  INFO(RESOURCE_FLUSH, 9, NOSC, 11, 22, 33, 44) },
	{ "transfer", build_transfer, 56,
	  INFO(TRANSFER_TO_HOST_2D, 10, NOSC, 11, 22, 33, 44) },
	{ "update_cursor", build_update_cursor, 56,
	  INFO(UPDATE_CURSOR, 12, 1, 100, 200, 0, 0) },
	{ "move_cursor_negative", build_move_cursor, 56,
	  INFO(MOVE_CURSOR, 0, 2, (u32)-5, (u32)-6, 0, 0) },
	{ "get_edid", build_get_edid, 32, INFO(GET_EDID, 0, 5, 0, 0, 0, 0) },
	{ "unref", build_unref, 32, INFO(RESOURCE_UNREF, 13, NOSC, 0, 0, 0, 0) },
	{ "attach_backing", build_attach, 32,
	  INFO(RESOURCE_ATTACH_BACKING, 13, NOSC, 0, 0, 0, 0) },
	{ "detach_backing", build_detach, 32,
	  INFO(RESOURCE_DETACH_BACKING, 13, NOSC, 0, 0, 0, 0) },
	{ "get_display_info", build_display_info, 24,
	  INFO(GET_DISPLAY_INFO, 0, NOSC, 0, 0, 0, 0) },
	{ "unknown_type", build_unknown, 24, { .type = 0x4242, .scanout = NOSC } },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_decode, omega_vgpu_decode_cases, desc);

static void expect_info(struct kunit *test, const struct omega_vgpu_req_info *got,
			const struct omega_vgpu_req_info *want, const char *what)
{
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, got->type, want->type, "%s: type", what);
	KUNIT_EXPECT_EQ_MSG(test, got->res_id, want->res_id, "%s: res_id", what);
	KUNIT_EXPECT_EQ_MSG(test, got->scanout, want->scanout,
			    "%s: scanout (U32_MAX when the type has none)", what);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ_MSG(test, got->rect[i], want->rect[i],
				    "%s: rect[%u] (x, y, w, h)", what, i);
	KUNIT_EXPECT_EQ_MSG(test, got->fence, want->fence, "%s: fence", what);
}

static void omega_vgpu_wire_decode_req(struct kunit *test)
{
	const struct omega_vgpu_decode_case *c = test->param_value;
	struct omega_vgpu_req_info info;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, 128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	c->build(buf);

	memset(&info, 0xa5, sizeof(info));
	ret = omega_vgpu_decode_req(buf, c->len, &info);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "%s: %zu bytes is a whole request",
			    c->desc, c->len);
	expect_info(test, &info, &c->want, c->desc);

	/* one byte short of the type's struct is a protocol error */
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_decode_req(buf, c->len - 1, &info),
			    -EPROTO, "%s: %zu bytes is one short", c->desc,
			    c->len - 1);
}

static void omega_vgpu_wire_decode_req_fence(struct kunit *test)
{
	struct omega_vgpu_resource_flush c;
	const struct omega_vgpu_xfer x = { 0, 0, 1, 1, 0 };
	struct omega_vgpu_req_info info;

	omega_vgpu_encode_flush(&c, 1, &x);
	c.hdr.fence_id = cpu_to_le64(0x1122334455667788ULL);
	KUNIT_ASSERT_EQ(test, omega_vgpu_decode_req(&c, sizeof(c), &info), 0);
	KUNIT_EXPECT_EQ_MSG(test, info.fence, 0,
			    "fence_id without FLAG_FENCE must read as 0");

	c.hdr.flags = cpu_to_le32(OMEGA_VGPU_FLAG_FENCE);
	KUNIT_ASSERT_EQ(test, omega_vgpu_decode_req(&c, sizeof(c), &info), 0);
	KUNIT_EXPECT_EQ_MSG(test, info.fence, 0x1122334455667788ULL,
			    "FLAG_FENCE: fence is the le64 fence_id");
}

static void omega_vgpu_wire_decode_req_short(struct kunit *test)
{
	static const size_t lens[] = { 0, 1, 23 };
	struct omega_vgpu_req_info info;
	u8 buf[24] = { 0x05, 0x01 };	/* TRANSFER_TO_HOST_2D */
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		memset(&info, 0xa5, sizeof(info));
		KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_decode_req(buf, lens[i], &info),
				    -EPROTO, "%zu bytes cannot hold a header", lens[i]);
		KUNIT_EXPECT_EQ_MSG(test, info.type, 0,
				    "info must be cleared even on -EPROTO");
		KUNIT_EXPECT_EQ(test, info.scanout, U32_MAX);
	}
}

/* ------------------------------------------------------------------ */
/* Per-command slots */

struct omega_vgpu_slot_case {
	const char *desc;
	u32 type;
	int slot;
};

static const struct omega_vgpu_slot_case omega_vgpu_slot_cases[] = {
	{ "GET_DISPLAY_INFO", OMEGA_VGPU_CMD_GET_DISPLAY_INFO, 0 },
	{ "TRANSFER_TO_HOST_2D", OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D, 5 },
	{ "SET_SCANOUT_BLOB", OMEGA_VGPU_CMD_SET_SCANOUT_BLOB, 13 },
	{ "CTX_CREATE", OMEGA_VGPU_CMD_CTX_CREATE, 16 },
	{ "RESOURCE_UNMAP_BLOB", OMEGA_VGPU_CMD_RESOURCE_UNMAP_BLOB, 25 },
	{ "UPDATE_CURSOR", OMEGA_VGPU_CMD_UPDATE_CURSOR, 28 },
	{ "MOVE_CURSOR", OMEGA_VGPU_CMD_MOVE_CURSOR, 29 },
	{ "zero", 0, -1 },
	{ "below_2d", 0x00ff, -1 },
	{ "after_2d", 0x010e, -1 },
	{ "after_3d", 0x020a, -1 },
	{ "after_cursor", 0x0302, -1 },
	{ "OK_NODATA", OMEGA_VGPU_RESP_OK_NODATA, -1 },
	{ "ERR_UNSPEC", OMEGA_VGPU_RESP_ERR_UNSPEC, -1 },
	{ "u32_max", U32_MAX, -1 },
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_slot, omega_vgpu_slot_cases, desc);

static void omega_vgpu_wire_cmd_slot(struct kunit *test)
{
	const struct omega_vgpu_slot_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_cmd_slot(c->type), c->slot,
			    "type 0x%x", c->type);
}

static void omega_vgpu_wire_cmd_slot_distinct(struct kunit *test)
{
	static const u32 ranges[][2] = {
		{ OMEGA_VGPU_CMD_GET_DISPLAY_INFO, OMEGA_VGPU_CMD_SET_SCANOUT_BLOB },
		{ OMEGA_VGPU_CMD_CTX_CREATE, OMEGA_VGPU_CMD_RESOURCE_UNMAP_BLOB },
		{ OMEGA_VGPU_CMD_UPDATE_CURSOR, OMEGA_VGPU_CMD_MOVE_CURSOR },
	};
	DECLARE_BITMAP(used, OMEGA_VGPU_CMD_SLOTS) = { 0 };
	unsigned int r;
	u32 t;

	for (r = 0; r < ARRAY_SIZE(ranges); r++) {
		for (t = ranges[r][0]; t <= ranges[r][1]; t++) {
			int slot = omega_vgpu_cmd_slot(t);

			KUNIT_ASSERT_GE_MSG(test, slot, 0, "command 0x%x has no slot", t);
			KUNIT_ASSERT_LT_MSG(test, slot, OMEGA_VGPU_CMD_SLOTS,
					    "command 0x%x: slot past the table", t);
			KUNIT_EXPECT_FALSE_MSG(test, test_bit(slot, used),
					       "command 0x%x shares slot %d", t, slot);
			__set_bit(slot, used);
		}
	}
}

static struct kunit_case omega_vgpu_wire_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_wire_hdr, omega_vgpu_hdr_gen_params),
	KUNIT_CASE(omega_vgpu_wire_create_2d),
	KUNIT_CASE(omega_vgpu_wire_create_2d_extremes),
	KUNIT_CASE(omega_vgpu_wire_set_scanout),
	KUNIT_CASE(omega_vgpu_wire_set_scanout_disable),
	KUNIT_CASE(omega_vgpu_wire_transfer),
	KUNIT_CASE(omega_vgpu_wire_flush),
	KUNIT_CASE_PARAM(omega_vgpu_wire_cursor, omega_vgpu_cursor_gen_params),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_phys_merge),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_phys_subpage),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_phys_backwards),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_dma),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_addr_le),
	KUNIT_CASE_PARAM(omega_vgpu_wire_mem_entries_capacity,
			 omega_vgpu_e2big_gen_params),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_length_overflow),
	KUNIT_CASE(omega_vgpu_wire_mem_entries_addr_wrap),
	KUNIT_CASE_PARAM(omega_vgpu_wire_decode_req, omega_vgpu_decode_gen_params),
	KUNIT_CASE(omega_vgpu_wire_decode_req_fence),
	KUNIT_CASE(omega_vgpu_wire_decode_req_short),
	KUNIT_CASE_PARAM(omega_vgpu_wire_cmd_slot, omega_vgpu_slot_gen_params),
	KUNIT_CASE(omega_vgpu_wire_cmd_slot_distinct),
	{}
};

static struct kunit_suite omega_vgpu_wire_suite = {
	.name = "omega_vgpu_wire",
	.init = omega_vgpu_wire_init,
	.exit = omega_vgpu_wire_exit,
	.test_cases = omega_vgpu_wire_cases,
};

kunit_test_suite(omega_vgpu_wire_suite);
