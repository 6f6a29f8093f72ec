// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated vblank.  The device has no refresh of its own, so each CRTC runs
 * an hrtimer at its mode's frame duration and reports a vblank on every
 * expiry.  The timestamp is the scheduled expiry, not the time the callback
 * ran, so timestamps are spaced exactly by the frame time.
 *
 * A flip's event is armed only once the host has processed the flip's
 * flush (its fence), and then goes out at the next vblank: userspace never
 * hears of a frame the host does not have yet, and flips are paced at the
 * mode's refresh rate.
 */
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include <drm/drm_atomic.h>
#include <drm/drm_vblank.h>

#include "omega_vgpu_drv.h"
#include "omega_vgpu_trace.h"

static bool paced_flips = true;
module_param(paced_flips, bool, 0644);
MODULE_PARM_DESC(paced_flips,
		 "Deliver flip events at the next vblank (default true); false: as soon as the host has the frame");

static struct omega_vgpu_output *crtc_to_output(struct drm_crtc *crtc)
{
	return container_of(crtc, struct omega_vgpu_output, crtc);
}

static enum hrtimer_restart omega_vgpu_vblank_fire(struct hrtimer *timer)
{
	struct omega_vgpu_output *out =
		container_of(timer, struct omega_vgpu_output, vblank_timer);
	u64 period = READ_ONCE(out->period_ns);

	hrtimer_forward_now(timer, ns_to_ktime(period));
	/* After forwarding, expires is the next vblank: this one was a period earlier. */
	WRITE_ONCE(out->vblank_time,
		   ktime_sub_ns(hrtimer_get_expires(timer), period));
	trace_omega_vgpu_vblank(out->index, ktime_to_ns(out->vblank_time));
	if (!drm_crtc_handle_vblank(&out->crtc))
		return HRTIMER_NORESTART;
	return HRTIMER_RESTART;
}

int omega_vgpu_enable_vblank(struct drm_crtc *crtc)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);

	hrtimer_start(&out->vblank_timer, ns_to_ktime(out->period_ns),
		      HRTIMER_MODE_REL);
	return 0;
}

void omega_vgpu_disable_vblank(struct drm_crtc *crtc)
{
	hrtimer_try_to_cancel(&crtc_to_output(crtc)->vblank_timer);
}

bool omega_vgpu_get_vblank_timestamp(struct drm_crtc *crtc,
				     int *max_error, ktime_t *time,
				     bool in_vblank_irq)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);
	ktime_t t = READ_ONCE(out->vblank_time);

	*time = t ? t : ktime_get();
	return true;
}

/**
 * omega_vgpu_vblank_set_mode - start pacing a CRTC at its mode's rate
 * @crtc: CRTC being enabled
 * @mode: its mode
 */
void omega_vgpu_vblank_set_mode(struct drm_crtc *crtc,
				const struct drm_display_mode *mode)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);
	u64 frame = div_u64((u64)mode->htotal * mode->vtotal * 1000000ULL,
			    max(mode->clock, 1));

	/* mode_valid kept the refresh within 1..1000 Hz; clamp anyway. */
	out->period_ns = clamp_t(u64, frame, NSEC_PER_MSEC, NSEC_PER_SEC);
	out->vblank_time = 0;
	drm_crtc_vblank_on(crtc);
}

void omega_vgpu_vblank_off(struct drm_crtc *crtc)
{
	drm_crtc_vblank_off(crtc);
}

struct omega_vgpu_flip {
	struct dma_fence_cb cb;
	struct drm_crtc *crtc;
	struct drm_pending_vblank_event *event;
	bool async;
};

static void omega_vgpu_arm_event(struct drm_crtc *crtc,
				 struct drm_pending_vblank_event *event)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);
	unsigned long flags;

	spin_lock_irqsave(&crtc->dev->event_lock, flags);
	drm_crtc_arm_vblank_event(crtc, event);
	/*
	 * A tick that is already due but whose callback has not run yet (a
	 * late timer interrupt) would report a vblank from before this frame
	 * reached the host: deliver at the tick after it instead.
	 */
	if (ktime_compare(hrtimer_get_expires(&out->vblank_timer),
			  ktime_get()) <= 0)
		event->sequence++;
	spin_unlock_irqrestore(&crtc->dev->event_lock, flags);
}

static void omega_vgpu_send_event(struct drm_crtc *crtc,
				  struct drm_pending_vblank_event *event)
{
	unsigned long flags;

	spin_lock_irqsave(&crtc->dev->event_lock, flags);
	drm_crtc_send_vblank_event(crtc, event);
	spin_unlock_irqrestore(&crtc->dev->event_lock, flags);
}

/*
 * The host has the frame (fence signalled, interrupt context).  An async
 * flip completes now; any other waits for the next vblank.
 */
static void omega_vgpu_flip_landed(struct dma_fence *f, struct dma_fence_cb *cb)
{
	struct omega_vgpu_flip *flip = container_of(cb, struct omega_vgpu_flip, cb);
	struct omega_vgpu_output *out = crtc_to_output(flip->crtc);

	trace_omega_vgpu_flip(out->index, f->seqno, OMEGA_VGPU_FLIP_ARMED);
	cmpxchg(&out->state, OMEGA_VGPU_SCANOUT_FLIPPING,
		OMEGA_VGPU_SCANOUT_ENABLED);
	if (flip->async)
		omega_vgpu_send_event(flip->crtc, flip->event);
	else
		omega_vgpu_arm_event(flip->crtc, flip->event);
	kfree(flip);
}

/**
 * omega_vgpu_vblank_queue_event - deliver a commit's event
 * @crtc: CRTC whose commit completes
 * @event: the event, taken over
 * @fence: fence of the commit's upload, or NULL when nothing was sent
 * @new_frame: the commit changed the framebuffer or the mode
 *
 * A client's flip event goes out at the first vblank after @fence signals
 * (as soon as it signals for an async flip).  The DRM core's own event,
 * which completes blocking commits, waits for @fence only when a new frame
 * went up, so that SetCrtc returns once the host shows it; for damage on
 * the buffer already on screen (DIRTYFB) and cursor updates it completes at
 * once: the control queue is ordered, so anything a later commit sends
 * reaches the host after this update.  A CRTC that is off sends at once.
 */
void omega_vgpu_vblank_queue_event(struct drm_crtc *crtc,
				   struct drm_pending_vblank_event *event,
				   struct dma_fence *fence, bool new_frame)
{
	struct omega_vgpu_output *out = crtc_to_output(crtc);
	bool internal = !event->base.file_priv;
	bool paced = !internal && !crtc->state->async_flip &&
		     READ_ONCE(paced_flips);
	struct omega_vgpu_flip *flip;

	if (!crtc->state->active || (internal && !new_frame) ||
	    (paced && drm_crtc_vblank_get(crtc))) {
		trace_omega_vgpu_flip(out->index, 0, OMEGA_VGPU_FLIP_SENT);
		omega_vgpu_send_event(crtc, event);
		return;
	}

	flip = fence ? kmalloc(sizeof(*flip), GFP_KERNEL) : NULL;
	if (!flip) {
		if (paced)
			omega_vgpu_arm_event(crtc, event);
		else
			omega_vgpu_send_event(crtc, event);
		return;
	}
	flip->crtc = crtc;
	flip->event = event;
	flip->async = !paced;
	trace_omega_vgpu_flip(out->index, fence->seqno, OMEGA_VGPU_FLIP_QUEUED);
	WRITE_ONCE(out->state, OMEGA_VGPU_SCANOUT_FLIPPING);
	if (dma_fence_add_callback(fence, &flip->cb, omega_vgpu_flip_landed))
		omega_vgpu_flip_landed(fence, &flip->cb);	/* already signalled */
}

int omega_vgpu_vblank_init(struct omega_vgpu_device *vg)
{
	u32 i;

	for (i = 0; i < vg->num_scanouts; i++) {
		struct omega_vgpu_output *out = &vg->outputs[i];

		hrtimer_init(&out->vblank_timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL);
		out->vblank_timer.function = omega_vgpu_vblank_fire;
		out->period_ns = NSEC_PER_SEC / 60;
	}
	return drm_vblank_init(&vg->drm, vg->num_scanouts);
}

void omega_vgpu_vblank_fini(struct omega_vgpu_device *vg)
{
	u32 i;

	/* Probe may fail before the timers were set up. */
	for (i = 0; i < vg->num_scanouts; i++)
		if (vg->outputs[i].vblank_timer.function)
			hrtimer_cancel(&vg->outputs[i].vblank_timer);
}

