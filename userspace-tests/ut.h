/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers for the omega_vgpu userspace tests.
 *
 * Every test prints one line per check:
 *   PASS: <name>
 *   FAIL: <name> <reason>
 *   SKIP: <name> <reason>
 * and exits non-zero when any check failed.  A SKIP is never a pass.
 */
#ifndef UT_H
#define UT_H

#include <stdbool.h>
#include <stdint.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#define UT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Driver name reported by drmGetVersion when the in-tree driver runs. */
#define UT_INTREE_NAME "virtio_gpu"

struct ut_output {
	uint32_t conn_id;
	uint32_t enc_id;
	uint32_t crtc_id;
	unsigned int crtc_index;
	uint32_t plane_id;
	drmModeModeInfo mode;
};

struct ut_dumb {
	uint32_t handle;
	uint32_t width;
	uint32_t height;
	uint32_t pitch;
	uint64_t size;
	uint32_t fb_id;
	uint32_t *map;
};

extern int ut_failures;

void ut_pass(const char *name);
void ut_fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ut_skip(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ut_exit_status(void);

const char *ut_expected_driver(void);
bool ut_is_intree(int fd);

int ut_open_card(void);
int ut_enable_atomic(int fd);
int ut_find_output(int fd, struct ut_output *out);
int ut_find_mode(int fd, uint32_t conn_id, unsigned int w, unsigned int h,
		 drmModeModeInfo *mode);

int ut_dumb_create(int fd, uint32_t w, uint32_t h, struct ut_dumb *db);
int ut_dumb_add_fb(int fd, struct ut_dumb *db, uint32_t fourcc);
void ut_dumb_fill(struct ut_dumb *db, uint32_t xrgb);
void ut_dumb_destroy(int fd, struct ut_dumb *db);

uint32_t ut_prop_id(int fd, uint32_t obj_id, uint32_t obj_type,
		    const char *name);
int ut_atomic_modeset(int fd, const struct ut_output *out,
		      const drmModeModeInfo *mode, const struct ut_dumb *db,
		      uint32_t flags, void *user_data);
int ut_atomic_flip(int fd, const struct ut_output *out,
		   const struct ut_dumb *db, uint32_t flags, void *user_data);
int ut_atomic_disable(int fd, const struct ut_output *out);

int ut_screendump(const char *name);

#endif /* UT_H */
