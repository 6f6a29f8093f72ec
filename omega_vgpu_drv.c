// SPDX-License-Identifier: GPL-2.0
/*
 * omega_vgpu: a DRM/KMS driver for the paravirtual virtio-gpu device.
 *
 * This file binds the device through the kernel's virtio core, negotiates
 * features, brings the queues and the DRM device up, and tears them down
 * again in the opposite order.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include <drm/drm_atomic_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_modeset_helper.h>
#include <drm/drm_probe_helper.h>

#include "omega_vgpu_compat.h"
#include "omega_vgpu_drv.h"
#include <uapi/drm/omega_vgpu_drm.h>

/* virtio-gpu's device id (VIRTIO 1.2, 5.7). */
#define OMEGA_VGPU_VIRTIO_ID	16

static bool fbdev = true;
module_param(fbdev, bool, 0444);
MODULE_PARM_DESC(fbdev, "Provide a framebuffer console (default true)");

/* ---------------------------------------------------------------------
 * DRM driver
 */

DEFINE_DRM_GEM_FOPS(omega_vgpu_fops);

/* 0x00-0x1f: the virgl uAPI (see omega_vgpu_drm.h); ARL from 0x20. */
static const struct drm_ioctl_desc omega_vgpu_ioctls[] = {
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_MAP, omega_vgpu_virgl_map_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_EXECBUFFER,
			  omega_vgpu_virgl_execbuffer_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_GETPARAM, omega_vgpu_virgl_getparam_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_RESOURCE_CREATE,
			  omega_vgpu_virgl_resource_create_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_RESOURCE_INFO,
			  omega_vgpu_virgl_resource_info_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_TRANSFER_FROM_HOST,
			  omega_vgpu_virgl_transfer_from_host_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_TRANSFER_TO_HOST,
			  omega_vgpu_virgl_transfer_to_host_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_WAIT, omega_vgpu_virgl_wait_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_GET_CAPS, omega_vgpu_virgl_get_caps_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_CONTEXT_INIT,
			  omega_vgpu_virgl_context_init_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_ARL_GRANT, omega_vgpu_arl_grant_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_ARL_REVOKE, omega_vgpu_arl_revoke_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_ARL_QUERY, omega_vgpu_arl_query_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_ARL_LIST, omega_vgpu_arl_list_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(OMEGA_VGPU_ARL_PRESENT, omega_vgpu_arl_present_ioctl,
			  DRM_RENDER_ALLOW),
};

static const struct drm_driver omega_vgpu_driver = {
	.driver_features = DRIVER_MODESET | DRIVER_GEM | DRIVER_ATOMIC |
			   DRIVER_RENDER |
			   OMEGA_COMPAT_DRIVER_CURSOR_HOTSPOT,
	.fops = &omega_vgpu_fops,
	.ioctls = omega_vgpu_ioctls,
	.num_ioctls = ARRAY_SIZE(omega_vgpu_ioctls),
	.open = omega_vgpu_open,
	.postclose = omega_vgpu_postclose,
	.gem_prime_import = omega_vgpu_gem_prime_import,
	.gem_create_object = omega_vgpu_gem_create_object,
	.dumb_create = omega_vgpu_dumb_create,
	.gem_prime_import_sg_table = drm_gem_shmem_prime_import_sg_table,
	OMEGA_COMPAT_PRIME_OPS
	.debugfs_init = omega_vgpu_debugfs_init,
	.name = OMEGA_VGPU_NAME,
	.desc = OMEGA_VGPU_DESC,
	.date = "20261122",
	/*
	 * Mesa's virgl winsys refuses a driver whose major version is not 0
	 * and enables fence fds from minor 1 on (Documentation/virgl.rst).
	 */
	.major = 0,
	.minor = 1,
};

/* ---------------------------------------------------------------------
 * Display-change events
 */

static void omega_vgpu_config_work(struct work_struct *work)
{
	struct omega_vgpu_device *vg =
		container_of(work, struct omega_vgpu_device, config_work);
	u32 events;
	int idx;

	if (!drm_dev_enter(&vg->drm, &idx))
		return;
	virtio_cread_le(vg->vdev, struct omega_vgpu_config, events_read,
			&events);
	if (events & OMEGA_VGPU_EVENT_DISPLAY) {
		if (!omega_vgpu_refresh_outputs(vg))
			drm_kms_helper_hotplug_event(&vg->drm);
	}
	/* Acknowledge everything, including events this driver ignores. */
	virtio_cwrite_le(vg->vdev, struct omega_vgpu_config, events_clear,
			 &events);
	drm_dev_exit(idx);
}

static void omega_vgpu_config_changed(struct virtio_device *vdev)
{
	struct omega_vgpu_device *vg = vdev->priv;

	schedule_work(&vg->config_work);
}

/* ---------------------------------------------------------------------
 * Probe and remove
 */

static int omega_vgpu_read_config(struct omega_vgpu_device *vg)
{
	u32 n;

	virtio_cread_le(vg->vdev, struct omega_vgpu_config, num_scanouts, &n);
	if (n == 0) {
		drm_err(&vg->drm, "device reports no scanouts\n");
		return -ENODEV;
	}
	if (n > OMEGA_VGPU_MAX_SCANOUTS) {
		drm_warn(&vg->drm, "device reports %u scanouts, using %u\n", n,
			 OMEGA_VGPU_MAX_SCANOUTS);
		n = OMEGA_VGPU_MAX_SCANOUTS;
	}
	vg->num_scanouts = n;
	vg->has_edid = virtio_has_feature(vg->vdev, OMEGA_VGPU_F_EDID);
	return 0;
}

static int omega_vgpu_probe(struct virtio_device *vdev)
{
	struct omega_vgpu_device *vg;
	int ret;

	if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1))
		return -ENODEV;

	vg = devm_drm_dev_alloc(&vdev->dev, &omega_vgpu_driver,
				struct omega_vgpu_device, drm);
	if (IS_ERR(vg))
		return PTR_ERR(vg);
	vg->vdev = vdev;
	vdev->priv = vg;
	mutex_init(&vg->display_lock);
	ida_init(&vg->resource_ida);
	spin_lock_init(&vg->fence_lock);
	vg->fence_context = dma_fence_context_alloc(1);
	INIT_WORK(&vg->config_work, omega_vgpu_config_work);
	spin_lock_init(&vg->stats_lock);
	mutex_init(&vg->res_lock);
	INIT_LIST_HEAD(&vg->resources);
	vg->state = OMEGA_VGPU_STATE_PROBING;

	/*
	 * Memory entries carry 32-bit lengths and the device has no segment
	 * limit of its own: let DMA mappings (ours and those exporters make
	 * for us) use segments as large as can be mapped at once, not the
	 * PCI default of 64 KiB.
	 */
	if (vdev->dev.parent && vdev->dev.parent->dma_parms)
		dma_set_max_seg_size(vdev->dev.parent,
				     min_t(size_t, UINT_MAX,
					   dma_max_mapping_size(vdev->dev.parent)));

	ret = omega_vgpu_read_config(vg);
	if (ret)
		return ret;
	ret = omega_vgpu_queues_init(vg);
	if (ret)
		return ret;
	virtio_device_ready(vdev);

	ret = omega_vgpu_refresh_outputs(vg);
	if (ret) {
		drm_err(&vg->drm, "cannot read display info: %d\n", ret);
		goto err_reset;
	}
	ret = omega_vgpu_kms_init(vg);
	if (ret)
		goto err_reset;
	ret = omega_vgpu_caps_init(vg);
	if (ret)
		goto err_reset;
	ret = omega_vgpu_virgl_init(vg);
	if (ret)
		goto err_reset;
	ret = drm_dev_register(&vg->drm, 0);
	if (ret)
		goto err_reset;

	WRITE_ONCE(vg->state, OMEGA_VGPU_STATE_READY);
	drm_info(&vg->drm, "%u scanout(s), edid %s, virgl %s\n",
		 vg->num_scanouts, vg->has_edid ? "on" : "off",
		 vg->virgl ? "on" : "off");
	if (fbdev)
		omega_compat_fbdev_setup(&vg->drm);
	return 0;

err_reset:
	virtio_reset_device(vdev);
	omega_vgpu_queues_fini(vg);
	omega_vgpu_kms_fini(vg);
	omega_vgpu_caps_fini(vg);
	return ret;
}

static void omega_vgpu_remove(struct virtio_device *vdev)
{
	struct omega_vgpu_device *vg = vdev->priv;

	/* From here on ioctls fail with -ENODEV and nothing touches the rings. */
	drm_dev_unplug(&vg->drm);
	WRITE_ONCE(vg->state, OMEGA_VGPU_STATE_UNPLUGGED);
	drm_atomic_helper_shutdown(&vg->drm);
	cancel_work_sync(&vg->config_work);
	virtio_reset_device(vdev);
	omega_vgpu_queues_fini(vg);
	omega_vgpu_kms_fini(vg);
	omega_vgpu_caps_fini(vg);
}

/* ---------------------------------------------------------------------
 * Power management
 *
 * The virtio core resets the device between freeze and restore, which
 * destroys every host resource: restore brings the queues back, recreates
 * the resources, then re-commits the display state saved at freeze.
 */

static int omega_vgpu_freeze(struct virtio_device *vdev)
{
	struct omega_vgpu_device *vg = vdev->priv;
	int ret;

	ret = drm_mode_config_helper_suspend(&vg->drm);
	if (ret)
		return ret;
	cancel_work_sync(&vg->config_work);
	virtio_reset_device(vdev);
	omega_vgpu_queues_fini(vg);
	return 0;
}

static int omega_vgpu_restore(struct virtio_device *vdev)
{
	struct omega_vgpu_device *vg = vdev->priv;
	int ret;

	ret = omega_vgpu_queues_init(vg);
	if (ret)
		return ret;
	virtio_device_ready(vdev);
	ret = omega_vgpu_refresh_outputs(vg);
	if (!ret)
		ret = omega_vgpu_resources_restore(vg);
	if (ret)
		return ret;
	return drm_mode_config_helper_resume(&vg->drm);
}

static const struct virtio_device_id omega_vgpu_id_table[] = {
	{ OMEGA_VGPU_VIRTIO_ID, VIRTIO_DEV_ANY_ID },
	{ 0 },
};
MODULE_DEVICE_TABLE(virtio, omega_vgpu_id_table);

static const unsigned int omega_vgpu_features[] = {
	OMEGA_VGPU_F_EDID,
	OMEGA_VGPU_F_VIRGL,
};

static struct virtio_driver omega_vgpu_virtio_driver = {
	.feature_table = omega_vgpu_features,
	.feature_table_size = ARRAY_SIZE(omega_vgpu_features),
	.driver.name = KBUILD_MODNAME,
	.id_table = omega_vgpu_id_table,
	.probe = omega_vgpu_probe,
	.remove = omega_vgpu_remove,
	.config_changed = omega_vgpu_config_changed,
#ifdef CONFIG_PM_SLEEP
	.freeze = omega_vgpu_freeze,
	.restore = omega_vgpu_restore,
#endif
};
module_virtio_driver(omega_vgpu_virtio_driver);

MODULE_DESCRIPTION(OMEGA_VGPU_DESC);
MODULE_AUTHOR("The omega_vgpu authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(OMEGA_VGPU_VERSION);
