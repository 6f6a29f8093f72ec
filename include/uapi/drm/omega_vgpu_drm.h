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

#define DRM_OMEGA_VGPU_ARL_GRANT	0x20
#define DRM_OMEGA_VGPU_ARL_REVOKE	0x21
#define DRM_OMEGA_VGPU_ARL_QUERY	0x22
#define DRM_OMEGA_VGPU_ARL_LIST		0x23
#define DRM_OMEGA_VGPU_ARL_PRESENT	0x24

/* Rights a grant can carry. */
#define OMEGA_VGPU_ARL_RIGHT_PRESENT	(1u << 0)	/* copy pixels into the viewport */
#define OMEGA_VGPU_ARL_RIGHT_QUERY	(1u << 1)	/* see own viewport, budgets, usage */
#define OMEGA_VGPU_ARL_RIGHT_CURSOR	(1u << 2)	/* reserved for a cursor ioctl; grantable */
#define OMEGA_VGPU_ARL_RIGHT_RENDER	(1u << 3)	/* reserved for 3D; refused (-EINVAL) */
#define OMEGA_VGPU_ARL_RIGHTS_VALID	(OMEGA_VGPU_ARL_RIGHT_PRESENT | \
					 OMEGA_VGPU_ARL_RIGHT_QUERY | \
					 OMEGA_VGPU_ARL_RIGHT_CURSOR)

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
 * @max_inflight: in: presents not yet processed by the host, 0 = default
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
 * @inflight: presents the host has not processed yet
 * @max_bytes_per_sec: byte budget, 0 = unlimited
 * @peak_inflight: most presents ever in flight at once
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

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_OMEGA_VGPU_DRM_H */
