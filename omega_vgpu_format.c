// SPDX-License-Identifier: GPL-2.0
/*
 * DRM fourccs name a pixel as a little-endian word; virtio-gpu formats name
 * the bytes in memory order.  On a little-endian guest XRGB8888 (word
 * 0xXXRRGGBB) is therefore stored B, G, R, X: B8G8R8X8.
 */
#include <drm/drm_fourcc.h>

#include "omega_vgpu_drv.h"

struct omega_vgpu_format_map {
	u32 fourcc;
	u32 virtio;
};

static const struct omega_vgpu_format_map omega_vgpu_formats[] = {
	{ DRM_FORMAT_XRGB8888, OMEGA_VGPU_FORMAT_B8G8R8X8_UNORM },
	{ DRM_FORMAT_ARGB8888, OMEGA_VGPU_FORMAT_B8G8R8A8_UNORM },
	{ DRM_FORMAT_BGRX8888, OMEGA_VGPU_FORMAT_X8R8G8B8_UNORM },
	{ DRM_FORMAT_BGRA8888, OMEGA_VGPU_FORMAT_A8R8G8B8_UNORM },
	{ DRM_FORMAT_XBGR8888, OMEGA_VGPU_FORMAT_R8G8B8X8_UNORM },
	{ DRM_FORMAT_ABGR8888, OMEGA_VGPU_FORMAT_R8G8B8A8_UNORM },
	{ DRM_FORMAT_RGBX8888, OMEGA_VGPU_FORMAT_X8B8G8R8_UNORM },
	{ DRM_FORMAT_RGBA8888, OMEGA_VGPU_FORMAT_A8B8G8R8_UNORM },
};

const u32 omega_vgpu_primary_formats[] = {
	DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888,
	DRM_FORMAT_BGRX8888, DRM_FORMAT_BGRA8888,
	DRM_FORMAT_XBGR8888, DRM_FORMAT_ABGR8888,
	DRM_FORMAT_RGBX8888, DRM_FORMAT_RGBA8888,
};

const unsigned int omega_vgpu_num_primary_formats =
	ARRAY_SIZE(omega_vgpu_primary_formats);

/**
 * omega_vgpu_format_from_fourcc - virtio format for a DRM fourcc
 * @fourcc: DRM_FORMAT_* code
 *
 * Return: the virtio-gpu format, or 0 when the device has no equivalent.
 */
u32 omega_vgpu_format_from_fourcc(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(omega_vgpu_formats); i++)
		if (omega_vgpu_formats[i].fourcc == fourcc)
			return omega_vgpu_formats[i].virtio;
	return 0;
}
