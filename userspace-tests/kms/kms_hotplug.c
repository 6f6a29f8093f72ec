// SPDX-License-Identifier: GPL-2.0
/*
 * kms_hotplug - a resize from the host reaches userspace.
 *
 *   kms_hotplug W H
 *
 * Listens on a kobject-uevent netlink socket, asks the host for a resize
 * (`omega-screendump resize-WxH`: the host's rfb_helper.py sees that file
 * and sends RFB SetDesktopSize(W, H) to QEMU's VNC server, which QEMU turns
 * into a virtio-gpu display-change event), then expects a drm HOTPLUG=1
 * uevent, a connector whose preferred mode is W x H, and a modeset to it
 * that the host's screendump shows at that size.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <drm_fourcc.h>

#include "kms_common.h"

static int uevent_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			NETLINK_KOBJECT_UEVENT);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* True if the message (NUL-separated KEY=VALUE strings) has key=value. */
static bool uevent_has(const char *msg, size_t len, const char *kv)
{
	size_t off = 0;

	while (off < len) {
		if (!strcmp(msg + off, kv))
			return true;
		off += strlen(msg + off) + 1;
	}
	return false;
}

static int wait_hotplug(int nl, int timeout_ms)
{
	uint64_t end = kms_now_us() + timeout_ms * 1000ull;
	char buf[8192];

	while (kms_now_us() < end) {
		struct pollfd pfd = { .fd = nl, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 200) <= 0)
			continue;
		n = recv(nl, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			continue;
		buf[n] = 0;
		if (uevent_has(buf, n, "SUBSYSTEM=drm") &&
		    uevent_has(buf, n, "HOTPLUG=1")) {
			printf("INFO: uevent %s\n", buf);
			return 0;
		}
	}
	return -ETIMEDOUT;
}

static int preferred(int fd, uint32_t conn_id, drmModeModeInfo *mode)
{
	drmModeConnectorPtr c = drmModeGetConnector(fd, conn_id);
	int i, ret = -ENOENT;

	if (!c)
		return -errno;
	for (i = 0; i < c->count_modes; i++) {
		if (c->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			*mode = c->modes[i];
			ret = 0;
			break;
		}
	}
	drmModeFreeConnector(c);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned int w, h;
	struct ut_output out;
	drmModeModeInfo mode = { 0 };
	struct ut_dumb db;
	char cmd[64], dump[64];
	uint64_t t0;
	int fd, nl, i, ret;

	if (argc != 3) {
		fprintf(stderr, "usage: kms_hotplug WIDTH HEIGHT\n");
		return 2;
	}
	w = strtoul(argv[1], NULL, 0);
	h = strtoul(argv[2], NULL, 0);
	fd = ut_open_card();
	if (fd < 0)
		return 1;
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	if (ut_find_output(fd, &out)) {
		ut_fail("hotplug.setup", "no connected output");
		return 1;
	}
	printf("INFO: before: preferred %ux%u on connector %u\n",
	       out.mode.hdisplay, out.mode.vdisplay, out.conn_id);
	if (out.mode.hdisplay == w && out.mode.vdisplay == h) {
		ut_fail("hotplug.setup", "already %ux%u: pick another size", w, h);
		return 1;
	}
	nl = uevent_socket();
	/* The debug kernel is built without networking: no uevents to hear. */
	if (nl == -EAFNOSUPPORT || nl == -ENOSYS) {
		ut_skip("hotplug.uevent", "kernel without netlink: %s",
			strerror(-nl));
	} else if (nl < 0) {
		ut_fail("hotplug.uevent", "netlink socket: %s", strerror(-nl));
		return 1;
	}
	t0 = kms_now_us();
	snprintf(cmd, sizeof(cmd), "resize-%ux%u", w, h);
	if (kms_screendump(cmd, -1)) {
		ut_fail("hotplug.request", "could not ask the host for a resize");
		return 1;
	}
	ret = nl < 0 ? 0 : wait_hotplug(nl, 20000);
	if (nl < 0) {
		/* skipped above; the connector is still polled below */
	} else if (ret) {
		ut_fail("hotplug.uevent", "no drm HOTPLUG=1 uevent in 20 s");
	} else {
		printf("INFO: hotplug uevent %llu ms after the request\n",
		       (unsigned long long)(kms_now_us() - t0) / 1000);
		ut_pass("hotplug.uevent");
	}

	for (i = 0; i < 50; i++) {
		if (!preferred(fd, out.conn_id, &mode) && mode.hdisplay == w &&
		    mode.vdisplay == h)
			break;
		usleep(100 * 1000);
	}
	if (mode.hdisplay != w || mode.vdisplay != h) {
		ut_fail("hotplug.preferred_mode", "preferred %ux%u, want %ux%u",
			mode.hdisplay, mode.vdisplay, w, h);
		return ut_exit_status();
	}
	ut_pass("hotplug.preferred_mode");

	if (ut_dumb_create(fd, w, h, &db) || ut_dumb_add_fb(fd, &db, DRM_FORMAT_XRGB8888)) {
		ut_fail("hotplug.modeset", "buffer: %s", strerror(errno));
		return 1;
	}
	ut_dumb_fill(&db, 0x0040a040);
	if (kms_legacy_modeset(fd, &out, &mode, &db)) {
		ut_fail("hotplug.modeset", "SetCrtc %ux%u: %s", w, h, strerror(errno));
	} else {
		ut_pass("hotplug.modeset");
		usleep(200 * 1000);
		snprintf(dump, sizeof(dump), "hotplug-%ux%u", w, h);
		printf("EXPECT-SIZE: dump=%s size=%ux%u\n", dump, w, h);
		printf("EXPECT-RECT: dump=%s rect=0,0,%u,%u colour=40a040\n", dump, w, h);
		fflush(stdout);
		if (kms_screendump(dump, -1))
			ut_fail("hotplug.screendump", "screendump failed");
	}
	ut_dumb_destroy(fd, &db);
	if (nl >= 0)
		close(nl);
	close(fd);
	return ut_exit_status();
}
