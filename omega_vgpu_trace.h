/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omega_vgpu tracepoints: every request and response on both queues,
 * fences, flips, vblanks and cursor updates, decoded so that a trace reads
 * as the protocol does.  Enable with
 *   echo 1 > /sys/kernel/tracing/events/omega_vgpu/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM omega_vgpu

#if !defined(OMEGA_VGPU_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define OMEGA_VGPU_TRACE_H

#include <linux/tracepoint.h>

#include "omega_vgpu_drv.h"

#define omega_vgpu_show_type(t) __print_symbolic(t,			\
	{ OMEGA_VGPU_CMD_GET_DISPLAY_INFO, "GET_DISPLAY_INFO" },	\
	{ OMEGA_VGPU_CMD_RESOURCE_CREATE_2D, "RESOURCE_CREATE_2D" },	\
	{ OMEGA_VGPU_CMD_RESOURCE_UNREF, "RESOURCE_UNREF" },		\
	{ OMEGA_VGPU_CMD_SET_SCANOUT, "SET_SCANOUT" },			\
	{ OMEGA_VGPU_CMD_RESOURCE_FLUSH, "RESOURCE_FLUSH" },		\
	{ OMEGA_VGPU_CMD_TRANSFER_TO_HOST_2D, "TRANSFER_TO_HOST_2D" },	\
	{ OMEGA_VGPU_CMD_RESOURCE_ATTACH_BACKING, "RESOURCE_ATTACH_BACKING" }, \
	{ OMEGA_VGPU_CMD_RESOURCE_DETACH_BACKING, "RESOURCE_DETACH_BACKING" }, \
	{ OMEGA_VGPU_CMD_GET_CAPSET_INFO, "GET_CAPSET_INFO" },		\
	{ OMEGA_VGPU_CMD_GET_CAPSET, "GET_CAPSET" },			\
	{ OMEGA_VGPU_CMD_GET_EDID, "GET_EDID" },			\
	{ OMEGA_VGPU_CMD_CTX_CREATE, "CTX_CREATE" },			\
	{ OMEGA_VGPU_CMD_CTX_DESTROY, "CTX_DESTROY" },			\
	{ OMEGA_VGPU_CMD_SUBMIT_3D, "SUBMIT_3D" },			\
	{ OMEGA_VGPU_CMD_UPDATE_CURSOR, "UPDATE_CURSOR" },		\
	{ OMEGA_VGPU_CMD_MOVE_CURSOR, "MOVE_CURSOR" },			\
	{ 0, "NONE" },							\
	{ OMEGA_VGPU_RESP_OK_NODATA, "OK_NODATA" },			\
	{ OMEGA_VGPU_RESP_OK_DISPLAY_INFO, "OK_DISPLAY_INFO" },		\
	{ OMEGA_VGPU_RESP_OK_CAPSET_INFO, "OK_CAPSET_INFO" },		\
	{ OMEGA_VGPU_RESP_OK_CAPSET, "OK_CAPSET" },			\
	{ OMEGA_VGPU_RESP_OK_EDID, "OK_EDID" },				\
	{ OMEGA_VGPU_RESP_ERR_UNSPEC, "ERR_UNSPEC" },			\
	{ OMEGA_VGPU_RESP_ERR_OUT_OF_MEMORY, "ERR_OUT_OF_MEMORY" },	\
	{ OMEGA_VGPU_RESP_ERR_INVALID_SCANOUT_ID, "ERR_INVALID_SCANOUT_ID" }, \
	{ OMEGA_VGPU_RESP_ERR_INVALID_RESOURCE_ID, "ERR_INVALID_RESOURCE_ID" }, \
	{ OMEGA_VGPU_RESP_ERR_INVALID_CONTEXT_ID, "ERR_INVALID_CONTEXT_ID" }, \
	{ OMEGA_VGPU_RESP_ERR_INVALID_PARAMETER, "ERR_INVALID_PARAMETER" })

#define omega_vgpu_show_queue(q) __print_symbolic(q, { 0, "control" }, { 1, "cursor" })

DECLARE_EVENT_CLASS(omega_vgpu_cmd_class,
		    TP_PROTO(int queue, const struct omega_vgpu_req_info *info,
			     u32 resp_type, int status, u64 latency_ns),
		    TP_ARGS(queue, info, resp_type, status, latency_ns),
		    TP_STRUCT__entry(__field(int, queue)
				     __field(u32, type)
				     __field(u32, res_id)
				     __field(u32, scanout)
				     __array(u32, rect, 4)
				     __field(u64, fence)
				     __field(u32, resp_type)
				     __field(int, status)
				     __field(u64, latency_ns)
		    ),
		    TP_fast_assign(__entry->queue = queue;
				   __entry->type = info->type;
				   __entry->res_id = info->res_id;
				   __entry->scanout = info->scanout;
				   memcpy(__entry->rect, info->rect, sizeof(__entry->rect));
				   __entry->fence = info->fence;
				   __entry->resp_type = resp_type;
				   __entry->status = status;
				   __entry->latency_ns = latency_ns;
		    ),
		    TP_printk("%s %s res=%u scanout=%d rect=%ux%u+%u+%u fence=%llu resp=%s status=%d latency_us=%llu",
			      omega_vgpu_show_queue(__entry->queue),
			      omega_vgpu_show_type(__entry->type), __entry->res_id,
			      (int)__entry->scanout, __entry->rect[2], __entry->rect[3],
			      __entry->rect[0], __entry->rect[1], __entry->fence,
			      omega_vgpu_show_type(__entry->resp_type), __entry->status,
			      __entry->latency_ns / 1000)
);

DEFINE_EVENT(omega_vgpu_cmd_class, omega_vgpu_cmd_submit,
	     TP_PROTO(int queue, const struct omega_vgpu_req_info *info,
		      u32 resp_type, int status, u64 latency_ns),
	     TP_ARGS(queue, info, resp_type, status, latency_ns));

DEFINE_EVENT(omega_vgpu_cmd_class, omega_vgpu_cmd_response,
	     TP_PROTO(int queue, const struct omega_vgpu_req_info *info,
		      u32 resp_type, int status, u64 latency_ns),
	     TP_ARGS(queue, info, resp_type, status, latency_ns));

TRACE_EVENT(omega_vgpu_fence_signal,
	    TP_PROTO(u64 seqno, int error),
	    TP_ARGS(seqno, error),
	    TP_STRUCT__entry(__field(u64, seqno) __field(int, error)),
	    TP_fast_assign(__entry->seqno = seqno; __entry->error = error;),
	    TP_printk("fence=%llu error=%d", __entry->seqno, __entry->error)
);

/* Stages of a flip's event. */
#define OMEGA_VGPU_FLIP_QUEUED	0	/* waiting for the host */
#define OMEGA_VGPU_FLIP_ARMED	1	/* host has the frame, next vblank */
#define OMEGA_VGPU_FLIP_SENT	2	/* sent at once (CRTC off) */

TRACE_EVENT(omega_vgpu_flip,
	    TP_PROTO(u32 crtc, u64 fence, int stage),
	    TP_ARGS(crtc, fence, stage),
	    TP_STRUCT__entry(__field(u32, crtc) __field(u64, fence)
			     __field(int, stage)),
	    TP_fast_assign(__entry->crtc = crtc; __entry->fence = fence;
			   __entry->stage = stage;),
	    TP_printk("crtc=%u fence=%llu %s", __entry->crtc, __entry->fence,
		      __print_symbolic(__entry->stage, { 0, "queued" },
				       { 1, "armed" }, { 2, "sent" }))
);

TRACE_EVENT(omega_vgpu_vblank,
	    TP_PROTO(u32 crtc, s64 time_ns),
	    TP_ARGS(crtc, time_ns),
	    TP_STRUCT__entry(__field(u32, crtc) __field(s64, time_ns)),
	    TP_fast_assign(__entry->crtc = crtc; __entry->time_ns = time_ns;),
	    TP_printk("crtc=%u time_ns=%lld", __entry->crtc, __entry->time_ns)
);

TRACE_EVENT(omega_vgpu_cursor,
	    TP_PROTO(u32 scanout, u32 type, s32 x, s32 y, u32 hot_x, u32 hot_y,
		     u32 res_id),
	    TP_ARGS(scanout, type, x, y, hot_x, hot_y, res_id),
	    TP_STRUCT__entry(__field(u32, scanout) __field(u32, type)
			     __field(s32, x) __field(s32, y)
			     __field(u32, hot_x) __field(u32, hot_y)
			     __field(u32, res_id)),
	    TP_fast_assign(__entry->scanout = scanout; __entry->type = type;
			   __entry->x = x; __entry->y = y;
			   __entry->hot_x = hot_x; __entry->hot_y = hot_y;
			   __entry->res_id = res_id;),
	    TP_printk("scanout=%u %s x=%d y=%d hot_x=%u hot_y=%u res=%u",
		      __entry->scanout, omega_vgpu_show_type(__entry->type),
		      __entry->x, __entry->y, __entry->hot_x, __entry->hot_y,
		      __entry->res_id)
);

#endif /* OMEGA_VGPU_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE omega_vgpu_trace
#include <trace/define_trace.h>
