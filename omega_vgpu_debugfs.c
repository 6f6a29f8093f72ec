// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: what the driver negotiated, what each scanout shows, which host
 * resources exist and who made them, what is in flight, what the last
 * commands were and how long they took.  Under /sys/kernel/debug/dri/<minor>/.
 *
 * The "fault" file corrupts the next requests of one command type so that a
 * test can watch a device error travel to the caller, the log and the
 * counters.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/virtio_config.h>

#include <drm/drm_debugfs.h>
#include <drm/drm_file.h>
#include <drm/drm_modeset_lock.h>

#include "omega_vgpu_drv.h"

static struct omega_vgpu_device *node_to_vg(struct seq_file *m)
{
	struct drm_info_node *node = m->private;

	return to_omega(node->minor->dev);
}

static const char *omega_vgpu_dev_state_name(int state)
{
	switch (state) {
	case OMEGA_VGPU_STATE_PROBING:
		return "probing";
	case OMEGA_VGPU_STATE_READY:
		return "ready";
	case OMEGA_VGPU_STATE_UNPLUGGED:
		return "unplugged";
	}
	return "?";
}

static const char *omega_vgpu_scanout_state_name(int state)
{
	switch (state) {
	case OMEGA_VGPU_SCANOUT_DISABLED:
		return "disabled";
	case OMEGA_VGPU_SCANOUT_ENABLED:
		return "enabled";
	case OMEGA_VGPU_SCANOUT_FLIPPING:
		return "flipping";
	}
	return "?";
}

static int omega_vgpu_state_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = node_to_vg(m);
	u32 i;

	seq_printf(m, "state: %s\n", omega_vgpu_dev_state_name(READ_ONCE(vg->state)));
	seq_printf(m, "features: edid=%d access_platform=%d\n", vg->has_edid,
		   virtio_has_feature(vg->vdev, VIRTIO_F_ACCESS_PLATFORM));
	seq_printf(m, "scanouts: %u\n", vg->num_scanouts);
	for (i = 0; i < vg->num_scanouts; i++) {
		struct omega_vgpu_output *out = &vg->outputs[i];
		struct drm_crtc *crtc = &out->crtc;

		drm_modeset_lock(&crtc->mutex, NULL);
		seq_printf(m, "scanout %u: %s resource=%u mode=%ux%u@%llu.%03lluHz",
			   i, omega_vgpu_scanout_state_name(READ_ONCE(out->state)),
			   READ_ONCE(out->res_id),
			   crtc->state->enable ? crtc->state->mode.hdisplay : 0,
			   crtc->state->enable ? crtc->state->mode.vdisplay : 0,
			   div64_u64(NSEC_PER_SEC * 1000ULL, out->period_ns) / 1000,
			   div64_u64(NSEC_PER_SEC * 1000ULL, out->period_ns) % 1000);
		drm_modeset_unlock(&crtc->mutex);
		mutex_lock(&vg->display_lock);
		seq_printf(m, " host=%s,%ux%u edid=%s\n",
			   out->pmode.enabled ? "on" : "off", out->pmode.width,
			   out->pmode.height, out->edid ? "yes" : "no");
		mutex_unlock(&vg->display_lock);
	}
	return 0;
}

static int omega_vgpu_resources_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = node_to_vg(m);
	struct omega_vgpu_bo *bo;
	unsigned int n = 0;

	seq_puts(m, "id\twidth\theight\tformat\tpages\towner\n");
	mutex_lock(&vg->res_lock);
	list_for_each_entry(bo, &vg->resources, node) {
		seq_printf(m, "%u\t%u\t%u\t%u\t%zu\t%d:%s\n", bo->res_id,
			   bo->res_width, bo->res_height, bo->res_format,
			   bo->base.base.size >> PAGE_SHIFT, bo->owner_pid,
			   bo->owner_comm);
		n++;
	}
	mutex_unlock(&vg->res_lock);
	seq_printf(m, "total: %u\n", n);
	return 0;
}

static const char * const omega_vgpu_err_names[] = {
	"ERR_UNSPEC", "ERR_OUT_OF_MEMORY", "ERR_INVALID_SCANOUT_ID",
	"ERR_INVALID_RESOURCE_ID", "ERR_INVALID_CONTEXT_ID",
	"ERR_INVALID_PARAMETER",
};

static u32 omega_vgpu_slot_type(int slot)
{
	if (slot < 16)
		return OMEGA_VGPU_CMD_GET_DISPLAY_INFO + slot;
	if (slot < 28)
		return OMEGA_VGPU_CMD_CTX_CREATE + slot - 16;
	return OMEGA_VGPU_CMD_UPDATE_CURSOR + slot - 28;
}

static int omega_vgpu_stats_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = node_to_vg(m);
	struct omega_vgpu_stats *st = &vg->stats;
	struct omega_vgpu_cmd_stat c;
	unsigned long flags;
	int i;

	seq_printf(m, "commands: %lld\n", atomic64_read(&st->cmds));
	seq_printf(m, "errors: %lld\n", atomic64_read(&st->errors));
	seq_printf(m, "timeouts: %lld\n", atomic64_read(&st->timeouts));
	seq_printf(m, "queue_full_waits: %lld\n",
		   atomic64_read(&st->queue_full_waits));
	seq_printf(m, "transfers: %lld\n", atomic64_read(&st->transfers));
	seq_printf(m, "bytes_transferred: %lld\n",
		   atomic64_read(&st->bytes_transferred));
	seq_printf(m, "uploads_skipped: %lld\n",
		   atomic64_read(&st->uploads_skipped));
	seq_printf(m, "flushes: %lld\n", atomic64_read(&st->flushes));
	for (i = 0; i < ARRAY_SIZE(omega_vgpu_err_names); i++)
		seq_printf(m, "device_%s: %lld\n", omega_vgpu_err_names[i],
			   atomic64_read(&st->dev_errors[i]));

	seq_puts(m, "command\tcount\terrors\tavg_us\tmax_us\n");
	for (i = 0; i < OMEGA_VGPU_CMD_SLOTS; i++) {
		spin_lock_irqsave(&vg->stats_lock, flags);
		c = st->per_cmd[i];
		spin_unlock_irqrestore(&vg->stats_lock, flags);
		if (!c.count)
			continue;
		seq_printf(m, "%s\t%llu\t%llu\t%llu\t%llu\n",
			   omega_vgpu_cmd_name(omega_vgpu_slot_type(i)), c.count,
			   c.errors, div64_u64(c.total_ns, c.count) / 1000,
			   c.max_ns / 1000);
	}
	return 0;
}

static void omega_vgpu_inflight_queue(struct seq_file *m,
				      struct omega_vgpu_queue *q)
{
	struct omega_vgpu_cmd *cmd;
	unsigned long flags;
	ktime_t now = ktime_get();

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry(cmd, &q->inflight, node)
		seq_printf(m, "%s\t%s\t%lld\n", q->name,
			   omega_vgpu_cmd_name(cmd->type),
			   ktime_us_delta(now, cmd->submitted));
	spin_unlock_irqrestore(&q->lock, flags);
}

static int omega_vgpu_inflight_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = node_to_vg(m);

	seq_puts(m, "queue\tcommand\tage_us\n");
	omega_vgpu_inflight_queue(m, &vg->ctrlq);
	omega_vgpu_inflight_queue(m, &vg->cursorq);
	return 0;
}

static int omega_vgpu_history_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = node_to_vg(m);
	struct omega_vgpu_hist *copy;
	unsigned long flags;
	unsigned int i, start;

	copy = kmalloc_array(OMEGA_VGPU_HIST_LEN, sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock_irqsave(&vg->stats_lock, flags);
	memcpy(copy, vg->hist, sizeof(vg->hist));
	start = vg->hist_next;
	spin_unlock_irqrestore(&vg->stats_lock, flags);

	seq_puts(m, "time_ns\tcommand\tres\tscanout\trect\tfence\tresponse\tstatus\tlatency_us\n");
	for (i = 0; i < OMEGA_VGPU_HIST_LEN; i++) {
		struct omega_vgpu_hist *h = &copy[(start + i) % OMEGA_VGPU_HIST_LEN];

		if (!h->info.type)
			continue;
		seq_printf(m, "%lld\t%s\t%u\t%d\t%ux%u+%u+%u\t%llu\t%s\t%d\t%llu\n",
			   ktime_to_ns(h->when), omega_vgpu_cmd_name(h->info.type),
			   h->info.res_id, (int)h->info.scanout, h->info.rect[2],
			   h->info.rect[3], h->info.rect[0], h->info.rect[1],
			   h->info.fence,
			   h->resp_type ? omega_vgpu_cmd_name(h->resp_type) : "-",
			   h->status, h->latency_ns / 1000);
	}
	kfree(copy);
	return 0;
}

static const struct drm_info_list omega_vgpu_debugfs_list[] = {
	{ "device", omega_vgpu_state_show, 0 },
	{ "resources", omega_vgpu_resources_show, 0 },
	{ "stats", omega_vgpu_stats_show, 0 },
	{ "inflight", omega_vgpu_inflight_show, 0 },
	{ "history", omega_vgpu_history_show, 0 },
};

/* ---------------------------------------------------------------------
 * Fault injection
 */

/**
 * omega_vgpu_fault_apply - corrupt a request if the fault knob says so
 * @vg: device
 * @req: request about to be queued
 *
 * The corruption is one the device must reject: resource id 0 (never
 * valid) or, for SET_SCANOUT, where resource 0 is legal, a scanout id past
 * the last one.
 */
void omega_vgpu_fault_apply(struct omega_vgpu_device *vg, void *req)
{
	struct omega_vgpu_ctrl_hdr *hdr = req;
	u32 type = le32_to_cpu(hdr->type);

	if (likely(!atomic_read(&vg->fault_count)) ||
	    READ_ONCE(vg->fault_type) != type ||
	    atomic_dec_if_positive(&vg->fault_count) < 0)
		return;

	switch (type) {
	case OMEGA_VGPU_CMD_RESOURCE_CREATE_2D:
		((struct omega_vgpu_resource_create_2d *)req)->resource_id = 0;
		break;
	case OMEGA_VGPU_CMD_RESOURCE_UNREF:
	case OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING:
	case OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING:
		((struct omega_vgpu_resource_unref *)req)->resource_id = 0;
		break;
	case OMEGA_VGPU_CMD_SET_SCANOUT:
		((struct omega_vgpu_set_scanout *)req)->scanout_id =
			cpu_to_le32(OMEGA_VGPU_MAX_SCANOUTS);
		break;
	case OMEGA_VGPU_CMD_RESOURCE_FLUSH:
		((struct omega_vgpu_resource_flush *)req)->resource_id = 0;
		break;
	case OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D:
		((struct omega_vgpu_transfer_to_host_2d *)req)->resource_id = 0;
		break;
	}
}

static const u32 omega_vgpu_faultable[] = {
	OMEGA_VGPU_CMD_RESOURCE_CREATE_2D, OMEGA_VGPU_CMD_RESOURCE_UNREF,
	OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING,
	OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING, OMEGA_VGPU_CMD_SET_SCANOUT,
	OMEGA_VGPU_CMD_RESOURCE_FLUSH, OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D,
};

static int omega_vgpu_fault_show(struct seq_file *m, void *unused)
{
	struct omega_vgpu_device *vg = m->private;

	seq_printf(m, "%s %d\n", atomic_read(&vg->fault_count) ?
		   omega_vgpu_cmd_name(vg->fault_type) : "none",
		   atomic_read(&vg->fault_count));
	return 0;
}

static int omega_vgpu_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, omega_vgpu_fault_show, inode->i_private);
}

/* Accepts "<COMMAND_NAME> [count]", e.g. "RESOURCE_CREATE_2D 1"; "none" clears. */
static ssize_t omega_vgpu_fault_write(struct file *file, const char __user *ubuf,
				      size_t len, loff_t *pos)
{
	struct omega_vgpu_device *vg = file_inode(file)->i_private;
	char buf[48], name[32];
	unsigned int count = 1, i;
	int n;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	n = sscanf(buf, "%31s %u", name, &count);
	if (n < 1)
		return -EINVAL;
	if (!strcmp(name, "none")) {
		atomic_set(&vg->fault_count, 0);
		return len;
	}
	for (i = 0; i < ARRAY_SIZE(omega_vgpu_faultable); i++) {
		if (strcmp(name, omega_vgpu_cmd_name(omega_vgpu_faultable[i])))
			continue;
		atomic_set(&vg->fault_count, 0);
		WRITE_ONCE(vg->fault_type, omega_vgpu_faultable[i]);
		atomic_set(&vg->fault_count, min(count, 1000u));
		return len;
	}
	return -EINVAL;
}

static const struct file_operations omega_vgpu_fault_fops = {
	.owner = THIS_MODULE,
	.open = omega_vgpu_fault_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = omega_vgpu_fault_write,
};

void omega_vgpu_debugfs_init(struct drm_minor *minor)
{
	struct omega_vgpu_device *vg = to_omega(minor->dev);

	drm_debugfs_create_files(omega_vgpu_debugfs_list,
				 ARRAY_SIZE(omega_vgpu_debugfs_list),
				 minor->debugfs_root, minor);
	debugfs_create_file("fault", 0600, minor->debugfs_root, vg,
			    &omega_vgpu_fault_fops);
	omega_vgpu_caps_debugfs_init(vg, minor->debugfs_root);
	omega_vgpu_virgl_debugfs_init(vg, minor->debugfs_root);
}
