// SPDX-License-Identifier: GPL-2.0
/*
 * Compile-time proof that omega_vgpu's virgl uAPI is binary compatible with
 * Linux's virtgpu_drm.h: same ioctl numbers, struct sizes and field
 * offsets.  VIRTGPU_H names the header to compare against (Makefile: the
 * newest kernel headers' copy, else libdrm's older one, whose structs end
 * earlier: then only the common prefix is compared).  Built, never run.
 */
#include <stddef.h>
#include <stdint.h>

#include "drm/omega_vgpu_drm.h"
#include VIRTGPU_H

#define SAME_NR(ours, theirs) \
	_Static_assert(DRM_OMEGA_VGPU_##ours == DRM_VIRTGPU_##theirs, \
		       #ours " number")
#define SAME_FIELD(ours, theirs, f) \
	_Static_assert(offsetof(struct drm_omega_vgpu_##ours, f) == \
		       offsetof(struct drm_virtgpu_##theirs, f) && \
		       sizeof(((struct drm_omega_vgpu_##ours *)0)->f) == \
		       sizeof(((struct drm_virtgpu_##theirs *)0)->f), \
		       #ours "." #f)
/* Ours may only be longer when the reference header is an older one. */
#define SIZE_OK(ours, theirs) \
	_Static_assert(sizeof(struct drm_omega_vgpu_##ours) >= \
		       sizeof(struct drm_virtgpu_##theirs), #ours " size")
#define SAME_SIZE(ours, theirs) \
	_Static_assert(sizeof(struct drm_omega_vgpu_##ours) == \
		       sizeof(struct drm_virtgpu_##theirs), #ours " size")

SAME_NR(MAP, MAP);
SAME_NR(EXECBUFFER, EXECBUFFER);
SAME_NR(GETPARAM, GETPARAM);
SAME_NR(RESOURCE_CREATE, RESOURCE_CREATE);
SAME_NR(RESOURCE_INFO, RESOURCE_INFO);
SAME_NR(TRANSFER_FROM_HOST, TRANSFER_FROM_HOST);
SAME_NR(TRANSFER_TO_HOST, TRANSFER_TO_HOST);
SAME_NR(WAIT, WAIT);
SAME_NR(GET_CAPS, GET_CAPS);

SAME_SIZE(map, map);
SAME_FIELD(map, map, offset);
SAME_FIELD(map, map, handle);

SIZE_OK(execbuffer, execbuffer);
SAME_FIELD(execbuffer, execbuffer, flags);
SAME_FIELD(execbuffer, execbuffer, size);
SAME_FIELD(execbuffer, execbuffer, command);
SAME_FIELD(execbuffer, execbuffer, bo_handles);
SAME_FIELD(execbuffer, execbuffer, num_bo_handles);
SAME_FIELD(execbuffer, execbuffer, fence_fd);
_Static_assert(OMEGA_VGPU_EXECBUF_FENCE_FD_IN == VIRTGPU_EXECBUF_FENCE_FD_IN, "in");
_Static_assert(OMEGA_VGPU_EXECBUF_FENCE_FD_OUT == VIRTGPU_EXECBUF_FENCE_FD_OUT, "out");

SAME_SIZE(getparam, getparam);
SAME_FIELD(getparam, getparam, param);
SAME_FIELD(getparam, getparam, value);
_Static_assert(OMEGA_VGPU_PARAM_3D_FEATURES == VIRTGPU_PARAM_3D_FEATURES, "3d");
_Static_assert(OMEGA_VGPU_PARAM_CAPSET_QUERY_FIX == VIRTGPU_PARAM_CAPSET_QUERY_FIX,
	       "fix");

SAME_SIZE(resource_create, resource_create);
SAME_FIELD(resource_create, resource_create, target);
SAME_FIELD(resource_create, resource_create, nr_samples);
SAME_FIELD(resource_create, resource_create, flags);
SAME_FIELD(resource_create, resource_create, bo_handle);
SAME_FIELD(resource_create, resource_create, res_handle);
SAME_FIELD(resource_create, resource_create, size);
SAME_FIELD(resource_create, resource_create, stride);

SAME_SIZE(resource_info, resource_info);
SAME_FIELD(resource_info, resource_info, bo_handle);
SAME_FIELD(resource_info, resource_info, res_handle);
SAME_FIELD(resource_info, resource_info, size);

SIZE_OK(3d_transfer, 3d_transfer_to_host);
SIZE_OK(3d_transfer, 3d_transfer_from_host);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, bo_handle);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, box);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, level);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, offset);
SAME_FIELD(3d_transfer, 3d_transfer_from_host, box);
SAME_FIELD(3d_transfer, 3d_transfer_from_host, offset);

SAME_SIZE(3d_wait, 3d_wait);
SAME_FIELD(3d_wait, 3d_wait, handle);
SAME_FIELD(3d_wait, 3d_wait, flags);

SAME_SIZE(get_caps, get_caps);
SAME_FIELD(get_caps, get_caps, cap_set_id);
SAME_FIELD(get_caps, get_caps, cap_set_ver);
SAME_FIELD(get_caps, get_caps, addr);
SAME_FIELD(get_caps, get_caps, size);

#ifdef DRM_IOCTL_VIRTGPU_CONTEXT_INIT	/* only in the newer header */
SAME_NR(CONTEXT_INIT, CONTEXT_INIT);
SAME_SIZE(execbuffer, execbuffer);
SAME_SIZE(3d_transfer, 3d_transfer_to_host);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, stride);
SAME_FIELD(3d_transfer, 3d_transfer_to_host, layer_stride);
SAME_FIELD(execbuffer, execbuffer, ring_idx);
SAME_FIELD(execbuffer, execbuffer, out_syncobjs);
SAME_SIZE(context_init, context_init);
SAME_FIELD(context_init, context_init, num_params);
SAME_FIELD(context_init, context_init, ctx_set_params);
SAME_SIZE(context_set_param, context_set_param);
_Static_assert(OMEGA_VGPU_CONTEXT_PARAM_CAPSET_ID == VIRTGPU_CONTEXT_PARAM_CAPSET_ID,
	       "capset param");
_Static_assert(OMEGA_VGPU_PARAM_SUPPORTED_CAPSET_IDS ==
	       VIRTGPU_PARAM_SUPPORTED_CAPSET_IDs, "capset ids");
_Static_assert(OMEGA_VGPU_PARAM_CONTEXT_INIT == VIRTGPU_PARAM_CONTEXT_INIT, "ctx init");
#endif

int main(void)
{
	return 0;
}
