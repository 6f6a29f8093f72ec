/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the omega_vgpu KMS feature tests (userspace-tests/kms/):
 * debugfs counters, the tracefs buffer, legacy modesets, screendumps of one
 * head and waiting for DRM events.  Result lines come from ../ut.h.
 */
#ifndef KMS_COMMON_H
#define KMS_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include "../ut.h"

/* Not in the headers of bookworm's libdrm (2.4.114); in the kernel's uAPI since 6.8. */
#ifndef DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT
#define DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT 6
#endif

#define KMS_DEBUGFS "/sys/kernel/debug/dri/0"

/* Value of "key: value" in a debugfs file of the driver, or -1. */
long long kms_debugfs_value(const char *file, const char *key);
/* Whole debugfs (or any) file into a malloc'd string, NULL on error. */
char *kms_read_file(const char *path);

/* tracefs: enable one omega_vgpu event (NULL: all) and clear the buffer. */
int kms_trace_start(const char *event);
/* The trace buffer as text (malloc'd), NULL on error. */
char *kms_trace_read(void);
void kms_trace_stop(void);

/* Monotonic clock in microseconds. */
uint64_t kms_now_us(void);

/* Legacy SetCrtc of a dumb buffer on an output, with its mode. */
int kms_legacy_modeset(int fd, const struct ut_output *out,
		       const drmModeModeInfo *mode, const struct ut_dumb *db);

/* Solid w x h rectangle at (x, y) in a dumb buffer. */
void kms_fill_rect(struct ut_dumb *db, uint32_t x, uint32_t y, uint32_t w,
		   uint32_t h, uint32_t argb);

/* omega-screendump NAME [HEAD]; head < 0 means the default console. */
int kms_screendump(const char *name, int head);

/*
 * Wait up to timeout_ms for DRM events and dispatch them through ev.
 * Returns 1 if something was handled, 0 on timeout, -errno on error.
 */
int kms_wait_event(int fd, drmEventContext *ev, int timeout_ms);

#endif /* KMS_COMMON_H */
