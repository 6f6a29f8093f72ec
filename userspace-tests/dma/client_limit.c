// SPDX-License-Identifier: GPL-2.0
/*
 * Allocates 1280x800 dumb buffers until the driver refuses, and checks that
 * the refusal is the per-client limit (ENOSPC) at the expected point, that
 * a second open file still gets its own budget, and that freeing buffers
 * gives the budget back.  Prints PASS:/FAIL: lines.
 *
 *   client_limit LIMIT_MIB
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <xf86drm.h>

#define MAX_BUFS 4096

static uint32_t handles[MAX_BUFS];

static int create(int fd, uint32_t *handle, uint64_t *size)
{
	struct drm_mode_create_dumb d = { .width = 1280, .height = 800, .bpp = 32 };

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &d))
		return errno;
	*handle = d.handle;
	*size = d.size;
	return 0;
}

static void destroy(int fd, uint32_t handle)
{
	struct drm_mode_destroy_dumb d = { .handle = handle };

	drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
}

int main(int argc, char **argv)
{
	uint64_t limit, size = 0, total = 0;
	int fd, fd2, n = 0, err = 0, fails = 0;
	uint32_t h;

	if (argc != 2)
		return 2;
	limit = strtoull(argv[1], NULL, 0) << 20;
	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	fd2 = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0 || fd2 < 0) {
		printf("FAIL: dma.limit_open %d\n", errno);
		return 1;
	}
	while (n < MAX_BUFS) {
		err = create(fd, &handles[n], &size);
		if (err)
			break;
		total += size;
		n++;
	}
	if (err == ENOSPC && total <= limit && total + size > limit) {
		printf("PASS: dma.limit_enospc\n");
	} else {
		printf("FAIL: dma.limit_enospc errno %d after %d buffers, %llu of %llu bytes\n",
		       err, n, (unsigned long long)total, (unsigned long long)limit);
		fails++;
	}
	err = create(fd2, &h, &size);
	if (!err) {
		printf("PASS: dma.limit_per_client\n");
		destroy(fd2, h);
	} else {
		printf("FAIL: dma.limit_per_client second file got errno %d\n", err);
		fails++;
	}
	destroy(fd, handles[--n]);
	err = create(fd, &h, &size);
	if (!err) {
		printf("PASS: dma.limit_released\n");
		destroy(fd, h);
	} else {
		printf("FAIL: dma.limit_released errno %d after freeing one\n", err);
		fails++;
	}
	while (n > 0)
		destroy(fd, handles[--n]);
	close(fd2);
	close(fd);
	return fails ? 1 : 0;
}
