// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: DRM fourcc to virtio-gpu format mapping (omega_vgpu_format.c).
 * On a little-endian guest a fourcc names a 32-bit word, the virtio format
 * names the bytes in memory order: XRGB8888 is stored B, G, R, X.
 */
#include <kunit/test.h>
#include <drm/drm_fourcc.h>

#include "omega_vgpu_format.c"

struct omega_vgpu_fourcc_case {
	const char *desc;
	u32 fourcc;
	u32 format;
};

#define MAP(f, v)	{ #f, DRM_FORMAT_##f, OMEGA_VGPU_FORMAT_##v }
#define NONE(desc, f)	{ desc, f, 0 }

static const struct omega_vgpu_fourcc_case omega_vgpu_fourcc_cases[] = {
	MAP(XRGB8888, B8G8R8X8_UNORM),
	MAP(ARGB8888, B8G8R8A8_UNORM),
	MAP(BGRX8888, X8R8G8B8_UNORM),
	MAP(BGRA8888, A8R8G8B8_UNORM),
	MAP(XBGR8888, R8G8B8X8_UNORM),
	MAP(ABGR8888, R8G8B8A8_UNORM),
	MAP(RGBX8888, X8B8G8R8_UNORM),
	MAP(RGBA8888, A8B8G8R8_UNORM),
	NONE("RGB565", DRM_FORMAT_RGB565),
	NONE("RGB888", DRM_FORMAT_RGB888),
	NONE("XRGB2101010", DRM_FORMAT_XRGB2101010),
	NONE("C8", DRM_FORMAT_C8),
	NONE("NV12", DRM_FORMAT_NV12),
	NONE("XRGB8888_big_endian", DRM_FORMAT_XRGB8888 | DRM_FORMAT_BIG_ENDIAN),
	NONE("invalid", DRM_FORMAT_INVALID),
	NONE("virtio_code_as_fourcc", OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM),
	NONE("u32_max", U32_MAX),
};

KUNIT_ARRAY_PARAM_DESC(omega_vgpu_fourcc, omega_vgpu_fourcc_cases, desc);

static void omega_vgpu_format_from_fourcc_map(struct kunit *test)
{
	const struct omega_vgpu_fourcc_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_format_from_fourcc(c->fourcc),
			    c->format, "fourcc %p4cc should map to virtio format %u",
			    &c->fourcc, c->format);
}

static void omega_vgpu_format_primary_list(struct kunit *test)
{
	static const u32 want[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888,
		DRM_FORMAT_BGRX8888, DRM_FORMAT_BGRA8888,
		DRM_FORMAT_XBGR8888, DRM_FORMAT_ABGR8888,
		DRM_FORMAT_RGBX8888, DRM_FORMAT_RGBA8888,
	};
	unsigned int i, j, found;

	KUNIT_ASSERT_EQ_MSG(test, omega_vgpu_num_primary_formats,
			    ARRAY_SIZE(want),
			    "expected exactly the 8 32-bit RGB formats");
	KUNIT_EXPECT_EQ_MSG(test, omega_vgpu_primary_formats[0],
			    (u32)DRM_FORMAT_XRGB8888,
			    "XRGB8888 must come first (the preferred format)");

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		found = 0;
		for (j = 0; j < omega_vgpu_num_primary_formats; j++)
			if (omega_vgpu_primary_formats[j] == want[i])
				found++;
		KUNIT_EXPECT_EQ_MSG(test, found, 1,
				    "%p4cc must be listed exactly once", &want[i]);
	}
}

static void omega_vgpu_format_primary_all_map(struct kunit *test)
{
	unsigned int i, j;

	for (i = 0; i < omega_vgpu_num_primary_formats; i++) {
		u32 f = omega_vgpu_primary_formats[i];
		u32 v = omega_vgpu_format_from_fourcc(f);

		KUNIT_EXPECT_NE_MSG(test, v, 0,
				    "advertised %p4cc has no virtio format", &f);
		/* no two fourccs may share a virtio format */
		for (j = 0; j < i; j++) {
			u32 other = omega_vgpu_primary_formats[j];

			KUNIT_EXPECT_NE_MSG(test, v,
					    omega_vgpu_format_from_fourcc(other),
					    "%p4cc and %p4cc map to the same virtio format",
					    &f, &other);
		}
	}
}

static struct kunit_case omega_vgpu_format_cases[] = {
	KUNIT_CASE_PARAM(omega_vgpu_format_from_fourcc_map,
			 omega_vgpu_fourcc_gen_params),
	KUNIT_CASE(omega_vgpu_format_primary_list),
	KUNIT_CASE(omega_vgpu_format_primary_all_map),
	{}
};

static struct kunit_suite omega_vgpu_format_suite = {
	.name = "omega_vgpu_format",
	.test_cases = omega_vgpu_format_cases,
};

kunit_test_suite(omega_vgpu_format_suite);
