// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the omega_vgpu KMS feature tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kms_common.h"

static const char *const kms_tracefs_dirs[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
};

char *kms_read_file(const char *path)
{
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	for (;;) {
		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = 0;
	return buf;
}

long long kms_debugfs_value(const char *file, const char *key)
{
	char path[256], *text, *p;
	size_t klen = strlen(key);
	long long v = -1;

	snprintf(path, sizeof(path), "%s/%s", KMS_DEBUGFS, file);
	text = kms_read_file(path);
	if (!text)
		return -1;
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			v = strtoll(p + klen + 1, NULL, 10);
			break;
		}
	}
	free(text);
	return v;
}

static const char *kms_tracefs(void)
{
	static char found[64];
	unsigned int i;
	char path[128];

	if (found[0])
		return found;
	for (i = 0; i < UT_ARRAY_SIZE(kms_tracefs_dirs); i++) {
		snprintf(path, sizeof(path), "%s/trace", kms_tracefs_dirs[i]);
		if (access(path, W_OK) == 0) {
			snprintf(found, sizeof(found), "%s", kms_tracefs_dirs[i]);
			return found;
		}
	}
	/* Not mounted yet: mount it where the kernel expects it. */
	if (system("mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null") == 0 &&
	    access("/sys/kernel/tracing/trace", W_OK) == 0) {
		snprintf(found, sizeof(found), "/sys/kernel/tracing");
		return found;
	}
	return NULL;
}

static int kms_write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

int kms_trace_start(const char *event)
{
	const char *dir = kms_tracefs();
	char path[256];
	int ret;

	if (!dir)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/tracing_on", dir);
	kms_write_str(path, "0");
	snprintf(path, sizeof(path), "%s/trace", dir);
	kms_write_str(path, "");
	if (event)
		snprintf(path, sizeof(path), "%s/events/omega_vgpu/%s/enable",
			 dir, event);
	else
		snprintf(path, sizeof(path), "%s/events/omega_vgpu/enable", dir);
	ret = kms_write_str(path, "1");
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/tracing_on", dir);
	return kms_write_str(path, "1");
}

char *kms_trace_read(void)
{
	const char *dir = kms_tracefs();
	char path[256];

	if (!dir)
		return NULL;
	snprintf(path, sizeof(path), "%s/trace", dir);
	return kms_read_file(path);
}

void kms_trace_stop(void)
{
	const char *dir = kms_tracefs();
	char path[256];

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/events/omega_vgpu/enable", dir);
	kms_write_str(path, "0");
}

uint64_t kms_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
}

int kms_legacy_modeset(int fd, const struct ut_output *out,
		       const drmModeModeInfo *mode, const struct ut_dumb *db)
{
	drmModeModeInfo m = *mode;
	uint32_t conn = out->conn_id;

	if (drmModeSetCrtc(fd, out->crtc_id, db->fb_id, 0, 0, &conn, 1, &m))
		return -errno;
	return 0;
}

void kms_fill_rect(struct ut_dumb *db, uint32_t x, uint32_t y, uint32_t w,
		   uint32_t h, uint32_t argb)
{
	uint32_t i, j;

	for (j = y; j < y + h && j < db->height; j++) {
		uint32_t *row = (uint32_t *)((char *)db->map + j * db->pitch);

		for (i = x; i < x + w && i < db->width; i++)
			row[i] = argb;
	}
}

int kms_screendump(const char *name, int head)
{
	char cmd[256];
	int st;

	if (head < 0)
		snprintf(cmd, sizeof(cmd), "omega-screendump '%s' >/dev/null", name);
	else
		snprintf(cmd, sizeof(cmd), "omega-screendump '%s' %d >/dev/null",
			 name, head);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return 0;
}

int kms_wait_event(int fd, drmEventContext *ev, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int ret = poll(&pfd, 1, timeout_ms);

	if (ret < 0)
		return -errno;
	if (ret == 0)
		return 0;
	if (drmHandleEvent(fd, ev))
		return -EIO;
	return 1;
}
