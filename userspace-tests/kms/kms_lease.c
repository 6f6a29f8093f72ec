// SPDX-License-Identifier: GPL-2.0
/*
 * kms_lease - DRM leases.
 *
 * The master leases CRTC 0, its connector and primary plane.  The lessee
 * sees only those objects, modesets and flips on them (screendump
 * lease-lessee shows its colour); it cannot drive the unleased CRTC 1, and
 * a second lessee (of CRTC 1) cannot drive CRTC 0; a plain client cannot
 * modeset at all.  Revoking the lease takes the objects away from the
 * lessee.  Needs two outputs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <drm_fourcc.h>

#include "kms_common.h"

struct head {
	uint32_t crtc, conn, plane;
	unsigned int index;
};

static int find_head(int fd, unsigned int index, struct head *hd)
{
	drmModeResPtr res = drmModeGetResources(fd);
	int ret = -ENOENT;

	if (!res)
		return -errno;
	if (res->count_crtcs > (int)index && res->count_connectors > (int)index) {
		hd->crtc = res->crtcs[index];
		hd->conn = res->connectors[index];
		hd->index = index;
		ret = 0;
	}
	drmModeFreeResources(res);
	if (ret)
		return ret;
	{
		drmModePlaneResPtr pres = drmModeGetPlaneResources(fd);
		uint32_t i;

		hd->plane = 0;
		for (i = 0; pres && i < pres->count_planes && !hd->plane; i++) {
			drmModePlanePtr p = drmModeGetPlane(fd, pres->planes[i]);
			uint32_t type_prop = ut_prop_id(fd, pres->planes[i],
							DRM_MODE_OBJECT_PLANE, "type");
			drmModeObjectPropertiesPtr props =
				drmModeObjectGetProperties(fd, pres->planes[i],
							   DRM_MODE_OBJECT_PLANE);
			uint32_t k;

			for (k = 0; props && k < props->count_props; k++)
				if (props->props[k] == type_prop &&
				    props->prop_values[k] == DRM_PLANE_TYPE_PRIMARY &&
				    p && (p->possible_crtcs & (1u << index)))
					hd->plane = p->plane_id;
			drmModeFreeObjectProperties(props);
			drmModeFreePlane(p);
		}
		drmModeFreePlaneResources(pres);
	}
	return hd->plane ? 0 : -ENOENT;
}

static int lease(int fd, const struct head *hd, uint32_t *lessee)
{
	uint32_t objs[3] = { hd->crtc, hd->conn, hd->plane };

	return drmModeCreateLease(fd, objs, 3, O_CLOEXEC, lessee);
}

static int try_setcrtc(int fd, uint32_t crtc, uint32_t conn,
		       const drmModeModeInfo *mode, uint32_t fb)
{
	drmModeModeInfo m = *mode;

	return drmModeSetCrtc(fd, crtc, fb, 0, 0, &conn, 1, &m) ? -errno : 0;
}

int main(void)
{
	struct head h0, h1;
	struct ut_output out;
	struct ut_dumb db = { 0 }, db1 = { 0 }, mine = { 0 };
	drmModeModeInfo mode;
	drmModeResPtr res;
	drmModeLesseeListPtr list;
	drmModeObjectListPtr objs;
	uint32_t lessee = 0, lessee1 = 0, i;
	int fd, lfd, lfd1 = -1, plain, ret;
	bool found;

	fd = ut_open_card();
	if (fd < 0)
		return 1;
	drmSetClientCap(fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	if (ut_find_output(fd, &out) || find_head(fd, 0, &h0) || find_head(fd, 1, &h1)) {
		ut_fail("lease.setup", "need two heads with primary planes");
		return 1;
	}
	mode = out.mode;
	/* The master takes control, so leases are made from a real master. */
	if (ut_dumb_create(fd, mode.hdisplay, mode.vdisplay, &mine) ||
	    ut_dumb_add_fb(fd, &mine, DRM_FORMAT_XRGB8888) ||
	    try_setcrtc(fd, h0.crtc, h0.conn, &mode, mine.fb_id)) {
		ut_fail("lease.setup", "master modeset: %s", strerror(errno));
		return 1;
	}
	drmModeSetCrtc(fd, h0.crtc, 0, 0, 0, NULL, 0, NULL);

	lfd = lease(fd, &h0, &lessee);
	if (lfd < 0) {
		ut_fail("lease.create", "drmModeCreateLease: %s", strerror(-lfd));
		return 1;
	}
	ut_pass("lease.create");

	list = drmModeListLessees(fd);
	found = false;
	for (i = 0; list && i < list->count; i++)
		found |= list->lessees[i] == lessee;
	if (found)
		ut_pass("lease.list_lessees");
	else
		ut_fail("lease.list_lessees", "lessee %u not listed", lessee);
	drmFree(list);

	drmSetClientCap(lfd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1);
	objs = drmModeGetLease(lfd);
	res = drmModeGetResources(lfd);
	if (!objs || objs->count != 3 || !res || res->count_crtcs != 1 ||
	    res->crtcs[0] != h0.crtc || res->count_connectors != 1 ||
	    res->connectors[0] != h0.conn)
		ut_fail("lease.lessee_view", "lease has %d objects; lessee sees %d CRTCs, %d connectors",
			objs ? (int)objs->count : -1, res ? res->count_crtcs : -1,
			res ? res->count_connectors : -1);
	else
		ut_pass("lease.lessee_view");
	drmFree(objs);
	drmModeFreeResources(res);

	/* The lessee drives its CRTC: modeset and a page flip with event. */
	if (ut_dumb_create(lfd, mode.hdisplay, mode.vdisplay, &db) ||
	    ut_dumb_add_fb(lfd, &db, DRM_FORMAT_XRGB8888)) {
		ut_fail("lease.lessee_modeset", "lessee buffer: %s", strerror(errno));
		goto revoke;
	}
	ut_dumb_fill(&db, 0x00a040c0);
	ret = try_setcrtc(lfd, h0.crtc, h0.conn, &mode, db.fb_id);
	if (ret) {
		ut_fail("lease.lessee_modeset", "SetCrtc: %s", strerror(-ret));
		goto revoke;
	}
	ut_pass("lease.lessee_modeset");
	if (drmModePageFlip(lfd, h0.crtc, db.fb_id, DRM_MODE_PAGE_FLIP_EVENT, NULL)) {
		ut_fail("lease.lessee_flip", "PageFlip: %s", strerror(errno));
	} else {
		drmEventContext ev = { .version = 2 };

		if (kms_wait_event(lfd, &ev, 2000) == 1)
			ut_pass("lease.lessee_flip");
		else
			ut_fail("lease.lessee_flip", "no flip event in 2 s");
	}
	usleep(200 * 1000);
	printf("EXPECT-RECT: dump=lease-lessee rect=0,0,%u,%u colour=a040c0\n",
	       mode.hdisplay, mode.vdisplay);
	if (kms_screendump("lease-lessee", 0))
		ut_fail("lease.screendump", "screendump failed");

	/* Not leased: CRTC 1 is invisible to the lessee. */
	ret = try_setcrtc(lfd, h1.crtc, h1.conn, &mode, db.fb_id);
	if (ret == 0)
		ut_fail("lease.lessee_unleased_crtc", "lessee modeset unleased CRTC %u",
			h1.crtc);
	else
		ut_pass("lease.lessee_unleased_crtc");
	printf("INFO: lessee on unleased CRTC: %s\n", strerror(-ret));

	/* Another lessee (of head 1) cannot touch head 0. */
	lfd1 = lease(fd, &h1, &lessee1);
	if (lfd1 < 0) {
		ut_fail("lease.other_lessee", "second lease: %s", strerror(-lfd1));
	} else if (ut_dumb_create(lfd1, mode.hdisplay, mode.vdisplay, &db1) ||
		   ut_dumb_add_fb(lfd1, &db1, DRM_FORMAT_XRGB8888)) {
		ut_fail("lease.other_lessee", "buffer: %s", strerror(errno));
	} else {
		ret = try_setcrtc(lfd1, h0.crtc, h0.conn, &mode, db1.fb_id);
		if (ret == 0)
			ut_fail("lease.other_lessee", "lessee of CRTC %u drove CRTC %u",
				h1.crtc, h0.crtc);
		else
			ut_pass("lease.other_lessee");
	}

	/* A client that is not master cannot modeset anything. */
	plain = ut_open_card();
	if (plain >= 0) {
		ret = try_setcrtc(plain, h0.crtc, h0.conn, &mode, mine.fb_id);
		if (ret == 0)
			ut_fail("lease.plain_client", "non-master client modeset CRTC %u",
				h0.crtc);
		else
			ut_pass("lease.plain_client");
		close(plain);
	}

revoke:
	if (drmModeRevokeLease(fd, lessee)) {
		ut_fail("lease.revoke", "RevokeLease: %s", strerror(errno));
	} else {
		ret = try_setcrtc(lfd, h0.crtc, h0.conn, &mode, db.fb_id);
		list = drmModeListLessees(fd);
		found = false;
		for (i = 0; list && i < list->count; i++)
			found |= list->lessees[i] == lessee;
		drmFree(list);
		if (ret == 0)
			ut_fail("lease.revoke", "revoked lessee still modesets");
		else if (found)
			ut_fail("lease.revoke", "revoked lessee %u still listed", lessee);
		else
			ut_pass("lease.revoke");
		printf("INFO: revoked lessee SetCrtc: %s\n", strerror(-ret));
	}
	ut_dumb_destroy(lfd, &db);
	close(lfd);
	if (lfd1 >= 0) {
		ut_dumb_destroy(lfd1, &db1);
		close(lfd1);
	}
	ut_dumb_destroy(fd, &mine);
	close(fd);
	return ut_exit_status();
}
