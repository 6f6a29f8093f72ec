/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the omega_vgpu reliability tests: every output with its
 * CRTC, primary and cursor plane; DRM leases; debugfs values; a flip loop
 * that accounts for every page-flip event.  Result lines come from ../ut.h.
 */
#ifndef REL_COMMON_H
#define REL_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "../ut.h"

/* Not in bookworm's libdrm headers; in the kernel's uAPI since 6.8. */
#ifndef DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT
#define DRM_CLIENT_CAP_CURSOR_PLANE_HOTSPOT 6
#endif

#define REL_DEBUGFS	"/sys/kernel/debug/dri/0"
#define REL_MAX_OUTPUTS	4

struct rel_output {
	struct ut_output o;
	uint32_t cursor_plane;
};

/*
 * Universal planes + atomic, and on kernels that have it the hotspot cap
 * (a virtual driver's cursor plane is hidden from atomic clients without it).
 */
int rel_client_caps(int fd);
/* Connected outputs, in connector order; returns how many (or -errno). */
int rel_outputs(int fd, struct rel_output *outs, int max);
/* A lease of one output (connector, CRTC, both planes): the lessee's fd. */
int rel_lease(int fd, const struct rel_output *out);

/* "key: value" of a debugfs file of the driver, or -1. */
long long rel_debugfs_value(const char *file, const char *key);
/* Lines of a debugfs file that contain @needle, or -1. */
int rel_debugfs_count(const char *file, const char *needle);
/* Write a string to a file; 0 or -errno. */
int rel_write_file(const char *path, const char *text);
/* Monotonic time in milliseconds. */
uint64_t rel_now_ms(void);

struct rel_flip_stats {
	long flips;		/* commits accepted */
	long events;		/* events received */
	long lost;		/* flips whose event did not come in time */
	long dup;		/* events that were not the one expected */
	long cursor_moves;	/* cursor moves accepted */
	int err;		/* first errno of a refused call, 0 if none */
	const char *err_op;	/* which call it was */
};

struct rel_flip_opts {
	unsigned int seconds;	/* run time (0: until an error) */
	bool cursor;		/* move a cursor while flipping */
	bool until_error;	/* stop at the first refused call (unplug) */
	int event_timeout_ms;	/* a flip's event must come within this */
	unsigned int max_flips;	/* stop after this many flips (0: no limit) */
	bool keep_objects;	/* leave buffers and framebuffers to close() */
};

/*
 * Modeset @out on @fd (a master or lessee) with two mapped dumb buffers
 * and flip between them, one at a time, with a page-flip event each: every
 * event must carry the sequence number of the one flip in flight.
 * Returns 0 when the loop ran its time, -errno when setup failed.
 */
int rel_flip_loop(int fd, const struct rel_output *out,
		  const struct rel_flip_opts *opts, struct rel_flip_stats *st);

#endif /* REL_COMMON_H */
