/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the kernels omega_vgpu supports (Debian's 6.1 and
 * 6.12), each as one small wrapper so the rest of the driver has no #ifs.
 * The OMEGA_HAVE_* symbols come from header probes in Kbuild.
 */
#ifndef OMEGA_VGPU_COMPAT_H
#define OMEGA_VGPU_COMPAT_H

#include <linux/virtio_config.h>

#include <drm/drm_edid.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_plane.h>

#ifdef OMEGA_HAVE_FBDEV_SHMEM
#include <drm/drm_fbdev_shmem.h>
#else
#include <drm/drm_fb_helper.h>
#endif

/* 6.11 replaced the parallel callback/name arrays with struct virtqueue_info. */
static inline int omega_compat_find_vqs(struct virtio_device *vdev,
					unsigned int nvqs,
					struct virtqueue *vqs[],
					vq_callback_t *callbacks[],
					const char * const names[])
{
#ifdef OMEGA_HAVE_VQ_INFO
	struct virtqueue_info info[2] = {};
	unsigned int i;

	if (nvqs > ARRAY_SIZE(info))
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		info[i].name = names[i];
		info[i].callback = callbacks[i];
	}
	return virtio_find_vqs(vdev, nvqs, vqs, info, NULL);
#else
	return virtio_find_vqs(vdev, nvqs, vqs, callbacks, names, NULL);
#endif
}

/* Before 6.3 drm_edid_connector_update() also added the modes. */
static inline int omega_compat_edid_add_modes(struct drm_connector *connector,
					      const struct drm_edid *edid)
{
#ifdef OMEGA_HAVE_EDID_ADD_MODES
	drm_edid_connector_update(connector, edid);
	return drm_edid_connector_add_modes(connector);
#else
	return drm_edid_connector_update(connector, edid);
#endif
}

static inline void omega_compat_fbdev_setup(struct drm_device *drm)
{
#ifdef OMEGA_HAVE_FBDEV_SHMEM
	drm_fbdev_shmem_setup(drm, 32);
#else
	drm_fbdev_generic_setup(drm, 32);
#endif
}

/*
 * 6.8 moved the cursor hotspot from the framebuffer (legacy SetCursor2)
 * into the plane state, where atomic clients can set it too.
 */
static inline void omega_compat_cursor_hotspot(const struct drm_plane_state *s,
					       u32 *x, u32 *y)
{
#ifdef OMEGA_HAVE_PLANE_HOTSPOT
	*x = max(s->hotspot_x, 0);
	*y = max(s->hotspot_y, 0);
#else
	*x = max(s->fb->hot_x, 0);
	*y = max(s->fb->hot_y, 0);
#endif
}

/*
 * From 6.8 a virtualized driver declares that its cursor plane honours a
 * hotspot; the core then adds the HOTSPOT_X/Y plane properties.
 */
#ifdef OMEGA_HAVE_PLANE_HOTSPOT
#define OMEGA_COMPAT_DRIVER_CURSOR_HOTSPOT DRIVER_CURSOR_HOTSPOT
#else
#define OMEGA_COMPAT_DRIVER_CURSOR_HOTSPOT 0
#endif

/*
 * Kernel mapping of a shmem GEM object (ours or a PRIME import).  From 6.2
 * vmap runs under the object's reservation lock, which the _unlocked
 * helper takes; 6.1's shmem helper locks internally.
 */
static inline int omega_compat_gem_vmap(struct drm_gem_object *obj,
					struct iosys_map *map)
{
#ifdef OMEGA_HAVE_GEM_VMAP_UNLOCKED
	return drm_gem_vmap_unlocked(obj, map);
#else
	return drm_gem_shmem_vmap(to_drm_gem_shmem_obj(obj), map);
#endif
}

static inline void omega_compat_gem_vunmap(struct drm_gem_object *obj,
					   struct iosys_map *map)
{
#ifdef OMEGA_HAVE_GEM_VMAP_UNLOCKED
	drm_gem_vunmap_unlocked(obj, map);
#else
	drm_gem_shmem_vunmap(to_drm_gem_shmem_obj(obj), map);
#endif
}

/* Until 6.6 a driver had to name the PRIME fd<->handle helpers itself. */
#ifdef OMEGA_HAVE_PRIME_FD_HOOKS
#include <drm/drm_prime.h>
#define OMEGA_COMPAT_PRIME_OPS \
	.prime_handle_to_fd = drm_gem_prime_handle_to_fd, \
	.prime_fd_to_handle = drm_gem_prime_fd_to_handle, \
	.gem_prime_mmap = drm_gem_prime_mmap,
#else
#define OMEGA_COMPAT_PRIME_OPS
#endif

#endif /* OMEGA_VGPU_COMPAT_H */
