/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * omega_vgpu userspace ABI.
 *
 * Driver-private ioctl numbers 0x00-0x1f (relative to DRM_COMMAND_BASE) are
 * reserved for the virgl uAPI, which stays binary compatible with Linux's
 * virtgpu_drm.h.  omega_vgpu's own ioctls start at 0x20.
 *
 * ARL ("AR layers"): a container runtime grants a cgroup v2 subtree the
 * right to draw into one rectangle (viewport) of one CRTC without being DRM
 * master.  See Documentation/arl.rst for the model, the threat model and
 * the errno of every refusal.
 *
 * Every struct has explicit padding; every pad and reserved field must be
 * zero on input (-EINVAL otherwise) and is zero on output.
 */
#ifndef _UAPI_OMEGA_VGPU_DRM_H
#define _UAPI_OMEGA_VGPU_DRM_H

#ifdef __KERNEL__
#include <drm/drm.h>
#else
#include "drm.h"
#endif

#if defined(__cplusplus)
extern "C" {
#endif

/*
 * virgl (3D) ioctls: numbers, layouts and semantics of Linux's
 * virtgpu_drm.h, so that Mesa's virgl winsys runs unmodified.  See
 * Documentation/virgl.rst.  0x0a (RESOURCE_CREATE_BLOB) is not provided.
 */
#define DRM_OMEGA_VGPU_MAP		0x01
#define DRM_OMEGA_VGPU_EXECBUFFER	0x02
#define DRM_OMEGA_VGPU_GETPARAM		0x03
#define DRM_OMEGA_VGPU_RESOURCE_CREATE	0x04
#define DRM_OMEGA_VGPU_RESOURCE_INFO	0x05
#define DRM_OMEGA_VGPU_TRANSFER_FROM_HOST	0x06
#define DRM_OMEGA_VGPU_TRANSFER_TO_HOST	0x07
#define DRM_OMEGA_VGPU_WAIT		0x08
#define DRM_OMEGA_VGPU_GET_CAPS		0x09
#define DRM_OMEGA_VGPU_CONTEXT_INIT	0x0b

#define DRM_OMEGA_VGPU_ARL_GRANT	0x20
#define DRM_OMEGA_VGPU_ARL_REVOKE	0x21
#define DRM_OMEGA_VGPU_ARL_QUERY	0x22
#define DRM_OMEGA_VGPU_ARL_LIST		0x23
#define DRM_OMEGA_VGPU_ARL_PRESENT	0x24

/* Rights a grant can carry. */
#define OMEGA_VGPU_ARL_RIGHT_PRESENT	(1u << 0)	/* copy pixels into the viewport */
#define OMEGA_VGPU_ARL_RIGHT_QUERY	(1u << 1)	/* see own viewport, budgets, usage */
#define OMEGA_VGPU_ARL_RIGHT_CURSOR	(1u << 2)	/* reserved for a cursor ioctl; grantable */
#define OMEGA_VGPU_ARL_RIGHT_RENDER	(1u << 3)	/* submit 3D work (virgl EXECBUFFER) */
#define OMEGA_VGPU_ARL_RIGHTS_VALID	(OMEGA_VGPU_ARL_RIGHT_PRESENT | \
					 OMEGA_VGPU_ARL_RIGHT_QUERY | \
					 OMEGA_VGPU_ARL_RIGHT_CURSOR | \
					 OMEGA_VGPU_ARL_RIGHT_RENDER)

/* Size of the grant table: a grant beyond it fails with -ENOSPC. */
#define OMEGA_VGPU_ARL_MAX_GRANTS	64
/* max_inflight: 0 selects the default, larger values are refused. */
#define OMEGA_VGPU_ARL_DEFAULT_INFLIGHT	4
#define OMEGA_VGPU_ARL_MAX_INFLIGHT	64

/**
 * struct drm_omega_vgpu_arl_rect - a rectangle in pixels
 * @x: left column
 * @y: top row
 * @width: columns, > 0
 * @height: rows, > 0
 */
struct drm_omega_vgpu_arl_rect {
	__u32 x;
	__u32 y;
	__u32 width;
	__u32 height;
};

/**
 * struct drm_omega_vgpu_arl_grant - DRM_IOCTL_OMEGA_VGPU_ARL_GRANT
 * @cgroup_fd: in: open fd of a cgroup v2 directory; the grant covers it
 *	and its descendants
 * @rights: in: OMEGA_VGPU_ARL_RIGHT_* bits
 * @crtc_id: in: KMS object id of the CRTC
 * @max_inflight: in: presents and 3D submissions not yet processed by the
 *	host, together, 0 = default
 * @viewport: in: rectangle in CRTC coordinates
 * @max_bytes_per_sec: in: bytes presented per second, 0 = unlimited
 * @cgroup_id: out: the cgroup's id (its inode number in cgroupfs)
 * @reserved: must be zero
 *
 * Only the DRM master or a CAP_SYS_ADMIN caller may grant.  A cgroup holds
 * at most one grant: granting it again fails with -EEXIST (revoke first).
 */
struct drm_omega_vgpu_arl_grant {
	__s32 cgroup_fd;
	__u32 rights;
	__u32 crtc_id;
	__u32 max_inflight;
	struct drm_omega_vgpu_arl_rect viewport;
	__u64 max_bytes_per_sec;
	__u64 cgroup_id;
	__u64 reserved[2];
};

/**
 * struct drm_omega_vgpu_arl_revoke - DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE
 * @cgroup_fd: in: cgroup directory fd, or -1 to name the cgroup by @cgroup_id
 * @pad: must be zero
 * @cgroup_id: in when @cgroup_fd is -1 (a removed cgroup can still be
 *	revoked), out otherwise
 * @reserved: must be zero
 *
 * Takes effect at once: no present that starts after this returns passes
 * the rights check.  Presents already past it complete.
 */
struct drm_omega_vgpu_arl_revoke {
	__s32 cgroup_fd;
	__u32 pad;
	__u64 cgroup_id;
	__u64 reserved[2];
};

/**
 * struct drm_omega_vgpu_arl_entry - one grant as QUERY and LIST report it
 * @cgroup_id: the granted cgroup
 * @rights: OMEGA_VGPU_ARL_RIGHT_* bits
 * @crtc_id: CRTC
 * @viewport: rectangle in CRTC coordinates
 * @max_inflight: in-flight budget
 * @inflight: presents and 3D submissions the host has not processed yet
 * @max_bytes_per_sec: byte budget, 0 = unlimited
 * @peak_inflight: most presents and 3D submissions ever in flight at once
 * @pad: zero
 * @presents: presents accepted
 * @bytes: bytes presented
 * @denials: requests under this grant refused
 * @reserved: zero
 */
struct drm_omega_vgpu_arl_entry {
	__u64 cgroup_id;
	__u32 rights;
	__u32 crtc_id;
	struct drm_omega_vgpu_arl_rect viewport;
	__u32 max_inflight;
	__u32 inflight;
	__u64 max_bytes_per_sec;
	__u32 peak_inflight;
	__u32 pad;
	__u64 presents;
	__u64 bytes;
	__u64 denials;
	__u64 reserved[2];
};

/**
 * struct drm_omega_vgpu_arl_query - DRM_IOCTL_OMEGA_VGPU_ARL_QUERY
 * @flags: must be zero
 * @pad: must be zero
 * @caller_cgroup_id: out: the caller's cgroup v2 id
 * @grant: out: the grant that covers the caller (the one of its nearest
 *	ancestor); all zero if none.  Without OMEGA_VGPU_ARL_RIGHT_QUERY
 *	only @grant.cgroup_id and @grant.rights are filled in.
 * @reserved: must be zero
 *
 * Anyone may ask; the answer is only ever about the caller's own cgroup.
 */
struct drm_omega_vgpu_arl_query {
	__u32 flags;
	__u32 pad;
	__u64 caller_cgroup_id;
	struct drm_omega_vgpu_arl_entry grant;
	__u64 reserved[2];
};

/**
 * struct drm_omega_vgpu_arl_list - DRM_IOCTL_OMEGA_VGPU_ARL_LIST
 * @entries_ptr: in: user pointer to @count struct drm_omega_vgpu_arl_entry
 * @count: in: capacity of @entries_ptr; out: number of grants (may be more
 *	than were written)
 * @flags: must be zero
 * @reserved: must be zero
 *
 * Only the DRM master or a CAP_SYS_ADMIN caller may list.
 */
struct drm_omega_vgpu_arl_list {
	__u64 entries_ptr;
	__u32 count;
	__u32 flags;
	__u64 reserved[2];
};

/**
 * struct drm_omega_vgpu_arl_present - DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT
 * @handle: GEM handle of the source (dumb buffer or PRIME import)
 * @format: DRM fourcc of the source: XRGB8888 or ARGB8888
 * @pitch: bytes per source row (multiple of 4)
 * @offset: byte offset of the source's pixel (0, 0) in the buffer
 * @src: source rectangle in source pixels
 * @crtc_id: CRTC to present on (the grant's)
 * @dst_x: destination column in CRTC coordinates
 * @dst_y: destination row in CRTC coordinates
 * @flags: must be zero
 * @reserved: must be zero
 *
 * Copies @src into the framebuffer the CRTC scans out, at (@dst_x, @dst_y),
 * replacing the pixels (no blending, no scaling), and shows that rectangle.
 * The whole destination must lie inside the caller's viewport: nothing is
 * clipped.  Returns once the update is queued to the host.
 */
struct drm_omega_vgpu_arl_present {
	__u32 handle;
	__u32 format;
	__u32 pitch;
	__u32 offset;
	struct drm_omega_vgpu_arl_rect src;
	__u32 crtc_id;
	__u32 dst_x;
	__u32 dst_y;
	__u32 flags;
	__u64 reserved[2];
};

#define DRM_IOCTL_OMEGA_VGPU_ARL_GRANT \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_ARL_GRANT, \
		 struct drm_omega_vgpu_arl_grant)
#define DRM_IOCTL_OMEGA_VGPU_ARL_REVOKE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_ARL_REVOKE, \
		 struct drm_omega_vgpu_arl_revoke)
#define DRM_IOCTL_OMEGA_VGPU_ARL_QUERY \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_ARL_QUERY, \
		 struct drm_omega_vgpu_arl_query)
#define DRM_IOCTL_OMEGA_VGPU_ARL_LIST \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_ARL_LIST, \
		 struct drm_omega_vgpu_arl_list)
#define DRM_IOCTL_OMEGA_VGPU_ARL_PRESENT \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_ARL_PRESENT, \
		 struct drm_omega_vgpu_arl_present)

/* ---------------------------------------------------------------------
 * virgl
 */

/**
 * struct drm_omega_vgpu_map - DRM_IOCTL_OMEGA_VGPU_MAP
 * @offset: out: pass to mmap() on the DRM fd
 * @handle: in: GEM handle
 * @pad: ignored
 */
struct drm_omega_vgpu_map {
	__u64 offset;
	__u32 handle;
	__u32 pad;
};

#define OMEGA_VGPU_EXECBUF_FENCE_FD_IN	0x01	/* wait for @fence_fd first */
#define OMEGA_VGPU_EXECBUF_FENCE_FD_OUT	0x02	/* return a sync_file in @fence_fd */
#define OMEGA_VGPU_EXECBUF_RING_IDX	0x04	/* refused: no context rings */
#define OMEGA_VGPU_EXECBUF_FLAGS	(OMEGA_VGPU_EXECBUF_FENCE_FD_IN | \
					 OMEGA_VGPU_EXECBUF_FENCE_FD_OUT)

/* Largest command stream and bo list one EXECBUFFER may carry. */
#define OMEGA_VGPU_EXECBUF_MAX_SIZE	(1u << 20)
#define OMEGA_VGPU_EXECBUF_MAX_BOS	16384

/**
 * struct drm_omega_vgpu_execbuffer - DRM_IOCTL_OMEGA_VGPU_EXECBUFFER
 * @flags: in: OMEGA_VGPU_EXECBUF_* bits
 * @size: in: bytes of virgl command stream at @command (1..MAX_SIZE)
 * @command: in: user pointer to the command stream
 * @bo_handles: in: user pointer to @num_bo_handles GEM handles the stream
 *	uses; their reservation objects get the submission's fence
 * @num_bo_handles: in: 0..OMEGA_VGPU_EXECBUF_MAX_BOS, no duplicates
 * @fence_fd: in: sync_file to wait for (FENCE_FD_IN); out: sync_file that
 *	signals when the host has executed the stream (FENCE_FD_OUT)
 * @ring_idx: must be zero
 * @syncobj_stride: must be zero (no syncobjs)
 * @num_in_syncobjs: must be zero
 * @num_out_syncobjs: must be zero
 * @in_syncobjs: must be zero
 * @out_syncobjs: must be zero
 *
 * Older userspace passes only the fields up to @fence_fd; the rest reads
 * as zero.
 */
struct drm_omega_vgpu_execbuffer {
	__u32 flags;
	__u32 size;
	__u64 command;
	__u64 bo_handles;
	__u32 num_bo_handles;
	__s32 fence_fd;
	__u32 ring_idx;
	__u32 syncobj_stride;
	__u32 num_in_syncobjs;
	__u32 num_out_syncobjs;
	__u64 in_syncobjs;
	__u64 out_syncobjs;
};

#define OMEGA_VGPU_PARAM_3D_FEATURES		1 /* virgl negotiated */
#define OMEGA_VGPU_PARAM_CAPSET_QUERY_FIX	2 /* GET_CAPS knows capset 2 */
#define OMEGA_VGPU_PARAM_RESOURCE_BLOB		3 /* always 0 */
#define OMEGA_VGPU_PARAM_HOST_VISIBLE		4 /* always 0 */
#define OMEGA_VGPU_PARAM_CROSS_DEVICE		5 /* always 0 */
#define OMEGA_VGPU_PARAM_CONTEXT_INIT		6 /* always 0 (see CONTEXT_INIT) */
#define OMEGA_VGPU_PARAM_SUPPORTED_CAPSET_IDS	7 /* bit n: capset id n */

/**
 * struct drm_omega_vgpu_getparam - DRM_IOCTL_OMEGA_VGPU_GETPARAM
 * @param: in: OMEGA_VGPU_PARAM_*
 * @value: in: user pointer to an int that receives the value (4 bytes)
 */
struct drm_omega_vgpu_getparam {
	__u64 param;
	__u64 value;
};

/**
 * struct drm_omega_vgpu_resource_create - DRM_IOCTL_OMEGA_VGPU_RESOURCE_CREATE
 * @target: in: gallium texture target (0..8)
 * @format: in: virgl format
 * @bind: in: virgl bind flags
 * @width: in: 1..16384 (bytes for a buffer: 1..OMEGA_VGPU_MAX_BUFFER)
 * @height: in: 1..16384
 * @depth: in: 1..2048
 * @array_size: in: 1..2048
 * @last_level: in: 0..14
 * @nr_samples: in: 0..32
 * @flags: in: virgl resource flags (bit 0, Y_0_TOP, only)
 * @bo_handle: out: GEM handle (ignored on input)
 * @res_handle: out: host resource id (ignored on input)
 * @size: in: bytes of guest backing, 0 for one page
 * @stride: in: ignored (the host derives it)
 */
struct drm_omega_vgpu_resource_create {
	__u32 target;
	__u32 format;
	__u32 bind;
	__u32 width;
	__u32 height;
	__u32 depth;
	__u32 array_size;
	__u32 last_level;
	__u32 nr_samples;
	__u32 flags;
	__u32 bo_handle;
	__u32 res_handle;
	__u32 size;
	__u32 stride;
};

#define OMEGA_VGPU_MAX_BUFFER		(1u << 28)

/**
 * struct drm_omega_vgpu_resource_info - DRM_IOCTL_OMEGA_VGPU_RESOURCE_INFO
 * @bo_handle: in: GEM handle
 * @res_handle: out: host resource id, 0 if the buffer has none yet
 * @size: out: bytes of the buffer
 * @blob_mem: out: always 0 (no blob resources)
 */
struct drm_omega_vgpu_resource_info {
	__u32 bo_handle;
	__u32 res_handle;
	__u32 size;
	__u32 blob_mem;
};

/**
 * struct drm_omega_vgpu_3d_box - a box in texels
 * @x: left
 * @y: top
 * @z: front
 * @w: width
 * @h: height
 * @d: depth
 */
struct drm_omega_vgpu_3d_box {
	__u32 x;
	__u32 y;
	__u32 z;
	__u32 w;
	__u32 h;
	__u32 d;
};

/**
 * struct drm_omega_vgpu_3d_transfer - TRANSFER_TO_HOST / TRANSFER_FROM_HOST
 * @bo_handle: in: GEM handle of a buffer made by RESOURCE_CREATE
 * @box: in: region of the host resource
 * @level: in: mip level, 0..14
 * @offset: in: byte offset in the buffer, below its size
 * @stride: in: bytes per row in the buffer, 0 lets the host choose
 * @layer_stride: in: bytes per layer in the buffer, 0 lets the host choose
 *
 * Fenced: WAIT on the buffer returns once the host has done the copy.
 */
struct drm_omega_vgpu_3d_transfer {
	__u32 bo_handle;
	struct drm_omega_vgpu_3d_box box;
	__u32 level;
	__u32 offset;
	__u32 stride;
	__u32 layer_stride;
};

#define OMEGA_VGPU_WAIT_NOWAIT	1

/**
 * struct drm_omega_vgpu_3d_wait - DRM_IOCTL_OMEGA_VGPU_WAIT
 * @handle: in: GEM handle
 * @flags: in: OMEGA_VGPU_WAIT_NOWAIT to poll (-EBUSY while busy)
 */
struct drm_omega_vgpu_3d_wait {
	__u32 handle;
	__u32 flags;
};

/**
 * struct drm_omega_vgpu_get_caps - DRM_IOCTL_OMEGA_VGPU_GET_CAPS
 * @cap_set_id: in: capset id (1 virgl, 2 virgl2)
 * @cap_set_ver: in: version, at most the host's maximum for the capset
 * @addr: in: user pointer receiving min(@size, capset size) bytes
 * @size: in: bytes at @addr, > 0
 * @pad: must be zero
 */
struct drm_omega_vgpu_get_caps {
	__u32 cap_set_id;
	__u32 cap_set_ver;
	__u64 addr;
	__u32 size;
	__u32 pad;
};

#define OMEGA_VGPU_CONTEXT_PARAM_CAPSET_ID	0x0001
#define OMEGA_VGPU_CONTEXT_PARAM_NUM_RINGS	0x0002
#define OMEGA_VGPU_CONTEXT_PARAM_POLL_RINGS_MASK	0x0003
#define OMEGA_VGPU_CONTEXT_PARAM_DEBUG_NAME	0x0004
#define OMEGA_VGPU_CONTEXT_MAX_PARAMS		4

/**
 * struct drm_omega_vgpu_context_set_param - one CONTEXT_INIT parameter
 * @param: OMEGA_VGPU_CONTEXT_PARAM_*
 * @value: its value (DEBUG_NAME: user pointer to a string)
 */
struct drm_omega_vgpu_context_set_param {
	__u64 param;
	__u64 value;
};

/**
 * struct drm_omega_vgpu_context_init - DRM_IOCTL_OMEGA_VGPU_CONTEXT_INIT
 * @num_params: in: entries at @ctx_set_params, 1..4, each param once
 * @pad: must be zero
 * @ctx_set_params: in: user pointer to the parameters
 *
 * Creates the file's context explicitly; -EEXIST when it exists already
 * (any 3D ioctl creates a default virgl context on first use).  Without
 * the host's context-init feature only CAPSET_ID 1 or 2, NUM_RINGS 0 and
 * DEBUG_NAME are accepted.
 */
struct drm_omega_vgpu_context_init {
	__u32 num_params;
	__u32 pad;
	__u64 ctx_set_params;
};

#define DRM_IOCTL_OMEGA_VGPU_MAP \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_MAP, \
		 struct drm_omega_vgpu_map)
#define DRM_IOCTL_OMEGA_VGPU_EXECBUFFER \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_EXECBUFFER, \
		 struct drm_omega_vgpu_execbuffer)
#define DRM_IOCTL_OMEGA_VGPU_GETPARAM \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_GETPARAM, \
		 struct drm_omega_vgpu_getparam)
#define DRM_IOCTL_OMEGA_VGPU_RESOURCE_CREATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_RESOURCE_CREATE, \
		 struct drm_omega_vgpu_resource_create)
#define DRM_IOCTL_OMEGA_VGPU_RESOURCE_INFO \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_RESOURCE_INFO, \
		 struct drm_omega_vgpu_resource_info)
#define DRM_IOCTL_OMEGA_VGPU_TRANSFER_FROM_HOST \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_TRANSFER_FROM_HOST, \
		 struct drm_omega_vgpu_3d_transfer)
#define DRM_IOCTL_OMEGA_VGPU_TRANSFER_TO_HOST \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_TRANSFER_TO_HOST, \
		 struct drm_omega_vgpu_3d_transfer)
#define DRM_IOCTL_OMEGA_VGPU_WAIT \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_WAIT, \
		 struct drm_omega_vgpu_3d_wait)
#define DRM_IOCTL_OMEGA_VGPU_GET_CAPS \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_GET_CAPS, \
		 struct drm_omega_vgpu_get_caps)
#define DRM_IOCTL_OMEGA_VGPU_CONTEXT_INIT \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_OMEGA_VGPU_CONTEXT_INIT, \
		 struct drm_omega_vgpu_context_init)

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_OMEGA_VGPU_DRM_H */
