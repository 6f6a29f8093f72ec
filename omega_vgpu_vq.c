// SPDX-License-Identifier: GPL-2.0
/*
 * Control and cursor virtqueues.
 *
 * A command is one kmalloc'd request (plus an optional data buffer) and one
 * response buffer.  Completion is interrupt driven: the queue callback takes
 * used buffers off the ring, validates each response and either wakes the
 * synchronous caller or, for fire-and-forget work, signals the command's
 * fence and frees it.  Nothing here sleeps in the interrupt path.
 *
 * Ownership across a timeout: a synchronous caller that gives up hands the
 * command to the interrupt path (under the queue lock), so a response that
 * arrives late frees it instead of writing into freed memory.
 */
#include <linux/cache.h>
#include <linux/moduleparam.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include <drm/drm_print.h>

#include "omega_vgpu_compat.h"
#include "omega_vgpu_drv.h"

#define CREATE_TRACE_POINTS
#include "omega_vgpu_trace.h"

static unsigned int cmd_timeout_ms = 10000;
module_param(cmd_timeout_ms, uint, 0644);
MODULE_PARM_DESC(cmd_timeout_ms,
		 "Time a synchronous command waits for the device (100..60000 ms, default 10000)");

/* Longest a submission waits for ring space before failing. */
#define OMEGA_VGPU_SPACE_WAIT_MS	5000

static unsigned long omega_vgpu_cmd_timeout(void)
{
	return msecs_to_jiffies(clamp(cmd_timeout_ms, 100u, 60000u));
}

/*
 * One allocation holds the command, its request and its response; the
 * response starts on its own cache line since the device writes it.
 */
struct omega_vgpu_cmd *omega_vgpu_cmd_alloc(u32 req_len, u32 resp_len,
					    u32 expect)
{
	size_t req_at = ALIGN(sizeof(struct omega_vgpu_cmd), SMP_CACHE_BYTES);
	size_t resp_at = req_at + ALIGN(req_len, SMP_CACHE_BYTES);
	struct omega_vgpu_cmd *cmd;

	cmd = kzalloc(resp_at + resp_len, GFP_KERNEL);
	if (!cmd)
		return NULL;
	cmd->req = (u8 *)cmd + req_at;
	cmd->resp = resp_len ? (u8 *)cmd + resp_at : NULL;
	cmd->req_len = req_len;
	cmd->resp_len = resp_len;
	cmd->expect = expect;
	init_completion(&cmd->done);
	return cmd;
}

void omega_vgpu_cmd_free(struct omega_vgpu_cmd *cmd)
{
	if (!cmd)
		return;
	if (cmd->fence)
		dma_fence_put(cmd->fence);
	kfree(cmd->data);
	kfree(cmd);
}

/* ---------------------------------------------------------------------
 * Fences
 */

static const char *omega_vgpu_fence_driver_name(struct dma_fence *f)
{
	return OMEGA_VGPU_NAME;
}

static const char *omega_vgpu_fence_timeline_name(struct dma_fence *f)
{
	return "controlq";
}

static const struct dma_fence_ops omega_vgpu_fence_ops = {
	.get_driver_name = omega_vgpu_fence_driver_name,
	.get_timeline_name = omega_vgpu_fence_timeline_name,
};

/*
 * The device completes control commands in order, so one fence context per
 * device with increasing seqnos is a valid timeline.  The seqno is assigned
 * at submission (under the queue lock) to keep that order.
 */
struct dma_fence *omega_vgpu_fence_alloc(struct omega_vgpu_device *vg)
{
	struct dma_fence *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	dma_fence_init(f, &omega_vgpu_fence_ops, &vg->fence_lock,
		       vg->fence_context, 0);
	return f;
}

/* ---------------------------------------------------------------------
 * Completion (interrupt context)
 */

static int omega_vgpu_queue_index(struct omega_vgpu_device *vg,
				  struct omega_vgpu_queue *q)
{
	return q == &vg->cursorq;
}

/* Counters, history ring and trace for one answered command. */
static void omega_vgpu_cmd_account(struct omega_vgpu_device *vg,
				   struct omega_vgpu_queue *q,
				   struct omega_vgpu_cmd *cmd, u32 len)
{
	const struct omega_vgpu_ctrl_hdr *h = cmd->resp;
	u64 lat = ktime_to_ns(ktime_sub(ktime_get(), cmd->submitted));
	u32 resp_type = len >= sizeof(*h) ? le32_to_cpu(h->type) : 0;
	struct omega_vgpu_req_info info;
	struct omega_vgpu_hist *hist;
	int slot = omega_vgpu_cmd_slot(cmd->type);
	unsigned long flags;

	omega_vgpu_decode_req(cmd->req, cmd->req_len, &info);
	if (resp_type >= OMEGA_VGPU_RESP_ERR_UNSPEC &&
	    resp_type <= OMEGA_VGPU_RESP_ERR_INVALID_PARAMETER)
		atomic64_inc(&vg->stats.dev_errors[resp_type -
						   OMEGA_VGPU_RESP_ERR_UNSPEC]);

	spin_lock_irqsave(&vg->stats_lock, flags);
	if (slot >= 0) {
		struct omega_vgpu_cmd_stat *st = &vg->stats.per_cmd[slot];

		st->count++;
		st->errors += cmd->status != 0;
		st->total_ns += lat;
		st->max_ns = max(st->max_ns, lat);
	}
	hist = &vg->hist[vg->hist_next];
	vg->hist_next = (vg->hist_next + 1) % OMEGA_VGPU_HIST_LEN;
	hist->when = ktime_get();
	hist->info = info;
	hist->resp_type = resp_type;
	hist->status = cmd->status;
	hist->latency_ns = lat;
	spin_unlock_irqrestore(&vg->stats_lock, flags);

	trace_omega_vgpu_cmd_response(omega_vgpu_queue_index(vg, q), &info,
				      resp_type, cmd->status, lat);
}

static void omega_vgpu_cmd_complete(struct omega_vgpu_device *vg,
				    struct omega_vgpu_queue *q,
				    struct omega_vgpu_cmd *cmd, u32 len)
{
	len = min(len, cmd->resp_len);
	/* Commands without a response slot (the cursor queue) cannot fail. */
	cmd->status = cmd->expect ?
		omega_vgpu_resp_check(cmd->resp, len, cmd->expect) : 0;
	cmd->resp_len = len;
	list_del(&cmd->node);
	omega_vgpu_cmd_account(vg, q, cmd, len);
	if (cmd->status) {
		const struct omega_vgpu_ctrl_hdr *h = cmd->resp;

		atomic64_inc(&vg->stats.errors);
		drm_err_ratelimited(&vg->drm, "%s failed: %s (%d)\n",
				    omega_vgpu_cmd_name(cmd->type),
				    len >= sizeof(*h) ?
				    omega_vgpu_cmd_name(le32_to_cpu(h->type)) :
				    "short response", cmd->status);
	}

	if (cmd->fence) {
		if (cmd->status)
			dma_fence_set_error(cmd->fence, cmd->status);
		dma_fence_signal(cmd->fence);
		trace_omega_vgpu_fence_signal(cmd->fence->seqno, cmd->status);
	}

	if (cmd->waited) {
		complete(&cmd->done);
		return;
	}
	if (cmd->done_fn)
		cmd->done_fn(vg, cmd);
	omega_vgpu_cmd_free(cmd);
}

static void omega_vgpu_queue_drain(struct omega_vgpu_device *vg,
				   struct omega_vgpu_queue *q)
{
	struct omega_vgpu_cmd *cmd;
	unsigned long flags;
	unsigned int len;

	spin_lock_irqsave(&q->lock, flags);
	do {
		virtqueue_disable_cb(q->vq);
		while ((cmd = virtqueue_get_buf(q->vq, &len)))
			omega_vgpu_cmd_complete(vg, q, cmd, len);
	} while (!virtqueue_enable_cb(q->vq));
	spin_unlock_irqrestore(&q->lock, flags);

	wake_up_all(&q->space);
}

static void omega_vgpu_ctrlq_done(struct virtqueue *vq)
{
	struct omega_vgpu_device *vg = vq->vdev->priv;

	omega_vgpu_queue_drain(vg, &vg->ctrlq);
}

static void omega_vgpu_cursorq_done(struct virtqueue *vq)
{
	struct omega_vgpu_device *vg = vq->vdev->priv;

	omega_vgpu_queue_drain(vg, &vg->cursorq);
}

/* ---------------------------------------------------------------------
 * Submission
 */

static int omega_vgpu_queue_add(struct omega_vgpu_device *vg,
				struct omega_vgpu_queue *q,
				struct omega_vgpu_cmd *cmd)
{
	struct scatterlist req, data, resp, *sgs[3];
	struct omega_vgpu_ctrl_hdr *hdr = cmd->req;
	unsigned int outs = 0, ins = 0, need;
	unsigned long flags, deadline;
	bool notify;
	int ret;

	sg_init_one(&req, cmd->req, cmd->req_len);
	sgs[outs++] = &req;
	if (cmd->data_len) {
		sg_init_one(&data, cmd->data, cmd->data_len);
		sgs[outs++] = &data;
	}
	if (cmd->resp_len) {
		sg_init_one(&resp, cmd->resp, cmd->resp_len);
		sgs[outs + ins++] = &resp;
	}
	need = outs + ins;
	cmd->type = le32_to_cpu(hdr->type);
	omega_vgpu_fault_apply(vg, cmd->req);

	deadline = jiffies + msecs_to_jiffies(OMEGA_VGPU_SPACE_WAIT_MS);
	for (;;) {
		spin_lock_irqsave(&q->lock, flags);
		if (cmd->fence) {
			cmd->fence->seqno = atomic64_inc_return(&vg->fence_seq);
			hdr->flags |= cpu_to_le32(OMEGA_VGPU_FLAG_FENCE);
			hdr->fence_id = cpu_to_le64(cmd->fence->seqno);
		}
		cmd->submitted = ktime_get();
		ret = virtqueue_add_sgs(q->vq, sgs, outs, ins, cmd, GFP_ATOMIC);
		if (ret != -ENOSPC)
			break;
		/* Deferred kicks may hold the ring: let the device see them. */
		notify = virtqueue_kick_prepare(q->vq);
		spin_unlock_irqrestore(&q->lock, flags);
		if (notify)
			virtqueue_notify(q->vq);

		/* Ring full: wait for the device to hand buffers back. */
		atomic64_inc(&vg->stats.queue_full_waits);
		if (time_after(jiffies, deadline) ||
		    !wait_event_timeout(q->space, q->vq->num_free >= need,
					deadline - jiffies)) {
			drm_err_ratelimited(&vg->drm, "%s: no ring space for %s\n",
					    q->name, omega_vgpu_cmd_name(cmd->type));
			return -EBUSY;
		}
	}
	if (!ret) {
		struct omega_vgpu_req_info info;

		list_add_tail(&cmd->node, &q->inflight);
		if (trace_omega_vgpu_cmd_submit_enabled()) {
			omega_vgpu_decode_req(cmd->req, cmd->req_len, &info);
			trace_omega_vgpu_cmd_submit(omega_vgpu_queue_index(vg, q),
						    &info, 0, 0, 0);
		}
	}
	notify = !ret && !cmd->defer_kick && virtqueue_kick_prepare(q->vq);
	spin_unlock_irqrestore(&q->lock, flags);

	if (ret) {
		drm_err_ratelimited(&vg->drm, "%s: cannot queue %s: %d\n",
				    q->name, omega_vgpu_cmd_name(cmd->type), ret);
		return ret;
	}
	atomic64_inc(&vg->stats.cmds);
	if (notify)
		virtqueue_notify(q->vq);
	return 0;
}

/**
 * omega_vgpu_queue_kick - notify the device of commands queued so far
 * @q: queue
 *
 * Under emulation every notification is an exit to the host, so a display
 * update queues its transfers with @defer_kick and notifies once.
 */
void omega_vgpu_queue_kick(struct omega_vgpu_queue *q)
{
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&q->lock, flags);
	notify = virtqueue_kick_prepare(q->vq);
	spin_unlock_irqrestore(&q->lock, flags);
	if (notify)
		virtqueue_notify(q->vq);
}

/**
 * omega_vgpu_submit_nowait - queue a command and return
 * @vg: device
 * @q: queue
 * @cmd: command; owned by the queue on success, by the caller on error
 *
 * Return: 0 once queued, or a negative errno.
 */
int omega_vgpu_submit_nowait(struct omega_vgpu_device *vg,
			     struct omega_vgpu_queue *q,
			     struct omega_vgpu_cmd *cmd)
{
	cmd->waited = false;
	return omega_vgpu_queue_add(vg, q, cmd);
}

/**
 * omega_vgpu_submit_wait - queue a command and wait for its response
 * @vg: device
 * @q: queue
 * @cmd: command; afterwards the caller frees it with omega_vgpu_cmd_release()
 *
 * Return: the errno decoded from the response, -ETIMEDOUT if the device did
 * not answer in time, or a submission error.
 */
int omega_vgpu_submit_wait(struct omega_vgpu_device *vg,
			   struct omega_vgpu_queue *q,
			   struct omega_vgpu_cmd *cmd)
{
	unsigned long flags;
	bool abandoned = false;
	int ret;

	cmd->waited = true;
	ret = omega_vgpu_queue_add(vg, q, cmd);
	if (ret)
		return ret;

	if (wait_for_completion_timeout(&cmd->done, omega_vgpu_cmd_timeout()))
		return cmd->status;

	spin_lock_irqsave(&q->lock, flags);
	if (!completion_done(&cmd->done)) {
		cmd->waited = false;
		abandoned = true;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	if (!abandoned)
		return cmd->status;

	atomic64_inc(&vg->stats.timeouts);
	drm_err_ratelimited(&vg->drm, "%s: %s timed out\n", q->name,
			    omega_vgpu_cmd_name(cmd->type));
	return -ETIMEDOUT;
}

/**
 * omega_vgpu_cmd_release - free a command after omega_vgpu_submit_wait()
 * @cmd: the command
 * @ret: what omega_vgpu_submit_wait() returned
 *
 * After a timeout the interrupt path (or queue teardown) owns the command.
 */
void omega_vgpu_cmd_release(struct omega_vgpu_cmd *cmd, int ret)
{
	if (ret != -ETIMEDOUT)
		omega_vgpu_cmd_free(cmd);
}

/* ---------------------------------------------------------------------
 * Setup and teardown
 */

static void omega_vgpu_queue_setup(struct omega_vgpu_queue *q,
				   struct virtqueue *vq, const char *name)
{
	q->vq = vq;
	q->name = name;
	spin_lock_init(&q->lock);
	init_waitqueue_head(&q->space);
	INIT_LIST_HEAD(&q->inflight);
}

int omega_vgpu_queues_init(struct omega_vgpu_device *vg)
{
	static const char * const names[] = { "control", "cursor" };
	vq_callback_t *callbacks[] = {
		omega_vgpu_ctrlq_done, omega_vgpu_cursorq_done,
	};
	struct virtqueue *vqs[2];
	int ret;

	ret = omega_compat_find_vqs(vg->vdev, 2, vqs, callbacks, names);
	if (ret)
		return ret;
	omega_vgpu_queue_setup(&vg->ctrlq, vqs[0], names[0]);
	omega_vgpu_queue_setup(&vg->cursorq, vqs[1], names[1]);
	return 0;
}

/*
 * Called after the device was reset: nothing will complete any more, so
 * every command still on a ring is failed here.  Synchronous waiters get
 * -ENODEV, fences signal with an error.
 */
static void omega_vgpu_queue_flush(struct omega_vgpu_device *vg,
				   struct omega_vgpu_queue *q)
{
	struct omega_vgpu_cmd *cmd;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	while ((cmd = virtqueue_detach_unused_buf(q->vq))) {
		list_del(&cmd->node);
		cmd->status = -ENODEV;
		if (cmd->fence) {
			dma_fence_set_error(cmd->fence, -ENODEV);
			dma_fence_signal(cmd->fence);
		}
		if (cmd->waited)
			complete(&cmd->done);
		else
			omega_vgpu_cmd_free(cmd);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	wake_up_all(&q->space);
}

void omega_vgpu_queues_fini(struct omega_vgpu_device *vg)
{
	omega_vgpu_queue_flush(vg, &vg->ctrlq);
	omega_vgpu_queue_flush(vg, &vg->cursorq);
	vg->vdev->config->del_vqs(vg->vdev);
}
