/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omega_vgpu private header: device state shared by the driver's files.
 *
 * Layering (one command's path): an atomic hook or ioctl (_kms.c, _gem.c,
 * _caps.c) calls a command builder (_cmd.c), which hands a buffer to the
 * queue (_vq.c); the response is validated (_resp.c) and completes the
 * waiter or signals a fence.
 */
#ifndef OMEGA_VGPU_DRV_H
#define OMEGA_VGPU_DRV_H

#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <drm/drm_connector.h>
#include <drm/drm_crtc.h>
#include <drm/drm_device.h>
#include <drm/drm_encoder.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_plane.h>
#include <drm/drm_rect.h>

#include "omega_vgpu_proto.h"

#define OMEGA_VGPU_NAME		"omega_vgpu"
#define OMEGA_VGPU_DESC		"Paravirtual virtio-gpu DRM/KMS driver"

/* Largest resource the driver creates; QEMU accepts up to 16384. */
#define OMEGA_VGPU_MAX_DIM	8192
#define OMEGA_VGPU_CURSOR_DIM	64

/* Userspace mistakes are logged, but never faster than the ratelimit. */
#define omega_vgpu_reject(vg, fmt, ...) \
	dev_notice_ratelimited((vg)->drm.dev, "rejected: " fmt, ##__VA_ARGS__)

/* ---------------------------------------------------------------------
 * Pure helpers (no device access; covered by KUnit)
 */

/* omega_vgpu_resp.c */
const char *omega_vgpu_cmd_name(u32 type);
int omega_vgpu_resp_errno(u32 type);
int omega_vgpu_resp_check(const void *resp, size_t len, u32 expected_type);

/**
 * struct omega_vgpu_pmode - one scanout as the host reports it
 * @enabled: the host has a display attached to this scanout
 * @width: preferred width in pixels (0 if the host gave none)
 * @height: preferred height in pixels
 */
struct omega_vgpu_pmode {
	bool enabled;
	u32 width;
	u32 height;
};

int omega_vgpu_parse_display_info(const struct omega_vgpu_resp_display_info *resp,
				  u32 num_scanouts, struct omega_vgpu_pmode *out);
int omega_vgpu_parse_edid(const struct omega_vgpu_resp_edid *resp, size_t len,
			  u32 *edid_len);

/* omega_vgpu_format.c */
u32 omega_vgpu_format_from_fourcc(u32 fourcc);
extern const u32 omega_vgpu_primary_formats[];
extern const unsigned int omega_vgpu_num_primary_formats;

/* omega_vgpu_damage.c */

/**
 * struct omega_vgpu_fb_layout - where a framebuffer lies in its resource
 * @res_width: resource width in pixels (the backing's pitch / cpp)
 * @res_height: resource height in rows
 * @x: column of the framebuffer's first pixel in the resource
 * @y: row of the framebuffer's first pixel in the resource
 * @width: framebuffer width
 * @height: framebuffer height
 * @cpp: bytes per pixel
 */
struct omega_vgpu_fb_layout {
	u32 res_width;
	u32 res_height;
	u32 x;
	u32 y;
	u32 width;
	u32 height;
	u32 cpp;
};

/**
 * struct omega_vgpu_xfer - one TRANSFER_TO_HOST_2D in resource coordinates
 * @x: left column in the resource
 * @y: top row in the resource
 * @width: columns
 * @height: rows
 * @offset: byte offset of (@x, @y) in the backing store
 */
struct omega_vgpu_xfer {
	u32 x;
	u32 y;
	u32 width;
	u32 height;
	u64 offset;
};

int omega_vgpu_fb_layout_init(struct omega_vgpu_fb_layout *l, u32 width,
			      u32 height, u32 cpp, u32 pitch, u32 offset,
			      size_t bo_size);
int omega_vgpu_xfer_from_clip(const struct omega_vgpu_fb_layout *l,
			      const struct drm_rect *clip,
			      struct omega_vgpu_xfer *out);

/*
 * Cost, in bytes, that one extra transfer command is worth.  Rectangles are
 * merged into their bounding box only when the extra pixels the box would
 * copy cost less than the commands saved.
 */
#define OMEGA_VGPU_XFER_CMD_COST	4096

unsigned int omega_vgpu_damage_plan(const struct drm_rect *clips,
				    unsigned int nclips, u32 cpp,
				    struct drm_rect *out, unsigned int max_out);

/**
 * struct omega_vgpu_track - what is known about a buffer's host copy
 * @armed: the CPU mappings were zapped at the last whole upload, so a write
 *	since then has faulted (see omega_vgpu_bo_track.c)
 * @misses: flips in a row, while armed, that found the buffer written
 * @idle: flips since tracking was given up on a buffer drawn every frame
 * @rect: part of the buffer the last armed upload covered
 */
struct omega_vgpu_track {
	bool armed;
	u8 misses;
	u8 idle;
	struct drm_rect rect;
};

/* Written at this many flips in a row: stop re-arming (a fault per page). */
#define OMEGA_VGPU_TRACK_MISSES	2
/* ... and try again after this many flips. */
#define OMEGA_VGPU_TRACK_RETRY	64

/**
 * enum omega_vgpu_track_verdict - what a new-framebuffer flip uploads
 * @OMEGA_VGPU_TRACK_SKIP: the host holds the frame: no upload
 * @OMEGA_VGPU_TRACK_UPLOAD: upload whole, leave the mappings alone
 * @OMEGA_VGPU_TRACK_ARM: zap the mappings, then upload whole
 */
enum omega_vgpu_track_verdict {
	OMEGA_VGPU_TRACK_SKIP,
	OMEGA_VGPU_TRACK_UPLOAD,
	OMEGA_VGPU_TRACK_ARM,
};

enum omega_vgpu_track_verdict
omega_vgpu_track_decide(struct omega_vgpu_track *t, bool host_current,
			const struct drm_rect *rect);

/* omega_vgpu_wire.c: encoders; each zeroes the whole struct first */
void omega_vgpu_encode_hdr(struct omega_vgpu_ctrl_hdr *hdr, u32 type);
void omega_vgpu_encode_create_2d(struct omega_vgpu_resource_create_2d *c,
				 u32 id, u32 format, u32 width, u32 height);
void omega_vgpu_encode_set_scanout(struct omega_vgpu_set_scanout *c,
				   u32 scanout, u32 id,
				   const struct omega_vgpu_xfer *src);
void omega_vgpu_encode_transfer(struct omega_vgpu_transfer_to_host_2d *c,
				u32 id, const struct omega_vgpu_xfer *x);
void omega_vgpu_encode_flush(struct omega_vgpu_resource_flush *c, u32 id,
			     const struct omega_vgpu_xfer *x);
void omega_vgpu_encode_cursor(struct omega_vgpu_update_cursor *c, u32 type,
			      u32 scanout, u32 id, s32 x, s32 y, u32 hot_x,
			      u32 hot_y);
int omega_vgpu_encode_mem_entries(struct omega_vgpu_mem_entry *ents,
				  unsigned int max, struct scatterlist *sgl,
				  unsigned int nents, bool dma);

/**
 * struct omega_vgpu_req_info - what a request is about, for traces and logs
 * @type: command type
 * @res_id: resource it names, 0 if none
 * @scanout: scanout it names, U32_MAX if none
 * @rect: rectangle it carries (x, y, width, height), all 0 if none
 * @fence: fence id when FLAG_FENCE is set, else 0
 */
struct omega_vgpu_req_info {
	u32 type;
	u32 res_id;
	u32 scanout;
	u32 rect[4];
	u64 fence;
};

int omega_vgpu_decode_req(const void *req, size_t len,
			  struct omega_vgpu_req_info *info);

/* Slot of a command type in per-command tables, or -1. */
#define OMEGA_VGPU_CMD_SLOTS	32
int omega_vgpu_cmd_slot(u32 type);

/* ---------------------------------------------------------------------
 * Virtqueues and commands (omega_vgpu_vq.c)
 */

struct omega_vgpu_device;
struct omega_vgpu_cmd;

typedef void (*omega_vgpu_done_fn)(struct omega_vgpu_device *vg,
				   struct omega_vgpu_cmd *cmd);

/**
 * struct omega_vgpu_cmd - one request in flight
 * @req: request buffer (kmalloc, DMA safe), starts with a ctrl_hdr
 * @req_len: bytes of @req
 * @data: optional second out buffer (memory entries), owned by the command
 * @data_len: bytes of @data
 * @resp: response buffer, starts with a ctrl_hdr
 * @resp_len: bytes of @resp the device may write
 * @expect: response type that means success
 * @status: errno decoded from the response, set before @done runs
 * @done: completion for synchronous callers
 * @done_fn: called from the queue's interrupt path when set (must not sleep)
 * @fence: signalled when the response arrives (fenced submissions)
 * @submitted: ktime at submit, for latency accounting
 * @type: command type, kept for diagnostics
 * @waited: a synchronous caller owns the command and frees it
 * @defer_kick: queue without notifying the device; a later command's
 *              submission or omega_vgpu_queue_kick() does it
 * @node: entry in the queue's in-flight list
 */
struct omega_vgpu_cmd {
	void *req;
	u32 req_len;
	void *data;
	u32 data_len;
	void *resp;
	u32 resp_len;
	u32 expect;
	int status;
	struct completion done;
	omega_vgpu_done_fn done_fn;
	struct dma_fence *fence;
	ktime_t submitted;
	u32 type;
	bool waited;
	bool defer_kick;
	struct list_head node;
};

/**
 * struct omega_vgpu_queue - one virtqueue and its bookkeeping
 * @vq: the virtqueue
 * @lock: serialises add/kick/get_buf
 * @space: woken when the device returns buffers
 * @name: for logs
 * @inflight: commands queued and not yet answered
 */
struct omega_vgpu_queue {
	struct virtqueue *vq;
	spinlock_t lock; /* add, kick, get_buf, @inflight */
	wait_queue_head_t space;
	const char *name;
	struct list_head inflight;
};

/**
 * struct omega_vgpu_cmd_stat - per command type figures
 * @count: completed commands
 * @errors: error responses
 * @total_ns: sum of submit-to-response latencies
 * @max_ns: largest latency
 */
struct omega_vgpu_cmd_stat {
	u64 count;
	u64 errors;
	u64 total_ns;
	u64 max_ns;
};

/**
 * struct omega_vgpu_hist - one answered command, for the history ring
 * @when: completion time
 * @info: decoded request
 * @resp_type: response type (0 when the command carries no response)
 * @status: errno the response mapped to
 * @latency_ns: submit-to-response time
 */
struct omega_vgpu_hist {
	ktime_t when;
	struct omega_vgpu_req_info info;
	u32 resp_type;
	int status;
	u64 latency_ns;
};

#define OMEGA_VGPU_HIST_LEN	64

/**
 * struct omega_vgpu_stats - counters shown in debugfs
 * @cmds: commands submitted
 * @errors: error responses
 * @timeouts: synchronous waits that timed out
 * @queue_full_waits: submissions that had to wait for ring space
 * @bytes_transferred: bytes covered by TRANSFER_TO_HOST_2D
 * @transfers: TRANSFER_TO_HOST_2D commands
 * @flushes: RESOURCE_FLUSH commands
 * @uploads_skipped: new-framebuffer uploads skipped, the host held the frame
 * @dev_errors: error responses by type (ERR_UNSPEC first)
 * @per_cmd: figures per command type (see omega_vgpu_cmd_slot())
 */
struct omega_vgpu_stats {
	atomic64_t cmds;
	atomic64_t errors;
	atomic64_t timeouts;
	atomic64_t queue_full_waits;
	atomic64_t bytes_transferred;
	atomic64_t transfers;
	atomic64_t flushes;
	atomic64_t uploads_skipped;
	atomic64_t dev_errors[6];
	struct omega_vgpu_cmd_stat per_cmd[OMEGA_VGPU_CMD_SLOTS];
};

enum omega_vgpu_dev_state {
	OMEGA_VGPU_STATE_PROBING,
	OMEGA_VGPU_STATE_READY,
	OMEGA_VGPU_STATE_UNPLUGGED,
};

enum omega_vgpu_scanout_state {
	OMEGA_VGPU_SCANOUT_DISABLED,
	OMEGA_VGPU_SCANOUT_ENABLED,
	OMEGA_VGPU_SCANOUT_FLIPPING,
};

/* ---------------------------------------------------------------------
 * Device
 */

/**
 * struct omega_vgpu_output - one scanout and its KMS objects
 * @crtc: the CRTC driving this scanout
 * @primary: primary plane
 * @cursor: cursor plane
 * @encoder: virtual encoder
 * @connector: virtual connector
 * @index: scanout id on the wire
 * @pmode: what the host last reported for this scanout
 * @edid: last EDID read for this scanout, NULL if none
 * @vblank_timer: emulated vblank
 * @period_ns: vblank period of the current mode
 * @vblank_time: time of the last emulated vblank
 * @flip_fence: fence of the update made in this commit, for its event
 * @flip_new_frame: this commit put a new framebuffer or mode on screen
 * @state: what the scanout is doing (enum omega_vgpu_scanout_state)
 * @res_id: resource it shows, 0 when disabled
 */
struct omega_vgpu_output {
	struct drm_crtc crtc;
	struct drm_plane primary;
	struct drm_plane cursor;
	struct drm_encoder encoder;
	struct drm_connector connector;
	u32 index;
	struct omega_vgpu_pmode pmode;
	const struct drm_edid *edid;
	struct hrtimer vblank_timer;
	u64 period_ns;
	ktime_t vblank_time;
	struct dma_fence *flip_fence;
	bool flip_new_frame;
	int state;
	u32 res_id;
};

/**
 * struct omega_vgpu_device - the driver's per-device state
 * @drm: DRM device (embedded)
 * @vdev: virtio device
 * @ctrlq: control queue
 * @cursorq: cursor queue
 * @has_edid: VIRTIO_GPU_F_EDID negotiated
 * @num_scanouts: scanouts the device reports (1..16)
 * @outputs: per-scanout KMS state
 * @display_lock: serialises display-info / EDID refresh
 * @resource_ida: host resource ids (never 0)
 * @fence_context: dma-fence context for this device
 * @fence_seq: last fence sequence number handed out
 * @fence_lock: lock for the fences
 * @config_work: handles config-change (display) events
 * @stats: counters
 * @state: bring-up state (enum omega_vgpu_dev_state)
 * @stats_lock: protects @stats.per_cmd and @hist (taken in interrupts)
 * @hist: the last OMEGA_VGPU_HIST_LEN answered commands
 * @hist_next: next slot of @hist to write
 * @res_lock: protects @resources
 * @resources: buffer objects that own a host resource
 * @fault_type: command type whose next @fault_count requests are corrupted
 * @fault_count: how many more to corrupt
 * @arl: ARL grant table and audit counters (omega_vgpu_caps.c)
 * @virgl: 3D state, NULL unless VIRTIO_GPU_F_VIRGL was negotiated
 *	(omega_vgpu_virgl.c)
 */
struct omega_vgpu_device {
	struct drm_device drm;
	struct virtio_device *vdev;
	struct omega_vgpu_queue ctrlq;
	struct omega_vgpu_queue cursorq;
	bool has_edid;
	u32 num_scanouts;
	struct omega_vgpu_output outputs[OMEGA_VGPU_MAX_SCANOUTS];
	struct mutex display_lock; /* pmode and edid of @outputs */
	struct ida resource_ida;
	u64 fence_context;
	atomic64_t fence_seq;
	spinlock_t fence_lock; /* dma-fence core's lock for our fences */
	struct work_struct config_work;
	struct omega_vgpu_stats stats;
	int state;
	spinlock_t stats_lock; /* per_cmd stats and @hist */
	struct omega_vgpu_hist hist[OMEGA_VGPU_HIST_LEN];
	unsigned int hist_next;
	struct mutex res_lock; /* @resources */
	struct list_head resources;
	u32 fault_type;
	atomic_t fault_count;
	struct omega_vgpu_arl *arl;
	struct omega_vgpu_virgl *virgl;
};

static inline struct omega_vgpu_device *to_omega(struct drm_device *drm)
{
	return container_of(drm, struct omega_vgpu_device, drm);
}

/**
 * struct omega_vgpu_fpriv - per open file accounting
 * @ref: held by the file and by every buffer it created
 * @bytes: memory the file's buffers pin
 * @vctx: the file's virgl context, NULL until a 3D ioctl needs it
 */
struct omega_vgpu_fpriv {
	struct kref ref;
	atomic64_t bytes;
	struct omega_vgpu_vctx *vctx;
};

void omega_vgpu_fpriv_put(struct omega_vgpu_fpriv *fp);

/**
 * struct omega_vgpu_bo - a GEM object with an optional host resource
 * @base: shmem GEM object
 * @res_id: host resource id, 0 until created
 * @res_format: virtio format of the host resource
 * @res_width: host resource width (pitch / cpp)
 * @res_height: host resource height
 * @pitch: bytes per row of the backing
 * @sgt: pages attached as backing (owned unless imported)
 * @dma_mapped: @sgt is mapped through the DMA API
 * @lock: serialises lazy resource creation and the tracking decisions
 * @node: entry in the device's resource list
 * @owner_pid: process that created the object
 * @owner_comm: its command name
 * @fpriv: accounting of the file that created it, or NULL
 * @host3d: the resource was made by RESOURCE_CREATE (virgl): its pixels
 *	live on the host, so scanout never uploads the guest pages
 * @host_current: no write through a mapping since @track was armed
 *	(cleared without @lock by mapping faults; omega_vgpu_bo_track.c)
 * @untracked: written in ways no fault shows (kernel map, export)
 * @track: host copy tracking state, under @lock
 */
struct omega_vgpu_bo {
	struct drm_gem_shmem_object base;
	u32 res_id;
	u32 res_format;
	u32 res_width;
	u32 res_height;
	u32 pitch;
	struct sg_table *sgt;
	bool dma_mapped;
	struct mutex lock; /* resource creation */
	struct list_head node;
	pid_t owner_pid;
	char owner_comm[TASK_COMM_LEN];
	struct omega_vgpu_fpriv *fpriv;
	bool host3d;
	bool host_current;
	bool untracked;
	struct omega_vgpu_track track;
};

static inline struct omega_vgpu_bo *to_omega_bo(struct drm_gem_object *obj)
{
	return container_of(obj, struct omega_vgpu_bo, base.base);
}

/* omega_vgpu_vq.c */
int omega_vgpu_queues_init(struct omega_vgpu_device *vg);
void omega_vgpu_queues_fini(struct omega_vgpu_device *vg);
struct omega_vgpu_cmd *omega_vgpu_cmd_alloc(u32 req_len, u32 resp_len,
					    u32 expect);
void omega_vgpu_cmd_free(struct omega_vgpu_cmd *cmd);
int omega_vgpu_submit_wait(struct omega_vgpu_device *vg,
			   struct omega_vgpu_queue *q,
			   struct omega_vgpu_cmd *cmd);
int omega_vgpu_submit_nowait(struct omega_vgpu_device *vg,
			     struct omega_vgpu_queue *q,
			     struct omega_vgpu_cmd *cmd);
void omega_vgpu_cmd_release(struct omega_vgpu_cmd *cmd, int ret);
void omega_vgpu_queue_kick(struct omega_vgpu_queue *q);
struct dma_fence *omega_vgpu_fence_alloc(struct omega_vgpu_device *vg);

/* omega_vgpu_cmd.c: command builders */
int omega_vgpu_get_display_info(struct omega_vgpu_device *vg,
				struct omega_vgpu_pmode *pmodes);
int omega_vgpu_get_edid(struct omega_vgpu_device *vg, u32 scanout,
			u8 *buf, u32 *len);
int omega_vgpu_resource_create_2d(struct omega_vgpu_device *vg, u32 id,
				  u32 format, u32 width, u32 height);
int omega_vgpu_resource_unref(struct omega_vgpu_device *vg, u32 id);
int omega_vgpu_attach_backing(struct omega_vgpu_device *vg, u32 id,
			      struct sg_table *sgt, bool imported);
int omega_vgpu_detach_backing(struct omega_vgpu_device *vg, u32 id);
int omega_vgpu_set_scanout(struct omega_vgpu_device *vg, u32 scanout, u32 id,
			   const struct omega_vgpu_xfer *src);
int omega_vgpu_transfer_to_host_2d(struct omega_vgpu_device *vg, u32 id,
				   const struct omega_vgpu_xfer *x);
int omega_vgpu_resource_flush(struct omega_vgpu_device *vg, u32 id,
			      const struct omega_vgpu_xfer *x,
			      struct dma_fence *fence);
int omega_vgpu_cursor_cmd(struct omega_vgpu_device *vg, u32 type, u32 scanout,
			  u32 id, s32 x, s32 y, u32 hot_x, u32 hot_y);

/* omega_vgpu_gem.c */
struct drm_gem_object *omega_vgpu_gem_create_object(struct drm_device *drm,
						    size_t size);
int omega_vgpu_dumb_create(struct drm_file *file, struct drm_device *drm,
			   struct drm_mode_create_dumb *args);
struct drm_gem_object *omega_vgpu_gem_prime_import(struct drm_device *drm,
						   struct dma_buf *buf);
int omega_vgpu_open(struct drm_device *drm, struct drm_file *file);
void omega_vgpu_postclose(struct drm_device *drm, struct drm_file *file);
struct sg_table *omega_vgpu_bo_backing(struct omega_vgpu_bo *bo);
int omega_vgpu_resources_restore(struct omega_vgpu_device *vg);
void omega_vgpu_bo_sync_for_device(struct omega_vgpu_device *vg,
				   struct omega_vgpu_bo *bo);
int omega_vgpu_bo_ensure_resource(struct omega_vgpu_device *vg,
				  struct omega_vgpu_bo *bo, u32 format,
				  u32 pitch, u32 cpp);
struct sg_table *omega_vgpu_bo_pin_pages(struct omega_vgpu_device *vg,
					 struct omega_vgpu_bo *bo);
int omega_vgpu_bo_charge(struct omega_vgpu_device *vg,
			 struct omega_vgpu_fpriv *fp, u64 size);

/* omega_vgpu_bo_track.c */
void omega_vgpu_bo_untrack(struct omega_vgpu_bo *bo);
void omega_vgpu_bo_cpu_access(struct omega_vgpu_bo *bo);
void omega_vgpu_bo_reset_host(struct omega_vgpu_bo *bo);
bool omega_vgpu_bo_whole_upload(struct omega_vgpu_device *vg,
				struct omega_vgpu_bo *bo,
				const struct drm_rect *rect);

/* omega_vgpu_vblank.c */
int omega_vgpu_vblank_init(struct omega_vgpu_device *vg);
void omega_vgpu_vblank_fini(struct omega_vgpu_device *vg);
int omega_vgpu_enable_vblank(struct drm_crtc *crtc);
void omega_vgpu_disable_vblank(struct drm_crtc *crtc);
bool omega_vgpu_get_vblank_timestamp(struct drm_crtc *crtc, int *max_error,
				     ktime_t *time, bool in_vblank_irq);
void omega_vgpu_vblank_set_mode(struct drm_crtc *crtc,
				const struct drm_display_mode *mode);
void omega_vgpu_vblank_off(struct drm_crtc *crtc);
void omega_vgpu_vblank_queue_event(struct drm_crtc *crtc,
				   struct drm_pending_vblank_event *event,
				   struct dma_fence *fence, bool new_frame);

/* omega_vgpu_debugfs.c */
void omega_vgpu_debugfs_init(struct drm_minor *minor);
void omega_vgpu_fault_apply(struct omega_vgpu_device *vg, void *req);

/* omega_vgpu_kms.c */
int omega_vgpu_kms_init(struct omega_vgpu_device *vg);
void omega_vgpu_kms_fini(struct omega_vgpu_device *vg);
int omega_vgpu_refresh_outputs(struct omega_vgpu_device *vg);

/* omega_vgpu_caps.c: ARL grants and presents */
struct dentry;
int omega_vgpu_caps_init(struct omega_vgpu_device *vg);
void omega_vgpu_caps_fini(struct omega_vgpu_device *vg);
void omega_vgpu_caps_debugfs_init(struct omega_vgpu_device *vg,
				  struct dentry *root);
int omega_vgpu_arl_grant_ioctl(struct drm_device *drm, void *data,
			       struct drm_file *file);
int omega_vgpu_arl_revoke_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file);
int omega_vgpu_arl_query_ioctl(struct drm_device *drm, void *data,
			       struct drm_file *file);
int omega_vgpu_arl_list_ioctl(struct drm_device *drm, void *data,
			      struct drm_file *file);
int omega_vgpu_arl_present_ioctl(struct drm_device *drm, void *data,
				 struct drm_file *file);

/* omega_vgpu_virgl.c: 3D contexts, resources and submissions */
struct omega_vgpu_virgl;
struct omega_vgpu_vctx;
int omega_vgpu_virgl_init(struct omega_vgpu_device *vg);
void omega_vgpu_virgl_debugfs_init(struct omega_vgpu_device *vg,
				   struct dentry *root);
void omega_vgpu_virgl_postclose(struct omega_vgpu_device *vg,
				struct omega_vgpu_fpriv *fp);
int omega_vgpu_virgl_bo_open(struct drm_gem_object *obj,
			     struct drm_file *file);
void omega_vgpu_virgl_bo_close(struct drm_gem_object *obj,
			       struct drm_file *file);
int omega_vgpu_virgl_map_ioctl(struct drm_device *drm, void *data,
			       struct drm_file *file);
int omega_vgpu_virgl_execbuffer_ioctl(struct drm_device *drm, void *data,
				      struct drm_file *file);
int omega_vgpu_virgl_getparam_ioctl(struct drm_device *drm, void *data,
				    struct drm_file *file);
int omega_vgpu_virgl_resource_create_ioctl(struct drm_device *drm, void *data,
					   struct drm_file *file);
int omega_vgpu_virgl_resource_info_ioctl(struct drm_device *drm, void *data,
					 struct drm_file *file);
int omega_vgpu_virgl_transfer_from_host_ioctl(struct drm_device *drm,
					      void *data,
					      struct drm_file *file);
int omega_vgpu_virgl_transfer_to_host_ioctl(struct drm_device *drm, void *data,
					    struct drm_file *file);
int omega_vgpu_virgl_wait_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file);
int omega_vgpu_virgl_get_caps_ioctl(struct drm_device *drm, void *data,
				    struct drm_file *file);
int omega_vgpu_virgl_context_init_ioctl(struct drm_device *drm, void *data,
					struct drm_file *file);

#endif /* OMEGA_VGPU_DRV_H */
