/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omega_vgpu 3D (virgl): encoders, user-request checks and the limits they
 * enforce.  Pure code, covered by KUnit (kunit/omega_vgpu_wire3d_test.c).
 */
#ifndef OMEGA_VGPU_WIRE3D_H
#define OMEGA_VGPU_WIRE3D_H

#include <linux/types.h>

#include "omega_vgpu_proto.h"
#include <uapi/drm/omega_vgpu_drm.h>

/* Gallium texture targets: PIPE_BUFFER is 0, PIPE_TEXTURE_CUBE_ARRAY 8. */
#define OMEGA_VGPU_TARGET_BUFFER	0
#define OMEGA_VGPU_TARGET_MAX		8

#define OMEGA_VGPU_MAX_TEX_DIM		16384
#define OMEGA_VGPU_MAX_LAYERS		2048
#define OMEGA_VGPU_MAX_LEVEL		14
#define OMEGA_VGPU_MAX_SAMPLES		32
/* virgl resource flags the guest lets through: Y_0_TOP. */
#define OMEGA_VGPU_RESOURCE_FLAGS	0x1

/* Largest capset the guest accepts from the host (virgl2 is ~1 KiB). */
#define OMEGA_VGPU_CAPSET_MAX_SIZE	65536
/* Capsets the guest keeps track of; hosts offer 1 to 3. */
#define OMEGA_VGPU_MAX_CAPSETS		8

/**
 * struct omega_vgpu_capset - one capability set the host offers
 * @id: capset id (OMEGA_VGPU_CAPSET_*)
 * @max_version: newest version the host knows
 * @max_size: bytes of the capset's data
 */
struct omega_vgpu_capset {
	u32 id;
	u32 max_version;
	u32 max_size;
};

void omega_vgpu_encode_ctx_create(struct omega_vgpu_ctx_create *c, u32 ctx_id,
				  u32 context_init, const char *name);
void omega_vgpu_encode_ctx_destroy(struct omega_vgpu_ctx_destroy *c,
				   u32 ctx_id);
void omega_vgpu_encode_ctx_resource(struct omega_vgpu_ctx_resource *c,
				    bool attach, u32 ctx_id, u32 res_id);
void omega_vgpu_encode_create_3d(struct omega_vgpu_resource_create_3d *c,
				 u32 ctx_id, u32 res_id,
				 const struct drm_omega_vgpu_resource_create *rc);
void omega_vgpu_encode_transfer_3d(struct omega_vgpu_transfer_host_3d *c,
				   bool to_host, u32 ctx_id, u32 res_id,
				   const struct drm_omega_vgpu_3d_transfer *t);
void omega_vgpu_encode_submit_3d(struct omega_vgpu_cmd_submit *c, u32 ctx_id,
				 u32 size);
void omega_vgpu_encode_get_capset_info(struct omega_vgpu_get_capset_info *c,
				       u32 index);
void omega_vgpu_encode_get_capset(struct omega_vgpu_get_capset *c, u32 id,
				  u32 version);
int omega_vgpu_parse_capset_info(const struct omega_vgpu_resp_capset_info *resp,
				 size_t len, struct omega_vgpu_capset *out);
int omega_vgpu_check_resource_create(const struct drm_omega_vgpu_resource_create *rc,
				     u64 *bo_size);
int omega_vgpu_check_transfer(const struct drm_omega_vgpu_3d_transfer *t,
			      u64 bo_size);
int omega_vgpu_check_execbuffer(const struct drm_omega_vgpu_execbuffer *eb);

#endif /* OMEGA_VGPU_WIRE3D_H */
